/** The HTTP routes through a real HTTP server on 127.0.0.1, port 0. */
import { describe, expect, it } from "vitest"
import { Effect, Layer } from "effect"
import { FetchHttpClient, HttpClient, HttpClientRequest } from "effect/http"
import { HttpApiClient } from "effect/http-api"
import { LocalTimeout, defineArtifact, verdict } from "@lfai/core"
import { pipelineLayer, scriptedCloud, scriptedLocalModels } from "@lfai/core/testing"
import { LfaiApi } from "../src/index.ts"
import { call, note, NOTE_MODEL, services, SNIPPET_MODEL, withServer } from "./fixtures.ts"

describe("routes", () => {
  it("POST /v1/artifacts/{artifact} answers the generation result, 200 whether it passed or not", async () => {
    const { layer, local } = services({ [NOTE_MODEL]: ["GOOD a note"], [SNIPPET_MODEL]: ["nothing useful"] })
    await withServer({ layer }, async ({ url }) => {
      const passed = await call(`${url}/v1/artifacts/note`, { json: { prompt: "a note about caching", system: "be brief", temperature: 0.5 } })
      expect(passed.status).toBe(200)
      expect(passed.body).toMatchObject({ artifact: "note", content: "GOOD a note", provider: "ollama", model: NOTE_MODEL, score: 90, passed: true, issues: [] })
      expect(Object.keys(passed.body).sort()).toEqual(["artifact", "attempts", "content", "durationMs", "issues", "model", "passed", "provider", "score"])
      expect(passed.body.attempts).toHaveLength(1)
      expect(passed.body.attempts[0]).toMatchObject({ provider: "ollama", kind: "generate", passed: true, provenance: { model: NOTE_MODEL, options: { temperature: 0.5 } } })
      expect(local.calls[0]).toMatchObject({ model: NOTE_MODEL, temperature: 0.5, prompt: "Note about: a note about caching" })
      expect(local.calls[0].system).toContain("be brief")

      const failed = await call(`${url}/v1/artifacts/snippet`, { json: { prompt: "add two numbers", language: "cs" } })
      expect(failed.status).toBe(200)
      expect(failed.body).toMatchObject({ artifact: "snippet", passed: false, score: 10 })
      expect(failed.body.issues[0]).toMatchObject({ code: "wrong-type", message: "not cs" })
      expect(failed.body.reason).toContain("did not pass")
      expect(failed.body.attempts.map((attempt: any) => attempt.kind)).toEqual(["generate", "repair"])
    })
  })

  it("maps a plugin's declared parameters from top-level fields, generically", async () => {
    const { layer, local } = services({ [SNIPPET_MODEL]: ["cs class A {}"] })
    await withServer({ layer }, async ({ url }) => {
      const generated = await call(`${url}/v1/artifacts/snippet`, { json: { prompt: "a class", language: "cs" } })
      expect(generated.body).toMatchObject({ passed: true, content: "cs class A {}" })
      expect(local.calls[0].prompt).toBe("cs: a class")

      const validated = await call(`${url}/v1/validate/snippet`, { json: { content: "ts let a = 1", language: "cs" } })
      expect(validated.status).toBe(200)
      expect(validated.body).toEqual({ artifact: "snippet", score: 10, passed: false, threshold: 70, issues: [{ code: "wrong-type", severity: "error", message: "not cs" }] })
      const inferred = await call(`${url}/v1/validate/snippet`, { json: { content: "ts let a = 1" } })
      expect(inferred.body).toMatchObject({ passed: true, score: 95 })
    })
  })

  it("POST /v1/validate/{artifact} answers as `lfai validate --json`", async () => {
    await withServer({ layer: services().layer }, async ({ url }) => {
      const meh = await call(`${url}/v1/validate/note`, { json: { content: "MEH but fine" } })
      expect(meh.status).toBe(200)
      expect(meh.body).toEqual({ artifact: "note", score: 60, passed: false, threshold: 70, issues: [] })
      const good = await call(`${url}/v1/validate/note`, { json: { content: "GOOD" } })
      expect(good.body).toEqual({ artifact: "note", score: 90, passed: true, threshold: 70, issues: [] })
    })
  })

  it("POST /v1/validate/{artifact} judges the content against an optional prompt", async () => {
    // judged against a request, off topic unless the content holds the request's last word
    const topic = defineArtifact({
      ...note,
      id: "topic",
      validate: (content, options) => {
        const wanted = options?.request?.trim().split(/\s+/).pop()
        const off = wanted !== undefined && !content.includes(wanted)
        return verdict({ score: 90, issues: off ? [{ code: "off-topic", severity: "error", message: `lacks "${wanted}"` }] : [] }, options)
      }
    })
    const layer = pipelineLayer({ plugins: [topic], local: scriptedLocalModels({}).layer, cloud: scriptedCloud([]).layer, config: { validation: { max_prompt_kb: 1 } } })
    await withServer({ layer }, async ({ url }) => {
      const judged = await call(`${url}/v1/validate/topic`, { json: { content: "books and loans", prompt: "a clinic with patients" } })
      expect(judged.status).toBe(200)
      expect(judged.body).toEqual({ artifact: "topic", score: 69, passed: false, threshold: 70, issues: [{ code: "off-topic", severity: "error", message: 'lacks "patients"' }] })
      const onTopic = await call(`${url}/v1/validate/topic`, { json: { content: "patients", prompt: "a clinic with patients" } })
      expect(onTopic.body).toMatchObject({ passed: true, issues: [] })
      const alone = await call(`${url}/v1/validate/topic`, { json: { content: "books and loans" } })
      expect(alone.body).toMatchObject({ passed: true, issues: [] })
      const notText = await call(`${url}/v1/validate/topic`, { json: { content: "x", prompt: 42 } })
      expect(notText.status).toBe(400)
      const large = await call(`${url}/v1/validate/topic`, { json: { content: "x", prompt: "y".repeat(2048) } })
      expect(large.status).toBe(413)
      expect(large.body.error).toMatchObject({ code: "prompt_too_large", field: "prompt" })
    })
  })

  it("502 with a JSON error and every attempt only when no attempt produced content", async () => {
    const timeout = new LocalTimeout({ model: NOTE_MODEL, afterMs: 5 })
    const { layer } = services({ [NOTE_MODEL]: [{ fail: timeout }] })
    await withServer({ layer }, async ({ url }) => {
      const reply = await call(`${url}/v1/artifacts/note`, { json: { prompt: "anything" } })
      expect(reply.status).toBe(502)
      expect(reply.body.error).toMatchObject({ code: "no_content", artifact: "note" })
      expect(reply.body.error.message).toContain("no attempt")
      expect(reply.body.error.reason).toContain("cloud fallback disabled")
      expect(reply.body.error.attempts[0]).toMatchObject({ provider: "ollama", model: NOTE_MODEL, error: { tag: "LocalTimeout" } })
    })
  })

  it("GET /v1/plugins, /v1/vram, /v1/stats, /healthz", async () => {
    const { layer } = services()
    await withServer({ layer }, async ({ url }) => {
      const plugins = await call(`${url}/v1/plugins`)
      expect(plugins.status).toBe(200)
      expect(plugins.body.map((plugin: any) => plugin.id)).toEqual(["note", "snippet"])
      expect(plugins.body[1]).toMatchObject({ id: "snippet", model: SNIPPET_MODEL, residency: "persistent", threshold: 70, params: { language: ["ts", "cs"] } })

      const vram = await call(`${url}/v1/vram`)
      expect(vram.status).toBe(200)
      expect(vram.body).toMatchObject({ usedGb: 0, totalGb: 12, usagePercent: 0, activeModels: [], queued: 0, ollama: "reachable" })
      expect(vram.body.hosts).toEqual([{ url: "memory://local", up: true, usedGb: 0, totalGb: 12, usagePercent: 0, activeModels: [], models: [], queued: 0 }])

      await call(`${url}/v1/artifacts/note`, { json: { prompt: "one" } })
      const stats = await call(`${url}/v1/stats`)
      expect(stats.status).toBe(200)
      expect(stats.body.note).toMatchObject({ total_requests: 1, successful_requests: 1, local: 1, fallback: 0, models_used: { [NOTE_MODEL]: 1 } })
      expect(stats.body.snippet).toMatchObject({ total_requests: 0 })

      const health = await call(`${url}/healthz`)
      expect(health).toMatchObject({ status: 200, body: { status: "ok", ollama: "reachable", hosts: [{ url: "memory://local", up: true }] } })
    })
  })

  it("/healthz and /v1/vram say which Ollama hosts do not answer, and still answer 200", async () => {
    const { ModelControl } = await import("@lfai/core")
    const a = "http://gpu-a:11434"
    const b = "http://gpu-b:11434"
    // on a: one model idle for 125 s, one a request holds (not idle)
    const models = [
      { name: "mistral:7b", sizeVramGb: 3, residency: "on-demand" as const, leases: 0, idleSeconds: 125, host: a },
      { name: "qwen:7b", sizeVramGb: 2, residency: "persistent" as const, leases: 1, idleSeconds: null, host: a }
    ]
    const budget = (url: string, up: boolean, usedGb: number) => ({
      url,
      up,
      usedGb,
      totalGb: 12,
      usagePercent: (usedGb / 12) * 100,
      activeModels: [],
      models: url === a ? models : [],
      queued: 0
    })
    const down = Layer.succeed(ModelControl, {
      vram: Effect.succeed({
        usedGb: 5,
        totalGb: 24,
        usagePercent: 20.8,
        activeModels: models.map((model) => model.name),
        models,
        queued: 0,
        ollama: "reachable" as const,
        hosts: [budget(a, true, 5), budget(b, false, 0)],
        warnings: [`${b}: no Ollama answers at ${b}`]
      }),
      health: Effect.succeed("reachable" as const),
      hosts: Effect.succeed([
        { url: a, up: true },
        { url: b, up: false }
      ]),
      version: Effect.succeed("unreachable"),
      estimate: () => Effect.succeed(0),
      status: () => Effect.succeed([]),
      pull: () => Effect.void,
      warm: Effect.succeed([])
    })
    const layer = Layer.provideMerge(down, services().layer)
    await withServer({ layer }, async ({ url }) => {
      expect(await call(`${url}/healthz`)).toMatchObject({
        status: 200,
        body: {
          status: "ok",
          ollama: "reachable",
          hosts: [
            { url: a, up: true },
            { url: b, up: false }
          ]
        }
      })
      const vram = await call(`${url}/v1/vram`)
      expect(vram).toMatchObject({ status: 200, body: { ollama: "reachable", warnings: [`${b}: no Ollama answers at ${b}`] } })
      expect(vram.body.hosts.map((host: { url: string; up: boolean }) => [host.url, host.up])).toEqual([
        [a, true],
        [b, false]
      ])
      expect(vram.body.models).toEqual(models)
      expect(vram.body.hosts[0].models).toEqual(models)
      const metrics = await (await fetch(`${url}/metrics`)).text()
      expect(metrics).toContain(`lfai_ollama_up{host="${a}"} 1`)
      expect(metrics).toContain(`lfai_ollama_up{host="${b}"} 0`)
      expect(metrics).toContain(`lfai_vram_used_gb{host="${a}"} 5`)
      expect(metrics).toContain(`lfai_vram_limit_gb{host="${b}"} 12`)
    })
  })

  it("serves /openapi.json generated from the API definition, and a docs page from it", async () => {
    await withServer({ layer: services().layer }, async ({ url }) => {
      const spec = await call(`${url}/openapi.json`)
      expect(spec.status).toBe(200)
      expect(spec.body.openapi).toMatch(/^3\./)
      expect(Object.keys(spec.body.paths).sort()).toEqual([
        "/healthz",
        "/metrics",
        "/v1/artifacts/{artifact}",
        "/v1/chat/completions",
        "/v1/export/{artifact}",
        "/v1/models",
        "/v1/plugins",
        "/v1/stats",
        "/v1/validate/{artifact}",
        "/v1/vram"
      ])
      const generate = spec.body.paths["/v1/artifacts/{artifact}"].post
      expect(Object.keys(generate.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "404", "413", "429", "502"]))
      expect(spec.body.components.schemas.GenerateResult.required).toEqual(
        expect.arrayContaining(["artifact", "content", "provider", "model", "score", "passed", "issues", "attempts", "durationMs"])
      )
      expect(spec.body.components.schemas.GenerateRequest.required).toEqual(["prompt"])
      // the console shows its "judge against the request" field from this optional property
      expect(spec.body.components.schemas.ValidateRequest.required).toEqual(["content"])
      expect(spec.body.components.schemas.ValidateRequest.properties.prompt).toMatchObject({ type: "string" })
      // every loaded model says how long it has been idle: a number of seconds, or null while in use
      const loaded = spec.body.components.schemas.LoadedModel
      expect(loaded.required).toEqual(expect.arrayContaining(["name", "sizeVramGb", "residency", "leases", "idleSeconds", "host"]))
      expect(loaded.properties.idleSeconds.description).toMatch(/null while a request holds it/)
      expect(JSON.stringify(loaded.properties.idleSeconds)).toContain('"null"')
      expect(spec.body.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: expect.stringMatching(/^bearer$/i) })

      const docs = await fetch(`${url}/docs`)
      expect(docs.status).toBe(200)
      expect(docs.headers.get("content-type")).toContain("text/html")
      expect(await docs.text()).toContain("/v1/artifacts/{artifact}")
    })
  })

  it("a client derived from the exported definition talks to the server", async () => {
    await withServer({ layer: services().layer }, async ({ url }) => {
      const program = Effect.gen(function* () {
        const client = yield* HttpApiClient.make(LfaiApi, {
          baseUrl: url,
          transformClient: HttpClient.mapRequest(HttpClientRequest.acceptJson)
        })
        const result = yield* client.artifacts.generate({ params: { artifact: "note" }, payload: { prompt: "typed" } })
        const plugins = yield* client.artifacts.plugins()
        const health = yield* client.system.health()
        const missing = yield* Effect.flip(client.artifacts.generate({ params: { artifact: "nope" }, payload: { prompt: "x" } }))
        return { result, plugins, health, missing }
      })
      const { result, plugins, health, missing } = await Effect.runPromise(program.pipe(Effect.provide(FetchHttpClient.layer)))
      expect(result).toMatchObject({ artifact: "note", passed: true })
      expect(plugins.map((plugin) => plugin.id)).toEqual(["note", "snippet"])
      expect(health).toEqual({ status: "ok", ollama: "reachable", hosts: [{ url: "memory://local", up: true }] })
      expect(missing).toMatchObject({ error: { code: "unknown_artifact", known: ["note", "snippet"] } })
    })
  })
})
