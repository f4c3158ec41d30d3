/**
 * GGUF tensor layout of a model, computed from its hyper-parameters and the quantisation mix that
 * llama.cpp's quantiser applies for a file type. Facts, not code, taken from:
 *   - ggml type sizes: ollama fs/ggml/ggml.go `TensorType.TypeSize` / `BlockSize` (Q4_K: 144 bytes
 *     per 256 weights, Q6_K: 210 per 256, Q4_0: 18 per 32, Q8_0: 34 per 32, F16 2, F32 4);
 *   - the Q4_K_M mix: llama.cpp src/llama-quant.cpp `llama_tensor_get_type`: `output.weight` Q6_K;
 *     `attn_v` and `ffn_down` Q6_K on the layers where `use_more_bits(i, n)` holds
 *     (i < n/8 || i >= 7n/8 || (i - n/8) % 3 == 2), Q4_K elsewhere; every other 2-D tensor Q4_K;
 *     1-D tensors (norms, biases) stay F32.
 */

export type TensorType = "F32" | "F16" | "Q4_0" | "Q8_0" | "Q4_K" | "Q6_K"

/** Bytes per block and weights per block, as ggml defines them. */
const layout: Record<TensorType, { readonly block: number; readonly bytes: number }> = {
  F32: { block: 1, bytes: 4 },
  F16: { block: 1, bytes: 2 },
  Q4_0: { block: 32, bytes: 2 + 32 / 2 },
  Q8_0: { block: 32, bytes: 2 + 32 },
  Q4_K: { block: 256, bytes: 2 + 2 + 12 + 256 / 2 },
  Q6_K: { block: 256, bytes: 256 / 2 + 256 / 4 + 256 / 16 + 2 }
}

/** The GGUF `general.file_type` numbers (llama.cpp `llama_ftype`). */
export type FileType = "Q4_0" | "Q8_0" | "Q4_K_M" | "F16"
export const fileTypeNumber: Record<FileType, number> = { F16: 1, Q4_0: 2, Q8_0: 7, Q4_K_M: 15 }

export interface Tensor {
  readonly name: string
  readonly type: TensorType
  /** ggml order: shape[0] is the row length. */
  readonly shape: ReadonlyArray<number>
  readonly bytes: number
}

/** Elements × bytes per block / weights per block, as ggml's `Tensor.Size`. */
export const tensorBytes = (type: TensorType, shape: ReadonlyArray<number>): number => {
  const elements = shape.reduce((a, b) => a * b, 1)
  const { block, bytes } = layout[type]
  return (elements * bytes) / block
}

export interface Geometry {
  readonly architecture: "llama" | "qwen2"
  readonly blockCount: number
  readonly embeddingLength: number
  readonly feedForwardLength: number
  readonly headCount: number
  readonly headCountKv: number
  readonly vocabSize: number
  /** true when q/k/v carry biases (qwen2). */
  readonly attentionBias: boolean
  /** true when the output projection is the token embedding (no separate `output.weight`). */
  readonly tiedEmbeddings: boolean
}

const useMoreBits = (i: number, n: number): boolean =>
  i < Math.trunc(n / 8) || i >= Math.trunc((7 * n) / 8) || (i - Math.trunc(n / 8)) % 3 === 2

/** The quantiser's choice for a 2-D tensor, with its shape fallback (row not a multiple of the block). */
const quantType = (fileType: FileType, role: string, layer: number, layers: number, rowLength: number): TensorType => {
  let type: TensorType
  switch (fileType) {
    case "F16":
      return "F16"
    case "Q8_0":
      type = "Q8_0"
      break
    case "Q4_0":
      type = role === "output" ? "Q6_K" : "Q4_0"
      break
    case "Q4_K_M":
      if (role === "output") type = "Q6_K"
      else if ((role === "attn_v" || role === "ffn_down") && useMoreBits(layer, layers)) type = "Q6_K"
      else type = "Q4_K"
      break
  }
  if (rowLength % layout[type].block !== 0) {
    // llama.cpp falls back to a legacy type of similar size when rows do not divide into blocks
    type = type === "Q6_K" ? "Q8_0" : type === "Q4_K" ? "Q4_0" : type
  }
  return type
}

/** Every tensor of the model file, in GGUF order (token_embd, blk.0 …, output_norm, output). */
export const tensors = (g: Geometry, fileType: FileType): ReadonlyArray<Tensor> => {
  const out: Array<Tensor> = []
  const add = (name: string, type: TensorType, shape: ReadonlyArray<number>) =>
    out.push({ name, type, shape, bytes: tensorBytes(type, shape) })
  const embd = g.embeddingLength
  const headDim = embd / g.headCount
  const kvDim = headDim * g.headCountKv
  const n = g.blockCount
  add("token_embd.weight", quantType(fileType, "token_embd", 0, n, embd), [embd, g.vocabSize])
  for (let i = 0; i < n; i++) {
    const p = `blk.${i}.`
    add(`${p}attn_norm.weight`, "F32", [embd])
    add(`${p}attn_q.weight`, quantType(fileType, "attn_q", i, n, embd), [embd, embd])
    add(`${p}attn_k.weight`, quantType(fileType, "attn_k", i, n, embd), [embd, kvDim])
    add(`${p}attn_v.weight`, quantType(fileType, "attn_v", i, n, embd), [embd, kvDim])
    if (g.attentionBias) {
      add(`${p}attn_q.bias`, "F32", [embd])
      add(`${p}attn_k.bias`, "F32", [kvDim])
      add(`${p}attn_v.bias`, "F32", [kvDim])
    }
    add(`${p}attn_output.weight`, quantType(fileType, "attn_output", i, n, embd), [embd, embd])
    add(`${p}ffn_norm.weight`, "F32", [embd])
    add(`${p}ffn_gate.weight`, quantType(fileType, "ffn_gate", i, n, embd), [embd, g.feedForwardLength])
    add(`${p}ffn_up.weight`, quantType(fileType, "ffn_up", i, n, embd), [embd, g.feedForwardLength])
    add(`${p}ffn_down.weight`, quantType(fileType, "ffn_down", i, n, g.feedForwardLength), [g.feedForwardLength, embd])
  }
  add("output_norm.weight", "F32", [embd])
  if (!g.tiedEmbeddings) add("output.weight", quantType(fileType, "output", 0, n, embd), [embd, g.vocabSize])
  return out
}

/** Number of weights in the model (GGUF `general.parameter_count`). */
export const parameterCount = (ts: ReadonlyArray<Tensor>): number =>
  ts.reduce((sum, t) => sum + t.shape.reduce((a, b) => a * b, 1), 0)

/** The tensors grouped as ggml's `GroupLayers`: "blk.N", "token_embd", "output_norm", "output". */
export const groupLayers = (ts: ReadonlyArray<Tensor>): Map<string, number> => {
  const layers = new Map<string, number>()
  for (const t of ts) {
    const parts = t.name.split(".")
    const key = parts[0] === "blk" ? `blk.${parts[1]}` : parts[0]
    layers.set(key, (layers.get(key) ?? 0) + t.bytes)
  }
  return layers
}

/** Go's `format.HumanNumber` (ollama format/format.go): 7248023552 → "7.2B", as `parameter_size` shows it. */
export const humanNumber = (b: number): string => {
  const whole = (x: number) => x === Math.floor(x)
  if (b >= 1e9) return whole(b / 1e9) ? `${(b / 1e9).toFixed(0)}B` : `${(b / 1e9).toFixed(1)}B`
  if (b >= 1e6) return whole(b / 1e6) ? `${(b / 1e6).toFixed(0)}M` : `${(b / 1e6).toFixed(2)}M`
  if (b >= 1e3) return `${(b / 1e3).toFixed(0)}K`
  return `${b}`
}

/** Go's `format.HumanBytes` (ollama format/bytes.go, decimal units), as `ollama list` prints a size. */
export const humanBytes = (b: number): string => {
  const units: Array<[number, string]> = [
    [1e12, "TB"],
    [1e9, "GB"],
    [1e6, "MB"],
    [1e3, "KB"]
  ]
  for (const [size, unit] of units) {
    if (b >= size) {
      const value = b / size
      if (value >= 10) return `${Math.trunc(value)} ${unit}`
      if (value !== Math.trunc(value)) return `${value.toFixed(1)} ${unit}`
      return `${Math.trunc(value)} ${unit}`
    }
  }
  return `${b} B`
}

/** Go's `format.HumanBytes2` (binary units), as Ollama's server log prints memory figures. */
export const humanBytes2 = (b: number): string => {
  if (b >= 2 ** 30) return `${(b / 2 ** 30).toFixed(1)} GiB`
  if (b >= 2 ** 20) return `${(b / 2 ** 20).toFixed(1)} MiB`
  if (b >= 2 ** 10) return `${(b / 2 ** 10).toFixed(1)} KiB`
  return `${b} B`
}
