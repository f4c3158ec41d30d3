/**
 * Build progress on stderr: a bar per artifact on a TTY, one quiet line per artifact otherwise.
 */
import type { BuildEvent } from "../Build.ts"

export interface ProgressStream {
  readonly isTTY?: boolean
  readonly columns?: number
  write(chunk: string): unknown
}

const WIDTH = 24
const PHASE_WEIGHT = { generate: 0.1, validate: 0.8, check: 0.1 } as const
const PHASE_START = { generate: 0, validate: 0.1, check: 0.9 } as const

const summary = (event: Extract<BuildEvent, { type: "artifact" }>): string => {
  const { entry, seconds } = event
  const status = entry.passed ? "passed" : `FAILED ${entry.failures.map((failure) => failure.rule).join(", ")}`
  return `${entry.artifact}: ${entry.examples} examples, ${entry.domains} domains, train ${entry.train.examples} / val ${entry.val.examples}, ${status} (${seconds.toFixed(1)} s)`
}

/** An `onProgress` hook that draws on `stream`. */
export const progressReporter = (stream: ProgressStream): ((event: BuildEvent) => void) => {
  const tty = stream.isTTY === true
  let label = 0
  let lastDrawn = ""
  return (event) => {
    switch (event.type) {
      case "start":
        label = Math.max(...event.artifacts.map((id) => id.length), 4)
        if (!tty) {
          const artifacts = `${event.artifacts.length} artifact${event.artifacts.length === 1 ? "" : "s"}`
          stream.write(`datasets: ${artifacts} × ${event.count} examples, seed ${event.seed} → ${event.out}\n`)
        }
        return
      case "progress": {
        if (!tty) return
        const fraction = PHASE_START[event.phase] + PHASE_WEIGHT[event.phase] * (event.total === 0 ? 1 : event.done / event.total)
        const filled = Math.round(fraction * WIDTH)
        const line = `${event.artifact.padEnd(label)} [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}% ${event.phase}`
        if (line === lastDrawn) return
        lastDrawn = line
        stream.write(`\r\x1b[2K${line}`)
        return
      }
      case "artifact":
        if (tty) {
          lastDrawn = ""
          stream.write(`\r\x1b[2K`)
        }
        stream.write(`${tty ? (event.entry.passed ? "✔ " : "✘ ") : ""}${summary(event)}\n`)
        return
      case "done":
        stream.write(`datasets: ${event.manifest.passed ? "all passed" : "FAILED"} in ${event.seconds.toFixed(1)} s\n`)
        return
    }
  }
}
