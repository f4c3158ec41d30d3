/** `lfai datasets …` (through @lfai/dataset-builder), `lfai serve` and `lfai mcp` (through @lfai/server). */
import { Effect, Option, Redacted } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { route, type LfaiConfigShape } from "@lfai/core"
import { BadInput, CommandExit, EXIT, config, configFrom, count, guarded, json, printJson, stderr, stdout } from "./shared.ts"

/** Every plugin under the config: the built-ins and the config's `plugins` (a bad entry is a ConfigError, exit 2). */
const pluginsUnder = (config: LfaiConfigShape) => Effect.flatMap(Effect.promise(() => import("@lfai/stack")), (stack) => stack.loadPlugins(config))
const datasetBuilder = Effect.promise(() => import("@lfai/dataset-builder"))

const build = Command.make(
  "build",
  {
    out: Flag.String("out").pipe(Flag.withDefault("datasets"), Flag.withDescription("Output directory")),
    only: Flag.String("only").pipe(Flag.optional, Flag.withDescription("Only these artifacts, comma-separated (e.g. erd,sequence)")),
    count: Flag.Int("count").pipe(Flag.withDefault(1000), Flag.withDescription("Examples per artifact")),
    seed: Flag.Int("seed").pipe(Flag.withDefault(42), Flag.withDescription("Generator seed: same seed, byte-identical files")),
    json,
    config
  },
  (input) =>
    guarded(
      input.json,
      Effect.gen(function* () {
        // The config says which plugins there are besides the built-ins (its `plugins`).
        const loaded = yield* configFrom(input.config)
        if (input.count < 1) return yield* new BadInput({ detail: `--count must be at least 1, got ${input.count}` })
        if (input.seed < 0) return yield* new BadInput({ detail: `--seed must be ≥ 0, got ${input.seed}` })
        if (input.count < 1000 && !input.json) {
          yield* stderr(`datasets: a trial build: --count ${input.count} is below the 1000 examples per artifact a fine-tuning set needs`)
        }
        const builder = yield* datasetBuilder
        const available = yield* pluginsUnder(loaded)
        const plugins = available.map((entry) => entry.plugin)
        const only = Option.map(input.only, (list) => list.split(",").map((id) => id.trim()).filter((id) => id !== ""))
        const known = plugins.map((plugin) => plugin.id)
        const unknown = Option.getOrElse(only, () => []).filter((id) => !known.includes(id))
        if (unknown.length > 0) {
          return yield* new BadInput({ detail: `unknown artifact(s) in --only: ${unknown.join(", ")}; known: ${known.join(", ")}` })
        }
        const manifest = yield* Effect.tryPromise({
          try: () =>
            builder.buildDatasets(
              {
                plugins,
                // the validation pool's workers import each plugin from the module it was loaded from
                modules: available.flatMap((entry) => (entry.module === undefined ? [] : [entry.module])),
                out: input.out,
                count: input.count,
                seed: input.seed,
                ...(Option.isSome(only) ? { only: only.value } : {})
              },
              { onProgress: builder.progressReporter(process.stderr) }
            ),
          catch: (error) => (error instanceof builder.BuildUsageError ? new BadInput({ detail: error.message }) : error)
        })
        if (input.json) yield* stdout(builder.renderManifest(manifest))
        else yield* stderr(`datasets: wrote ${count(manifest.artifacts.length, "artifact")} to ${input.out}/`)
        if (!manifest.passed) {
          yield* stderr(`datasets: the build failed its quality rules:\n${builder.formatFailures(manifest)}`)
          return yield* new CommandExit({ code: EXIT.failed })
        }
      })
    )
).pipe(
  Command.withDescription("Build the fine-tuning datasets: ≥ 1000 validated examples per artifact, train/val split, manifest.json"),
  Command.withExamples([
    { command: "lfai datasets build --out datasets", description: "Every artifact, 1000 examples each, seed 42" },
    { command: "lfai datasets build --only erd,sequence --count 2000 --seed 7 --json", description: "Two artifacts; the manifest as JSON" }
  ])
)

const modelfile = Command.make(
  "modelfile",
  {
    artifact: Argument.String("artifact").pipe(Argument.withDescription("The artifact whose base model and system prompt to use")),
    adapter: Flag.String("adapter").pipe(Flag.withDescription("Path of the fine-tuned (LoRA) adapter")),
    out: Flag.String("out").pipe(Flag.optional, Flag.withDescription("Where to write it (default ./Modelfile; - prints it)")),
    model: Flag.String("model").pipe(
      Flag.optional,
      Flag.withDescription("The base model (default: the artifact's model, after the config's artifacts.<id>.model)")
    ),
    numCtx: Flag.Int("num-ctx").pipe(Flag.optional, Flag.withDescription("PARAMETER num_ctx (default 4096)")),
    temperature: Flag.Finite("temperature").pipe(Flag.optional, Flag.withDescription("PARAMETER temperature (default 0.2)")),
    json,
    config
  },
  (input) =>
    guarded(
      input.json,
      Effect.gen(function* () {
        const loaded = yield* configFrom(input.config)
        const builder = yield* datasetBuilder
        const plugins = (yield* pluginsUnder(loaded)).map((entry) => entry.plugin)
        const plugin = plugins.find((candidate) => candidate.id === input.artifact)
        if (!plugin) {
          return yield* new BadInput({ detail: `unknown artifact "${input.artifact}"; known: ${plugins.map((p) => p.id).join(", ")}` })
        }
        const options = {
          adapter: input.adapter,
          model: Option.getOrElse(input.model, () => route(plugin, loaded).model),
          parameters: {
            ...(Option.isSome(input.numCtx) ? { num_ctx: input.numCtx.value } : {}),
            ...(Option.isSome(input.temperature) ? { temperature: input.temperature.value } : {})
          }
        }
        const invalid = (error: unknown) => new BadInput({ detail: error instanceof Error ? error.message : String(error) })
        if (Option.getOrUndefined(input.out) === "-") {
          const content = yield* Effect.try({ try: () => builder.renderModelfile(plugin, options), catch: invalid })
          return yield* input.json ? printJson({ artifact: plugin.id, file: null, content }) : stdout(content)
        }
        const written = yield* Effect.try({
          try: () => builder.writeModelfile(plugin, { ...options, ...(Option.isSome(input.out) ? { out: input.out.value } : {}) }),
          catch: invalid
        })
        if (input.json) yield* printJson({ artifact: plugin.id, file: written.file, adapter: written.adapter, content: written.content })
        else yield* stderr(`wrote ${written.file}; next: ollama create lfai-${plugin.id} -f ${written.file}`)
      })
    )
).pipe(
  Command.withDescription("Write an Ollama Modelfile that turns a fine-tuned adapter into the artifact's local model"),
  Command.withExamples([
    { command: "lfai datasets modelfile erd --adapter ./erd-lora --out Modelfile", description: "then: ollama create lfai-erd -f Modelfile" }
  ])
)

export const datasets = Command.make("datasets").pipe(
  Command.withSubcommands([build, modelfile]),
  Command.withDescription("Fine-tuning datasets from the artifact plugins")
)

export const serve = Command.make(
  "serve",
  {
    host: Flag.String("host").pipe(Flag.withDefault("127.0.0.1"), Flag.withDescription("Address to bind; beyond loopback a token is required")),
    port: Flag.Int("port").pipe(Flag.withDefault(8787), Flag.withDescription("Port; 0 picks a free one")),
    token: Flag.String("token").pipe(
      Flag.optional,
      Flag.withDescription("Bearer token required on every route but /healthz (default $LFAI_TOKEN); spaces around it are ignored")
    ),
    json,
    config
  },
  (input) =>
    guarded(
      input.json,
      Effect.gen(function* () {
        if (!Number.isInteger(input.port) || input.port < 0 || input.port > 65535) {
          return yield* new BadInput({ detail: `--port must be 0..65535 (0: a free one), got ${input.port}` })
        }
        if (Option.isSome(input.token) && input.token.value.trim() === "") {
          return yield* new BadInput({ detail: "--token is blank; give the token (spaces around it are ignored, as in LFAI_TOKEN), or leave the flag out" })
        }
        const loaded = yield* configFrom(input.config)
        const [{ layer }, server] = yield* Effect.promise(() => Promise.all([import("@lfai/stack"), import("@lfai/server")]))
        yield* server.serveForever({
          layer: layer({ config: loaded, prewarm: true }),
          host: input.host,
          port: input.port,
          ...(Option.isSome(input.token) ? { token: Redacted.make(input.token.value) } : {}),
          // The first stdout line says where it listens: the URL, or with --json `{ "url": … }`.
          onListen: (running) => void process.stdout.write(`${input.json ? JSON.stringify({ url: running.url }) : running.url}\n`)
        })
      })
    )
).pipe(
  Command.withDescription(
    "Start the HTTP service for internal services (POST /v1/artifacts/{artifact}, /openapi.json, /metrics, …), OpenAI-compatible (/v1/chat/completions) and MCP (/mcp)"
  ),
  Command.withExamples([
    { command: "lfai serve --port 8787", description: "Listen on 127.0.0.1:8787" },
    { command: "lfai serve --port 0 --json", description: 'A free port; the first stdout line is { "url": "http://127.0.0.1:…" }' },
    { command: "LFAI_LOG=debug lfai serve", description: "Also log every prompt sent to a model and every raw answer (stderr)" },
    { command: "LFAI_TOKEN=secret lfai serve --host 0.0.0.0", description: "Listen on every interface (a token is required)" }
  ])
)

export const mcp = Command.make("mcp", { config }, (input) =>
  // No --json: stdout carries MCP messages and nothing else; errors and logs go to stderr.
  guarded(
    false,
    Effect.gen(function* () {
      const loaded = yield* configFrom(input.config)
      const [{ layer }, server] = yield* Effect.promise(() => Promise.all([import("@lfai/stack"), import("@lfai/server")]))
      yield* stderr("lfai mcp: serving MCP on stdin/stdout (tools: list_artifacts, generate_artifact, validate_artifact); logs on stderr")
      yield* server.serveStdio({ layer: layer({ config: loaded }) })
    })
  )
).pipe(
  Command.withDescription(
    "Serve MCP (Model Context Protocol) over stdio for coding agents and editors: list_artifacts, generate_artifact, validate_artifact. `lfai serve` offers the same at /mcp over HTTP"
  ),
  Command.withExamples([
    { command: "lfai mcp", description: "Started by an MCP client: { \"command\": \"npx\", \"args\": [\"lfai\", \"mcp\"] }" },
    { command: "lfai mcp --config lfai.config.yaml", description: "With a config (models, fallback, pass marks)" }
  ])
)
