/**
 * The simulation: hundreds of random concurrent requests over the four seed models,
 * through the real client against the emulator, with random lease durations, contexts,
 * interruptions, queue timeouts and hung generations. At every budget step the budget's booking
 * and the emulated GPU's /api/ps sum stay within the limit; every request ends with a result or a
 * typed error; afterwards no lease is left and the idle models unload. The same with several hosts
 * (each an emulator with its own 12 GiB budget, checked per host), and with one of three hosts
 * killed halfway through.
 */
import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Exit, Fiber } from "effect"
import { Ollama } from "ollama"
import { prng } from "../src/internal/sim.ts"
import type { OllamaScenario } from "@lfai/testkit"
import { emulatorVram, eventually, GiB, SEED, setupHosts } from "./support.ts"

const TYPED = new Set(["VramQueueTimeout", "LocalTimeout", "LocalTransient", "OutOfBudget"])
const QUEUE_TIMEOUT_S = 3

const modes = [
  { name: "one host", hosts: 1, kill: false },
  { name: "two hosts", hosts: 2, kill: false },
  { name: "three hosts, one killed halfway", hosts: 3, kill: true }
] as const

describe("simulation against the emulator", () => {
  it.live.each(modes)("$name: 300 random concurrent requests: never over 12 GiB on any host, every request ends typed, no lease left, idle models unload", (mode) =>
    Effect.gen(function* () {
      const rand = prng(2026)
      const violations: string[] = []
      let steps = 0
      let peakServer = 0
      const limit = 12
      // A 16 GiB card behind a 12 GiB budget: only the budget keeps the server under 12.
      const scenario: OllamaScenario = {
        gpu_gb: 16,
        models: Object.fromEntries(SEED.map((m) => [m, { replies: [`answer from ${m}`] }])),
        // some generations hang: the request timeout must fire and free the lease
        faults: [{ on: "generate", kind: "hang", times: Math.ceil(6 / mode.hosts) }]
      }
      const { emus, local, gpu } = yield* setupHosts({
        hosts: Array.from({ length: mode.hosts }, () => ({ scenario })),
        ollama: {
          vram_limit_gb: limit,
          persistent_models: [],
          idle_unload_s: 0.3,
          queue_timeout_s: QUEUE_TIMEOUT_S,
          request_timeout_s: 1,
          max_overtakes: 2
        },
        options: {
          backoffMs: 60_000,
          onStep: (budget, host) => {
            steps++
            if (budget.booked() > budget.limit) violations.push(`${host}: booked ${budget.booked()} > ${budget.limit}`)
            for (const emu of live) {
              const server = emulatorVram(emu)
              peakServer = Math.max(peakServer, server)
              if (server > limit + 1e-9) violations.push(`${emu.url}: the GPU holds ${server} GiB`)
            }
          }
        }
      })
      let live = [...emus]
      // Every lease, while held, also asks a server through the real client.
      const clients = emus.map((emu) => new Ollama({ host: emu.url }))
      const psChecks: number[] = []

      const one = (i: number) => {
        const model = SEED[Math.floor(rand() * SEED.length)]
        const numCtx = [2048, 4096, 4096, 8192][Math.floor(rand() * 4)]
        const holdMs = Math.floor(rand() * 60)
        const startMs = Math.floor(rand() * 3000)
        const interruptAfter = rand() < 0.1 ? Math.floor(rand() * 200) : undefined
        const request = Effect.scoped(
          Effect.gen(function* () {
            yield* local.ensure(model)
            yield* local.lease(model, { numCtx })
            if (i % 10 === 0) {
              // the host may be the one killed meanwhile: a check that finds it gone checks nothing
              const index = i % live.length
              const ps = yield* Effect.option(Effect.tryPromise(() => clients[emus.indexOf(live[index])].ps()))
              if (ps._tag === "Some") psChecks.push(ps.value.models.reduce((s, m) => s + m.size_vram, 0) / GiB)
            }
            yield* Effect.sleep(holdMs)
            return yield* local.generate({ model, system: "s", prompt: `request ${i}`, numCtx })
          })
        )
        return Effect.gen(function* () {
          yield* Effect.sleep(startMs)
          const began = Date.now()
          const fiber = yield* Effect.forkChild(request)
          if (interruptAfter !== undefined) {
            yield* Effect.sleep(interruptAfter)
            yield* Fiber.interrupt(fiber)
          }
          const exit = yield* Fiber.await(fiber)
          return { exit, ms: Date.now() - began }
        })
      }

      const killer = mode.kill
        ? Effect.andThen(Effect.sleep(1500), () => {
            const victim = emus[mode.hosts - 1]
            live = live.filter((emu) => emu !== victim)
            return Effect.promise(() => victim.close())
          })
        : Effect.void
      const [exits] = yield* Effect.all(
        [
          Effect.all(
            Array.from({ length: 300 }, (_, i) => one(i)),
            { concurrency: "unbounded" }
          ),
          killer
        ],
        { concurrency: "unbounded" }
      )

      const outcomes: Record<string, number> = {}
      for (const { exit, ms } of exits) {
        let key: string
        if (Exit.isSuccess(exit)) {
          expect(exit.value.text).toMatch(/^answer from /)
          key = "ok"
        } else if (Cause.hasInterruptsOnly(exit.cause)) {
          key = "interrupted"
        } else {
          const error = Cause.squash(exit.cause) as { _tag?: string; message?: string }
          expect(TYPED, `an untyped or unexpected failure: ${error._tag} ${error.message}`).toContain(error._tag)
          // how many wait past queue_timeout_s depends on how busy the machine is; none gives up early
          if (error._tag === "VramQueueTimeout") expect(ms).toBeGreaterThanOrEqual(QUEUE_TIMEOUT_S * 1000 - 20)
          key = error._tag!
        }
        outcomes[key] = (outcomes[key] ?? 0) + 1
      }
      expect(steps).toBeGreaterThan(300)
      expect(violations).toEqual([])
      expect(Math.max(...psChecks)).toBeLessThanOrEqual(limit)
      expect(peakServer).toBeGreaterThan(5) // the run did load models
      const summary = JSON.stringify(outcomes)
      expect(outcomes.ok, summary).toBeGreaterThan(0)
      expect(outcomes.LocalTimeout, summary).toBeGreaterThan(0) // the hung generations
      expect(Object.values(outcomes).reduce((a, b) => a + b, 0)).toBe(300)

      const after = yield* gpu.snapshot
      expect(after.queued).toBe(0)
      expect(after.slots.reduce((s, x) => s + x.leases, 0)).toBe(0)
      yield* eventually(Effect.sync(() => live.every((emu) => emu.state().loaded.length === 0)), "idle on-demand models unloaded")
      yield* eventually(
        Effect.map(gpu.snapshot, (s) => s.hosts.every((h) => !h.up || (h.slots.length === 0 && h.bookedBytes === 0))),
        "every live host's budget empty"
      )
      if (mode.kill) expect(after.hosts.map((h) => h.up)).toEqual([true, true, false])
    })
  )
})
