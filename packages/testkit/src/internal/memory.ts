/**
 * Ollama's memory estimate for loading a model on one GPU, as its scheduler computed it (facts from
 * ollama `llm/memory.go` estimateGPULayers and `fs/ggml/ggml.go` GraphSize, the versions before
 * commit f560bd0 of 2025-11-11 that moved the layout into the runner; see the README for the
 * figures this reproduces). All sizes are bytes.
 */
import { groupLayers, type Geometry, type Tensor } from "./ggml.ts"

/** `ml.DeviceInfo.MinimumMemory()` for CUDA/ROCm: VRAM the driver and context take before any model. */
export const GPU_MINIMUM_MEMORY = 457 * 2 ** 20

export interface LoadOptions {
  /** `num_ctx` per slot. */
  readonly numCtx: number
  /** `num_batch` (default 512). */
  readonly numBatch: number
  /** OLLAMA_NUM_PARALLEL: slots per model, multiplies the context of the KV cache and the graph. */
  readonly numParallel: number
  /** `num_gpu`: layers to offload; -1 = as many as fit. */
  readonly numGpu: number
}

export interface ModelFile {
  readonly geometry: Geometry
  readonly tensors: ReadonlyArray<Tensor>
}

export interface KvAndGraph {
  /** KV cache bytes per layer. */
  readonly kv: ReadonlyArray<number>
  readonly kvTotal: number
  readonly graphPartialOffload: number
  readonly graphFullOffload: number
}

/** f16 KV cache (flash attention off, Ollama's default for these architectures): 2 bytes per element. */
const KV_BYTES_PER_ELEMENT = 2

/** GraphSize: KV cache per layer and the compute graph for a full or a partial offload. */
export const graphSize = (g: Geometry, opts: LoadOptions): KvAndGraph => {
  const context = opts.numCtx * opts.numParallel
  const batch = Math.min(opts.numCtx, opts.numBatch)
  const embedding = g.embeddingLength
  const heads = g.headCount
  const headsKV = g.headCountKv
  const vocab = g.vocabSize
  const embeddingHeads = embedding / heads
  const embeddingHeadsK = embeddingHeads
  const embeddingHeadsV = embeddingHeads
  const perLayer = Math.trunc(context * (embeddingHeadsK + embeddingHeadsV) * headsKV * KV_BYTES_PER_ELEMENT)
  const kv = Array.from({ length: g.blockCount }, () => perLayer)
  const kvTotal = perLayer * g.blockCount
  let full: number
  let partial: number
  // integer arithmetic as Go's uint64 (the `* 9 / 16` and `* 105 / 128` truncate)
  const div = (a: number, b: number) => Math.floor(a / b)
  switch (g.architecture) {
    case "llama":
      full = Math.max(4 * batch * (1 + 4 * embedding + context * (1 + heads)), 4 * batch * (embedding + vocab))
      partial =
        4 * batch * embedding +
        Math.max(
          4 * batch * (1 + embedding + Math.max(context, embedding)) +
            div(embedding * embedding * 9, 16) +
            4 * context * (batch * heads + embeddingHeads * headsKV),
          4 * batch * (embedding + vocab) + div(embedding * vocab * 105, 128)
        )
      break
    case "qwen2":
      full = Math.max(4 * batch * (embedding + vocab), 4 * batch * (1 + 2 * embedding + context + context * heads))
      partial = Math.max(
        4 * batch * (embedding + vocab) + div(embedding * vocab * 105, 128),
        4 * (batch * (1 + 2 * embedding + context * (1 + heads)) + embedding * (1 + context))
      )
      break
  }
  return { kv, kvTotal, graphPartialOffload: partial, graphFullOffload: full }
}

export interface MemoryEstimate {
  /** Layers offloaded to the GPU, the output layer counting as one (block_count + 1 = all). */
  readonly layers: number
  /** What the GPU holds: `size_vram` in /api/ps. */
  readonly vramSize: number
  /** The whole model loaded: `size` in /api/ps. */
  readonly totalSize: number
  readonly kv: number
  readonly graph: number
  readonly weights: number
  readonly fullyLoaded: boolean
}

/**
 * estimateGPULayers for one GPU with `freeMemory` bytes free (no GPU: `freeMemory` undefined).
 * Layers are placed from the last block down while the GPU still has room for the layer plus the
 * larger graph; the output layer goes last. A model that does not fully fit is partly offloaded.
 */
export const estimateGpuLayers = (model: ModelFile, freeMemory: number | undefined, opts: LoadOptions): MemoryEstimate => {
  const g = model.geometry
  const layers = groupLayers(model.tensors)
  const { kv, kvTotal, graphPartialOffload, graphFullOffload } = graphSize(g, opts)
  const graphMax = Math.max(graphPartialOffload, graphFullOffload)
  let layerSize = (layers.get("blk.0") ?? 0) + (kv[0] ?? 0)
  const memoryLayerOutput = (layers.get("output_norm") ?? 0) + (layers.get("output") ?? layers.get("token_embd") ?? 0)
  let allocation = 0
  let overflow = 0
  let layerCount = 0
  let memoryWeights = 0
  let gpuHasSpace = freeMemory !== undefined && freeMemory >= graphMax + GPU_MINIMUM_MEMORY + 2 * layerSize
  if (gpuHasSpace) allocation += GPU_MINIMUM_MEMORY + layerSize
  for (let i = g.blockCount - 1; i >= 0; i--) {
    const blk = layers.get(`blk.${i}`) ?? 0
    layerSize = blk + kv[i]
    memoryWeights += blk
    if (opts.numGpu >= 0 && layerCount >= opts.numGpu) {
      overflow += layerSize
      continue
    }
    if (gpuHasSpace) {
      if (freeMemory! > allocation + graphMax + layerSize) {
        allocation += layerSize
        layerCount++
      } else {
        gpuHasSpace = false
      }
    }
    if (!gpuHasSpace) overflow += layerSize
  }
  let fullyLoaded = layerCount >= g.blockCount
  if (memoryLayerOutput > 0) {
    if ((opts.numGpu < 0 || layerCount < opts.numGpu) && gpuHasSpace && freeMemory! > allocation + graphMax + memoryLayerOutput) {
      allocation += memoryLayerOutput
      layerCount++
    }
    if (layerCount < g.blockCount + 1) {
      fullyLoaded = false
      overflow += memoryLayerOutput
    }
  }
  const graph = fullyLoaded ? graphFullOffload : graphPartialOffload
  if (layerCount > 0) allocation += graph
  const weights = memoryWeights + memoryLayerOutput
  if (freeMemory === undefined || layerCount === 0) {
    return { layers: 0, vramSize: 0, totalSize: allocation + overflow, kv: kvTotal, graph, weights, fullyLoaded: false }
  }
  return { layers: layerCount, vramSize: allocation, totalSize: allocation + overflow, kv: kvTotal, graph, weights, fullyLoaded }
}
