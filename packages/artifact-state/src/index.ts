/**
 * @lfai/artifact-state — state machines as Mermaid `stateDiagram-v2`, validated with the real
 * Mermaid parser.
 */
import type { ArtifactPlugin } from "@lfai/core"
import { defineDiagramArtifact } from "@lfai/artifact-kit/diagram"
import manifest from "../package.json" with { type: "json" }
import { stateDataset } from "./internal/dataset.ts"
import { stateNames } from "./internal/names.ts"
import { scoreState } from "./internal/score.ts"

/** Id, title, model, header and prompt come from the `lfai` block of package.json. */
export const state: ArtifactPlugin = defineDiagramArtifact("state", manifest, { score: scoreState, names: stateNames, dataset: stateDataset })

export default state
