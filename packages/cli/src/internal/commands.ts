/** The commands that talk to the stack: generate, validate, plugins, models, vram. */
import { readFile, stat, writeFile } from "node:fs/promises"
import { Effect, Option } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { decodeGenerateRequest, UnknownExport, type GenerateResult, type ModelStatus, type ValidateResult, type VramReport } from "@lfai/core"
import type { Lfai } from "@lfai/stack"
import { pipelineProgress, pullBar, statusLine } from "./progress.ts"
import {
  BadInput,
  CommandExit,
  EXIT,
  config,
  gb,
  guarded,
  interactive,
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

const summary = (result: GenerateResult) => {
  const seconds = (result.durationMs / 1000).toFixed(1)
  const head = `${result.passed ? "✓" : "✗"} ${result.artifact}: score ${result.score}/100 from ${result.provider} ${result.model} in ${seconds} s, ${result.attempts.length} attempt(s)`
  const issues = result.issues.map((issue) => `  ${issue.severity}${issue.line ? ` line ${issue.line}` : ""}: ${issue.message} [${issue.code}]`)
  return [head, ...(result.reason ? [`  ${result.reason}`] : []), ...issues].join("\n")
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
    out: Flag.String("out").pipe(Flag.optional, Flag.withDescription("Also write the artifact (or its export, with --as) to this file (- : stdout only)")),
    as: Flag.String("as").pipe(
      Flag.optional,
      Flag.withDescription("Print this export of the artifact instead of its content, e.g. jira: markdown, csv, json (an export the artifact does not offer is refused with the list of those it does); --json adds `exports: { NAME: text }`")
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
        const status = statusLine(interactive() && !input.json)
        const as = Option.getOrUndefined(input.as)
        const { result, exported } = yield* withLfai(loaded, (lfai) =>
          Effect.gen(function* () {
            // An export the artifact does not offer is bad usage: say so before any model runs.
            if (as !== undefined) yield* call(() => checkExport(lfai, input.artifact, as))
            const result = yield* call((signal) => lfai.generate(input.artifact, request, { onEvent: pipelineProgress(status), signal })).pipe(
              Effect.ensuring(Effect.sync(status.done))
            )
            // Only a passing artifact is exported (a failed draft is never printed as if it were one).
            const exported = as !== undefined && result.passed ? yield* call(() => lfai.exportAs(input.artifact, result.content, as, given)) : undefined
            return { result, exported }
          })
        )
        const printed = exported ? exported.text : result.content
        const written = Option.isSome(out)
          ? yield* Effect.tryPromise({
              try: () => writeFile(out.value, printed.endsWith("\n") ? printed : `${printed}\n`),
              catch: (cause) => `could not write ${out.value} (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`
            }).pipe(Effect.flip, Effect.option)
          : Option.none()
        if (input.json) yield* printJson(exported ? { ...result, exports: { [exported.as]: exported.text } } : result)
        else {
          yield* stdout(printed)
          yield* stderr(summary(result))
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
    { command: 'echo "checkout flow with payment retries" | lfai generate sequence --json', description: "Prompt on stdin, the full result as JSON" },
    { command: 'lfai generate workflow --prompt "expense approval" --out approval.mmd', description: "Write the diagram to a file" },
    { command: 'lfai generate jira --prompt "stories for online loan renewals" --as csv > stories.csv', description: "Stories as CSV for Jira's importer" }
  ])
)

/** The content to validate, from a file or stdin, no larger than an HTTP body may be (`server.max_body_kb`). */
const readContent = (source: string, limitBytes: number) =>
  source === "-"
    ? readStdin(limitBytes, "the content")
    : Effect.tryPromise({
        try: async () => {
          const size = (await stat(source)).size
          if (size > limitBytes) throw Object.assign(new Error(`it is ${(size / 1024).toFixed(1)} KiB, over the limit of ${limitBytes / 1024} KiB (server.max_body_kb)`), { code: "TOO_LARGE" })
          return readFile(source, "utf8")
        },
        catch: (cause) =>
          new BadInput({
            detail: `cannot read ${source}: ${(cause as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : cause instanceof Error ? cause.message : String(cause)}`
          })
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
        const content = yield* readContent(input.file, loaded.server.max_body_kb * 1024)
        const result = yield* withLfai(loaded, (lfai) =>
          call(() => lfai.validate(input.artifact, content, params({ language: input.language, kind: input.kind, format: input.format })))
        )
        yield* input.json ? printJson(result) : stdout(describeValidation(result))
        yield* failUnlessPassed(result.passed)
      })
    )
).pipe(
  Command.withDescription("Run an artifact's validator on a file, without any model"),
  Command.withExamples([
    { command: "lfai validate erd schema.mmd", description: "Check a Mermaid ERD" },
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
        const width = Math.max(...list.map((plugin) => plugin.id.length), 2)
        yield* stdout(list.map((plugin) => `${plugin.id.padEnd(width)}  ${plugin.model} (${plugin.residency})  ${plugin.title}`).join("\n"))
      })
    )
  )
).pipe(
  Command.withDescription("List the artifact plugins, their models and residency"),
  Command.withExamples([{ command: "lfai plugins --json", description: "[{ id, title, model, residency }]" }])
)

const printModels = (asJson: boolean, models: ReadonlyArray<ModelStatus>) =>
  asJson
    ? printJson({ models })
    : stdout(
        models
          .map((model) => `${model.name}  ${model.present ? "present" : "missing"}${model.loaded ? `, loaded (${gb(model.sizeVramGb)} VRAM)` : ""}`)
          .join("\n")
      )

const modelsStatus = Command.make("status", { json, config }, (input) =>
  guarded(
    input.json,
    withLfai(input.config, (lfai) => Effect.flatMap(call(() => lfai.models.status()), (models) => printModels(input.json, models)))
  )
).pipe(
  Command.withDescription("Which configured models are present and loaded"),
  Command.withExamples([{ command: "OLLAMA_HOST=http://gpu-box:11434 lfai models status --json", description: "{ models: [{ name, present, loaded, sizeVramGb }] }" }])
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
          const status = statusLine(interactive() && !input.json)
          const wanted = Option.isSome(input.model)
            ? [input.model.value]
            : (yield* call(() => lfai.models.status())).filter((model) => !model.present).map((model) => model.name)
          for (const model of wanted) {
            yield* call(() => lfai.models.pull(model, (progress) => status.update(pullBar(progress)))).pipe(
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
        if (!input.json) yield* stderr(warmed.length === 0 ? "no persistent model could be warmed" : `warm: ${warmed.join(", ")}`)
        yield* printModels(input.json, yield* call(() => lfai.models.status()))
      })
    )
  )
).pipe(
  Command.withDescription("Pre-warm the persistent models (keep_alive -1) as the VRAM budget allows"),
  Command.withExamples([{ command: "lfai models warm", description: "Load ollama.persistent_models now" }])
)

export const models = Command.make("models").pipe(
  Command.withSubcommands([modelsStatus, modelsPull, modelsWarm]),
  Command.withDescription("Local models: status, pull, warm")
)

const describeVram = (report: VramReport) =>
  [
    `VRAM: ${gb(report.usedGb)} / ${gb(report.totalGb)} (${report.usagePercent.toFixed(1)}%), Ollama ${report.ollama}${report.queued ? `, ${report.queued} waiting` : ""}`,
    ...report.models.map((model) => `  ${model.name}  ${gb(model.sizeVramGb)}  ${model.residency}${model.leases ? `, ${model.leases} in use` : ""}`),
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
  Command.withDescription("The GPU budget and what is loaded, reconciled with Ollama's /api/ps"),
  Command.withExamples([{ command: "lfai vram --json", description: "{ usedGb, totalGb, usagePercent, activeModels, models, queued, ollama, warnings }" }])
)
