/** JSON Schema and example values for a resource's fields, from the domain attribute behind each. */
import { rangeFor, snakeCase, textFor, type Rng } from "@lfai/artifact-kit"
import type { Json, JsonObject } from "../openapi/document.ts"
import type { Field, Resource } from "./model.ts"


const stateValue = (state: string) => snakeCase(state)

/** How a document types its ids: numbers, UUIDs, or prefixed strings (`ord_8f2k`). */
export type IdStyle = "integer" | "uuid" | "prefixed"

export const schemaOf = (rng: Rng, field: Field, resource: Resource, v31: boolean, ids: IdStyle = "integer"): JsonObject => {
  const name = field.attribute.name
  const readOnly: JsonObject = field.readOnly && rng.chance(0.5) ? { readOnly: true } : {}
  if ((name === "status" || name === "state") && resource.lifecycle) return { type: "string", enum: resource.lifecycle.states.map(stateValue), ...readOnly }
  switch (field.attribute.type) {
    case "int":
      if (name === "id" && ids !== "integer") return { type: "string", ...(ids === "uuid" ? { format: "uuid" } : { pattern: `^${resource.schema.slice(0, 3).toLowerCase()}_[A-Za-z0-9]+$` }), ...readOnly }
      return { type: "integer", ...(name === "id" ? { format: "int64" } : /year/.test(name) ? { minimum: 1900 } : rng.chance(0.4) ? { format: "int32" } : {}), ...readOnly }
    case "decimal":
      return rng.chance(0.2) ? { type: "string", pattern: "^\\d+\\.\\d{2}$", description: "Decimal amount as a string" } : { type: "number", ...(rng.chance(0.5) ? { format: "double" } : {}), ...(rng.chance(0.3) ? { minimum: 0 } : {}) }
    case "float":
      return { type: "number", format: "float" }
    case "boolean":
      return { type: "boolean", ...(rng.chance(0.3) ? { default: false } : {}) }
    case "date":
      return { type: "string", format: "date" }
    case "datetime":
      return { type: "string", format: "date-time", ...readOnly }
    case "uuid":
      return { type: "string", format: "uuid", ...readOnly }
    case "text":
      return v31 && rng.chance(0.3) ? { type: ["string", "null"], maxLength: 2000 } : { type: "string", maxLength: rng.pick([500, 1000, 2000, 4000]) }
    default:
      if (/email/.test(name)) return { type: "string", format: "email" }
      if (/url/.test(name)) return { type: "string", format: "uri" }
      if (field.attribute.key === "UK") return { type: "string", ...(rng.chance(0.4) ? { pattern: "^[A-Z0-9-]+$" } : {}), ...(rng.chance(0.3) ? { description: "Unique" } : {}) }
      return { type: "string", ...(rng.chance(0.3) ? { maxLength: rng.pick([64, 120, 255]) } : {}) }
  }
}

export const exampleOf = (rng: Rng, field: Field, resource: Resource, ids: IdStyle = "integer"): Json => {
  const name = field.attribute.name
  if (name === "id" && ids === "uuid") return `${rng.int(0x10000000, 0xffffffff).toString(16)}-${rng.int(0x1000, 0xffff).toString(16)}-4${rng.int(0x100, 0xfff).toString(16)}-a${rng.int(0x100, 0xfff).toString(16)}-${rng.int(0x100000, 0xffffff).toString(16)}${rng.int(0x100000, 0xffffff).toString(16)}`
  if (name === "id" && ids === "prefixed") return `${resource.schema.slice(0, 3).toLowerCase()}_${rng.int(100000, 999999).toString(36)}`
  if ((name === "status" || name === "state") && resource.lifecycle) return stateValue(rng.pick(resource.lifecycle.states))
  const text = textFor(rng, field.attribute, resource.entity)
  if (text !== undefined) return text
  const range = rangeFor(name)
  switch (field.attribute.type) {
    case "int":
      return name === "id" ? rng.int(100, 99999) : range ? rng.int(range[0], range[1]) : rng.int(1, 500)
    case "decimal":
      return range ? rng.int(range[0] * 10, range[1] * 10) / 10 : Number((rng.int(100, 250000) / 100).toFixed(2))
    case "float":
      return range ? Number((rng.int(range[0] * 100, range[1] * 100) / 100).toFixed(2)) : Number((rng.int(10, 99999) / 100).toFixed(1))
    case "boolean":
      return rng.chance(0.5)
    case "date":
      return `2025-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`
    case "datetime":
      return `2025-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}T${String(rng.int(6, 20)).padStart(2, "0")}:${rng.pick(["00", "15", "30", "45"])}:00Z`
    default:
      return `${rng.int(0x10000000, 0xffffffff).toString(16)}-${rng.int(0x1000, 0xffff).toString(16)}-4${rng.int(0x100, 0xfff).toString(16)}-a${rng.int(0x100, 0xfff).toString(16)}-${rng.int(0x100000, 0xffffff).toString(16)}${rng.int(0x100000, 0xffffff).toString(16)}`
  }
}
