/** Walking a parsed OpenAPI document: its operations, its `$ref`s, loose paths in parser messages. */
import { pointerOf, pointerTokens } from "./source.ts"

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type JsonObject = { [key: string]: Json }

export const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value)

export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const

export interface Operation {
  readonly path: string
  readonly method: (typeof METHODS)[number]
  readonly operation: JsonObject
  /** JSON pointer of the operation object. */
  readonly pointer: string
}

export const operationsOf = (api: JsonObject): Operation[] => {
  const paths = isObject(api.paths) ? api.paths : {}
  const out: Operation[] = []
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith("/") || !isObject(item)) continue
    for (const method of METHODS) {
      const operation = item[method]
      if (isObject(operation)) out.push({ path, method, operation, pointer: pointerOf(["paths", path, method]) })
    }
  }
  return out
}

/**
 * Whether a key's value is data (an example, a default, an enum), never schema, so a `$ref` in it
 * is text: `responses.default` is a response, and an `examples` map (not list) holds Example Objects.
 */
const isData = (key: string, value: Json, parent: string | number | undefined): boolean =>
  key === "example" || key === "const" || key === "enum" || key === "x-examples" || (key === "default" && parent !== "responses") || (key === "examples" && Array.isArray(value))

export interface RefUse {
  readonly ref: string
  /** Pointer of the `$ref` key itself. */
  readonly pointer: string
}

/**
 * Calls `visit` with every key of the document, its value and the tokens of the object that holds
 * it, entering every value but data (unless `inData`): an example is not searched for `$ref`s or
 * for more examples.
 */
const eachKey = (api: Json, visit: (key: string, value: Json, holder: ReadonlyArray<string | number>) => void, inData = false): void => {
  const walk = (node: Json, tokens: ReadonlyArray<string | number>) => {
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...tokens, i]))
    else if (isObject(node)) {
      for (const [key, value] of Object.entries(node)) {
        visit(key, value, tokens)
        if (inData || !isData(key, value, tokens[tokens.length - 1])) walk(value, [...tokens, key])
      }
    }
  }
  walk(api, [])
}

/** The document's `$ref`s; with `inData`, also those written inside examples, defaults and enums. */
export const refsOf = (api: Json, inData = false): RefUse[] => {
  const out: RefUse[] = []
  eachKey(
    api,
    (key, value, holder) => {
      if (key === "$ref" && typeof value === "string") out.push({ ref: value, pointer: pointerOf([...holder, key]) })
    },
    inData
  )
  return out
}

/** Keys whose entries are names chosen by the author (a property may be called `example`). */
const NAMED = new Set(["properties", "patternProperties", "schemas", "$defs", "definitions"])

/** Whether the document shows an example anywhere: an `example` or `examples` key that is not a name. */
export const hasExample = (api: Json): boolean => {
  let found = false
  eachKey(api, (key, _value, holder) => {
    const parent = holder[holder.length - 1]
    if ((key === "example" || key === "examples") && !(typeof parent === "string" && NAMED.has(parent))) found = true
  })
  return found
}

/** The names `components.securitySchemes` declares. */
export const securitySchemesOf = (api: JsonObject): string[] => (isObject(api.components) && isObject(api.components.securitySchemes) ? Object.keys(api.components.securitySchemes) : [])

export interface SchemeUse {
  readonly name: string
  /** Pointer of the name's key in its requirement. */
  readonly pointer: string
}

/** Every scheme a `security` requirement names: the document's own and each operation's. */
export const schemeUsesOf = (api: JsonObject): SchemeUse[] => {
  const lists: Array<[Json | undefined, ReadonlyArray<string>]> = [[api.security, ["security"]], ...operationsOf(api).map((op): [Json | undefined, ReadonlyArray<string>] => [op.operation.security, ["paths", op.path, op.method, "security"]])]
  return lists.flatMap(([list, tokens]) =>
    Array.isArray(list) ? list.flatMap((requirement, i) => (isObject(requirement) ? Object.keys(requirement).map((name) => ({ name, pointer: pointerOf([...tokens, i, name]) })) : [])) : []
  )
}

/** The value a local `$ref` (`#/components/schemas/Pet`, URI-encoded or not) points at, if any. */
export const resolveLocal = (api: Json, ref: string): Json | undefined => {
  let decoded = ref
  try {
    decoded = decodeURIComponent(ref)
  } catch {
    // a malformed escape: look the pointer up as written
  }
  if (decoded === "#") return api
  if (!decoded.startsWith("#/")) return undefined
  let node: Json | undefined = api
  for (const token of pointerTokens(decoded.slice(1))) {
    if (Array.isArray(node) && /^\d+$/.test(token)) node = node[Number(token)]
    else if (isObject(node) && Object.prototype.hasOwnProperty.call(node, token)) node = node[token]
    else return undefined
  }
  return node
}

/**
 * The pointer of an id the parser writes without escaping (`/paths/pets/{id}/get`,
 * `/components/schemas/Pet`): at each level the longest key the rest of the id starts with; in
 * arrays an index or an element's `name` (parameters).
 */
export const looseIdToPointer = (api: Json, id: string): string | undefined => {
  const tokens: Array<string | number> = []
  let node: Json | undefined = api
  let rest = id
  while (rest !== "" && rest !== "/") {
    if (Array.isArray(node)) {
      const match = /^\/([^/]+)/.exec(rest)
      if (!match) break
      const items: Json[] = node
      const index: number = /^\d+$/.test(match[1]) ? Number(match[1]) : items.findIndex((item) => isObject(item) && item.name === match[1])
      if (index < 0 || index >= items.length) break
      tokens.push(index)
      node = items[index]
      rest = rest.slice(match[0].length)
      continue
    }
    if (!isObject(node)) break
    const current: JsonObject = node
    const fits = (written: string) => rest === written || rest.startsWith(`${written}/`)
    const key = Object.keys(current)
      .filter((candidate) => fits(`/${candidate}`) || (candidate.startsWith("/") && fits(candidate)))
      .sort((a, b) => b.length - a.length)[0]
    if (key === undefined) break
    tokens.push(key)
    node = current[key]
    rest = rest.slice(fits(`/${key}`) ? key.length + 1 : key.length)
  }
  return tokens.length === 0 ? undefined : pointerOf(tokens)
}

/** `paths › /pets/{id} › get` for a pointer, to name a place in a message. */
export const describePointer = (pointer: string): string => (pointer === "" ? "the document root" : pointerTokens(pointer).join(" › "))
