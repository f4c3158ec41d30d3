/**
 * HTTP API documentation in Markdown, parsed with mdast-util-from-markdown (CommonMark + GFM): the
 * floor (one H1; endpoint sections whose headings hold a method and a path, each with a
 * description and its responses; every code fence closed) and the scored checks above it.
 */
import type { ScoreSheet } from "@lfai/artifact-kit"
import type { Heading, Nodes, Root, RootContent } from "mdast"
import { fromMarkdown } from "mdast-util-from-markdown"
import { gfmFromMarkdown } from "mdast-util-gfm"
import { toString } from "mdast-util-to-string"
import { gfm } from "micromark-extension-gfm"

export const MARKDOWN_PENALTIES = {
  "missing-title": 30,
  "multiple-h1": 20,
  "no-endpoints": 40,
  "endpoint-without-description": { each: 15, cap: 45 },
  "endpoint-without-responses": { each: 15, cap: 45 },
  "unclosed-code-block": 30,
  "missing-parameters": { each: 3, cap: 9 },
  "missing-example": { each: 3, cap: 9 },
  "untagged-code-block": { each: 2, cap: 6 },
  "missing-error-section": 5
} as const

const METHOD = "GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS"
/** A method and a path in a heading: `GET /orders/{id}`, `` `POST /orders` ``, `Delete — DELETE /a/:id`. */
export const ENDPOINT = new RegExp(`\\b(${METHOD})\\b\\s*\`?\\s*(\\/[^\\s\`]*)`)

const REASONS = "OK|Created|Accepted|No Content|Moved Permanently|Found|See Other|Not Modified|Bad Request|Unauthori[sz]ed|Payment Required|Forbidden|Not Found|Method Not Allowed|Not Acceptable|Conflict|Gone|Precondition Failed|Payload Too Large|Content Too Large|Unsupported Media Type|Unprocessable (?:Entity|Content)|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout"
/** A status code written as one: alone in a cell, list item or code span, or with its reason phrase. */
const STATUS_ALONE = /^\s*`?([1-5]\d\d)`?(?:\s|$|[:—–-])/
const STATUS_PHRASE = new RegExp(`\\b([1-5]\\d\\d)\\s+(?:${REASONS})\\b`)

export interface Endpoint {
  readonly method: string
  readonly path: string
  readonly heading: Heading
  /** The nodes of the section, up to the next heading of the same or a higher level. */
  readonly body: ReadonlyArray<RootContent>
  readonly line: number
}

export interface ParsedMarkdown {
  readonly root: Root
  readonly headings: ReadonlyArray<Heading>
  readonly endpoints: ReadonlyArray<Endpoint>
}

export const parseMarkdown = (text: string): ParsedMarkdown => {
  const root = fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
  const headings = root.children.filter((node): node is Heading => node.type === "heading")
  const endpoints: Endpoint[] = []
  root.children.forEach((node, index) => {
    if (node.type !== "heading" || node.depth === 1) return
    const found = ENDPOINT.exec(toString(node))
    if (!found) return
    const end = root.children.findIndex((next, j) => j > index && next.type === "heading" && next.depth <= node.depth)
    endpoints.push({ method: found[1], path: found[2], heading: node, body: root.children.slice(index + 1, end < 0 ? undefined : end), line: node.position?.start.line ?? 1 })
  })
  return { root, headings, endpoints }
}

const walk = (nodes: ReadonlyArray<Nodes>, visit: (node: Nodes) => void) => {
  for (const node of nodes) {
    visit(node)
    if ("children" in node) walk(node.children as Nodes[], visit)
  }
}

/** Whether a section's nodes state at least one response status code. */
const statesStatus = (nodes: ReadonlyArray<RootContent>): boolean => {
  let found = false
  walk(nodes, (node) => {
    if (found) return
    if (node.type === "tableCell" || node.type === "listItem" || node.type === "heading") {
      const text = toString(node)
      if (STATUS_ALONE.test(text) || STATUS_PHRASE.test(text)) found = true
    } else if (node.type === "inlineCode") {
      if (/^[1-5]\d\d(?:\s|$)/.test(node.value)) found = true
    } else if (node.type === "text" && STATUS_PHRASE.test(node.value)) found = true
    else if (node.type === "code" && /^HTTP\/[\d.]+\s+[1-5]\d\d\b/m.test(node.value)) found = true
  })
  return found
}

/** A paragraph of prose (three words or more besides code). */
const isDescription = (node: RootContent): boolean =>
  node.type === "paragraph" && node.children.filter((child) => child.type !== "inlineCode").map((child) => toString(child)).join(" ").split(/\s+/).filter((word) => /[A-Za-z]/.test(word)).length >= 3

/** A fenced block whose closing fence never came (the answer was cut off). */
const unclosedFence = (text: string, root: Root): number | undefined => {
  const lines = text.split("\n")
  for (const node of root.children) {
    if (node.type !== "code" || !node.position) continue
    const open = /^\s{0,3}(`{3,}|~{3,})/.exec(lines[node.position.start.line - 1] ?? "")
    if (!open) continue
    const last = lines[node.position.end.line - 1] ?? ""
    const closes = new RegExp(`^\\s{0,3}${open[1][0] === "`" ? "`" : "~"}{${open[1].length},}\\s*$`).test(last)
    if (!closes || node.position.end.line === node.position.start.line) return node.position.start.line
  }
  return undefined
}

const each = (sheet: ScoreSheet, severity: "error" | "warning", code: keyof typeof MARKDOWN_PENALTIES, findings: ReadonlyArray<{ message: string; line?: number }>) => {
  const penalty = MARKDOWN_PENALTIES[code] as { each: number; cap: number }
  sheet.each(severity, code, findings, penalty.each, penalty.cap)
}

/** Judges `text` as Markdown HTTP API documentation. */
export const judgeMarkdown = (text: string, sheet: ScoreSheet, parsed: ParsedMarkdown = parseMarkdown(text)): void => {
  const { root, headings, endpoints } = parsed
  const titles = headings.filter((heading) => heading.depth === 1)
  if (titles.length === 0) sheet.error("missing-title", "No H1: the documentation starts with one `# Title`.", MARKDOWN_PENALTIES["missing-title"], headings[0]?.position?.start.line ?? 1)
  else if (titles.length > 1) sheet.error("multiple-h1", `${titles.length} H1 headings: keep one \`# Title\` and make the others \`##\`.`, MARKDOWN_PENALTIES["multiple-h1"], titles[1].position?.start.line)

  const cut = unclosedFence(text, root)
  if (cut !== undefined) sheet.error("unclosed-code-block", "A code block is never closed (the answer looks cut off): close it with its fence.", MARKDOWN_PENALTIES["unclosed-code-block"], cut)

  if (endpoints.length === 0) {
    sheet.error("no-endpoints", "No endpoint section: give each endpoint a heading with its method and path, e.g. `## GET /orders/{id}`.", MARKDOWN_PENALTIES["no-endpoints"], headings[1]?.position?.start.line ?? headings[0]?.position?.start.line ?? 1)
  }
  const name = (endpoint: Endpoint) => `${endpoint.method} ${endpoint.path}`
  each(sheet, "error", "endpoint-without-description", endpoints.filter((endpoint) => !endpoint.body.some(isDescription)).map((endpoint) => ({ message: `${name(endpoint)} has no description: say in a sentence what it does.`, line: endpoint.line })))
  each(sheet, "error", "endpoint-without-responses", endpoints.filter((endpoint) => !statesStatus(endpoint.body)).map((endpoint) => ({ message: `${name(endpoint)} lists no responses: give its status codes (\`200 OK\`, \`404 Not Found\` …).`, line: endpoint.line })))

  const takesInput = (endpoint: Endpoint) => /[{:]/.test(endpoint.path) || ["POST", "PUT", "PATCH"].includes(endpoint.method)
  const has = (endpoint: Endpoint, type: string) => {
    let found = false
    walk(endpoint.body, (node) => (found ||= node.type === type))
    return found
  }
  each(sheet, "warning", "missing-parameters", endpoints.filter((endpoint) => takesInput(endpoint) && !has(endpoint, "table")).map((endpoint) => ({ message: `${name(endpoint)} takes parameters or a body but has no parameters table.`, line: endpoint.line })))
  each(sheet, "warning", "missing-example", endpoints.filter((endpoint) => !has(endpoint, "code")).map((endpoint) => ({ message: `${name(endpoint)} shows no request or response example in a code block.`, line: endpoint.line })))
  const untagged: Array<{ message: string; line?: number }> = []
  walk(root.children, (node) => {
    if (node.type === "code" && !node.lang && /^\s{0,3}(`{3,}|~{3,})/.test(text.split("\n")[(node.position?.start.line ?? 1) - 1] ?? "")) {
      untagged.push({ message: "A code block without a language: tag it (```json, ```http, ```bash …).", line: node.position?.start.line })
    }
  })
  each(sheet, "warning", "untagged-code-block", untagged)
  if (!headings.some((heading) => /\berrors?\b|error codes|status codes/i.test(toString(heading)))) {
    sheet.warn("missing-error-section", "No errors section: document the error format and the error status codes once.", MARKDOWN_PENALTIES["missing-error-section"], headings[headings.length - 1]?.position?.start.line ?? 1)
  }
}
