/**
 * @lfai/artifact-erd — entity-relationship diagrams as Mermaid `erDiagram`, validated with the
 * real Mermaid parser.
 */
import type { ArtifactPlugin } from "@lfai/core"
import { defineDiagramArtifact, diagramPrompt } from "@lfai/mermaid"
import pkg from "../package.json" with { type: "json" }
import { erdDataset } from "./internal/dataset.ts"
import { scoreErd } from "./internal/score.ts"

export const erd: ArtifactPlugin = defineDiagramArtifact({
  id: "erd",
  title: "Entity-relationship diagram",
  description: "A data model as a Mermaid erDiagram: entities with typed attributes and keys, relationships with cardinalities.",
  model: "mistral:7b-instruct-q4_K_M",
  package: { name: pkg.name, version: pkg.version },
  family: "er",
  header: "erDiagram",
  prompt: diagramPrompt({
    role: "a senior data modeller",
    header: "erDiagram",
    rules: [
      "Declare at least 2 entities, each with an attribute block `ENTITY { type name PK }`: typed attributes, the primary key marked PK, foreign keys FK, unique keys UK.",
      "Add at least 1 relationship with crow's-foot cardinality and a label, e.g. `CUSTOMER ||--o{ ORDER : places`.",
      "Every entity takes part in a relationship; no entity without attributes.",
      "Name consistently: entities in UPPER_SNAKE_CASE or PascalCase, attributes in snake_case."
    ],
    example: "erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  CUSTOMER {\n    int id PK\n    string email UK\n  }\n  ORDER {\n    int id PK\n    int customer_id FK\n    decimal total\n  }"
  }),
  score: scoreErd,
  dataset: erdDataset
})

export default erd
