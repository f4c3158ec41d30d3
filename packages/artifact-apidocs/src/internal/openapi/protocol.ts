/** What the main thread and the parser's worker thread send each other. */

export interface ParserRequest {
  readonly id: number
  /** The document as plain data (the worker dereferences it in place). */
  readonly api: unknown
  /** The parser's own limit for dereferencing, ms. */
  readonly timeoutMs: number
}

export interface ParserResult {
  readonly valid: boolean
  readonly errors?: ReadonlyArray<{ readonly message: string }>
  readonly warnings: ReadonlyArray<{ readonly message: string }>
  readonly specification: string | null
}

export type ParserReply =
  | { readonly id: number; readonly ok: true; readonly result: ParserResult; readonly pointers: Readonly<Record<number, string>> }
  | { readonly id: number; readonly ok: false; readonly error: string }

const escape = (token: string) => token.replace(/~/g, "~0").replace(/\//g, "~1")

/**
 * For `JSON.stringify(value, null, 2)`: the JSON pointer of the property or array element that
 * starts on each line (1-based). Empty when the walk and the printed text disagree on the line count.
 */
export const lineTable = (value: unknown): Record<number, string> => {
  const table: Record<number, string> = { 1: "" }
  let line = 1
  const visit = (node: unknown, pointer: string) => {
    if (node === null || typeof node !== "object" || typeof (node as { toJSON?: unknown }).toJSON === "function") return
    const entries = Array.isArray(node)
      ? node.map((item, i) => [String(i), item] as const)
      : Object.entries(node).filter(([, item]) => item !== undefined && typeof item !== "function" && typeof item !== "symbol")
    if (entries.length === 0) return
    for (const [key, item] of entries) {
      line++
      table[line] = `${pointer}/${escape(key)}`
      visit(item, `${pointer}/${escape(key)}`)
    }
    line++
  }
  visit(value, "")
  try {
    return JSON.stringify(value, null, 2).split("\n").length === line ? table : {}
  } catch {
    return {}
  }
}
