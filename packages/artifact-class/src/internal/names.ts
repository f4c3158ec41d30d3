/** What a class diagram is made of, for relevance: its classes (ids and labels), their members and namespaces. Notes do not count. */
import type { ArtifactNames } from "@lfai/artifact-kit"
import type { ClassDiagram } from "@lfai/mermaid"

export const classNames = (diagram: ClassDiagram): ArtifactNames => ({
  noun: "classes",
  names: [
    ...diagram.classes.flatMap((node) => [node.id, node.label, ...node.attributes.map((member) => member.name), ...node.methods.map((member) => member.name)]),
    ...diagram.namespaces
  ]
})
