/** The commands that talk to the stack: generate, validate, plugins, models, vram. */
import { readFile, stat, writeFile } from "node:fs/promises"
import { Effect, Option } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { decodeGenerateRequest, UnknownExport, type GenerateResult, type ModelStatus, type ValidateResult, type VramReport } from "@lfai/core"
import type { Lfai } from "@lfai/stack"
import { commandStatus, describeAttempt, pipelineProgress, pullBar, verboseTrace } from "./progress.ts"
import {
  BadInput,
  CommandExit,
  EXIT,
  columns,
  elapsed,
  config,
  gb,
  guarded,
  json,
  format,
  kind,
  language,
  params,
  printJson,
  call,
  checkWritable,
  configFrom,
  readStdin,
  stderr,
  stdout,
  withLfai
} from "./shared.ts"

const artifactArgument = Argument.String("artifact").pipe(
  Argument.withDescription("The artifact id (see `lfai plugins`): erd, architecture, sequence, class, state, workflow, …")
)

/** Fails with `UnknownExport` (bad usage) unless the artifact offers the export `as`; an unknown artifact is left to generate. */
const checkExport = async (lfai: Lfai, artifact: string, as: string): Promise<void> => {
  const plugin = (await lfai.plugins()).find((candidate) => candidate.id === artifact)
  if (plugin !== undefined && !plugin.exports.includes(as)) throw new UnknownExport({ artifact, as, offered: [...plugin.exports] })
}

const failUnlessPassed = (passed: boolean) => (passed ? Effect.void : Effect.fail(new CommandExit({ code: EXIT.failed })))

/**
 * The verdict on stderr: the result, every attempt (unless a terminal already saw them as they
 * ended), why the cloud was used or not, and the answer's issues.
 */
const summary = (result: GenerateResult, attemptsShown: boolean) => {
  const seconds = (result.durationMs / 1000).toFixed(1)
  const head = `${result.passed ? "✓" : "✗"} ${result.artifact}: score ${result.score}/100 from ${result.provider} ${result.model} in ${seconds} s`
  const attempts = attemptsShown ? [] : result.attempts.map((attempt, i) => `  ${i + 1}. ${describeAttempt(attempt)}`)
  const cloud = result.reason ?? "cloud fallback not needed: the local answer passed"
  const issues = result.issues.map((issue) => `  ${issue.severity}${issue.line ? ` line ${issue.line}` : ""}: ${issue.message} [${issue.code}]`)
  const withheld = result.passed ? [] : ["  stdout: nothing (the artifact did not pass; --best-effort prints the best draft anyway, --json the whole result)"]
  return [head, ...attempts, `  ${cloud}`, ...issues, ...withheld].join("\n")
}

export const generate = Command.make(
  "generate",
  {
    artifact: artifactArgument,
    prompt: Flag.String("prompt").pipe(
      Flag.optional,
      Flag.withDescription("What to generate. Without it, the prompt is read from stdin (when stdin is not a terminal)")
    ),
    system: Flag.String("system").pipe(Flag.optional, Flag.withDescription("Extra system instructions")),
    temperature: Flag.Finite("temperature").pipe(Flag.optional, Flag.withDescription("Sampling temperature (default 0.2)")),
    out: Flag.String("out").pipe(
      Flag.optional,
      Flag.withDescription("Also write the artifact (or its export, with --as) to this file, only when it passed unless --best-effort (- : stdout only)")
    ),
    as: Flag.String("as").pipe(
      Flag.optional,
      Flag.withDescription("Print this export of the artifact instead of its content, e.g. jira: markdown, csv, json (an export the artifact does not offer is refused with the list of those it does); --json adds `exports: { NAME: text }`")
    ),
    bestEffort: Flag.Boolean("best-effort").pipe(
      Flag.withDefault(false),
      Flag.withDescription("Print (and --out write) the best draft even when it did not pass; the exit code still says it failed")
    ),
    verbose: Flag.Boolean("verbose").pipe(
      Flag.withDefault(false),
      Flag.withDescription("Show on stderr each prompt sent (first, repair, cloud) and each raw answer received")
    ),
    language,
    kind,
    format,
    json,
    config
  },
  (input) =>
    guarded(
      input.json,
      Effect.gen(function* () {
        const out = Option.filter(input.out, (path) => path !== "-")
        if (Option.isSome(input.out) && input.out.value === "-" && input.json) {
          return yield* new BadInput({ detail: "--out - and --json both write to stdout; drop one (--json prints the content in the result)" })
        }
        const loaded = yield* configFrom(input.config)
        const prompt = Option.isSome(input.prompt)
          ? input.prompt.value
          : process.stdin.isTTY
            ? yield* new BadInput({ detail: "no prompt: give --prompt TEXT, or pipe the prompt on stdin" })
            : yield* readStdin(loaded.validation.max_prompt_kb * 1024, "the prompt")
        const status = commandStatus(input.json)
        const live = status.enabled
        const progress = pipelineProgress(status)
        const trace = input.verbose
          ? verboseTrace((text) => {
              status.done()
              process.stderr.write(text)
            })
          : undefined
        const given = params({ language: input.language, kind: input.kind, format: input.format })
        // The one request schema the pipeline and HTTP use: a bad flag is refused before anything runs.
        const request = yield* decodeGenerateRequest(input.artifact, {
          prompt,
          ...(Option.isSome(input.system) ? { system: input.system.value } : {}),
          ...(Option.isSome(input.temperature) ? { temperature: input.temperature.value } : {}),
          ...(given ? { params: given } : {})
        })
        // Checked before generating, so a result (and any paid cloud call) is not lost to a bad path.
        if (Option.isSome(out)) yield* checkWritable(out.value)
        const as = Option.getOrUndefined(input.as)
        const { result, exported } = yield* withLfai(loaded, (lfai) =>
          Effect.gen(function* () {
            // An export the artifact does not offer is bad usage: say so before any model runs.
            if (as !== undefined) yield* call(() => checkExport(lfai, input.artifact, as))
            const result = yield* call((signal) =>
              lfai.generate(input.artifact, request, {
                onEvent: (event) => {
                  progress(event)
                  trace?.(event)
                },
                signal
              })
            ).pipe(Effect.ensuring(Effect.sync(status.done)))
            // Only a passing artifact is exported (a failed draft is never printed as if it were one).
            const exported = as !== undefined && result.passed ? yield* call(() => lfai.exportAs(input.artifact, result.content, as, given)) : undefined
            return { result, exported }
          })
        )
        const printed = exported ? exported.text : result.content
        // a redirect (`> x.mmd`) or --out never captures a failed draft unless asked to
        const shown = result.passed || input.bestEffort
        const written = Option.isSome(out) && shown
          ? yield* Effect.tryPromise({
              try: () => writeFile(out.value, printed.endsWith("\n") ? printed : `${printed}\n`),
              catch: (cause) => `could not write ${out.value} (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`
            }).pipe(Effect.flip, Effect.option)
          : Option.none()
        if (input.json) yield* printJson(exported ? { ...result, exports: { [exported.as]: exported.text } } : result)
        else {
          if (shown) yield* stdout(printed)
          yield* stderr(summary(result, live))
        }
        if (Option.isSome(written)) {
          yield* stderr(`lfai: ${written.value}; the result is printed above instead`)
          return yield* new CommandExit({ code: EXIT.failed })
        }
        yield* failUnlessPassed(result.passed)
      })
    )
).pipe(
  Command.withDescription("Generate an artifact with the local model, validate it, repair or fall back as needed"),
  Command.withExamples([
    { command: 'lfai generate erd --prompt "a library: books, authors, loans"', description: "An ERD from a local model" },
    { command: 'echo "checkout flow with payment retries" | lfai generate sequence --json', description: "Prompt on stdin, the result object as JSON" },
    { command: 'lfai generate workflow --prompt "expense approval" --out approval.mmd', description: "Write the diagram to a file (only when it passed)" },
    { command: 'lfai generate sequence --prompt "login with 2FA" --verbose', description: "Also show every prompt sent and every raw answer" },
    { command: 'lfai generate jira --prompt "stories for online loan renewals" --as csv > stories.csv', description: "Stories as CSV for Jira's importer" }
  ])
)

/** A limit on what is read, and the config key that sets it. */
interface ReadLimit {
  readonly bytes: number
  readonly key: string
  readonly what: string
}

const contentLimit = (kb: number): ReadLimit => ({ bytes: kb * 1024, key: "server.max_body_kb", what: "the content" })
const promptLimit = (kb: number): ReadLimit => ({ bytes: kb * 1024, key: "validation.max_prompt_kb", what: "the prompt" })

/** A file or stdin, no larger than its limit (the content: what an HTTP body may be; a prompt: what generation takes). */
const readContent = (source: string, limit: ReadLimit) =>
  source === "-"
    ? readStdin(limit.bytes, limit.what)
    : Effect.tryPromise({
        try: async () => {
          const size = (await stat(source)).size
          if (size > limit.bytes) throw Object.assign(new Error(`it is ${(size / 1024).toFixed(1)} KiB, over the limit of ${limit.bytes / 1024} KiB (${limit.key})`), { code: "TOO_LARGE" })
          return readFile(source, "utf8")
        },
        catch: (cause) =>
          new BadInput({
            detail: `cannot read ${source}: ${(cause as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : cause instanceof Error ? cause.message : String(cause)}`
          })
      })

/** The request a file answers, from `--prompt` or `--prompt-file` (not both); none: only the content is judged. */
const readPrompt = (text: Option.Option<string>, file: Option.Option<string>, contentSource: string, limit: ReadLimit) =>
  Effect.gen(function* () {
    if (Option.isSome(text) && Option.isSome(file)) return yield* new BadInput({ detail: "give the request with --prompt or --prompt-file, not both" })
    if (Option.isSome(text)) return text.value
    if (Option.isNone(file)) return undefined
    if (file.value === "-" && contentSource === "-") return yield* new BadInput({ detail: "the content and the prompt cannot both come from stdin" })
    return yield* readContent(file.value, limit)
  })

const describeValidation = (result: ValidateResult) =>
  [
    `${result.passed ? "✓ passed" : "✗ failed"}: ${result.artifact} scored ${result.score}/100 (pass mark ${result.threshold})`,
    ...result.issues.map((issue) => `  ${issue.severity}${issue.line ? ` line ${issue.line}` : ""}: ${issue.message} [${issue.code}]`)
  ].join("\n")

export const validate = Command.make(
  "validate",
  {
    artifact: artifactArgument,
    file: Argument.String("file").pipe(Argument.withDescription("The file to check, or - for stdin")),
    prompt: Flag.String("prompt").pipe(
      Flag.optional,
      Flag.withDescription("The request the content answers: the names it asks for must be in the artifact (an answer about something else fails as off-topic)")
    ),
    promptFile: Flag.String("prompt-file").pipe(Flag.optional, Flag.withDescription("Read that request from a file (- for stdin)")),
    language,
    kind,
    format,
    json,
    config
  },
  (input) =>
    guarded(
      input.json,
      Effect.gen(function* () {
        const loaded = yield* configFrom(input.config)
        const prompt = yield* readPrompt(input.prompt, input.promptFile, input.file, promptLimit(loaded.validation.max_prompt_kb))
        const content = yield* readContent(input.file, contentLimit(loaded.server.max_body_kb))
        const result = yield* withLfai(loaded, (lfai) =>
          call(() =>
            lfai.validate(
              input.artifact,
              content,
              params({ language: input.language, kind: input.kind, format: input.format }),
              prompt === undefined ? {} : { prompt }
            )
          )
        )
        yield* input.json ? printJson(result) : stdout(describeValidation(result))
        yield* failUnlessPassed(result.passed)
      })
    )
).pipe(
  Command.withDescription("Run an artifact's validator on a file, without any model"),
  Command.withExamples([
    { command: "lfai validate erd schema.mmd", description: "Check a Mermaid ERD" },
    { command: 'lfai validate erd schema.mmd --prompt "a clinic: patients, doctors, appointments"', description: "Check it answers that request too" },
    { command: "cat diagram.mmd | lfai validate sequence - --json", description: "From stdin, as JSON" }
  ])
)

export const plugins = Command.make("plugins", { json, config }, (input) =>
  guarded(
    input.json,
    withLfai(input.config, (lfai) =>
      Effect.gen(function* () {
        const list = yield* Effect.promise(() => lfai.plugins())
        if (input.json) {
          return yield* printJson(list.map(({ id, title, model, residency }) => ({ id, title, model, residency })))
        }
        yield* stdout(columns(list.map((plugin) => [plugin.id, plugin.model, plugin.residency, plugin.title])))
      })
    )
  )
).pipe(
  Command.withDescription("List the artifact plugins, their models and residency"),
  Command.withExamples([{ command: "lfai plugins --json", description: "[{ id, title, model, residency }]" }])
)

/** One row per model; with several Ollama hosts one per model and host (a host that did not answer says `down`). */
const describeModels = (models: ReadonlyArray<ModelStatus>): string => {
  const yes = (flag: boolean) => (flag ? "yes" : "no")
  if ((models[0]?.hosts.length ?? 1) <= 1) {
    return columns([
      ["MODEL", "PRESENT", "LOADED", "VRAM"],
      ...models.map((model) => [model.name, yes(model.present), yes(model.loaded), model.loaded ? gb(model.sizeVramGb) : "-"])
    ])
  }
  return columns([
    ["MODEL", "HOST", "PRESENT", "LOADED", "VRAM"],
    ...models.flatMap((model) =>
      model.hosts.map((host) =>
        host.up ? [model.name, host.url, yes(host.present), yes(host.loaded), host.loaded ? gb(host.sizeVramGb) : "-"] : [model.name, host.url, "down", "-", "-"]
      )
    )
  ])
}

const printModels = (asJson: boolean, models: ReadonlyArray<ModelStatus>) => (asJson ? printJson({ models }) : stdout(describeModels(models)))

const modelsStatus = Command.make("status", { json, config }, (input) =>
  guarded(
    input.json,
    withLfai(input.config, (lfai) => Effect.flatMap(call(() => lfai.models.status()), (models) => printModels(input.json, models)))
  )
).pipe(
  Command.withDescription("Which configured models are present and loaded, on every Ollama host"),
  Command.withExamples([
    { command: "OLLAMA_HOST=http://gpu-box:11434 lfai models status --json", description: "{ models: [{ name, present, loaded, sizeVramGb, hosts: [{ url, up, present, loaded, sizeVramGb }] }] }" }
  ])
)

const modelsPull = Command.make(
  "pull",
  {
    model: Argument.String("model").pipe(Argument.optional, Argument.withDescription("The model; default: every configured model that is missing")),
    json,
    config
  },
  (input) =>
    guarded(
      input.json,
      withLfai(input.config, (lfai) =>
        Effect.gen(function* () {
          const status = commandStatus(input.json)
          const wanted = Option.isSome(input.model)
            ? [input.model.value]
            : (yield* call(() => lfai.models.status())).filter((model) => !model.present).map((model) => model.name)
          for (const model of wanted) {
            yield* call(() => lfai.models.pull(model, (progress) => status.update(pullBar(progress, undefined, lfai.config.ollama.hosts.length > 1)))).pipe(
              Effect.ensuring(Effect.sync(status.done))
            )
            if (!input.json) yield* stderr(`pulled ${model}`)
          }
          const models = yield* call(() => lfai.models.status())
          yield* printModels(input.json, models)
        })
      )
    )
).pipe(
  Command.withDescription("Download a model (progress bar per layer on a terminal), or every missing configured one"),
  Command.withExamples([{ command: "lfai models pull mistral:7b-instruct-q4_K_M", description: "Pull one model" }])
)

const modelsWarm = Command.make("warm", { json, config }, (input) =>
  guarded(
    input.json,
    withLfai(input.config, (lfai) =>
      Effect.gen(function* () {
        const warmed = yield* call(() => lfai.models.warm())
        if (!input.json) {
          yield* stderr(
            warmed.length === 0
              ? "warm: nothing pre-warmed"
              : `warm: ${warmed.join(", ")} (loaded; ${lfai.config.ollama.idle_unload_s} s after this command ends, Ollama unloads ${warmed.length === 1 ? "it" : "them"} unless used)`
          )
        }
        yield* printModels(input.json, yield* call(() => lfai.models.status()))
      })
    )
  )
).pipe(
  Command.withDescription(
    "Pre-warm the persistent models a plugin routes to, as the VRAM budget allows; when the command ends they stay loaded for ollama.idle_unload_s"
  ),
  Command.withExamples([{ command: "lfai models warm", description: "Load ollama.persistent_models now" }])
)

export const models = Command.make("models").pipe(
  Command.withSubcommands([modelsStatus, modelsPull, modelsWarm]),
  Command.withDescription("Local models: status, pull, warm")
)

/** What a loaded model is doing: held by requests, or idle for how long (when known). */
const modelUse = (model: VramReport["models"][number]) =>
  model.leases > 0 ? `, ${model.leases} in use` : model.idleSeconds !== null ? `, idle ${elapsed(model.idleSeconds)}` : ""

const modelLines = (models: VramReport["models"], indent: string) =>
  models.length === 0 ? [] : columns(models.map((model) => [indent, model.name, gb(model.sizeVramGb), `${model.residency}${modelUse(model)}`])).split("\n")

/** The totals, then (with several Ollama hosts) each host's budget and models. */
const describeVram = (report: VramReport) =>
  [
    `VRAM: ${gb(report.usedGb)} / ${gb(report.totalGb)} (${report.usagePercent.toFixed(1)}%), Ollama ${report.ollama}${report.queued ? `, ${report.queued} waiting` : ""}`,
    ...(report.hosts.length <= 1
      ? modelLines(report.models, "")
      : report.hosts.flatMap((host) => [
          `  ${host.url}: ${gb(host.usedGb)} / ${gb(host.totalGb)} (${host.usagePercent.toFixed(1)}%), ${host.up ? "up" : "down"}${host.queued ? `, ${host.queued} waiting` : ""}`,
          ...modelLines(host.models, "  ")
        ])),
    ...report.warnings.map((warning) => `  warning: ${warning}`)
  ].join("\n")

export const vram = Command.make("vram", { json, config }, (input) =>
  guarded(
    input.json,
    withLfai(input.config, (lfai) =>
      Effect.flatMap(call(() => lfai.vram()), (report) => (input.json ? printJson(report) : stdout(describeVram(report))))
    )
  )
).pipe(
  Command.withDescription("The GPU budget and what is loaded, on every Ollama host, reconciled with each one's /api/ps"),
  Command.withExamples([
    { command: "lfai vram --json", description: "{ usedGb, totalGb, usagePercent, activeModels, models, queued, ollama, hosts: [{ url, up, usedGb, totalGb, activeModels, … }], warnings }" }
  ])
)
