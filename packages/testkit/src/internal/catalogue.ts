/**
 * The models the Ollama emulator knows, with their GGUF metadata as `ollama show` reports it.
 * Hyper-parameters come from each model's GGUF header (= its Hugging Face config.json); the sources
 * are listed per entry and in the README. Tensor sizes are computed from them (see ggml.ts).
 */
import { createHash } from "node:crypto"
import { fileTypeNumber, humanNumber, parameterCount, tensors, type FileType, type Geometry, type Tensor } from "./ggml.ts"

export interface CatalogueEntry {
  /** Canonical name, `model:tag`. */
  readonly name: string
  readonly geometry: Geometry
  readonly fileType: FileType
  readonly contextLength: number
  /** Extra GGUF keys reported by /api/show `model_info` (architecture-prefixed keys without the prefix). */
  readonly archInfo: Readonly<Record<string, number>>
  readonly generalInfo: Readonly<Record<string, string | number>>
  readonly tokenizer: Readonly<Record<string, string | number | boolean>>
  /** Bytes of the GGUF header before the tensor data (metadata + tokenizer arrays), estimated. */
  readonly headerBytes: number
  readonly template: string
  readonly params: Readonly<Record<string, unknown>>
  readonly license: string
  readonly capabilities: ReadonlyArray<string>
  readonly sources: ReadonlyArray<string>
}

const llamaTemplate = `[INST] {{ if .System }}{{ .System }} {{ end }}{{ .Prompt }} [/INST]`
const llama3Template = `{{ if .System }}<|start_header_id|>system<|end_header_id|>

{{ .System }}<|eot_id|>{{ end }}{{ if .Prompt }}<|start_header_id|>user<|end_header_id|>

{{ .Prompt }}<|eot_id|>{{ end }}<|start_header_id|>assistant<|end_header_id|>

{{ .Response }}<|eot_id|>`
const chatmlTemplate = `{{- if .System }}<|im_start|>system
{{ .System }}<|im_end|>
{{ end }}{{ if .Prompt }}<|im_start|>user
{{ .Prompt }}<|im_end|>
{{ end }}<|im_start|>assistant
{{ .Response }}<|im_end|>`

/** The seed's four models, as the Ollama library publishes them. */
/** Llama 3 (and 3.1) 8B: the same geometry, per each model's config.json (sources below). */
const LLAMA3_8B: Geometry = {
  architecture: "llama",
  blockCount: 32,
  embeddingLength: 4096,
  feedForwardLength: 14336,
  headCount: 32,
  headCountKv: 8,
  vocabSize: 128256,
  attentionBias: false,
  tiedEmbeddings: false
}

export const catalogue: ReadonlyArray<CatalogueEntry> = [
  {
    name: "mistral:7b-instruct-q4_K_M",
    geometry: {
      architecture: "llama",
      blockCount: 32,
      embeddingLength: 4096,
      feedForwardLength: 14336,
      headCount: 32,
      headCountKv: 8,
      vocabSize: 32768,
      attentionBias: false,
      tiedEmbeddings: false
    },
    fileType: "Q4_K_M",
    contextLength: 32768,
    archInfo: { "attention.layer_norm_rms_epsilon": 1e-5, "rope.dimension_count": 128, "rope.freq_base": 1000000 },
    generalInfo: { "general.basename": "Mistral", "general.finetune": "Instruct", "general.size_label": "7B", "general.version": "v0.3", "general.license": "apache-2.0" },
    tokenizer: { "tokenizer.ggml.model": "llama", "tokenizer.ggml.pre": "default", "tokenizer.ggml.bos_token_id": 1, "tokenizer.ggml.eos_token_id": 2, "tokenizer.ggml.add_bos_token": true, "tokenizer.ggml.add_eos_token": false },
    headerBytes: 1_600_000,
    template: llamaTemplate,
    params: { stop: ["[INST]", "[/INST]"] },
    license: "Apache License Version 2.0, January 2004",
    capabilities: ["completion", "tools"],
    sources: [
      "https://huggingface.co/mistralai/Mistral-7B-Instruct-v0.3/blob/main/config.json",
      "https://ollama.com/library/mistral:7b-instruct-q4_K_M"
    ]
  },
  {
    name: "codellama:7b-instruct-q4_K_M",
    geometry: {
      architecture: "llama",
      blockCount: 32,
      embeddingLength: 4096,
      feedForwardLength: 11008,
      headCount: 32,
      headCountKv: 32,
      vocabSize: 32016,
      attentionBias: false,
      tiedEmbeddings: false
    },
    fileType: "Q4_K_M",
    contextLength: 16384,
    archInfo: { "attention.layer_norm_rms_epsilon": 1e-5, "rope.dimension_count": 128, "rope.freq_base": 1000000 },
    generalInfo: { "general.name": "codellama" },
    tokenizer: { "tokenizer.ggml.model": "llama", "tokenizer.ggml.bos_token_id": 1, "tokenizer.ggml.eos_token_id": 2, "tokenizer.ggml.unknown_token_id": 0 },
    headerBytes: 1_500_000,
    template: llamaTemplate,
    params: { rope_frequency_base: 1000000, stop: ["[INST]", "[/INST]", "<<SYS>>", "<</SYS>>"] },
    license: "LLAMA 2 COMMUNITY LICENSE AGREEMENT",
    capabilities: ["completion"],
    sources: [
      "https://huggingface.co/codellama/CodeLlama-7b-Instruct-hf/blob/main/config.json",
      "https://ollama.com/library/codellama:7b-instruct-q4_K_M"
    ]
  },
  {
    name: "llama3:8b-instruct-q4_K_M",
    geometry: LLAMA3_8B,
    fileType: "Q4_K_M",
    contextLength: 8192,
    archInfo: { "attention.layer_norm_rms_epsilon": 1e-5, "rope.dimension_count": 128, "rope.freq_base": 500000 },
    generalInfo: { "general.name": "Meta-Llama-3-8B-Instruct" },
    tokenizer: { "tokenizer.ggml.model": "gpt2", "tokenizer.ggml.pre": "llama-bpe", "tokenizer.ggml.bos_token_id": 128000, "tokenizer.ggml.eos_token_id": 128009 },
    headerBytes: 7_800_000,
    template: llama3Template,
    params: { num_keep: 24, stop: ["<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"] },
    license: "META LLAMA 3 COMMUNITY LICENSE AGREEMENT",
    capabilities: ["completion"],
    sources: [
      "https://huggingface.co/meta-llama/Meta-Llama-3-8B-Instruct/blob/main/config.json",
      "https://github.com/ollama/ollama/blob/main/docs/api.md (Show Model Information: model_info of llama3)",
      "https://ollama.com/library/llama3:8b-instruct-q4_K_M"
    ]
  },
  {
    name: "qwen2.5-coder:7b-instruct-q4_K_M",
    geometry: {
      architecture: "qwen2",
      blockCount: 28,
      embeddingLength: 3584,
      feedForwardLength: 18944,
      headCount: 28,
      headCountKv: 4,
      vocabSize: 152064,
      attentionBias: true,
      tiedEmbeddings: false
    },
    fileType: "Q4_K_M",
    contextLength: 32768,
    archInfo: { "attention.layer_norm_rms_epsilon": 1e-6, "rope.freq_base": 1000000 },
    generalInfo: { "general.basename": "Qwen2.5-Coder", "general.finetune": "Instruct", "general.size_label": "7B", "general.license": "apache-2.0" },
    tokenizer: { "tokenizer.ggml.model": "gpt2", "tokenizer.ggml.pre": "qwen2", "tokenizer.ggml.bos_token_id": 151643, "tokenizer.ggml.eos_token_id": 151645, "tokenizer.ggml.padding_token_id": 151643, "tokenizer.ggml.add_bos_token": false },
    headerBytes: 5_900_000,
    template: chatmlTemplate,
    params: {},
    license: "Apache License Version 2.0, January 2004",
    capabilities: ["completion", "tools", "insert"],
    sources: [
      "https://huggingface.co/Qwen/Qwen2.5-Coder-7B-Instruct/blob/main/config.json",
      "https://ollama.com/library/qwen2.5-coder:7b-instruct-q4_K_M"
    ]
  }
]

/**
 * What an unnamed model gets: the geometry of Llama 3.1 8B Instruct at Q4_K_M (`llama3.1:8b`, the
 * library's most pulled 7–8B model), context length 131072.
 */
export const defaultEntry = (name: string): CatalogueEntry => ({
  name,
  geometry: LLAMA3_8B,
  fileType: "Q4_K_M",
  contextLength: 131072,
  archInfo: { "attention.layer_norm_rms_epsilon": 1e-5, "rope.dimension_count": 128, "rope.freq_base": 500000 },
  generalInfo: { "general.basename": "Meta-Llama-3.1", "general.finetune": "Instruct", "general.size_label": "8B" },
  tokenizer: { "tokenizer.ggml.model": "gpt2", "tokenizer.ggml.pre": "llama-bpe", "tokenizer.ggml.bos_token_id": 128000, "tokenizer.ggml.eos_token_id": 128009 },
  headerBytes: 7_800_000,
  template: llama3Template,
  params: { stop: ["<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"] },
  license: "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT",
  capabilities: ["completion", "tools"],
  sources: ["https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct/blob/main/config.json"]
})

/** Ollama's name normalisation: no tag means `latest`; the match is case-insensitive. */
export const normalizeName = (name: string): string => {
  const trimmed = name.trim()
  const slash = trimmed.lastIndexOf("/")
  const colon = trimmed.lastIndexOf(":")
  const withTag = colon > slash ? trimmed : `${trimmed}:latest`
  return withTag.replace(/^(registry\.ollama\.ai\/)?(library\/)?/, "")
}

/** Ollama's model-name rule (types/model/name.go): parts of letters, digits, `_`, `-`, `.`. */
export const isValidName = (name: string): boolean => {
  const n = normalizeName(name)
  const colon = n.lastIndexOf(":")
  const model = n.slice(0, colon)
  const tag = n.slice(colon + 1)
  const part = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}$/
  return model.split("/").every((p) => part.test(p)) && /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}$/.test(tag)
}

export const findCatalogue = (name: string): CatalogueEntry | undefined => {
  const n = normalizeName(name).toLowerCase()
  return catalogue.find((e) => e.name.toLowerCase() === n)
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex")

export interface Layer {
  readonly mediaType: string
  readonly digest: string
  readonly size: number
}

/** A model as the emulator serves it: its file, its manifest layers and its reported metadata. */
export interface ModelSpec {
  readonly entry: CatalogueEntry
  readonly tensors: ReadonlyArray<Tensor>
  readonly parameterCount: number
  /** GGUF file bytes: header + tensor data. */
  readonly fileBytes: number
  readonly layers: ReadonlyArray<Layer>
  /** Sum of the manifest's layers and config: `size` in /api/tags. */
  readonly size: number
  /** The manifest digest: `digest` in /api/tags and /api/ps. */
  readonly digest: string
  readonly details: {
    readonly parent_model: string
    readonly format: string
    readonly family: string
    readonly families: ReadonlyArray<string>
    readonly parameter_size: string
    readonly quantization_level: string
  }
  readonly modelInfo: Record<string, unknown>
}

export const modelSpec = (name: string, like?: string): ModelSpec => {
  const found = findCatalogue(like ?? name) ?? defaultEntry(normalizeName(name))
  const entry: CatalogueEntry = { ...found, name: normalizeName(name) }
  const ts = tensors(entry.geometry, entry.fileType)
  const tensorData = ts.reduce((sum, t) => sum + Math.ceil(t.bytes / 32) * 32, 0)
  const fileBytes = entry.headerBytes + tensorData
  const count = parameterCount(ts)
  const paramsJson = JSON.stringify(entry.params)
  const layerOf = (mediaType: string, content: string, size: number): Layer => ({
    mediaType,
    digest: `sha256:${sha256(`${found.name}\u0000${mediaType}\u0000${content}`)}`,
    size
  })
  const layers: Array<Layer> = [layerOf("application/vnd.ollama.image.model", found.name, fileBytes)]
  if (entry.template) layers.push(layerOf("application/vnd.ollama.image.template", entry.template, Buffer.byteLength(entry.template)))
  if (entry.license) layers.push(layerOf("application/vnd.ollama.image.license", entry.license, Buffer.byteLength(entry.license)))
  if (paramsJson !== "{}") layers.push(layerOf("application/vnd.ollama.image.params", paramsJson, Buffer.byteLength(paramsJson)))
  const arch = entry.geometry.architecture
  const quant = entry.fileType
  const config = JSON.stringify({ model_format: "gguf", model_family: arch, model_families: [arch], model_type: humanNumber(count), file_type: quant })
  layers.push(layerOf("application/vnd.docker.container.image.v1+json", config, Buffer.byteLength(config)))
  const size = layers.reduce((sum, l) => sum + l.size, 0)
  const modelInfo: Record<string, unknown> = {
    "general.architecture": arch,
    "general.file_type": fileTypeNumber[quant],
    "general.parameter_count": count,
    "general.quantization_version": 2,
    ...Object.fromEntries(Object.entries(entry.generalInfo).filter(([k]) => k !== "general.name")),
    [`${arch}.attention.head_count`]: entry.geometry.headCount,
    [`${arch}.attention.head_count_kv`]: entry.geometry.headCountKv,
    [`${arch}.block_count`]: entry.geometry.blockCount,
    [`${arch}.context_length`]: entry.contextLength,
    [`${arch}.embedding_length`]: entry.geometry.embeddingLength,
    [`${arch}.feed_forward_length`]: entry.geometry.feedForwardLength,
    [`${arch}.vocab_size`]: entry.geometry.vocabSize,
    ...Object.fromEntries(Object.entries(entry.archInfo).map(([k, v]) => [`${arch}.${k}`, v])),
    ...entry.tokenizer,
    "tokenizer.ggml.merges": entry.tokenizer["tokenizer.ggml.model"] === "gpt2" ? [] : undefined,
    "tokenizer.ggml.token_type": [],
    "tokenizer.ggml.tokens": [],
    "tokenizer.ggml.scores": entry.tokenizer["tokenizer.ggml.model"] === "llama" ? [] : undefined
  }
  for (const key of Object.keys(modelInfo)) if (modelInfo[key] === undefined) delete modelInfo[key]
  const sorted = Object.fromEntries(Object.keys(modelInfo).sort().map((k) => [k, modelInfo[k]]))
  return {
    entry,
    tensors: ts,
    parameterCount: count,
    fileBytes,
    layers,
    size,
    digest: sha256(`${entry.name}\u0000${layers.map((l) => l.digest).join(",")}`),
    details: { parent_model: "", format: "gguf", family: arch, families: [arch], parameter_size: humanNumber(count), quantization_level: quant },
    modelInfo: sorted
  }
}
