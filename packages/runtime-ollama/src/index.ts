/**
 * @lfai/runtime-ollama — the local provider: core's `LocalModels` and `ModelControl` over the
 * official `ollama` client, with a GPU budget that never books more than `ollama.vram_limit_gb`.
 */
export { layer, layerWith, make, GpuBudget } from "./Ollama.ts"
export type { BudgetSnapshot, GpuBudgetShape, ModelEstimate, OllamaOptions, SlotView } from "./Ollama.ts"
export { Budget, lru2Policy, lruPolicy, DEFAULT_PERSISTENT_BONUS, DEFAULT_REWARM_QUIET_MS, DEFAULT_REWARM_WINDOW } from "./internal/budget.ts"
export type { BudgetOptions, BudgetStats, Command, RunningModel, Slot, VictimPolicy, Waiter } from "./internal/budget.ts"
export { estimateVram, factsFromShow, kvCacheBytes, graphBytes, GiB, MINIMUM_MEMORY, toGb } from "./internal/estimate.ts"
export type { EstimateOptions, KvCacheType, ModelFacts, VramEstimate } from "./internal/estimate.ts"
export { mapError } from "./internal/client.ts"
