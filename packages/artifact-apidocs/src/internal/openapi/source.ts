/**
 * An OpenAPI document's source: parsed with `yaml` (JSON is read as JSON first, so trailing commas
 * and comments fail as they do in JSON), with a `LineCounter`, so any JSON pointer into the document
 * maps back to the line it was written on.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from "yaml"

export interface SourceError {
  readonly message: string
  readonly line: number
}

export type ParsedSource =
  | { readonly ok: true; readonly json: boolean; readonly data: unknown; readonly lineOf: (pointer: string) => number; readonly text: string }
  | { readonly ok: false; readonly json: boolean; readonly errors: ReadonlyArray<SourceError> }

/** Tokens of a JSON pointer (`/paths/~1pets/get` → `["paths", "/pets", "get"]`). */
export const pointerTokens = (pointer: string): string[] =>
  pointer === "" ? [] : pointer.replace(/^#/, "").replace(/^\//, "").split("/").map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"))

export const pointerOf = (tokens: ReadonlyArray<string | number>): string => tokens.map((token) => `/${String(token).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("")

const MESSAGES: Readonly<Record<string, string>> = {
  DUPLICATE_KEY: "a key is repeated in one mapping",
  TAB_AS_INDENT: "tabs are used for indentation (YAML allows spaces only)",
  MULTIPLE_DOCS: "the file holds several YAML documents (`---`)",
  BAD_INDENT: "the indentation is inconsistent",
  MISSING_CHAR: "a closing quote or bracket is missing",
  BLOCK_AS_IMPLICIT_KEY: "a key is followed by a nested mapping on the same line, or a line is indented under a scalar",
  MULTILINE_IMPLICIT_KEY: "a key spans several lines (a missing `:` or wrong indentation)",
  UNEXPECTED_TOKEN: "unexpected text",
  ALIAS_PROPS: "an alias carries a tag or anchor"
}

const jsonError = (text: string, error: unknown): SourceError => {
  const message = error instanceof Error ? error.message : String(error)
  const at = /\(line (\d+) column (\d+)\)/.exec(message)
  const position = /at position (\d+)/.exec(message)
  const line = at ? Number(at[1]) : position ? text.slice(0, Number(position[1])).split("\n").length : text.split("\n").length
  return { message: `JSON syntax error: ${message.replace(/ in JSON at position \d+.*$/, "").replace(/\s*\(line \d+ column \d+\)/, "")}${/,\s*[}\]]/.test(text) ? " (trailing commas are not allowed in JSON)" : ""}`, line }
}

/** The child node for one pointer token, and the line its key (or item) starts on. */
const step = (doc: Document, node: unknown, token: string, counter: LineCounter): { node: unknown; line: number } | undefined => {
  const target = isAlias(node) ? node.resolve(doc) : node
  if (isMap(target)) {
    const pair = target.items.find((item) => isPair(item) && (isScalar(item.key) ? String(item.key.value) : String(item.key)) === token)
    if (!pair) return undefined
    const range = (isScalar(pair.key) || isMap(pair.key) ? (pair.key as YamlNode).range : undefined) ?? (pair.value as YamlNode | null)?.range
    return { node: pair.value, line: range ? counter.linePos(range[0]).line : 1 }
  }
  if (isSeq(target)) {
    const item = target.items[Number(token)]
    if (!/^\d+$/.test(token) || item === undefined) return undefined
    const range = (item as YamlNode).range
    return { node: item, line: range ? counter.linePos(range[0]).line : 1 }
  }
  return undefined
}

/**
 * The line of the deepest node a pointer reaches. Where the pointer runs through a `$ref` (as the
 * parser's dereferenced paths do), it follows the reference inside the document.
 */
const lineOfPointer = (doc: Document, counter: LineCounter) => (pointer: string): number => {
  let node: unknown = doc.contents
  let line = 1
  const tokens = pointerTokens(pointer)
  for (let i = 0, hops = 0; i < tokens.length; i++) {
    const next = step(doc, node, tokens[i], counter)
    if (next) {
      node = next.node
      line = next.line
      continue
    }
    const ref = step(doc, node, "$ref", counter)
    const target = ref && isScalar(ref.node) && typeof ref.node.value === "string" && ref.node.value.startsWith("#") ? ref.node.value : undefined
    if (!target || ++hops > 32) break
    node = doc.contents
    for (const token of pointerTokens(target)) node = step(doc, node, token, counter)?.node
    if (node === undefined) break
    i--
  }
  return line
}

/** Parses `text` as JSON (when it starts with `{` or `[`) or YAML. Never throws. */
export const parseSource = (text: string): ParsedSource => {
  const json = /^\s*[{[]/.test(text)
  if (json) {
    try {
      JSON.parse(text)
    } catch (error) {
      return { ok: false, json, errors: [jsonError(text, error)] }
    }
  }
  const counter = new LineCounter()
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false, strict: true, version: "1.2" })
  if (doc.errors.length > 0) {
    // the first error is the one to fix: the ones after it mostly follow from it
    const [first] = doc.errors
    const more = doc.errors.length - 1
    return {
      ok: false,
      json,
      errors: [
        {
          message: `${json ? "JSON" : "YAML"} syntax error: ${MESSAGES[first.code] ?? first.message.split("\n")[0]}${more > 0 ? ` (${more} more error${more === 1 ? "" : "s"} after it)` : ""}.`,
          line: counter.linePos(first.pos[0]).line
        }
      ]
    }
  }
  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: 100 })
  } catch (error) {
    return { ok: false, json, errors: [{ message: `YAML error: ${error instanceof Error ? error.message : String(error)}`, line: 1 }] }
  }
  return { ok: true, json, data, lineOf: lineOfPointer(doc, counter), text }
}
