/**
 * Entry point of the `lfai` bin: runs the command line and exits with its code. A signal
 * interrupts the command, so every finalizer runs (leases returned, servers drained); SIGTERM is a
 * requested stop (exit 0 once clean), SIGINT an interruption (exit 130).
 */
import { Cause, Effect, Exit } from "effect"
import { run } from "./index.ts"
import { EXIT } from "./internal/shared.ts"

let signal: NodeJS.Signals | undefined
const fiber = Effect.runFork(run(process.argv.slice(2)))
const onSignal = (received: NodeJS.Signals) => {
  if (signal) process.exit(EXIT.interrupted) // a second signal: stop waiting
  signal = received
  fiber.interruptUnsafe()
}
process.on("SIGINT", onSignal)
process.on("SIGTERM", onSignal)
fiber.addObserver((exit) => {
  process.off("SIGINT", onSignal)
  process.off("SIGTERM", onSignal)
  const code = Exit.isSuccess(exit) ? exit.value : Cause.hasInterruptsOnly(exit.cause) ? EXIT.interrupted : EXIT.failed
  process.exitCode = code === EXIT.interrupted && signal === "SIGTERM" ? EXIT.ok : code
})
