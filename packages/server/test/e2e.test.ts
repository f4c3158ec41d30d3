/**
 * End to end: the server over the standard stack (`@lfai/stack`: the real plugins, the Ollama
 * layer through the `ollama` client, the Gemini layer through `@google/genai`), against the
 * testkit's Ollama and Gemini emulators.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { layer as stackLayer } from "@lfai/stack"
import { startGemini, startOllama, type EmulatorHandle, type OllamaEmulatorHandle } from "@lfai/testkit"
import { start } from "../src/index.ts"
import { ERD as FENCED_ERD, MISTRAL } from "../bench/erd.ts"
import { call, waitFor } from "./fixtures.ts"

/** A realistic answer: prose, then the fenced diagram. */
const ERD = `Here is the diagram:\n${FENCED_ERD}`

const leasesIn = (vram: any): number => vram.models.reduce((sum: number, model: any) => sum + model.leases, 0)

describe("end to end: @lfai/stack and the emulators", () => {
  let ollama: OllamaEmulatorHandle
  let gemini: EmulatorHandle
  beforeAll(async () => {
    ollama = await startOllama({ scenario: { gpu_gb: 24, models: { [MISTRAL]: { replies: [ERD] } } } })
    gemini = await startGemini({ scenario: { replies: [ERD] } })
  })
  afterAll(async () => {
    await ollama?.close()
    await gemini?.close()
  })

  it("generates and validates real ERDs, reports VRAM and leases, returns the leases of abandoned requests, and on shutdown cancels a request stuck in Ollama", async () => {
    const layer = stackLayer({
      env: { OLLAMA_HOST: ollama.url, GEMINI_BASE_URL: gemini.url, GEMINI_API_KEY: "test-key" },
      implicitFile: false,
      overrides: { ollama: { persistent_models: [] } }
    })
    const server = await start({ layer, shutdownTimeout: 100 })
    const { url } = server
    let closed = false
    try {
      expect(await call(`${url}/healthz`)).toMatchObject({ status: 200, body: { status: "ok", ollama: "reachable" } })
      const plugins = await call(`${url}/v1/plugins`)
      expect(plugins.body.map((plugin: any) => plugin.id)).toContain("erd")
      const before = await call(`${url}/v1/vram`)
      expect(before.body).toMatchObject({ totalGb: 12, ollama: "reachable" })
      expect(leasesIn(before.body)).toBe(0)

      const results = await Promise.all(
        Array.from({ length: 6 }, (_, index) => call(`${url}/v1/artifacts/erd`, { json: { prompt: `an online shop, variant ${index}` } }))
      )
      for (const result of results) {
        expect(result.status).toBe(200)
        expect(result.body).toMatchObject({ artifact: "erd", provider: "ollama", model: MISTRAL, passed: true })
        expect(result.body.content.startsWith("erDiagram")).toBe(true)
      }
      const validated = await call(`${url}/v1/validate/erd`, { json: { content: results[0].body.content } })
      expect(validated.body).toMatchObject({ artifact: "erd", passed: true, threshold: 70 })
      const broken = await call(`${url}/v1/validate/erd`, { json: { content: "erDiagram\n  A ||--o{" } })
      expect(broken.body.passed).toBe(false)

      const after = await call(`${url}/v1/vram`)
      expect(after.body.activeModels).toContain(MISTRAL)
      expect(leasesIn(after.body)).toBe(0)
      // idle since its last request ended: whole seconds, per host as in the totals
      const idle = after.body.models.find((model: any) => model.name === MISTRAL)
      expect(idle).toMatchObject({ leases: 0, idleSeconds: expect.any(Number), host: ollama.url })
      expect(Number.isInteger(idle.idleSeconds) && idle.idleSeconds >= 0).toBe(true)
      expect(after.body.hosts[0].models).toEqual(after.body.models)
      const metrics = await call(`${url}/metrics`)
      expect(metrics.body).toContain('lfai_requests_total{artifact="erd",outcome="passed"} 6')
      expect(metrics.body).toMatch(new RegExp(`lfai_vram_used_gb\\{host="${ollama.url}"\\} [1-9]`))
      expect(gemini.requests()).toHaveLength(0)

      // A client that gives up on a request hanging in Ollama: its lease comes back (/v1/vram before and after).
      ollama.injectFaults([{ model: MISTRAL, on: "generate", kind: "hang", times: 1 }])
      const controller = new AbortController()
      const abandoned = fetch(`${url}/v1/artifacts/erd`, { method: "POST", body: JSON.stringify({ prompt: "a library" }), signal: controller.signal }).catch(
        (error: unknown) => error
      )
      await waitFor(async () => leasesIn((await call(`${url}/v1/vram`)).body) > 0, "the abandoned request's lease in /v1/vram")
      // held by a request: not idle
      expect((await call(`${url}/v1/vram`)).body.models.find((model: any) => model.name === MISTRAL).idleSeconds).toBeNull()
      controller.abort()
      expect(await abandoned).toBeInstanceOf(Error)
      await waitFor(async () => leasesIn((await call(`${url}/v1/vram`)).body) === 0, "every lease back in /v1/vram")

      // A request that hangs in Ollama at shutdown is cancelled (503) instead of holding the process.
      ollama.injectFaults([{ model: MISTRAL, on: "generate", kind: "hang", times: 1 }])
      const stuck = call(`${url}/v1/artifacts/erd`, { json: { prompt: "a warehouse" } })
      // (the budget counts the request's lease and its generation's reference on the model)
      await waitFor(async () => leasesIn((await call(`${url}/v1/vram`)).body) > 0, "the stuck request's lease in /v1/vram")
      await server.close()
      closed = true
      const reply = await stuck
      expect(reply.status).toBe(503)
      expect(reply.body.error.code).toBe("shutting_down")
    } finally {
      if (!closed) await server.close()
    }
  })
})
