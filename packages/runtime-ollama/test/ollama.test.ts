import { describe, expect, it } from "@effect/vitest"
import { estimateModelMemory, startOllama } from "@lfai/testkit"
import { Cause, Deferred, Effect, Exit, Fiber, Stream } from "effect"
import { TestClock } from "effect/testing"
import { Ollama } from "ollama"
import type { OllamaEmulatorHandle } from "@lfai/testkit"
import { CODELLAMA, emulator, emulatorVram, eventually, GiB, LLAMA3, MISTRAL, QWEN, servicesFor, setup, tcpProxy } from "./support.ts"

const chatOf = (model: string, prompt = "draw an ERD of a library") => ({ model, system: "You draw diagrams.", prompt, temperature: 0.2, numCtx: 4096 })

describe("generation through the real client", () => {
  it.live("ensure → lease → generate streams the answer, sends num_ctx and keep_alive, and books the measured size", () =>
    Effect.gen(function* () {
      const { emu, local, gpu } = yield* setup({ scenario: { models: { [MISTRAL]: { replies: ["erDiagram\n  A ||--o{ B : has"] } } } })
      const tokens: string[] = []
      const leasesDuring: number[] = []
      yield* local.ensure(MISTRAL)
      const completion = yield* Effect.scoped(
        Effect.gen(function* () {
          yield* local.lease(MISTRAL, { numCtx: 4096 })
          const snapshot = yield* gpu.snapshot
          expect(snapshot.slots).toEqual([expect.objectContaining({ name: MISTRAL, state: "ready", leases: 1, measured: true, numCtx: 4096 })])
          // The booking is what /api/ps reports (Ollama's own estimate), to the byte.
          expect(snapshot.bookedBytes).toBe(estimateModelMemory(MISTRAL, { numCtx: 4096, freeGb: 12 }).sizeVram)
          return yield* local.generate({
            ...chatOf(MISTRAL),
            onToken: (t) => {
              tokens.push(t)
              // one request holds the model: the generation rides on its lease, not a second one
              leasesDuring.push(Effect.runSync(gpu.snapshot).slots[0].leases)
            }
          })
        })
      )
      expect(new Set(leasesDuring)).toEqual(new Set([1]))
      expect(completion.text).toBe("erDiagram\n  A ||--o{ B : has")
      expect(tokens.join("")).toBe(completion.text)
      expect(tokens.length).toBeGreaterThan(1)
      expect((yield* gpu.snapshot).slots[0].leases).toBe(0)
      const chats = emu.requests().filter((r) => r.path === "/api/chat")
      expect(chats).toHaveLength(1)
      const loaded = emu.state().loaded
      expect(loaded).toEqual([expect.objectContaining({ name: MISTRAL, contextLength: 4096 })])
      // on-demand: the server's keep-alive is a safety net past our own idle unload (300 s + 60 s)
      const expiresIn = Date.parse(loaded[0].expiresAt) - Date.now()
      expect(expiresIn).toBeGreaterThan(300_000)
      expect(expiresIn).toBeLessThan(400_000)
    })
  )

  it.live("the estimate from /api/show (tensors included) equals what the server then measures, for the four seed models", () =>
    Effect.gen(function* () {
      const { gpu } = yield* setup({ scenario: { gpu_gb: 24 } })
      for (const [model, gb] of [[MISTRAL, 5.38], [CODELLAMA, 6.65], [LLAMA3, 5.68], [QWEN, 5.18]] as const) {
        const estimate = yield* gpu.estimate(model, 4096)
        expect(estimate.totalBytes).toBe(estimateModelMemory(model, { numCtx: 4096 }).sizeVram)
        expect(Number((estimate.totalBytes / GiB).toFixed(2))).toBe(gb)
      }
      expect((yield* gpu.estimate(CODELLAMA, 4096)).kvBytes).toBe(2 * GiB)
    })
  )

  it.live("generate without a lease leases for the call, so the budget still knows", () =>
    Effect.gen(function* () {
      const { local, gpu } = yield* setup({})
      const completion = yield* local.generate(chatOf(LLAMA3))
      expect(completion.text.length).toBeGreaterThan(0)
      const snapshot = yield* gpu.snapshot
      expect(snapshot.slots.map((s) => [s.name, s.leases])).toEqual([[LLAMA3, 0]])
      expect(snapshot.stats.loads).toBe(1)
    })
  )

  it.live("a request for a smaller context is served by the loaded runner (no reload), a larger one reloads it", () =>
    Effect.gen(function* () {
      const { emu, local, gpu } = yield* setup({})
      yield* local.generate({ ...chatOf(MISTRAL), numCtx: 8192 })
      yield* local.generate({ ...chatOf(MISTRAL), numCtx: 2048 })
      expect(emu.state().loaded.map((m) => m.contextLength)).toEqual([8192])
      expect((yield* gpu.snapshot).stats.loads).toBe(1)
      yield* local.generate({ ...chatOf(MISTRAL), numCtx: 16384 })
      expect(emu.state().loaded.map((m) => m.contextLength)).toEqual([16384])
      const snapshot = yield* gpu.snapshot
      expect(snapshot.stats.reloads).toBe(1)
      expect(snapshot.bookedBytes).toBe(estimateModelMemory(MISTRAL, { numCtx: 16384, freeGb: 12 }).sizeVram)
    })
  )
})

describe("the budget against the server", () => {
  it.live("a model bigger than the whole budget is refused at once", () =>
    Effect.gen(function* () {
      const { emu, local } = yield* setup({ ollama: { vram_limit_gb: 6 } })
      const exit = yield* Effect.exit(local.generate(chatOf(CODELLAMA)))
      expect(exit).toStrictEqual(Exit.fail(expect.objectContaining({ _tag: "OutOfBudget", model: CODELLAMA, limitGb: 6 })))
      expect(emu.requests().filter((r) => r.path === "/api/generate" || r.path === "/api/chat")).toHaveLength(0)
    })
  )

  it.live("two models that do not fit beside each other take turns; the second evicts the first once it is idle", () =>
    Effect.gen(function* () {
      const { emu, local, gpu } = yield* setup({ ollama: { vram_limit_gb: 12 } })
      const release = yield* Deferred.make<void>()
      const first = yield* Effect.forkChild(Effect.scoped(Effect.andThen(local.lease(CODELLAMA, { numCtx: 4096 }), Deferred.await(release))))
      yield* eventually(Effect.map(gpu.snapshot, (s) => s.slots.some((x) => x.name === CODELLAMA && x.leases === 1)), "codellama leased")
      const second = yield* Effect.forkChild(local.generate(chatOf(LLAMA3)))
      yield* eventually(Effect.map(gpu.snapshot, (s) => s.queued === 1), "llama3 queued")
      expect(emu.state().loaded.map((m) => m.name)).toEqual([CODELLAMA])
      yield* Deferred.succeed(release, undefined)
      yield* Fiber.join(first)
      yield* Fiber.join(second)
      expect(emu.state().loaded.map((m) => m.name)).toEqual([LLAMA3])
      expect((yield* gpu.snapshot).stats.evictions).toBe(1)
    })
  )

  it.live("a caller holding a lease generates even when strict FIFO has a request waiting for its model to drain", () =>
    Effect.gen(function* () {
      const { local, gpu } = yield* setup({ ollama: { max_overtakes: 0, queue_timeout_s: 10 } })
      const text = yield* Effect.scoped(
        Effect.gen(function* () {
          yield* local.lease(CODELLAMA, { numCtx: 4096 })
          const waiting = yield* Effect.forkChild(local.generate(chatOf(LLAMA3))) // needs codellama gone
          yield* eventually(Effect.map(gpu.snapshot, (s) => s.queued === 1), "llama3 queued")
          const answer = yield* local.generate(chatOf(CODELLAMA)) // no deadlock behind it
          return { answer, waiting }
        })
      )
      expect(text.answer.text.length).toBeGreaterThan(0)
      expect((yield* Fiber.join(text.waiting)).text.length).toBeGreaterThan(0)
    })
  )

  it.live("waiting past queue_timeout_s fails with VramQueueTimeout and leaves no trace in the queue", () =>
    Effect.gen(function* () {
      const { local, gpu } = yield* setup({ ollama: { vram_limit_gb: 8, queue_timeout_s: 0.2 } })
      const exit = yield* Effect.scoped(
        Effect.gen(function* () {
          yield* local.lease(CODELLAMA, { numCtx: 4096 })
          return yield* Effect.exit(local.generate(chatOf(MISTRAL)))
        })
      )
      expect(exit).toStrictEqual(Exit.fail(expect.objectContaining({ _tag: "VramQueueTimeout", model: MISTRAL })))
      const snapshot = yield* gpu.snapshot
      expect(snapshot.queued).toBe(0)
      expect(snapshot.slots.map((s) => s.leases)).toEqual([0])
    })
  )

  it.live("idle on-demand models are unloaded after idle_unload_s (keep_alive 0), persistent ones stay", () =>
    Effect.gen(function* () {
      const { emu, local, gpu } = yield* setup({ ollama: { idle_unload_s: 0.2, persistent_models: [LLAMA3] } })
      yield* local.generate(chatOf(MISTRAL))
      yield* local.generate(chatOf(LLAMA3))
      yield* eventually(Effect.sync(() => !emu.state().loaded.some((m) => m.name === MISTRAL)), "mistral unloaded")
      expect(emu.state().loaded.map((m) => m.name)).toEqual([LLAMA3])
      expect((yield* gpu.snapshot).stats.idleUnloads).toBe(1)
      const unload = emu.requests().filter((r) => r.path === "/api/generate" && r.model === MISTRAL)
      expect(unload.length).toBeGreaterThanOrEqual(2) // the load and the unload
    })
  )

  it.live("an unload request that fails is tried again; the model goes and its booking with it", () =>
    Effect.gen(function* () {
      const { emu, local, gpu } = yield* setup({
        // the first empty request (the load) passes, the second (the unload) gets a 500
        scenario: { faults: [{ model: MISTRAL, on: "load", kind: "ok" }, { model: MISTRAL, on: "load", kind: "http_500" }] },
        ollama: { idle_unload_s: 0.2 }
      })
      yield* local.generate(chatOf(MISTRAL))
      yield* eventually(Effect.map(gpu.snapshot, (s) => s.slots.length === 0), "mistral's booking released")
      expect(emu.state().loaded).toEqual([])
      expect(emu.requests().filter((r) => r.path === "/api/generate" && r.status === 500)).toHaveLength(1)
    })
  )

  it.live("warm() pre-warms persistent models with keep_alive -1 while room allows; the one that does not fit is reported", () =>
    Effect.gen(function* () {
      // The defaults: codellama (6.65 GiB) + llama3 (5.68 GiB) at 4096 tokens = 12.33 GiB > 12.
      const { emu, control } = yield* setup({})
      const warmed = yield* control.warm
      expect(warmed).toEqual([CODELLAMA])
      const loaded = emu.state().loaded
      expect(loaded.map((m) => m.name)).toEqual([CODELLAMA])
      expect(Date.parse(loaded[0].expiresAt) - Date.now()).toBeGreaterThan(10 * 365 * 24 * 3600 * 1000) // "forever"
      const vram = yield* control.vram
      expect(vram).toMatchObject({ totalGb: 12, usedGb: 6.65, activeModels: [CODELLAMA], ollama: "reachable" })
      expect(vram.models).toEqual([{ name: CODELLAMA, sizeVramGb: 6.65, residency: "persistent", leases: 0, idleSeconds: 0, host: emu.url }])
      expect(vram.hosts).toEqual([
        { url: emu.url, up: true, usedGb: 6.65, totalGb: 12, usagePercent: 55.4, activeModels: [CODELLAMA], models: vram.models, queued: 0 }
      ])
    })
  )

  it.live("an evicted persistent model is re-warmed once the room is free again", () =>
    Effect.gen(function* () {
      const { emu, local, control } = yield* setup({
        ollama: { idle_unload_s: 0.3, persistent_models: [CODELLAMA] },
        options: { rewarmQuietMs: 0 }
      })
      yield* control.warm
      yield* local.generate(chatOf(CODELLAMA))
      yield* local.generate(chatOf(LLAMA3)) // 5.68 + 6.65 > 12: codellama goes out
      expect(emu.state().loaded.map((m) => m.name)).toEqual([LLAMA3])
      // llama3 is unloaded when idle; codellama comes back
      yield* eventually(Effect.sync(() => emu.state().loaded.map((m) => m.name).join() === CODELLAMA), "codellama re-warmed")
    })
  )

  it.live("models loaded outside the budget are booked as foreign and reported", () =>
    Effect.gen(function* () {
      const { emu, control } = yield* setup({})
      const outsider = new Ollama({ host: emu.url })
      yield* Effect.promise(() => outsider.generate({ model: QWEN, prompt: "", keep_alive: "10m" }))
      const vram = yield* control.vram
      expect(vram.models).toEqual([expect.objectContaining({ name: QWEN, residency: "foreign" })])
      expect(vram.usedGb).toBeCloseTo(5.18, 2)
      expect(vram.warnings.join("\n")).toMatch(/loaded outside this budget/)
    })
  )

  it.live("a card smaller than the budget: the server's own evictions and CPU offload are reconciled and reported", () =>
    Effect.gen(function* () {
      // A 10 GiB card behind a 12 GiB budget: Ollama makes room for llama3 by evicting mistral itself.
      const small = yield* setup({ scenario: { gpu_gb: 10 } })
      yield* small.local.generate(chatOf(MISTRAL))
      yield* small.local.generate(chatOf(LLAMA3))
      const after = yield* small.control.vram
      expect(after.warnings.join("\n")).toMatch(/mistral:7b-instruct-q4_K_M was unloaded by the server/)
      expect(after.activeModels).toEqual([LLAMA3])
      // A 6 GiB card: codellama (6.65 GiB) only partly fits; the budget books what the GPU holds.
      const tiny = yield* setup({ scenario: { gpu_gb: 6 } })
      yield* tiny.local.generate(chatOf(CODELLAMA))
      const vram = yield* tiny.control.vram
      expect(vram.warnings.join("\n")).toMatch(/codellama:7b-instruct-q4_K_M is partly on the CPU/)
      const ps = yield* Effect.promise(() => new Ollama({ host: tiny.emu.url }).ps())
      expect(ps.models[0].size_vram).toBeLessThan(ps.models[0].size)
      expect(vram.usedGb).toBeCloseTo(ps.models[0].size_vram / GiB, 2)
    })
  )

  it.live("status() reports presence, residency and size per model; vram() works with Ollama down", () =>
    Effect.gen(function* () {
      const { control, local, emu } = yield* setup({ scenario: { models: { [QWEN]: { present: false } } } })
      yield* local.generate(chatOf(MISTRAL))
      const status = yield* control.status([MISTRAL, QWEN])
      const on = (present: boolean, loaded: boolean, sizeVramGb: number) => ({ present, loaded, sizeVramGb, hosts: [{ url: emu.url, up: true, present, loaded, sizeVramGb }] })
      expect(status).toEqual(
        expect.arrayContaining([
          { name: MISTRAL, ...on(true, true, 5.38) },
          { name: QWEN, ...on(false, false, 0) },
          { name: CODELLAMA, ...on(true, false, 0) }
        ])
      )
      expect(yield* control.health).toBe("reachable")
    })
  )
})

describe("models loaded by another lfai process (one process per CLI command, a restarted server)", () => {
  /** Loads a model the way an earlier `lfai` process did: through the server's API, not this budget. */
  const loadElsewhere = (url: string, model: string, keepAlive: string | number) =>
    Effect.promise(() => new Ollama({ host: url }).generate({ model, prompt: "", keep_alive: keepAlive, options: { num_ctx: 4096 } }))

  it.live("a configured model found loaded is adopted and evicted when another configured model needs the room; never over 12 GiB", () =>
    Effect.gen(function* () {
      // A 24 GiB card behind the 12 GiB budget: only the budget keeps the server under 12.
      let server: { readonly emu: OllamaEmulatorHandle } | undefined
      let peakServer = 0
      let peakBooked = 0
      const { emu, local, gpu } = yield* setup({
        scenario: { gpu_gb: 24 },
        ollama: { persistent_models: [], queue_timeout_s: 5 },
        artifacts: { erd: { model: MISTRAL } }, // mistral: the config's routing
        options: {
          models: [CODELLAMA], // codellama: a plugin's default model, as the stack passes it
          onStep: (budget) => {
            peakBooked = Math.max(peakBooked, budget.booked())
            if (server) peakServer = Math.max(peakServer, emulatorVram(server.emu))
          }
        }
      })
      server = { emu }
      // `lfai generate erd` ran before and exited; its mistral (5.38 GiB) is still loaded.
      yield* loadElsewhere(emu.url, MISTRAL, "6m")
      const before = emu.requests().length
      // A new process needs codellama (6.65 GiB): 5.38 + 6.65 = 12.03 > 12.
      const completion = yield* local.generate(chatOf(CODELLAMA))
      expect(completion.text.length).toBeGreaterThan(0)
      expect(emu.state().loaded.map((m) => m.name)).toEqual([CODELLAMA])
      const snapshot = yield* gpu.snapshot
      expect(snapshot.stats).toMatchObject({ adoptions: 1, evictions: 1, loads: 1 })
      expect(snapshot.foreign).toEqual([])
      // mistral was unloaded (keep_alive 0) before codellama was loaded
      const after = emu.requests().slice(before).filter((r) => r.path === "/api/generate")
      expect(after.map((r) => r.model)).toEqual([MISTRAL, CODELLAMA])
      expect(peakBooked).toBeLessThanOrEqual(12 * GiB)
      expect(peakServer).toBeGreaterThan(0)
      expect(peakServer).toBeLessThanOrEqual(12)
      expect(emulatorVram(emu)).toBeLessThanOrEqual(12)
    })
  )

  it.live("a model the config does not use stays foreign: never evicted, the request waits and times out", () =>
    Effect.gen(function* () {
      const { emu, local, control, gpu } = yield* setup({
        scenario: { gpu_gb: 24 },
        ollama: { persistent_models: [], queue_timeout_s: 0.3 },
        options: { models: [CODELLAMA] }
      })
      yield* loadElsewhere(emu.url, MISTRAL, "6m")
      const exit = yield* Effect.exit(local.generate(chatOf(CODELLAMA)))
      expect(exit).toStrictEqual(Exit.fail(expect.objectContaining({ _tag: "VramQueueTimeout", model: CODELLAMA })))
      expect(emu.state().loaded.map((m) => m.name)).toEqual([MISTRAL])
      const snapshot = yield* gpu.snapshot
      expect(snapshot.stats).toMatchObject({ adoptions: 0, evictions: 0, loads: 0 })
      expect(snapshot.queued).toBe(0)
      const vram = yield* control.vram
      expect(vram.models).toEqual([expect.objectContaining({ name: MISTRAL, residency: "foreign" })])
      expect(vram.warnings.join("\n")).toMatch(/loaded outside this budget: mistral/)
    })
  )

  it.live("vram() shows adopted models with their residency and no foreign warning; warm() pins them without loading them again; idle ones unload", () =>
    Effect.gen(function* () {
      const { emu, local, control, gpu } = yield* setup({
        scenario: { gpu_gb: 24 },
        ollama: { persistent_models: [CODELLAMA], idle_unload_s: 0.3 },
        artifacts: { html: { model: MISTRAL, alternates: [QWEN] } }
      })
      // `lfai serve` restarted: the previous one pre-warmed codellama and used qwen (6.65 + 5.18 = 11.83 GiB).
      yield* loadElsewhere(emu.url, CODELLAMA, -1)
      yield* loadElsewhere(emu.url, QWEN, "6m")
      expect(emu.state().loaded.map((m) => m.name).sort()).toEqual([CODELLAMA, QWEN].sort())
      const vram = yield* control.vram
      expect(vram.models).toEqual(
        expect.arrayContaining([
          // when they were last used is not known: codellama is pinned (its expiry says nothing) and
          // qwen was given a longer keep-alive (6 min) than lfai gives (idle_unload_s + 60 s)
          { name: CODELLAMA, sizeVramGb: 6.65, residency: "persistent", leases: 0, idleSeconds: null, host: emu.url },
          { name: QWEN, sizeVramGb: 5.18, residency: "on-demand", leases: 0, idleSeconds: null, host: emu.url }
        ])
      )
      expect(vram.models).toHaveLength(2)
      expect(vram.usedGb).toBe(11.83)
      expect(vram.warnings).toEqual([])
      expect((yield* gpu.snapshot).foreign).toEqual([])
      // the persistent model is already resident: warm() reports it without loading it again, and
      // pins it while this process runs (one empty request: the runner is reused, not reloaded)
      const loads = () => emu.requests().filter((r) => r.path === "/api/generate").length
      const loadsBefore = loads()
      expect(yield* control.warm).toEqual([CODELLAMA])
      expect(loads()).toBe(loadsBefore + 1)
      expect(Date.parse(emu.state().loaded.find((m) => m.name === CODELLAMA)!.expiresAt) - Date.now()).toBeGreaterThan(100 * 365 * 24 * 3600 * 1000)
      // the adopted runner (num_ctx 4096, from /api/ps) serves a request without a reload
      expect((yield* local.generate(chatOf(QWEN))).text.length).toBeGreaterThan(0)
      expect(loads()).toBe(loadsBefore + 1)
      expect((yield* gpu.snapshot).stats).toMatchObject({ adoptions: 2, loads: 0, reloads: 0 })
      // the adopted on-demand model is idle-unloaded as usual; the persistent one stays
      yield* eventually(Effect.sync(() => emu.state().loaded.map((m) => m.name).join() === CODELLAMA), "qwen idle-unloaded")
      expect((yield* gpu.snapshot).stats.idleUnloads).toBe(1)
    })
  )
})

describe("idle time in vram()", () => {
  it.effect("each model is idle from its last lease, in whole seconds on the budget's clock; null while a request holds it", () =>
    Effect.gen(function* () {
      const { local, control } = yield* setup({})
      yield* local.generate(chatOf(MISTRAL))
      yield* TestClock.adjust("90 seconds")
      const vram = yield* control.vram
      expect(vram.models).toEqual([{ name: MISTRAL, sizeVramGb: 5.38, residency: "on-demand", leases: 0, idleSeconds: 90, host: expect.any(String) }])
      expect(vram.hosts[0].models).toEqual(vram.models)
      yield* Effect.scoped(
        Effect.gen(function* () {
          yield* local.lease(MISTRAL, { numCtx: 4096 })
          yield* TestClock.adjust("30 seconds")
          expect((yield* control.vram).models).toEqual([expect.objectContaining({ name: MISTRAL, leases: 1, idleSeconds: null })])
        })
      )
      yield* TestClock.adjust("2999 millis")
      expect((yield* control.vram).models).toEqual([expect.objectContaining({ name: MISTRAL, leases: 0, idleSeconds: 2 })])
    })
  )

  it.effect("a model an earlier lfai process left is idle since the server last served it (its expiry less lfai's keep-alive); a pinned one's is unknown", () =>
    Effect.gen(function* () {
      // the server's clock and the budget's (TestClock) both start at 0
      let serverNow = 0
      const emu = yield* Effect.acquireRelease(
        Effect.promise(() => startOllama({ scenario: { gpu_gb: 24 }, now: () => serverNow })),
        (emu) => Effect.promise(() => emu.close())
      )
      const earlier = new Ollama({ host: emu.url })
      // what an earlier lfai sent: on-demand mistral with idle_unload_s (300) + 60 s, codellama pinned
      yield* Effect.promise(() => earlier.generate({ model: MISTRAL, prompt: "", keep_alive: "360s", options: { num_ctx: 4096 } }))
      yield* Effect.promise(() => earlier.generate({ model: CODELLAMA, prompt: "", keep_alive: -1, options: { num_ctx: 4096 } }))
      serverNow = 200_000
      yield* TestClock.adjust("200 seconds")
      const { control } = yield* servicesFor({ urls: [emu.url], hosts: [{ persistent_models: [CODELLAMA] }], options: { models: [MISTRAL, CODELLAMA] } })
      const vram = yield* control.vram
      expect(vram.models.map((m) => [m.name, m.residency, m.idleSeconds]).sort()).toEqual([
        [CODELLAMA, "persistent", null],
        [MISTRAL, "on-demand", 200]
      ])
    })
  )
})

describe("presence and pulls", () => {
  it.live("two callers share one pull, both see the progress, and the model is then present", () =>
    Effect.gen(function* () {
      const { emu, local } = yield* setup({ scenario: { models: { [QWEN]: { present: false } } } })
      const seen: Array<Array<number>> = [[], []]
      yield* Effect.all(
        [0, 1].map((i) => local.ensure(QWEN, (p) => p.completed !== undefined && seen[i].push(p.completed))),
        { concurrency: "unbounded" }
      )
      expect(emu.requests().filter((r) => r.path === "/api/pull")).toHaveLength(1)
      expect(seen[0].length).toBeGreaterThan(1)
      expect(seen[1].length).toBeGreaterThan(0)
      expect(emu.state().present).toContain(QWEN)
      yield* local.ensure(QWEN)
      expect(emu.requests().filter((r) => r.path === "/api/pull")).toHaveLength(1)
    })
  )

  it.live("pull progress as a Stream of bytes per layer", () =>
    Effect.gen(function* () {
      const { gpu } = yield* setup({ scenario: { models: { [QWEN]: { present: false } } } })
      const progress = yield* Stream.runCollect(gpu.pull(QWEN))
      const layer = progress.filter((p) => p.total !== undefined)
      expect(layer.length).toBeGreaterThan(1)
      expect(layer[layer.length - 1].completed).toBe(layer[layer.length - 1].total)
      expect(progress[progress.length - 1].status).toBe("success")
    })
  )

  it.live("a pull that fails halfway is retried once; failing twice is a PullFailed naming the layer", () =>
    Effect.gen(function* () {
      const once = yield* setup({
        scenario: { models: { [QWEN]: { present: false } }, faults: [{ on: "pull", kind: "truncate_stream" }] }
      })
      yield* once.local.ensure(QWEN)
      expect(once.emu.requests().filter((r) => r.path === "/api/pull")).toHaveLength(2)

      const twice = yield* setup({
        scenario: { models: { [QWEN]: { present: false } }, faults: [{ on: "pull", kind: "truncate_stream", times: 2 }] }
      })
      const exit = yield* Effect.exit(twice.local.ensure(QWEN))
      expect(exit).toStrictEqual(Exit.fail(expect.objectContaining({ _tag: "PullFailed", model: QWEN, layer: expect.stringMatching(/^sha256:/) })))
    })
  )

  it.live("a missing model with auto_download off is ModelNotFound, and nothing is pulled", () =>
    Effect.gen(function* () {
      const { emu, local } = yield* setup({ scenario: { models: { [QWEN]: { present: false } } }, ollama: { auto_download: false } })
      const exit = yield* Effect.exit(local.ensure(QWEN))
      expect(exit).toStrictEqual(Exit.fail(expect.objectContaining({ _tag: "ModelNotFound", model: QWEN })))
      expect(emu.requests().filter((r) => r.path === "/api/pull")).toHaveLength(0)
      expect(Exit.isFailure(exit) && String(exit.cause)).toContain("auto_download is off")
    })
  )

  it.live("a model deleted on the server after we saw it is pulled again, and the request still answers", () =>
    Effect.gen(function* () {
      const { emu, local } = yield* setup({ scenario: { models: { [MISTRAL]: { replies: ["erDiagram\n  A ||--o{ B : has"] } } } })
      yield* local.ensure(MISTRAL)
      yield* local.generate(chatOf(MISTRAL))
      // someone runs `ollama rm` behind our back (unload first, as the server refuses nothing here)
      yield* Effect.promise(() => fetch(`${emu.url}/api/generate`, { method: "POST", body: JSON.stringify({ model: MISTRAL, keep_alive: 0 }) }))
      yield* Effect.promise(() => fetch(`${emu.url}/api/delete`, { method: "DELETE", body: JSON.stringify({ model: MISTRAL }) }))
      yield* local.ensure(MISTRAL) // still believed present: no request
      const completion = yield* local.generate(chatOf(MISTRAL))
      expect(completion.text).toBe("erDiagram\n  A ||--o{ B : has")
      expect(emu.requests().filter((r) => r.path === "/api/pull")).toHaveLength(1)
    })
  )
})

describe("faults", () => {
  it.live("server down at start: OllamaUnreachable naming the URL; vram() answers with the budget's own view", () =>
    Effect.gen(function* () {
      const { emu } = yield* setup({})
      const url = emu.url
      yield* Effect.promise(() => emu.close())
      const { local, control } = yield* setup({ url })
      const exit = yield* Effect.exit(local.ensure(MISTRAL))
      expect(exit).toStrictEqual(Exit.fail(expect.objectContaining({ _tag: "OllamaUnreachable", url })))
      expect(Exit.isFailure(exit) && Cause.squash(exit.cause)).toHaveProperty("message", expect.stringMatching(/ollama serve/))
      const vram = yield* control.vram
      expect(vram).toMatchObject({ ollama: "unreachable", usedGb: 0, totalGb: 12 })
      expect(yield* control.health).toBe("unreachable")
    })
  )

  it.live("server down mid-request: the stream breaks, a typed transient error, the lease returned", () =>
    Effect.gen(function* () {
      const { emu, local, gpu } = yield* setup({ scenario: { models: { [MISTRAL]: { tokens_per_second: 20, replies: ["word ".repeat(200)] } } } })
      const tokens: string[] = []
      const fiber = yield* Effect.forkChild(Effect.exit(local.generate({ ...chatOf(MISTRAL), onToken: (t) => tokens.push(t) })))
      yield* eventually(Effect.sync(() => tokens.length > 2), "tokens flowing")
      yield* Effect.promise(() => emu.close())
      const exit = yield* Fiber.join(fiber)
      expect(exit).toStrictEqual(Exit.fail(expect.objectContaining({ _tag: "LocalTransient", model: MISTRAL })))
      expect((yield* gpu.snapshot).slots.map((s) => s.leases)).toEqual([0])
    })
  )

  const faultCase = (kind: "http_500" | "http_503" | "truncate_stream" | "refuse_connection" | "garbage", tag: string) =>
    it.live(`${kind} on generate is ${tag}, streamed or not; the next request succeeds; no lease left`, () =>
      Effect.gen(function* () {
        const { local, gpu } = yield* setup({ scenario: { faults: [{ model: MISTRAL, on: "generate", kind, times: 2 }] } })
        for (const streamed of [false, true]) {
          const tokens: string[] = []
          const request = streamed ? { ...chatOf(MISTRAL), onToken: (t: string) => tokens.push(t) } : chatOf(MISTRAL)
          const exit = yield* Effect.exit(local.generate(request))
          expect(exit).toStrictEqual(Exit.fail(expect.objectContaining({ _tag: tag, model: MISTRAL })))
        }
        const retry = yield* local.generate(chatOf(MISTRAL))
        expect(retry.text.length).toBeGreaterThan(0)
        expect((yield* gpu.snapshot).slots.map((s) => s.leases)).toEqual([0])
      })
    )
  faultCase("http_500", "LocalTransient")
  faultCase("http_503", "LocalTransient")
  faultCase("truncate_stream", "LocalTransient")
  faultCase("refuse_connection", "LocalTransient")
  faultCase("garbage", "UnexpectedResponse")

  it.live("a failed load fails the requests that waited for it with the server's error and frees the booking; the next load succeeds", () =>
    Effect.gen(function* () {
      const { local, gpu } = yield* setup({ scenario: { faults: [{ model: MISTRAL, on: "load", kind: "http_500" }] } })
      const exits = yield* Effect.all([local.generate(chatOf(MISTRAL)), local.generate(chatOf(MISTRAL))].map(Effect.exit), { concurrency: "unbounded" })
      for (const exit of exits) expect(exit).toStrictEqual(Exit.fail(expect.objectContaining({ _tag: "LocalTransient", model: MISTRAL })))
      expect((yield* gpu.snapshot).bookedBytes).toBe(0)
      expect((yield* local.generate(chatOf(MISTRAL))).text.length).toBeGreaterThan(0)
    })
  )

  it.live("a hang: request_timeout_s fires LocalTimeout, the HTTP request is aborted, the lease returned", () =>
    Effect.gen(function* () {
      const emu = yield* emulator({ faults: [{ model: MISTRAL, on: "generate", kind: "hang" }] })
      const proxy = yield* tcpProxy(emu.url)
      const { local, gpu } = yield* setup({ url: proxy.url, ollama: { request_timeout_s: 0.3 } })
      const exit = yield* Effect.exit(local.generate(chatOf(MISTRAL)))
      expect(exit).toStrictEqual(Exit.fail(expect.objectContaining({ _tag: "LocalTimeout", model: MISTRAL, afterMs: 300 })))
      expect((yield* gpu.snapshot).slots.map((s) => s.leases)).toEqual([0])
      // the client closed the connection that carried the hung chat (the server never answered it)
      yield* eventually(
        Effect.sync(() => proxy.connections().some((c) => c.firstLine.startsWith("POST /api/chat") && c.closed)),
        "the hung request's connection closed by the client"
      )
    })
  )

  it.live("interrupting a generation aborts the HTTP request and returns the lease", () =>
    Effect.gen(function* () {
      const { emu, local, gpu } = yield* setup({ scenario: { models: { [MISTRAL]: { latency_ms: 60_000 } } } })
      const fiber = yield* Effect.forkChild(local.generate(chatOf(MISTRAL)))
      yield* eventually(Effect.sync(() => emu.state().loaded.some((m) => m.busy > 0)), "generation under way")
      yield* Fiber.interrupt(fiber)
      yield* eventually(Effect.sync(() => emu.state().loaded.every((m) => m.busy === 0)), "server saw the request go")
      expect((yield* gpu.snapshot).slots.map((s) => s.leases)).toEqual([0])
    })
  )
})
