/**
 * The retry policy of one cloud call, as an Effect `Schedule` over the attempts' failures.
 *
 * - Only retryable failures are retried (429, 408, 5xx gateway/server trouble, network errors);
 *   400/401/403/404, safety blocks and timeouts never are.
 * - The wait before retry n is exponential (`baseDelayMs · factor^(n-1)`, capped at `maxDelayMs`)
 *   with "equal jitter": a random part of `jitter` × the delay is taken off, so concurrent callers
 *   spread out. When the server said how long to wait (`RetryInfo.retryDelay`, `Retry-After`), the
 *   wait is at least that.
 * - At most `maxAttempts` attempts in all, and never past the call's deadline: when the next wait
 *   would end after it, the policy stops and the last error is what the caller gets (a 429 that
 *   asks for 90 s inside a 60 s budget fails at once, as quota exhausted, instead of timing out).
 *
 * Time is read from Effect's `Clock` and waits are `Effect.sleep`s, so `TestClock` drives it.
 */
import { Cause, Duration, Effect, Random, Schedule } from "effect"
import type { AttemptFailure } from "./failure.ts"

export interface RetryPolicy {
  /** Attempts in all, the first included (1 = no retry). */
  readonly maxAttempts: number
  /** The first backoff wait, before jitter. */
  readonly baseDelayMs: number
  /** Growth of the wait per attempt. */
  readonly factor: number
  /** The cap on our own backoff wait (a server's requested delay may be longer, within the deadline). */
  readonly maxDelayMs: number
  /** 0..1: the share of each backoff wait that is randomised (0: none; 1: anywhere in [0, delay]). */
  readonly jitter: number
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  factor: 2,
  maxDelayMs: 8_000,
  jitter: 0.5
}

/** What the policy decided after a failed attempt; given to observers (logs, tests, metrics). */
export interface RetryEvent {
  /** The attempt that failed (1 = the first). */
  readonly attempt: number
  readonly error: AttemptFailure["error"]
  /** The wait before the next attempt, in ms; `undefined` when the policy gave up. */
  readonly delayMs: number | undefined
  /** Why the policy gave up, when it did. */
  readonly gaveUp?: "not-retryable" | "attempts" | "deadline"
  /** The server's requested delay, when it sent one. */
  readonly serverDelayMs: number | undefined
}

/** The backoff wait (without the server's delay) before retry number `retry` (1-based), given a random 0..1. */
export const backoffDelay = (policy: RetryPolicy, retry: number, random: number): number => {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * policy.factor ** Math.max(0, retry - 1))
  const jitter = Math.min(1, Math.max(0, policy.jitter))
  return Math.round(exponential * (1 - jitter) + exponential * jitter * random)
}

/** The decision after attempt `attempt` failed at `nowMs`, the deadline being `deadlineMs`. */
export const decide = (
  policy: RetryPolicy,
  failure: AttemptFailure,
  attempt: number,
  nowMs: number,
  deadlineMs: number,
  random: number
): RetryEvent => {
  const base = { attempt, error: failure.error, serverDelayMs: failure.retryAfterMs }
  if (!failure.retryable) return { ...base, delayMs: undefined, gaveUp: "not-retryable" }
  if (attempt >= policy.maxAttempts) return { ...base, delayMs: undefined, gaveUp: "attempts" }
  const delayMs = Math.max(backoffDelay(policy, attempt, random), failure.retryAfterMs ?? 0)
  if (nowMs + delayMs >= deadlineMs) return { ...base, delayMs: undefined, gaveUp: "deadline" }
  return { ...base, delayMs }
}

/**
 * The schedule for one call whose deadline is `deadlineMs` (Clock time). `onDecision` sees every
 * decision, just before the wait starts (or the policy gives up).
 */
export const schedule = (
  policy: RetryPolicy,
  deadlineMs: number,
  onDecision: (event: RetryEvent) => Effect.Effect<void>
): Schedule.Schedule<RetryEvent, AttemptFailure> =>
  Schedule.fromStepWithMetadata(
    Effect.succeed((meta: Schedule.InputMetadata<AttemptFailure>) =>
      Effect.flatMap(Random.next, (random) => {
        const event = decide(policy, meta.input, meta.attempt, meta.now, deadlineMs, random)
        return Effect.flatMap(onDecision(event), () =>
          event.delayMs === undefined
            ? Cause.done(event)
            : Effect.succeed([event, Duration.millis(event.delayMs)] as [RetryEvent, Duration.Duration])
        )
      })
    )
  )
