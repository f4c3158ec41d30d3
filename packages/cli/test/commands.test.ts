import { spawn } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startGemini, startOllama, type EmulatorHandle, type OllamaEmulatorHandle } from "@lfai/testkit"
import { BIN, cleanEnv, lfai, lfaiOnTty } from "./run.ts"

const MISTRAL = "mistral:7b-instruct-q4_K_M"
const ERD = [
  "erDiagram",
  "  BOOK }o--|| AUTHOR : written_by",
  "  BOOK {",
  "    int id PK",
  "    string title",
  "    int author_id FK",
  "  }",
  "  AUTHOR {",
  "    int id PK",
  "    string name",
  "  }"
].join("\n")
const ANSWER = `Here is the diagram:\n\`\`\`mermaid\n${ERD}\n\`\`\`\nLet me know if you need more.`

const dir = mkdtempSync(join(tmpdir(), "lfai-cli-"))

describe("lfai commands against the emulators", () => {
  let ollama: OllamaEmulatorHandle
  let gemini: EmulatorHandle
  beforeAll(async () => {
    ollama = await startOllama({ scenario: { gpu_gb: 24, models: { [MISTRAL]: { present: false, replies: [ANSWER] } } } })
    gemini = await startGemini({ scenario: { replies: ["no diagram here"] } })
  })
  afterAll(async () => {
    await ollama.close()
    await gemini.close()
  })
  const env = (extra: Record<string, string> = {}) => ({ OLLAMA_HOST: ollama.url, ...extra })

  it("generate pulls the missing model, prints the artifact on stdout and exits 0", async () => {
    const run = await lfai(["generate", "erd", "--prompt", "books and authors", "--out", join(dir, "out.mmd")], { env: env() })
    expect(run.code).toBe(0)
    expect(run.stdout.trim()).toBe(ERD)
    expect(readFileSync(join(dir, "out.mmd"), "utf8").trim()).toBe(ERD)
    expect(run.stderr).toContain("✓ erd: score")
    // no progress lines when stderr is not a terminal
    expect(run.stderr).not.toContain("generating with")
    expect(ollama.requests().some((entry) => entry.path === "/api/pull")).toBe(true)
  })

  it("generate --json prints exactly the result object", async () => {
    const run = await lfai(["generate", "erd", "--prompt", "books and authors", "--json"], { env: env() })
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(Object.keys(result).sort()).toEqual(
      ["artifact", "attempts", "content", "durationMs", "issues", "model", "passed", "provider", "score"].sort()
    )
    expect(result).toMatchObject({ artifact: "erd", provider: "ollama", model: MISTRAL, passed: true, content: ERD })
    expect(result.attempts[0].provenance).toMatchObject({ options: { num_ctx: 4096 }, validator: { package: "@lfai/artifact-erd" } })
  })

  it("reads the prompt from stdin when --prompt is absent", async () => {
    const run = await lfai(["generate", "erd", "--json"], { env: env(), input: "a library with books and authors\n" })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).passed).toBe(true)
    const generate = ollama.requests().filter((entry) => entry.path === "/api/chat" || entry.path === "/api/generate")
    expect(generate.length).toBeGreaterThan(0)
  })

  it("shows progress on a terminal", async () => {
    const run = await lfaiOnTty(["generate", "erd", "--prompt", "books"], env())
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`→ erd with ${MISTRAL}`)
    expect(run.stdout).toContain(`waiting for VRAM for ${MISTRAL}`)
    expect(run.stdout).toMatch(/generate ollama mistral:7b-instruct-q4_K_M: ✓ score 100/)
  })

  it("a failing answer still prints the result, with the reason, and exits 1", async () => {
    const failing = await startOllama({ scenario: { models: { [MISTRAL]: { replies: ["I cannot draw diagrams."] } } } })
    try {
      const run = await lfai(["generate", "erd", "--prompt", "x", "--json"], {
        env: { OLLAMA_HOST: failing.url, GEMINI_BASE_URL: gemini.url, GEMINI_API_KEY: "k" }
      })
      expect(run.code).toBe(1)
      const result = JSON.parse(run.stdout)
      expect(result.passed).toBe(false)
      expect(result.attempts.map((attempt: { provider: string }) => attempt.provider)).toEqual(["ollama", "ollama", "gemini", "gemini"])
      expect(result.reason).toContain("the cloud fallback's answer did not pass either")
      expect(run.stderr).not.toContain("k\n")
    } finally {
      await failing.close()
    }
  })

  it("with no Ollama running, says where it looked and how to start one, and exits 1", async () => {
    const run = await lfai(["generate", "erd", "--prompt", "x"])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain("no Ollama answers at http://127.0.0.1:2")
    expect(run.stderr).toContain("ollama serve")
    expect(run.stdout).toBe("")
    const asJson = await lfai(["generate", "erd", "--prompt", "x", "--json"])
    expect(asJson.code).toBe(1)
    expect(JSON.parse(asJson.stdout).error).toMatchObject({ code: "NoContent" })
  })

  it("an unknown artifact exits 2 and lists the known ones", async () => {
    const run = await lfai(["generate", "nope", "--prompt", "x"], { env: env() })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('unknown artifact "nope"; known artifacts: erd')
  })

  it("validate checks a file or stdin, exits 1 when it fails and 2 when the file is missing", async () => {
    const file = join(dir, "good.mmd")
    writeFileSync(file, ERD)
    const good = await lfai(["validate", "erd", file, "--json"])
    expect(good.code).toBe(0)
    expect(JSON.parse(good.stdout)).toEqual({ artifact: "erd", score: expect.any(Number), passed: true, threshold: 70, issues: [] })
    const bad = await lfai(["validate", "erd", "-"], { input: "flowchart TD\n  A --> B\n" })
    expect(bad.code).toBe(1)
    expect(bad.stdout).toContain("wrong-type")
    const missing = await lfai(["validate", "erd", join(dir, "nope.mmd")])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain("no such file")
  })

  it("passes --format to apidocs: an OpenAPI document asked for as Markdown docs is the wrong type", async () => {
    const file = join(dir, "books.yaml")
    writeFileSync(
      file,
      [
        "openapi: 3.1.0",
        "info:",
        "  title: Books API",
        "  version: 1.0.0",
        "paths:",
        "  /books:",
        "    get:",
        "      operationId: listBooks",
        "      responses:",
        '        "200":',
        "          description: The books",
        '        "401":',
        "          description: Not signed in"
      ].join("\n")
    )
    const inferred = await lfai(["validate", "apidocs", file, "--json"])
    expect(JSON.parse(inferred.stdout).issues.map((issue: { code: string }) => issue.code)).not.toContain("wrong-type")
    const asMarkdown = await lfai(["validate", "apidocs", file, "--format", "markdown", "--json"])
    expect(asMarkdown.code).toBe(1)
    expect(JSON.parse(asMarkdown.stdout).issues[0]).toMatchObject({ code: "wrong-type", line: 1 })
  })

  it("validate judges the file against the request given with --prompt or --prompt-file", async () => {
    const file = join(dir, "library.mmd")
    writeFileSync(file, ERD)
    const offTopic = await lfai(["validate", "erd", file, "--prompt", "a clinic: patients, doctors, appointments", "--json"])
    expect(offTopic.code).toBe(1)
    const judged = JSON.parse(offTopic.stdout)
    expect(judged).toMatchObject({ artifact: "erd", passed: false, issues: [{ code: "off-topic", severity: "error" }] })
    expect(judged.issues[0].message).toContain('"patients", "doctors", "appointments"')
    const request = join(dir, "request.txt")
    writeFileSync(request, "A library: books, authors and loans.")
    const partial = await lfai(["validate", "erd", file, "--prompt-file", request])
    expect(partial.code).toBe(0)
    expect(partial.stdout).toContain('warning: The request asks for "loans", which is not among the entities. [missing-name]')
    const fromStdin = await lfai(["validate", "erd", file, "--prompt-file", "-", "--json"], { input: "a clinic: patients, doctors" })
    expect(JSON.parse(fromStdin.stdout).issues.map((issue: { code: string }) => issue.code)).toEqual(["off-topic"])
    const both = await lfai(["validate", "erd", file, "--prompt", "x", "--prompt-file", request])
    expect(both.code).toBe(2)
    expect(both.stderr).toContain("--prompt or --prompt-file, not both")
    const twice = await lfai(["validate", "erd", "-", "--prompt-file", "-"], { input: ERD })
    expect(twice.code).toBe(2)
    const missing = await lfai(["validate", "erd", file, "--prompt-file", join(dir, "none.txt")])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain("no such file")
  })

  it("plugins, models status, models pull and vram print their JSON documents", async () => {
    const plugins = JSON.parse((await lfai(["plugins", "--json"])).stdout)
    expect(plugins[0]).toEqual({ id: "erd", title: expect.any(String), model: MISTRAL, residency: "on-demand" })
    const status = await lfai(["models", "status", "--json"], { env: env() })
    expect(status.code).toBe(0)
    expect(JSON.parse(status.stdout).models).toEqual(
      expect.arrayContaining([
        {
          name: MISTRAL,
          present: true,
          loaded: expect.any(Boolean),
          sizeVramGb: expect.any(Number),
          hosts: [{ url: ollama.url, up: true, present: true, loaded: expect.any(Boolean), sizeVramGb: expect.any(Number) }]
        }
      ])
    )
    const pull = await lfai(["models", "pull", "codellama:7b-instruct-q4_K_M", "--json"], { env: env() })
    expect(pull.code).toBe(0)
    expect(JSON.parse(pull.stdout).models.length).toBeGreaterThan(0)
    const vram = await lfai(["vram", "--json"], { env: env() })
    expect(vram.code).toBe(0)
    expect(JSON.parse(vram.stdout)).toMatchObject({ totalGb: 12, usedGb: expect.any(Number), usagePercent: expect.any(Number), activeModels: expect.any(Array) })
    const down = await lfai(["vram", "--json"])
    expect(down.code).toBe(0)
    expect(JSON.parse(down.stdout).ollama).toBe("unreachable")
  })

  it("datasets build writes the files and prints the manifest; the same seed gives the same bytes", async () => {
    const build = (out: string, seed: string) => lfai(["datasets", "build", "--out", out, "--only", "erd", "--count", "60", "--seed", seed, "--json"])
    const first = await build(join(dir, "ds1"), "7")
    expect(first.code).toBe(0)
    const manifest = JSON.parse(first.stdout)
    expect(manifest).toMatchObject({ seed: 7, passed: true, artifacts: [{ artifact: "erd", file: "erd.jsonl", examples: 60, passed: true }] })
    const line = JSON.parse(readFileSync(join(dir, "ds1", "erd.jsonl"), "utf8").split("\n")[0])
    expect(line.messages.map((message: { role: string }) => message.role)).toEqual(["system", "user", "assistant"])
    // the assistant answers as the system prompt asks: one ```mermaid block
    expect(line.messages[0].content).toContain("```mermaid code block")
    expect(line.messages[2].content).toMatch(/^```mermaid\nerDiagram\n[\s\S]+\n```$/)
    const again = JSON.parse((await build(join(dir, "ds2"), "7")).stdout)
    expect(again.artifacts[0].sha256).toBe(manifest.artifacts[0].sha256)
    const unknown = await lfai(["datasets", "build", "--only", "nope", "--out", join(dir, "ds3")])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("unknown artifact(s) in --only: nope")
  })

  it("datasets modelfile writes an Ollama Modelfile for an adapter", async () => {
    const out = join(dir, "Modelfile")
    const run = await lfai(["datasets", "modelfile", "erd", "--adapter", "./erd-lora", "--out", out, "--num-ctx", "8192"])
    expect(run.code).toBe(0)
    const text = readFileSync(out, "utf8")
    expect(text).toMatch(new RegExp(`^FROM ${MISTRAL}$`, "m"))
    expect(text).toMatch(/^PARAMETER num_ctx 8192$/m)
    // --out - prints it; the config's artifacts.<id>.model is the base model
    const config = join(dir, "routed.yaml")
    writeFileSync(config, "artifacts:\n  erd:\n    model: llama3:8b-instruct-q4_K_M\n")
    const printed = await lfai(["datasets", "modelfile", "erd", "--adapter", "./erd-lora", "--out", "-", "--config", config])
    expect(printed.code).toBe(0)
    expect(printed.stdout).toMatch(/^FROM llama3:8b-instruct-q4_K_M$/m)
    expect(text).toMatch(/^ADAPTER /m)
    expect(text).toMatch(/^SYSTEM /m)
  })

  it("serve prints its URL first, answers, and stops cleanly on SIGTERM", async () => {
    const child = spawn(process.execPath, [BIN, "serve", "--port", "0"], { env: cleanEnv(env()), stdio: ["ignore", "pipe", "pipe"] })
    try {
      const [url] = await new Promise<string[]>((resolve, reject) => {
        const lines = createInterface({ input: child.stdout })
        lines.once("line", (line) => resolve([line]))
        child.once("exit", (code) => reject(new Error(`serve exited with ${code}`)))
      })
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const health = await (await fetch(`${url}/healthz`)).json()
      expect(health).toEqual({ status: "ok", ollama: "reachable", hosts: [{ url: ollama.url, up: true }] })
      const response = await fetch(`${url}/v1/artifacts/erd`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ prompt: "books and authors" })
      })
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({ passed: true, provider: "ollama" })
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))
      child.kill("SIGTERM")
      // Stopped by a signal is never success: 128 + 15.
      expect(await exited).toBe(143)
    }
  })

  it("serve refuses to bind beyond loopback without a token, and a port out of range, as bad usage", async () => {
    const run = await lfai(["serve", "--host", "0.0.0.0", "--port", "0"], { env: env() })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("without a bearer token")
    const port = await lfai(["serve", "--port", "99999"], { env: env() })
    expect(port.code).toBe(2)
    expect(port.stderr).toContain("--port must be 0..65535")
    expect(port.stderr).not.toContain("    at ")
  })
})
