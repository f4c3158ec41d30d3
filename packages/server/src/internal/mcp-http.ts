/**
 * MCP over Streamable HTTP at `/mcp`, stateless: each POST gets a fresh MCP server and the SDK's
 * Node transport, which answers it (JSON, or an event stream holding the call's progress
 * notifications and its result) straight on the Node response. The guard has already checked the
 * token, the declared body size and the per-client cap, and counts the request in flight until the
 * response ends. A client that goes away closes the server, which aborts the tool call: its
 * generation is interrupted and its VRAM lease returned. A shutdown past its grace period answers
 * each call in flight with a tool error, then closes the same way.
 */
import { Deferred, Effect, Layer } from "effect"
import { HttpRouter, HttpServerRequest, HttpServerResponse } from "effect/http"
import * as NodeRequest from "@effect/platform-node/NodeHttpServerRequest"
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js"
import type { Pipeline } from "@lfai/core"
import { errorResponse } from "./errors.ts"
import { isLoopback } from "./loopback.ts"
import { makeMcpTools, type McpTools } from "./mcp.ts"
import { MCP_PATH } from "./routes.ts"
import type { ServerState } from "./state.ts"

/**
 * Without a token the server listens on loopback only, and what keeps a web page from driving the
 * tools (through DNS rebinding, its own name pointed at 127.0.0.1) is the `Origin` its browser
 * sends: only a loopback origin, or none (MCP clients are not browsers), may call. With a token,
 * the token decides.
 */
const crossSite = (state: ServerState, origin: string | undefined): boolean => {
  if (state.token !== undefined || origin === undefined) return false
  try {
    return !isLoopback(new URL(origin).hostname)
  } catch {
    return true
  }
}

const forbiddenOrigin = (origin: string) =>
  errorResponse(403, {
    code: "forbidden_origin",
    message: `MCP calls from a web page at ${origin} are refused: without a token this server answers its own machine only (set LFAI_TOKEN to serve other origins)`
  })

/** How long a call cancelled by a shutdown has to send its tool error before the connection is closed. */
const SHUTDOWN_ANSWER_MS = 1000

const answer = (tools: McpTools, state: ServerState, request: HttpServerRequest.HttpServerRequest) =>
  Effect.callback<HttpServerResponse.HttpServerResponse>((resume) => {
    const incoming = NodeRequest.toIncomingMessage(request)
    const outgoing = NodeRequest.toServerResponse(request)
    const server = tools.server()
    // No session id: stateless, every request stands alone (replicas need no shared state).
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, maxRequestBodySize: state.maxBodyBytes })
    let closed = false
    const close = () => {
      if (closed) return
      closed = true
      void transport.close().catch(() => undefined)
      void server.close().catch(() => undefined)
    }
    // The transport wrote the answer itself: what is handed back is for the guard's metrics, never sent.
    outgoing.once("close", () => {
      close()
      resume(Effect.succeed(HttpServerResponse.empty({ status: outgoing.statusCode })))
    })
    server
      .connect(transport)
      .then(() => transport.handleRequest(incoming as Parameters<typeof transport.handleRequest>[0], outgoing as Parameters<typeof transport.handleRequest>[1]))
      .catch((error: unknown) => {
        close()
        resume(Effect.die(error))
      })
    // Interrupted: the client is gone (the response has closed already), or the server is shutting
    // down past its grace period, when each call answers a tool error: give that a moment to be sent.
    return Effect.callback<void>((done) => {
      const finish = () => {
        clearTimeout(timer)
        close()
        done(Effect.void)
      }
      const timer = setTimeout(finish, SHUTDOWN_ANSWER_MS)
      if (outgoing.writableEnded || outgoing.destroyed) finish()
      else outgoing.once("close", finish)
    })
  })

/** The `/mcp` route, over the pipeline of the server's services. */
export const mcpLayer = (state: ServerState): Layer.Layer<never, never, HttpRouter.HttpRouter | Pipeline> =>
  HttpRouter.use(
    Effect.fnUntraced(function* (router) {
      const tools = yield* makeMcpTools({ shutdown: Deferred.await(state.cancel) })
      yield* router.add("POST", MCP_PATH, (request) =>
        crossSite(state, request.headers.origin) ? Effect.succeed(forbiddenOrigin(request.headers.origin!)) : answer(tools, state, request)
      )
    })
  )
