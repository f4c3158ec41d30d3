/**
 * @lfai/artifact-architecture — system architecture diagrams as Mermaid flowcharts, validated
 * with the real Mermaid parser.
 */
import type { ArtifactPlugin } from "@lfai/core"
import { defineDiagramArtifact } from "@lfai/artifact-kit/diagram"
import manifest from "../package.json" with { type: "json" }
import { architectureDataset } from "./internal/dataset.ts"
import { architectureNames } from "./internal/names.ts"
import { scoreArchitecture } from "./internal/score.ts"

/** Id, title, model, header and prompt come from the `lfai` block of package.json. */
export const architecture: ArtifactPlugin = defineDiagramArtifact("flowchart", manifest, { score: scoreArchitecture, names: architectureNames, dataset: architectureDataset })

export default architecture
