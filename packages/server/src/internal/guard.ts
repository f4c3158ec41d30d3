/**
 * The guard around the router: every request passes here first and every answer leaves from
 * here. In order: draining (503), the bearer token (401), the route table (404 / 405), the
 * declared body size (413), the per-client concurrency cap (429); then the route runs, raced with
 * the shutdown signal, and anything that escapes it becomes a JSON error — a 500 only for a bug.
 */
import { Cause, Deferred, Effect, Option } from "effect"
import { HttpServerError, HttpServerRequest, HttpServerResponse } from "effect/http"
import { HttpApiError } from "effect/http-api"
import { checkDeclaredLength } from "./body.ts"
import { errorResponse, HttpFailure, toResponse, type ErrorDialect } from "./errors.ts"
import { recordRequest, setInFlight } from "./metrics.ts"
import { dialectOf, match } from "./routes.ts"
import { admit, authorized, type ServerState } from "./state.ts"

/** Seconds a client over its cap is asked to wait. Requests are short-lived or queued for VRAM, so retry soon. */
const RETRY_AFTER_S = 1

const shuttingDown = (dialect: ErrorDialect) =>
  errorResponse(
    503,
    { code: "shutting_down", message: "the server is shutting down and takes no new work; retry on another instance" },
    { connection: "close", "retry-after": String(RETRY_AFTER_S) },
    dialect
  )

const internalError = (dialect: ErrorDialect) =>
  errorResponse(500, { code: "internal", message: "the server failed unexpectedly; see its log" }, undefined, dialect)

const hasBody = (method: string) => method !== "GET" && method !== "HEAD" && method !== "OPTIONS"

/** Turns whatever escaped the route into an answer. Interruption (client gone) stays interruption. */
const recover = (
  cause: Cause.Cause<unknown>,
  state: ServerState,
  dialect: ErrorDialect
): Effect.Effect<HttpServerResponse.HttpServerResponse, unknown> => {
  if (Cause.hasInterruptsOnly(cause)) return Effect.failCause(cause)
  const error = Cause.squash(cause)
  if (error instanceof HttpFailure) return Effect.succeed(toResponse(error, dialect))
  if (HttpServerError.isHttpServerError(error)) {
    const reason = error.reason
    if (reason._tag === "RouteNotFound") {
      return Effect.succeed(errorResponse(404, { code: "not_found", message: `no route for ${error.request.method} ${error.request.url}; the API is described at /openapi.json` }, undefined, dialect))
    }
    if (reason._tag === "RequestParseError") {
      return Effect.succeed(
        reason.reason === "BodyTooLarge"
          ? errorResponse(413, { code: "body_too_large", message: `the request body is over the limit of ${state.maxBodyBytes / 1024} KiB (server.max_body_kb)`, limitKb: state.maxBodyBytes / 1024 }, { connection: "close" }, dialect)
          : errorResponse(400, { code: "bad_body", message: `the request could not be read: ${reason.message}` }, undefined, dialect)
      )
    }
  }
  if (HttpApiError.HttpApiSchemaError.is(error)) {
    return Effect.succeed(errorResponse(400, { code: "invalid_request", message: `the request's ${error.kind.toLowerCase()} do not match the API: ${error.cause.message}` }, undefined, dialect))
  }
  return Effect.as(Effect.logError("lfai server: unexpected failure", cause), internalError(dialect))
}

export const guard = <E, R>(
  app: Effect.Effect<HttpServerResponse.HttpServerResponse, E, R>,
  state: ServerState
): Effect.Effect<HttpServerResponse.HttpServerResponse, unknown, R | HttpServerRequest.HttpServerRequest> =>
  Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    const started = performance.now()
    const matched = match(request.method, request.url)
    const route = matched._tag === "Found" ? matched.route.path : matched._tag === "WrongMethod" ? matched.path : "unmatched"
    const dialect = dialectOf(route)

    const respond = (response: HttpServerResponse.HttpServerResponse) =>
      Effect.as(
        recordRequest(route, request.method, response.status, performance.now() - started),
        state.draining ? HttpServerResponse.setHeader(response, "connection", "close") : response
      )

    if (state.draining) return yield* respond(shuttingDown(dialect))

    const open = matched._tag === "Found" && matched.route.open
    if (!open && !authorized(state, request.headers.authorization)) {
      return yield* respond(
        errorResponse(
          401,
          {
            code: "unauthorized",
            message: request.headers.authorization
              ? "the bearer token is not valid"
              : "this server requires a bearer token: send `Authorization: Bearer <token>` (the server's LFAI_TOKEN)"
          },
          { "www-authenticate": 'Bearer realm="lfai"' },
          dialect
        )
      )
    }

    if (matched._tag === "NotFound") {
      return yield* respond(
        errorResponse(404, { code: "not_found", message: `no route for ${request.method} ${request.url}; the API is described at /openapi.json` })
      )
    }
    if (matched._tag === "WrongMethod") {
      return yield* respond(
        errorResponse(
          405,
          { code: "method_not_allowed", message: `${request.method} is not allowed on ${matched.path}; use ${matched.methods.join(" or ")}`, methods: matched.methods },
          { allow: matched.methods.join(", ") },
          dialect
        )
      )
    }

    if (hasBody(request.method)) {
      const tooLarge = checkDeclaredLength(request, state.maxBodyBytes)
      if (tooLarge) return yield* respond(toResponse(tooLarge, dialect))
    }

    const client = Option.getOrElse(request.remoteAddress, () => "unknown")
    const capped = !matched.route.uncapped
    if (capped) {
      const current = state.perClient.get(client) ?? 0
      if (current >= state.maxPerClient) {
        return yield* respond(
          errorResponse(
            429,
            {
              code: "too_many_requests",
              message: `this client already has ${current} requests in flight, the most allowed (server.max_concurrent_per_client = ${state.maxPerClient}); retry after ${RETRY_AFTER_S} s`,
              limit: state.maxPerClient
            },
            { "retry-after": String(RETRY_AFTER_S) },
            dialect
          )
        )
      }
    }
    const release = yield* admit(state, client, capped, setInFlight)

    // The server runs request fibers uninterruptibly; the route is where a client's disconnect
    // (or the shutdown signal) may interrupt, returning any VRAM lease the request holds.
    const response = yield* Effect.interruptible(
      Effect.raceFirst(
        Effect.catchCause(app, (cause) => recover(cause, state, dialect)),
        Effect.map(Deferred.await(state.cancel), () => shuttingDown(dialect))
      )
    ).pipe(
      // The client went away: no answer to send, but the request still counts (as nginx's 499).
      Effect.onInterrupt(() => recordRequest(route, request.method, 499, performance.now() - started)),
      Effect.ensuring(release)
    )
    return yield* respond(response)
  })
