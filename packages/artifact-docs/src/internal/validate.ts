/**
 * The docs validator: the Markdown floor rule by rule (each with its own code and line), the
 * sections of the document's kind, then quality. Pure and deterministic.
 */
import { parseSync } from "@lfai/mermaid"
import type { ValidateOptions, Validation } from "@lfai/core"
import { judgeSafely, scoreRelevance, type ScoreSheet } from "@lfai/artifact-kit"
import { KIND_NAMES, REQUIREMENTS, endpointSections, isKind, kindOfDocument, meets, sectionsFor, type Kind } from "./kinds.ts"
import { nodesOf, readMarkdown, type MarkdownDocument } from "./markdown.ts"

/** Larger answers are refused before parsing: no real document comes near it. */
export const MAX_CHARS = 512 * 1024

const PENALTY = {
  empty: 100,
  "too-large": 100,
  "missing-h1": 40,
  "multiple-h1": 25,
  "h1-not-first": 20,
  "skipped-heading-level": 15,
  "unclosed-fence": 30,
  "untagged-fence": 10,
  "empty-section": 10,
  "broken-anchor": 10,
  "mermaid-parse-error": 20,
  "missing-section": 20,
  "steps-not-ordered": 20,
  "wrong-kind": 60
} as const

const IGNORABLE = new Set(["html", "definition", "yaml"])
/** Anchors that lead to the top of the page whatever its headings (HTML's rule): `#` and `#top`. */
const TOP = new Set(["", "top"])

const floor = (document: MarkdownDocument, sheet: ScoreSheet): void => {
  const { headings } = document
  const h1s = headings.filter((heading) => heading.depth === 1)
  if (h1s.length === 0) sheet.error("missing-h1", "The document has no H1 (`# Title`): it needs exactly one, as its first heading.", PENALTY["missing-h1"], headings[0]?.line ?? 1)
  for (const extra of h1s.slice(1)) sheet.error("multiple-h1", `A second H1 ("${extra.text}"): a document has exactly one; make it an H2.`, PENALTY["multiple-h1"], extra.line)
  if (h1s.length > 0 && headings[0].depth !== 1) {
    sheet.error("h1-not-first", `The first heading is an H${headings[0].depth} ("${headings[0].text}"); the H1 title comes first.`, PENALTY["h1-not-first"], headings[0].line)
  }
  sheet.each(
    "error",
    "skipped-heading-level",
    headings.flatMap((heading, i) =>
      i > 0 && heading.depth > headings[i - 1].depth + 1
        ? [{ message: `"${heading.text}" is an H${heading.depth} right after an H${headings[i - 1].depth}: a level is skipped (use H${headings[i - 1].depth + 1}).`, line: heading.line }]
        : []
    ),
    PENALTY["skipped-heading-level"],
    30
  )
  for (const fence of document.fences.filter((f) => f.unclosed || f.infoCloseLine !== undefined)) {
    const why = fence.infoCloseLine !== undefined ? ` (the fence at line ${fence.infoCloseLine} carries an info string, so it opens nothing and closes nothing: a closing fence is bare)` : ""
    sheet.error("unclosed-fence", `The code fence opened at line ${fence.line} is never closed${fence.unclosed ? "" : " where it was meant to be"}${why}.`, PENALTY["unclosed-fence"], fence.line)
  }
  sheet.each(
    "error",
    "untagged-fence",
    document.fences.filter((fence) => !fence.lang).map((fence) => ({ message: "A fenced code block without a language: tag it (```bash, ```json, ```text …).", line: fence.line })),
    PENALTY["untagged-fence"],
    30
  )
  sheet.each(
    "error",
    "empty-section",
    document.sections
      .filter((section) => section.blocks.every((block) => IGNORABLE.has(block.type)))
      .map((section) => ({ message: `The section "${section.heading.text}" is empty: write its content or remove the heading.`, line: section.heading.line })),
    PENALTY["empty-section"],
    30
  )
  const slugs = new Set(document.headings.map((heading) => heading.slug))
  const leadsNowhere = (url: string): boolean => {
    const anchor = safeDecode(url.slice(1)).toLowerCase()
    return !TOP.has(anchor) && !slugs.has(anchor)
  }
  sheet.each(
    "error",
    "broken-anchor",
    document.links
      .filter((link) => link.url.startsWith("#") && leadsNowhere(link.url))
      .map((link) => ({ message: `The link "${link.text}" points at ${link.url}, but no heading has that anchor${closest(link.url.slice(1), slugs)}.`, line: link.line })),
    PENALTY["broken-anchor"],
    30
  )
  sheet.each(
    "error",
    "mermaid-parse-error",
    document.fences
      .filter((fence) => fence.lang?.toLowerCase() === "mermaid" && !fence.unclosed)
      .flatMap((fence) => {
        const result = parseSync(fence.value)
        if (result.ok) return []
        const at = result.error.line === undefined ? fence.line : fence.line + result.error.line
        return [{ message: `The Mermaid diagram at line ${fence.line} does not parse: ${result.error.message}.`, line: at }]
      }),
    PENALTY["mermaid-parse-error"],
    40
  )
}

const safeDecode = (text: string): string => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

const closest = (anchor: string, slugs: ReadonlySet<string>): string => {
  const wanted = safeDecode(anchor).toLowerCase()
  // an empty heading's slug is in every anchor: it suggests nothing
  const near = [...slugs].find((slug) => slug !== "" && (slug.includes(wanted) || wanted.includes(slug)))
  return near ? ` (the heading's anchor is #${near})` : ""
}

/** The sections of the kind, each missing one with its own code; a document of another kind is the wrong type. */
const kindSections = (document: MarkdownDocument, asked: Kind | undefined, sheet: ScoreSheet): Kind => {
  const seen = kindOfDocument(document)
  if (asked !== undefined && seen.kind !== asked && seen.complete && REQUIREMENTS[asked].filter((r) => meets(document, r)).length * 2 < REQUIREMENTS[asked].length) {
    sheet.error("wrong-kind", `Expected ${KIND_NAMES[asked]}, got ${KIND_NAMES[seen.kind]}: it has the sections of one (${REQUIREMENTS[seen.kind].map((r) => r.label.split(" (")[0]).join(", ")}).`, PENALTY["wrong-kind"])
    return asked
  }
  const kind = asked ?? seen.kind
  for (const requirement of REQUIREMENTS[kind]) {
    if (!meets(document, requirement)) sheet.error(requirement.code, `${capitalize(KIND_NAMES[kind])} needs ${requirement.label}.`, PENALTY["missing-section"])
  }
  if (kind === "runbook") {
    const steps = REQUIREMENTS.runbook.find((r) => r.code === "missing-steps")!
    const found = sectionsFor(document, steps)
    if (found.length > 0 && !found.some((section) => nodesOf(section.blocks).some((node) => node.type === "list" && node.ordered === true))) {
      sheet.error("steps-not-ordered", `The section "${found[0].heading.text}" has no numbered list: write the steps as 1., 2., 3.`, PENALTY["steps-not-ordered"], found[0].heading.line)
    }
  }
  return kind
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

const VAGUE_LINK = /^(?:here|click here|this|this link|link|read more|more|go|see here)$/i
const COMMAND = /^\s*(?:\$ |(?:npm|npx|pnpm|yarn|pip|pip3|docker|kubectl|helm|curl|git|brew|apt(?:-get)?|make|go|cargo|dotnet|terraform|aws|gcloud|az|systemctl|psql)\s+\S)/m
const PLACEHOLDER = /\b(?:TODO|TBD|FIXME|lorem ipsum)\b/
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/

const heading = (document: MarkdownDocument, pattern: RegExp) => document.headings.some((h) => h.depth >= 2 && pattern.test(h.text))

/** Above the floor: tables and examples where the kind calls for them, link text, commands in code, an ADR's date and alternatives, a runbook's trigger and verification. */
const quality = (document: MarkdownDocument, kind: Kind, sheet: ScoreSheet): void => {
  const all = nodesOf(document.root.children)
  const tables = all.filter((node) => node.type === "table").length
  const code = (blocks: ReturnType<typeof nodesOf>) => blocks.some((node) => node.type === "code")
  if (kind === "api-guide") {
    if (tables === 0) sheet.warn("missing-table", "An API guide without a table: list parameters or error codes in one.", 6)
    sheet.each(
      "warning",
      "missing-example",
      endpointSections(document)
        .filter((section) => !code(nodesOf(section.blocks)))
        .map((section) => ({ message: `The endpoint "${section.heading.text}" has no example request or response in a code block.`, line: section.heading.line })),
      4,
      12
    )
  }
  if (kind === "readme") {
    const usage = sectionsFor(document, REQUIREMENTS.readme.find((r) => r.code === "missing-usage")!)
    if (usage.length > 0 && !usage.some((section) => code(nodesOf(section.blocks)))) {
      sheet.warn("missing-example", `The section "${usage[0].heading.text}" shows no example in a code block.`, 8, usage[0].heading.line)
    }
    const options = document.sections.find((section) => section.heading.depth >= 2 && /\b(?:configuration|options|environment variables|settings)\b/i.test(section.heading.text))
    if (options && !nodesOf(options.blocks).some((node) => node.type === "table")) {
      sheet.warn("missing-table", `The section "${options.heading.text}" lists settings without a table.`, 4, options.heading.line)
    }
  }
  if (kind === "adr") {
    const dated = document.frontMatter?.data.date !== undefined || heading(document, /\bdate\b/i) || document.lines.slice(0, 15).some((line) => ISO_DATE.test(line))
    if (!dated) sheet.warn("adr-missing-date", "The ADR has no date (front matter `date:`, a Date line or section): say when it was decided.", 6)
    if (!heading(document, /\b(?:alternatives|considered options|options considered|options)\b/i)) {
      sheet.warn("adr-missing-alternatives", "The ADR names no alternatives: add the options considered and why they lost.", 8)
    }
  }
  if (kind === "runbook") {
    if (!heading(document, /\b(?:alerts?|triggers?|symptoms?|when to use)\b/i)) sheet.warn("runbook-missing-trigger", "The runbook says nothing of what sets it off: add the alert, trigger or symptoms.", 8)
    if (!heading(document, /\b(?:verif\w*|validat\w*|confirm\w*|check that|health check)\b/i)) sheet.warn("runbook-missing-verification", "The runbook has no verification step: say how to confirm the fix worked.", 8)
  }
  sheet.each(
    "warning",
    "vague-link-text",
    document.links.filter((link) => VAGUE_LINK.test(link.text.trim())).map((link) => ({ message: `The link text "${link.text.trim()}" says nothing: name where it goes.`, line: link.line })),
    2,
    8
  )
  sheet.each(
    "warning",
    "command-not-in-code",
    document.root.children
      .filter((block) => block.type === "paragraph" && nodesOf([block]).some((node) => node.type === "text" && COMMAND.test(node.value)))
      .map((block) => ({ message: `A command in running text: put it in a code block (\`\`\`bash) so it can be copied.`, line: block.position?.start.line })),
    3,
    9
  )
  sheet.each(
    "warning",
    "placeholder-text",
    document.lines.flatMap((line, i) => (PLACEHOLDER.test(line) ? [{ message: "Placeholder text (TODO, TBD, FIXME, lorem ipsum).", line: i + 1 }] : [])),
    5,
    10
  )
  if (document.frontMatter?.error) sheet.warn("invalid-front-matter", `The front matter is not valid YAML: ${document.frontMatter.error}.`, 5, document.frontMatter.line)
}

const judge = (text: string, options: ValidateOptions | undefined, sheet: ScoreSheet): void => {
  if (text.length > MAX_CHARS) return sheet.error("too-large", `The document has ${text.length} characters; the limit is ${MAX_CHARS}.`, PENALTY["too-large"])
  if (text.trim() === "") return sheet.error("empty", "The answer is empty: expected a Markdown document.", PENALTY.empty)
  const document = readMarkdown(text)
  floor(document, sheet)
  const asked = options?.params?.kind
  const kind = kindSections(document, isKind(asked) ? asked : undefined, sheet)
  if (!sheet.issues().some((issue) => issue.severity === "error")) quality(document, kind, sheet)
  // Judged against the request: the topics it names must have sections.
  if (typeof options?.request === "string" && options.request.trim() !== "") scoreRelevance(sheet, options.request, { noun: "document's headings", names: headingNames(document) })
}

/** Validates a Markdown document. Pure, deterministic, never throws. */
export const validateDocument = (content: string, options?: ValidateOptions): Validation =>
  judgeSafely(options, (sheet) => judge(typeof content === "string" ? content : String(content ?? ""), options, sheet))

const headingNames = (document: MarkdownDocument): ReadonlyArray<string> => [...new Set(document.headings.map((heading) => heading.text).filter((text) => text !== ""))]

/** What a document is made of, for matching it against the request that asked for it: its headings' text. */
export const docNames = (content: string): ReadonlyArray<string> => {
  try {
    return headingNames(readMarkdown(typeof content === "string" ? content : ""))
  } catch {
    return []
  }
}
