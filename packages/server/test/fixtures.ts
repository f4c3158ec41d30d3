/**
 * Test services: core's pipeline over scripted models and two small plugins (one with a
 * parameter, like `code`'s `language`), composed as `@lfai/stack` composes the real ones.
 */
import { Effect, Layer } from "effect"
import {
  Configs,
  defineArtifact,
  Pipelines,
  Registries,
  StatsMetrics,
  verdict,
  type ArtifactPlugin,
  type ConfigOverrides,
  type LocalModelError,
  type ValidationIssue
} from "@lfai/core"
import { scriptedCloud, scriptedLocalModels, type ScriptedReply } from "@lfai/core/testing"

export const NOTE_MODEL = "mistral:7b-instruct-q4_K_M"
export const SNIPPET_MODEL = "codellama:7b-instruct-q4_K_M"

/** GOOD → 90 (passes); MEH → 60 (below the mark); anything else → a parse error. */
export const note: ArtifactPlugin = defineArtifact({
  id: "note",
  title: "Note",
  description: "A test artifact whose first word decides the verdict",
  model: NOTE_MODEL,
  package: { name: "@lfai/server-test", version: "0.0.0" },
  prompt: { system: "Write a note.", user: (request) => `Note about: ${request.prompt}` },
  extract: (raw) => raw.trim(),
  validate: (content, options) => {
    const word = content.split(/\s+/)[0]
    const issues: Array<ValidationIssue> = []
    if (word !== "GOOD" && word !== "MEH") issues.push({ code: "parse-error", severity: "error", message: "does not parse", line: 1 })
    return verdict({ score: word === "GOOD" ? 90 : word === "MEH" ? 60 : 10, issues }, options)
  },
  dataset: { domains: ["test"], generate: () => [] }
})

/** Declares `language` (ts|cs): an answer must start with the language's keyword when one is given. */
export const snippet: ArtifactPlugin = defineArtifact({
  id: "snippet",
  title: "Snippet",
  description: "A test artifact with a parameter",
  model: SNIPPET_MODEL,
  package: { name: "@lfai/server-test", version: "0.0.0" },
  params: { language: ["ts", "cs"] },
  prompt: { system: "Write code.", user: (request) => `${request.params?.language ?? "any"}: ${request.prompt}` },
  extract: (raw) => raw.trim(),
  validate: (content, options) => {
    const language = options?.params?.language
    const wrong = language !== undefined && !content.startsWith(language)
    return verdict(
      { score: wrong ? 10 : 95, issues: wrong ? [{ code: "wrong-type", severity: "error", message: `not ${language}` }] : [] },
      options
    )
  },
  dataset: { domains: ["test"], generate: () => [] }
})

export interface TestServices {
  readonly layer: Layer.Layer<any, any>
  readonly local: ReturnType<typeof scriptedLocalModels>
  readonly cloud: ReturnType<typeof scriptedCloud>
}

export const services = (
  script: Readonly<Record<string, ReadonlyArray<ScriptedReply<LocalModelError>>>> = { [NOTE_MODEL]: ["GOOD note"], [SNIPPET_MODEL]: ["ts const x = 1"] },
  overrides: ConfigOverrides = {},
  options: { readonly cloud?: ReadonlyArray<ScriptedReply<never>> } = {}
) => {
  const local = scriptedLocalModels(script)
  const cloud = scriptedCloud(options.cloud ?? [])
  const layer = Pipelines.layer.pipe(
    Layer.provideMerge(
      Layer.mergeAll(
        Layer.effect(Configs.LfaiConfig, Configs.defaultConfig({ validation: { enable_cloud_fallback: false }, ...overrides })),
        Registries.layer([note, snippet]),
        local.layer,
        cloud.layer,
        StatsMetrics.layer
      )
    )
  )
  return { layer, local, cloud }
}

export const orDie = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.orDie(effect)
