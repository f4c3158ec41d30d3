/**
 * @lfai/artifact-workflow — business processes as Mermaid flowcharts with a start, decisions and
 * an end, validated with the real Mermaid parser.
 */
import type { ArtifactPlugin } from "@lfai/core"
import { defineDiagramArtifact } from "@lfai/artifact-kit/diagram"
import manifest from "../package.json" with { type: "json" }
import { workflowDataset } from "./internal/dataset.ts"
import { workflowNames } from "./internal/names.ts"
import { scoreWorkflow } from "./internal/score.ts"

/** Id, title, model, header and prompt come from the `lfai` block of package.json. */
export const workflow: ArtifactPlugin = defineDiagramArtifact("flowchart", manifest, { score: scoreWorkflow, names: workflowNames, dataset: workflowDataset })

export default workflow
