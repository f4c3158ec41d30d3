/**
 * lfai as an MCP server over stdio (`lfai mcp`): the tools `list_artifacts`, `generate_artifact`
 * and `validate_artifact`, the same ones `lfai serve` offers over Streamable HTTP at `/mcp`.
 */
import { Writable, type Readable } from "node:stream"
import { Deferred, Effect, Exit, Layer } from "effect"
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js"
import type { Pipeline } from "@lfai/core"
import { makeMcpTools } from "./internal/mcp.ts"

export { makeMcpTools } from "./internal/mcp.ts"
export type { McpTools, McpToolsOptions } from "./internal/mcp.ts"

export interface StdioOptions<E = never> {
  /** The services (`@lfai/stack`'s `layer()` provides them), built when serving starts and released when it ends. */
  readonly layer: Layer.Layer<Pipeline, E>
  /** Where MCP messages come from; default stdin. The session ends when it ends. */
  readonly input?: Readable | undefined
  /**
   * Where MCP messages go; default stdout. Serving on stdout, anything else written to stdout
   * (a library's stray `console.log`) goes to stderr instead: a stray line would break the protocol.
   */
  readonly output?: Writable | undefined
}

/** Takes stdout for MCP alone while the scope lasts: every other writer is sent to stderr. */
const claimStdout = Effect.acquireRelease(
  Effect.sync(() => {
    const write = process.stdout.write
    const toClient = new Writable({
      write: (chunk, encoding, callback) => void write.call(process.stdout, chunk, encoding, callback)
    })
    process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write
    return { toClient, write }
  }),
  ({ write }) => Effect.sync(() => void (process.stdout.write = write))
)

/** Serves MCP over stdio until the input ends (the client closed it) or the effect is interrupted. */
export const serveStdio = <E>(options: StdioOptions<E>): Effect.Effect<void, E> =>
  Effect.scoped(
    Effect.gen(function* () {
      const input = options.input ?? process.stdin
      const output = options.output ?? (yield* claimStdout).toClient
      const services = yield* Layer.build(options.layer)
      const tools = yield* Effect.provideContext(makeMcpTools(), services)
      const server = tools.server()
      const ended = yield* Deferred.make<void>()
      const end = () => Deferred.doneUnsafe(ended, Exit.void)
      input.once("end", end)
      input.once("close", end)
      server.onclose = end
      // Closed first when the scope ends: in-flight calls are aborted (their leases returned) before the services go.
      yield* Effect.acquireRelease(
        Effect.promise(() => server.connect(new StdioServerTransport(input, output))),
        () => Effect.promise(() => server.close())
      )
      yield* Deferred.await(ended)
    })
  )
