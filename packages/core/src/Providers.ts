/**
 * The two services the pipeline runs on. Core declares them; `@lfai/runtime-ollama` and
 * `@lfai/fallback-gemini` provide them. No provider SDK is imported here.
 */
import { Context, Effect, Layer, type Scope } from "effect"
import { CloudUnavailable, type CloudError, type LocalModelError } from "./Errors.ts"
import type { JsonSchema } from "./Plugin.ts"

/** One chat turn sent to a model. */
export interface ChatRequest {
  readonly model: string
  readonly system: string
  readonly prompt: string
  readonly temperature?: number
  /** Context length; always sent to Ollama so the VRAM arithmetic holds. */
  readonly numCtx?: number
  readonly seed?: number
  /** The JSON Schema the answer must follow (the plugin's `format`): structured output. */
  readonly format?: JsonSchema
  /** Called with each streamed piece of text, for callers that show tokens as they come. */
  readonly onToken?: (text: string) => void
}

export interface Completion {
  readonly text: string
  /** The model that answered, as the provider names it. */
  readonly model: string
  /** The model's digest, when the provider knows it. */
  readonly digest?: string
  readonly usage?: { readonly promptTokens?: number; readonly completionTokens?: number }
}

/** Progress of a model download, per layer. */
export interface PullProgress {
  readonly model: string
  /** The Ollama server pulling it (with several hosts, a model is pulled on the host that runs it). */
  readonly host?: string
  readonly status: string
  readonly digest?: string
  readonly completed?: number
  readonly total?: number
}

export interface LocalModelsShape {
  /** The server the models live on, for messages. */
  readonly url: string
  /** Makes sure the model is present, pulling it when allowed; concurrent callers share one pull. */
  readonly ensure: (model: string, onProgress?: (progress: PullProgress) => void) => Effect.Effect<void, LocalModelError>
  /**
   * Leases VRAM for the model at this context length, for the life of the scope: may wait in the
   * budget's queue, may evict idle models. Closing the scope returns the lease.
   */
  readonly lease: (model: string, options: { readonly numCtx: number }) => Effect.Effect<void, LocalModelError, Scope.Scope>
  /** Generates with a model that is present and leased. Interruption aborts the request. */
  readonly generate: (request: ChatRequest) => Effect.Effect<Completion, LocalModelError>
}

export class LocalModels extends Context.Service<LocalModels, LocalModelsShape>()("@lfai/core/LocalModels") {}

export type CloudAvailability =
  | { readonly available: true }
  | { readonly available: false; readonly error: CloudUnavailable }

export interface CloudFallbackShape {
  /** The provider's name as it appears in results (`"gemini"`). */
  readonly provider: string
  readonly model: string
  readonly availability: CloudAvailability
  /** One cloud generation, retries and the per-call timeout included. */
  readonly generate: (request: ChatRequest) => Effect.Effect<Completion, CloudError>
}

export class CloudFallback extends Context.Service<CloudFallback, CloudFallbackShape>()("@lfai/core/CloudFallback") {
  /** A fallback that is not there: nothing is constructed, nothing can leave the machine. */
  static readonly unavailable = (reason: "disabled" | "no-key", detail: string): Layer.Layer<CloudFallback> => {
    const error = new CloudUnavailable({ reason, detail })
    return Layer.succeed(CloudFallback, {
      provider: "none",
      model: "none",
      availability: { available: false, error },
      generate: () => Effect.fail(error)
    })
  }
}

/** One model in the VRAM picture. */
export interface LoadedModel {
  readonly name: string
  /** GiB this model holds (measured by the server when it reports it, else our estimate). */
  readonly sizeVramGb: number
  readonly residency: "persistent" | "on-demand" | "foreign"
  /** Requests holding it now. */
  readonly leases: number
  /**
   * Whole seconds since it was last used: since its last lease was returned, or since it finished
   * loading (or was found loaded by an earlier lfai process) when no request has held it yet.
   * `null` while a request holds it, while it loads or unloads, and for foreign models (the budget
   * does not know their use). On-demand models are unloaded once this reaches `idle_unload_s`.
   */
  readonly idleSeconds: number | null
  /** The Ollama server it is loaded on. */
  readonly host: string
}

/** What a budget holds: one host's, or the totals over every host. */
export interface VramFigures {
  readonly usedGb: number
  readonly totalGb: number
  readonly usagePercent: number
  /** Names of the models loaded now. */
  readonly activeModels: ReadonlyArray<string>
  /** The same models, in detail, each with its host. */
  readonly models: ReadonlyArray<LoadedModel>
  /** Requests waiting for VRAM. */
  readonly queued: number
}

/** One Ollama server's budget in `vram()`. */
export interface HostVram extends VramFigures {
  readonly url: string
  /** Whether the server answered the last call (a host that stops answering is marked down and left alone until it answers again). */
  readonly up: boolean
}

/** Whether one Ollama server answers. */
export interface HostHealth {
  readonly url: string
  readonly up: boolean
}

/**
 * `vram()`: the budgets' own view, reconciled with the servers that answer. The top-level figures
 * are the totals over every host; `hosts` has each host's.
 */
export interface VramReport extends VramFigures {
  /** `reachable` when at least one host answers. */
  readonly ollama: "reachable" | "unreachable"
  /** Every Ollama server (one unless `ollama.hosts` lists several), in the config's order. */
  readonly hosts: ReadonlyArray<HostVram>
  /** Differences with reality that the budget found: foreign models, CPU offload, … */
  readonly warnings: ReadonlyArray<string>
}

/** `lfai models status`: one configured or known model. */
export interface ModelStatus {
  readonly name: string
  /** Present on at least one host. */
  readonly present: boolean
  /** Loaded on at least one host. */
  readonly loaded: boolean
  /** GiB it holds, summed over the hosts it is loaded on. */
  readonly sizeVramGb: number
  /** The same per Ollama server, in the config's order. */
  readonly hosts: ReadonlyArray<{
    readonly url: string
    /** Whether the server answered; a host that did not says neither present nor loaded. */
    readonly up: boolean
    readonly present: boolean
    readonly loaded: boolean
    readonly sizeVramGb: number
  }>
}

/** Operating the local models: what the CLI's `models`/`vram`/`doctor` and the server's `/v1/vram` need. */
export interface ModelControlShape {
  readonly vram: Effect.Effect<VramReport>
  /** Whether a server answers now (with several hosts: at least one). */
  readonly health: Effect.Effect<"reachable" | "unreachable">
  /** Which servers answer now, each asked (bounded), in the config's order. */
  readonly hosts: Effect.Effect<ReadonlyArray<HostHealth>>
  /** The server's version (`lfai doctor`); fails as any call does when no server answers. */
  readonly version: Effect.Effect<string, LocalModelError>
  /**
   * GiB the model takes on the GPU at the configured context: measured if it was loaded at that
   * context, else the server's own estimate from the model's metadata. Never loads or pulls it.
   */
  readonly estimate: (model: string) => Effect.Effect<number, LocalModelError>
  /** The configured models (every plugin's, the persistent ones, the alternates) and any others present, on every host. */
  readonly status: (models: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<ModelStatus>, LocalModelError>
  readonly pull: (model: string, onProgress?: (progress: PullProgress) => void) => Effect.Effect<void, LocalModelError>
  /** Pre-warms the persistent models (keep_alive -1) as room allows; returns the ones loaded. */
  readonly warm: Effect.Effect<ReadonlyArray<string>, LocalModelError>
}

export class ModelControl extends Context.Service<ModelControl, ModelControlShape>()("@lfai/core/ModelControl") {}
