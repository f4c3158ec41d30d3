/**
 * Several Ollama servers (`ollama.hosts`), each an emulator with its own 12 GiB budget, through the
 * real client: affinity, spread, a host killed mid-run, a host coming back, pulls where the model
 * will run, persistent models spread, adoption per host, the limits per host.
 */
import { describe, expect, it } from "@effect/vitest"
import type { LocalModelError, LocalModels } from "@lfai/core"
import type { OllamaEmulatorHandle } from "@lfai/testkit"
import { Cause, Deferred, Effect, Exit, Fiber, Logger } from "effect"
import { TestClock } from "effect/testing"
import { Ollama } from "ollama"
import type { Budget } from "../src/index.ts"
import { prng } from "../src/internal/sim.ts"
import { CODELLAMA, emulator, emulatorVram, eventually, LLAMA3, MISTRAL, QWEN, SEED, servicesFor, setupHosts, type Services } from "./support.ts"

const chatOf = (model: string, prompt = "draw an ERD of a library") => ({ model, system: "You draw diagrams.", prompt, temperature: 0.2, numCtx: 4096 })

const loadedOn = (emu: OllamaEmulatorHandle) => emu.state().loaded.map((m) => m.name).sort()

/** One request as the pipeline makes it: ensure, lease, generate — a transient error retried once (the ladder's retry). */
const request = (local: LocalModels["Service"], model: string, prompt?: string) => {
  const once = Effect.andThen(local.ensure(model), Effect.scoped(Effect.andThen(local.lease(model, { numCtx: 4096 }), local.generate(chatOf(model, prompt)))))
  return once.pipe(Effect.catchTag("LocalTransient", () => once))
}

/** Every host's budget stays within its limit at every step; the emulated GPUs too. */
const watch = () => {
  const violations: string[] = []
  let emus: ReadonlyArray<OllamaEmulatorHandle> = []
  return {
    violations,
    setEmus: (all: ReadonlyArray<OllamaEmulatorHandle>) => void (emus = all),
    onStep: (budget: Budget, host: string) => {
      if (budget.booked() > budget.limit) violations.push(`${host} booked ${budget.booked()} > ${budget.limit}`)
      for (const emu of emus) if (emulatorVram(emu) > 12 + 1e-9) violations.push(`${emu.url} holds ${emulatorVram(emu)} GiB`)
    }
  }
}

const leasesLeft = (services: Services) => Effect.map(services.gpu.snapshot, (s) => s.hosts.map((h) => h.slots.reduce((n, slot) => n + slot.leases, 0) + h.queued))

describe("placement across hosts", () => {
  it.live("affinity: a request for a model loaded on a host goes there, even when another host has more room", () =>
    Effect.gen(function* () {
      const { emus, local } = yield* setupHosts({ hosts: [{}, {}] })
      yield* request(local, MISTRAL) // both empty: the first host
      yield* request(local, QWEN) // the second host has more room
      expect([loadedOn(emus[0]), loadedOn(emus[1])]).toEqual([[MISTRAL], [QWEN]])
      yield* request(local, LLAMA3) // 6.62 GiB free beside mistral, 6.82 beside qwen: the second host
      expect(loadedOn(emus[1])).toEqual([LLAMA3, QWEN])
      const chatsBefore = emus[0].requests().filter((r) => r.path === "/api/chat").length
      yield* request(local, MISTRAL) // the first host has it loaded, the second has no room now
      yield* request(local, QWEN) // loaded on the second host; the first has more room
      expect(emus[0].requests().filter((r) => r.path === "/api/chat")).toHaveLength(chatsBefore + 1)
      expect(emus[1].requests().filter((r) => r.path === "/api/chat" && r.model === QWEN)).toHaveLength(2)
      expect(emus.map((emu) => emu.requests().filter((r) => r.path === "/api/generate" && r.status === 200).length)).toEqual([1, 2]) // no second load anywhere
    })
  )

  it.live("spread: four models over two hosts that fit two each all load at once, none evicted", () =>
    Effect.gen(function* () {
      const { violations, onStep, setEmus } = watch()
      // 16 GiB cards behind 12 GiB budgets: the emulated Ollama would evict codellama to make room
      // for qwen on a 12 GiB card (its own estimate with a model loaded is tighter than 11.83 GiB)
      const card = { gpu_gb: 16 }
      const { emus, local, gpu } = yield* setupHosts({ hosts: [{ scenario: card }, { scenario: card }], ollama: { persistent_models: [] }, options: { onStep } })
      setEmus(emus)
      // Held together, asked for one after the other: codellama 6.65 + qwen 5.18 on one host, mistral
      // 5.38 + llama3 5.68 on the other.
      const release = yield* Deferred.make<void>()
      const fibers: Array<Fiber.Fiber<void, LocalModelError>> = []
      for (const model of [CODELLAMA, MISTRAL, LLAMA3, QWEN]) {
        const leased = yield* Deferred.make<void>()
        fibers.push(
          yield* Effect.forkChild(
            Effect.scoped(Effect.andThen(local.lease(model, { numCtx: 4096 }), Effect.andThen(Deferred.succeed(leased, undefined), Deferred.await(release))))
          )
        )
        yield* Deferred.await(leased)
      }
      expect([loadedOn(emus[0]), loadedOn(emus[1])]).toEqual([
        [CODELLAMA, QWEN],
        [LLAMA3, MISTRAL]
      ])
      yield* Deferred.succeed(release, undefined)
      yield* Fiber.joinAll(fibers)
      const snapshot = yield* gpu.snapshot
      expect(snapshot.stats).toMatchObject({ loads: 4, evictions: 0 })
      expect(snapshot.hosts.map((h) => h.slots.length)).toEqual([2, 2])
      expect(violations).toEqual([])
    })
  )

  it.live("a model larger than every host's budget is refused at once; one that fits only the larger host goes there", () =>
    Effect.gen(function* () {
      const { emus, local } = yield* setupHosts({
        hosts: [{ vram_limit_gb: 8 }, { vram_limit_gb: 16, scenario: { gpu_gb: 16 } }],
        ollama: { persistent_models: [] }
      })
      // codellama at 16384 tokens: 8 GiB of KV alone (32 KV heads), 13.6 GiB in all
      yield* Effect.scoped(Effect.andThen(local.lease(CODELLAMA, { numCtx: 16384 }), local.generate({ ...chatOf(CODELLAMA), numCtx: 16384 })))
      expect([loadedOn(emus[0]), loadedOn(emus[1])]).toEqual([[], [CODELLAMA]])
      const started = Date.now()
      const error = yield* Effect.flip(Effect.scoped(local.lease(CODELLAMA, { numCtx: 32768 })))
      expect(error).toMatchObject({ _tag: "OutOfBudget", limitGb: 16 })
      expect(Date.now() - started).toBeLessThan(5_000) // at once, not after queue_timeout_s (60 s)
    })
  )

  it.live("a model absent everywhere is pulled on the host that then runs it, and only there", () =>
    Effect.gen(function* () {
      const absent = { models: { [QWEN]: { present: false } } }
      const { emus, local } = yield* setupHosts({ hosts: [{ scenario: absent }, { scenario: absent }], ollama: { persistent_models: [] } })
      yield* request(local, MISTRAL) // the first host now has less room
      yield* request(local, QWEN)
      expect(emus.map((emu) => emu.requests().filter((r) => r.path === "/api/pull").length)).toEqual([0, 1])
      expect(loadedOn(emus[1])).toEqual([QWEN])
    })
  )

  it.live("a load that fails on one host is tried on another", () =>
    Effect.gen(function* () {
      const { emus, local } = yield* setupHosts({
        hosts: [{ scenario: { faults: [{ model: MISTRAL, on: "load", kind: "http_500" }] } }, {}],
        ollama: { persistent_models: [] }
      })
      const answer = yield* request(local, MISTRAL)
      expect(answer.model).toBe(MISTRAL)
      expect([loadedOn(emus[0]), loadedOn(emus[1])]).toEqual([[], [MISTRAL]])
    })
  )

  it.live("a model another lfai process loaded on one host is adopted there, and requests for it go there", () =>
    Effect.gen(function* () {
      const a = yield* emulator()
      const b = yield* emulator()
      yield* Effect.promise(() => new Ollama({ host: b.url }).generate({ model: LLAMA3, prompt: "", keep_alive: "6m", options: { num_ctx: 4096 } }))
      const { local, gpu } = yield* servicesFor({ urls: [a.url, b.url], options: { models: [LLAMA3] } })
      yield* request(local, LLAMA3)
      expect(a.requests().filter((r) => r.path === "/api/generate" || r.path === "/api/chat")).toEqual([])
      const snapshot = yield* gpu.snapshot
      expect(snapshot.hosts.map((h) => h.stats.adoptions)).toEqual([0, 1])
      expect(snapshot.hosts[1].slots).toEqual([expect.objectContaining({ name: LLAMA3, host: b.url, persistent: true, leases: 0 })])
    })
  )
})

describe("a host that fails", () => {
  it.live("killed mid-run: every request is still answered, no host's budget is exceeded, no lease is left", () =>
    Effect.gen(function* () {
      const { violations, onStep, setEmus } = watch()
      const models = Object.fromEntries(SEED.filter((m) => m !== CODELLAMA).map((m) => [m, { replies: [`answer from ${m}`], latency_ms: 30 }]))
      const services = yield* setupHosts({
        hosts: [{ scenario: { models } }, { scenario: { models } }],
        ollama: { persistent_models: [], request_timeout_s: 10, queue_timeout_s: 30, idle_unload_s: 5 },
        options: { onStep, backoffMs: 60_000 }
      })
      const { emus, local } = services
      setEmus(emus)
      const rand = prng(23)
      const three = [MISTRAL, QWEN, LLAMA3]
      const killed = yield* Deferred.make<void>()
      const one = (i: number) =>
        Effect.gen(function* () {
          yield* Effect.sleep(Math.floor(i * 25 + rand() * 20))
          // killed once it has served a chat, however slow the machine: its share is then not empty
          if (i === 30) {
            const servedOne = eventually(Effect.sync(() => emus[1].requests().some((r) => r.path === "/api/chat")), "the second host serving a chat")
            yield* Effect.forkChild(servedOne.pipe(Effect.andThen(Effect.promise(() => emus[1].close())), Effect.andThen(Deferred.succeed(killed, undefined)), Effect.orDie))
          }
          return yield* Effect.exit(request(local, three[Math.floor(rand() * three.length)], `request ${i}`))
        })
      const exits = yield* Effect.all(
        Array.from({ length: 60 }, (_, i) => one(i)),
        { concurrency: "unbounded" }
      )
      yield* Deferred.await(killed)
      const failures = exits.filter(Exit.isFailure).map((exit) => Cause.pretty(exit.cause).split("\n")[0])
      expect(failures).toEqual([])
      expect(exits.every((exit) => Exit.isSuccess(exit) && exit.value.text.startsWith("answer from "))).toBe(true)
      expect(violations).toEqual([])
      expect(yield* leasesLeft(services)).toEqual([0, 0])
      const vram = yield* services.control.vram
      expect(vram.hosts.map((h) => h.up)).toEqual([true, false])
      expect(vram.ollama).toBe("reachable")
      expect(vram.warnings).toContain(`no Ollama answers at ${emus[1].url}; this is the budget's own view`)
    })
  )

  it.live("a request waiting in a host's queue moves to another host when its host goes down", () =>
    Effect.gen(function* () {
      const services = yield* setupHosts({ hosts: [{}, {}], ollama: { persistent_models: [], queue_timeout_s: 30 }, options: { backoffMs: 60_000 } })
      const { emus, local, gpu } = services
      const release = yield* Deferred.make<void>()
      /** Leases `model` in a fiber of its own until `release`; then generates with it. Returns once leased. */
      const hold = (model: string) =>
        Effect.gen(function* () {
          const leased = yield* Deferred.make<void>()
          const fiber = yield* Effect.forkChild(
            Effect.scoped(
              Effect.gen(function* () {
                yield* local.lease(model, { numCtx: 4096 })
                yield* Deferred.succeed(leased, undefined)
                yield* Deferred.await(release)
                return yield* local.generate(chatOf(model))
              })
            )
          )
          yield* Deferred.await(leased)
          return fiber
        })
      // the first host: mistral + qwen in use (1.44 GiB free); the second: llama3 in use (6.32 GiB free)
      const held = [yield* hold(MISTRAL), yield* hold(LLAMA3), yield* hold(QWEN)]
      expect([loadedOn(emus[0]), loadedOn(emus[1])]).toEqual([[MISTRAL, QWEN], [LLAMA3]])
      // codellama (6.65 GiB) fits nowhere now; it waits where there is most room: the second host
      const waiting = yield* Effect.forkChild(request(local, CODELLAMA))
      yield* eventually(Effect.map(gpu.snapshot, (s) => s.hosts[1].queued === 1), "codellama queued on the second host")
      yield* Effect.promise(() => emus[1].close())
      // the generations go on: llama3's finds its host gone (marked down) and is answered by the first host
      yield* Deferred.succeed(release, undefined)
      const answers = yield* Fiber.joinAll(held)
      expect(answers.map((a) => a.model)).toEqual([MISTRAL, LLAMA3, QWEN])
      const answer = yield* Fiber.join(waiting)
      expect(answer.model).toBe(CODELLAMA)
      expect(emus[0].requests().filter((r) => r.path === "/api/chat" && r.model === CODELLAMA)).toHaveLength(1)
      expect((yield* gpu.snapshot).hosts[1]).toMatchObject({ up: false, queued: 0 })
      expect(yield* leasesLeft(services)).toEqual([0, 0])
    })
  )

  it.live("a host that comes back is found by the probe after its back-off, and takes work again", () =>
    Effect.gen(function* () {
      const a = yield* emulator()
      const b = yield* emulator()
      const services = yield* servicesFor({ urls: [a.url, b.url], ollama: { persistent_models: [] }, options: { backoffMs: 50, maxBackoffMs: 200 } })
      const { local, gpu, control } = services
      yield* request(local, QWEN)
      yield* request(local, MISTRAL)
      expect([loadedOn(a), loadedOn(b)]).toEqual([[QWEN], [MISTRAL]])
      yield* Effect.promise(() => b.close())
      // mistral's host has gone: the request finds out, marks it down and is answered by the first host
      expect((yield* request(local, MISTRAL)).model).toBe(MISTRAL)
      expect(loadedOn(a)).toEqual([MISTRAL, QWEN])
      expect((yield* gpu.snapshot).hosts.map((h) => h.up)).toEqual([true, false])
      expect((yield* control.hosts).map((h) => h.up)).toEqual([true, false])
      // back on the same port, empty (a restarted server)
      const again = yield* emulator({}, b.port)
      yield* eventually(Effect.map(gpu.snapshot, (s) => s.hosts[1].up), "the probe finds the host again")
      yield* eventually(Effect.map(gpu.snapshot, (s) => s.hosts[1].slots.length === 0), "its stale booking released")
      // llama3 would need an eviction on the first host; the second is empty
      yield* request(local, LLAMA3)
      expect(loadedOn(again)).toEqual([LLAMA3])
      expect((yield* control.vram).hosts.map((h) => [h.up, [...h.activeModels].sort()])).toEqual([
        [true, [MISTRAL, QWEN]],
        [true, [LLAMA3]]
      ])
    })
  )

  it.live("with one host, a host that is down is still the one asked (nothing else could serve)", () =>
    Effect.gen(function* () {
      const a = yield* emulator()
      const { local, control } = yield* servicesFor({ urls: [a.url], ollama: { persistent_models: [] }, options: { backoffMs: 60_000 } })
      yield* Effect.promise(() => a.close())
      const down = yield* Effect.flip(request(local, MISTRAL))
      expect(down._tag).toBe("OllamaUnreachable")
      const again = yield* emulator({}, a.port)
      // the back-off is a minute: the next request asks the one host anyway, and it answers
      expect((yield* request(local, MISTRAL)).model).toBe(MISTRAL)
      expect(loadedOn(again)).toEqual([MISTRAL])
      expect((yield* control.vram).hosts[0].up).toBe(true)
    })
  )
})

describe("persistent models over several hosts", () => {
  const YEAR_MS = 365 * 24 * 3600 * 1000
  const expiry = (emu: OllamaEmulatorHandle, model: string) => Date.parse(emu.state().loaded.find((m) => m.name === model)!.expiresAt) - Date.now()

  it.live("pre-warmed on one host each (spread, not duplicated), pinned while lfai runs, handed back to idle_unload_s when it stops", () =>
    Effect.gen(function* () {
      const a = yield* emulator()
      const b = yield* emulator()
      // codellama 6.65 + llama3 5.68 do not fit one 12 GiB host; over two they both load
      const warmed = yield* Effect.scoped(
        Effect.gen(function* () {
          const { control } = yield* servicesFor({ urls: [a.url, b.url], ollama: { idle_unload_s: 120 } })
          const warmed = yield* control.warm
          expect([loadedOn(a), loadedOn(b)]).toEqual([[CODELLAMA], [LLAMA3]])
          expect(expiry(a, CODELLAMA)).toBeGreaterThan(10 * YEAR_MS)
          expect(expiry(b, LLAMA3)).toBeGreaterThan(10 * YEAR_MS)
          // warming again loads nothing more
          expect(yield* control.warm).toEqual([CODELLAMA, LLAMA3])
          return warmed
        })
      )
      expect(warmed).toEqual([CODELLAMA, LLAMA3])
      for (const [emu, model] of [[a, CODELLAMA], [b, LLAMA3]] as const) {
        expect(expiry(emu, model)).toBeLessThanOrEqual(120_000)
        expect(expiry(emu, model)).toBeGreaterThan(60_000)
      }
      expect(a.requests().filter((r) => r.path === "/api/generate" && r.model === LLAMA3)).toEqual([])
    })
  )

  it.live("a host gone at shutdown does not keep the other hosts' models pinned", () =>
    Effect.gen(function* () {
      const a = yield* emulator()
      const b = yield* emulator()
      yield* Effect.scoped(
        Effect.gen(function* () {
          const { control } = yield* servicesFor({ urls: [a.url, b.url], ollama: { idle_unload_s: 120 }, options: { unpinTimeoutMs: 3000 } })
          expect(yield* control.warm).toEqual([CODELLAMA, LLAMA3])
          yield* Effect.promise(() => a.close())
        })
      )
      expect(expiry(b, LLAMA3)).toBeLessThanOrEqual(120_000)
    })
  )

  it.live("the config pins a persistent model to hosts: it is pre-warmed on each of them; one no host takes loads on demand", () =>
    Effect.gen(function* () {
      const warnings: string[] = []
      const logger = Logger.make(({ logLevel, message }) => {
        if (logLevel === "Warn") warnings.push((Array.isArray(message) ? message : [message]).join(" "))
      })
      const { emus, control } = yield* setupHosts({ hosts: [{ persistent_models: [CODELLAMA] }, { persistent_models: [CODELLAMA] }] })
      const warmed = yield* control.warm.pipe(Effect.provide(Logger.layer([logger])))
      expect(warmed).toEqual([CODELLAMA])
      expect([loadedOn(emus[0]), loadedOn(emus[1])]).toEqual([[CODELLAMA], [CODELLAMA]])
      expect(warnings.join("\n")).toContain(`persistent model ${LLAMA3}`)
    })
  )
})

describe("reports over several hosts", () => {
  it.live("vram() keeps the totals and lists each host; status() says where each model is", () =>
    Effect.gen(function* () {
      const { emus, local, control } = yield* setupHosts({ hosts: [{}, { vram_limit_gb: 16, scenario: { gpu_gb: 16 } }], ollama: { persistent_models: [] } })
      yield* request(local, QWEN) // the second host: more room
      yield* request(local, MISTRAL) // 16 - 5.18 = 10.82 there against 12: the first host
      const vram = yield* control.vram
      expect(vram).toMatchObject({ usedGb: 10.56, totalGb: 28, usagePercent: 37.7, activeModels: [MISTRAL, QWEN], queued: 0, ollama: "reachable", warnings: [] })
      expect(vram.hosts).toEqual([
        { url: emus[0].url, up: true, usedGb: 5.38, totalGb: 12, usagePercent: 44.8, activeModels: [MISTRAL], models: [expect.objectContaining({ name: MISTRAL, host: emus[0].url })], queued: 0 },
        { url: emus[1].url, up: true, usedGb: 5.18, totalGb: 16, usagePercent: 32.4, activeModels: [QWEN], models: [expect.objectContaining({ name: QWEN, host: emus[1].url })], queued: 0 }
      ])
      const status = yield* control.status([MISTRAL, QWEN])
      const mistral = status.find((s) => s.name === MISTRAL)!
      expect(mistral).toEqual({
        name: MISTRAL,
        present: true,
        loaded: true,
        sizeVramGb: 5.38,
        hosts: [
          { url: emus[0].url, up: true, present: true, loaded: true, sizeVramGb: 5.38 },
          { url: emus[1].url, up: true, present: true, loaded: false, sizeVramGb: 0 }
        ]
      })
      yield* Effect.promise(() => emus[0].close())
      const partial = yield* control.status([MISTRAL])
      expect(partial.find((s) => s.name === MISTRAL)!.hosts.map((h) => [h.up, h.loaded])).toEqual([
        [false, false],
        [true, false]
      ])
      expect(yield* control.health).toBe("reachable")
      expect((yield* control.hosts).map((h) => h.up)).toEqual([false, true])
    })
  )

  it.effect("each host lists its models with their idle time on the budget's clock; the totals list the same entries", () =>
    Effect.gen(function* () {
      const { emus, local, control } = yield* setupHosts({ hosts: [{}, { vram_limit_gb: 16, scenario: { gpu_gb: 16 } }], ollama: { persistent_models: [] } })
      yield* request(local, QWEN) // the second host
      yield* TestClock.adjust("2 minutes")
      yield* request(local, MISTRAL) // the first host
      yield* TestClock.adjust("45 seconds")
      const vram = yield* control.vram
      expect(vram.hosts.map((host) => host.models.map((m) => [m.name, m.host, m.idleSeconds]))).toEqual([
        [[MISTRAL, emus[0].url, 45]],
        [[QWEN, emus[1].url, 165]]
      ])
      expect(vram.models).toEqual(vram.hosts.flatMap((host) => host.models))
    })
  )

  it.live("when no host answers, status fails typed and health says unreachable", () =>
    Effect.gen(function* () {
      const { emus, control } = yield* setupHosts({ hosts: [{}, {}] })
      yield* Effect.promise(() => Promise.all(emus.map((emu) => emu.close())))
      const error: LocalModelError = yield* Effect.flip(control.status([MISTRAL]))
      expect(error._tag).toBe("OllamaUnreachable")
      expect(yield* control.health).toBe("unreachable")
      expect((yield* control.vram).ollama).toBe("unreachable")
    })
  )
})
