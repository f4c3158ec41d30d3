/** The core tests' plugin and services: the content's first word decides the verdict. */
import { Effect, type Layer } from "effect"
import * as testing from "@lfai/core/testing"
import type { ArtifactPlugin, CloudFallback, ConfigOverrides, LocalModels } from "@lfai/core"

export const MODEL = "mistral:7b-instruct-q4_K_M"

/** GOOD → 90; OK → 75 with a warning; MEH → 60 (below the pass mark); anything else → a parse error. */
export const note: ArtifactPlugin = testing.wordArtifact({ id: "note", model: MODEL, params: { tone: ["dry", "warm"] } })

export const pipelineLayer = <Local = never>(
  providers: { local: Layer.Layer<LocalModels | Local>; cloud: Layer.Layer<CloudFallback> },
  config: ConfigOverrides = {},
  plugins: ReadonlyArray<ArtifactPlugin> = [note]
) => testing.pipelineLayer({ plugins, local: providers.local, cloud: providers.cloud, config })

export const orDie = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.orDie(effect)
