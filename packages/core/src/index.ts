/**
 * @lfai/core — the plugin contract, the registry, config, and the generate pipeline.
 */
export * from "./Plugin.ts"
export * from "./Errors.ts"
export * from "./Providers.ts"
export * from "./Result.ts"
export { Registry, makeRegistry } from "./Registry.ts"
export * as Registries from "./Registry.ts"
export { LfaiConfig, ConfigFile, loadConfig, decodeConfig, defaultConfig, DEFAULT_OLLAMA_URL, DEFAULT_GEMINI_MODEL } from "./Config.ts"
export type { LfaiConfigShape, LoadConfigOptions, ConfigOverrides } from "./Config.ts"
export * as Configs from "./Config.ts"
