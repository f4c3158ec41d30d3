/** What an ERD is made of, for relevance: entities (names and display aliases) and their attributes. */
import type { ArtifactNames } from "@lfai/artifact-kit"
import type { ErDiagram } from "@lfai/mermaid"

export const erdNames = (diagram: ErDiagram): ArtifactNames => ({
  noun: "entities",
  names: diagram.entities.flatMap((entity) => [entity.name, entity.alias, ...entity.attributes.map((attribute) => attribute.name)])
})
