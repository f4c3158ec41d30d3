/**
 * @lfai/artifact-class — UML class diagrams as Mermaid `classDiagram`, validated with the real
 * Mermaid parser.
 */
import type { ArtifactPlugin } from "@lfai/core"
import { defineDiagramArtifact } from "@lfai/artifact-kit/diagram"
import manifest from "../package.json" with { type: "json" }
import { classDataset } from "./internal/dataset.ts"
import { classNames } from "./internal/names.ts"
import { scoreClass } from "./internal/score.ts"

/** Id, title, model, header and prompt come from the `lfai` block of package.json. */
export const classDiagram: ArtifactPlugin = defineDiagramArtifact("class", manifest, { score: scoreClass, names: classNames, dataset: classDataset })

export default classDiagram
