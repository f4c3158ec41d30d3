/** The guard's shared rules, unit by unit: the token check and the per-client counters. */
import * as crypto from "node:crypto"
import { Effect, Redacted } from "effect"
import { describe, expect, it, vi } from "vitest"
import { admit, authorized, type ServerState } from "../src/internal/state.ts"

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
    await Effect.runPromise(first)
    expect(s.perClient.has("a")).toBe(false)
    await Effect.runPromise(uncapped)
    expect(s.inFlight).toBe(0)
    expect(seen).toEqual([1, 2, 3, 2, 1, 0])
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
