/** Progress on a terminal (stderr only, and only when it is a TTY): one status line, redrawn. */
import type { Attempt, PipelineEvent, PullProgress } from "@lfai/core"

const CLEAR = "\r\x1b[2K"

export interface StatusLine {
  /** Whether anything is shown (a terminal watches). */
  readonly enabled: boolean
  readonly update: (text: string) => void
  /** Writes a line that stays, below which the status goes on. */
  readonly log: (text: string) => void
  readonly done: () => void
}

/** The status line of a command: shown when a person watches stderr and stdout is not JSON. */
export const commandStatus = (asJson: boolean): StatusLine => statusLine(process.stderr.isTTY === true && !asJson)

export const statusLine = (enabled: boolean): StatusLine => {
  let shown = false
  const columns = () => Math.max(20, (process.stderr.columns || 80) - 1)
  return {
    enabled,
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

const bytes = (n: number) => (n >= 2 ** 30 ? `${(n / 2 ** 30).toFixed(2)} GiB` : `${(n / 2 ** 20).toFixed(0)} MiB`)

/** `pulling 8eeb52dfb3bb  43% ▕████████          ▏ 1.80 GiB/4.07 GiB`, as `ollama pull` shows it. */
export const pullBar = (progress: PullProgress, width = 24, withHost = false): string => {
  // with several Ollama hosts, which one is pulling
  const model = withHost && progress.host ? `${progress.model} on ${progress.host}` : progress.model
  if (progress.total === undefined || progress.total === 0) return `${model}: ${progress.status}`
  const done = Math.min(progress.completed ?? 0, progress.total)
  const share = done / progress.total
  const filled = Math.round(share * width)
  const digest = progress.digest ? ` ${progress.digest.replace(/^sha256:/, "").slice(0, 12)}` : ""
  return `${model}: pulling${digest} ${String(Math.floor(share * 100)).padStart(3)}% ▕${"█".repeat(filled)}${" ".repeat(width - filled)}▏ ${bytes(done)}/${bytes(progress.total)}`
}

const KIND = { generate: "generating", repair: "repairing", retry: "retrying" } as const

/** One attempt in a line: kind, provider and model, verdict and score, duration, and why it did not pass. */
export const describeAttempt = (attempt: Attempt): string => {
  const seconds = `${(attempt.durationMs / 1000).toFixed(1)} s`
  const where = `${attempt.kind} ${attempt.provider} ${attempt.model}`
  if (attempt.error) return `${where}: ✗ ${attempt.error.message} (${seconds})`
  const why = attempt.passed ? undefined : (attempt.issues ?? []).find((issue) => issue.severity === "error") ?? attempt.issues?.[0]
  const because = why ? ` — ${why.line ? `line ${why.line}: ` : ""}${why.message} [${why.code}]` : ""
  return `${where}: ${attempt.passed ? "✓" : "✗"} score ${attempt.score} (${seconds})${because}`
}

/**
 * `--verbose`: each prompt sent and each raw answer received, on stderr. The prompts are the
 * plugin's system prompt and the request (or the repair prompt); no key is ever part of either.
 */
export const verboseTrace = (write: (text: string) => void) => (event: PipelineEvent) => {
  if (event.type === "attempt") {
    write(`── ${event.kind} → ${event.provider} ${event.model}\n[system]\n${event.system}\n[prompt]\n${event.prompt}\n`)
  } else if (event.type === "attempted" && event.raw !== undefined) {
    write(`── answer ← ${event.attempt.provider} ${event.attempt.model}\n${event.raw}\n`)
  }
}

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
      case "attempted":
        status.log(`  ${describeAttempt(event.attempt)}`)
        break
      case "fallback":
        status.log(`↗ falling back to ${event.provider} ${event.model}`)
        break
    }
  }
}
