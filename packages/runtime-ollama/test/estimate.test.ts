import { describe, expect, it } from "vitest"
import { estimateVram, factsFromShow, GiB, MiB, ShowParseError, tensorBytes } from "../src/internal/estimate.ts"
import { SEED_MODELS } from "../src/internal/seedModels.ts"

const seed = (name: string) => {
  const model = SEED_MODELS.find((m) => m.name === name)!
  return factsFromShow(model.name, model.show, model.sizeBytes)
}
const mistral = seed("mistral:7b-instruct-q4_K_M")
const codellama = seed("codellama:7b-instruct-q4_K_M")
const llama3 = seed("llama3:8b-instruct-q4_K_M")
const qwen = seed("qwen2.5-coder:7b-instruct-q4_K_M")

const at = (facts: typeof mistral, numCtx: number, numParallel = 1) => estimateVram(facts, { numCtx, numParallel })
const gib = (bytes: number) => bytes / GiB
const mib = (bytes: number) => Number((bytes / MiB).toFixed(1))

describe("KV cache (n_layer × num_ctx × num_parallel × (k + v head dims) × n_head_kv × 2 bytes)", () => {
  it("codellama 7B has no grouped-query attention: 2 GiB at 4096 tokens", () => {
    expect(gib(at(codellama, 4096).kvBytes)).toBe(2)
  })
  it("mistral 7B and llama3 8B (8 KV heads): 0.5 GiB at 4096", () => {
    expect(gib(at(mistral, 4096).kvBytes)).toBe(0.5)
    expect(gib(at(llama3, 4096).kvBytes)).toBe(0.5)
  })
  it("qwen2.5-coder 7B (4 KV heads, 28 layers): 224 MiB at 4096 (ollama#10801 logs memory.required.kv=224.0 MiB for the same text tower)", () => {
    expect(mib(at(qwen, 4096).kvBytes)).toBe(224)
  })
  it("num_parallel multiplies it, a q8_0 cache halves it", () => {
    expect(at(llama3, 4096, 4).kvBytes).toBe(4 * at(llama3, 4096).kvBytes)
    expect(estimateVram(llama3, { numCtx: 4096, kvCacheType: "q8_0" }).kvBytes).toBe(at(llama3, 4096).kvBytes / 2)
  })
})

describe("pinned against what Ollama logged for these models", () => {
  it("llama3 8B Q4_K_M at num_ctx 8192: 6.5 GiB, graph 560 MiB, output 411 MiB (ollama#11292: memory.required.full=6.5 GiB, graph.full=560.0 MiB, weights.nonrepeating=411.0 MiB)", () => {
    const e = at(llama3, 8192)
    expect(mib(e.graphBytes)).toBe(560)
    expect(mib(llama3.outputBytes)).toBe(411)
    expect(gib(e.totalBytes)).toBeGreaterThan(6.4)
    expect(gib(e.totalBytes)).toBeLessThan(6.55)
  })
  it("mistral 7B v0.3 at num_ctx 2048: graph 164 MiB, output 105 MiB, kv 256 MiB (ollama#6348); 4.8 GiB for Q4_0, a little more for Q4_K_M", () => {
    const e = at(mistral, 2048)
    expect(mib(e.graphBytes)).toBe(164)
    expect(mib(mistral.outputBytes)).toBe(105)
    expect(mib(e.kvBytes)).toBe(256)
    expect(gib(e.totalBytes)).toBeGreaterThan(4.8)
    expect(gib(e.totalBytes)).toBeLessThan(5.1)
  })
  it("at the default num_ctx 4096 the four seed models need 5.2–6.7 GiB each — more than their 3.8–4.7 GB downloads", () => {
    // From the file size alone (no `tensors`), with the 1% weights margin; the exact figures from
    // tensors are checked against the emulator in ollama.test.ts (5.38, 6.65, 5.68, 5.18).
    const totals = [mistral, codellama, llama3, qwen].map((f) => gib(at(f, 4096).totalBytes))
    expect(totals.map((t) => Number(t.toFixed(2)))).toEqual([5.42, 6.68, 5.72, 5.21])
  })
  it("so the two default persistent models do not fit together in 12 GiB, and no three models ever do", () => {
    expect(gib(at(codellama, 4096).totalBytes + at(llama3, 4096).totalBytes)).toBeGreaterThan(12)
    expect(gib(at(mistral, 4096).totalBytes + at(qwen, 4096).totalBytes)).toBeLessThan(12)
  })
})

describe("reading /api/show", () => {
  it("uses real tensor sizes when the answer has `tensors`", () => {
    const tensors = [
      { name: "token_embd.weight", type: "Q4_K", shape: [256, 1000] },
      { name: "blk.0.attn_q.weight", type: "Q4_K", shape: [256, 256] },
      { name: "blk.0.attn_norm.weight", type: "F32", shape: [256] },
      { name: "blk.1.attn_q.weight", type: "Q6_K", shape: [256, 256] },
      { name: "output_norm.weight", type: "F32", shape: [256] },
      { name: "output.weight", type: "Q6_K", shape: [256, 1000] }
    ]
    const facts = factsFromShow(
      "tiny:latest",
      {
        model_info: {
          "general.architecture": "llama",
          "llama.block_count": 2,
          "llama.embedding_length": 256,
          "llama.attention.head_count": 4,
          "llama.attention.head_count_kv": 2
        },
        tensors
      },
      undefined
    )
    expect(facts.exact).toBe(true)
    expect(facts.vocabSize).toBe(1000)
    expect(facts.blockBytes).toEqual([tensorBytes("Q4_K", [256, 256]) + 1024, tensorBytes("Q6_K", [256, 256])])
    expect(facts.outputBytes).toBe(1024 + (256 * 1000 * 210) / 256)
  })
  it("per-layer head counts (arrays) are honoured; a layer without KV heads has no cache", () => {
    const facts = factsFromShow(
      "mixed:latest",
      {
        model_info: {
          "general.architecture": "custom",
          "custom.block_count": 3,
          "custom.embedding_length": 512,
          "custom.attention.head_count": [8, 8, 8],
          "custom.attention.head_count_kv": [2, 0, 2],
          "custom.vocab_size": 1000,
          "general.parameter_count": 1_000_000
        },
        details: { quantization_level: "Q8_0" }
      },
      undefined
    )
    const kv = estimateVram(facts, { numCtx: 1024 })
    expect(kv.kvBytes).toBe(2 * 1024 * (64 + 64) * 2 * 2)
  })
  it("fails with a message naming what is missing", () => {
    expect(() => factsFromShow("x:latest", {}, 1)).toThrow(ShowParseError)
    expect(() => factsFromShow("x:latest", { model_info: { "general.architecture": "llama" } }, 1)).toThrow(/block_count/)
  })
  it("reads a Map (the client's declared type) as well as a plain object", () => {
    const model = SEED_MODELS[0]
    const asMap = factsFromShow(model.name, { ...model.show, model_info: new Map(Object.entries(model.show.model_info as object)) }, model.sizeBytes)
    expect(asMap).toEqual(mistral)
  })
})
