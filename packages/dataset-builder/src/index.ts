/**
 * @lfai/dataset-builder — fine-tuning datasets from every artifact plugin, as cached Nx targets.
 */
export { buildDatasets, mergeManifests, BuildUsageError, ManifestMergeError } from "./Build.ts"
export type { BuildOptions, BuildHooks, BuildEvent } from "./Build.ts"
export {
  DEFAULT_COUNT,
  DEFAULT_OUT,
  DEFAULT_RULES,
  DEFAULT_SEED,
  artifactFiles,
  formatFailures,
  makeManifest,
  manifestFile,
  renderManifest
} from "./Manifest.ts"
export type { ArtifactEntry, ArtifactQuality, Failure, Manifest, QualityRules, RuleName, SplitFile } from "./Manifest.ts"
export { checkArtifact, exampleRequest, sha256, toChatLine } from "./Quality.ts"
export type { ArtifactProgress, ChatLine, CheckedArtifact, Phase } from "./Quality.ts"
export { DEFAULT_MODELFILE_PARAMETERS, ModelfileError, renderModelfile, writeModelfile } from "./Modelfile.ts"
export type { ModelfileOptions, WriteModelfileOptions } from "./Modelfile.ts"
export { artifactPackages, findWorkspaceRoot, loadPlugins, pluginList, PluginLoadError, workspaceMembers } from "./Plugins.ts"
export type { ArtifactPackage, LoadedPlugin, PluginOptions } from "./Plugins.ts"
export { runCli, USAGE } from "./Cli.ts"
export type { CliIo } from "./Cli.ts"
export { progressReporter } from "./internal/progress.ts"
export { collapseWhitespace, shingles, structureOf } from "./internal/text.ts"
export { similarPairs, clusters } from "./internal/similarity.ts"
