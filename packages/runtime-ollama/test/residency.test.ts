/**
 * What pre-warm loads and what this process leaves behind: only models a registered plugin routes
 * to are pre-warmed, and a model pinned with `keep_alive: -1` is handed back to a finite
 * keep-alive (`idle_unload_s`) when the layer closes — no lfai that is gone holds a GPU.
 */
import { describe, expect, it } from "@effect/vitest"
import { Configs, defaultConfig, LocalModels, ModelControl } from "@lfai/core"
import { Context, Effect, Exit, Layer, Logger, Scope } from "effect"
import { layerWith } from "../src/index.ts"
import { CODELLAMA, emulator, LLAMA3, MISTRAL, setup } from "./support.ts"

const YEAR_MS = 365 * 24 * 3600 * 1000

/** Runs `effect` with a logger that keeps the warnings. */
const withWarnings = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const warnings: string[] = []
    const logger = Logger.make(({ logLevel, message }) => {
      if (logLevel === "Warn") warnings.push((Array.isArray(message) ? message : [message]).join(" "))
    })
    const value = yield* effect.pipe(Effect.provide(Logger.layer([logger])))
    return { value, warnings }
  })

describe("pre-warm", () => {
  it.live("loads only the persistent models a registered plugin routes to, and names the others", () =>
    Effect.gen(function* () {
      // the plugins route to mistral and llama3; codellama is persistent but nobody uses it
      const { emu, control } = yield* setup({ ollama: { persistent_models: [CODELLAMA, LLAMA3] }, options: { models: [MISTRAL, LLAMA3] } })
      const { value: warmed, warnings } = yield* withWarnings(control.warm)
      expect(warmed).toEqual([LLAMA3])
      expect(emu.state().loaded.map((m) => m.name)).toEqual([LLAMA3])
      expect(warnings).toContainEqual(`not pre-warming ${CODELLAMA}: listed in ollama.persistent_models, but no registered plugin routes to it`)
    })
  )

  it.live("counts a model the config routes an artifact to (artifacts.<id>.model) as routed", () =>
    Effect.gen(function* () {
      const { emu, control } = yield* setup({ ollama: { persistent_models: [CODELLAMA] }, artifacts: { erd: { model: CODELLAMA } }, options: { models: [MISTRAL] } })
      expect(yield* control.warm).toEqual([CODELLAMA])
      expect(emu.state().loaded.map((m) => m.name)).toEqual([CODELLAMA])
    })
  )

  it.live("with no registered plugin on any persistent model, loads nothing", () =>
    Effect.gen(function* () {
      const { emu, control } = yield* setup({ options: { models: [MISTRAL] } })
      const { value, warnings } = yield* withWarnings(control.warm)
      expect(value).toEqual([])
      expect(emu.state().loaded).toEqual([])
      expect(emu.requests().filter((r) => r.path === "/api/generate")).toEqual([])
      expect(warnings.join("\n")).toContain(`not pre-warming ${CODELLAMA}, ${LLAMA3}`)
    })
  )
})

describe("shutdown", () => {
  /** The layer in a scope of its own, so a test can close it while the emulator keeps running. */
  const open = (url: string, persistent: ReadonlyArray<string>, idle = 120, unpinTimeoutMs?: number) =>
    Effect.gen(function* () {
      const config = yield* Effect.orDie(defaultConfig({ ollama: { base_url: url, persistent_models: [...persistent], idle_unload_s: idle } }))
      const scope = yield* Scope.make()
      const context = yield* Layer.buildWithScope(layerWith({ reconcileEveryMs: 0, models: [...persistent, MISTRAL], ...(unpinTimeoutMs === undefined ? {} : { unpinTimeoutMs }) }).pipe(Layer.provide(Configs.layerValue(config))), scope)
      return { scope, control: Context.get(context, ModelControl), local: Context.get(context, LocalModels) }
    })

  it.live("hands every model it pinned back to a finite keep-alive (idle_unload_s) when the layer closes; on-demand ones keep theirs", () =>
    Effect.gen(function* () {
      const emu = yield* emulator({ gpu_gb: 24 })
      const { scope, control, local } = yield* open(emu.url, [LLAMA3], 120)
      expect(yield* control.warm).toEqual([LLAMA3])
      yield* local.generate({ model: MISTRAL, system: "s", prompt: "p", numCtx: 4096 })
      const before = Object.fromEntries(emu.state().loaded.map((m) => [m.name, Date.parse(m.expiresAt) - Date.now()]))
      expect(before[LLAMA3]).toBeGreaterThan(100 * YEAR_MS) // pinned: "forever"
      const loadsBefore = emu.requests().filter((r) => r.path === "/api/generate").length
      yield* Scope.close(scope, Exit.void)
      const after = Object.fromEntries(emu.state().loaded.map((m) => [m.name, Date.parse(m.expiresAt) - Date.now()]))
      expect(Object.keys(after).sort()).toEqual([LLAMA3, MISTRAL].sort()) // still loaded: nothing reloaded or evicted
      expect(after[LLAMA3]).toBeGreaterThan(100_000)
      expect(after[LLAMA3]).toBeLessThanOrEqual(120_000)
      expect(after[MISTRAL]).toBeGreaterThan(120_000) // on-demand: idle_unload_s + 60 s, as before
      const sent = emu.requests().filter((r) => r.path === "/api/generate").slice(loadsBefore)
      expect(sent.map((r) => [r.model, r.status])).toEqual([[LLAMA3, 200]])
    })
  )

  it.live("leaves alone a pinned model that is no longer loaded (an empty request would load it)", () =>
    Effect.gen(function* () {
      const emu = yield* emulator()
      const { scope, control } = yield* open(emu.url, [LLAMA3])
      yield* control.warm
      yield* Effect.promise(() => fetch(`${emu.url}/api/generate`, { method: "POST", body: JSON.stringify({ model: LLAMA3, keep_alive: 0 }) }))
      expect(emu.state().loaded).toEqual([])
      const before = emu.requests().length
      yield* Scope.close(scope, Exit.void)
      expect(emu.state().loaded).toEqual([])
      expect(emu.requests().slice(before).map((r) => r.path)).toEqual(["/api/ps"])
    })
  )

  it.live("does not hold up shutdown when Ollama hangs", () =>
    Effect.gen(function* () {
      const emu = yield* emulator()
      const { scope, control } = yield* open(emu.url, [LLAMA3], 120, 300)
      yield* control.warm
      emu.injectFaults([{ on: "ps", kind: "hang" }])
      const closed = yield* Effect.exit(Scope.close(scope, Exit.void).pipe(Effect.timeout("20 seconds")))
      expect(Exit.isSuccess(closed)).toBe(true)
    })
  )
})
