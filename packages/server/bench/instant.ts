/**
 * The bench's services: core's pipeline over an instant in-memory model and a constant-time
 * validator, so only what the server (or the runtime) adds is measured.
 */
import { Layer } from "effect"
import { Configs, defineArtifact, Pipelines, Registries, StatsMetrics, verdict } from "@lfai/core"
import { scriptedCloud, scriptedLocalModels } from "@lfai/core/testing"

export const MODEL = "bench:instant"
export const ARTIFACT = "bench"

const plugin = defineArtifact({
  id: ARTIFACT,
  title: "Bench",
  description: "Constant-time validator, so only the transport and the pipeline are measured",
  model: MODEL,
  package: { name: "@lfai/server-bench", version: "0.0.0" },
  prompt: { system: "s", user: (request) => request.prompt },
  extract: (raw) => raw.trim(),
  validate: (content, options) => verdict({ score: content.length > 0 ? 90 : 0, issues: [] }, options),
  dataset: { domains: [], generate: () => [] }
})

export const instantLayer = () =>
  Pipelines.layer.pipe(
    Layer.provideMerge(
      Layer.mergeAll(
        Layer.effect(Configs.LfaiConfig, Configs.defaultConfig({ server: { max_concurrent_per_client: 1024 } })),
        Registries.layer([plugin]),
        scriptedLocalModels({ [MODEL]: ["answer"] }).layer,
        scriptedCloud([]).layer,
        StatsMetrics.layer
      )
    )
  )
