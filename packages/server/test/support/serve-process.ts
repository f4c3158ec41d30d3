/**
 * A real server process for the process test, run as `lfai serve` runs it: `serveForever` under
 * `NodeRuntime.runMain`, so SIGTERM interrupts it and the shutdown is the graceful one.
 *
 * Env: SHUTDOWN_MS (grace for in-flight requests), MAX_PER_CLIENT. Stdout: the URL on the first
 * line; on exit, one JSON line with the lease totals. Stdin: a line `release` opens the model gate.
 */
import { createInterface } from "node:readline"
import { Effect, Exit, Cause } from "effect"
import { NodeRuntime } from "@effect/platform-node"
import { serveForever } from "../../src/index.ts"
import { gatedServices } from "../fixtures.ts"

const { layer, models } = gatedServices({ server: { max_concurrent_per_client: Number(process.env.MAX_PER_CLIENT ?? 64) } })

createInterface({ input: process.stdin }).on("line", (line) => {
  if (line.trim() === "release") models.release()
})

const program = serveForever({
  layer,
  port: 0,
  shutdownTimeout: Number(process.env.SHUTDOWN_MS ?? 30000),
  onListen: (server) => process.stdout.write(`${server.url}\n`)
}).pipe(Effect.ensuring(Effect.sync(() => process.stdout.write(`${JSON.stringify({ leases: models.totals, held: models.held() })}\n`))))

NodeRuntime.runMain(program, {
  // A signal is how a server is asked to stop: a graceful stop exits 0.
  teardown: (exit, onExit) => onExit(Exit.isSuccess(exit) || Cause.hasInterruptsOnly(exit.cause) ? 0 : 1)
})
