/**
 * What an ERD is made of, for relevance: its entities (names and display aliases) and their
 * attributes — but not the attributes that only point at another entity (`FK`, `doctor_id`): a
 * reference to a doctor is not a DOCTOR entity.
 */
import type { ArtifactNames } from "@lfai/artifact-kit"
import type { ErAttribute, ErDiagram } from "@lfai/mermaid"

const isReference = (attribute: ErAttribute) => attribute.keys.includes("FK") || /(?:_id|[a-z]Id|_ID)$/.test(attribute.name)

export const erdNames = (diagram: ErDiagram): ArtifactNames => ({
  noun: "entities",
  names: diagram.entities.flatMap((entity) => [
    entity.name,
    entity.alias,
    ...entity.attributes.filter((attribute) => !isReference(attribute)).map((attribute) => attribute.name)
  ])
})
