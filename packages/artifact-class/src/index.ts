/**
 * @lfai/artifact-class — UML class diagrams as Mermaid `classDiagram`, validated with the real
 * Mermaid parser.
 */
import type { ArtifactPlugin } from "@lfai/core"
import { defineDiagramArtifact, diagramPrompt } from "@lfai/mermaid"
import pkg from "../package.json" with { type: "json" }
import { classDataset } from "./internal/dataset.ts"
import { scoreClass } from "./internal/score.ts"

export const classDiagram: ArtifactPlugin = defineDiagramArtifact({
  id: "class",
  title: "Class diagram",
  description: "A UML class model as a Mermaid classDiagram: classes with typed members, relations with multiplicities.",
  model: "mistral:7b-instruct-q4_K_M",
  package: { name: pkg.name, version: pkg.version },
  family: "class",
  header: "classDiagram",
  prompt: diagramPrompt({
    role: "a senior object-oriented designer",
    header: "classDiagram",
    rules: [
      "Declare at least 2 classes with their members: `class Order {` then `-UUID id`, `+place() bool`, then `}`; give attributes a type and methods parentheses.",
      "Add at least 1 relation: inheritance `Base <|-- Derived`, composition `Order *-- OrderLine`, aggregation `o--`, association `-->` with multiplicities (`\"1\" --> \"*\"`), realization `..|>`, dependency `..>`.",
      "Every class takes part in a relation; mark interfaces and enumerations with `<<interface>>` / `<<enumeration>>`.",
      "Name classes in PascalCase and members in camelCase."
    ],
    example: "classDiagram\n  class Order {\n    -UUID id\n    -OrderStatus status\n    +place() bool\n  }\n  class OrderLine {\n    -int quantity\n  }\n  Order \"1\" *-- \"1..*\" OrderLine : contains"
  }),
  score: scoreClass,
  dataset: classDataset
})

export default classDiagram
