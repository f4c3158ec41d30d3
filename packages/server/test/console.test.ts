/**
 * The web console in a real browser (Debian's Chromium through playwright-core), against real
 * servers: the standard stack over the testkit's Ollama and Gemini emulators, and core's pipeline
 * over scripted models where a test needs an artifact the stack does not have (an HTML page).
 * Every test waits for states, never for durations. Screenshots land in `reports/console/`.
 */
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Browser, Page } from "playwright-core"
import { layer as stackLayer } from "@lfai/stack"
import { Effect, Layer } from "effect"
import { defineArtifact, ModelControl, verdict, type LoadedModel } from "@lfai/core"
import { pipelineLayer, scriptedCloud, scriptedLocalModels } from "@lfai/core/testing"
import { startGemini, startOllama, type EmulatorHandle, type OllamaEmulatorHandle } from "@lfai/testkit"
import { start, type StartedServer } from "../src/index.ts"
import { ERD, MISTRAL } from "../bench/erd.ts"
import { launchBrowser, openPage, outside, SCREENSHOTS, type PageLog } from "./support/browser.ts"

const TIMEOUT = 180_000

/** Every page of this file, to check at the end that none asked anyone but our servers. */
const logs: Array<PageLog> = []
const origins: Array<string> = []

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
}, 120_000)
afterAll(async () => {
  await browser?.close()
})

const visit = async (server: StartedServer, path = "/") => {
  origins.push(server.url)
  const opened = await openPage(browser)
  logs.push(opened.log)
  await opened.page.goto(`${server.url}${path}`)
  return opened
}

const shoot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true })

const generateIn = async (page: Page, artifact: string, prompt: string) => {
  await page.getByRole("combobox", { name: "Artifact" }).selectOption(artifact)
  await page.getByRole("textbox", { name: "Prompt" }).fill(prompt)
  await page.getByRole("button", { name: "Generate" }).click()
}

interface Emulated {
  ollama: OllamaEmulatorHandle
  gemini: EmulatorHandle
  server: StartedServer
}

/**
 * For the describe block: the testkit's emulators with these scenarios and a server over the
 * standard stack pointed at them, started before its tests and stopped after them.
 */
const emulated = (ollamaScenario: object, geminiScenario: object): Emulated => {
  const handles = {} as Emulated
  beforeAll(async () => {
    handles.ollama = await startOllama({ scenario: { gpu_gb: 24, ...ollamaScenario } })
    handles.gemini = await startGemini({ scenario: geminiScenario })
    const layer = stackLayer({
      env: { OLLAMA_HOST: handles.ollama.url, GEMINI_BASE_URL: handles.gemini.url, GEMINI_API_KEY: "test-key" },
      implicitFile: false,
      overrides: { ollama: { persistent_models: [] } }
    })
    handles.server = await start({ layer })
  })
  afterAll(async () => {
    await handles.server?.close()
    await handles.ollama?.close()
    await handles.gemini?.close()
  })
  return handles
}

describe("the console over the standard stack", () => {
  // The answer streams token by token, so the progress has something to show.
  const emulators = emulated({ models: { [MISTRAL]: { replies: [`Here is the diagram:\n${ERD}`], tokens_per_second: 400 } } }, { replies: [ERD] })

  it(
    "generates an ERD and draws it as an inline SVG holding its entities; the GPU panel names the loaded model",
    async () => {
      const { page, close } = await visit(emulators.server)
      try {
        await generateIn(page, "erd", "an online shop: customers, orders, line items")
        const diagram = page.locator(".diagram svg")
        await diagram.waitFor()
        for (const entity of ["CUSTOMER", "ORDER", "LINE_ITEM"]) await expect(diagram.getByText(entity, { exact: true }).count()).resolves.toBeGreaterThan(0)
        await page.locator(".verdict").getByText("Passed", { exact: true }).waitFor()
        // the source beside it, highlighted, with line numbers
        await expect(page.getByRole("region", { name: "Source" }).locator(".line").first().textContent()).resolves.toContain("erDiagram")
        // every attempt: one local answer that passed
        const rows = page.locator("table.attempts tbody tr")
        await expect(rows.count()).resolves.toBe(1)
        await expect(rows.first().textContent()).resolves.toContain(MISTRAL)

        const gpu = page.getByRole("region", { name: "GPU" })
        await gpu.getByText(MISTRAL).waitFor()
        // the budget's own idle time, refreshed with the panel
        await gpu.locator(".model", { hasText: MISTRAL }).getByText(/^idle \d+ (s|min)$/).waitFor()
        await page.getByRole("region", { name: "Stats" }).locator("table.stats").getByText("erd", { exact: true }).waitFor()
        await shoot(page, "erd")

        // The browser's own timings, and what the console cost to load.
        // (Runs in the page: the DOM's types are not this project's, hence `any`.)
        const figures = await page.evaluate(() => {
          const timeline = (globalThis as any).performance
          const paint: Array<any> = timeline.getEntriesByType("paint")
          const mark = (name: string): number => timeline.getEntriesByName(name, "mark")[0]?.startTime ?? Number.NaN
          const resources: Array<any> = timeline.getEntriesByType("resource")
          const navigation = timeline.getEntriesByType("navigation")[0]
          const assets = resources.filter((entry) => new URL(entry.name).pathname.startsWith("/console/"))
          const mermaid = assets.filter((entry) => entry.name.includes("/vendor/mermaid/"))
          const sum = (entries: Array<any>, key: string) => entries.reduce((total, entry) => total + entry[key], 0)
          return {
            paint: Object.fromEntries(paint.map((entry) => [entry.name, entry.startTime])),
            domContentLoadedMs: navigation.domContentLoadedEventEnd,
            generateToDrawnMs: mark("lfai:diagram-drawn") - mark("lfai:generate"),
            navigationToDrawnMs: mark("lfai:diagram-drawn"),
            page: { transferred: navigation.transferSize, decoded: navigation.decodedBodySize },
            assets: {
              files: assets.length,
              transferred: sum(assets, "transferSize"),
              decoded: sum(assets, "decodedBodySize"),
              mermaidFiles: mermaid.length,
              mermaidTransferred: sum(mermaid, "transferSize")
            }
          }
        })
        writeFileSync(join(SCREENSHOTS, "timings.json"), `${JSON.stringify(figures, null, 2)}\n`)
        expect(figures.paint["first-contentful-paint"]).toBeGreaterThan(0)
        expect(figures.generateToDrawnMs).toBeGreaterThan(0)
      } finally {
        await close()
      }
    },
    TIMEOUT
  )

  it(
    "shows a broken diagram's parse error in the Validate tab, on the right line, beside mermaid's own message",
    async () => {
      const { page, close } = await visit(emulators.server)
      try {
        await page.getByRole("tab", { name: "Validate" }).click()
        await page.getByRole("combobox", { name: "Artifact" }).selectOption("erd")
        const broken = ["erDiagram", "  CUSTOMER ||--o{ ORDER : places", "  CUSTOMER {", "    string id PK", "  }", "  ORDER ||--|{ : contains", "  ORDER {", "    string id PK", "  }"]
        await page.getByRole("textbox", { name: "Content" }).fill(broken.join("\n"))
        await page.getByRole("button", { name: "Validate" }).click()
        await page.locator(".verdict").getByText("Failed", { exact: true }).waitFor()
        await page.locator(".issues").getByText("parse-error").waitFor()
        const jump = page.getByRole("button", { name: "Go to line 6" })
        await jump.waitFor()
        await jump.click()
        const line = page.locator('.source .line[data-line="6"]')
        await expect(line.getAttribute("class")).resolves.toContain("mark-error")
        await expect(line.textContent()).resolves.toContain("ORDER ||--|{ : contains")
        // mermaid in the browser cannot draw it either, and says why
        await page.getByText("Mermaid cannot draw this diagram").waitFor()
        await shoot(page, "validate-broken")
      } finally {
        await close()
      }
    },
    TIMEOUT
  )

  it(
    "serves /docs from local assets",
    async () => {
      const { page, close } = await visit(emulators.server, "/docs")
      try {
        await page.getByText("Generate an artifact").first().waitFor()
        await shoot(page, "docs")
      } finally {
        await close()
      }
    },
    TIMEOUT
  )
})

describe("jira's exports, from the console", () => {
  const LLAMA = "llama3:8b-instruct-q4_K_M"
  const STORIES = JSON.stringify({
    epic: { summary: "Online loan renewals" },
    stories: [
      {
        summary: "Member renews a loan, online",
        role: "library member",
        goal: "renew a loan from my account page",
        benefit: "I avoid late fees",
        acceptance_criteria: "Feature: Renew\n  Scenario: Renewal refused for a reserved book\n    Given a reserved book on loan\n    When I renew it\n    Then the renewal is refused",
        story_points: 2,
        priority: "High",
        labels: ["loans"]
      }
    ]
  })
  const emulators = emulated({ models: { [LLAMA]: { replies: [STORIES] } } }, { replies: [STORIES] })

  it(
    "exports passing stories as the CSV the server renders (a .csv download), and offers no export of content that fails",
    async () => {
      const { page, close } = await visit(emulators.server)
      try {
        await generateIn(page, "jira", "user stories for the library: loan renewals")
        await page.locator(".verdict").getByText("Passed", { exact: true }).waitFor()
        const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()])
        expect(download.suggestedFilename()).toBe("jira.csv")
        const csv = readFileSync((await download.path())!, "utf8")
        expect(csv.split("\r\n")[0]).toContain("Summary")
        // a field holding a comma survives, quoted (RFC 4180)
        expect(csv).toContain('"Member renews a loan, online"')
        await page.getByRole("status").getByText("Exported CSV").waitFor()

        await page.getByRole("tab", { name: "Validate" }).click()
        await page.getByRole("combobox", { name: "Artifact" }).selectOption("jira")
        await page.getByRole("textbox", { name: "Content" }).fill('{"stories": []}')
        await page.getByRole("button", { name: "Validate" }).click()
        await page.locator(".verdict").getByText("Failed", { exact: true }).waitFor()
        await expect(page.getByRole("button", { name: "Export CSV" }).isDisabled()).resolves.toBe(true)
        await shoot(page, "jira-export")
      } finally {
        await close()
      }
    },
    TIMEOUT
  )
})

describe("the ladder, seen from the console", () => {
  // The local model never draws a diagram; the cloud does, after a moment (so the progress shows it).
  const emulators = emulated(
    { models: { [MISTRAL]: { replies: ["Sorry, I can only describe it: customers place orders."] } } },
    { replies: [ERD], latency_ms: 1500 }
  )

  it(
    "shows a failing local answer, the repair round, and the Gemini emulator answering",
    async () => {
      const { page, close } = await visit(emulators.server)
      try {
        await generateIn(page, "erd", "an online shop: customers, orders, line items")
        // while it runs: the ladder's progress, live
        await page.getByRole("region", { name: "Progress" }).getByText("Falling back to the cloud", { exact: false }).waitFor()
        await page.locator(".diagram svg").waitFor()
        const rows = page.locator("table.attempts tbody tr")
        await expect(rows.count()).resolves.toBe(3)
        const texts = await rows.allTextContents()
        expect(texts[0]).toContain("ollama")
        expect(texts[0]).toContain("failed")
        expect(texts[1]).toContain("repair")
        expect(texts[2]).toContain("gemini")
        expect(texts[2]).toContain("passed")
        await page.getByText(/Why:.*cloud fallback/).waitFor()
        await page.locator(".figures div", { hasText: "Fallbacks" }).locator("dd", { hasText: /^1$/ }).waitFor()
        await shoot(page, "ladder")
        expect(emulators.gemini.requests().length).toBeGreaterThan(0)
      } finally {
        await close()
      }
    },
    TIMEOUT
  )
})

/** A test artifact made of HTML: passes when the page closes its `</html>`. */
const webPage = defineArtifact({
  id: "page",
  title: "Web page",
  description: "A test artifact whose answers are HTML",
  model: "qwen2.5-coder:7b-instruct-q4_K_M",
  package: { name: "@lfai/server-test", version: "0.0.0" },
  prompt: { system: "Write a page.", user: (request) => request.prompt },
  extract: (raw) => raw.trim(),
  validate: (content, options) =>
    verdict({ score: content.includes("</html>") ? 90 : 10, issues: content.includes("</html>") ? [] : [{ code: "unclosed", severity: "error", message: "no </html>" }] }, options),
  dataset: { domains: ["test"], generate: () => [] }
})

/** A prototype that tries to reach the page that shows it, and reports what happened in its own DOM. */
const PROTOTYPE = `<!DOCTYPE html>
<html>
<head><title>Loans</title><style>h1 { color: rgb(200, 30, 30); }</style></head>
<body>
<h1>Library loans</h1>
<p id="outcome">not run</p>
<script>
  let outcome
  try {
    parent.document.body.setAttribute("data-pwned", "yes")
    outcome = "reached the console"
  } catch (error) {
    outcome = "blocked: " + error.name
  }
  document.getElementById("outcome").textContent = outcome
</script>
</body>
</html>`

describe("HTML, a token, and errors", () => {
  const services = () =>
    pipelineLayer({
      plugins: [webPage],
      local: scriptedLocalModels({ "qwen2.5-coder:7b-instruct-q4_K_M": [PROTOTYPE] }).layer,
      cloud: scriptedCloud([]).layer,
      config: { validation: { enable_cloud_fallback: false } }
    })

  it(
    "renders an HTML answer in a sandboxed frame whose scripts run but cannot reach the console's DOM",
    async () => {
      const server = await start({ layer: services() })
      const { page: tab, close } = await visit(server)
      try {
        await generateIn(tab, "page", "a page listing library loans")
        const frameElement = tab.locator("iframe.preview")
        await frameElement.waitFor()
        await expect(frameElement.getAttribute("sandbox")).resolves.toBe("allow-scripts")
        const frame = tab.frameLocator("iframe.preview")
        await frame.getByText("blocked: SecurityError").waitFor()
        await expect(frame.getByRole("heading", { name: "Library loans" }).evaluate((node) => (globalThis as any).getComputedStyle(node).color)).resolves.toBe("rgb(200, 30, 30)")
        await expect(tab.evaluate(() => (globalThis as any).document.body.getAttribute("data-pwned"))).resolves.toBeNull()
        await shoot(tab, "html-preview")
      } finally {
        await close()
        await server.close()
      }
    },
    TIMEOUT
  )

  it(
    "asks for the token when the server requires one, says when it is wrong, and shows a server that went away as text",
    async () => {
      const server = await start({ layer: services(), token: "s3cret-token" })
      let closed = false
      const { page: tab, close } = await visit(server)
      try {
        const token = tab.getByRole("textbox", { name: "Token" })
        await token.waitFor()
        await shoot(tab, "token")
        await token.fill("wrong")
        await tab.getByRole("button", { name: "Connect" }).click()
        await tab.getByText("The server did not accept that token.").waitFor()
        await token.fill("s3cret-token")
        await tab.getByRole("button", { name: "Connect" }).click()
        await tab.getByRole("combobox", { name: "Artifact" }).waitFor()
        await tab.getByRole("region", { name: "GPU" }).getByText("Ollama up").waitFor()

        await server.close()
        closed = true
        await generateIn(tab, "page", "a page")
        await tab.locator(".work").getByRole("alert").getByText("cannot reach the lfai server").waitFor()
        await shoot(tab, "server-down")
      } finally {
        await close()
        if (!closed) await server.close()
      }
    },
    TIMEOUT
  )
})

describe("the GPU panel", () => {
  it(
    "says for each loaded model its size, its residency, and how many requests hold it or how long it has been idle",
    async () => {
      const host = "http://gpu-a:11434"
      const models: Array<LoadedModel> = [
        { name: "codellama:7b-instruct-q4_K_M", sizeVramGb: 6.65, residency: "persistent", leases: 0, idleSeconds: 185, host },
        { name: MISTRAL, sizeVramGb: 5.38, residency: "on-demand", leases: 2, idleSeconds: null, host },
        { name: "qwen2.5-coder:7b-instruct-q4_K_M", sizeVramGb: 5.18, residency: "on-demand", leases: 0, idleSeconds: 7_500, host },
        { name: "phi3:mini", sizeVramGb: 2.3, residency: "foreign", leases: 0, idleSeconds: null, host }
      ]
      const budget = { usedGb: 19.51, totalGb: 24, usagePercent: 81.3, activeModels: models.map((model) => model.name), models, queued: 0 }
      const control = Layer.succeed(ModelControl, {
        vram: Effect.succeed({ ...budget, ollama: "reachable" as const, hosts: [{ url: host, up: true, ...budget }], warnings: [] }),
        health: Effect.succeed("reachable" as const),
        hosts: Effect.succeed([{ url: host, up: true }]),
        version: Effect.succeed("fixed"),
        estimate: () => Effect.succeed(0),
        status: () => Effect.succeed([]),
        pull: () => Effect.void,
        warm: Effect.succeed([])
      })
      const layer = Layer.provideMerge(
        control,
        pipelineLayer({ plugins: [webPage], local: scriptedLocalModels({}).layer, cloud: scriptedCloud([]).layer, config: { validation: { enable_cloud_fallback: false } } })
      )
      const server = await start({ layer })
      const { page, close } = await visit(server)
      try {
        const gpu = page.getByRole("region", { name: "GPU" })
        const entry = (name: string) => gpu.locator(".model", { hasText: name })
        await entry("codellama").getByText("idle 3 min", { exact: true }).waitFor()
        await expect(entry("codellama").locator(".model-meta").textContent()).resolves.toBe("6.65 GiBpersistentidle 3 min")
        await expect(entry("codellama").getByText("idle 3 min").getAttribute("title")).resolves.toBe("no request has used it for 185 s")
        await expect(entry(MISTRAL).locator(".model-meta").textContent()).resolves.toBe("5.38 GiBon-demandin use × 2")
        await expect(entry("qwen2.5-coder").locator(".model-meta").textContent()).resolves.toBe("5.18 GiBon-demandidle 2 h 5 min")
        // loaded outside lfai: the budget cannot tell how long it has been idle, and says nothing
        await expect(entry("phi3").locator(".model-meta").textContent()).resolves.toBe("2.30 GiBforeign")
        await shoot(page, "gpu-idle")
      } finally {
        await close()
        await server.close()
      }
    },
    TIMEOUT
  )
})

describe("the console over two Ollama hosts", () => {
  const handles = {} as { a: OllamaEmulatorHandle; b: OllamaEmulatorHandle; server: StartedServer }
  beforeAll(async () => {
    const scenario = { gpu_gb: 24, models: { [MISTRAL]: { replies: [`Here is the diagram:\n${ERD}`] } } }
    handles.a = await startOllama({ scenario })
    handles.b = await startOllama({ scenario })
    const layer = stackLayer({
      env: {},
      implicitFile: false,
      overrides: {
        ollama: { persistent_models: [], hosts: [{ url: handles.a.url }, { url: handles.b.url, vram_limit_gb: 16 }] },
        validation: { enable_cloud_fallback: false }
      }
    })
    handles.server = await start({ layer })
  })
  afterAll(async () => {
    await handles.server?.close()
    await handles.a?.close()
    await handles.b?.close()
  })

  it(
    "shows each host's budget and the models loaded on it, and a host that goes down",
    async () => {
      const { page, close } = await visit(handles.server)
      try {
        const gpu = page.getByRole("region", { name: "GPU" })
        await gpu.getByText("2 of 2 hosts up").waitFor()
        await generateIn(page, "erd", "an online shop: customers, orders, line items")
        await page.locator(".verdict").getByText("Passed", { exact: true }).waitFor()
        // the second host has the larger budget: the model loaded there, and the panel says so
        const first = gpu.getByRole("listitem", { name: `Ollama host ${handles.a.url}` })
        const second = gpu.getByRole("listitem", { name: `Ollama host ${handles.b.url}` })
        await second.getByText(MISTRAL).waitFor()
        await second.getByText(/^idle \d+ (s|min)$/).waitFor()
        await first.getByText("No model loaded.").waitFor()
        await expect(second.getByRole("progressbar", { name: "VRAM used" }).getAttribute("aria-valuemax")).resolves.toBe("16")
        await page.locator(".diagram svg").waitFor() // the screenshot shows the diagram drawn
        await shoot(page, "gpu-hosts")

        await handles.a.close()
        await gpu.getByText("1 of 2 hosts up").waitFor()
        await first.getByText("down", { exact: true }).waitFor()
        await second.getByText("up", { exact: true }).waitFor()
        await shoot(page, "gpu-host-down")
      } finally {
        await close()
      }
    },
    TIMEOUT
  )
})

describe("no request leaves the server", () => {
  it("every page of these tests asked only the servers it was served from", () => {
    expect(logs.length).toBeGreaterThan(0)
    expect(logs.flatMap((log) => outside(log, origins))).toEqual([])
    // and nothing the pages ran was blocked by their Content-Security-Policy
    expect(logs.flatMap((log) => log.errors.filter((error) => /Content Security Policy/i.test(error)))).toEqual([])
  })
})
