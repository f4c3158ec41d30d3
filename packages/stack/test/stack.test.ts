import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { wordArtifact } from "@lfai/core/testing"
import { startGemini, startOllama, type EmulatorHandle, type OllamaEmulatorHandle } from "@lfai/testkit"
import jira, { storiesJsonSchema } from "@lfai/artifact-jira"
import erd from "@lfai/artifact-erd"
import { builtinPlugins, createLfai } from "@lfai/stack"

const MODEL = "mistral:7b-instruct-q4_K_M"

/** Passes exactly when the answer starts with "GOOD". */
const probe = wordArtifact({ id: "probe", model: MODEL })

describe("the standard stack against the emulators", () => {
  let ollama: OllamaEmulatorHandle
  let gemini: EmulatorHandle
  beforeAll(async () => {
    ollama = await startOllama({
      scenario: { gpu_gb: 24, models: { [MODEL]: { replies: ["GOOD local", "bad", "still bad"] } } }
    })
    gemini = await startGemini({ scenario: { replies: ["GOOD from gemini"] } })
  })
  afterAll(async () => {
    await ollama.close()
    await gemini.close()
  })

  const env = (extra: Record<string, string> = {}) => ({ OLLAMA_HOST: ollama.url, GEMINI_BASE_URL: gemini.url, ...extra })

  it("registers the built-in plugins by default", () => {
    expect(builtinPlugins.map((plugin) => plugin.id)).toEqual(
      ["erd", "architecture", "sequence", "class", "state", "workflow", "code", "html", "apidocs", "jira", "docs"]
    )
  })

  it("generates locally through the real Ollama client, then falls back to Gemini when the local answer fails", async () => {
    const lfai = await createLfai({ env: env({ GEMINI_API_KEY: "test-key" }), implicitFile: false, plugins: [probe] })
    try {
      expect(lfai.config.ollama.base_url).toBe(ollama.url)
      const local = await lfai.generate("probe", { prompt: "say it" })
      expect(local).toMatchObject({ provider: "ollama", model: MODEL, content: "GOOD local", passed: true })
      // provenance: the model's digest as the server lists it, so the answer can be replayed
      expect(local.attempts[0].provenance.digest).toMatch(/^[0-9a-f]{64}$/)
      const fallback = await lfai.generate("probe", { prompt: "say it again" })
      expect(fallback).toMatchObject({ provider: "gemini", content: "GOOD from gemini", passed: true })
      expect(fallback.attempts.map((attempt) => `${attempt.provider}:${attempt.kind}`)).toEqual([
        "ollama:generate",
        "ollama:repair",
        "gemini:generate"
      ])
      const stats = await lfai.stats()
      expect(stats.probe).toMatchObject({ total_requests: 2, local: 1, fallback: 1 })
      const vram = await lfai.vram()
      expect(vram.totalGb).toBe(12)
      expect(vram.ollama).toBe("reachable")
      expect(vram.usedGb).toBeLessThanOrEqual(12)
      const status = await lfai.models.status()
      expect(status.find((model) => model.name === MODEL)).toMatchObject({ present: true })
    } finally {
      await lfai.dispose()
    }
  })

  it("without a key, never calls Gemini and says why", async () => {
    const before = gemini.requests().length
    const lfai = await createLfai({ env: env(), implicitFile: false, plugins: [probe] })
    try {
      const result = await lfai.generate("probe", { prompt: "x" })
      expect(result.passed).toBe(false)
      expect(result.reason).toContain("no GEMINI_API_KEY or GOOGLE_API_KEY set")
      expect(gemini.requests().length).toBe(before)
    } finally {
      await lfai.dispose()
    }
  })

  it("rejects a bad config at creation, naming the key", async () => {
    await expect(
      createLfai({ env: {}, implicitFile: false, overrides: { ollama: { vram_limit_gb: -3 } }, plugins: [probe] })
    ).rejects.toMatchObject({ _tag: "ConfigError", path: "ollama.vram_limit_gb" })
  })

  it("says clearly when no Ollama answers", async () => {
    const lfai = await createLfai({ env: { OLLAMA_HOST: "http://127.0.0.1:2" }, implicitFile: false, plugins: [probe] })
    try {
      const error = await lfai.generate("probe", { prompt: "x" }).catch((e: unknown) => e)
      expect(error).toMatchObject({ _tag: "NoContent" })
      expect((error as Error).message).toContain("no Ollama answers at http://127.0.0.1:2")
      expect((error as Error).message).toContain("ollama serve")
      expect((await lfai.vram()).ollama).toBe("unreachable")
      expect(await lfai.health()).toBe("unreachable")
    } finally {
      await lfai.dispose()
    }
  })
})

describe("structured output (a plugin's format) against the emulators", () => {
  const LLAMA = "llama3:8b-instruct-q4_K_M"
  const STORIES = JSON.stringify({
    stories: [
      {
        summary: "Member renews a loan",
        role: "library member",
        goal: "renew a loan online",
        benefit: "I avoid late fees",
        acceptance_criteria: "Feature: Renew\n  Scenario: Refused when reserved\n    Given a reserved book\n    When I renew it\n    Then the renewal is refused",
        story_points: 2,
        priority: "Medium",
        labels: ["loans"]
      }
    ]
  })
  let ollama: OllamaEmulatorHandle
  let gemini: EmulatorHandle
  beforeAll(async () => {
    ollama = await startOllama({
      scenario: {
        gpu_gb: 24,
        models: {
          [LLAMA]: { replies: ["Sure! Here are your stories: 1. Renew a loan", "Sorry, I cannot."] },
          [MODEL]: { replies: ["```mermaid\nerDiagram\n  MEMBER ||--o{ LOAN : takes\n  MEMBER {\n    int id PK\n  }\n  LOAN {\n    int id PK\n    int member_id FK\n  }\n```"] }
        }
      }
    })
    gemini = await startGemini({ scenario: { replies: [STORIES] } })
  })
  afterAll(async () => {
    await ollama.close()
    await gemini.close()
  })

  it("sends jira's schema as Ollama's format on the generate and the repair call, and as Gemini's responseJsonSchema; a diagram sends none", async () => {
    const lfai = await createLfai({
      env: { OLLAMA_HOST: ollama.url, GEMINI_BASE_URL: gemini.url, GEMINI_API_KEY: "test-key" },
      implicitFile: false,
      plugins: [jira, erd]
    })
    try {
      const stories = await lfai.generate("jira", { prompt: "Stories for online loan renewals" })
      expect(stories).toMatchObject({ provider: "gemini", passed: true })
      expect(stories.attempts.map((attempt) => `${attempt.provider}:${attempt.kind}`)).toEqual(["ollama:generate", "ollama:repair", "gemini:generate"])
      const diagram = await lfai.generate("erd", { prompt: "members and loans" })
      expect(diagram).toMatchObject({ provider: "ollama", passed: true })
    } finally {
      await lfai.dispose()
    }
    const chats = ollama.requests().filter((request) => request.path === "/api/chat")
    const llama = chats.filter((request) => request.model === LLAMA)
    expect(llama).toHaveLength(2)
    for (const request of llama) expect(request.format).toEqual(storiesJsonSchema)
    const mistral = chats.filter((request) => request.model === MODEL)
    expect(mistral).toHaveLength(1)
    expect(mistral[0].format).toBeUndefined()
    const cloud = gemini.requests()
    expect(cloud).toHaveLength(1)
    expect(cloud[0].format).toEqual(storiesJsonSchema)
  })
})

describe("the standard stack over several Ollama hosts", () => {
  const QWEN = "qwen2.5-coder:7b-instruct-q4_K_M"
  const second = wordArtifact({ id: "second", model: QWEN })
  const scenario = { gpu_gb: 24, models: { [MODEL]: { replies: ["GOOD from mistral"], latency_ms: 40 }, [QWEN]: { replies: ["GOOD from qwen"], latency_ms: 40 } } }

  it("spreads the work, and when a host dies every request is still answered locally (the ladder's retry fails over)", async () => {
    const a = await startOllama({ scenario })
    const b = await startOllama({ scenario })
    const lfai = await createLfai({
      env: {},
      implicitFile: false,
      plugins: [probe, second],
      overrides: { ollama: { hosts: [{ url: a.url }, { url: b.url }], persistent_models: [] }, validation: { enable_cloud_fallback: false } }
    })
    try {
      expect(lfai.config.ollama.hosts.map((host) => host.url)).toEqual([a.url, b.url])
      // one model per host: mistral on the first, qwen where there is more room
      expect((await lfai.generate("probe", { prompt: "one" })).passed).toBe(true)
      expect((await lfai.generate("second", { prompt: "two" })).passed).toBe(true)
      expect((await lfai.vram()).hosts.map((host) => host.activeModels)).toEqual([[MODEL], [QWEN]])
      expect(await lfai.hosts()).toEqual([
        { url: a.url, up: true },
        { url: b.url, up: true }
      ])
      const results = await Promise.all(
        Array.from({ length: 24 }, async (_, i) => {
          await new Promise((resolve) => setTimeout(resolve, i * 30))
          if (i === 12) void b.close()
          return lfai.generate(i % 2 === 0 ? "probe" : "second", { prompt: `request ${i}` })
        })
      )
      expect(results.filter((result) => !result.passed || result.provider !== "ollama")).toEqual([])
      const vram = await lfai.vram()
      expect(vram.hosts.map((host) => host.up)).toEqual([true, false])
      expect([...vram.hosts[0].activeModels].sort()).toEqual([MODEL, QWEN].sort())
      expect(vram.models.reduce((sum, model) => sum + model.leases, 0)).toBe(0)
      expect(await lfai.health()).toBe("reachable")
    } finally {
      await lfai.dispose()
      await a.close()
      await b.close()
    }
  })

  it("rejects hosts together with base_url at creation, naming ollama.hosts", async () => {
    await expect(
      createLfai({ env: {}, implicitFile: false, overrides: { ollama: { hosts: [{ url: "http://a:11434" }], base_url: "http://b:11434" } }, plugins: [probe] })
    ).rejects.toMatchObject({ _tag: "ConfigError", path: "ollama.hosts" })
  })
})
