/**
 * The emulated models' figures, for tests that want to state expectations in Ollama's own numbers
 * (what /api/tags and /api/ps will report) instead of copying constants.
 */
import { catalogue, modelSpec } from "./internal/catalogue.ts"
import { estimateGpuLayers } from "./internal/memory.ts"

export interface ModelMemory {
  /** `size` in /api/ps: the whole model loaded (bytes). */
  readonly size: number
  /** `size_vram` in /api/ps: what the GPU holds (bytes); less than `size` when layers run on the CPU. */
  readonly sizeVram: number
  /** Layers on the GPU, the output layer counting as one (block_count + 1 = all). */
  readonly layers: number
  readonly kvCache: number
  readonly graph: number
  readonly weights: number
  /** The context the model is loaded with (num_ctx capped at the model's context_length). */
  readonly contextLength: number
}

export interface CatalogueModel {
  readonly name: string
  readonly architecture: string
  readonly parameterCount: number
  readonly parameterSize: string
  readonly quantization: string
  /** `size` in /api/tags (bytes). */
  readonly size: number
  readonly contextLength: number
  readonly blockCount: number
  readonly headCount: number
  readonly headCountKv: number
  readonly embeddingLength: number
  readonly vocabSize: number
}

/** The models the emulator knows by name (the seed's four). */
export const catalogueModels = (): ReadonlyArray<CatalogueModel> =>
  catalogue.map((e) => {
    const s = modelSpec(e.name)
    return {
      name: e.name,
      architecture: e.geometry.architecture,
      parameterCount: s.parameterCount,
      parameterSize: s.details.parameter_size,
      quantization: s.details.quantization_level,
      size: s.size,
      contextLength: e.contextLength,
      blockCount: e.geometry.blockCount,
      headCount: e.geometry.headCount,
      headCountKv: e.geometry.headCountKv,
      embeddingLength: e.geometry.embeddingLength,
      vocabSize: e.geometry.vocabSize
    }
  })

/**
 * What Ollama's estimate gives for loading `model` with `numCtx` (default 4096) and `numParallel`
 * (default 1) on a card with `freeGb` GiB free (default: plenty). Unknown names get the default
 * model's figures, as the emulator does.
 */
export const estimateModelMemory = (
  model: string,
  options: { readonly numCtx?: number; readonly numParallel?: number; readonly freeGb?: number; readonly numBatch?: number } = {}
): ModelMemory => {
  const spec = modelSpec(model)
  const contextLength = Math.min(Math.max(4, options.numCtx ?? 4096), spec.entry.contextLength)
  const numBatch = options.numBatch ?? 512
  const e = estimateGpuLayers(
    { geometry: spec.entry.geometry, tensors: spec.tensors },
    (options.freeGb ?? 1024) * 2 ** 30,
    { numCtx: contextLength, numBatch: Math.min(numBatch, contextLength), numParallel: options.numParallel ?? 1, numGpu: -1 }
  )
  return { size: e.totalSize, sizeVram: e.vramSize, layers: e.layers, kvCache: e.kv, graph: e.graph, weights: e.weights, contextLength }
}
