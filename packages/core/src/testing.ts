/**
 * In-memory providers for tests of code built on core (`@lfai/core/testing`): scripted local
 * models that count their leases, and a scripted cloud that counts its calls. Real providers are
 * tested against the emulators of `@lfai/testkit`; these are for the pipeline's own logic.
 */
import { Effect, Layer } from "effect"
import * as Configs from "./Config.ts"
import type { CloudError, ConfigError, DuplicateArtifactId, LocalModelError } from "./Errors.ts"
import * as Pipelines from "./Pipeline.ts"
import { defineArtifact, verdict, type ArtifactPlugin, type ValidationIssue } from "./Plugin.ts"
import { CloudFallback, LocalModels, ModelControl, type ChatRequest, type Completion } from "./Providers.ts"
import * as Registries from "./Registry.ts"
import * as StatsMetrics from "./Stats.ts"
import * as ValidationPools from "./ValidationPool.ts"

/** A scripted answer: text, a typed error, or a call that never answers (for timeouts). */
export type ScriptedReply<E> = string | { readonly fail: E } | { readonly hang: true }

const next = <A>(queue: Array<A>): A => (queue.length > 1 ? queue.shift()! : queue[0])

const play = <E>(model: string, reply: ScriptedReply<E>): Effect.Effect<Completion, E> =>
  typeof reply === "string"
    ? Effect.succeed({ text: reply, model, usage: { promptTokens: 10, completionTokens: reply.length } })
    : "fail" in reply
      ? Effect.fail(reply.fail)
      : Effect.never

export interface ScriptedLocal {
  /** `LocalModels`, and a `ModelControl` that reports the scripted models as present and idle. */
  readonly layer: Layer.Layer<LocalModels | ModelControl>
  /** Every generation request, in order. */
  readonly calls: Array<ChatRequest>
  readonly leases: { acquired: number; released: number }
  readonly ensured: Array<string>
}

/**
 * Local models whose replies are scripted per model: consumed in order, the last one repeats.
 * A model with no script answers "".
 */
export const scriptedLocalModels = (
  script: Readonly<Record<string, ReadonlyArray<ScriptedReply<LocalModelError>>>>
): ScriptedLocal => {
  const queues = new Map(Object.entries(script).map(([model, replies]) => [model, [...replies]]))
  const state: ScriptedLocal = {
    calls: [],
    leases: { acquired: 0, released: 0 },
    ensured: [],
    layer: Layer.succeed(ModelControl, {
      vram: Effect.sync(() => ({
        usedGb: 0,
        totalGb: 12,
        usagePercent: 0,
        activeModels: [],
        models: [],
        queued: 0,
        ollama: "reachable" as const,
        hosts: [{ url: "memory://local", up: true, usedGb: 0, totalGb: 12, usagePercent: 0, activeModels: [], models: [], queued: 0 }],
        warnings: []
      })),
      health: Effect.succeed("reachable" as const),
      hosts: Effect.succeed([{ url: "memory://local", up: true }]),
      version: Effect.succeed("scripted"),
      estimate: () => Effect.succeed(0),
      status: (models) =>
        Effect.succeed(
          models.map((name) => ({
            name,
            present: queues.has(name),
            loaded: false,
            sizeVramGb: 0,
            hosts: [{ url: "memory://local", up: true, present: queues.has(name), loaded: false, sizeVramGb: 0 }]
          }))
        ),
      pull: (model) => Effect.sync(() => void state.ensured.push(model)),
      warm: Effect.succeed([])
    }).pipe(Layer.merge(Layer.succeed(LocalModels, {
      url: "memory://local",
      ensure: (model) => Effect.sync(() => void state.ensured.push(model)),
      lease: () =>
        Effect.acquireRelease(
          Effect.sync(() => void state.leases.acquired++),
          () => Effect.sync(() => void state.leases.released++)
        ),
      generate: (request) =>
        Effect.suspend(() => {
          state.calls.push(request)
          const queue = queues.get(request.model)
          return play(request.model, queue && queue.length > 0 ? next(queue) : "")
        })
    })))
  }
  return state
}

export interface ScriptedCloud {
  readonly layer: Layer.Layer<CloudFallback>
  readonly calls: Array<ChatRequest>
}

/** A cloud fallback whose replies are scripted: consumed in order, the last one repeats. */
export const scriptedCloud = (
  replies: ReadonlyArray<ScriptedReply<CloudError>>,
  options: { readonly model?: string } = {}
): ScriptedCloud => {
  const queue = [...replies]
  const model = options.model ?? "gemini-2.5-flash"
  const state: ScriptedCloud = {
    calls: [],
    layer: Layer.succeed(CloudFallback, {
      provider: "gemini",
      model,
      availability: { available: true },
      generate: (request) =>
        Effect.suspend(() => {
          state.calls.push(request)
          return play(model, queue.length > 0 ? next(queue) : "")
        })
    })
  }
  return state
}

/** Every service the pipeline needs, over the given providers: the test twin of `@lfai/stack`'s layer. */
export const pipelineLayer = <Local = never>(options: {
  readonly plugins: ReadonlyArray<ArtifactPlugin>
  /** `LocalModels`, with or without `ModelControl`. */
  readonly local: Layer.Layer<LocalModels | Local>
  readonly cloud: Layer.Layer<CloudFallback>
  /** Config on top of the defaults (no file, no environment is read). */
  readonly config?: Configs.ConfigOverrides
  /** The validation pool (default: one sized to the machine; inline plugins are judged on the calling thread). */
  readonly pool?: ValidationPools.ValidationPoolOptions
}): Layer.Layer<
  | Pipelines.Pipeline
  | StatsMetrics.Stats
  | Configs.LfaiConfig
  | Registries.Registry
  | LocalModels
  | Local
  | CloudFallback
  | ValidationPools.ValidationPool,
  DuplicateArtifactId | ConfigError
> =>
  Pipelines.layer.pipe(
    Layer.provideMerge(
      Layer.mergeAll(
        Layer.effect(Configs.LfaiConfig, Effect.orDie(Configs.defaultConfig(options.config))),
        Registries.layer(options.plugins),
        options.local,
        options.cloud,
        StatsMetrics.layer,
        ValidationPools.layer(options.pool)
      )
    )
  )

/**
 * A test artifact whose verdict the answer's first word decides: `GOOD` → 90; `OK` → 75 with a
 * warning (`meh-style`); `MEH` → 60, below the pass mark without an error; anything else → 10 with
 * a `parse-error`. Its system prompt is "Write a <id>.", its user prompt "<Id> about: <prompt>".
 */
export const wordArtifact = (
  options: { readonly id?: string; readonly model?: string; readonly params?: ArtifactPlugin["params"] } = {}
): ArtifactPlugin => {
  const id = options.id ?? "note"
  return defineArtifact({
    id,
    title: id,
    description: "A test artifact whose first word decides the verdict",
    model: options.model ?? "mistral:7b-instruct-q4_K_M",
    package: { name: "@lfai/core/testing", version: "0.0.0" },
    ...(options.params ? { params: options.params } : {}),
    prompt: {
      system: `Write a ${id}.`,
      user: (request) => `${id[0].toUpperCase()}${id.slice(1)} about: ${request.prompt}`
    },
    extract: (raw) => raw.replace(/^```\w*\n?|```$/gm, "").trim(),
    validate: (content, validateOptions) => {
      const word = content.split(/\s+/)[0]
      const issues: Array<ValidationIssue> = []
      if (word === "OK") issues.push({ code: "meh-style", severity: "warning", message: "could be better", line: 1 })
      if (word !== "GOOD" && word !== "OK" && word !== "MEH") {
        issues.push({ code: "parse-error", severity: "error", message: "does not parse", line: 1 })
      }
      const score = word === "GOOD" ? 90 : word === "OK" ? 75 : word === "MEH" ? 60 : 10
      return verdict({ score, issues }, validateOptions)
    },
    dataset: { domains: ["test"], generate: () => [] }
  })
}

/** The module whose default export is {@link stuckArtifact}: give it to a validation pool (`modules`). */
export const STUCK_ARTIFACT_MODULE = new URL(`./internal/stuck-artifact.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`, import.meta.url).href

/**
 * A test artifact (id `stuck`) whose validator never returns when the content starts with `STUCK`,
 * and ends its worker thread on `CRASH`; otherwise it judges like {@link wordArtifact}. For tests of
 * deadlines: judge it through a validation pool given {@link STUCK_ARTIFACT_MODULE}.
 */
export const stuckArtifact = async (): Promise<ArtifactPlugin> =>
  ((await import(STUCK_ARTIFACT_MODULE)) as { default: ArtifactPlugin }).default
