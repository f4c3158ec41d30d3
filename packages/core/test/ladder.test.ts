/**
 * The ladder's rules one by one, each where a small change would alter an outcome: which draft is
 * best, what the reason says, the request's limits, what each provider is given, the deadlines.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer } from "effect"
import { TestClock } from "effect/testing"
import {
  type Attempt,
  CloudFallback,
  defaultConfig,
  defineArtifact,
  LocalModels,
  Pipeline,
  resolveNumCtx,
  route,
  verdict,
  type ArtifactPlugin,
  type PipelineEvent,
  type ValidateOptions
} from "@lfai/core"
import { scriptedCloud, scriptedLocalModels, wordArtifact } from "@lfai/core/testing"
import { MODEL, note, pipelineLayer } from "./fixtures.ts"

const generate = (request: { prompt: string; system?: string; params?: Record<string, string>; temperature?: number } = { prompt: "the weekly meeting" }) =>
  Pipeline.use((pipeline) => pipeline.generate("note", request))

const noCloud = { validation: { enable_cloud_fallback: false } } as const

describe("the context length", () => {
  it("is the configured number, or with auto the prompt's tokens (4 bytes each) plus 2048 for the answer, in steps of 2048, capped", async () => {
    const config = await Effect.runPromise(defaultConfig())
    const fixed = { ...config.ollama, num_ctx: 3000 as const }
    expect(resolveNumCtx(fixed, "x".repeat(100_000))).toBe(3000)
    const auto = { ...config.ollama, num_ctx: "auto" as const, num_ctx_max: 16_384 }
    expect(resolveNumCtx(auto, "")).toBe(2048)
    expect(resolveNumCtx(auto, "x".repeat(8192))).toBe(4096)
    expect(resolveNumCtx(auto, "x".repeat(8193))).toBe(6144)
    // bytes, not characters: 4,100 two-byte characters are 8,200 bytes
    expect(resolveNumCtx(auto, "é".repeat(4100))).toBe(6144)
    expect(resolveNumCtx(auto, "x".repeat(1_000_000))).toBe(16_384)
  })
})

describe("routing", () => {
  it("drops the primary model from the alternates and takes the artifact's own pass mark", async () => {
    const config = await Effect.runPromise(defaultConfig({ artifacts: { note: { model: "a:1", alternates: ["a:1", "b:1"], pass_threshold: 80 } } }))
    expect(route(note, config)).toEqual({ model: "a:1", alternates: ["b:1"], threshold: 80, residency: "on-demand" })
  })
})

describe("the best draft", () => {
  it.effect("of two failing drafts the higher score wins, and on a tie the earlier one", () => {
    const local = scriptedLocalModels({ [MODEL]: ["MEH first", "BAD repair", "MEH again"] })
    return Effect.gen(function* () {
      const result = yield* generate()
      expect(result.attempts.map((attempt) => attempt.score)).toEqual([60, 10, 60])
      expect(result).toMatchObject({ content: "MEH first", score: 60, passed: false })
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: scriptedCloud([]).layer }, { ...noCloud, validation: { ...noCloud.validation, max_repairs: 2 } })))
  })
})

describe("the reason of an answer that did not pass", () => {
  it.effect("quotes up to three of its errors", () => {
    const many = defineArtifact({
      ...note,
      validate: (content, options) =>
        verdict(
          {
            score: 90,
            issues: [
              { code: "w", severity: "warning", message: "a warning" },
              ...[1, 2, 3, 4].map((n) => ({ code: `e${n}`, severity: "error" as const, message: `error ${n}` }))
            ]
          },
          options
        )
    })
    const local = scriptedLocalModels({ [MODEL]: ["anything"] })
    return Effect.gen(function* () {
      const result = yield* generate()
      expect(result.reason).toBe(
        `the best answer (ollama ${MODEL}) scored 69 and did not pass (pass mark 70) (error 1; error 2; error 3); cloud fallback disabled (validation.enable_cloud_fallback is false)`
      )
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: scriptedCloud([]).layer }, { ...noCloud, validation: { ...noCloud.validation, max_repairs: 0 } }, [many])))
  })

  it.effect("quotes its warnings when it has no error, and nothing when it has no issue", () => {
    const local = scriptedLocalModels({ [MODEL]: ["OK but"] })
    const strictless = scriptedLocalModels({ [MODEL]: ["MEH"] })
    return Effect.gen(function* () {
      const warned = yield* generate().pipe(
        Effect.provide(pipelineLayer({ local: local.layer, cloud: scriptedCloud([]).layer }, { ...noCloud, artifacts: { note: { pass_threshold: 80 } }, validation: { ...noCloud.validation, max_repairs: 0 } }))
      )
      expect(warned.reason).toBe(`the best answer (ollama ${MODEL}) scored 75 and did not pass (pass mark 80) (could be better); cloud fallback disabled (validation.enable_cloud_fallback is false)`)
      const bare = yield* generate().pipe(
        Effect.provide(pipelineLayer({ local: strictless.layer, cloud: scriptedCloud([]).layer }, { ...noCloud, validation: { ...noCloud.validation, max_repairs: 0 } }))
      )
      expect(bare.reason).toBe(`the best answer (ollama ${MODEL}) scored 60 and did not pass (pass mark 70); cloud fallback disabled (validation.enable_cloud_fallback is false)`)
    })
  })
})

describe("the request's limits", () => {
  const layer = (local = scriptedLocalModels({ [MODEL]: ["GOOD"] })) =>
    pipelineLayer({ local: local.layer, cloud: scriptedCloud([]).layer }, { validation: { max_prompt_kb: 1 } })

  it.effect("the prompt and the system text together may be exactly max_prompt_kb, not a byte more", () =>
    Effect.gen(function* () {
      expect((yield* generate({ prompt: "x".repeat(1000), system: "y".repeat(24) })).passed).toBe(true)
      const over = yield* Effect.flip(generate({ prompt: "x".repeat(1000), system: "y".repeat(25) }))
      expect(over).toMatchObject({ _tag: "PromptTooLarge", bytes: 1025, limitKb: 1, withSystem: true })
      const alone = yield* Effect.flip(generate({ prompt: "é".repeat(513) }))
      expect(alone).toMatchObject({ _tag: "PromptTooLarge", bytes: 1026, withSystem: false })
      const emptySystem = yield* Effect.flip(generate({ prompt: "x".repeat(1025), system: "" }))
      expect(emptySystem).toMatchObject({ _tag: "PromptTooLarge", withSystem: false })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a parameter the plugin does not declare is refused, also by a plugin that declares none", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Pipeline.use((pipeline) => pipeline.generate("plain", { prompt: "x", params: { tone: "dry" } })))
      expect(error).toMatchObject({ _tag: "InvalidParam", artifact: "plain", param: "tone", value: "dry", allowed: [] })
    }).pipe(Effect.provide(pipelineLayer({ local: scriptedLocalModels({}).layer, cloud: scriptedCloud([]).layer }, {}, [wordArtifact({ id: "plain" })])))
  )

  it.effect("a field of the wrong kind or shape is an InvalidRequest naming the field", () =>
    Effect.gen(function* () {
      const hot = yield* Effect.flip(generate({ prompt: "x", temperature: 5 }))
      expect(hot).toMatchObject({ _tag: "InvalidRequest", artifact: "note", field: "temperature", detail: "expected a number from 0 to 2" })
      const stray = yield* Effect.flip(Pipeline.use((pipeline) => pipeline.generate("note", { prompt: "x", colour: "red" } as never)))
      expect(stray).toMatchObject({ _tag: "InvalidRequest", field: "colour" })
      const notText = yield* Effect.flip(Pipeline.use((pipeline) => pipeline.generate("note", { prompt: 42 } as never)))
      expect(notText).toMatchObject({ _tag: "InvalidRequest", field: "prompt", detail: expect.stringMatching(/^expected string/) })
    }).pipe(Effect.provide(layer()))
  )
})

describe("what the providers and the validator are given", () => {
  it.effect("the system text after the plugin's, the lease at the context, pull progress to the watcher, the request to the validator", () => {
    const leases: Array<unknown> = []
    const systems: Array<string> = []
    const seen: Array<ValidateOptions | undefined> = []
    const spy: ArtifactPlugin = defineArtifact({ ...note, params: { tone: ["dry"] }, validate: (content, options) => (seen.push(options), note.validate(content, options)) })
    const local = Layer.succeed(LocalModels, {
      url: "memory://spy",
      ensure: (_model, onProgress) => Effect.sync(() => onProgress?.({ model: MODEL, status: "pulling manifest" })),
      lease: (_model, options) => Effect.sync(() => void leases.push(options)),
      generate: (request) => Effect.sync(() => (systems.push(request.system), { text: "GOOD", model: MODEL }))
    })
    const events: Array<PipelineEvent> = []
    return Effect.gen(function* () {
      yield* Pipeline.use((pipeline) => pipeline.generate("note", { prompt: "p", system: "Be brief.", params: { tone: "dry" } }, { onEvent: (event) => void events.push(event) }))
      expect(systems).toEqual(["Write a note.\n\nBe brief."])
      expect(leases).toEqual([{ numCtx: 4096 }])
      expect(events.filter((event) => event.type === "pull")).toEqual([{ type: "pull", progress: { model: MODEL, status: "pulling manifest" } }])
      expect(seen).toEqual([{ threshold: 70, strict: false, params: { tone: "dry" }, request: "p" }])
    }).pipe(Effect.provide(pipelineLayer({ local, cloud: scriptedCloud([]).layer }, {}, [spy])))
  })
})

/** Lets the forked fibers run until `done` holds (no clock involved). */
const until = (done: () => boolean) =>
  Effect.gen(function* () {
    for (let i = 0; i < 10_000 && !done(); i++) yield* Effect.yieldNow
    expect(done()).toBe(true)
  })

describe("the deadlines", () => {
  it.effect("waiting for VRAM and generating together never pass both timeouts: then a LocalTimeout that says after how long", () => {
    let leasing = false
    const local = Layer.succeed(LocalModels, { url: "memory://stuck", ensure: () => Effect.void, lease: () => Effect.andThen(Effect.sync(() => void (leasing = true)), Effect.never), generate: () => Effect.never })
    return Effect.gen(function* () {
      const fiber = yield* Effect.forkChild(Effect.flip(generate()))
      yield* until(() => leasing)
      // request_timeout_s 120 + queue_timeout_s 60
      yield* TestClock.adjust("179 seconds")
      expect(fiber.pollUnsafe()).toBeUndefined()
      yield* TestClock.adjust("1 second")
      const error = yield* Fiber.join(fiber)
      expect(error._tag).toBe("NoContent")
      if (error._tag !== "NoContent") return
      const [first] = error.attempts as ReadonlyArray<Attempt>
      expect(first.error).toMatchObject({ tag: "LocalTimeout" })
      expect(first.error?.message).toContain("180")
    }).pipe(Effect.provide(pipelineLayer({ local, cloud: scriptedCloud([]).layer }, noCloud)))
  })

  it.effect("a cloud call past gemini.request_timeout_s is a CloudTimeout that says after how long", () => {
    const local = scriptedLocalModels({ [MODEL]: ["MEH"] })
    const cloud = scriptedCloud([{ hang: true }])
    return Effect.gen(function* () {
      const fiber = yield* Effect.forkChild(generate())
      yield* until(() => cloud.calls.length === 1)
      yield* TestClock.adjust("59 seconds")
      expect(fiber.pollUnsafe()).toBeUndefined()
      yield* TestClock.adjust("1 second")
      const result = yield* Fiber.join(fiber)
      const last = result.attempts[result.attempts.length - 1]
      expect(last).toMatchObject({ provider: "gemini", error: { tag: "CloudTimeout" } })
      expect(last.error?.message).toContain("60")
      expect(result.reason).toContain("the cloud fallback failed too")
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: cloud.layer }, { validation: { max_repairs: 0 } })))
  })
})
