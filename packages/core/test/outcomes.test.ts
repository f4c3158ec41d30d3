/**
 * What the pipeline reports, where mutation testing found a small change went unnoticed: which
 * draft wins when a validator does not follow `verdict`, the events a watcher sees, each attempt's
 * record (durations, digest, model), answers with no content, every wording of the reason, the
 * plugin list, and what `validate` passes on.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import {
  CloudNetworkError,
  defineArtifact,
  LocalModels,
  LocalTransient,
  Pipeline,
  UnexpectedResponse,
  type ArtifactPlugin,
  type ArtifactRequest,
  type ChatRequest,
  type Completion,
  type PipelineEvent,
  type ValidateOptions
} from "@lfai/core"
import { scriptedCloud, scriptedLocalModels, pipelineLayer as testingLayer } from "@lfai/core/testing"
import { MODEL, note, pipelineLayer } from "./fixtures.ts"

const generate = (prompt = "the weekly meeting", options: { onEvent?: (event: PipelineEvent) => void } = {}) =>
  Pipeline.use((pipeline) => pipeline.generate("note", { prompt }, options))

const noCloud = { validation: { enable_cloud_fallback: false, max_repairs: 0 } } as const
const oneShot = { validation: { max_repairs: 0 } } as const

/** Local models answering with `answer(request)`: a completion of the test's making. */
const localAnswering = (answer: (request: ChatRequest) => Completion) =>
  Layer.succeed(LocalModels, { url: "memory://test", ensure: () => Effect.void, lease: () => Effect.void, generate: (request) => Effect.sync(() => answer(request)) })

describe("the best draft", () => {
  it.effect("a passing draft beats a failing one whatever their scores, for a validator that does not follow verdict", () => {
    // a raw verdict: HIGH fails with the higher score, LOW passes with the lower
    const raw = defineArtifact({ ...note, validate: (content) => (content === "HIGH" ? { score: 95, passed: false, issues: [] } : { score: 75, passed: true, issues: [] }) })
    const local = scriptedLocalModels({ [MODEL]: ["HIGH", "LOW"] })
    return Effect.gen(function* () {
      const result = yield* generate()
      expect(result).toMatchObject({ content: "LOW", passed: true, score: 75 })
      expect(result.attempts.map((attempt) => attempt.kind)).toEqual(["generate", "repair"])
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: scriptedCloud([]).layer }, { validation: { enable_cloud_fallback: false, max_repairs: 1 } }, [raw])))
  })
})

describe("what a watcher sees", () => {
  it.effect("the model's tokens as they stream, only to a caller that watches", () => {
    const seen: Array<ChatRequest> = []
    const local = localAnswering((request) => {
      seen.push(request)
      request.onToken?.("GO")
      request.onToken?.("OD day")
      return { text: "GOOD day", model: MODEL }
    })
    const events: Array<PipelineEvent> = []
    return Effect.gen(function* () {
      yield* generate("p", { onEvent: (event) => void events.push(event) })
      expect(events.filter((event) => event.type === "token")).toEqual([
        { type: "token", text: "GO" },
        { type: "token", text: "OD day" }
      ])
      yield* generate("p")
      expect(seen.map((request) => typeof request.onToken)).toEqual(["function", "undefined"])
    }).pipe(Effect.provide(pipelineLayer({ local, cloud: scriptedCloud([]).layer }, noCloud)))
  })

  it.effect("a failed call as an attempted event with its error, then the fallback to the cloud", () => {
    const failure = new UnexpectedResponse({ model: MODEL, detail: "no body" })
    const local = scriptedLocalModels({ [MODEL]: [{ fail: failure }] })
    const events: Array<PipelineEvent> = []
    return Effect.gen(function* () {
      const result = yield* generate("p", { onEvent: (event) => void events.push(event) })
      const [failed] = result.attempts
      expect(failed).toMatchObject({ provider: "ollama", passed: false, error: { tag: "UnexpectedResponse", message: failure.message } })
      expect(failed.score).toBeUndefined()
      expect(events.filter((event) => event.type === "attempted")[0]).toEqual({ type: "attempted", attempt: failed })
      expect(events.filter((event) => event.type === "fallback")).toEqual([{ type: "fallback", provider: "gemini", model: "gemini-2.5-flash" }])
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: scriptedCloud(["GOOD"]).layer }, oneShot)))
  })
})

describe("each attempt's record", () => {
  it.effect("its duration within the request's, the request's within the time it took", () => {
    const local = scriptedLocalModels({ [MODEL]: ["MEH", "GOOD"] })
    return Effect.gen(function* () {
      const before = performance.now()
      const result = yield* generate()
      const took = performance.now() - before
      expect(result.attempts).toHaveLength(2)
      for (const attempt of result.attempts) expect(attempt.durationMs).toBeGreaterThanOrEqual(0)
      expect(result.attempts.reduce((sum, attempt) => sum + attempt.durationMs, 0)).toBeLessThanOrEqual(result.durationMs)
      expect(result.durationMs).toBeLessThanOrEqual(took)
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: scriptedCloud([]).layer }, { validation: { max_repairs: 1 } })))
  })

  it.effect("the model's digest when the provider gives one, and the answering model's name, else the one asked", () => {
    const replies: Array<Completion> = [
      { text: "MEH", model: "mistral:resolved", digest: "sha256:0123" },
      { text: "GOOD", model: "" }
    ]
    const local = localAnswering(() => replies.shift()!)
    return Effect.gen(function* () {
      const result = yield* generate()
      expect(result.attempts.map((attempt) => [attempt.model, attempt.provenance?.digest])).toEqual([
        ["mistral:resolved", "sha256:0123"],
        [MODEL, undefined]
      ])
      expect(Object.keys(result.attempts[1].provenance ?? {})).not.toContain("digest")
      expect(result.model).toBe(MODEL)
    }).pipe(Effect.provide(pipelineLayer({ local, cloud: scriptedCloud([]).layer }, { validation: { enable_cloud_fallback: false, max_repairs: 1 } })))
  })
})

describe("answers with no content", () => {
  // extraction that keeps blanks: only the pipeline decides that an answer of spaces is no content
  const keeper = defineArtifact({ ...note, extract: (raw) => raw })

  it.effect("an answer of blanks is no draft: with nothing else, a NoContent error", () => {
    const local = scriptedLocalModels({ [MODEL]: [" \n\t "] })
    return Effect.gen(function* () {
      const error = yield* Effect.flip(generate())
      expect(error).toMatchObject({ _tag: "NoContent", reason: "cloud fallback disabled (validation.enable_cloud_fallback is false)" })
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: scriptedCloud([]).layer }, noCloud, [keeper])))
  })

  it.effect("the reason lists every note in order; with none, it says that no model produced any content", () => {
    const alternate = "llama3.1:8b-instruct-q4_K_M"
    const failing = scriptedLocalModels({
      [MODEL]: [{ fail: new UnexpectedResponse({ model: MODEL, detail: "no body" }) }],
      [alternate]: [{ fail: new UnexpectedResponse({ model: alternate, detail: "no body either" }) }]
    })
    const blank = scriptedLocalModels({ [MODEL]: [""] })
    return Effect.gen(function* () {
      const noted = yield* Effect.flip(generate().pipe(Effect.provide(pipelineLayer({ local: failing.layer, cloud: scriptedCloud([]).layer }, { ...noCloud, artifacts: { note: { alternates: [alternate] } } }))))
      expect(noted).toMatchObject({
        _tag: "NoContent",
        reason: `ollama ${MODEL}: unexpected response for "${MODEL}": no body; ollama ${alternate}: unexpected response for "${alternate}": no body either; cloud fallback disabled (validation.enable_cloud_fallback is false)`
      })
      const silent = yield* Effect.flip(generate().pipe(Effect.provide(pipelineLayer({ local: blank.layer, cloud: scriptedCloud([""]).layer }, oneShot))))
      expect(silent).toMatchObject({ _tag: "NoContent", reason: "no model produced any content" })
    })
  })
})

describe("the reason", () => {
  const alternate = "llama3.1:8b-instruct-q4_K_M"
  const withAlternate = { validation: { max_repairs: 1 }, artifacts: { note: { alternates: [alternate] } } } as const

  it.effect("a cloud answer after local ones that scored: the best local score, the highest of them", () => {
    const local = scriptedLocalModels({
      [MODEL]: [{ fail: new UnexpectedResponse({ model: MODEL, detail: "no body" }) }],
      [alternate]: ["MEH", "BAD"]
    })
    return Effect.gen(function* () {
      const result = yield* generate()
      expect(result.attempts.map((attempt) => [attempt.model, attempt.score])).toEqual([
        [MODEL, undefined],
        [alternate, 60],
        [alternate, 10],
        ["gemini-2.5-flash", 90]
      ])
      expect(result.reason).toBe("answered by the cloud fallback: the best local answer scored 60, below the pass mark 70")
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: scriptedCloud(["GOOD"]).layer }, withAlternate)))
  })

  it.effect("a cloud answer after every local call failed: the local failures, quoted", () => {
    const local = scriptedLocalModels({ [MODEL]: [{ fail: new LocalTransient({ model: MODEL, detail: "connection reset" }) }] })
    return Effect.gen(function* () {
      const result = yield* generate()
      expect(result.attempts.map((attempt) => attempt.kind)).toEqual(["generate", "retry", "generate"])
      expect(result.reason).toBe(`answered by the cloud fallback: every local attempt failed (ollama ${MODEL}: local model "${MODEL}" failed: connection reset)`)
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: scriptedCloud(["GOOD"]).layer }, oneShot)))
  })

  it.effect("no answer passed, the cloud's failed too: the cloud's last error; the cloud's answer did not pass: says so", () => {
    const local = () => scriptedLocalModels({ [MODEL]: ["MEH"] })
    const cloudDown = scriptedCloud([{ fail: new CloudNetworkError({ model: "gemini-2.5-flash", detail: "reset" }) }, { fail: new CloudNetworkError({ model: "gemini-2.5-flash", detail: "refused" }) }])
    const cloudWeak = scriptedCloud(["MEH too"])
    const verdict = `the best answer (ollama ${MODEL}) scored 60 and did not pass (pass mark 70)`
    return Effect.gen(function* () {
      const down = yield* generate().pipe(Effect.provide(pipelineLayer({ local: local().layer, cloud: cloudDown.layer }, oneShot)))
      expect(down.reason).toBe(`${verdict}; the cloud fallback failed too: cloud model "gemini-2.5-flash" could not be reached: reset`)
      const weak = yield* generate().pipe(Effect.provide(pipelineLayer({ local: local().layer, cloud: cloudWeak.layer }, oneShot)))
      expect(weak.reason).toBe(`${verdict}; the cloud fallback's answer did not pass either`)
    })
  })
})

describe("the pipeline's setup", () => {
  it.effect("a config naming an artifact no plugin provides is a ConfigError that says none is registered", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Pipeline.use(() => Effect.void).pipe(Effect.provide(pipelineLayer({ local: scriptedLocalModels({}).layer, cloud: scriptedCloud([]).layer }, { artifacts: { erd: {} } }, []))))
      expect(error).toMatchObject({ _tag: "ConfigError", path: "artifacts.erd", expected: "the id of an artifact plugin (none registered)", source: "the config" })
    })
  )

  it.effect("lists each plugin's parameters, none as an empty record", () =>
    Effect.gen(function* () {
      const plugins = yield* Pipeline.use((pipeline) => Effect.succeed(pipeline.plugins))
      expect(plugins.map((plugin) => [plugin.id, plugin.params])).toEqual([
        ["note", { tone: ["dry", "warm"] }],
        ["plain", {}]
      ])
    }).pipe(Effect.provide(pipelineLayer({ local: scriptedLocalModels({}).layer, cloud: scriptedCloud([]).layer }, {}, [note, defineArtifact({ ...note, id: "plain", params: undefined })])))
  )
})

describe("validate", () => {
  const seen: Array<{ request?: ArtifactRequest; options?: ValidateOptions }> = []
  const spy: ArtifactPlugin = defineArtifact({
    ...note,
    extract: (raw, request) => (seen.push({ request }), note.extract(raw, request)),
    validate: (content, options) => (seen.push({ options }), note.validate(content, options))
  })
  const layer = testingLayer({ plugins: [spy], local: scriptedLocalModels({}).layer, cloud: scriptedCloud([]).layer, config: { validation: { max_prompt_kb: 1 } }, pool: { size: 0 } })

  it.effect("gives the extractor the request with its parameters, and the validator the parameters, the pass mark and the request", () =>
    Effect.gen(function* () {
      seen.length = 0
      yield* Pipeline.use((pipeline) => pipeline.validate("note", "GOOD", { tone: "dry" }, { prompt: "p" }))
      expect(seen).toEqual([{ request: { prompt: "p", params: { tone: "dry" } } }, { options: { threshold: 70, strict: false, params: { tone: "dry" }, request: "p" } }])
    }).pipe(Effect.provide(layer))
  )

  it.effect("takes a prompt of exactly max_prompt_kb, not a byte more", () =>
    Effect.gen(function* () {
      expect((yield* Pipeline.use((pipeline) => pipeline.validate("note", "GOOD", undefined, { prompt: "x".repeat(1024) }))).passed).toBe(true)
      const over = yield* Effect.flip(Pipeline.use((pipeline) => pipeline.validate("note", "GOOD", undefined, { prompt: "x".repeat(1025) })))
      expect(over).toMatchObject({ _tag: "PromptTooLarge", bytes: 1025, limitKb: 1 })
    }).pipe(Effect.provide(layer))
  )

  it.effect("a temperature of 0 is in range", () =>
    Effect.gen(function* () {
      const result = yield* Pipeline.use((pipeline) => pipeline.generate("note", { prompt: "p", temperature: 0 }))
      expect(result.passed).toBe(true)
    }).pipe(Effect.provide(pipelineLayer({ local: scriptedLocalModels({ [MODEL]: ["GOOD"] }).layer, cloud: scriptedCloud([]).layer })))
  )

  it.effect("an InvalidRequest names a nested field by its path", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Pipeline.use((pipeline) => pipeline.generate("note", { prompt: "p", params: { tone: 5 } } as never)))
      expect(error).toMatchObject({ _tag: "InvalidRequest", field: "params.tone", detail: expect.stringMatching(/^expected string/) })
    }).pipe(Effect.provide(pipelineLayer({ local: scriptedLocalModels({}).layer, cloud: scriptedCloud([]).layer })))
  )
})
