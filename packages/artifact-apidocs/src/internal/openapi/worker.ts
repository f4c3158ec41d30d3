/**
 * The worker thread that runs `@readme/openapi-parser` for the synchronous validator (see
 * `schema.ts`): one request at a time, answered on the port, then the shared flag is raised so the
 * waiting thread wakes. It has a global scope of its own, so nothing another validator installs on
 * the main thread's globals (a `window`, a `document`) reaches the parser.
 */
import { createRequire } from "node:module"
import { workerData, type MessagePort } from "node:worker_threads"
import { lineTable, type ParserRequest, type ParserReply } from "./protocol.ts"

const { port, signal } = workerData as { readonly port: MessagePort; readonly signal: Int32Array }
Atomics.store(signal, 1, 1)

const reply = (message: ParserReply) => {
  port.postMessage(message)
  Atomics.store(signal, 0, 1)
  Atomics.notify(signal, 0)
}

/**
 * The parser builds a new ajv instance for every document, so ajv compiles the OpenAPI JSON Schema
 * again each time (about 200 ms of every validation). Here, in this thread only, ajv's `compile`
 * remembers what it compiled per schema object, class and options, and hands the same validator
 * back while the schema is unchanged (compared as JSON, so a schema the parser edits is compiled
 * anew). The parser, its schemas and ajv still decide every verdict.
 */
const memoizeAjvCompile = () => {
  type Compile = (this: { opts: unknown; constructor: unknown }, schema: unknown, meta?: unknown) => unknown
  const parserRequire = createRequire(import.meta.resolve("@readme/openapi-parser"))
  const core = parserRequire("ajv/dist/core") as { default?: { prototype: { compile: Compile } } }
  const prototype = core.default?.prototype
  if (!prototype || typeof prototype.compile !== "function") return
  const original = prototype.compile
  const compiled = new WeakMap<object, Array<{ key: string; json: string; validator: unknown }>>()
  prototype.compile = function (schema, meta) {
    if (typeof schema !== "object" || schema === null || meta !== undefined) return original.call(this, schema, meta)
    let key: string
    let json: string
    try {
      // the class and its scalar options (its object-valued options are ajv's defaults)
      const scalars = Object.entries(this.opts as Record<string, unknown>).filter(([, value]) => value === null || (typeof value !== "object" && typeof value !== "function"))
      key = `${String((this.constructor as { name?: string }).name)} ${JSON.stringify(scalars)}`
      json = JSON.stringify(schema)
    } catch {
      return original.call(this, schema, meta)
    }
    const entries = compiled.get(schema) ?? []
    const hit = entries.find((entry) => entry.key === key && entry.json === json)
    if (hit) return hit.validator
    const validator = original.call(this, schema, meta)
    compiled.set(schema, [...entries.filter((entry) => entry.key !== key), { key, json, validator }])
    return validator
  }
}

try {
  memoizeAjvCompile()
} catch {
  // without it validation is only slower
}

const parser = import("@readme/openapi-parser")

port.on("message", async (request: ParserRequest) => {
  try {
    const { validate } = await parser
    const api = request.api as Parameters<typeof validate>[0]
    const result = await validate(api, {
      resolve: { external: false },
      timeoutMs: request.timeoutMs,
      validate: { errors: { colorize: false }, rules: { openapi: { "duplicate-operation-id": "warning" } } }
    })
    // The schema errors point at lines of the dereferenced document printed as JSON (indent 2),
    // which only this thread holds: send each such line's JSON pointer along.
    const pointers = result.valid ? {} : lineTable(api)
    reply({ id: request.id, ok: true, result: JSON.parse(JSON.stringify(result)), pointers })
  } catch (error) {
    reply({ id: request.id, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) })
  }
})
