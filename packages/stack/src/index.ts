/**
 * @lfai/stack — the one place that composes lfai: every built-in plugin, the Ollama and Gemini
 * layers, and the config. The CLI, the server and the dataset builder use this; library users
 * call `createLfai()`.
 */
import { Effect, Layer, Logger } from "effect"
import {
  Configs,
  makeRuntime,
  ModelControl,
  Pipelines,
  Registries,
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
  type LfaiConfig,
  type LfaiConfigShape,
  type LfaiRuntime,
  type LoadConfigOptions,
  type LocalModels,
  type ModelStatus,
  type Pipeline,
  type PluginInfo,
  type PullProgress,
  type Registry,
  type RunOptions,
  type Stats,
  type StatsSnapshot,
  type ValidateResult,
  type ValidationPool,
  type VramReport
} from "@lfai/core"
import * as Gemini from "@lfai/fallback-gemini"
import * as Ollama from "@lfai/runtime-ollama"
import { builtinPlugins } from "./plugins.ts"

export { builtinPlugins } from "./plugins.ts"

export interface StackOptions extends LoadConfigOptions {
  /** A config already loaded (the CLI loads it first to report errors with exit code 2). */
  readonly config?: LfaiConfigShape
  /** The artifact plugins (default: every built-in one). */
  readonly plugins?: ReadonlyArray<ArtifactPlugin>
  /** The local provider (default: Ollama through `@lfai/runtime-ollama`). */
  readonly local?: Layer.Layer<LocalModels | ModelControl, never, LfaiConfig>
  /** The cloud fallback (default: Gemini through `@lfai/fallback-gemini`, absent when disabled or keyless). */
  readonly cloud?: Layer.Layer<CloudFallback, never, LfaiConfig>
  /**
   * Pre-warm the persistent models in the background when the stack starts (default false; `lfai
   * serve` turns it on). A failure — Ollama down — is logged, never fatal.
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
  const plugins = options.plugins ?? builtinPlugins
  const providers = Layer.mergeAll(options.local ?? ollamaFor(plugins), options.cloud ?? Gemini.layer)
  const services = Pipelines.layer.pipe(
    // One validation pool for the process: the pipeline judges every answer on its worker threads.
    Layer.provideMerge(Layer.mergeAll(Registries.layer(plugins), providers, StatsMetrics.layer, ValidationPools.layer(options.pool))),
    Layer.provideMerge(config),
    Layer.merge(diagnostics)
  )
  return options.prewarm ? Layer.merge(services, prewarm.pipe(Layer.provide(services))) : services
}

/**
 * Ollama, told which models the plugins are routed to under the config (with their alternates):
 * found loaded by another lfai process, they are adopted by the GPU budget, not booked as foreign.
 */
const ollamaFor = (plugins: ReadonlyArray<ArtifactPlugin>): Layer.Layer<LocalModels | ModelControl, never, LfaiConfig> =>
  Layer.unwrap(
    Configs.LfaiConfig.useSync((config) =>
      Ollama.layerWith({ models: configuredModels(plugins, config) })
    )
  )

const prewarm = Layer.effectDiscard(
  ModelControl.use((control) => control.warm).pipe(
    Effect.tap((models) => Effect.logInfo(`pre-warmed: ${models.join(", ") || "none"}`)),
    Effect.catch((error) => Effect.logWarning(`pre-warming the persistent models failed: ${error.message}`)),
    Effect.forkScoped
  )
)

/** Warnings (retries, VRAM reconciliation) go to stderr: stdout belongs to the caller's output. */
const diagnostics = Logger.layer([Logger.withConsoleError(Logger.formatSimple)])

/** A handle on lfai for programs outside Effect. Build once, call concurrently, dispose at shutdown. */
export interface Lfai {
  readonly config: LfaiConfigShape
  readonly generate: (artifact: string, request: ArtifactRequest, options?: GenerateOptions & RunOptions) => Promise<GenerateResult>
  readonly validate: (artifact: string, content: string, params?: Readonly<Record<string, string>>) => Promise<ValidateResult>
  /** The export `as` of a content that passes its validator (`UnknownExport`, `ExportRejected` otherwise). */
  readonly exportAs: (artifact: string, content: string, as: string, params?: Readonly<Record<string, string>>) => Promise<ExportResult>
  readonly plugins: () => Promise<ReadonlyArray<PluginInfo>>
  readonly vram: () => Promise<VramReport>
  readonly health: () => Promise<"reachable" | "unreachable">
  readonly models: {
    /** The models the config uses (plugins, persistent, alternates) and whether each is present and loaded. */
    readonly status: () => Promise<ReadonlyArray<ModelStatus>>
    readonly pull: (model: string, onProgress?: (progress: PullProgress) => void) => Promise<void>
    readonly warm: () => Promise<ReadonlyArray<string>>
  }
  readonly stats: () => Promise<StatsSnapshot>
  /** The runtime underneath, to run Effect programs on the same services. */
  readonly runtime: LfaiRuntime<Services>
  readonly dispose: () => Promise<void>
}

/** Every model the config uses: each plugin's routed model and its alternates, and the persistent ones. */
export const configuredModels = (plugins: ReadonlyArray<ArtifactPlugin>, config: LfaiConfigShape): ReadonlyArray<string> => [
  ...new Set([
    ...plugins.flatMap((plugin) => {
      const routed = route(plugin, config)
      return [routed.model, ...routed.alternates]
    }),
    ...config.ollama.persistent_models
  ])
]

/**
 * Creates the stack. Rejects with a `ConfigError` (bad config) or `DuplicateArtifactId` at once,
 * not on the first call.
 */
export const createLfai = async (options: StackOptions = {}): Promise<Lfai> => {
  const runtime = makeRuntime(layer(options))
  const config = await runtime.run(Configs.LfaiConfig.useSync((config) => config)).catch(async (error) => {
    await runtime.dispose()
    throw error
  })
  const control = <A, E>(f: (service: ModelControl["Service"]) => Effect.Effect<A, E>) => runtime.run(ModelControl.use(f))
  const plugins = runtime.plugins
  return {
    config,
    generate: runtime.generate,
    validate: (artifact, content, params) => runtime.validate(artifact, content, params),
    exportAs: (artifact, content, as, params) => runtime.exportAs(artifact, content, as, params),
    plugins,
    vram: () => control((service) => service.vram),
    health: () => control((service) => service.health),
    models: {
      status: () => control((service) => service.status(configuredModels(options.plugins ?? builtinPlugins, config))),
      pull: (model, onProgress) => control((service) => service.pull(model, onProgress)),
      warm: () => control((service) => service.warm)
    },
    stats: runtime.stats,
    runtime,
    dispose: runtime.dispose
  }
}
