/** The built-in artifact plugins: one package each, registered here and nowhere else. */
import type { ArtifactPlugin } from "@lfai/core"
import architecture from "@lfai/artifact-architecture"
import erd from "@lfai/artifact-erd"

export const builtinPlugins: ReadonlyArray<ArtifactPlugin> = [erd, architecture]
