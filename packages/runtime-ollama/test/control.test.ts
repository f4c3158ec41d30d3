/** What `lfai doctor` reads through ModelControl: the server's version and a model's footprint — without loading or pulling anything. */
import { describe, expect, it } from "@effect/vitest"
import { OLLAMA_VERSION } from "@lfai/testkit"
import { Effect } from "effect"
import { CODELLAMA, setup } from "./support.ts"

describe("version and estimate", () => {
  it.live("answer from /api/version and /api/show only", () =>
    Effect.gen(function* () {
      const { emu, control } = yield* setup({})
      expect(yield* control.version).toBe(OLLAMA_VERSION)
      expect(Number((yield* control.estimate(CODELLAMA)).toFixed(2))).toBe(6.65)
      expect(new Set(emu.requests().map((r) => r.path))).toEqual(new Set(["/api/version", "/api/tags", "/api/show"]))
      expect(emu.state().loaded).toEqual([])
    })
  )

  it.live("fail typed when no server answers, or the model is not there", () =>
    Effect.gen(function* () {
      const { control } = yield* setup({ url: "http://127.0.0.1:2" })
      expect((yield* Effect.flip(control.version))._tag).toBe("OllamaUnreachable")
      const { control: up } = yield* setup({ scenario: { models: { [CODELLAMA]: { present: false } } } })
      expect((yield* Effect.flip(up.estimate(CODELLAMA)))._tag).toBe("ModelNotFound")
    })
  )
})
