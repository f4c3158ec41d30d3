/**
 * A stuck Ollama: it accepts connections and never answers (the emulator's `hang` fault), on
 * every kind of call. Every call is bounded, a slot whose load or unload timed out is released,
 * and the budget reconciles with /api/ps afterwards.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Fiber } from "effect"
import { Ollama } from "ollama"
import { CODELLAMA, eventually, MISTRAL, QWEN, setup } from "./support.ts"

/** Another client of the same server (another lfai process, a person with `ollama run`). */
const elsewhere = (url: string, model: string, keepAlive: string | number) =>
  Effect.promise(() => new Ollama({ host: url }).generate({ model, prompt: "", keep_alive: keepAlive, options: { num_ctx: 4096 } }))

const chatOf = (model: string) => ({ model, system: "You draw diagrams.", prompt: "an ERD of a library", temperature: 0.2, numCtx: 4096 })
const fast = { metadataTimeoutMs: 300, pullStallMs: 400, unloadTimeoutMs: 600 }

describe("a stuck Ollama", () => {
  it.live("a load that hangs fails its requests after request_timeout_s and releases the slot; the next load succeeds", () =>
    Effect.gen(function* () {
      const { local, gpu } = yield* setup({
        scenario: { faults: [{ model: MISTRAL, on: "load", kind: "hang" }] },
        ollama: { request_timeout_s: 0.5, persistent_models: [] },
        options: fast
      })
      const exits = yield* Effect.all([local.generate(chatOf(MISTRAL)), local.generate(chatOf(MISTRAL))].map(Effect.exit), { concurrency: "unbounded" })
      for (const exit of exits) expect(exit).toStrictEqual(Exit.fail(expect.objectContaining({ _tag: "LocalTimeout", model: MISTRAL })))
      const snapshot = yield* gpu.snapshot
      expect(snapshot.bookedBytes).toBe(0)
      expect(snapshot.slots).toEqual([])
      // The fault was used once: the next request loads and answers.
      expect((yield* local.generate(chatOf(MISTRAL))).text.length).toBeGreaterThan(0)
    })
  )

  it.live("after a load times out, the budget reconciles with /api/ps and books what the server really holds", () =>
    Effect.gen(function* () {
      const { emu, local, gpu } = yield* setup({
        scenario: { faults: [{ model: MISTRAL, on: "load", kind: "hang" }] },
        ollama: { request_timeout_s: 1, persistent_models: [] },
        options: { ...fast, models: [MISTRAL] }
      })
      const ours = yield* Effect.forkChild(Effect.exit(local.generate(chatOf(MISTRAL))))
      // While our load hangs, the model gets loaded by someone else's request.
      yield* eventually(Effect.sync(() => emu.requests().some((r) => r.path === "/api/generate" && r.model === MISTRAL && r.status === 0)), "our load hanging")
      yield* elsewhere(emu.url, MISTRAL, "5m")
      expect(yield* Fiber.join(ours)).toStrictEqual(Exit.fail(expect.objectContaining({ _tag: "LocalTimeout", model: MISTRAL })))
      // Reconciled after the timeout: the model the server holds is booked (adopted as ours), not lost.
      yield* eventually(Effect.map(gpu.snapshot, (snapshot) => snapshot.slots.some((slot) => slot.name === MISTRAL && slot.state === "ready")), "the model booked")
      expect((yield* gpu.snapshot).stats.adoptions).toBe(1)
    })
  )

  it.live("an unload that hangs releases its slot; the model counts as foreign while /api/ps lists it, and its room is used once it goes", () =>
    Effect.gen(function* () {
      const { emu, local, control, gpu } = yield* setup({
        // Room for one 7B model at a time: codellama must evict mistral, whose unload hangs.
        scenario: { faults: [{ model: MISTRAL, on: "load", kind: "ok" }, { model: MISTRAL, on: "load", kind: "hang" }] },
        ollama: { vram_limit_gb: 8, persistent_models: [], request_timeout_s: 5, queue_timeout_s: 20 },
        options: fast
      })
      yield* local.generate(chatOf(MISTRAL))
      const next = yield* Effect.forkChild(local.generate(chatOf(CODELLAMA)))
      // Past the unload's bound the slot is gone; the server still holds mistral, so /api/ps books it as foreign.
      yield* eventually(
        Effect.map(gpu.snapshot, (snapshot) => snapshot.slots.every((slot) => slot.name !== MISTRAL) && snapshot.foreign.some((f) => f.name === MISTRAL)),
        "the unloading slot released, mistral foreign"
      )
      // The server lets it go (its hung unload recovered, or someone unloaded it): the room is used.
      yield* elsewhere(emu.url, MISTRAL, 0)
      yield* control.vram
      expect((yield* Fiber.join(next)).text.length).toBeGreaterThan(0)
      expect((yield* gpu.snapshot).slots.map((slot) => slot.name)).toEqual([CODELLAMA])
    })
  )

  it.live("metadata calls are bounded: status fails as unreachable, vram and health answer 'unreachable'", () =>
    Effect.gen(function* () {
      const { control } = yield* setup({
        scenario: { faults: [{ on: "list", kind: "hang", times: 100 }, { on: "ps", kind: "hang", times: 100 }, { on: "show", kind: "hang", times: 100 }] },
        options: fast
      })
      const status = yield* Effect.exit(control.status([MISTRAL]))
      expect(status).toStrictEqual(Exit.fail(expect.objectContaining({ _tag: "OllamaUnreachable" })))
      expect(Exit.isFailure(status) ? String((status.cause as any).reasons?.[0]?.error?.message ?? status.cause) : "").toContain("/api/tags did not answer within 0.3 s")
      const vram = yield* control.vram
      expect(vram.ollama).toBe("unreachable")
    })
  )

  it.live("a pull that stops sending progress is abandoned (PullFailed), not waited on for minutes", () =>
    Effect.gen(function* () {
      const { local } = yield* setup({
        scenario: { models: { [QWEN]: { present: false } }, faults: [{ on: "pull", kind: "hang", times: 2 }] },
        options: fast
      })
      const exit = yield* Effect.exit(local.ensure(QWEN))
      expect(exit).toStrictEqual(Exit.fail(expect.objectContaining({ _tag: "PullFailed", model: QWEN, reason: "no progress for 0.4 s" })))
    })
  )
})
