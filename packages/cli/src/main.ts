/**
 * Entry point of the `lfai` bin: runs the command line and exits with its code. A signal
 * interrupts the command, so every finalizer runs (leases returned, servers drained, stdin
 * released), then the process ends at once with 143 (SIGTERM) or 130 (SIGINT), never 0: a
 * script must not mistake a killed run for a finished one.
 */
import { Cause, Effect, Exit } from "effect"
import { run } from "./index.ts"
import { EXIT, exitCodeOf, signals } from "./internal/shared.ts"

const fiber = Effect.runFork(run(process.argv.slice(2)))
const onSignal = (received: NodeJS.Signals) => {
  if (signals.received) process.exit(exitCodeOf(signals.received)) // a second signal: stop waiting
  signals.received = received
  fiber.interruptUnsafe()
}
process.on("SIGINT", onSignal)
process.on("SIGTERM", onSignal)
fiber.addObserver((exit) => {
  process.off("SIGINT", onSignal)
  process.off("SIGTERM", onSignal)
  if (signals.received) {
    // Whatever still holds the event loop (a stdin nobody closes, a socket) must not keep a stopped command alive.
    process.exit(exitCodeOf(signals.received))
  }
  process.exitCode = Exit.isSuccess(exit) ? exit.value : Cause.hasInterruptsOnly(exit.cause) ? EXIT.interrupted : EXIT.failed
})
