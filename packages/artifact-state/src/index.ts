/**
 * @lfai/artifact-state — state machines as Mermaid `stateDiagram-v2`, validated with the real
 * Mermaid parser.
 */
import type { ArtifactPlugin } from "@lfai/core"
import { defineDiagramArtifact, diagramPrompt } from "@lfai/mermaid"
import pkg from "../package.json" with { type: "json" }
import { stateDataset } from "./internal/dataset.ts"
import { scoreState } from "./internal/score.ts"

export const state: ArtifactPlugin = defineDiagramArtifact({
  id: "state",
  title: "State diagram",
  description: "A lifecycle or state machine as a Mermaid stateDiagram-v2: start, states, labelled transitions, final states.",
  model: "mistral:7b-instruct-q4_K_M",
  package: { name: pkg.name, version: pkg.version },
  family: "state",
  header: "stateDiagram-v2",
  prompt: diagramPrompt({
    role: "a senior engineer modelling state machines",
    header: "stateDiagram-v2",
    rules: [
      "Begin with a start transition from `[*]`, e.g. `[*] --> Draft`.",
      "Show at least 2 states besides `[*]` and at least 2 transitions, each labelled with its event: `Draft --> Submitted : submit`.",
      "Every state is reachable from the start and has a way out; final states lead to `[*]` (`Closed --> [*]`).",
      "Use `state Name {` … `}` for composite states (with their own `[*] -->`) and `<<choice>>` states with guard labels for decisions."
    ],
    example: "stateDiagram-v2\n  [*] --> Draft\n  Draft --> Submitted : submit\n  Submitted --> Approved : approve\n  Submitted --> Draft : reject\n  Approved --> [*]"
  }),
  score: scoreState,
  dataset: stateDataset
})

export default state
