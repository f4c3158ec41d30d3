/** The ERD dataset: connected slices of each domain's data model, written in varied styles. */
import {
  DOMAIN_IDS,
  camelCase,
  connectedSlice,
  domain,
  phrase,
  sentenceCase,
  snakeCase,
  uniqueExamples,
  upperSnakeCase,
  type DomainRelation,
  type Rng
} from "@lfai/artifact-kit"
import type { DatasetExample, DatasetGenerator } from "@lfai/core"

const CARDINALITY: Readonly<Record<DomainRelation["kind"], ReadonlyArray<string>>> = {
  "1n": ["||--o{", "||--|{"],
  "0n": ["||--o{", "|o--o{"],
  "11": ["||--||"],
  "01": ["||--o|"],
  nn: ["}o--o{", "}|--|{"]
}

const INSTRUCTIONS = [
  (title: string, names: string) => `Design an entity-relationship diagram for ${title}. Cover ${names}.`,
  (title: string, names: string) => `Create a Mermaid ER diagram of the data model behind ${title}, with the entities ${names}, their attributes, keys and relationships.`,
  (title: string, names: string) => `We are building ${title}. Draw the database schema (${names}) as a Mermaid erDiagram.`,
  (title: string, names: string) => `Model the tables ${names} for ${title} as an ERD with primary and foreign keys and cardinalities.`,
  (title: string) => `Sketch the core data model for ${title} as a Mermaid entity-relationship diagram.`,
  (title: string, names: string) => `Give me an erDiagram for ${title}: entities ${names}, with typed attributes and labelled relationships.`
]

const make = (rng: Rng, domainId: string): DatasetExample => {
  const d = domain(domainId)
  const size = rng.weighted<number>([[2, 2], [3, 4], [4, 5], [5, 5], [6, 3], [7, 2], [8, 1]])
  const { entities, relations } = connectedSlice(rng, d, size, 0.6)
  const upper = rng.chance(0.6)
  const entityName = (name: string) => (upper ? upperSnakeCase(name) : name)
  const attrName = rng.chance(0.8) ? snakeCase : camelCase
  const indent = rng.pick(["  ", "    ", "\t"])
  const quoteAll = rng.chance(0.3)
  const commentRate = rng.pick([0, 0, 0.15, 0.4])
  const nonIdentifying = rng.pick([0, 0.2, 0.5])

  const blocks = new Map<string, string[]>()
  for (const entity of entities) {
    const keep = rng.sample(entity.attributes.slice(1), rng.int(1, entity.attributes.length - 1))
    const attrs = [entity.attributes[0], ...entity.attributes.slice(1).filter((a) => keep.includes(a))]
    const fks = relations.filter((r) => r.to === entity.name && r.kind !== "nn").map((r) => ({ name: `${snakeCase(r.from)}_id`, type: entity.attributes[0].type, key: "FK" }))
    const lines = [...attrs, ...fks].map((a) => {
      const comment = rng.chance(commentRate) ? ` "${sentenceCase(a.name)}"` : ""
      const key = "key" in a && a.key ? ` ${a.key}` : ""
      return `${indent}${indent}${a.type} ${attrName(a.name)}${key}${comment}`
    })
    blocks.set(entity.name, [`${indent}${entityName(entity.name)} {`, ...lines, `${indent}}`])
  }
  const relLines = relations.map((r) => {
    let card = rng.pick(CARDINALITY[r.kind])
    if (rng.chance(nonIdentifying)) card = card.replace("--", "..")
    const label = quoteAll || r.verb.includes("_") ? (rng.chance(0.5) ? `"${phrase(r.verb)}"` : r.verb) : r.verb
    return `${indent}${entityName(r.from)} ${card} ${entityName(r.to)} : ${label}`
  })

  const out = ["erDiagram"]
  if (rng.chance(0.12)) out.push(`${indent}direction ${rng.pick(["LR", "TB", "RL"])}`)
  if (rng.chance(0.15)) out.push(`${indent}%% ${d.title}: ${entities.length} entities`)
  const layout = rng.int(0, 2)
  if (layout === 0) out.push(...relLines, ...[...blocks.values()].flat())
  else if (layout === 1) out.push(...[...blocks.values()].flat(), ...relLines)
  else {
    const used = new Set<number>()
    for (const [name, block] of blocks) {
      out.push(...block)
      relations.forEach((r, i) => {
        if (!used.has(i) && (r.from === name || r.to === name) && blocks.has(r.from) && blocks.has(r.to)) {
          used.add(i)
          out.push(relLines[i])
        }
      })
    }
    relLines.forEach((line, i) => used.has(i) || out.push(line))
  }
  const names = entities.map((e) => sentenceCase(e.name).toLowerCase()).join(", ")
  return {
    instruction: rng.pick(INSTRUCTIONS)(d.title, names),
    output: out.join("\n"),
    domain: d.id,
    meta: { entities: entities.length, relationships: relations.length, style: upper ? "upper-snake" : "pascal", layout }
  }
}

export const erdDataset: DatasetGenerator = {
  domains: DOMAIN_IDS,
  generate: ({ seed, count }) => uniqueExamples({ seed, count, domains: DOMAIN_IDS, label: "erd", make: (rng, d) => make(rng, d) })
}
