/**
 * The `lfai-datasets` command (the `lfai datasets …` commands until the CLI
 * package absorbs them: it can call {@link runCli}, or {@link buildDatasets} and
 * {@link writeModelfile} directly). Exit codes: 0 success, 1 a rule failed / the operation
 * failed, 2 bad usage.
 */
import { parseArgs, type ParseArgsOptionsConfig } from "node:util"
import { ConfigError } from "@lfai/core"
import { buildDatasets, BuildUsageError, ManifestMergeError, mergeManifests } from "./Build.ts"
import { DEFAULT_COUNT, DEFAULT_OUT, DEFAULT_SEED, formatFailures, renderManifest } from "./Manifest.ts"
import { DEFAULT_MODELFILE_PARAMETERS, ModelfileError, renderModelfile, writeModelfile } from "./Modelfile.ts"
import { loadPlugins, PluginLoadError } from "./Plugins.ts"
import { progressReporter, type ProgressStream } from "./internal/progress.ts"

export interface CliIo {
  readonly stdout: { write(chunk: string): unknown }
  readonly stderr: ProgressStream
}

export const USAGE = `lfai-datasets — fine-tuning datasets from every lfai artifact plugin

Usage:
  lfai-datasets build [--out DIR] [--only a,b] [--count N] [--seed S] [--json]
      Builds <artifact>.jsonl, <artifact>.train.jsonl, <artifact>.val.jsonl and
      <artifact>.manifest.json per artifact, and manifest.json; checks every quality
      rule and exits 1 with a report when one fails.
      --out DIR      output directory (default ${DEFAULT_OUT})
      --only a,b     only these artifact ids (default: every plugin lfai has: the built-ins
                     and the config's plugins)
      --count N      examples per artifact (default ${DEFAULT_COUNT})
      --seed S       generator seed, an integer ≥ 0 (default ${DEFAULT_SEED})
      --json         print only the manifest on stdout
      --from DIRS    build the artifact packages in these directories instead
      --config FILE  the config whose plugins join the built-ins (default $LFAI_CONFIG,
                     else ./lfai.config.yaml when present)
      --no-manifest  do not write manifest.json (what the per-artifact Nx targets use)
      --workers N    threads that re-validate examples (default: cores, at most 4; 1: none)
  lfai-datasets manifest [--out DIR] [--json]
      Joins the per-artifact manifests in DIR into manifest.json (the Nx aggregate target):
      one per artifact package of the workspace in lfai's plugin list.
  lfai-datasets modelfile <artifact> --adapter PATH [--out FILE|-] [--model NAME]
                          [--num-ctx N] [--temperature T] [--config FILE] [--json]
      Writes an Ollama Modelfile: FROM the artifact's base model, ADAPTER PATH, the
      plugin's SYSTEM prompt, PARAMETERs (default num_ctx ${DEFAULT_MODELFILE_PARAMETERS.num_ctx}, temperature ${DEFAULT_MODELFILE_PARAMETERS.temperature}).
      --out FILE     where to write it (default ./Modelfile; "-" prints it)

Exit codes: 0 success, 1 a quality rule or the operation failed, 2 bad usage.
`

class UsageError extends Error {}

const list = (value: string | undefined): ReadonlyArray<string> | undefined =>
  value === undefined
    ? undefined
    : value
        .split(",")
        .map((part) => part.trim())
        .filter((part) => part !== "")

const integer = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`--${name} must be a non-negative integer, got "${value}"`)
  return Number(value.trim())
}

const number = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined
  const parsed = Number(value)
  if (value.trim() === "" || !Number.isFinite(parsed)) throw new UsageError(`--${name} must be a number, got "${value}"`)
  return parsed
}

const parse = <const Options extends ParseArgsOptionsConfig>(args: ReadonlyArray<string>, options: Options) => {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, allowNegative: true, strict: true })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
}

const build = async (args: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  const { values, positionals } = parse(args, {
    out: { type: "string" },
    only: { type: "string" },
    count: { type: "string" },
    seed: { type: "string" },
    json: { type: "boolean", default: false },
    from: { type: "string" },
    config: { type: "string" },
    manifest: { type: "boolean", default: true },
    workers: { type: "string" }
  })
  if (positionals.length > 0) throw new UsageError(`build takes no positional arguments, got ${positionals.join(" ")}`)
  const count = integer("count", values.count, DEFAULT_COUNT)
  if (count < 1) throw new UsageError("--count must be at least 1")
  if (count < DEFAULT_COUNT) io.stderr.write(`datasets: note: --count ${count} is below the ${DEFAULT_COUNT} examples per artifact a dataset needs (a trial build; every other rule still applies)\n`)
  const manifest = await buildDatasets(
    {
      out: values.out ?? DEFAULT_OUT,
      only: list(values.only),
      count,
      seed: integer("seed", values.seed, DEFAULT_SEED),
      from: list(values.from),
      ...(values.config !== undefined ? { config: values.config } : {}),
      manifest: values.manifest,
      ...(values.workers !== undefined ? { workers: integer("workers", values.workers, 1) } : {})
    },
    { onProgress: progressReporter(io.stderr) }
  )
  if (values.json) io.stdout.write(renderManifest(manifest))
  if (!manifest.passed) {
    io.stderr.write(`datasets: the build failed its quality rules:\n${formatFailures(manifest)}\n`)
    return 1
  }
  return 0
}

const manifestCommand = (args: ReadonlyArray<string>, io: CliIo): number => {
  const { values, positionals } = parse(args, { out: { type: "string" }, json: { type: "boolean", default: false } })
  if (positionals.length > 0) throw new UsageError(`manifest takes no positional arguments, got ${positionals.join(" ")}`)
  const manifest = mergeManifests({ out: values.out ?? DEFAULT_OUT })
  if (values.json) io.stdout.write(renderManifest(manifest))
  else io.stderr.write(`datasets: manifest.json lists ${manifest.artifacts.length} artifacts (seed ${manifest.seed}), ${manifest.passed ? "all passed" : "FAILED"}\n`)
  if (!manifest.passed) {
    io.stderr.write(`${formatFailures(manifest)}\n`)
    return 1
  }
  return 0
}

const modelfile = async (args: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  const { values, positionals } = parse(args, {
    adapter: { type: "string" },
    out: { type: "string" },
    model: { type: "string" },
    "num-ctx": { type: "string" },
    temperature: { type: "string" },
    json: { type: "boolean", default: false },
    from: { type: "string" },
    config: { type: "string" }
  })
  if (positionals.length !== 1) throw new UsageError(`modelfile takes one artifact id, got ${positionals.length === 0 ? "none" : positionals.join(" ")}`)
  if (values.adapter === undefined || values.adapter.trim() === "") throw new UsageError("modelfile needs --adapter PATH (the fine-tuned LoRA adapter)")
  const [artifact] = positionals
  const plugins = await loadPlugins({ from: list(values.from), ...(values.config !== undefined ? { config: values.config } : {}) })
  const found = plugins.find((loaded) => loaded.plugin.id === artifact)
  if (!found) throw new UsageError(`unknown artifact ${artifact}; known: ${plugins.map((loaded) => loaded.plugin.id).join(", ") || "(none)"}`)
  const numCtx = values["num-ctx"] === undefined ? undefined : integer("num-ctx", values["num-ctx"], 0)
  const temperature = number("temperature", values.temperature)
  const parameters = {
    ...(numCtx !== undefined ? { num_ctx: numCtx } : {}),
    ...(temperature !== undefined ? { temperature } : {})
  }
  const options = { adapter: values.adapter, parameters, ...(values.model !== undefined ? { model: values.model } : {}) }
  if (values.out === "-") {
    const content = renderModelfile(found.plugin, options)
    io.stdout.write(values.json ? JSON.stringify({ artifact, file: null, content }, null, 2) + "\n" : content)
    return 0
  }
  const written = writeModelfile(found.plugin, { ...options, ...(values.out !== undefined ? { out: values.out } : {}) })
  if (values.json) io.stdout.write(JSON.stringify({ artifact, file: written.file, adapter: written.adapter, content: written.content }, null, 2) + "\n")
  else io.stderr.write(`wrote ${written.file} (FROM ${options.model ?? found.plugin.model}, ADAPTER ${written.adapter}); next: ollama create lfai-${artifact} -f ${written.file}\n`)
  return 0
}

/** Runs one `lfai-datasets` command line; resolves with the exit code. */
export const runCli = async (argv: ReadonlyArray<string>, io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> => {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case "build":
        return await build(rest, io)
      case "manifest":
        return manifestCommand(rest, io)
      case "modelfile":
        return await modelfile(rest, io)
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.stdout.write(USAGE)
        return command === undefined ? 2 : 0
      default:
        throw new UsageError(`unknown command "${command}" (build, manifest, modelfile)`)
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof BuildUsageError) {
      io.stderr.write(`lfai-datasets: ${error.message}\n(see lfai-datasets --help)\n`)
      return 2
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`lfai-datasets: ${error.message}\n`)
      return 2
    }
    if (error instanceof PluginLoadError || error instanceof ManifestMergeError || error instanceof ModelfileError) {
      io.stderr.write(`lfai-datasets: ${error.message}\n`)
      return 1
    }
    throw error
  }
}
