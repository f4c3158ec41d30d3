/** A tiny artifact plugin whose verdict is easy to script: the content's first word decides. */
import { Effect, Layer } from "effect"
import * as testing from "@lfai/core/testing"
import {
  defineArtifact,
  verdict,
  type ArtifactPlugin,
  type CloudFallback,
  type ConfigOverrides,
  type LocalModels,
  type ValidationIssue
} from "@lfai/core"

export const MODEL = "mistral:7b-instruct-q4_K_M"

/** GOOD → 90; OK → 75 with a warning; MEH → 60 (below the pass mark); BAD → a parse error. */
export const note: ArtifactPlugin = defineArtifact({
  id: "note",
  title: "Note",
  description: "A test artifact",
  model: MODEL,
  package: { name: "@lfai/core-test", version: "0.0.0" },
  params: { tone: ["dry", "warm"] },
  prompt: { system: "Write a note.", user: (request) => `Note about: ${request.prompt}` },
  extract: (raw) => raw.replace(/^```\w*\n?|```$/gm, "").trim(),
  validate: (content, options) => {
    const word = content.split(/\s+/)[0]
    const issues: Array<ValidationIssue> = []
    if (word === "OK") issues.push({ code: "meh-style", severity: "warning", message: "could be better", line: 1 })
    if (word === "BAD" || word === "") issues.push({ code: "parse-error", severity: "error", message: "does not parse", line: 1 })
    const score = word === "GOOD" ? 90 : word === "OK" ? 75 : word === "MEH" ? 60 : 20
    return verdict({ score, issues }, options)
  },
  dataset: { domains: ["test"], generate: () => [] }
})

export const pipelineLayer = <Local = never>(
  providers: { local: Layer.Layer<LocalModels | Local>; cloud: Layer.Layer<CloudFallback> },
  config: ConfigOverrides = {},
  plugins: ReadonlyArray<ArtifactPlugin> = [note]
) => testing.pipelineLayer({ plugins, local: providers.local, cloud: providers.cloud, config })

export const orDie = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.orDie(effect)
