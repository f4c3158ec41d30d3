import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber } from "effect"
import { TestClock } from "effect/testing"
import { CloudBlocked, CloudNetworkError, CloudQuotaExhausted, CloudRejected } from "@lfai/core"
import { backoffDelay, decide, defaultRetryPolicy, type RetryEvent, type RetryPolicy } from "@lfai/fallback-gemini"
import { attemptFailure, type AttemptFailure } from "../src/internal/failure.ts"
import { schedule } from "../src/internal/retry.ts"

const model = "gemini-2.5-flash"
const quota = (retryAfterMs?: number) => attemptFailure(new CloudQuotaExhausted({ model, detail: "slow down" }), true, retryAfterMs)
const unavailable = attemptFailure(new CloudRejected({ model, status: 503, detail: "overloaded" }), true)
const badRequest = attemptFailure(new CloudRejected({ model, status: 400, detail: "bad" }), false)

describe("the retry decision", () => {
  const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, factor: 2, maxDelayMs: 3_000, jitter: 0.5 }

  it("backs off exponentially, capped, with jitter taking up to half of each wait", () => {
    expect([1, 2, 3, 4].map((retry) => backoffDelay(policy, retry, 1))).toEqual([500, 1000, 2000, 3000])
    expect([1, 2, 3, 4].map((retry) => backoffDelay(policy, retry, 0))).toEqual([250, 500, 1000, 1500])
    expect(backoffDelay({ ...policy, jitter: 0 }, 2, 0.3)).toBe(1000)
  })

  it("waits at least as long as the server asked", () => {
    expect(decide(policy, quota(4_000), 1, 0, 60_000, 1)).toMatchObject({ delayMs: 4_000, serverDelayMs: 4_000 })
    expect(decide(policy, quota(100), 1, 0, 60_000, 1)).toMatchObject({ delayMs: 500 })
  })

  it("never retries what is not retryable", () => {
    expect(decide(policy, badRequest, 1, 0, 60_000, 0.5)).toMatchObject({ delayMs: undefined, gaveUp: "not-retryable" })
  })

  it("stops after maxAttempts, and when the next wait would pass the deadline", () => {
    expect(decide(policy, unavailable, 4, 0, 60_000, 0.5)).toMatchObject({ delayMs: undefined, gaveUp: "attempts" })
    expect(decide(policy, quota(90_000), 1, 0, 60_000, 0.5)).toMatchObject({ delayMs: undefined, gaveUp: "deadline" })
    expect(decide(policy, unavailable, 1, 59_800, 60_000, 1)).toMatchObject({ gaveUp: "deadline" })
    // a wait that would end exactly at the deadline is too late; one millisecond earlier is not
    expect(decide(policy, unavailable, 1, 59_500, 60_000, 1)).toMatchObject({ delayMs: undefined, gaveUp: "deadline" })
    expect(decide(policy, unavailable, 1, 59_499, 60_000, 1)).toMatchObject({ delayMs: 500 })
    expect(decide(policy, unavailable, 3, 0, 60_000, 1)).toMatchObject({ delayMs: 2_000 })
  })

  it("has sane defaults", () => {
    expect(defaultRetryPolicy.maxAttempts).toBeGreaterThan(1)
    expect(defaultRetryPolicy.jitter).toBeGreaterThan(0)
  })
})

/** An attempt that fails with the scripted failures in order, then succeeds; counts its runs. */
const scripted = (failures: ReadonlyArray<AttemptFailure>) => {
  const state = { runs: 0 }
  const effect = Effect.suspend(() => {
    const failure = failures[state.runs++]
    return failure === undefined ? Effect.succeed("answer") : Effect.fail(failure)
  })
  return { state, effect }
}

describe("the retry schedule under TestClock", () => {
  it.effect("honours the server's delay to the millisecond, then succeeds", () =>
    Effect.gen(function* () {
      const events: Array<RetryEvent> = []
      const { state, effect } = scripted([quota(1_000)])
      const fiber = yield* effect.pipe(
        Effect.retry(schedule(defaultRetryPolicy, 60_000, (event) => Effect.sync(() => void events.push(event)))),
        Effect.forkChild
      )
      yield* Effect.yieldNow
      expect(state.runs).toBe(1)
      yield* TestClock.adjust(999)
      expect(state.runs).toBe(1)
      yield* TestClock.adjust(1)
      expect(yield* Fiber.join(fiber)).toBe("answer")
      expect(state.runs).toBe(2)
      expect(events).toEqual([{ attempt: 1, error: quota(1_000).error, serverDelayMs: 1_000, delayMs: 1_000 }])
    })
  )

  it.effect("gives up after maxAttempts with the last typed error", () =>
    Effect.gen(function* () {
      const { state, effect } = scripted([unavailable, unavailable, unavailable, unavailable, unavailable])
      const policy = { ...defaultRetryPolicy, maxAttempts: 3 }
      const fiber = yield* effect.pipe(Effect.retry(schedule(policy, 60_000, () => Effect.void)), Effect.flip, Effect.forkChild)
      yield* TestClock.adjust(60_000)
      const failure = yield* Fiber.join(fiber)
      expect(failure.error).toMatchObject({ _tag: "CloudRejected", status: 503 })
      expect(state.runs).toBe(3)
    })
  )

  it.effect("does not retry a 400 or a safety block at all", () =>
    Effect.gen(function* () {
      for (const failure of [badRequest, attemptFailure(new CloudBlocked({ model, finishReason: "SAFETY" }), false)]) {
        const { state, effect } = scripted([failure])
        const error = yield* effect.pipe(Effect.retry(schedule(defaultRetryPolicy, 60_000, () => Effect.void)), Effect.flip)
        expect(error).toBe(failure)
        expect(state.runs).toBe(1)
      }
    })
  )

  it.effect("retries network errors, with growing waits", () =>
    Effect.gen(function* () {
      const network = attemptFailure(new CloudNetworkError({ model, detail: "ECONNRESET" }), true)
      const events: Array<RetryEvent> = []
      const { state, effect } = scripted([network, network])
      const policy = { ...defaultRetryPolicy, jitter: 0 }
      const fiber = yield* effect.pipe(
        Effect.retry(schedule(policy, 60_000, (event) => Effect.sync(() => void events.push(event)))),
        Effect.forkChild
      )
      yield* TestClock.adjust(10_000)
      expect(yield* Fiber.join(fiber)).toBe("answer")
      expect(state.runs).toBe(3)
      expect(events.map((event) => event.delayMs)).toEqual([500, 1_000])
    })
  )
})
