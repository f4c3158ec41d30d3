/**
 * The seed's four models as `/api/show` (model_info, details) and `/api/tags` (size) describe
 * them: GGUF metadata of the Ollama library builds. Used by the estimate's unit tests, the
 * bench's trace, and the README's worked example — never by the runtime, which always asks the
 * server.
 */
import type { ShowLike } from "./estimate.ts"

export interface SeedModel {
  readonly name: string
  /** `/api/tags` size in bytes (the GGUF file; ollama.com/library lists it rounded). */
  readonly sizeBytes: number
  readonly show: ShowLike
}

const llamaInfo = (o: {
  name: string
  ctx: number
  embd: number
  blocks: number
  heads: number
  kvHeads: number
  ff: number
  vocab: number
  params: number
  ropeBase: number
}) => ({
  "general.architecture": "llama",
  "general.basename": o.name,
  "general.parameter_count": o.params,
  "general.file_type": 15,
  "general.quantization_version": 2,
  "llama.block_count": o.blocks,
  "llama.context_length": o.ctx,
  "llama.embedding_length": o.embd,
  "llama.feed_forward_length": o.ff,
  "llama.attention.head_count": o.heads,
  "llama.attention.head_count_kv": o.kvHeads,
  "llama.attention.layer_norm_rms_epsilon": 1e-5,
  "llama.rope.dimension_count": o.embd / o.heads,
  "llama.rope.freq_base": o.ropeBase,
  "llama.vocab_size": o.vocab,
  "tokenizer.ggml.model": "llama",
  "tokenizer.ggml.tokens": null
})

export const SEED_MODELS: ReadonlyArray<SeedModel> = [
  {
    // Mistral 7B Instruct v0.3, Q4_K_M: 32 layers, GQA 32/8, vocab 32768 — 4.4 GB.
    name: "mistral:7b-instruct-q4_K_M",
    sizeBytes: 4_372_812_000,
    show: {
      details: { family: "llama", quantization_level: "Q4_K_M" },
      model_info: llamaInfo({ name: "Mistral", ctx: 32768, embd: 4096, blocks: 32, heads: 32, kvHeads: 8, ff: 14336, vocab: 32768, params: 7_248_023_552, ropeBase: 1_000_000 })
    }
  },
  {
    // Code Llama 7B Instruct, Q4_K_M: 32 layers, 32 KV heads (no GQA), vocab 32016 — 4.1 GB.
    name: "codellama:7b-instruct-q4_K_M",
    sizeBytes: 4_081_000_000,
    show: {
      details: { family: "llama", quantization_level: "Q4_K_M" },
      model_info: llamaInfo({ name: "CodeLlama", ctx: 16384, embd: 4096, blocks: 32, heads: 32, kvHeads: 32, ff: 11008, vocab: 32016, params: 6_738_546_688, ropeBase: 1_000_000 })
    }
  },
  {
    // Meta Llama 3 8B Instruct, Q4_K_M: 32 layers, GQA 32/8, vocab 128256 — 4.9 GB.
    name: "llama3:8b-instruct-q4_K_M",
    sizeBytes: 4_920_739_000,
    show: {
      details: { family: "llama", quantization_level: "Q4_K_M" },
      model_info: llamaInfo({ name: "Meta-Llama-3", ctx: 8192, embd: 4096, blocks: 32, heads: 32, kvHeads: 8, ff: 14336, vocab: 128256, params: 8_030_261_248, ropeBase: 500_000 })
    }
  },
  {
    // Qwen2.5 Coder 7B Instruct, Q4_K_M: 28 layers, GQA 28/4, vocab 152064 — 4.7 GB.
    name: "qwen2.5-coder:7b-instruct-q4_K_M",
    sizeBytes: 4_683_073_000,
    show: {
      details: { family: "qwen2", quantization_level: "Q4_K_M" },
      model_info: {
        "general.architecture": "qwen2",
        "general.basename": "Qwen2.5-Coder",
        "general.parameter_count": 7_615_616_512,
        "general.file_type": 15,
        "qwen2.block_count": 28,
        "qwen2.context_length": 32768,
        "qwen2.embedding_length": 3584,
        "qwen2.feed_forward_length": 18944,
        "qwen2.attention.head_count": 28,
        "qwen2.attention.head_count_kv": 4,
        "qwen2.attention.layer_norm_rms_epsilon": 1e-6,
        "qwen2.rope.freq_base": 1_000_000,
        "tokenizer.ggml.model": "gpt2",
        "tokenizer.ggml.pre": "qwen2",
        // GGUF has no qwen2.vocab_size: the vocabulary is the token list's length, which only a
        // verbose /api/show (or the token_embd tensor's shape) reveals.
        "tokenizer.ggml.tokens": new Array<string>(152064).fill("")
      }
    }
  }
]
