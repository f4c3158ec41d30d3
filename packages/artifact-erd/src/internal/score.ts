/**
 * ERD scoring (floor: `erDiagram`; ≥ 2 entities with attributes; ≥ 1 relationship).
 * The table in README.md lists every code and its points.
 */
import { isPlaceholderName, mixedNamingStyles } from "@lfai/artifact-kit"
import type { ScoreContext } from "@lfai/artifact-kit/diagram"
import { blockLine, lineOf, linesMentioning, type ErDiagram } from "@lfai/mermaid"

export const scoreErd = (diagram: ErDiagram, { text, headerLine, sheet }: ScoreContext): void => {
  // an entity's line: its attribute block if it has one, else where it is first named
  const at = (name: string) => blockLine(text, name) ?? lineOf(text, name, headerLine + 1)
  const withAttributes = diagram.entities.filter((entity) => entity.attributes.length > 0)
  if (withAttributes.length < 2) {
    sheet.error(
      "too-few-entities",
      `An ERD needs at least 2 entities with attributes; this one has ${withAttributes.length} (of ${diagram.entities.length} entities). Declare attributes as \`ENTITY { type name PK }\`.`,
      35,
      headerLine
    )
  }
  if (diagram.relationships.length === 0) {
    sheet.error("no-relationships", "An ERD needs at least one relationship, e.g. `CUSTOMER ||--o{ ORDER : places`.", 35, headerLine)
  }

  const related = new Set(diagram.relationships.flatMap((r) => [r.from, r.to]))
  sheet.each(
    "warning",
    "entity-without-attributes",
    diagram.entities.filter((e) => e.attributes.length === 0).map((e) => ({ message: `Entity ${e.name} declares no attributes.`, line: at(e.name) })),
    4,
    12
  )
  sheet.each(
    "warning",
    "missing-primary-key",
    withAttributes.filter((e) => !e.attributes.some((a) => a.keys.includes("PK"))).map((e) => ({ message: `Entity ${e.name} has no primary key (PK).`, line: at(e.name) })),
    3,
    12
  )
  if (diagram.relationships.length > 0) {
    sheet.each(
      "warning",
      "orphan-entity",
      diagram.entities.filter((e) => !related.has(e.name)).map((e) => ({ message: `Entity ${e.name} takes part in no relationship.`, line: at(e.name) })),
      5,
      15
    )
  }
  // a relationship's line: the k-th line naming both ends, for the k-th relationship between them
  const pairs = new Map<string, number>()
  const lineOfRelationship = diagram.relationships.map((r) => {
    const pair = [r.from, r.to].sort().join("\u0000")
    const k = pairs.get(pair) ?? 0
    pairs.set(pair, k + 1)
    return linesMentioning(text, [r.from, r.to], headerLine + 1)[k] ?? at(r.from)
  })
  sheet.each(
    "warning",
    "unlabeled-relationship",
    diagram.relationships.flatMap((r, i) => (r.label.trim() === "" ? [{ message: `The relationship ${r.from}–${r.to} has an empty label.`, line: lineOfRelationship[i] }] : [])),
    2,
    8
  )
  const seenPairs = new Set<string>()
  const duplicates = diagram.relationships.flatMap((r, i) => {
    const key = `${[r.from, r.to].sort().join("\u0000")}\u0000${r.label.trim().toLowerCase()}`
    if (!seenPairs.has(key)) {
      seenPairs.add(key)
      return []
    }
    return [{ message: `The relationship ${r.from}–${r.to} "${r.label}" is declared twice.`, line: lineOfRelationship[i] }]
  })
  sheet.each("warning", "duplicate-relationship", duplicates, 3, 9)
  sheet.each(
    "warning",
    "duplicate-attribute",
    diagram.entities.flatMap((e) =>
      e.attributes
        .filter((a, i) => e.attributes.findIndex((b) => b.name.toLowerCase() === a.name.toLowerCase()) !== i)
        .map((a) => ({ message: `Entity ${e.name} declares attribute ${a.name} twice.`, line: at(e.name) }))
    ),
    3,
    9
  )
  sheet.each(
    "warning",
    "placeholder-name",
    diagram.entities.filter((e) => isPlaceholderName(e.name)).map((e) => ({ message: `Entity name "${e.name}" says nothing about what it models.`, line: at(e.name) })),
    3,
    9
  )
  const entityStyles = mixedNamingStyles(diagram.entities.map((e) => e.name))
  if (entityStyles.length > 0) sheet.warn("inconsistent-naming", `Entity names mix naming styles (${entityStyles.join(", ")}).`, 4)
  const attributeStyles = mixedNamingStyles(diagram.entities.flatMap((e) => e.attributes.map((a) => a.name)))
  if (attributeStyles.length > 0) sheet.warn("inconsistent-naming", `Attribute names mix naming styles (${attributeStyles.join(", ")}).`, 3)
}
