/**
 * The bench's services: core's pipeline over an instant in-memory model and a constant-time
 * validator, so only what the server (or the runtime) adds is measured.
 */
import { pipelineLayer, scriptedCloud, scriptedLocalModels, wordArtifact } from "@lfai/core/testing"

export const MODEL = "bench:instant"
export const ARTIFACT = "bench"

export const instantLayer = () =>
  pipelineLayer({
    plugins: [wordArtifact({ id: ARTIFACT, model: MODEL })],
    local: scriptedLocalModels({ [MODEL]: ["GOOD"] }).layer,
    cloud: scriptedCloud([]).layer,
    config: { server: { max_concurrent_per_client: 1024 } }
  })
