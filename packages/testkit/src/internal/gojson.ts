/**
 * How Go's encoding/json (through gin's ShouldBindJSON) words a bad request body, so that the
 * emulator's 400s read like the real server's.
 */

export type Decoded = { readonly ok: true; readonly value: Record<string, unknown> } | { readonly ok: false; readonly error: string }

const goType = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "object" ? "object" : typeof value === "boolean" ? "bool" : typeof value

/** `io.EOF` for an empty body is the caller's business ("missing request body"); this decodes the rest. */
export const decodeObject = (text: string, goStruct: string): Decoded => {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const trimmed = text.trimStart()
    const first = trimmed[0] ?? ""
    if (!/[{["\-0-9tfn]/.test(first)) return { ok: false, error: `invalid character '${first}' looking for beginning of value` }
    const message = (error as Error).message
    if (/end of JSON input|Unterminated/i.test(message)) return { ok: false, error: "unexpected EOF" }
    const at = /position (\d+)/.exec(message)
    const ch = at ? text[Number(at[1])] ?? "" : ""
    if (ch === "") return { ok: false, error: "unexpected EOF" }
    const shown = ch === "\n" ? "\\n" : ch === "\t" ? "\\t" : ch
    const context = /after property name/i.test(message)
      ? "after object key"
      : /property name/i.test(message)
        ? "looking for beginning of object key string"
        : /after property value/i.test(message)
          ? "after object key:value pair"
          : /after array element/i.test(message)
            ? "after array element"
            : /after JSON/i.test(message)
              ? "after top-level value"
              : /control character/i.test(message)
                ? "in string literal"
                : "looking for beginning of value"
    return { ok: false, error: `invalid character '${shown}' ${context}` }
  }
  if (value === null) return { ok: true, value: {} }
  if (typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, error: `json: cannot unmarshal ${goType(value)} into Go value of type api.${goStruct}` }
  }
  return { ok: true, value: value as Record<string, unknown> }
}

export type FieldType = "string" | "bool" | "object" | "array" | "int" | "any"

const goFieldType: Record<FieldType, string> = {
  string: "string",
  bool: "bool",
  object: "map[string]interface {}",
  array: "[]interface {}",
  int: "int",
  any: "interface {}"
}

/** Checks the JSON types of known fields; the first mismatch in Go's words, or undefined. */
export const checkFields = (value: Record<string, unknown>, goStruct: string, fields: Readonly<Record<string, FieldType | string>>): string | undefined => {
  for (const [name, type] of Object.entries(fields)) {
    const v = value[name]
    if (v === undefined || v === null || type === "any") continue
    const ok =
      type === "string"
        ? typeof v === "string"
        : type === "bool"
          ? typeof v === "boolean"
          : type === "object"
            ? typeof v === "object" && !Array.isArray(v)
            : type === "int"
              ? typeof v === "number" && Number.isInteger(v)
              : Array.isArray(v)
    if (!ok) {
      const shown = type in goFieldType ? goFieldType[type as FieldType] : type
      const got = typeof v === "number" ? "number" : goType(v)
      return `json: cannot unmarshal ${got} into Go struct field ${goStruct}.${name} of type ${shown}`
    }
  }
  return undefined
}
