/** The Effect forms: scoped emulators, started on acquire and stopped on release. */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer, Scope } from "effect"
import { Ollama } from "ollama"
import { GeminiEmulator, OllamaEmulator } from "../src/index.ts"

describe("Effect API", () => {
  it.effect("OllamaEmulator.make starts in the scope and stops when it closes", () =>
    Effect.gen(function* () {
      const scope = yield* Scope.make()
      const handle = yield* OllamaEmulator.make({ scenario: { models: { "m:1": { replies: ["scoped"] } } } }).pipe(Scope.provide(scope))
      const r = yield* Effect.promise(() => new Ollama({ host: handle.url }).generate({ model: "m:1", prompt: "x" }))
      expect(r.response).toBe("scoped")
      yield* Scope.close(scope, Exit.void)
      const after = yield* Effect.promise(() => fetch(`${handle.url}/api/version`).then(() => "up", () => "down"))
      expect(after).toBe("down")
    })
  )

  it.effect("OllamaEmulator.layer and GeminiEmulator.layer provide the services", () =>
    Effect.gen(function* () {
      const ollama = yield* OllamaEmulator
      const gemini = yield* GeminiEmulator
      const version = yield* Effect.promise(() => fetch(`${ollama.url}/api/version`).then((r) => r.json()))
      expect(version).toEqual({ version: "0.12.10" })
      const missingKey = yield* Effect.promise(() => fetch(`${gemini.url}/v1beta/models/gemini-2.5-flash:generateContent`, { method: "POST", body: "{}" }).then((r) => r.status))
      expect(missingKey).toBe(403)
    }).pipe(Effect.provide(Layer.mergeAll(OllamaEmulator.layer(), GeminiEmulator.layer())))
  )
})
