/**
 * A generation's progress as server-sent events: `POST /v1/artifacts/{artifact}` with
 * `Accept: text/event-stream` answers 200 at once and streams the pipeline's events (`route`,
 * `pull`, `lease`, `leased`, `attempt`, `token`, `attempted`, `fallback`), then one `result` event
 * (the result object) or one `error` event (`{ status, error }`, as the JSON answer would have been).
 * The stream counts as a request in flight while it runs; a client that goes away cancels the
 * generation (returning its VRAM lease), and a shutdown past its grace period ends it with a
 * `shutting_down` error event.
 */
import { Deferred, Effect, Option, Queue, Stream } from "effect"
import { HttpServerResponse, type HttpServerRequest } from "effect/http"
import type { GenerateResult, PipelineEvent } from "@lfai/core"
import type { HttpFailure } from "./errors.ts"
import { setInFlight } from "./metrics.ts"
import { admit, type ServerState } from "./state.ts"

export const EVENT_STREAM = "text/event-stream"

/** Whether the client asked for the event stream (it names `text/event-stream` in `Accept`). */
export const wantsEvents = (request: HttpServerRequest.HttpServerRequest): boolean =>
  (request.headers.accept ?? "").toLowerCase().includes(EVENT_STREAM)

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`

export const eventStream = (
  request: HttpServerRequest.HttpServerRequest,
  state: ServerState,
  run: (onEvent: (event: PipelineEvent) => void) => Effect.Effect<GenerateResult, HttpFailure>
): HttpServerResponse.HttpServerResponse => {
  const client = Option.getOrElse(request.remoteAddress, () => "unknown")
  const body = Stream.callback<string>((queue) =>
    Effect.gen(function* () {
      yield* Effect.acquireRelease(admit(state, client, true, setInFlight), (release) => release)
      const outcome = yield* run((event) => void Queue.offerUnsafe(queue, frame(event.type, event))).pipe(
        Effect.match({
          onSuccess: (result) => frame("result", result),
          onFailure: (failure) => frame("error", { status: failure.status, error: failure.detail })
        }),
        Effect.raceFirst(
          Effect.as(
            Deferred.await(state.cancel),
            frame("error", { status: 503, error: { code: "shutting_down", message: "the server is shutting down; the generation was cancelled" } })
          )
        )
      )
      Queue.offerUnsafe(queue, outcome)
      yield* Queue.end(queue)
    })
  )
  return HttpServerResponse.stream(Stream.encodeText(body), {
    contentType: EVENT_STREAM,
    headers: { "cache-control": "no-store", "x-accel-buffering": "no" }
  })
}
