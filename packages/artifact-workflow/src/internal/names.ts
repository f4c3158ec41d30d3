/**
 * What a workflow is made of, for relevance: its steps and decisions (ids and labels) and its
 * subgraphs; the step labels are also where the process a request names is looked for.
 */
import type { ArtifactNames } from "@lfai/artifact-kit"
import type { FlowchartDiagram } from "@lfai/mermaid"

export const workflowNames = (diagram: FlowchartDiagram): ArtifactNames => ({
  noun: "steps",
  names: [...diagram.nodes.map((node) => node.id), ...diagram.subgraphs.flatMap((subgraph) => [subgraph.id, subgraph.title])],
  steps: { noun: "steps", texts: diagram.nodes.map((node) => node.label) }
})
