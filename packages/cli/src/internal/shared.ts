/** What every command shares: the common flags, loading the stack, output, and exit codes. */
import { constants } from "node:fs"
import { access, stat } from "node:fs/promises"
import { dirname, resolve } from "node:path"
import { Effect, Option, Schema } from "effect"
import { Flag } from "effect/cli"
import { loadConfig, type ConfigOverrides, type LfaiConfigShape } from "@lfai/core"
import type { Lfai, StackOptions } from "@lfai/stack"

export const json = Flag.Boolean("json").pipe(Flag.withDefault(false), Flag.withDescription("Print one JSON document on stdout, and nothing else there"))
export const config = Flag.String("config").pipe(
  Flag.optional,
  Flag.withDescription("Path of lfai.config.yaml (default: $LFAI_CONFIG, else ./lfai.config.yaml when present)")
)

/** Exit codes: 0 success, 1 failed, 2 bad usage or input, 128 + the signal's number when stopped by one. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130, terminated: 143 } as const

/** The signal that stopped the command, set by the bin before it interrupts the command. */
export const signals: { received: NodeJS.Signals | undefined } = { received: undefined }

export const exitCodeOf = (signal: NodeJS.Signals): number => (signal === "SIGTERM" ? EXIT.terminated : EXIT.interrupted)

/** Ends the command with an exit code; its message (if any) has been printed already. */
export class CommandExit extends Schema.TaggedError<CommandExit>()("CommandExit", { code: Schema.Number }) {}

/** Errors that mean the input or the invocation was wrong (exit 2); anything else is a failure (exit 1). */
const USAGE_ERRORS = new Set([
  "ConfigError",
  "UnknownArtifact",
  "EmptyPrompt",
  "PromptTooLarge",
  "InvalidParam",
  "UnknownExport",
  "DuplicateArtifactId",
  "BadInput",
  "InvalidRequest",
  "TokenRequired"
])

/** Bad input found by the CLI itself (a missing file, a bad flag value). */
export class BadInput extends Schema.TaggedError<BadInput>()("BadInput", { detail: Schema.String }) {
  override get message() {
    return this.detail
  }
}

export const stderr = (text: string) => Effect.sync(() => void process.stderr.write(text.endsWith("\n") ? text : `${text}\n`))
export const stdout = (text: string) => Effect.sync(() => void process.stdout.write(text.endsWith("\n") ? text : `${text}\n`))
export const printJson = (value: unknown) => stdout(JSON.stringify(value, null, 2))


const describe = (error: unknown): { code: string; message: string; extra?: Record<string, unknown> } => {
  if (error !== null && typeof error === "object" && "_tag" in error) {
    const tagged = error as { _tag: string; message?: string; known?: ReadonlyArray<string>; attempts?: unknown }
    return {
      code: tagged._tag,
      message: tagged.message ?? tagged._tag,
      ...(tagged.attempts ? { extra: { attempts: tagged.attempts } } : {})
    }
  }
  return { code: "Error", message: error instanceof Error ? error.message : String(error) }
}

/**
 * Runs a command's work; a typed error is printed (stderr, and `{ error }` on stdout with --json)
 * and becomes the exit code.
 */
export const guarded = <A, E, R>(asJson: boolean, work: Effect.Effect<A, E, R>): Effect.Effect<A, CommandExit, R> =>
  work.pipe(
    // Stopped by a signal: say so, on stdout too with --json (a script reading it gets a document, not nothing).
    Effect.onInterrupt(() =>
      Effect.gen(function* () {
        const signal = signals.received ?? "an interruption"
        const message = `stopped by ${signal} before the command finished`
        if (asJson) yield* printJson({ error: { code: "Interrupted", signal, message } })
        yield* stderr(`lfai: ${message}`)
      })
    ),
    Effect.catch((error: unknown) => {
      if (error instanceof CommandExit) return Effect.fail(error)
      const { code, message, extra } = describe(error)
      return Effect.gen(function* () {
        if (asJson) yield* printJson({ error: { code, message, ...extra } })
        yield* stderr(`lfai: ${message}`)
        return yield* new CommandExit({ code: USAGE_ERRORS.has(code) ? EXIT.usage : EXIT.failed })
      })
    })
  )

/** A call of the `Lfai` handle; its rejection (a typed lfai error) stays the failure, for `guarded` to report. */
export const call = <A>(f: (signal: AbortSignal) => Promise<A>): Effect.Effect<A, unknown> =>
  Effect.tryPromise({ try: f, catch: (error) => error })

/** The config named by `--config` (else `$LFAI_CONFIG`, `./lfai.config.yaml`, the defaults), with flags on top. */
export const configFrom = (configPath: Option.Option<string>, overrides: ConfigOverrides = {}) =>
  loadConfig({ path: Option.getOrUndefined(configPath), overrides })

/** Loads the config (errors: exit 2, naming the key) and the stack, and disposes the stack afterwards. */
export const withLfai = <A, E, R>(
  configPath: Option.Option<string> | LfaiConfigShape,
  use: (lfai: Lfai) => Effect.Effect<A, E, R>,
  overrides: ConfigOverrides = {},
  options: Omit<StackOptions, "config" | "path" | "overrides"> = {}
): Effect.Effect<A, E | unknown, R> =>
  Effect.acquireUseRelease(
    Effect.gen(function* () {
      const loaded: LfaiConfigShape = Option.isOption(configPath) ? yield* configFrom(configPath, overrides) : configPath
      // Loaded on demand: `lfai --help` and usage errors never pay for the plugins and clients.
      return yield* call(async () => (await import("@lfai/stack")).createLfai({ ...options, config: loaded }))
    }),
    use,
    (lfai) => Effect.promise(() => lfai.dispose())
  )

/**
 * Reads stdin as UTF-8, never more than `limitBytes`: past it reading stops (the writer gets
 * EPIPE) and the input is refused. Interrupting it (a signal) releases stdin, so nothing keeps the
 * process waiting for a writer that never closes.
 */
export const readStdin = (limitBytes: number, what: string): Effect.Effect<string, BadInput> =>
  Effect.callback<string, BadInput>((resume) => {
    const stdin = process.stdin
    const chunks: Array<Buffer> = []
    let bytes = 0
    const stop = () => {
      stdin.off("data", onData)
      stdin.off("end", onEnd)
      stdin.off("error", onError)
      stdin.pause()
      stdin.destroy()
    }
    const onData = (chunk: Buffer) => {
      bytes += chunk.length
      if (bytes > limitBytes) {
        stop()
        resume(Effect.fail(new BadInput({ detail: `${what} on stdin is over the limit of ${limitBytes / 1024} KiB; reading stopped there` })))
      } else chunks.push(chunk)
    }
    const onEnd = () => {
      stop()
      resume(Effect.succeed(Buffer.concat(chunks).toString("utf8")))
    }
    const onError = (cause: Error) => {
      stop()
      resume(Effect.fail(new BadInput({ detail: `could not read stdin: ${cause.message}` })))
    }
    stdin.on("data", onData)
    stdin.once("end", onEnd)
    stdin.once("error", onError)
    return Effect.sync(stop)
  })

/**
 * `--out FILE` is checked before any work is done: its directory exists and is writable, and the
 * path is not a directory (a write can still fail later; the caller prints the result then).
 */
export const checkWritable = (path: string): Effect.Effect<void, BadInput> =>
  Effect.tryPromise({
    try: async () => {
      if (path.trim() === "") throw new Error("the path is empty")
      const existing = await stat(path).catch(() => undefined)
      if (existing?.isDirectory()) throw new Error("it is a directory")
      await access(existing ? path : dirname(resolve(path)), constants.W_OK)
    },
    catch: (cause) =>
      new BadInput({
        detail: `cannot write --out ${JSON.stringify(path)}: ${(cause as NodeJS.ErrnoException).code === "ENOENT" ? "its directory does not exist" : (cause as NodeJS.ErrnoException).code === "EACCES" ? "permission denied" : cause instanceof Error ? cause.message : String(cause)}`
      })
  })

/** Artifact parameters given as flags (`--language`, `--kind`, `--format`), without the absent ones. */
export const params = (entries: Record<string, Option.Option<string>>): Record<string, string> | undefined => {
  const present = Object.entries(entries).flatMap(([name, value]) => (Option.isSome(value) ? [[name, value.value] as const] : []))
  return present.length === 0 ? undefined : Object.fromEntries(present)
}

export const language = Flag.Literals("language", ["typescript", "csharp"]).pipe(
  Flag.optional,
  Flag.withDescription("code only: the language wanted (an answer in the other one is the wrong type)")
)
export const kind = Flag.Literals("kind", ["readme", "adr", "runbook", "api-guide"]).pipe(
  Flag.optional,
  Flag.withDescription("docs only: the kind of document")
)
export const format = Flag.Literals("format", ["openapi", "markdown"]).pipe(
  Flag.optional,
  Flag.withDescription("apidocs only: an OpenAPI document or Markdown HTTP docs")
)

/** A figure in GiB (2^30 bytes: the unit a GPU's "12 GB" and every lfai figure are in). */
export const gb = (value: number) => `${value.toFixed(2)} GiB`

/** A span of whole seconds as people say it: `45 s`, `3 min`, `2 h 5 min`, `3 d 4 h`. */
export const elapsed = (seconds: number): string => {
  if (seconds < 60) return `${seconds} s`
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`
  const [big, unit, small, smallUnit] =
    seconds < 86_400 ? [Math.floor(seconds / 3600), "h", Math.floor((seconds % 3600) / 60), "min"] : [Math.floor(seconds / 86_400), "d", Math.floor((seconds % 86_400) / 3600), "h"]
  return small > 0 ? `${big} ${unit} ${small} ${smallUnit}` : `${big} ${unit}`
}

/** `1 artifact`, `2 artifacts`. */
export const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`

/** Lines of columns, each padded to its widest cell (the last one is not padded). */
export const columns = (rows: ReadonlyArray<ReadonlyArray<string>>, gap = "  "): string => {
  const widths = rows.reduce<number[]>((max, row) => row.map((cell, i) => Math.max(max[i] ?? 0, cell.length)), [])
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join(gap).trimEnd()).join("\n")
}
