/** Progress on a terminal (stderr only, and only when it is a TTY): one status line, redrawn. */
import type { PipelineEvent, PullProgress } from "@lfai/core"

const CLEAR = "\r\x1b[2K"

export interface StatusLine {
  readonly update: (text: string) => void
  /** Writes a line that stays, below which the status goes on. */
  readonly log: (text: string) => void
  readonly done: () => void
}

export const statusLine = (enabled: boolean): StatusLine => {
  let shown = false
  const columns = () => Math.max(20, (process.stderr.columns || 80) - 1)
  return {
    update: (text) => {
      if (!enabled) return
      process.stderr.write(`${CLEAR}${text.slice(0, columns())}`)
      shown = true
    },
    log: (text) => {
      if (!enabled) return
      process.stderr.write(`${shown ? CLEAR : ""}${text}\n`)
      shown = false
    },
    done: () => {
      if (enabled && shown) process.stderr.write(CLEAR)
      shown = false
    }
  }
}

const bytes = (n: number) => (n >= 2 ** 30 ? `${(n / 2 ** 30).toFixed(2)} GB` : `${(n / 2 ** 20).toFixed(0)} MB`)

/** `pulling 8eeb52dfb3bb  43% ▕████████          ▏ 1.8 GB/4.1 GB`, as `ollama pull` shows it. */
export const pullBar = (progress: PullProgress, width = 24): string => {
  if (progress.total === undefined || progress.total === 0) return `${progress.model}: ${progress.status}`
  const done = Math.min(progress.completed ?? 0, progress.total)
  const share = done / progress.total
  const filled = Math.round(share * width)
  const digest = progress.digest ? ` ${progress.digest.replace(/^sha256:/, "").slice(0, 12)}` : ""
  return `${progress.model}: pulling${digest} ${String(Math.floor(share * 100)).padStart(3)}% ▕${"█".repeat(filled)}${" ".repeat(width - filled)}▏ ${bytes(done)}/${bytes(progress.total)}`
}

const KIND = { generate: "generating", repair: "repairing", retry: "retrying" } as const

/** Turns pipeline events into status lines: routing, pulling, generating, repairing, falling back. */
export const pipelineProgress = (status: StatusLine) => {
  let tokens = 0
  return (event: PipelineEvent) => {
    switch (event.type) {
      case "route":
        status.log(`→ ${event.artifact} with ${event.model} (num_ctx ${event.numCtx})`)
        break
      case "pull":
        status.update(pullBar(event.progress))
        break
      case "attempt":
        tokens = 0
        status.update(`${KIND[event.kind]} with ${event.provider} ${event.model}…`)
        break
      case "lease":
        status.update(`waiting for VRAM for ${event.model} (num_ctx ${event.numCtx})…`)
        break
      case "leased":
        status.update(`generating with ${event.model}…`)
        break
      case "token":
        tokens++
        if (tokens % 8 === 0) status.update(`generating… ${tokens} chunks`)
        break
      case "attempted": {
        const attempt = event.attempt
        const what = attempt.error
          ? `✗ ${attempt.error.message}`
          : `${attempt.passed ? "✓" : "✗"} score ${attempt.score}${attempt.passed ? "" : `, ${(attempt.issues ?? []).filter((issue) => issue.severity === "error").length} error(s)`}`
        status.log(`  ${attempt.kind} ${attempt.provider} ${attempt.model}: ${what} (${(attempt.durationMs / 1000).toFixed(1)} s)`)
        break
      }
      case "fallback":
        status.log(`↗ falling back to ${event.provider} ${event.model}`)
        break
    }
  }
}
