import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { CloudFallback, Configs, type ConfigOverrides } from "@lfai/core"
import * as GeminiFallback from "@lfai/fallback-gemini"

const configLayer = (env: Record<string, string>, overrides: ConfigOverrides = {}) =>
  Layer.effect(Configs.LfaiConfig, Configs.loadConfig({ env, overrides, implicitFile: false }))

const fallback = (env: Record<string, string>, overrides: ConfigOverrides = {}) =>
  Effect.gen(function* () {
    return yield* CloudFallback
  }).pipe(Effect.provide(GeminiFallback.layer.pipe(Layer.provide(configLayer(env, overrides)))))

describe("the layer decides from config whether there is a fallback at all", () => {
  it.effect("enable_cloud_fallback: false — disabled, and says so", () =>
    Effect.gen(function* () {
      const cloud = yield* fallback({ GEMINI_API_KEY: "k" }, { validation: { enable_cloud_fallback: false } })
      expect(cloud.provider).toBe("none")
      expect(cloud.availability.available).toBe(false)
      if (cloud.availability.available) return
      expect(cloud.availability.error).toMatchObject({ _tag: "CloudUnavailable", reason: "disabled" })
      expect(cloud.availability.error.message).toContain("enable_cloud_fallback")
      const error = yield* Effect.flip(cloud.generate({ model: "x", system: "", prompt: "p" }))
      expect(error).toMatchObject({ _tag: "CloudUnavailable", reason: "disabled" })
    })
  )

  it.effect("ai_provider.fallback: none — disabled", () =>
    Effect.gen(function* () {
      const cloud = yield* fallback({ GEMINI_API_KEY: "k" }, { ai_provider: { fallback: "none" } })
      expect(cloud.availability).toMatchObject({ available: false, error: { reason: "disabled" } })
    })
  )

  it.effect("no key — unavailable with the reason core's result will show", () =>
    Effect.gen(function* () {
      const cloud = yield* fallback({})
      expect(cloud.availability).toMatchObject({
        available: false,
        error: { _tag: "CloudUnavailable", reason: "no-key", detail: "no GEMINI_API_KEY or GOOGLE_API_KEY set" }
      })
    })
  )

  it.effect("a key from GOOGLE_API_KEY is enough; the model comes from gemini.model", () =>
    Effect.gen(function* () {
      const cloud = yield* fallback({ GOOGLE_API_KEY: "k" }, { gemini: { model: "gemini-2.5-flash-lite" } })
      expect(cloud).toMatchObject({ provider: "gemini", model: "gemini-2.5-flash-lite", availability: { available: true } })
      const defaults = yield* fallback({ GEMINI_API_KEY: "k" })
      expect(defaults.model).toBe("gemini-2.5-flash")
    })
  )

  it("unavailability() names the first reason that applies", () => {
    const config = Effect.runSync(Configs.loadConfig({ env: {}, implicitFile: false, overrides: { validation: { enable_cloud_fallback: false } } }))
    expect(GeminiFallback.unavailability(config)).toEqual({
      reason: "disabled",
      detail: "cloud fallback disabled (validation.enable_cloud_fallback: false)"
    })
  })
})
