/**
 * @lfai/artifact-erd — entity-relationship diagrams as Mermaid `erDiagram`, validated with the
 * real Mermaid parser.
 */
import type { ArtifactPlugin } from "@lfai/core"
import { defineDiagramArtifact } from "@lfai/artifact-kit/diagram"
import manifest from "../package.json" with { type: "json" }
import { erdDataset } from "./internal/dataset.ts"
import { erdNames } from "./internal/names.ts"
import { scoreErd } from "./internal/score.ts"

/** Id, title, model, header and prompt come from the `lfai` block of package.json. */
export const erd: ArtifactPlugin = defineDiagramArtifact("er", manifest, { score: scoreErd, names: erdNames, dataset: erdDataset })

export default erd
