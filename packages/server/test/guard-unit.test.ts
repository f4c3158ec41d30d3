/** The guard around a route that fails: each failure the platform or a handler can raise becomes the answer a client can act on. */
import { it } from "@effect/vitest"
import { Deferred, Effect, Fiber, Schema } from "effect"
import { HttpServerError, HttpServerRequest, HttpServerResponse } from "effect/http"
import { HttpApiError } from "effect/http-api"
import { describe, expect } from "vitest"
import type { LfaiConfigShape, ModelControl } from "@lfai/core"
import { failure } from "../src/internal/errors.ts"
import { guard } from "../src/internal/guard.ts"
import { makeState, type ServerState } from "../src/internal/state.ts"

const config = { ollama: { hosts: [] }, server: { max_body_kb: 1, max_concurrent_per_client: 4 } } as unknown as LfaiConfigShape
const newState = makeState({ config, token: undefined, control: { vram: Effect.never, hosts: Effect.never } as unknown as ModelControl["Service"] })

/** The guard's answer to `route` failing (or answering) as given, as a client reads it. */
const answer = <E>(app: (request: HttpServerRequest.HttpServerRequest) => Effect.Effect<HttpServerResponse.HttpServerResponse, E>, path = "/v1/plugins", state?: ServerState, method = "GET") =>
  Effect.gen(function* () {
    const request = HttpServerRequest.fromWeb(new Request(`http://127.0.0.1${path}`, { method }))
    const response = yield* guard(app(request), state ?? (yield* newState)).pipe(Effect.provideService(HttpServerRequest.HttpServerRequest, request))
    const web = HttpServerResponse.toWeb(response)
    const text = yield* Effect.promise(() => web.text())
    return { status: web.status, headers: Object.fromEntries(web.headers), body: text === "" ? undefined : JSON.parse(text) }
  })

describe("the guard's recovery", () => {
  it.effect("the router's own 'no route' is a 404 naming the request", () =>
    Effect.gen(function* () {
      const reply = yield* answer((request) => Effect.fail(new HttpServerError.HttpServerError({ reason: new HttpServerError.RouteNotFound({ request }) })))
      expect(reply).toMatchObject({ status: 404, body: { error: { code: "not_found", message: "no route for GET /v1/plugins; the API is described at /openapi.json" } } })
    })
  )

  it.effect("a body over the limit while it is read is a 413 that names the limit and closes; one that cannot be read is a 400", () =>
    Effect.gen(function* () {
      const tooLarge = yield* answer((request) => Effect.fail(new HttpServerError.HttpServerError({ reason: new HttpServerError.RequestParseError({ request, reason: "BodyTooLarge" }) })), "/v1/validate/note", undefined, "POST")
      expect(tooLarge).toMatchObject({ status: 413, headers: { connection: "close" }, body: { error: { code: "body_too_large", message: "the request body is over the limit of 1 KiB (server.max_body_kb)", limitKb: 1 } } })
      const unreadable = yield* answer((request) => Effect.fail(new HttpServerError.HttpServerError({ reason: new HttpServerError.RequestParseError({ request, description: "a broken chunk" }) })), "/v1/validate/note", undefined, "POST")
      expect(unreadable.status).toBe(400)
      expect(unreadable.body.error.code).toBe("bad_body")
      expect(unreadable.body.error.message).toMatch(/^the request could not be read: /)
    })
  )

  it.effect("a request the API's schema refuses is a 400 that says which part and why", () =>
    Effect.gen(function* () {
      const reply = yield* answer(() => HttpApiError.HttpApiSchemaError.wrap("Params", Schema.decodeUnknownEffect(Schema.Number)("seven")).pipe(Effect.as(HttpServerResponse.empty())))
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe("invalid_request")
      expect(reply.body.error.message).toBe("the request's params do not match the API: Expected number")
    })
  )

  it.effect("a handler's typed failure is its own answer; a bug is a 500 that says to read the log, in OpenAI's shape on its routes", () =>
    Effect.gen(function* () {
      const typed = yield* answer(() => Effect.fail(failure(409, { code: "conflict", message: "already there" }, { "x-why": "test" })))
      expect(typed).toMatchObject({ status: 409, headers: { "x-why": "test" }, body: { error: { code: "conflict", message: "already there" } } })
      // the platform's own failure that is no parse error is a bug too, not a bad body
      const platform = yield* answer((request) => Effect.fail(new HttpServerError.HttpServerError({ reason: new HttpServerError.InternalError({ request }) })))
      expect(platform).toMatchObject({ status: 500, body: { error: { code: "internal" } } })
      const bug = yield* answer(() => Effect.die(new Error("boom")))
      expect(bug).toMatchObject({ status: 500, body: { error: { code: "internal", message: "the server failed unexpectedly; see its log" } } })
      const openai = yield* answer(() => Effect.die(new Error("boom")), "/v1/chat/completions", undefined, "POST")
      expect(openai).toMatchObject({ status: 500, body: { error: { type: "server_error", code: "internal", message: "the server failed unexpectedly; see its log" } } })
    })
  )

  it.effect("draining: new requests get 503 with Retry-After and a closed connection; answers of requests already in flight close it too", () =>
    Effect.gen(function* () {
      const state = yield* newState
      const inFlight = yield* answer(() => Effect.sync(() => ((state.draining = true), HttpServerResponse.jsonUnsafe({ ok: true }))), "/v1/plugins", state)
      expect(inFlight).toMatchObject({ status: 200, headers: { connection: "close" }, body: { ok: true } })
      const refused = yield* answer(() => Effect.die("never runs"), "/v1/plugins", state)
      expect(refused).toMatchObject({
        status: 503,
        headers: { connection: "close", "retry-after": "1" },
        body: { error: { code: "shutting_down", message: "the server is shutting down and takes no new work; retry on another instance" } }
      })
      expect(state.inFlight).toBe(0)
    })
  )

  it.effect("past the grace period a request still running is answered 503 and released", () =>
    Effect.gen(function* () {
      const state = yield* newState
      const fiber = yield* Effect.forkChild(answer(() => Effect.never, "/v1/plugins", state))
      yield* Effect.yieldNow
      expect(state.inFlight).toBe(1)
      yield* Deferred.succeed(state.cancel, undefined)
      const reply = yield* Fiber.join(fiber)
      expect(reply).toMatchObject({ status: 503, body: { error: { code: "shutting_down" } } })
      expect(state.inFlight).toBe(0)
    })
  )
})
