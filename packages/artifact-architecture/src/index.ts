/**
 * @lfai/artifact-architecture — system architecture diagrams as Mermaid flowcharts, validated
 * with the real Mermaid parser.
 */
import type { ArtifactPlugin } from "@lfai/core"
import { defineDiagramArtifact, diagramPrompt } from "@lfai/mermaid"
import pkg from "../package.json" with { type: "json" }
import { architectureDataset } from "./internal/dataset.ts"
import { scoreArchitecture } from "./internal/score.ts"

export const architecture: ArtifactPlugin = defineDiagramArtifact({
  id: "architecture",
  title: "Architecture diagram",
  description: "A system's components and how they connect, as a Mermaid flowchart (clients, services, data stores, outside systems).",
  model: "mistral:7b-instruct-q4_K_M",
  package: { name: pkg.name, version: pkg.version },
  family: "flowchart",
  header: "flowchart",
  prompt: diagramPrompt({
    role: "a senior software architect",
    header: "flowchart",
    rules: [
      "Start with `flowchart LR` (or `flowchart TD`); `graph` is accepted too.",
      "Show at least 3 components as labelled nodes with descriptive ids, e.g. `orderService[Order Service]`, `db[(Orders DB)]`.",
      "Draw at least 2 connections, each labelled with what flows over it: `web -->|HTTPS| gateway`.",
      "Every component is connected; group layers in `subgraph` blocks if it helps; no empty subgraph, no duplicate connection."
    ],
    example: "flowchart LR\n  web[Web App] -->|HTTPS| gateway{{API Gateway}}\n  gateway -->|REST| orders[Order Service]\n  orders -->|SQL| db[(Orders DB)]"
  }),
  score: scoreArchitecture,
  dataset: architectureDataset
})

export default architecture
