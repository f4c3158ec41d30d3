/**
 * What a model costs in VRAM, the way Ollama itself estimates it before loading
 * (`llm/memory.go` estimateGPULayers + `fs/ggml/ggml.go` GraphSize, full offload), from what
 * `/api/show` reports (`model_info`, and `tensors` when the server sends them) and the weights
 * size from `/api/tags`. Pure functions; bytes throughout, GiB (2^30) only for display.
 */

export const GiB = 2 ** 30
export const MiB = 2 ** 20

/** VRAM a runner sets aside for its CUDA/ROCm context (`ml.DeviceInfo.MinimumMemory`, 457 MiB). */
export const MINIMUM_MEMORY = 457 * MiB
/** Ollama's default `num_batch`; the graph is sized for min(num_ctx, num_batch). */
export const DEFAULT_NUM_BATCH = 512

export type KvCacheType = "f16" | "q8_0" | "q4_0"

/** Bytes per KV-cache element (`kvCacheBytesPerElement`). */
export const kvBytesPerElement = (type: KvCacheType): number => (type === "q8_0" ? 1 : type === "q4_0" ? 0.5 : 2)

/** What the estimate needs to know about a model; built from `/api/show` by {@link factsFromShow}. */
export interface ModelFacts {
  readonly name: string
  readonly architecture: string
  readonly blockCount: number
  readonly embeddingLength: number
  /** Max attention heads over the layers. */
  readonly headCount: number
  /** KV heads per layer (length `blockCount`); a layer with 0 heads has no KV cache. */
  readonly headCountKv: ReadonlyArray<number>
  readonly keyLength: number
  readonly valueLength: number
  /** The model's trained context length. */
  readonly contextLength: number
  readonly vocabSize: number
  /** Weight bytes of each repeating block `blk.N`. */
  readonly blockBytes: ReadonlyArray<number>
  /** `output_norm` + `output` (or the tied `token_embd`): the non-repeating layer on the GPU. */
  readonly outputBytes: number
  /** Whether the weights come from real tensor sizes (`tensors`) or were derived from the file size. */
  readonly exact: boolean
  /** False when the vocabulary size had to be guessed (no vocab_size, token list or token_embd). */
  readonly vocabKnown: boolean
}

export interface EstimateOptions {
  readonly numCtx: number
  /** `OLLAMA_NUM_PARALLEL`: the KV cache and graph are sized for numCtx × numParallel. */
  readonly numParallel?: number
  readonly numBatch?: number
  readonly kvCacheType?: KvCacheType
}

export interface VramEstimate {
  readonly totalBytes: number
  readonly weightsBytes: number
  readonly kvBytes: number
  readonly graphBytes: number
  /** Minimum memory + the one-layer buffer memory.go keeps. */
  readonly overheadBytes: number
}

// ---- ggml tensor sizes -----------------------------------------------------------------------

/** [elements per block, bytes per block] of the ggml types a GGUF may hold. */
const GGML_BLOCKS: Record<string, readonly [number, number]> = {
  F32: [1, 4],
  F16: [1, 2],
  BF16: [1, 2],
  Q4_0: [32, 18],
  Q4_1: [32, 20],
  Q5_0: [32, 22],
  Q5_1: [32, 24],
  Q8_0: [32, 34],
  Q8_1: [32, 36],
  Q2_K: [256, 84],
  Q3_K: [256, 110],
  Q4_K: [256, 144],
  Q5_K: [256, 176],
  Q6_K: [256, 210],
  Q8_K: [256, 292],
  IQ4_NL: [32, 18],
  IQ4_XS: [256, 136],
  MXFP4: [32, 17]
}

export const tensorBytes = (type: string, shape: ReadonlyArray<number>): number => {
  const [perBlock, bytes] = GGML_BLOCKS[type.toUpperCase()] ?? [1, 2]
  const elements = shape.reduce((a, b) => a * b, 1)
  return Math.ceil(elements / perBlock) * bytes
}

/** Typical bits per weight of the token embedding and output tensors for a file type. */
const embeddingTypes = (quantization: string): { embd: string; output: string } => {
  const q = quantization.toUpperCase()
  if (q.startsWith("F16") || q.startsWith("BF16")) return { embd: "F16", output: "F16" }
  if (q.startsWith("F32")) return { embd: "F32", output: "F32" }
  if (q.startsWith("Q8")) return { embd: "Q8_0", output: "Q8_0" }
  if (q.startsWith("Q4_0") || q.startsWith("Q4_1")) return { embd: "Q4_0", output: "Q6_K" }
  if (q.startsWith("Q5_0") || q.startsWith("Q5_1")) return { embd: "Q5_0", output: "Q6_K" }
  if (q.startsWith("Q2")) return { embd: "Q2_K", output: "Q6_K" }
  if (q.startsWith("Q3")) return { embd: "Q3_K", output: "Q6_K" }
  if (q.startsWith("Q5_K")) return { embd: "Q5_K", output: "Q6_K" }
  if (q.startsWith("Q6")) return { embd: "Q6_K", output: "Q6_K" }
  return { embd: "Q4_K", output: "Q6_K" } // Q4_K_M / Q4_K_S and unknown
}

/** Approximate bits per weight of a whole file, for when neither tensors nor the file size are known. */
const BITS_PER_WEIGHT: ReadonlyArray<readonly [RegExp, number]> = [
  [/^F32/i, 32],
  [/^(B?F16)/i, 16],
  [/^Q8/i, 8.5],
  [/^Q6/i, 6.56],
  [/^Q5_K/i, 5.69],
  [/^Q5/i, 5.5],
  [/^Q4_K_S/i, 4.58],
  [/^Q4_K/i, 4.89],
  [/^Q4/i, 4.55],
  [/^Q3/i, 3.9],
  [/^Q2/i, 3.35]
]

/** Safety factor on weights derived from the file size rather than from `tensors`. */
export const DERIVED_WEIGHTS_MARGIN = 1.01

// ---- reading /api/show -----------------------------------------------------------------------

export class ShowParseError extends Error {}

const num = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) ? value : typeof value === "bigint" ? Number(value) : undefined

const info = (modelInfo: Record<string, unknown>, key: string): unknown => modelInfo[key]

const asRecord = (value: unknown): Record<string, unknown> | undefined => {
  if (value instanceof Map) return Object.fromEntries(value as Map<string, unknown>)
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

export interface ShowLike {
  readonly model_info?: unknown
  readonly details?: { readonly quantization_level?: string; readonly family?: string } | undefined
  readonly tensors?: ReadonlyArray<{ readonly name: string; readonly type: string; readonly shape: ReadonlyArray<number> }> | undefined
}

/**
 * Builds {@link ModelFacts} from an `/api/show` answer. `fileBytes` is the model's size from
 * `/api/tags` (the GGUF's size); it is used when the answer has no `tensors`.
 */
export const factsFromShow = (name: string, show: ShowLike, fileBytes?: number): ModelFacts => {
  const mi = asRecord(show.model_info)
  if (!mi) throw new ShowParseError(`/api/show for "${name}" has no model_info`)
  const arch = typeof mi["general.architecture"] === "string" ? (mi["general.architecture"] as string) : show.details?.family
  if (!arch) throw new ShowParseError(`/api/show for "${name}" names no general.architecture`)
  const key = (k: string) => info(mi, `${arch}.${k}`)
  const blockCount = num(key("block_count"))
  const embd = num(key("embedding_length"))
  if (!blockCount || !embd) throw new ShowParseError(`/api/show for "${name}" lacks ${arch}.block_count or ${arch}.embedding_length`)
  const headsRaw = key("attention.head_count")
  const headsKvRaw = key("attention.head_count_kv")
  const perLayer = (raw: unknown, fallback: number): number[] =>
    Array.isArray(raw) && raw.length > 0
      ? Array.from({ length: blockCount }, (_, i) => num(raw[i]) ?? 0)
      : Array.from({ length: blockCount }, () => num(raw) ?? fallback)
  const heads = perLayer(headsRaw, 0)
  const headCount = Math.max(0, ...heads)
  const headCountKv = perLayer(headsKvRaw, headCount)
  const headsMin = Math.min(...heads.filter((h) => h > 0))
  const headDim = headsMin > 0 && Number.isFinite(headsMin) ? Math.floor(embd / headsMin) : 0
  const keyLength = num(key("attention.key_length")) ?? headDim
  const valueLength = num(key("attention.value_length")) ?? headDim
  const contextLength = num(key("context_length")) ?? 2048

  const tensors = Array.isArray(show.tensors) && show.tensors.length > 0 ? show.tensors : undefined
  const tokensRaw = info(mi, "tokenizer.ggml.tokens")
  const embdTensor = tensors?.find((t) => t.name === "token_embd.weight")
  const knownVocab =
    num(key("vocab_size")) ??
    (Array.isArray(tokensRaw) && tokensRaw.length > 0 ? tokensRaw.length : undefined) ??
    (embdTensor ? embdTensor.shape[embdTensor.shape.length - 1] : undefined)
  const vocabKnown = knownVocab !== undefined
  const vocabSize = knownVocab ?? 32000

  if (tensors) {
    const blockBytes = new Array<number>(blockCount).fill(0)
    let output = 0
    let tokenEmbd = 0
    let hasOutput = false
    for (const t of tensors) {
      const bytes = tensorBytes(t.type, t.shape)
      const m = /^blk\.(\d+)\./.exec(t.name)
      if (m) {
        const i = Number(m[1])
        if (i < blockCount) blockBytes[i] += bytes
      } else if (t.name.startsWith("output_norm")) output += bytes
      else if (t.name.startsWith("output.")) {
        output += bytes
        hasOutput = true
      } else if (t.name.startsWith("token_embd.")) tokenEmbd += bytes
    }
    if (!hasOutput) output += tokenEmbd
    return { name, architecture: arch, blockCount, embeddingLength: embd, headCount, headCountKv, keyLength, valueLength, contextLength, vocabSize, blockBytes, outputBytes: output, exact: true, vocabKnown }
  }

  // No tensors: derive the split from the file size and the quantization's usual tensor types.
  const quant = show.details?.quantization_level ?? "Q4_K_M"
  const types = embeddingTypes(quant)
  const tokenEmbd = tensorBytes(types.embd, [embd, vocabSize])
  const output = tensorBytes(types.output, [embd, vocabSize]) + embd * 4
  const paramCount = num(info(mi, "general.parameter_count"))
  const bpw = BITS_PER_WEIGHT.find(([re]) => re.test(quant))?.[1] ?? 4.89
  const total = fileBytes && fileBytes > 0 ? fileBytes : paramCount ? (paramCount * bpw) / 8 : undefined
  if (total === undefined) throw new ShowParseError(`no size known for "${name}" (neither tensors, /api/tags size nor general.parameter_count)`)
  // Without tensors the split is a guess; book 1% more weights so the guess errs on the safe side
  // (the measurement replaces it once the model is loaded).
  const repeating = Math.max(0, total - tokenEmbd - output) * DERIVED_WEIGHTS_MARGIN
  const perBlock = repeating / blockCount
  return {
    name,
    architecture: arch,
    blockCount,
    embeddingLength: embd,
    headCount,
    headCountKv,
    keyLength,
    valueLength,
    contextLength,
    vocabSize,
    blockBytes: new Array<number>(blockCount).fill(perBlock),
    outputBytes: output,
    exact: false,
    vocabKnown
  }
}

// ---- the estimate ----------------------------------------------------------------------------

/** KV cache bytes per layer for a total context (num_ctx × num_parallel). */
export const kvCacheBytes = (facts: ModelFacts, totalCtx: number, type: KvCacheType = "f16"): number[] =>
  facts.headCountKv.map((kvHeads) => (kvHeads > 0 ? Math.floor(totalCtx * (facts.keyLength + facts.valueLength) * kvHeads * kvBytesPerElement(type)) : 0))

/** The compute graph for a full offload, per architecture (GraphSize). */
export const graphBytes = (facts: ModelFacts, totalCtx: number, batch: number, kvTotal: number): number => {
  const embd = facts.embeddingLength
  const heads = facts.headCount
  const vocab = facts.vocabSize
  const ctx = totalCtx
  switch (facts.architecture) {
    case "llama":
    case "llama4":
    case "mistral":
      return Math.max(4 * batch * (1 + 4 * embd + ctx * (1 + heads)), 4 * batch * (embd + vocab))
    case "qwen2":
      return Math.max(4 * batch * (embd + vocab), 4 * batch * (1 + 2 * embd + ctx + ctx * heads))
    case "gemma":
    case "gemma2":
    case "gemma3": {
      const headK = facts.keyLength
      return Math.max(4 * batch * (embd + vocab), 4 * batch * (2 + ctx + ctx * heads + 2 * embd + 2 * headK * heads))
    }
    case "command-r":
      return Math.max(4 * batch * (embd + vocab), 4 * batch * (2 + 4 * embd + ctx * (1 + heads)))
    case "phi2":
      return Math.max(4 * batch * (embd + vocab), 4 * batch * (1 + 4 * embd + ctx + ctx * heads))
    default: {
      // memory.go's fallback when GraphSize knows no formula: gqa × kv / 6.
      const minKv = Math.max(1, Math.min(...facts.headCountKv.filter((h) => h > 0)))
      const gqa = Math.floor(heads / (Number.isFinite(minKv) ? minKv : 1))
      return Math.floor((gqa * kvTotal) / 6)
    }
  }
}

/**
 * VRAM for a full GPU offload: minimum memory + one layer's buffer + every block's weights and
 * KV cache + the output layer + the full-offload graph.
 */
export const estimateVram = (facts: ModelFacts, options: EstimateOptions): VramEstimate => {
  const numParallel = Math.max(1, options.numParallel ?? 1)
  const totalCtx = options.numCtx * numParallel
  const batch = Math.min(options.numCtx, options.numBatch ?? DEFAULT_NUM_BATCH)
  const kv = kvCacheBytes(facts, totalCtx, options.kvCacheType ?? "f16")
  const kvTotal = kv.reduce((a, b) => a + b, 0)
  const weights = facts.blockBytes.reduce((a, b) => a + b, 0) + facts.outputBytes
  const graph = graphBytes(facts, totalCtx, batch, kvTotal)
  const buffer = (facts.blockBytes[0] ?? 0) + (kv[0] ?? 0)
  const overhead = MINIMUM_MEMORY + buffer
  return {
    totalBytes: Math.ceil(overhead + weights + kvTotal + graph),
    weightsBytes: Math.ceil(weights),
    kvBytes: kvTotal,
    graphBytes: graph,
    overheadBytes: Math.ceil(overhead)
  }
}

export const toGb = (bytes: number, digits = 2): number => Number((bytes / GiB).toFixed(digits))
