/**
 * The four kinds of document and the sections each must have, matched on the text of H2-or-deeper
 * headings; the kind is inferred from a prompt (for generation) or from the sections a document
 * has (for validation) when the caller does not say.
 */
import type { MarkdownDocument, Section } from "./markdown.ts"
import { toString } from "mdast-util-to-string"

export const KINDS = ["readme", "adr", "runbook", "api-guide"] as const
export type Kind = (typeof KINDS)[number]

export const KIND_NAMES: Readonly<Record<Kind, string>> = {
  readme: "a README",
  adr: "an architecture decision record (ADR)",
  runbook: "a runbook",
  "api-guide": "an API guide"
}

/** An HTTP method and a path, as an endpoint is named: `GET /orders/{id}`. */
export const ENDPOINT = /\b(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\/[\w\-./{}:]*/

export interface Requirement {
  /** The issue code when it is missing. */
  readonly code: string
  /** What the section is, for messages and prompts. */
  readonly label: string
  /** Heading words that make a section this one. */
  readonly heading: RegExp
  /** Another way to meet it (a lead paragraph, front matter, text in a section). */
  readonly alternative?: (document: MarkdownDocument) => boolean
}

const subsections = (document: MarkdownDocument): ReadonlyArray<Section> => document.sections.filter((section) => section.heading.depth >= 2)

/** Text between the H1 and the first H2: a README's lead paragraph. */
const leadParagraph = (document: MarkdownDocument): boolean => {
  const h1 = document.sections.find((section) => section.heading.depth === 1)
  return h1 !== undefined && h1.own.some((block) => block.type === "paragraph" && toString(block).trim().length >= 20)
}

const frontMatterKey = (key: string) => (document: MarkdownDocument) => {
  const value = document.frontMatter?.data[key]
  return typeof value === "string" ? value.trim() !== "" : value instanceof Date
}

/** A section (any depth ≥ 2) whose heading or own text holds an HTTP method and a path. */
export const endpointSections = (document: MarkdownDocument): ReadonlyArray<Section> =>
  subsections(document).filter(
    (section) =>
      ENDPOINT.test(section.heading.text) ||
      // its own paragraphs' text (not link text: a table of contents names endpoints without being one)
      section.own.some((block) => block.type === "paragraph" && block.children.some((node) => (node.type === "inlineCode" || node.type === "text") && ENDPOINT.test(node.value)))
  )

export const REQUIREMENTS: Readonly<Record<Kind, ReadonlyArray<Requirement>>> = {
  readme: [
    { code: "missing-overview", label: "an overview (Overview, Introduction, About, or a lead paragraph under the title)", heading: /\b(?:overview|introduction|about)\b/i, alternative: leadParagraph },
    { code: "missing-install", label: "installation (Install, Installation, Getting started, Quick start, Setup)", heading: /\b(?:install(?:ation|ing)?|getting started|quick ?start|set ?up)\b/i },
    { code: "missing-usage", label: "usage (Usage, Examples)", heading: /\b(?:usage|examples?)\b/i }
  ],
  adr: [
    { code: "missing-status", label: "Status (a section, or `status:` in the front matter)", heading: /\bstatus\b/i, alternative: frontMatterKey("status") },
    { code: "missing-context", label: "Context", heading: /\bcontext\b/i },
    { code: "missing-decision", label: "Decision (or Decision outcome)", heading: /\bdecision(?: outcome)?\b/i },
    { code: "missing-consequences", label: "Consequences", heading: /\bconsequences\b/i }
  ],
  runbook: [
    { code: "missing-purpose", label: "its purpose (Purpose, Overview, Summary, Scope)", heading: /\b(?:purpose|overview|summary|scope)\b/i },
    { code: "missing-steps", label: "the steps (Steps, Procedure, Resolution, Mitigation) as an ordered list", heading: /\b(?:steps|procedure|resolution|mitigation)\b/i },
    { code: "missing-rollback", label: "Rollback or Escalation", heading: /\b(?:roll ?back|escalat\w*)\b/i }
  ],
  "api-guide": [
    { code: "missing-authentication", label: "Authentication (or Authorization)", heading: /\b(?:authenticat\w*|authori[sz]ation|auth)\b/i },
    { code: "missing-endpoint", label: "at least one endpoint section (an HTTP method and a /path in its heading or text)", heading: ENDPOINT, alternative: (document) => endpointSections(document).length > 0 },
    { code: "missing-errors", label: "Errors (or Error codes)", heading: /\berrors?\b|\berror codes\b|\bstatus codes\b/i }
  ]
}

/** The sections meeting a requirement. */
export const sectionsFor = (document: MarkdownDocument, requirement: Requirement): ReadonlyArray<Section> =>
  subsections(document).filter((section) => requirement.heading.test(section.heading.text))

export const meets = (document: MarkdownDocument, requirement: Requirement): boolean =>
  sectionsFor(document, requirement).length > 0 || (requirement.alternative?.(document) ?? false)

/** How many of a kind's requirements a document meets. */
const coverage = (document: MarkdownDocument, kind: Kind): number => REQUIREMENTS[kind].filter((requirement) => meets(document, requirement)).length

/**
 * The kind a document looks like: the one whose sections it has the largest share of (the more
 * specific kinds win ties, a README being the default for a document of none).
 */
export const kindOfDocument = (document: MarkdownDocument): { readonly kind: Kind; readonly complete: boolean } => {
  const ranked = (["adr", "runbook", "api-guide", "readme"] as const)
    .map((kind) => ({ kind, share: coverage(document, kind) / REQUIREMENTS[kind].length }))
    .sort((a, b) => b.share - a.share)
  const best = ranked[0].share > 0 ? ranked[0] : { kind: "readme" as const, share: coverage(document, "readme") / REQUIREMENTS.readme.length }
  return { kind: best.kind, complete: best.share === 1 }
}

const PROMPT_KINDS: ReadonlyArray<readonly [Kind, RegExp]> = [
  ["adr", /\b(?:adr|architecture decision|decision record)s?\b/i],
  ["runbook", /\b(?:run ?books?|playbooks?|on-?call (?:guide|procedure)|incident (?:procedure|response))\b/i],
  ["api-guide", /\b(?:api (?:guide|docs|documentation|reference)|(?:rest|http) api|endpoints?)\b/i],
  ["readme", /\breadme\b/i]
]

/** The kind a request asks for, when it names one. */
export const kindOfPrompt = (prompt: string): Kind | undefined => PROMPT_KINDS.find(([, pattern]) => pattern.test(prompt))?.[0]

export const isKind = (value: unknown): value is Kind => typeof value === "string" && (KINDS as ReadonlyArray<string>).includes(value)
