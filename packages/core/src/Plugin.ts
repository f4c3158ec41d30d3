/**
 * The artifact plugin contract (spec version 1).
 *
 * A plugin is a plain value: it knows how to prompt for one kind of artifact, pull it out of raw
 * model text, judge it, and generate training examples. It knows nothing of providers.
 */

/** The version of this contract; a plugin declares the one it was written for. */
export const SPEC_VERSION = 1 as const
export type SpecVersion = typeof SPEC_VERSION

export type Severity = "error" | "warning" | "info"

export interface ValidationIssue {
  /** Stable, kebab-case code, e.g. `parse-error`, `wrong-type`, `too-few-entities`. */
  readonly code: string
  readonly severity: Severity
  readonly message: string
  /** 1-based line in the validated content, when the issue has one. */
  readonly line?: number
}

export interface Validation {
  /** 0..100, an integer. */
  readonly score: number
  readonly passed: boolean
  readonly issues: ReadonlyArray<ValidationIssue>
}

export interface ValidateOptions {
  /** The pass mark (default {@link DEFAULT_PASS_THRESHOLD}). */
  readonly threshold?: number
  /** Warnings count as errors. */
  readonly strict?: boolean
  /** Artifact-specific parameters, e.g. `{ language: "csharp" }` for code, `{ kind: "adr" }` for docs. */
  readonly params?: Readonly<Record<string, string>>
  /**
   * The request the content answers (the caller's prompt). When given, the validator also judges
   * relevance: the names the request asks for must be among the names the artifact is made of
   * ({@link OFF_TOPIC}, {@link MISSING_NAME}). Absent or blank: only the content is judged.
   */
  readonly request?: string
}

export const DEFAULT_PASS_THRESHOLD = 70

/** Issue code: fewer than half of the names the request asks for are in the artifact (an error). */
export const OFF_TOPIC = "off-topic"
/** Issue code: one name the request asks for is not in the artifact (a warning). */
export const MISSING_NAME = "missing-name"

/** What a caller asks for. */
export interface ArtifactRequest {
  readonly prompt: string
  /** Extra system instructions, appended to the plugin's own system prompt. */
  readonly system?: string
  readonly temperature?: number
  /** Artifact-specific parameters (see {@link ArtifactPlugin.params}). */
  readonly params?: Readonly<Record<string, string>>
}

export interface ArtifactPrompt {
  /** The system prompt sent with every request for this artifact. */
  readonly system: string
  /** From the caller's request to the user prompt sent to the model. */
  readonly user: (request: ArtifactRequest) => string
  /**
   * From a failed draft and its issues to a repair prompt. When absent, core's
   * {@link defaultRepairPrompt} is used.
   */
  readonly repair?: (request: ArtifactRequest, draft: string, issues: ReadonlyArray<ValidationIssue>) => string
  /**
   * How a model should answer with this content, as the system prompt asks for it (e.g. inside a
   * ```mermaid fence): the assistant turn of training examples. When absent, the content as is.
   */
  readonly answer?: (content: string) => string
}

/** One training example, before it is put in chat form. */
export interface DatasetExample {
  readonly instruction: string
  readonly input?: string
  readonly output: string
  readonly domain: string
  readonly meta: Readonly<Record<string, unknown>>
}

export interface DatasetGenerator {
  /** Every domain the generator draws from. */
  readonly domains: ReadonlyArray<string>
  /** Deterministic for a seed: the same seed and count give the same examples in the same order. */
  readonly generate: (options: { readonly seed: number; readonly count: number }) => Iterable<DatasetExample>
}

/** A JSON Schema (draft 2020-12) as a plain JSON value. */
export type JsonSchema = { readonly [keyword: string]: unknown }

/**
 * One named rendering of a content that passed validation, for the tools people already use
 * (`lfai generate … --as NAME`, `POST /v1/export/{artifact}`).
 */
export interface ArtifactExport {
  /** The media type of the rendering, e.g. `text/csv; charset=utf-8`. */
  readonly contentType: string
  /** What the rendering is for, in a few words. */
  readonly description: string
  /** Renders a content that passed the plugin's validator. Pure; callers validate first. */
  readonly render: (content: string) => string
}

export interface ArtifactPlugin {
  readonly specVersion: SpecVersion
  /** kebab-case, unique in a registry. */
  readonly id: string
  readonly title: string
  readonly description: string
  /** The Ollama model this artifact wants; the config may override it per artifact. */
  readonly model: string
  /** The package that ships the validator, recorded in every attempt's provenance. */
  readonly package: { readonly name: string; readonly version: string }
  /** Artifact-specific parameters and their allowed values, e.g. `{ language: ["typescript", "csharp"] }`. */
  readonly params?: Readonly<Record<string, ReadonlyArray<string>>>
  readonly prompt: ArtifactPrompt
  /** Pulls the artifact out of raw model text (fences, prose around it). Pure, never throws. */
  readonly extract: (raw: string, request?: ArtifactRequest) => string
  /** Pure, deterministic, never throws on any input. */
  readonly validate: (content: string, options?: ValidateOptions) => Validation
  readonly dataset: DatasetGenerator
  /**
   * For artifacts that are JSON: the schema of the answer. The runtime sends it as Ollama's
   * `format` (structured outputs) and as Gemini's `responseJsonSchema`; the validator still judges.
   */
  readonly format?: JsonSchema
  /** Named renderings of a passing content (`markdown`, `csv`, …). */
  readonly exports?: Readonly<Record<string, ArtifactExport>>
}

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/

/**
 * Declares a plugin: fills in the spec version and checks the fields a registry relies on.
 * Throws at module load on a malformed declaration: that is a programming error, not input.
 */
export const defineArtifact = (plugin: Omit<ArtifactPlugin, "specVersion">): ArtifactPlugin => {
  if (!KEBAB.test(plugin.id)) throw new TypeError(`artifact id "${plugin.id}" is not kebab-case`)
  if (plugin.model.trim() === "") throw new TypeError(`artifact "${plugin.id}" names no model`)
  for (const name of Object.keys(plugin.exports ?? {})) {
    if (!KEBAB.test(name)) throw new TypeError(`artifact "${plugin.id}": export name "${name}" is not kebab-case`)
  }
  return { specVersion: SPEC_VERSION, ...plugin }
}

/**
 * The verdict rule every plugin shares: an artifact passes exactly when it has no
 * issue of severity `error` and its score is at least the threshold. An error caps the score
 * below the threshold; in strict mode warnings count as errors.
 */
export const verdict = (
  raw: { readonly score: number; readonly issues: ReadonlyArray<ValidationIssue> },
  options: ValidateOptions = {}
): Validation => {
  const threshold = options.threshold ?? DEFAULT_PASS_THRESHOLD
  const issues = options.strict
    ? raw.issues.map((issue) => (issue.severity === "warning" ? { ...issue, severity: "error" as const } : issue))
    : raw.issues
  const bounded = Math.round(Math.min(100, Math.max(0, Number.isFinite(raw.score) ? raw.score : 0)))
  const failing = issues.some((issue) => issue.severity === "error")
  const score = failing ? Math.min(bounded, Math.max(0, threshold - 1)) : bounded
  return { score, passed: !failing && score >= threshold, issues }
}

/** The repair prompt used when a plugin does not bring its own. */
export const defaultRepairPrompt = (
  request: ArtifactRequest,
  draft: string,
  issues: ReadonlyArray<ValidationIssue>
): string =>
  [
    "Your previous answer did not pass validation.",
    "",
    "The request was:",
    request.prompt,
    "",
    "Your previous answer:",
    draft.trim() === "" ? "(empty)" : draft,
    "",
    "The validator reported:",
    ...(issues.length === 0
      ? ["- (no specific issue; the score was below the pass mark)"]
      : issues.map((issue) => `- [${issue.severity}] ${issue.code}${issue.line ? ` (line ${issue.line})` : ""}: ${issue.message}`)),
    "",
    ...(issues.some((issue) => issue.code === OFF_TOPIC || issue.code === MISSING_NAME)
      ? ["Answer the request itself: include every name the validator lists as missing, spelled as the request spells it.", ""]
      : []),
    "Answer again with the corrected artifact only, fixing every issue above."
  ].join("\n")

/** The answer a model should give for this content: the plugin's `prompt.answer`, else the content. */
export const answerOf = (plugin: ArtifactPlugin, content: string): string =>
  plugin.prompt.answer ? plugin.prompt.answer(content) : content
