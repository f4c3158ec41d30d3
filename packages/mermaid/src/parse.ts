/**
 * `parse` / `parseSync`: mermaid's verdict on a text, with the structure read from its diagram
 * database, or the parser's error with line and column in the caller's text.
 */
import { FAMILY_OF_TYPE, loadEngine, type RawParse } from "./internal/engine.ts"
import { headerLine, mapLine, nestingDepth, splitLines } from "./internal/lines.ts"
import { readClass } from "./internal/model/class.ts"
import { readEr } from "./internal/model/er.ts"
import { readFlowchart } from "./internal/model/flowchart.ts"
import { readSequence } from "./internal/model/sequence.ts"
import { readState } from "./internal/model/state.ts"
import { DEFAULT_MAX_CHARS, DEFAULT_MAX_DEPTH, DEFAULT_MAX_LINES, type Diagram, type DiagramFamily, type ParseOptions, type ParseResult, type SourceError } from "./types.ts"

// Loading mermaid is a one-time cost paid when this module is first imported (see `mermaidInfo`).
const engine = await loadEngine()

/** The mermaid version in use and what loading it cost. */
export const mermaidInfo: { readonly version: string; readonly loadMs: number; readonly types: ReadonlyArray<string> } = {
  version: engine.version,
  loadMs: engine.loadMs,
  types: [...engine.types]
}

const READERS: Readonly<Record<DiagramFamily, (db: unknown) => Diagram>> = {
  er: readEr,
  flowchart: readFlowchart,
  sequence: readSequence,
  class: readClass,
  state: readState
}

const firstLine = (message: string) => message.split("\n")[0].trim()

/**
 * Mermaid encodes `#name;` and `#123;` entities before parsing (`ﬂ°name¶ß`, `ﬂ°°123¶ß`); what it
 * read back, and its messages, are shown as the author wrote them.
 */
const restoreEntities = (text: string): string =>
  text.includes("\uFB02") ? text.replace(/\uFB02\u00B0(\u00B0)?([^\u00B6]*?)\u00B6\u00DF/g, (_, __, inner: string) => `#${inner};`) : text

const ENCODED = /\uFB02\u00B0\u00B0?[^\u00B6]*?\u00B6\u00DF/g

/** The entity, as the author wrote it, overlapping columns `from`..`to` of an encoded line: a token may be a piece of one. */
const entityAt = (encodedLine: string, from: number, to: number): string | undefined => {
  for (const match of encodedLine.matchAll(ENCODED)) {
    if (match.index <= to && from < match.index + match[0].length) return restoreEntities(match[0])
  }
  return undefined
}

/** Every string in a structure read from mermaid's database, entities restored. */
const restoreAll = <T>(value: T): T => {
  if (typeof value === "string") return restoreEntities(value) as T
  if (Array.isArray(value)) return value.map(restoreAll) as T
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, restoreAll(inner)])) as T
  }
  return value
}

/** The grammar's own parse errors; anything else mermaid threw is its own message (a database refusing a statement, a lexer rule). */
const isGrammarError = (message: string) => /^(Parse|Lexical) error on line \d+/.test(message)

/** Where a broken front matter's YAML error is, in the caller's text (js-yaml's `mark.line` counts from the YAML's first line). */
const frontMatterLine = (text: string, error: unknown): number | undefined => {
  const mark = (error as { mark?: { line?: unknown } } | undefined)?.mark
  if (typeof mark?.line !== "number") return undefined
  const opening = splitLines(text).findIndex((line) => line.trim() === "---")
  return opening === -1 ? undefined : opening + 2 + mark.line
}

const describeError = (text: string, raw: RawParse): SourceError => {
  const error = raw.error
  const message = restoreEntities(error instanceof Error ? error.message : String(error ?? "unknown parse error"))
  const hash = raw.hash
  if (!isGrammarError(message)) {
    const line =
      raw.statementLine !== undefined && raw.parsedText !== undefined ? mapLine(text, raw.parsedText, raw.statementLine) : frontMatterLine(text, error)
    const yaml = (error as { name?: unknown } | undefined)?.name === "YAMLException"
    // js-yaml ends its reason with a position inside the YAML; `line` says where it is in the text
    const shown = yaml ? `the front matter is not valid YAML: ${firstLine(message).replace(/\s*\(\d+:\d+\)$/, "")}` : firstLine(message)
    return { message: shown, ...(line === undefined ? {} : { line }) }
  }
  if (hash && (hash.loc || typeof hash.line === "number")) {
    // jison reports the lookahead token's line (0-based `line`) and the last token it accepted (`loc`)
    const parsedLine = typeof hash.line === "number" ? hash.line + 1 : (hash.loc?.last_line ?? 1)
    const line = raw.parsedText === undefined ? parsedLine : mapLine(text, raw.parsedText, parsedLine)
    const token = hash.token === null || hash.token === undefined ? undefined : String(hash.token).replace(/^'|'$/g, "")
    const encodedLine = raw.parsedText === undefined ? "" : (splitLines(raw.parsedText)[parsedLine - 1] ?? "")
    const restored = hash.text === undefined ? undefined : restoreEntities(hash.text)
    const shown =
      restored !== undefined && /[\uFB02\u00B6\u00DF]/.test(restored)
        ? (entityAt(encodedLine, hash.loc?.first_column ?? 0, hash.loc?.last_column ?? encodedLine.length) ?? restored.replace(/[\uFB02\u00B0\u00B6\u00DF]/g, ""))
        : restored
    // jison names the end of input EOF, or by its symbol number 1 when the grammar gives no name
    const found = token === "1" || (token !== undefined && /^\d+$/.test(token) && !shown) ? "EOF" : token
    const expected = (hash.expected ?? []).map((token) => token.replace(/^'|'$/g, ""))
    const parsedSource = raw.parsedText === undefined ? [] : splitLines(raw.parsedText)
    const sameLine = line !== undefined && parsedSource[parsedLine - 1]?.trim() === splitLines(text)[line - 1]?.trim()
    const offset = line === undefined ? 0 : splitLines(text)[line - 1].length - splitLines(text)[line - 1].trimStart().length - ((parsedSource[parsedLine - 1] ?? "").length - (parsedSource[parsedLine - 1] ?? "").trimStart().length)
    const column = sameLine && hash.loc?.last_line === parsedLine && typeof hash.loc.last_column === "number" ? hash.loc.last_column + 1 + offset : undefined
    const what = message.startsWith("Lexical error")
      ? `unrecognized text${shown ? ` "${shown}"` : ""}`
      : found !== "EOF" && shown !== undefined && shown !== "" && shown.trim() === ""
        ? `unexpected end of line${expected.length > 0 ? ` (expected ${expected.slice(0, 8).join(", ")}${expected.length > 8 ? ", …" : ""})` : ""}`
        : message.startsWith("Lexical error")
      ? `unrecognized text${shown ? ` "${shown}"` : ""}`
      : `unexpected ${found === "EOF" ? "end of input" : found ? `"${shown || found}"` : "input"}${expected.length > 0 ? ` (expected ${expected.slice(0, 8).join(", ")}${expected.length > 8 ? ", …" : ""})` : ""}`
    return {
      message: what,
      ...(line === undefined ? {} : { line }),
      ...(column === undefined ? {} : { column }),
      ...(expected.length > 0 ? { expected } : {}),
      ...(found === undefined ? {} : { found })
    }
  }
  return { message: firstLine(message) }
}

const hasContent = (text: string) => splitLines(text).some((line) => line.trim() !== "" && !line.trim().startsWith("%%"))

const parseUnguarded = (input: unknown, options: ParseOptions): ParseResult => {
  const text = typeof input === "string" ? input : String(input ?? "")
  const limit = options.maxChars ?? DEFAULT_MAX_CHARS
  if (text.length > limit) {
    return { ok: false, reason: "too-large", error: { message: `the text has ${text.length} characters; the limit is ${limit}` } }
  }
  if (!hasContent(text)) return { ok: false, reason: "empty", error: { message: "no diagram: the text is empty" } }
  const depth = nestingDepth(text)
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH
  if (depth > maxDepth) {
    return { ok: false, reason: "too-deep", error: { message: `blocks are nested ${depth} deep; the limit is ${maxDepth}` } }
  }
  const lines = splitLines(text).length
  const maxLines = options.maxLines ?? DEFAULT_MAX_LINES
  if (lines > maxLines) {
    return { ok: false, reason: "too-large", error: { message: `the text has ${lines} lines; the limit is ${maxLines}` } }
  }
  const header = headerLine(text)
  const raw = engine.parseRaw(text)
  const headerField = header === undefined ? {} : { headerLine: header }
  if (raw.type === undefined) {
    return { ok: false, reason: "unknown-type", error: { message: "no Mermaid diagram type detected", ...(header === undefined ? {} : { line: header }) }, ...headerField }
  }
  const family = FAMILY_OF_TYPE[raw.type]
  if (family === undefined || !engine.types.has(raw.type)) {
    return { ok: false, reason: "unsupported-type", type: raw.type, error: { message: `"${raw.type}" diagrams are not read by this package` }, ...headerField }
  }
  if (raw.error !== undefined || !raw.reachedParser || raw.db === undefined) {
    return { ok: false, reason: "syntax", type: raw.type, family, error: describeError(text, raw), ...headerField }
  }
  const diagram = READERS[family](raw.db)
  return { ok: true, type: raw.type, family, diagram: raw.parsedText?.includes("\uFB02") ? restoreAll(diagram) : diagram, headerLine: header ?? 1 }
}

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}

/**
 * Recent results, newest last: a pipeline extracts and then validates the same text, and a repair
 * round often sends back much of a draft. Results are frozen, so sharing them is safe.
 */
const CACHE_SIZE = 256
const cache = new Map<string, ParseResult>()

/**
 * Parses synchronously with the real mermaid parser. Never throws; two calls can never
 * interleave (each runs to completion before anything else runs).
 */
export const parseSync = (text: string, options: ParseOptions = {}): ParseResult => {
  const key = `${options.maxChars ?? DEFAULT_MAX_CHARS}\u0000${options.maxLines ?? DEFAULT_MAX_LINES}\u0000${options.maxDepth ?? DEFAULT_MAX_DEPTH}\u0000${typeof text === "string" ? text : String(text ?? "")}`
  const hit = cache.get(key)
  if (hit !== undefined) {
    cache.delete(key)
    cache.set(key, hit)
    return hit
  }
  let result: ParseResult
  try {
    result = deepFreeze(parseUnguarded(text, options))
  } catch (error) {
    // mermaid's own errors are caught where it runs: what lands here is a bug in this package
    result = { ok: false, reason: "internal", error: { message: `reading mermaid's result failed: ${firstLine(error instanceof Error ? error.message : String(error))}` } }
  }
  if (key.length <= 4 * DEFAULT_MAX_CHARS) {
    cache.set(key, result)
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string)
  }
  return result
}

let queue: Promise<unknown> = Promise.resolve()

/**
 * Parses with the real mermaid parser; calls are queued and run one at a time, in call order.
 * Never rejects.
 */
export const parse = (text: string, options: ParseOptions = {}): Promise<ParseResult> => {
  const run = queue.then(() => parseSync(text, options))
  queue = run
  return run
}

/** Mermaid's own type detection: its diagram type id and our family, or undefined. */
export const detectDiagram = (text: string): { readonly type: string; readonly family?: DiagramFamily } | undefined => {
  const type = engine.detectType(typeof text === "string" ? text : "")
  if (type === undefined) return undefined
  const family = FAMILY_OF_TYPE[type]
  return family === undefined ? { type } : { type, family }
}
