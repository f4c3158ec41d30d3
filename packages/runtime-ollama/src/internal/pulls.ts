/**
 * The pull coordinator: one pull per (server, model) at a time, shared by every caller that needs
 * it, with progress fanned out to each caller's listener. A pull is bounded by its progress, not
 * by a total — gigabytes take what they take, but no byte for `stallMs` means the server (or the
 * registry behind it) is stuck — and is retried once, since Ollama resumes a partial download.
 */
import { PullFailed, type LocalModelError, type PullProgress } from "@lfai/core"
import { Cause, Deferred, Duration, Effect, Exit } from "effect"
import type { Ollama } from "ollama"

/** The server a pull runs on. */
export interface PullTarget {
  readonly url: string
  /** One call to the server (see `OllamaClient.call`). */
  readonly call: <A>(model: string, f: (client: Ollama) => Promise<A>) => Effect.Effect<A, LocalModelError>
  /** What the server must learn after a successful pull (presence, sizes). */
  readonly pulled: (model: string) => Effect.Effect<void>
}

export interface Pulls {
  /** Joins the pull of `model` on `target`, starting it if none is under way; resolves when it ends. */
  readonly join: (target: PullTarget, model: string, onProgress?: (progress: PullProgress) => void) => Effect.Effect<void, LocalModelError>
}

interface PullState {
  readonly listeners: Set<(progress: PullProgress) => void>
  readonly done: Deferred.Deferred<void, LocalModelError>
}

export interface PullsOptions {
  /** A pull that sends no progress for this long is abandoned, ms. */
  readonly stallMs: number
  /** Runs a pull in the background, owned by the layer rather than by whoever started it. */
  readonly fork: (effect: Effect.Effect<void>) => Effect.Effect<void>
}

export const makePulls = (options: PullsOptions): Pulls => {
  const pulls = new Map<string, PullState>()
  const { stallMs } = options

  const run = (target: PullTarget, model: string, key: string, state: PullState): Effect.Effect<void> =>
    Effect.gen(function* () {
      let lastDigest: string | undefined
      let lastProgress = 0
      const pull = target.call(model, async (c) => {
        const stream = await c.pull({ model, stream: true })
        for await (const part of stream) {
          lastProgress = Date.now()
          if (part.digest) lastDigest = part.digest
          const progress: PullProgress = {
            model,
            host: target.url,
            status: part.status,
            ...(part.digest ? { digest: part.digest } : {}),
            ...(typeof part.completed === "number" ? { completed: part.completed } : {}),
            ...(typeof part.total === "number" ? { total: part.total } : {})
          }
          for (const listener of state.listeners) listener(progress)
        }
      })
      const stalled = Effect.gen(function* () {
        for (;;) {
          yield* Effect.sleep(Duration.millis(Math.max(10, Math.min(1000, stallMs / 4))))
          if (Date.now() - lastProgress > stallMs) {
            return yield* new PullFailed({ model, ...(lastDigest ? { layer: lastDigest } : {}), reason: `no progress for ${stallMs / 1000} s` })
          }
        }
      })
      const attempt = Effect.suspend(() => {
        lastProgress = Date.now()
        return Effect.raceFirst(pull, stalled)
      })
      const toPullFailed = (error: LocalModelError): LocalModelError =>
        error._tag === "OllamaUnreachable" || error._tag === "PullFailed"
          ? error
          : new PullFailed({ model, ...(lastDigest ? { layer: lastDigest } : {}), reason: "detail" in error ? error.detail : error.message })
      const exit = yield* Effect.exit(attempt.pipe(Effect.catch((first) => (first._tag === "OllamaUnreachable" ? Effect.fail(first) : attempt))))
      pulls.delete(key)
      if (Exit.isSuccess(exit)) {
        yield* target.pulled(model)
        Deferred.doneUnsafe(state.done, Effect.void)
      } else {
        Deferred.doneUnsafe(state.done, Effect.fail(toPullFailed(Cause.squash(exit.cause) as LocalModelError)))
      }
    })

  const join: Pulls["join"] = (target, model, onProgress) =>
    Effect.suspend(() => {
      const key = `${target.url} ${model}`
      let state = pulls.get(key)
      const start = state === undefined
      if (!state) {
        state = { listeners: new Set(), done: Deferred.makeUnsafe<void, LocalModelError>() }
        pulls.set(key, state)
      }
      const s = state
      if (onProgress) s.listeners.add(onProgress)
      return (start ? options.fork(run(target, model, key, s)) : Effect.void).pipe(
        Effect.andThen(Deferred.await(s.done)),
        Effect.ensuring(Effect.sync(() => onProgress && s.listeners.delete(onProgress)))
      )
    })

  return { join }
}
