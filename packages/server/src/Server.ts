/**
 * Starting and stopping the HTTP service: one set of services (one long-lived runtime) for the
 * whole process, the router built from {@link LfaiApi}, the guard in front of it, and a graceful
 * shutdown that stops accepting, lets in-flight requests finish for a grace period, then cancels
 * the rest (their VRAM leases are returned) before the services are released.
 */
import * as Http from "node:http"
import { isIP } from "node:net"
import { Cause, Context, Deferred, Duration, Effect, Exit, Layer, Redacted, Schema, Scope } from "effect"
import { HttpRouter, HttpServer } from "effect/http"
import { HttpApiBuilder } from "effect/http-api"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import { bearerToken, LfaiConfig, ModelControl, Pipeline, Stats } from "@lfai/core"
import { LfaiApi } from "./Api.ts"
import { consoleLayer } from "./internal/console.ts"
import { guard } from "./internal/guard.ts"
import { isLoopback } from "./internal/loopback.ts"
import { handlersLayer } from "./internal/handlers.ts"
import { mcpLayer } from "./internal/mcp-http.ts"
import { prime, recordVram } from "./internal/metrics.ts"
import { OPENAPI_PATH, routes } from "./internal/routes.ts"
import { makeState, whenIdle, type ServerState } from "./internal/state.ts"

/** The services the server runs on. `@lfai/stack`'s layer provides them (and more). */
export type ServerServices = Pipeline | Stats | ModelControl | LfaiConfig

export interface ServeOptions<E = never> {
  /** The services, built once when the server starts and released when it stops. */
  readonly layer: Layer.Layer<ServerServices, E>
  /** Default `127.0.0.1`. Any address beyond loopback needs a token. */
  readonly host?: string | undefined
  /** Default 0: a free port (read it from the returned `url`). */
  readonly port?: number | undefined
  /** The bearer token; default the config's `LFAI_TOKEN`. When set, every route but /healthz needs it. */
  readonly token?: Redacted.Redacted<string> | string | undefined
  /** How long in-flight requests may finish after shutdown begins before they are cancelled. Default 10 s. */
  readonly shutdownTimeout?: Duration.Input | undefined
}

export interface RunningServer {
  /** `http://host:port`, ready to take requests. */
  readonly url: string
  readonly host: string
  readonly port: number
  /** Whether routes need a bearer token. */
  readonly authenticated: boolean
}

/** Binding beyond loopback without a token: refused before anything listens. */
export class TokenRequired extends Schema.TaggedError<TokenRequired>()("TokenRequired", {
  host: Schema.String
}) {
  override get message() {
    return `refusing to listen on ${this.host} without a bearer token: anyone who can reach it could use the models; set LFAI_TOKEN (or pass --token), or bind 127.0.0.1`
  }
}

/** The address could not be bound (in use, not local, no permission). */
export class ListenFailed extends Schema.TaggedError<ListenFailed>()("ListenFailed", {
  host: Schema.String,
  port: Schema.Number,
  detail: Schema.String
}) {
  override get message() {
    return `cannot listen on ${this.host}:${this.port}: ${this.detail}`
  }
}

export const DEFAULT_HOST = "127.0.0.1"
export const DEFAULT_SHUTDOWN_TIMEOUT = Duration.seconds(10)
/** After the grace period, how long cancelled requests get to answer 503 before connections are cut. */
const CANCEL_GRACE = Duration.seconds(5)

export { isLoopback }

/** The given token (trimmed, as the config's LFAI_TOKEN is: one rule for flag, env and code), else the config's. */
const resolveToken = (given: ServeOptions["token"], fromConfig: Redacted.Redacted<string> | undefined) =>
  given === undefined ? fromConfig : bearerToken(given)

const formatUrl = (host: string, port: number) => `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}`

/**
 * Stops accepting, lets in-flight requests finish within the grace period, then cancels the rest
 * (each answers 503 `shutting_down`; interruption returns their leases).
 */
const drain = (state: ServerState, server: Http.Server, grace: Duration.Duration) =>
  Effect.gen(function* () {
    state.draining = true
    if (server.listening) server.close()
    server.closeIdleConnections()
    yield* whenIdle(state).pipe(Effect.timeoutOrElse({ duration: grace, orElse: () => Effect.void }))
    if (state.inFlight > 0) {
      yield* Deferred.succeed(state.cancel, undefined)
      yield* whenIdle(state).pipe(Effect.timeoutOrElse({ duration: CANCEL_GRACE, orElse: () => Effect.void }))
    }
    server.closeIdleConnections()
  })

/**
 * Starts the service in the current scope; closing the scope shuts it down gracefully. The
 * services of `options.layer` are built once here and live as long as the server.
 */
export const serve = <E>(options: ServeOptions<E>): Effect.Effect<RunningServer, E | TokenRequired | ListenFailed, Scope.Scope> =>
  Effect.gen(function* () {
    const host = options.host ?? DEFAULT_HOST
    const port = options.port ?? 0
    const services = yield* Layer.build(options.layer)
    const config = Context.get(services, LfaiConfig)
    const pipeline = Context.get(services, Pipeline)
    const token = resolveToken(options.token, config.secrets.token)
    if (!isLoopback(host) && token === undefined) return yield* new TokenRequired({ host })

    const state = yield* makeState({ config, token, control: Context.get(services, ModelControl) })
    yield* prime(pipeline.plugins, routes).pipe(Effect.provideContext(services))

    const app = Layer.mergeAll(
      HttpApiBuilder.layer(LfaiApi, { openapiPath: OPENAPI_PATH }).pipe(Layer.provide(handlersLayer(state))),
      consoleLayer(),
      mcpLayer(state)
    ).pipe(Layer.provide(HttpServer.layerServices), Layer.provide(Layer.succeedContext(services)))
    const httpApp = yield* HttpRouter.toHttpEffect(app)

    // A client must send its whole request within a minute (headers within 30 s): a slow or
    // stalled upload cannot hold a connection forever. Answers may take as long as generation does.
    const nodeServer = Http.createServer({ requestTimeout: 60_000, headersTimeout: 30_000 })
    const server = yield* NodeHttpServer.make(() => nodeServer, {
      host,
      port,
      // Our drain below does the graceful part; this only bounds Node's own close.
      gracefulShutdownTimeout: Duration.seconds(1)
    }).pipe(Effect.mapError((error) => new ListenFailed({ host, port, detail: describe(error.cause) })))
    yield* server.serve(guard(httpApp, state)).pipe(Effect.provideContext(services))
    // Added last, so it runs first when the scope closes: before the listener and the services go.
    yield* Effect.addFinalizer(() => drain(state, nodeServer, Duration.fromInputUnsafe(options.shutdownTimeout ?? DEFAULT_SHUTDOWN_TIMEOUT)))

    // The first VRAM figures, so the gauges are right from the first scrape (never blocks startup for long).
    yield* state.vram.pipe(Effect.flatMap(recordVram), Effect.provideContext(services), Effect.forkIn(yield* Effect.scope))

    const address = server.address
    const boundPort = address._tag === "UnixPathAddress" ? port : address.port
    return { url: formatUrl(host, boundPort), host, port: boundPort, authenticated: token !== undefined }
  })

const describe = (cause: unknown): string => {
  const error = cause as NodeJS.ErrnoException | undefined
  if (error?.code === "EADDRINUSE") return "the port is in use; pick another with --port (0 picks a free one)"
  if (error?.code === "EADDRNOTAVAIL") return "the address is not one of this machine's"
  if (error?.code === "EACCES") return "permission denied (ports below 1024 need privileges)"
  return error?.message ?? String(cause)
}

/** Serves until interrupted (SIGTERM/SIGINT under `NodeRuntime.runMain`), then shuts down gracefully. */
export const serveForever = <E>(
  options: ServeOptions<E> & { readonly onListen?: ((server: RunningServer) => void) | undefined }
): Effect.Effect<never, E | TokenRequired | ListenFailed> =>
  Effect.scoped(
    Effect.flatMap(serve(options), (server) =>
      Effect.andThen(Effect.sync(() => options.onListen?.(server)), Effect.never)
    )
  )

export interface StartedServer extends RunningServer {
  /** Graceful shutdown; resolves when every request has ended and the services are released. Idempotent. */
  readonly close: () => Promise<void>
}

/**
 * For code outside Effect: starts the service and resolves once it listens. Rejects with
 * `TokenRequired`, `ListenFailed` or the layer's error. With `handleSignals`, SIGTERM and SIGINT
 * close it gracefully.
 */
export const start = async <E>(options: ServeOptions<E> & { readonly handleSignals?: boolean | undefined }): Promise<StartedServer> => {
  const scope = Effect.runSync(Scope.make())
  const exit = await Effect.runPromiseExit(Scope.provide(serve(options), scope))
  if (Exit.isFailure(exit)) {
    await Effect.runPromise(Scope.close(scope, exit))
    throw Cause.squash(exit.cause)
  }
  let closing: Promise<void> | undefined
  const onSignal = () => void close()
  const close = () => {
    if (!closing) {
      if (options.handleSignals) {
        process.off("SIGTERM", onSignal)
        process.off("SIGINT", onSignal)
      }
      closing = Effect.runPromise(Scope.close(scope, Exit.void))
    }
    return closing
  }
  if (options.handleSignals) {
    process.once("SIGTERM", onSignal)
    process.once("SIGINT", onSignal)
  }
  return { ...exit.value, close }
}
