/**
 * The whole generate pipeline of core with failing local output (in-memory local models from
 * `@lfai/core/testing`) and this package's layer against the Gemini emulator.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import {
  Configs,
  Pipeline,
  Pipelines,
  Registries,
  Stats,
  StatsMetrics,
  ValidationPools,
  type LfaiConfigShape
} from "@lfai/core"
import { scriptedLocalModels, wordArtifact } from "@lfai/core/testing"
import * as GeminiFallback from "@lfai/fallback-gemini"
import { configFor, emulator, KEY } from "./helpers.ts"

const MODEL = "mistral:7b-instruct-q4_K_M"

/** Passes exactly when the content starts with GOOD. */
const sketch = wordArtifact({ id: "sketch", model: MODEL })

const run = (config: LfaiConfigShape) => {
  const local = scriptedLocalModels({ [MODEL]: ["BAD draft", "BAD repair"] })
  const configLayer = Configs.layerValue(config)
  const layer = Pipelines.layer.pipe(
    Layer.provideMerge(
      Layer.mergeAll(
        configLayer,
        Registries.layer([sketch]),
        local.layer,
        GeminiFallback.layer.pipe(Layer.provide(configLayer)),
        StatsMetrics.layer,
        ValidationPools.layer()
      )
    )
  )
  return Effect.gen(function* () {
    const pipeline = yield* Pipeline
    const result = yield* pipeline.generate("sketch", { prompt: "a cat" })
    const stats = yield* (yield* Stats).snapshot
    return { result, stats, local }
  }).pipe(Effect.provide(layer))
}

describe("the pipeline with failing local output", () => {
  it.effect("enable_cloud_fallback: false → the best local result, the reason, and zero requests to Gemini", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator({ replies: ["GOOD from the cloud"] })
      const { result, local } = yield* run(yield* configFor(gemini.url, { validation: { enable_cloud_fallback: false } }))
      expect(local.calls.length).toBeGreaterThanOrEqual(2) // the draft and its repair
      expect(result).toMatchObject({ provider: "ollama", model: MODEL, passed: false })
      expect(result.reason).toContain("cloud fallback disabled")
      expect(result.attempts.every((attempt) => attempt.provider === "ollama")).toBe(true)
      expect(gemini.requests()).toEqual([])
    })
  )

  it.effect("ai_provider.fallback: none → zero requests too", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator()
      const { result } = yield* run(yield* configFor(gemini.url, { ai_provider: { fallback: "none" } }))
      expect(result.provider).toBe("ollama")
      expect(result.reason).toContain("cloud fallback disabled")
      expect(gemini.requests()).toEqual([])
    })
  )

  it.effect("no key → zero requests, and the reason says which variable to set", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator()
      const { result } = yield* run(yield* configFor(gemini.url, {}, {}))
      expect(result.provider).toBe("ollama")
      expect(result.reason).toContain("no GEMINI_API_KEY or GOOGLE_API_KEY set")
      expect(gemini.requests()).toEqual([])
    })
  )

  it.effect("enabled → Gemini answers, stats count its tokens, and the key is in neither result nor stats", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator({ replies: ["GOOD from the cloud"] })
      const { result, stats } = yield* run(yield* configFor(gemini.url))
      expect(result).toMatchObject({ provider: "gemini", model: "gemini-2.5-flash", content: "GOOD from the cloud", passed: true })
      expect(gemini.requests()).toMatchObject([{ path: "/v1/models/gemini-2.5-flash:generateContent", status: 200 }])
      const cloudAttempt = result.attempts.find((attempt) => attempt.provider === "gemini")
      expect(cloudAttempt?.usage?.promptTokens).toBeGreaterThan(0)
      expect(stats.sketch).toMatchObject({ total_requests: 1, fallback: 1, local: 0, local_share: 0 })
      expect(stats.sketch.cloud_tokens.prompt).toBe(cloudAttempt?.usage?.promptTokens)
      expect(stats.sketch.cloud_tokens.completion).toBeGreaterThan(0)
      expect(JSON.stringify(result)).not.toContain(KEY)
      expect(JSON.stringify(stats)).not.toContain(KEY)
    })
  )

  it.effect("a wrong key → the local result, the cloud's typed refusal in the reason, the key nowhere", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator({ api_key: "the-right-key" })
      const { result, stats } = yield* run(yield* configFor(gemini.url))
      expect(result.provider).toBe("ollama")
      expect(result.reason).toContain("API_KEY_INVALID")
      expect(gemini.requests().map((entry) => entry.status)).toEqual([400])
      expect(JSON.stringify(result)).not.toContain(KEY)
      expect(JSON.stringify(stats)).not.toContain(KEY)
    })
  )
})
