/**
 * @lfai/artifact-workflow — business processes as Mermaid flowcharts with a start, decisions and
 * an end, validated with the real Mermaid parser.
 */
import type { ArtifactPlugin } from "@lfai/core"
import { defineDiagramArtifact, diagramPrompt } from "@lfai/mermaid"
import pkg from "../package.json" with { type: "json" }
import { workflowDataset } from "./internal/dataset.ts"
import { scoreWorkflow } from "./internal/score.ts"

export const workflow: ArtifactPlugin = defineDiagramArtifact({
  id: "workflow",
  title: "Process workflow",
  description: "A business process as a Mermaid flowchart: a start, steps, decisions with labelled branches, and an end.",
  model: "mistral:7b-instruct-q4_K_M",
  package: { name: pkg.name, version: pkg.version },
  family: "flowchart",
  header: "flowchart",
  prompt: diagramPrompt({
    role: "a business process analyst",
    header: "flowchart",
    rules: [
      "Start with `flowchart TD`; begin at a start node `start([Start])` and finish at an end node `done([Done])` (stadium or circle shapes).",
      "Include at least 1 decision as a diamond, `ok{Approved?}`, and label every edge leaving a decision: `ok -->|Yes| ship` and `ok -->|No| reject`.",
      "Every step must be reachable from the start node, and every step leads on to another step or to an end node.",
      "Give every step a short imperative label, e.g. `check[Check stock]`; phases may be grouped in `subgraph` blocks."
    ],
    example: "flowchart TD\n  start([Start]) --> check[Check stock]\n  check --> ok{In stock?}\n  ok -->|Yes| ship[Ship order]\n  ok -->|No| notify[Notify customer]\n  ship --> done([Done])\n  notify --> done"
  }),
  score: scoreWorkflow,
  dataset: workflowDataset
})

export default workflow
