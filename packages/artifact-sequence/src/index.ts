/**
 * @lfai/artifact-sequence — interactions as Mermaid `sequenceDiagram`, validated with the real
 * Mermaid parser.
 */
import type { ArtifactPlugin } from "@lfai/core"
import { defineDiagramArtifact, diagramPrompt } from "@lfai/mermaid"
import pkg from "../package.json" with { type: "json" }
import { sequenceDataset } from "./internal/dataset.ts"
import { scoreSequence } from "./internal/score.ts"

export const sequence: ArtifactPlugin = defineDiagramArtifact({
  id: "sequence",
  title: "Sequence diagram",
  description: "An interaction between people and systems over time, as a Mermaid sequenceDiagram.",
  model: "mistral:7b-instruct-q4_K_M",
  package: { name: pkg.name, version: pkg.version },
  family: "sequence",
  header: "sequenceDiagram",
  prompt: diagramPrompt({
    role: "a senior software engineer documenting system interactions",
    header: "sequenceDiagram",
    rules: [
      "Declare the participants first (`actor User`, `participant API as Order API`): at least 2 participants.",
      "Show at least 2 messages with text, e.g. `User->>API: place order` and the reply `API-->>User: 201 Created`; notes do not count as messages.",
      "Use `alt`/`else`, `opt`, `loop` or `par` blocks (each closed with `end`) for branches and repetition; no empty block.",
      "Every participant sends or receives a message; every `activate` has its `deactivate`."
    ],
    example: "sequenceDiagram\n  actor User\n  participant API\n  User->>API: place order\n  alt in stock\n    API-->>User: 201 Created\n  else out of stock\n    API-->>User: 409 Conflict\n  end"
  }),
  score: scoreSequence,
  dataset: sequenceDataset
})

export default sequence
