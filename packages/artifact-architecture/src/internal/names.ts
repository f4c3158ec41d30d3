/** What an architecture diagram is made of, for relevance: its nodes and subgraphs, ids and labels. */
import type { ArtifactNames } from "@lfai/artifact-kit"
import type { FlowchartDiagram } from "@lfai/mermaid"

export const architectureNames = (diagram: FlowchartDiagram): ArtifactNames => ({
  noun: "components",
  names: [
    ...diagram.nodes.flatMap((node) => [node.id, node.label]),
    ...diagram.subgraphs.flatMap((subgraph) => [subgraph.id, subgraph.title])
  ]
})
