/**
 * OpenAPI 3.0/3.1 documents: the floor (parses, is OpenAPI 3.0/3.1, `$ref`s resolve inside the
 * document, the maintained validator accepts it, ≥ 1 operation) and the scored checks above it.
 */
import type { ScoreSheet } from "@lfai/artifact-kit"
import { describePointer, hasExample, isObject, looseIdToPointer, operationsOf, refsOf, resolveLocal, schemeUsesOf, securitySchemesOf, type Json, type JsonObject } from "./document.ts"
import { validateWithParser, type ParserOutcome } from "./schema.ts"
import { parseSource, pointerOf } from "./source.ts"

export const OPENAPI_PENALTIES = {
  "parse-error": { each: 30, cap: 60 },
  "wrong-type": 90,
  "openapi-version": 40,
  "remote-ref": { each: 20, cap: 40 },
  "dangling-ref": { each: 20, cap: 40 },
  "undeclared-security-scheme": { each: 20, cap: 40 },
  "schema-invalid": { each: 15, cap: 45 },
  "no-operations": 40,
  "validator-failed": 50,
  "missing-operation-id": { each: 2, cap: 8 },
  "duplicate-operation-id": { each: 4, cap: 8 },
  "missing-success-response": { each: 3, cap: 9 },
  "missing-error-response": { each: 2, cap: 8 },
  "missing-description": { each: 1, cap: 5 },
  "inline-schema": { each: 2, cap: 6 },
  "unused-schema": { each: 1, cap: 3 },
  "missing-examples": 4,
  "missing-servers": 4,
  "missing-security": 4
} as const

/** Recent answers by document, so one repeated during a repair or a retry is not validated twice. */
const recent = new Map<string, ParserOutcome>()
const RECENT = 32

const parserOutcome = (api: JsonObject): ParserOutcome => {
  const key = JSON.stringify(api)
  const known = recent.get(key)
  if (known) return known
  const outcome = validateWithParser(api)
  if (outcome.kind === "done") {
    recent.set(key, outcome)
    if (recent.size > RECENT) recent.delete(recent.keys().next().value!)
  }
  return outcome
}

const each = (sheet: ScoreSheet, severity: "error" | "warning", code: keyof typeof OPENAPI_PENALTIES, findings: ReadonlyArray<{ message: string; line?: number }>) => {
  const penalty = OPENAPI_PENALTIES[code] as { each: number; cap: number }
  sheet.each(severity, code, findings, penalty.each, penalty.cap)
}

interface ParserFinding {
  readonly message: string
  readonly line: number
  /** Whether the place named is where it is written, not a place reached through a `$ref`. */
  readonly written: boolean
}

/**
 * One parser message, with its place in the source. `duplicates` counts the messages about each
 * duplicated operationId so far: the parser gives one per use after the first, in document order.
 */
const mapParserMessage = (api: JsonObject, message: string, pointers: Readonly<Record<number, string>>, lineOf: (pointer: string) => number, duplicates: Map<string, number>): ParserFinding => {
  const [first, ...rest] = message.split("\n")
  const framed = rest.find((line) => /^>\s*\d+\s*\|/.test(line))
  if (framed) {
    // an ajv error with a code frame over the dereferenced document printed as JSON
    const pointer = pointers[Number(/^>\s*(\d+)/.exec(framed)![1])]
    const hint = rest.map((line) => /\|\s*\^+\s*(.+)$/.exec(line)?.[1]).find((found) => found !== undefined)
    const what = first.replace(/^[A-Z][A-Z ]+\s(?=[a-z])/, "")
    const where = pointer === undefined ? "" : ` at ${describePointer(pointer)}`
    return {
      message: `OpenAPI schema validation${where}: ${what}${hint ? ` (${hint.replace(/!$/, "")})` : ""}.`,
      line: pointer === undefined ? 1 : lineOf(pointer),
      written: pointer !== undefined && resolveLocal(api, `#${pointer}`) !== undefined
    }
  }
  const duplicated = /^The operationId `(.+)` is duplicated/.exec(first)
  if (duplicated) {
    const uses = operationsOf(api).filter((op) => op.operation.operationId === duplicated[1])
    const nth = (duplicates.get(duplicated[1]) ?? 0) + 1
    duplicates.set(duplicated[1], nth)
    const use = uses[nth] ?? uses[uses.length - 1]
    return { message: first, line: use ? lineOf(`${use.pointer}/operationId`) : 1, written: true }
  }
  const id = /`(\/[^`]+)`/.exec(first)?.[1]
  // the parser resolves every `$ref`, even one inside an example, which the checks before it leave alone
  const missing = /^Missing \$ref pointer "(.*?)"/.exec(first)?.[1]
  const pointer = id !== undefined ? looseIdToPointer(api, id) : missing !== undefined ? refsOf(api, true).find((use) => use.ref === missing)?.pointer : undefined
  return { message: `OpenAPI validation: ${first}`, line: pointer === undefined ? 1 : lineOf(pointer), written: true }
}

const SUCCESS = /^(?:2\d\d|2XX|3\d\d|3XX)$/i
const FAILURE = /^(?:[45]\d\d|[45]XX|default)$/i

const quality = (api: JsonObject, sheet: ScoreSheet, lineOf: (pointer: string) => number, parserWarnings: ReadonlyArray<{ message: string; line: number }>) => {
  const operations = operationsOf(api)
  const name = (op: (typeof operations)[number]) => `${op.method.toUpperCase()} ${op.path}`
  each(sheet, "warning", "missing-operation-id", operations.filter((op) => typeof op.operation.operationId !== "string" || op.operation.operationId === "").map((op) => ({ message: `${name(op)} has no operationId (clients and SDK generators name their methods after it).`, line: lineOf(op.pointer) })))
  each(sheet, "warning", "duplicate-operation-id", parserWarnings.filter((warning) => /operationId/.test(warning.message)))
  const responses = (op: (typeof operations)[number]) => (isObject(op.operation.responses) ? Object.keys(op.operation.responses) : [])
  each(sheet, "warning", "missing-success-response", operations.filter((op) => !responses(op).some((code) => SUCCESS.test(code))).map((op) => ({ message: `${name(op)} documents no success (2xx) response.`, line: lineOf(`${op.pointer}/responses`) })))
  each(sheet, "warning", "missing-error-response", operations.filter((op) => !responses(op).some((code) => FAILURE.test(code))).map((op) => ({ message: `${name(op)} documents no error response (4xx, 5xx or default).`, line: lineOf(`${op.pointer}/responses`) })))
  each(sheet, "warning", "missing-description", operations.filter((op) => !op.operation.summary && !op.operation.description).map((op) => ({ message: `${name(op)} has neither a summary nor a description.`, line: lineOf(op.pointer) })))

  // schemas of request and response bodies: defined once in components and referenced
  const inline: Array<{ message: string; line: number }> = []
  for (const op of operations) {
    const bodies: Array<[string, Json | undefined]> = [[`${op.pointer}/requestBody`, op.operation.requestBody], ...Object.entries(isObject(op.operation.responses) ? op.operation.responses : {}).map(([code, response]) => [pointerOf(["paths", op.path, op.method, "responses", code]), response] as [string, Json])]
    for (const [pointer, body] of bodies) {
      if (!isObject(body) || !isObject(body.content)) continue
      for (const [media, content] of Object.entries(body.content)) {
        const schema = isObject(content) ? content.schema : undefined
        if (isObject(schema) && schema.$ref === undefined && isObject(schema.properties) && Object.keys(schema.properties).length >= 3) {
          inline.push({ message: `${name(op)} defines an object schema inline (${media}): put it in components.schemas and reference it with $ref.`, line: lineOf(`${pointer}/content/${media.replace(/~/g, "~0").replace(/\//g, "~1")}/schema`) })
        }
      }
    }
  }
  each(sheet, "warning", "inline-schema", inline)
  const schemas = isObject(api.components) && isObject(api.components.schemas) ? Object.keys(api.components.schemas) : []
  const used = new Set(refsOf(api).map((use) => use.ref))
  // a reference into a schema (`#/components/schemas/Order/properties/status`) uses it too
  const isUse = (ref: string, target: string) => ref === target || ref.startsWith(`${target}/`)
  each(sheet, "warning", "unused-schema", schemas.filter((schema) => ![...used].some((ref) => isUse(ref, `#/components/schemas/${schema}`) || isUse(ref, `#/components/schemas/${encodeURIComponent(schema)}`))).map((schema) => ({ message: `components.schemas.${schema} is never referenced.`, line: lineOf(pointerOf(["components", "schemas", schema])) })))

  if (!hasExample(api) && operations.length > 0) sheet.warn("missing-examples", "No example or examples anywhere: show a request or response body.", OPENAPI_PENALTIES["missing-examples"], lineOf("/paths"))
  if (!Array.isArray(api.servers) || api.servers.length === 0) sheet.warn("missing-servers", "No `servers`: say where the API is served.", OPENAPI_PENALTIES["missing-servers"], 1)
  const schemes = securitySchemesOf(api)
  // a requirement applies a scheme when it names one: `security: []` and `- {}` apply none
  const appliesScheme = (security: Json | undefined) => Array.isArray(security) && security.some((requirement) => isObject(requirement) && Object.keys(requirement).length > 0)
  const applied = appliesScheme(api.security) || operations.some((op) => appliesScheme(op.operation.security))
  const declaredPublic = Array.isArray(api.security) && !appliesScheme(api.security)
  if (schemes.length === 0 ? !declaredPublic : !applied) {
    sheet.warn("missing-security", schemes.length === 0 ? "No security scheme in components.securitySchemes: say how clients authenticate (or declare the API public with `security: []`)." : "Security schemes are declared but no `security` requirement applies them.", OPENAPI_PENALTIES["missing-security"], schemes.length === 0 ? 1 : lineOf("/components/securitySchemes"))
  }
}

/** Judges `text` as an OpenAPI document. */
export const judgeOpenApi = (text: string, sheet: ScoreSheet): void => {
  const source = parseSource(text)
  if (!source.ok) {
    each(sheet, "error", "parse-error", source.errors)
    return
  }
  const kind = source.json ? "JSON" : "YAML"
  const api = source.data as Json
  if (!isObject(api)) {
    sheet.error("wrong-type", `Expected an OpenAPI 3.0 or 3.1 document; this is a ${kind} ${Array.isArray(api) ? "list" : "scalar"}, not a mapping.`, OPENAPI_PENALTIES["wrong-type"], 1)
    return
  }
  const line = (key: string) => source.lineOf(`/${key}`)
  if (api.swagger !== undefined) {
    sheet.error("wrong-type", `This is a Swagger ${String(api.swagger)} document (OpenAPI 2): expected OpenAPI 3.0 or 3.1 (\`openapi: 3.1.0\`, \`components\` instead of \`definitions\`).`, OPENAPI_PENALTIES["wrong-type"], line("swagger"))
    return
  }
  if (api.asyncapi !== undefined) {
    sheet.error("wrong-type", `This is an AsyncAPI ${String(api.asyncapi)} document (event-driven APIs): expected an OpenAPI 3.0 or 3.1 description of an HTTP API.`, OPENAPI_PENALTIES["wrong-type"], line("asyncapi"))
    return
  }
  const version = api.openapi
  if (version === undefined) {
    if (api.paths === undefined && api.info === undefined) {
      sheet.error("wrong-type", `Expected an OpenAPI 3.0 or 3.1 document; this ${kind} has no \`openapi\`, \`info\` or \`paths\`.`, OPENAPI_PENALTIES["wrong-type"], 1)
      return
    }
    sheet.error("openapi-version", "The `openapi` field is missing: start the document with `openapi: 3.1.0` (or 3.0.3).", OPENAPI_PENALTIES["openapi-version"], 1)
    return
  }
  if (typeof version !== "string" || !/^3\.[01]\.\d+(?:-[\w.]+)?$/.test(version)) {
    const major = /^\s*(\d+)/.exec(String(version))?.[1]
    if (major !== "3") {
      sheet.error("wrong-type", `\`openapi: ${String(version)}\` is not OpenAPI 3.0 or 3.1.`, OPENAPI_PENALTIES["wrong-type"], line("openapi"))
      return
    }
    sheet.error("openapi-version", typeof version === "string" ? `\`openapi: ${version}\` is not supported: use 3.0.x or 3.1.x (e.g. 3.1.0).` : `\`openapi\` must be a version string such as "3.1.0"; ${String(version)} is a ${typeof version} (quote it, with its patch number).`, OPENAPI_PENALTIES["openapi-version"], line("openapi"))
    return
  }

  const refs = refsOf(api)
  const remote = refs.filter((use) => !use.ref.startsWith("#"))
  const dangling = refs.filter((use) => use.ref.startsWith("#") && resolveLocal(api, use.ref) === undefined)
  each(sheet, "error", "remote-ref", remote.map((use) => ({ message: `\`$ref: ${use.ref}\` points outside this document; it is not fetched. Define the component under \`components\` and reference it as \`#/components/…\`.`, line: source.lineOf(use.pointer) })))
  each(sheet, "error", "dangling-ref", dangling.map((use) => ({ message: `\`$ref: ${use.ref}\` points at nothing in this document.`, line: source.lineOf(use.pointer) })))
  // the parser does not check that a requirement names a declared scheme; the specification requires it
  const schemes = securitySchemesOf(api)
  const declared = schemes.length === 0 ? "declares none" : `declares ${schemes.map((name) => `\`${name}\``).join(", ")}`
  each(sheet, "error", "undeclared-security-scheme", schemeUsesOf(api).filter((use) => !schemes.includes(use.name)).map((use) => ({ message: `A \`security\` requirement names \`${use.name}\`, a scheme that \`components.securitySchemes\` does not declare (it ${declared}).`, line: source.lineOf(use.pointer) })))

  const operations = operationsOf(api)
  if (operations.length === 0) {
    sheet.error("no-operations", "The document describes no operation: add at least one path with an operation (`paths: /orders: get: …`).", OPENAPI_PENALTIES["no-operations"], api.paths === undefined ? 1 : line("paths"))
  }

  let parserWarnings: Array<{ message: string; line: number }> = []
  if (dangling.length === 0) {
    const outcome = parserOutcome(api)
    if (outcome.kind === "timeout") sheet.error("validator-failed", `The OpenAPI validator did not answer within ${outcome.ms / 1000} s.`, OPENAPI_PENALTIES["validator-failed"], 1)
    else if (outcome.kind === "failed") sheet.error("validator-failed", `The OpenAPI validator failed: ${outcome.error}.`, OPENAPI_PENALTIES["validator-failed"], 1)
    else {
      const duplicates = new Map<string, number>()
      const map = (message: string) => mapParserMessage(api, message, outcome.pointers, source.lineOf, duplicates)
      // a schema reached by several $refs is reported once per use: one issue per place in the
      // source, naming the place where it is written rather than one that reaches it by a $ref
      const errors = new Map<string, ParserFinding>()
      for (const error of (outcome.result.errors ?? []).map((error) => map(error.message))) {
        const key = `${error.line}:${error.message.replace(/ at [^:]*:/, ":")}`
        const kept = errors.get(key)
        if (kept === undefined || (!kept.written && error.written)) errors.set(key, error)
      }
      if (!outcome.result.valid) each(sheet, "error", "schema-invalid", [...errors.values()])
      parserWarnings = outcome.result.warnings.map((warning) => map(warning.message))
    }
  }
  quality(api, sheet, source.lineOf, parserWarnings)
}
