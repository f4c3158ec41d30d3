/**
 * @lfai/stack — the one place that composes lfai: every built-in plugin, the Ollama and Gemini
 * layers, and the config. The CLI, the server and the dataset builder use this; library users
 * call `createLfai()`.
 */
import { Effect, Layer, Logger, References, type LogLevel } from "effect"
import {
  Configs,
  makeRuntime,
  ModelControl,
  Pipelines,
  Registries,
  Registry,
  route,
  StatsMetrics,
  ValidationPools,
  type ArtifactPlugin,
  type ArtifactRequest,
  type CloudFallback,
  type ConfigError,
  type DuplicateArtifactId,
  type ExportResult,
  type GenerateOptions,
  type GenerateResult,
  type HostHealth,
  type LfaiConfig,
  type LfaiConfigShape,
  type LfaiRuntime,
  type LoadConfigOptions,
  type LocalModels,
  type ModelStatus,
  type Pipeline,
  type PluginInfo,
  type PullProgress,
  type RunOptions,
  type Stats,
  type StatsSnapshot,
  type ValidateCallOptions,
  type ValidateResult,
  type ValidationPool,
  type VramReport
} from "@lfai/core"
import * as Gemini from "@lfai/fallback-gemini"
import * as Ollama from "@lfai/runtime-ollama"
import { builtins, loadPlugins, type LoadedPlugin } from "./plugins.ts"

export { builtinPluginPackages, builtinPlugins, builtins, importPlugin, loadPlugins, pluginProblem, PluginLoadError } from "./plugins.ts"
export type { LoadedPlugin } from "./plugins.ts"

export interface StackOptions extends LoadConfigOptions {
  /** A config already loaded (the CLI loads it first to report errors with exit code 2). */
  readonly config?: LfaiConfigShape
  /**
   * The artifact plugins (default: every built-in one). The config's `plugins` entries are loaded
   * and registered beside them either way.
   */
  readonly plugins?: ReadonlyArray<ArtifactPlugin>
  /** The local provider (default: Ollama through `@lfai/runtime-ollama`). */
  readonly local?: Layer.Layer<LocalModels | ModelControl, never, LfaiConfig>
  /** The cloud fallback (default: Gemini through `@lfai/fallback-gemini`, absent when disabled or keyless). */
  readonly cloud?: Layer.Layer<CloudFallback, never, LfaiConfig>
  /**
   * Pre-warm the persistent models a plugin routes to, in the background, when the stack starts
   * (default false; `lfai serve` turns it on). A failure — Ollama down — is logged, never fatal.
   */
  readonly prewarm?: boolean
  /** The validation pool's options (size, deadline, modules of plugins given by value); default: one sized to the machine. */
  readonly pool?: ValidationPools.ValidationPoolOptions
}

/** Everything the stack provides. */
export type Services = Pipeline | Stats | LfaiConfig | Registry | LocalModels | ModelControl | CloudFallback | ValidationPool

/** The standard stack as one layer. */
export const layer = (options: StackOptions = {}): Layer.Layer<Services, ConfigError | DuplicateArtifactId> => {
  const config = options.config ? Configs.layerValue(options.config) : Configs.layer(options)
  const base: ReadonlyArray<LoadedPlugin> = options.plugins?.map((plugin) => ({ plugin, source: plugin.package.name })) ?? builtins
  const services = Layer.unwrap(
    Effect.gen(function* () {
      const loaded = yield* loadPlugins(yield* Configs.LfaiConfig, base)
      const plugins = loaded.map((entry) => entry.plugin)
      // The pool's workers import each plugin from the module it was loaded from.
      const modules = [...(options.pool?.modules ?? []), ...loaded.flatMap((entry) => (entry.module === undefined ? [] : [entry.module]))]
      const providers = Layer.mergeAll(options.local ?? ollamaFor(plugins), options.cloud ?? Gemini.layer)
      // One validation pool for the process: the pipeline judges every answer on its worker threads.
      return Pipelines.layer.pipe(
        Layer.provideMerge(
          Layer.mergeAll(Registries.layer(plugins), providers, StatsMetrics.layerFor(plugins.map((plugin) => plugin.id)), ValidationPools.layer({ ...options.pool, modules }))
        )
      )
    })
  ).pipe(Layer.provideMerge(config), Layer.merge(diagnostics(options.env ?? process.env)))
  return options.prewarm ? Layer.merge(services, prewarm.pipe(Layer.provide(services))) : services
}

/**
 * Ollama, told which models the plugins are routed to under the config (with their alternates):
 * only those of the persistent models are pre-warmed; found loaded by another lfai process, they
 * are adopted by the GPU budget, not booked as foreign.
 */
const ollamaFor = (plugins: ReadonlyArray<ArtifactPlugin>): Layer.Layer<LocalModels | ModelControl, never, LfaiConfig> =>
  Layer.unwrap(Configs.LfaiConfig.useSync((config) => Ollama.layerWith({ models: routedModels(plugins, config) })))

const prewarm = Layer.effectDiscard(
  ModelControl.use((control) => control.warm).pipe(
    Effect.tap((models) => Effect.logInfo(`pre-warmed: ${models.join(", ") || "none"}`)),
    Effect.catch((error) => Effect.logWarning(`pre-warming the persistent models failed: ${error.message}`)),
    Effect.forkScoped
  )
)

const LOG_LEVELS: Readonly<Record<string, LogLevel.LogLevel>> = { debug: "Debug", info: "Info", warn: "Warn", warning: "Warn", error: "Error" }

/**
 * Diagnostics go to stderr: stdout belongs to the caller's output. `LFAI_LOG` sets how much:
 * `debug` adds every prompt sent to a model and every raw answer (never a key: none is in them),
 * `info` (the default) the pre-warm outcome, `warn` and `error` less.
 */
const diagnostics = (env: Readonly<Record<string, string | undefined>>) => {
  const wanted = env.LFAI_LOG?.trim().toLowerCase()
  const level = wanted === undefined || wanted === "" ? undefined : LOG_LEVELS[wanted]
  const console = Logger.layer([Logger.withConsoleError(Logger.formatSimple)])
  if (wanted !== undefined && wanted !== "" && level === undefined) {
    const warning = Layer.effectDiscard(Effect.logWarning(`LFAI_LOG=${env.LFAI_LOG} is not one of debug, info, warn, error; logging at info`))
    return Layer.merge(console, warning.pipe(Layer.provide(console)))
  }
  return level === undefined ? console : Layer.merge(console, Layer.succeed(References.MinimumLogLevel, level))
}

/** A handle on lfai for programs outside Effect. Build once, call concurrently, dispose at shutdown. */
export interface Lfai {
  readonly config: LfaiConfigShape
  readonly generate: (artifact: string, request: ArtifactRequest, options?: GenerateOptions & RunOptions) => Promise<GenerateResult>
  /** Runs the artifact's validator only; `options.prompt` is the request the content answers, judged for relevance. */
  readonly validate: (
    artifact: string,
    content: string,
    params?: Readonly<Record<string, string>>,
    options?: ValidateCallOptions & RunOptions
  ) => Promise<ValidateResult>
  /** The export `as` of a content that passes its validator (`UnknownExport`, `ExportRejected` otherwise). */
  readonly exportAs: (artifact: string, content: string, as: string, params?: Readonly<Record<string, string>>) => Promise<ExportResult>
  readonly plugins: () => Promise<ReadonlyArray<PluginInfo>>
  readonly vram: () => Promise<VramReport>
  /** Whether an Ollama host answers (with several hosts: at least one). */
  readonly health: () => Promise<"reachable" | "unreachable">
  /** Which Ollama hosts answer now (`ollama.hosts`, or the one default host). */
  readonly hosts: () => Promise<ReadonlyArray<HostHealth>>
  readonly models: {
    /** The models the config uses (plugins, persistent, alternates) and whether each is present and loaded. */
    readonly status: () => Promise<ReadonlyArray<ModelStatus>>
    readonly pull: (model: string, onProgress?: (progress: PullProgress) => void) => Promise<void>
    readonly warm: () => Promise<ReadonlyArray<string>>
    /** The Ollama server's version. */
    readonly version: () => Promise<string>
    /** GiB a model takes on the GPU at the configured context (never loads or pulls it). */
    readonly estimate: (model: string) => Promise<number>
  }
  readonly stats: () => Promise<StatsSnapshot>
  /** The runtime underneath, to run Effect programs on the same services. */
  readonly runtime: LfaiRuntime<Services>
  readonly dispose: () => Promise<void>
}

/** The models the plugins are routed to under the config: each one's model and its alternates. */
export const routedModels = (plugins: ReadonlyArray<ArtifactPlugin>, config: LfaiConfigShape): ReadonlyArray<string> => [
  ...new Set(
    plugins.flatMap((plugin) => {
      const routed = route(plugin, config)
      return [routed.model, ...routed.alternates]
    })
  )
]

/** Every model the config uses: each plugin's routed model and its alternates, and the persistent ones. */
export const configuredModels = (plugins: ReadonlyArray<ArtifactPlugin>, config: LfaiConfigShape): ReadonlyArray<string> => [
  ...new Set([...routedModels(plugins, config), ...config.ollama.persistent_models])
]

/**
 * Creates the stack. Rejects with a `ConfigError` (bad config) or `DuplicateArtifactId` at once,
 * not on the first call.
 */
export const createLfai = async (options: StackOptions = {}): Promise<Lfai> => {
  const runtime = makeRuntime(layer(options))
  const [config, registered] = await runtime
    .run(Effect.all([Configs.LfaiConfig.useSync((config) => config), Registry.useSync((registry) => registry.list)]))
    .catch(async (error) => {
      await runtime.dispose()
      throw error
    })
  const control = <A, E>(f: (service: ModelControl["Service"]) => Effect.Effect<A, E>) => runtime.run(ModelControl.use(f))
  const plugins = runtime.plugins
  return {
    config,
    generate: runtime.generate,
    validate: (artifact, content, params, options) => runtime.validate(artifact, content, params, options),
    exportAs: (artifact, content, as, params) => runtime.exportAs(artifact, content, as, params),
    plugins,
    vram: () => control((service) => service.vram),
    health: () => control((service) => service.health),
    hosts: () => control((service) => service.hosts),
    models: {
      status: () => control((service) => service.status(configuredModels(registered, config))),
      pull: (model, onProgress) => control((service) => service.pull(model, onProgress)),
      warm: () => control((service) => service.warm),
      version: () => control((service) => service.version),
      estimate: (model) => control((service) => service.estimate(model))
    },
    stats: runtime.stats,
    runtime,
    dispose: runtime.dispose
  }
}
