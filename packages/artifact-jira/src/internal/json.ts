/**
 * Strict JSON with source positions: `JSON.parse` decides whether the text is JSON; jsonc-parser's
 * syntax tree (comments and trailing commas disallowed) says where a problem or a value is, so
 * every issue can name its line.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser"

export type JsonFailureKind = "not-json" | "truncated-json" | "json-comment" | "json-trailing-comma" | "json-syntax"

export type JsonParse =
  | { readonly ok: true; readonly value: unknown; readonly tree: Node | undefined; readonly duplicates: ReadonlyArray<{ readonly key: string; readonly line: number }> }
  | { readonly ok: false; readonly kind: JsonFailureKind; readonly message: string; readonly line: number }

/** 1-based line of a character offset. */
export const lineAt = (text: string, offset: number): number => {
  let line = 1
  const end = Math.min(Math.max(0, offset), text.length)
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

const describeSyntax = (code: string): string =>
  ({
    InvalidSymbol: "an unexpected character",
    InvalidNumberFormat: "a malformed number",
    PropertyNameExpected: "a missing property name (keys are double-quoted strings)",
    ValueExpected: "a missing value",
    ColonExpected: "a missing ':' after a key",
    CommaExpected: "a missing ',' between items",
    CloseBraceExpected: "a missing '}'",
    CloseBracketExpected: "a missing ']'",
    EndOfFileExpected: "text after the end of the JSON document",
    InvalidUnicode: "an invalid \\u escape",
    InvalidEscapeCharacter: "an invalid escape in a string",
    InvalidCharacter: "a raw control character (a line break or tab) inside a string; escape it as \\n or \\t"
  })[code] ?? code

/** The previous non-whitespace character before `offset`, if any. */
const previousSignificant = (text: string, offset: number): string | undefined => {
  for (let i = offset - 1; i >= 0; i--) if (!/\s/.test(text[i])) return text[i]
  return undefined
}

const classify = (text: string, error: ParseError, parseMessage: string): { kind: JsonFailureKind; message: string } => {
  const code = printParseErrorCode(error.error)
  const at = text[error.offset]
  if (code === "InvalidCommentToken" || code === "UnexpectedEndOfComment" || (at === "/" && (text[error.offset + 1] === "/" || text[error.offset + 1] === "*"))) {
    return { kind: "json-comment", message: "JSON has no comments: remove the // or /* */ comment" }
  }
  if ((code === "PropertyNameExpected" || code === "ValueExpected") && (at === "}" || at === "]") && previousSignificant(text, error.offset) === ",") {
    return { kind: "json-trailing-comma", message: `a trailing comma before '${at}': JSON allows none` }
  }
  const atEnd = error.offset >= text.trimEnd().length
  if (atEnd || code === "UnexpectedEndOfString" || code === "UnexpectedEndOfNumber") {
    return { kind: "truncated-json", message: `the JSON document ends early (${parseMessage}); the answer was probably cut off` }
  }
  return { kind: "json-syntax", message: `invalid JSON: ${describeSyntax(code)} (${parseMessage})` }
}

/** Objects whose keys repeat: JSON.parse keeps the last silently; a model meant one of them. */
const duplicateKeys = (node: Node | undefined, text: string, out: Array<{ key: string; line: number }>): void => {
  if (node === undefined) return
  if (node.type === "object") {
    const seen = new Set<string>()
    for (const property of node.children ?? []) {
      const key = property.children?.[0]?.value
      if (typeof key === "string") {
        if (seen.has(key)) out.push({ key, line: lineAt(text, property.offset) })
        seen.add(key)
      }
    }
  }
  for (const child of node.children ?? []) duplicateKeys(child, text, out)
}

export const parseJson = (text: string): JsonParse => {
  const start = text.search(/\S/)
  if (start === -1) return { ok: false, kind: "not-json", message: "the text is empty", line: 1 }
  if (text[start] !== "{" && text[start] !== "[") {
    const what = /^(#{1,6}\s|[-*]\s|\d+\.\s)/.test(text.slice(start)) ? "Markdown" : "prose"
    return {
      ok: false,
      kind: "not-json",
      message: `expected one JSON document starting with '{', got ${what}: "${text.slice(start, start + 40).split("\n")[0]}"`,
      line: lineAt(text, start)
    }
  }
  const errors: ParseError[] = []
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false })
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    const parseMessage = cause instanceof Error ? cause.message.replace(/\s*\(line \d+ column \d+\)$/, "") : String(cause)
    const first = errors[0]
    if (first === undefined) return { ok: false, kind: "json-syntax", message: `invalid JSON (${parseMessage})`, line: lineAt(text, start) }
    return { ok: false, ...classify(text, first, parseMessage), line: lineAt(text, first.offset) }
  }
  const duplicates: Array<{ key: string; line: number }> = []
  duplicateKeys(tree, text, duplicates)
  return { ok: true, value, tree, duplicates }
}

/** The line of the value at `path` (falling back to its nearest ancestor that exists). */
export const lineOfPath = (text: string, tree: Node | undefined, path: ReadonlyArray<string | number>): number | undefined => {
  if (tree === undefined) return undefined
  for (let depth = path.length; depth >= 0; depth--) {
    const node = findNodeAtLocation(tree, path.slice(0, depth) as Array<string | number>)
    if (node !== undefined) return lineAt(text, node.parent?.type === "property" ? node.parent.offset : node.offset)
  }
  return undefined
}
