/**
 * @lfai/nx-plugin — `nx g @lfai/nx-plugin:artifact <name>`: a new artifact plugin package,
 * registered in lfai's plugin list and linked.
 */
export { default as artifactGenerator } from "./artifact.ts"
export { ArtifactGeneratorError, DEFAULT_MODEL, planArtifact } from "./internal/plan.ts"
export type { ArtifactGeneratorSchema, ArtifactPlan } from "./internal/plan.ts"
export { LinkError } from "./internal/link.ts"
