/**
 * A domain seen as code: one entity with the attributes an example uses, its neighbours, its
 * lifecycle, and the spellings and types TypeScript and C# give them.
 */
import { camelCase, pascalCase, phrase, words, type AttributeType, type Domain, type DomainEntity, type Lifecycle, type Rng } from "@lfai/artifact-kit"

const IRREGULAR: Readonly<Record<string, string>> = {
  BillOfMaterials: "BillsOfMaterials",
  Media: "MediaItems",
  Baggage: "BaggageItems",
  Housekeeping: "HousekeepingTasks",
  Equipment: "EquipmentItems",
  Staff: "StaffMembers"
}

/** `Category` → `Categories`, `Match` → `Matches`, `Order` → `Orders`. */
export const plural = (name: string): string => {
  if (IRREGULAR[name]) return IRREGULAR[name]
  if (/[^aeiou]y$/i.test(name)) return `${name.slice(0, -1)}ies`
  if (/(?:s|x|z|ch|sh)$/i.test(name)) return `${name}es`
  return `${name}s`
}

/** `OrderLine` → `order-line`. */
export const kebab = (name: string): string => words(name).map((word) => word.toLowerCase()).join("-")

/** `OrderLine` → `order lines` (for prompts). */
export const pluralPhrase = (name: string): string => phrase(plural(name))

export interface Field {
  /** snake_case, as the domain names it. */
  readonly source: string
  readonly type: AttributeType
  readonly unique: boolean
  /** camelCase (TypeScript). */
  readonly ts: string
  /** PascalCase (C#). */
  readonly cs: string
  /** Words, for prompts: `unit price`. */
  readonly words: string
}

export interface EntityView {
  readonly name: string
  readonly plural: string
  readonly id: Field
  /** The attributes this example uses, the key excluded. */
  readonly fields: ReadonlyArray<Field>
  readonly entity: DomainEntity
}

const field = (attribute: { readonly name: string; readonly type: AttributeType; readonly key?: "PK" | "UK" }): Field => ({
  source: attribute.name,
  type: attribute.type,
  unique: attribute.key === "UK",
  ts: camelCase(attribute.name),
  cs: pascalCase(attribute.name),
  words: phrase(attribute.name)
})

/** An entity with `min`..`max` of its attributes (in their order), the key kept apart. */
export const view = (rng: Rng, entity: DomainEntity, min = 2, max = 6): EntityView => {
  const rest = entity.attributes.slice(1)
  const keep = new Set(rng.sample(rest, Math.min(rest.length, rng.int(Math.min(min, rest.length), Math.min(max, rest.length)))))
  return {
    name: entity.name,
    plural: plural(entity.name),
    id: field(entity.attributes[0]),
    fields: rest.filter((attribute) => keep.has(attribute)).map(field),
    entity
  }
}

/** The entities related to `name` in the domain; `owner`: `name` is on the "one" side (it has many of the other). */
export const neighbours = (d: Domain, name: string): Array<{ readonly entity: DomainEntity; readonly owner: boolean }> =>
  d.relations.flatMap((relation) => {
    const other = relation.from === name ? relation.to : relation.to === name ? relation.from : undefined
    const entity = d.entities.find((candidate) => candidate.name === other)
    return entity === undefined || other === name ? [] : [{ entity, owner: relation.from === name }]
  })

export const lifecycleOf = (d: Domain, name: string): Lifecycle | undefined => d.lifecycles.find((lifecycle) => lifecycle.entity === name)

/** An entity with a lifecycle when `preferLifecycle` and the domain has one, else any entity. */
export const pickEntity = (rng: Rng, d: Domain, preferLifecycle = false): DomainEntity => {
  if (preferLifecycle && d.lifecycles.length > 0) {
    const name = rng.pick(d.lifecycles).entity
    return d.entities.find((entity) => entity.name === name) ?? rng.pick(d.entities)
  }
  return rng.pick(d.entities)
}

export const TS_TYPE: Readonly<Record<AttributeType, string>> = {
  int: "number",
  decimal: "number",
  float: "number",
  string: "string",
  text: "string",
  boolean: "boolean",
  date: "string",
  datetime: "string",
  uuid: "string"
}

/** The C# type of an attribute; `dateTime` picks `DateTime` or `DateTimeOffset` for the whole example. */
export const csType = (type: AttributeType, dateTime: "DateTime" | "DateTimeOffset"): string =>
  ({ int: "int", decimal: "decimal", float: "double", string: "string", text: "string", boolean: "bool", date: "DateOnly", datetime: dateTime, uuid: "Guid" })[type]

/** `PendingPayment` → `Pending payment`. */
export const label = (name: string): string => {
  const all = words(name).map((word) => word.toLowerCase())
  return all.length === 0 ? "" : `${all[0].charAt(0).toUpperCase()}${all[0].slice(1)}${all.length > 1 ? ` ${all.slice(1).join(" ")}` : ""}`
}

/** `place_order` → `placeOrder`; `Item in stock?` → `itemInStock`. */
export const camel = (text: string): string => camelCase(text.replace(/[?!.]/g, ""))
export const pascal = (text: string): string => pascalCase(text.replace(/[?!.]/g, ""))
