/**
 * `@lfai/artifact-kit/diagram` — `defineDiagramArtifact`: a Mermaid-diagram plugin from its family,
 * prompts, dataset and a function that scores a parsed diagram. Everything diagram plugins share
 * lives here once: extraction, the parse (`@lfai/mermaid`), the type check, the shared issue
 * codes, and the verdict. A subpath of its own, so plugins of other kinds never load mermaid.
 */
import { defineArtifact, MISSING_NAME, OFF_TOPIC, type ArtifactPlugin, type DatasetGenerator, type ValidateOptions, type Validation } from "@lfai/core"
import { parseSync, type DiagramFamily, type DiagramOf, type ParseResult } from "@lfai/mermaid"
import { scoreRelevance, type ArtifactNames } from "./relevance.ts"
import { judgeSafely, type ScoreSheet } from "./scoring.ts"
import { extractDiagram } from "./internal/diagram-extract.ts"
import { diagramPrompt, type DiagramPromptSpec } from "./internal/diagram-prompt.ts"

export { extractDiagram, diagramPrompt, type DiagramPromptSpec }

export interface ScoreContext {
  /** The validated text. */
  readonly text: string
  /** 1-based line of the diagram header. */
  readonly headerLine: number
  readonly sheet: ScoreSheet
}

/**
 * What a diagram plugin's package.json declares in its `lfai` block: identity, model, the Mermaid
 * header and the prompt (everything but logic lives there, next to the package's name and version).
 */
export interface DiagramManifest {
  readonly name: string
  readonly version: string
  readonly lfai: {
    readonly id: string
    readonly title: string
    readonly description: string
    readonly model: string
    /** How the header is written: `erDiagram`, `flowchart`, … */
    readonly header: string
    readonly prompt: Omit<DiagramPromptSpec, "header">
  }
}

export interface DiagramLogic<F extends DiagramFamily> {
  /** Adds the family's floor errors and quality warnings for a diagram that parsed. */
  readonly score: (diagram: DiagramOf<F>, context: ScoreContext) => void
  /**
   * What the diagram is made of (entities, participants, classes, states, steps …), read from its
   * structure: judged against the request (`ValidateOptions.request`) for relevance.
   */
  readonly names?: (diagram: DiagramOf<F>) => ArtifactNames
  readonly dataset: DatasetGenerator
}

/**
 * Points taken off for the shared failures. A diagram that fails to parse still ranks above one of
 * the wrong type, which ranks above no diagram at all.
 */
export const SHARED_PENALTIES = {
  empty: 100,
  "too-large": 100,
  "too-deep": 100,
  "not-mermaid": 95,
  "wrong-type": 90,
  "parse-error": 85
} as const

/** The codes every diagram plugin can emit besides its scorer's: the shared failures above, and relevance. */
export const DIAGRAM_CODES: ReadonlyArray<string> = [...Object.keys(SHARED_PENALTIES), OFF_TOPIC, MISSING_NAME]

/** A `---` line the grammar choked on is front matter that is not where mermaid looks for it. */
const frontMatterHint = (text: string, line: number | undefined) =>
  line !== undefined && text.split(/\r\n|\r|\n/)[line - 1]?.trim() === "---"
    ? " Front matter (`---`) must open on the very first line, with nothing before it (not even a `%%` comment), and be closed by another `---` line."
    : ""

const failure = (result: Extract<ParseResult, { ok: false }>, spec: { family: DiagramFamily; header: string }, text: string, sheet: ScoreSheet) => {
  const fenced = /^\s*(```|~~~)/.test(text) ? " Remove the Markdown code fence around it." : ""
  switch (result.reason) {
    case "empty":
      return sheet.error("empty", `The answer is empty: expected a Mermaid \`${spec.header}\` diagram.`, SHARED_PENALTIES.empty)
    case "too-large":
      return sheet.error("too-large", `The diagram is too large: ${result.error.message}.`, SHARED_PENALTIES["too-large"])
    case "too-deep":
      return sheet.error("too-deep", `The diagram nests too deeply to be read: ${result.error.message}. Flatten it.`, SHARED_PENALTIES["too-deep"])
    case "unknown-type":
      return sheet.error("not-mermaid", `No Mermaid diagram found: the first line must be \`${spec.header}\`.${fenced}`, SHARED_PENALTIES["not-mermaid"], result.error.line ?? 1)
    case "unsupported-type":
      if (result.type === "---") {
        return sheet.error("parse-error", "Front matter (`---`) must open on the very first line and be closed by another `---` line.", SHARED_PENALTIES["parse-error"], result.headerLine)
      }
      return sheet.error("wrong-type", `Expected a \`${spec.header}\` diagram, got a Mermaid "${result.type}" diagram.`, SHARED_PENALTIES["wrong-type"], result.headerLine)
    case "syntax":
      if (result.family !== undefined && result.family !== spec.family) {
        return sheet.error("wrong-type", `Expected a \`${spec.header}\` diagram, got a Mermaid "${result.type}" diagram.`, SHARED_PENALTIES["wrong-type"], result.headerLine)
      }
      return sheet.error(
        "parse-error",
        `Mermaid cannot parse the diagram: ${result.error.message}${result.error.column ? ` at column ${result.error.column}` : ""}.${frontMatterHint(text, result.error.line)}`,
        SHARED_PENALTIES["parse-error"],
        result.error.line
      )
    case "internal":
      return sheet.error("internal-error", `The validator failed: ${result.error.message}.`, 100)
  }
}

/** Validates `content` as a diagram of `spec.family` and scores it. Pure, deterministic, never throws. */
export const validateDiagram = <F extends DiagramFamily>(
  spec: { readonly family: F; readonly header: string; readonly score: DiagramLogic<F>["score"]; readonly names?: DiagramLogic<F>["names"] },
  content: string,
  options?: ValidateOptions
): Validation =>
  judgeSafely(options, (sheet) => {
    const text = typeof content === "string" ? content : String(content ?? "")
    const result = parseSync(text)
    if (!result.ok) failure(result, spec, text, sheet)
    else if (result.family !== spec.family) {
      sheet.error("wrong-type", `Expected a \`${spec.header}\` diagram, got a Mermaid "${result.type}" diagram.`, SHARED_PENALTIES["wrong-type"], result.headerLine)
    } else {
      const diagram = result.diagram as DiagramOf<F>
      spec.score(diagram, { text, headerLine: result.headerLine, sheet })
      if (spec.names) scoreRelevance(sheet, options?.request, spec.names(diagram))
    }
  })

/**
 * Declares a Mermaid-diagram artifact plugin of `family` from its package manifest and its logic.
 * Throws at module load on a malformed manifest (a programming error, as `defineArtifact` does).
 */
export const defineDiagramArtifact = <F extends DiagramFamily>(family: F, manifest: DiagramManifest, logic: DiagramLogic<F>): ArtifactPlugin => {
  const { lfai } = manifest
  if (!lfai || typeof lfai.header !== "string" || !lfai.prompt || !Array.isArray(lfai.prompt.rules)) {
    throw new TypeError(`${manifest.name}: package.json lacks a complete "lfai" block (id, title, description, model, header, prompt)`)
  }
  const header = lfai.header
  return defineArtifact({
    id: lfai.id,
    title: lfai.title,
    description: lfai.description,
    model: lfai.model,
    package: { name: manifest.name, version: manifest.version },
    prompt: diagramPrompt({ ...lfai.prompt, header }),
    extract: (raw) => extractDiagram(raw, family),
    validate: (content, options) =>
      validateDiagram({ family, header, score: logic.score, ...(logic.names ? { names: logic.names } : {}) }, content, options),
    dataset: logic.dataset
  })
}
