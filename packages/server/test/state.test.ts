/** The guard's shared rules, unit by unit: the token check and the per-client counters. */
import * as crypto from "node:crypto"
import { it as effectIt } from "@effect/vitest"
import { Effect, Fiber, Redacted } from "effect"
import { TestClock } from "effect/testing"
import { describe, expect, it, vi } from "vitest"
import type { HostHealth, LfaiConfigShape, ModelControl, VramReport } from "@lfai/core"
import { admit, authorized, makeState, PROBE_TIMEOUT, whenIdle, type ServerState } from "../src/internal/state.ts"

vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>()
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) }
})

const state = (token?: string): ServerState =>
  ({
    token: token === undefined ? undefined : Redacted.make(token),
    maxBodyBytes: 1024,
    maxPerClient: 2,
    perClient: new Map(),
    inFlight: 0,
    draining: false,
    idleWaiters: new Set()
  }) as unknown as ServerState

describe("the bearer token", () => {
  it("without a token configured, anything passes", () => {
    expect(authorized(state(), undefined)).toBe(true)
    expect(authorized(state(), "Bearer whatever")).toBe(true)
  })

  it("is compared exactly: case, prefix and extension all fail; the scheme's case and spaces do not matter", () => {
    const guarded = state("S3cret-Token")
    expect(authorized(guarded, "Bearer S3cret-Token")).toBe(true)
    expect(authorized(guarded, "bearer   S3cret-Token  ")).toBe(true)
    expect(authorized(guarded, "  Bearer S3cret-Token")).toBe(true)
    expect(authorized(guarded, "xBearer S3cret-Token")).toBe(false)
    for (const header of ["Bearer s3cret-token", "Bearer S3CRET-TOKEN", "Bearer S3cret-Toke", "Bearer S3cret-Token2", "Bearer", "S3cret-Token", "Basic S3cret-Token", "", undefined]) {
      expect(authorized(guarded, header), String(header)).toBe(false)
    }
  })

  it("is compared in constant time: timingSafeEqual over fixed-size digests, whatever the lengths", () => {
    const timingSafeEqual = vi.mocked(crypto.timingSafeEqual)
    timingSafeEqual.mockClear()
    const guarded = state("short")
    expect(authorized(guarded, `Bearer ${"x".repeat(500)}`)).toBe(false)
    expect(authorized(guarded, "Bearer short")).toBe(true)
    expect(timingSafeEqual).toHaveBeenCalledTimes(2)
    for (const [a, b] of timingSafeEqual.mock.calls) {
      expect([(a as Buffer).length, (b as Buffer).length]).toEqual([32, 32])
    }
  })
})

describe("the per-client counters", () => {
  it("count a capped request against its client until released, and forget a client at zero", async () => {
    const s = state()
    const seen: number[] = []
    const onChange = (n: number) => Effect.sync(() => void seen.push(n))
    const first = await Effect.runPromise(admit(s, "a", true, onChange))
    const second = await Effect.runPromise(admit(s, "a", true, onChange))
    const uncapped = await Effect.runPromise(admit(s, "b", false, onChange))
    expect(s.perClient).toEqual(new Map([["a", 2]]))
    expect(s.inFlight).toBe(3)
    await Effect.runPromise(second)
    expect(s.perClient).toEqual(new Map([["a", 1]]))
    // an uncapped request of a client with capped ones in flight leaves its count alone
    const alsoUncapped = await Effect.runPromise(admit(s, "a", false, onChange))
    await Effect.runPromise(alsoUncapped)
    expect(s.perClient).toEqual(new Map([["a", 1]]))
    await Effect.runPromise(first)
    expect(s.perClient.has("a")).toBe(false)
    await Effect.runPromise(uncapped)
    expect(s.inFlight).toBe(0)
    expect(seen).toEqual([1, 2, 3, 2, 3, 2, 1, 0])
  })

  it("tells the idle waiters once nothing is in flight, not before", async () => {
    const s = state()
    const release = [await Effect.runPromise(admit(s, "a", true, () => Effect.void)), await Effect.runPromise(admit(s, "b", true, () => Effect.void))]
    let woken = 0
    s.idleWaiters.add(() => woken++)
    await Effect.runPromise(release[0])
    expect(woken).toBe(0)
    await Effect.runPromise(release[1])
    expect(woken).toBe(1)
    expect(s.idleWaiters.size).toBe(0)
  })
})

describe("the probes: /v1/vram and /healthz never hang on the budget or Ollama", () => {
  const config = {
    ollama: { hosts: [{ url: "http://gpu-a:11434", vram_limit_gb: 12 }, { url: "http://gpu-b:11434", vram_limit_gb: 8 }] },
    server: { max_body_kb: 1.5, max_concurrent_per_client: 3 }
  } as unknown as LfaiConfigShape
  const report: VramReport = {
    usedGb: 4.1,
    totalGb: 20,
    usagePercent: 20.5,
    activeModels: ["mistral:7b-instruct-q4_K_M"],
    models: [],
    queued: 0,
    ollama: "reachable",
    hosts: [
      { url: "http://gpu-a:11434", up: true, usedGb: 4.1, totalGb: 12, usagePercent: 34.2, activeModels: ["mistral:7b-instruct-q4_K_M"], models: [], queued: 0 },
      { url: "http://gpu-b:11434", up: true, usedGb: 0, totalGb: 8, usagePercent: 0, activeModels: [], models: [], queued: 0 }
    ],
    warnings: ["a foreign model"]
  }
  /** A control whose vram and hosts answer from the queues given, then never. */
  const control = (vram: ReadonlyArray<VramReport>, hosts: ReadonlyArray<ReadonlyArray<HostHealth>>) => {
    const reports = [...vram]
    const answers = [...hosts]
    return {
      vram: Effect.suspend(() => (reports.length > 0 ? Effect.succeed(reports.shift()!) : Effect.never)),
      hosts: Effect.suspend(() => (answers.length > 0 ? Effect.succeed(answers.shift()!) : Effect.never))
    } as unknown as ModelControl["Service"]
  }
  const late = <A>(probe: Effect.Effect<A>) =>
    Effect.gen(function* () {
      const fiber = yield* Effect.forkChild(probe)
      yield* TestClock.adjust(PROBE_TIMEOUT)
      return yield* Fiber.join(fiber)
    })

  effectIt.effect("takes its limits from the config", () =>
    Effect.gen(function* () {
      const s = yield* makeState({ config, token: undefined, control: control([], []) })
      expect([s.maxBodyBytes, s.maxPerClient, s.inFlight, s.draining, s.perClient.size]).toEqual([1536, 3, 0, false, 0])
    })
  )

  effectIt.effect("past the timeout, before any answer: every host down at 0 of its own limit, and a warning that says why", () =>
    Effect.gen(function* () {
      const s = yield* makeState({ config, token: undefined, control: control([], []) })
      expect(yield* late(s.vram)).toEqual({
        usedGb: 0,
        totalGb: 20,
        usagePercent: 0,
        activeModels: [],
        models: [],
        queued: 0,
        ollama: "unreachable",
        hosts: [
          { url: "http://gpu-a:11434", up: false, usedGb: 0, totalGb: 12, usagePercent: 0, activeModels: [], models: [], queued: 0 },
          { url: "http://gpu-b:11434", up: false, usedGb: 0, totalGb: 8, usagePercent: 0, activeModels: [], models: [], queued: 0 }
        ],
        warnings: ["the VRAM budget did not answer within 5s; showing its last known state"]
      })
    })
  )

  effectIt.effect("past the timeout after an answer: the last report, every host marked down, its warnings kept", () =>
    Effect.gen(function* () {
      const s = yield* makeState({ config, token: undefined, control: control([report], []) })
      expect(yield* s.vram).toEqual(report)
      const stale = yield* late(s.vram)
      expect(stale).toEqual({
        ...report,
        ollama: "unreachable",
        hosts: report.hosts.map((host) => ({ ...host, up: false })),
        warnings: ["a foreign model", "the VRAM budget did not answer within 5s; showing its last known state"]
      })
    })
  )

  effectIt.effect("health: reachable when one host of several answers; past the timeout, every host down", () =>
    Effect.gen(function* () {
      const mixed = [
        { url: "http://gpu-a:11434", up: false },
        { url: "http://gpu-b:11434", up: true }
      ]
      const s = yield* makeState({ config, token: undefined, control: control([], [mixed, mixed.map((host) => ({ ...host, up: false }))]) })
      expect(yield* s.health).toEqual({ ollama: "reachable", hosts: mixed })
      expect((yield* s.health).ollama).toBe("unreachable")
      expect(yield* late(s.health)).toEqual({
        ollama: "unreachable",
        hosts: [
          { url: "http://gpu-a:11434", up: false },
          { url: "http://gpu-b:11434", up: false }
        ]
      })
    })
  )

  effectIt.effect("whenIdle: at once when nothing is in flight; a waiter that leaves is forgotten", () =>
    Effect.gen(function* () {
      const s = yield* makeState({ config, token: undefined, control: control([], []) })
      yield* whenIdle(s)
      s.inFlight = 1
      const waiting = yield* Effect.forkChild(whenIdle(s))
      yield* Effect.yieldNow
      expect(s.idleWaiters.size).toBe(1)
      yield* Fiber.interrupt(waiting)
      expect(s.idleWaiters.size).toBe(0)
    })
  )
})
