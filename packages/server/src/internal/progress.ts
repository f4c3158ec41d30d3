/**
 * A generation streamed as server-sent events, with one plumbing for every format: the progress
 * stream of `POST /v1/artifacts/{artifact}` (`Accept: text/event-stream`) and the chunks of
 * `POST /v1/chat/completions` with `stream: true`.
 *
 * The generation runs in the request's scope, which closes once the last frame is written — or at
 * once when the client is gone, which cancels the generation and returns its VRAM lease. The
 * stream counts as a request in flight while it runs (per-client cap, graceful shutdown); a
 * shutdown past its grace period ends it with a `shutting_down` failure frame.
 *
 * The progress stream answers 200 at once and streams the pipeline's events (`route`, `pull`,
 * `lease`, `leased`, `attempt`, `token`, `attempted`, `fallback`), then one `result` event (the
 * result object) or one `error` event (`{ status, error }`, as the JSON answer would have been).
 */
import { Cause, Deferred, Effect, Exit, Fiber, Option, Queue, Scope, Stream } from "effect"
import { HttpServerResponse, type HttpServerRequest } from "effect/http"
import type { GenerateResult, PipelineEvent } from "@lfai/core"
import { failure, HttpFailure } from "./errors.ts"
import { setInFlight } from "./metrics.ts"
import { admit, type ServerState } from "./state.ts"

export const EVENT_STREAM = "text/event-stream"

/** Whether the client asked for the event stream (it names `text/event-stream` in `Accept`). */
export const wantsEvents = (request: HttpServerRequest.HttpServerRequest): boolean =>
  (request.headers.accept ?? "").toLowerCase().includes(EVENT_STREAM)

/** How a stream words what happens: each frame is complete SSE text (`…\n\n`). */
export interface StreamFormat {
  /** A pipeline event as it happens; undefined sends nothing. */
  readonly event: (event: PipelineEvent) => string | undefined
  /** The end of a generation that produced a result. */
  readonly result: (result: GenerateResult) => string
  /** The end of a generation that failed (the status and error the JSON answer would have had). */
  readonly failure: (failure: HttpFailure) => string
}

const shuttingDown = failure(503, { code: "shutting_down", message: "the server is shutting down; the generation was cancelled" })

const unexpected = failure(500, { code: "internal", message: "the server failed unexpectedly; see its log" })

export interface StreamOptions {
  /**
   * Answer nothing until the pipeline's first event: a request the pipeline refuses before it
   * starts (an empty prompt, a disallowed parameter, a prompt too large) is then a plain error
   * answer with its status instead of a stream holding one failure frame.
   */
  readonly preflight: boolean
}

export const streamGeneration = (
  request: HttpServerRequest.HttpServerRequest,
  state: ServerState,
  run: (onEvent: (event: PipelineEvent) => void) => Effect.Effect<GenerateResult, HttpFailure>,
  format: StreamFormat,
  options: StreamOptions
): Effect.Effect<HttpServerResponse.HttpServerResponse, HttpFailure, Scope.Scope> =>
  Effect.gen(function* () {
    const frames = yield* Queue.unbounded<string, Cause.Done>()
    const started = yield* Deferred.make<void>()
    const generation = yield* Effect.forkScoped(
      run((event) => {
        Deferred.doneUnsafe(started, Exit.void)
        const frame = format.event(event)
        if (frame !== undefined) Queue.offerUnsafe(frames, frame)
      })
    )
    if (options.preflight) {
      const early = yield* Effect.raceFirst(Effect.as(Deferred.await(started), undefined), Fiber.await(generation))
      if (early !== undefined && Exit.isFailure(early)) return yield* Effect.failCause(early.cause)
    }
    // The guard counts the request until the handler returns; from here the stream counts itself.
    const client = Option.getOrElse(request.remoteAddress, () => "unknown")
    yield* Effect.acquireRelease(admit(state, client, true, setInFlight), (release) => release)
    const last = Fiber.await(generation).pipe(
      Effect.flatMap((exit) => {
        if (Exit.isSuccess(exit)) return Effect.succeed(format.result(exit.value))
        if (Cause.hasInterruptsOnly(exit.cause)) return Effect.interrupt
        const error = Cause.squash(exit.cause)
        if (error instanceof HttpFailure) return Effect.succeed(format.failure(error))
        return Effect.as(Effect.logError("lfai server: a streamed generation failed unexpectedly", exit.cause), format.failure(unexpected))
      }),
      Effect.raceFirst(Effect.as(Deferred.await(state.cancel), format.failure(shuttingDown))),
      Effect.flatMap((frame) => Effect.sync(() => void Queue.offerUnsafe(frames, frame))),
      Effect.ensuring(Queue.end(frames))
    )
    yield* Effect.forkScoped(last)
    return HttpServerResponse.stream(Stream.encodeText(Stream.fromQueue(frames)), {
      contentType: EVENT_STREAM,
      headers: { "cache-control": "no-store", "x-accel-buffering": "no" }
    })
  })

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`

/** The progress stream's format: every event by its type, then `result` or `error`. */
export const progressFormat: StreamFormat = {
  event: (event) => frame(event.type, event),
  result: (result) => frame("result", result),
  failure: (failure) => frame("error", { status: failure.status, error: failure.detail })
}
