/**
 * @lfai/server — the HTTP service for internal services, with `effect/http-api` on
 * `@effect/platform-node`; beside it the OpenAI-compatible endpoints and MCP, over HTTP and stdio.
 *
 * ```ts
 * import { start } from "@lfai/server"
 * import { layer } from "@lfai/stack"
 *
 * const server = await start({ layer: layer(), port: 8787, handleSignals: true })
 * console.log(server.url)
 * ```
 */
export * from "./Api.ts"
export {
  serve,
  serveForever,
  start,
  isLoopback,
  TokenRequired,
  ListenFailed,
  DEFAULT_HOST,
  DEFAULT_SHUTDOWN_TIMEOUT
} from "./Server.ts"
export type { ServeOptions, RunningServer, StartedServer, ServerServices } from "./Server.ts"
export { serveStdio, makeMcpTools } from "./Mcp.ts"
export type { StdioOptions, McpTools, McpToolsOptions } from "./Mcp.ts"
