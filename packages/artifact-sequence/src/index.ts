/**
 * @lfai/artifact-sequence — interactions as Mermaid `sequenceDiagram`, validated with the real
 * Mermaid parser.
 */
import type { ArtifactPlugin } from "@lfai/core"
import { defineDiagramArtifact } from "@lfai/artifact-kit/diagram"
import manifest from "../package.json" with { type: "json" }
import { sequenceDataset } from "./internal/dataset.ts"
import { sequenceNames } from "./internal/names.ts"
import { scoreSequence } from "./internal/score.ts"

/** Id, title, model, header and prompt come from the `lfai` block of package.json. */
export const sequence: ArtifactPlugin = defineDiagramArtifact("sequence", manifest, { score: scoreSequence, names: sequenceNames, dataset: sequenceDataset })

export default sequence
