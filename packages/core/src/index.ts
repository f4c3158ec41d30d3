/**
 * @lfai/core — the plugin contract, the registry, config, and the generate pipeline.
 */
export * from "./Plugin.ts"
export * from "./Errors.ts"
export * from "./Providers.ts"
export * from "./Result.ts"
export { Registry, makeRegistry } from "./Registry.ts"
export * as Registries from "./Registry.ts"
export { LfaiConfig, ConfigFile, loadConfig, decodeConfig, defaultConfig, bearerToken, ollamaHostUrl, DEFAULT_OLLAMA_URL, DEFAULT_VRAM_LIMIT_GB, DEFAULT_GEMINI_MODEL } from "./Config.ts"
export type { LfaiConfigShape, LoadConfigOptions, ConfigOverrides, OllamaHost } from "./Config.ts"
export * as Configs from "./Config.ts"
export { Pipeline, resolveNumCtx, route, safeValidate } from "./Pipeline.ts"
export type { PipelineShape, PipelineEvent, GenerateOptions, PluginInfo, ExportResult, ValidateCallOptions } from "./Pipeline.ts"
export * as Pipelines from "./Pipeline.ts"
export { ValidationPool, checkDocument, DEFAULT_DEADLINE as DEFAULT_VALIDATION_DEADLINE } from "./ValidationPool.ts"
export type { ValidationPoolShape, ValidationPoolOptions, Checked, DocumentJob } from "./ValidationPool.ts"
export * as ValidationPools from "./ValidationPool.ts"
export {
  GenerateRequest,
  Temperature,
  TEMPERATURE_RANGE,
  Params,
  generateFields,
  validateFields,
  exportFields,
  decodeGenerateRequest
} from "./Requests.ts"
export { Stats, readSnapshot } from "./Stats.ts"
export type { StatsShape, StatsSnapshot, ArtifactStats, Distribution } from "./Stats.ts"
export * as StatsMetrics from "./Stats.ts"
export { makeRuntime } from "./Runtime.ts"
export type { LfaiRuntime, RunOptions } from "./Runtime.ts"
