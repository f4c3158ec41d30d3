/**
 * The ERD dataset: connected parts of each domain's data model, at three levels of detail, in the
 * naming styles the system prompt allows; the request names the entities the answer holds and
 * asks only for what it shows (keys, foreign keys, naming, how much of each entity).
 */
import {
  DOMAIN_IDS,
  article,
  connectedSlice,
  domain,
  enumerate,
  pascalCase,
  pickRegister,
  pluralPhrase,
  relationSentence,
  sentenceCase,
  snakeCase,
  uniqueExamples,
  upperFirst,
  upperSnakeCase,
  writeRequest,
  type DomainAttribute,
  type DomainEntity,
  type DomainRelation,
  type Rng
} from "@lfai/artifact-kit"
import type { DatasetExample, DatasetGenerator } from "@lfai/core"

/** Crow's foot for each kind of relation: what the model says, never a random pick. */
const CARDINALITY: Readonly<Record<DomainRelation["kind"], string>> = {
  "1n": "||--|{",
  "0n": "||--o{",
  "11": "||--||",
  "01": "||--o|",
  nn: "}o--o{"
}

type Detail = "lean" | "essential" | "full"

/** The attributes a level of detail keeps: the key, then a prefix of the rest (they are listed by importance). */
const attributesFor = (entity: DomainEntity, detail: Detail): DomainAttribute[] => {
  const [key, ...rest] = entity.attributes
  const keep = detail === "full" ? rest.length : detail === "essential" ? 2 : 1
  return [key, ...rest.slice(0, keep)]
}

/** How the request writes an entity's name. */
const spell = (name: string, style: number, upper: boolean): string =>
  [pluralPhrase(name), pluralPhrase(name), upper ? upperSnakeCase(name) : pascalCase(name), sentenceCase(name).toLowerCase()][style]

const make = (rng: Rng, domainId: string): DatasetExample => {
  const d = domain(domainId)
  const size = rng.weighted<number>([[2, 2], [3, 5], [4, 6], [5, 5], [6, 3], [7, 2], [8, 1]])
  // every relationship among the chosen entities: a schema of them leaves none out
  const { entities, relations } = connectedSlice(rng, d, size)
  const upper = rng.chance(0.55)
  const entityName = (name: string) => (upper ? upperSnakeCase(name) : pascalCase(name))
  const detail = rng.weighted<Detail>([["lean", 2], ["essential", 4], ["full", 4]])
  const foreignKeys = rng.chance(0.8)
  const indent = rng.pick(["  ", "    "])
  const quoted = rng.chance(0.5)

  const blocks = entities.map((entity) => {
    const own = attributesFor(entity, detail).map((a) => `${a.type} ${snakeCase(a.name)}${a.key ? ` ${a.key}` : ""}`)
    const references = foreignKeys
      ? relations
          .filter((r) => r.to === entity.name && r.kind !== "nn")
          .map((r) => `${d.entities.find((e) => e.name === r.from)?.attributes[0].type ?? "int"} ${snakeCase(r.from)}_id FK`)
      : []
    return { entity, lines: [`${indent}${entityName(entity.name)} {`, ...[...own, ...references].map((line) => `${indent}${indent}${line}`), `${indent}}`] }
  })
  const relationLine = (r: DomainRelation) => {
    const label = quoted || !/^[a-z]+$/.test(r.verb) ? `"${r.verb.replace(/_/g, " ")}"` : r.verb
    return `${indent}${entityName(r.from)} ${CARDINALITY[r.kind]} ${entityName(r.to)} : ${label}`
  }
  const layout = rng.pick(["relations-first", "blocks-first", "interleaved"] as const)
  const out = ["erDiagram"]
  if (layout === "relations-first") out.push(...relations.map(relationLine), ...blocks.flatMap((b) => b.lines))
  else if (layout === "blocks-first") out.push(...blocks.flatMap((b) => b.lines), ...relations.map(relationLine))
  else {
    const written = new Set<DomainRelation>()
    for (const block of blocks) {
      out.push(...block.lines)
      for (const r of relations) {
        const done = blocks.findIndex((b) => b.entity.name === r.from) <= blocks.indexOf(block) && blocks.findIndex((b) => b.entity.name === r.to) <= blocks.indexOf(block)
        if (done && !written.has(r)) {
          written.add(r)
          out.push(relationLine(r))
        }
      }
    }
  }

  // The request: the entities by name, and only what the answer shows.
  const style = rng.int(0, 3)
  const names = enumerate(rng, entities.map((e) => spell(e.name, style, upper)))
  const subject = rng.pick([`the data model of ${d.title}`, `the database behind ${d.title}`, `${d.title}`, `the schema of ${d.title}`])
  const diagram = rng.pick(["ER diagram", "ERD", "entity-relationship diagram", "Mermaid erDiagram", "Mermaid ER diagram"])
  const a = article(diagram)
  const asks = [
    { terse: `${diagram} for ${d.title}: ${names}`, plain: `Draw ${a} ${diagram} of ${subject}: ${names}`, polite: `Could you draw ${a} ${diagram} of ${subject}, please? I need ${names}` },
    { terse: `${names} — ${diagram}`, plain: `Model ${names} for ${d.title} as ${a} ${diagram}`, polite: `Can you model ${names} for ${d.title} as ${a} ${diagram}?` },
    { terse: `${d.title} schema (${names})`, plain: `I need ${a} ${diagram} of ${subject} with ${names}`, polite: `Would you sketch ${a} ${diagram} of ${subject} with ${names}?` }
  ]
  const ask = rng.pick(asks)
  const details: string[] = []
  if (rng.chance(0.5) && relations.length > 0) {
    for (const relation of rng.sample(relations, rng.int(1, Math.min(3, relations.length)))) details.push(upperFirst(relationSentence(relation)))
  }
  const keyWords = foreignKeys ? rng.pick(["Mark primary and foreign keys", "Show PKs and FKs", "Primary keys marked PK, foreign keys FK"]) : rng.pick(["Mark the primary keys; no foreign key columns", "Only PKs, leave out the foreign key columns"])
  if (!foreignKeys || rng.chance(0.6)) details.push(keyWords)
  if (detail === "lean" && rng.chance(0.8)) details.push(rng.pick(["Keep it minimal: the key and one attribute per entity", "Just the key and the main attribute of each entity", "Only the most important attribute besides the key"]))
  if (detail === "full" && rng.chance(0.6)) details.push(rng.pick(["Give every entity all of its attributes", "List every attribute with its type", "Be complete about the attributes"]))
  if (detail === "essential" && rng.chance(0.4)) details.push(rng.pick(["A couple of attributes per entity is enough", "Keep each entity to its key and two attributes"]))
  if (style !== 2 && rng.chance(0.4)) details.push(upper ? rng.pick(["Entity names in UPPER_SNAKE_CASE", "Use upper snake case for the entity names"]) : rng.pick(["Entity names in PascalCase", "Use PascalCase for the entity names"]))
  if (entities.some((e) => attributesFor(e, detail).some((a) => a.key === "UK")) && rng.chance(0.3)) details.push(rng.pick(["Mark the unique columns as UK", "Unique keys marked UK"]))
  if (rng.chance(0.25)) details.push(rng.pick(["Use crow's foot cardinalities", "Show the cardinality of each relationship", "Label every relationship"]))
  const register = pickRegister(rng)
  return {
    instruction: writeRequest(rng, { ask, context: d.business, details: rng.shuffle(details) }, register),
    output: out.join("\n"),
    domain: d.id,
    meta: { entities: entities.length, relationships: relations.length, naming: upper ? "upper-snake" : "pascal", detail, foreignKeys, layout, register }
  }
}

export const erdDataset: DatasetGenerator = {
  domains: DOMAIN_IDS,
  generate: ({ seed, count }) => uniqueExamples({ seed, count, domains: DOMAIN_IDS, label: "erd", make: (rng, d) => make(rng, d) })
}
