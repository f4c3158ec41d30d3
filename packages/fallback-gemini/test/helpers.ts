/** Shared pieces of the integration tests: the emulator, config pointing at it, waiting on real time. */
import { setTimeout as delay } from "node:timers/promises"
import { Effect, Layer, Logger } from "effect"
import { CloudFallback, Configs, type ConfigOverrides, type LfaiConfigShape } from "@lfai/core"
import * as GeminiFallback from "@lfai/fallback-gemini"
import { GeminiEmulator, type GeminiScenario } from "@lfai/testkit"

/** Not shaped like a Google key, so only the exact-key redaction can catch it. */
export const KEY = "lfai-test-key-5d41402abc4b2a76b9719d91"

/** A Gemini emulator for the test's scope (closed when the test ends). */
export const emulator = (scenario: GeminiScenario = {}) => GeminiEmulator.make({ scenario: { api_key: KEY, ...scenario } })

/** Config as an entry point would load it: the key and the base URL from the environment. */
export const configFor = (url: string, overrides: ConfigOverrides = {}, env: Record<string, string> = { GEMINI_API_KEY: KEY }) =>
  Configs.loadConfig({ env: { ...env, GEMINI_BASE_URL: url }, overrides, implicitFile: false }).pipe(Effect.orDie)

/** The CloudFallback the layer builds from this config. */
export const fallbackFor = (config: LfaiConfigShape, options: GeminiFallback.GeminiFallbackOptions = {}) =>
  Effect.gen(function* () {
    return yield* CloudFallback
  }).pipe(Effect.provide(GeminiFallback.layerWith(options).pipe(Layer.provide(Configs.layerValue(config)))))

/** Polls on real time (the tests' HTTP runs on real time even under TestClock). */
export const waitUntil = (condition: () => boolean, what: string) =>
  Effect.promise(async () => {
    for (let i = 0; i < 2_000; i++) {
      if (condition()) return
      await delay(5)
    }
    throw new Error(`gave up waiting for ${what}`)
  })

/** Lets real time pass (e.g. to show that nothing happens). */
export const realPause = (ms: number) => Effect.promise(() => delay(ms))

/** Every log line the effect writes, formatted, with causes. */
export const captureLogs = () => {
  const lines: Array<string> = []
  const logger = Logger.map(Logger.formatSimple, (line) => void lines.push(String(line)))
  return { lines, layer: Logger.layer([logger]) }
}
