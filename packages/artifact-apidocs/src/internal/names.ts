/**
 * The names API documentation is made of — what a request for it would name: its paths, the
 * resources in them, its operations (ids, summaries, `METHOD /path`), tags, schemas and their
 * properties; for Markdown docs the endpoint headings and section titles. Never descriptions or
 * comments.
 */
import { toString } from "mdast-util-to-string"
import { detectFormat } from "./format.ts"
import { parseMarkdown } from "./markdown/validate.ts"
import { isObject, operationsOf, type Json } from "./openapi/document.ts"
import { parseSource } from "./openapi/source.ts"

/** `/customers/{customerId}/orders` → `customers`, `orders`. */
const resourcesOf = (path: string): string[] => path.split("/").filter((segment) => segment !== "" && !/^[{:]/.test(segment) && !/^v\d+$/i.test(segment))

export const apiNames = (text: string): string[] => {
  const names = new Set<string>()
  const add = (name: unknown) => {
    if (typeof name === "string" && name.trim() !== "" && name.length <= 120) names.add(name.trim())
  }
  const detected = detectFormat(text)
  if (detected.format === "openapi") {
    const source = parseSource(text)
    if (!source.ok || !isObject(source.data as Json)) return []
    const api = source.data as Json & object
    if (!isObject(api)) return []
    if (isObject(api.info)) add(api.info.title)
    for (const op of operationsOf(api)) {
      add(op.path)
      resourcesOf(op.path).forEach(add)
      add(`${op.method.toUpperCase()} ${op.path}`)
      add(op.operation.operationId)
      add(op.operation.summary)
      if (Array.isArray(op.operation.tags)) op.operation.tags.forEach(add)
    }
    if (Array.isArray(api.tags)) for (const tag of api.tags) if (isObject(tag)) add(tag.name)
    if (isObject(api.components) && isObject(api.components.schemas)) {
      for (const [name, schema] of Object.entries(api.components.schemas)) {
        add(name)
        if (isObject(schema) && isObject(schema.properties)) Object.keys(schema.properties).forEach(add)
      }
    }
    if (isObject(api.webhooks)) Object.keys(api.webhooks).forEach(add)
  } else if (detected.format === "markdown") {
    const { headings, endpoints } = parseMarkdown(text)
    for (const heading of headings) add(toString(heading))
    for (const endpoint of endpoints) {
      add(`${endpoint.method} ${endpoint.path}`)
      add(endpoint.path)
      resourcesOf(endpoint.path).forEach(add)
    }
  }
  return [...names]
}
