import { describe, expect, it } from "vitest"
import { catalogueModels, estimateModelMemory } from "../src/index.ts"
import { humanBytes, humanBytes2, humanNumber, tensorBytes, type Geometry, type Tensor } from "../src/internal/ggml.ts"
import { estimateGpuLayers, GPU_MINIMUM_MEMORY, graphSize } from "../src/internal/memory.ts"
import { modelSpec } from "../src/internal/catalogue.ts"

const MiB = 2 ** 20
const GiB = 2 ** 30

describe("ggml type sizes (fs/ggml/ggml.go TypeSize)", () => {
  it("matches the block layouts", () => {
    expect(tensorBytes("Q4_K", [256])).toBe(144)
    expect(tensorBytes("Q6_K", [256])).toBe(210)
    expect(tensorBytes("Q4_0", [32])).toBe(18)
    expect(tensorBytes("Q8_0", [32])).toBe(34)
    expect(tensorBytes("F32", [7])).toBe(28)
  })

  it("formats like Go's format package", () => {
    expect(humanNumber(7248023552)).toBe("7.2B")
    expect(humanNumber(8030261248)).toBe("8.0B")
    expect(humanNumber(7_000_000_000)).toBe("7B")
    expect(humanNumber(22_700_000)).toBe("22.70M")
    expect(humanBytes(4_920_698_535)).toBe("4.9 GB")
    expect(humanBytes(45_000_000_000)).toBe("45 GB")
    expect(humanBytes(4_000_000_000)).toBe("4 GB")
    expect(humanBytes2(258.5 * MiB)).toBe("258.5 MiB")
  })
})

describe("the catalogue: the seed's four models as the Ollama library publishes them", () => {
  const byName = Object.fromEntries(catalogueModels().map((m) => [m.name, m]))

  it("reports the parameter counts and sizes `ollama list` shows", () => {
    // ollama.com/library: mistral 7b-instruct-q4_K_M 4.4GB, codellama 7b-instruct-q4_K_M 4.1GB,
    // llama3 8b-instruct-q4_K_M 4.9GB, qwen2.5-coder 7b-instruct-q4_K_M 4.7GB
    const expected: Record<string, [string, number, string]> = {
      "mistral:7b-instruct-q4_K_M": ["7.2B", 7_248_023_552, "4.4 GB"],
      "codellama:7b-instruct-q4_K_M": ["6.7B", 6_738_546_688, "4.1 GB"],
      "llama3:8b-instruct-q4_K_M": ["8.0B", 8_030_261_248, "4.9 GB"],
      "qwen2.5-coder:7b-instruct-q4_K_M": ["7.6B", 7_615_616_512, "4.7 GB"]
    }
    for (const [name, [size, params, listed]] of Object.entries(expected)) {
      expect(byName[name].parameterSize, name).toBe(size)
      expect(byName[name].parameterCount, name).toBe(params)
      expect(humanBytes(byName[name].size), name).toBe(listed)
      expect(byName[name].quantization).toBe("Q4_K_M")
    }
  })

  it("has the GGUF architecture details of each model", () => {
    expect(byName["codellama:7b-instruct-q4_K_M"]).toMatchObject({ architecture: "llama", blockCount: 32, headCount: 32, headCountKv: 32, embeddingLength: 4096, vocabSize: 32016, contextLength: 16384 })
    expect(byName["mistral:7b-instruct-q4_K_M"]).toMatchObject({ architecture: "llama", blockCount: 32, headCount: 32, headCountKv: 8, vocabSize: 32768, contextLength: 32768 })
    expect(byName["llama3:8b-instruct-q4_K_M"]).toMatchObject({ architecture: "llama", blockCount: 32, headCountKv: 8, vocabSize: 128256, contextLength: 8192 })
    expect(byName["qwen2.5-coder:7b-instruct-q4_K_M"]).toMatchObject({ architecture: "qwen2", blockCount: 28, headCount: 28, headCountKv: 4, embeddingLength: 3584, vocabSize: 152064, contextLength: 32768 })
  })

  it("gives llama3's output layer the 411.0 MiB Ollama logs as non-repeating weights", () => {
    const spec = modelSpec("llama3:8b-instruct-q4_K_M")
    const output = spec.tensors.find((t) => t.name === "output.weight")!
    const norm = spec.tensors.find((t) => t.name === "output_norm.weight")!
    expect(output.type).toBe("Q6_K")
    expect(humanBytes2(output.bytes + norm.bytes)).toBe("411.0 MiB")
  })
})

describe("KV cache (Ollama's own estimate)", () => {
  const kv = (name: string) => estimateModelMemory(name, { numCtx: 4096 }).kvCache
  it("is 2 GiB for codellama (no GQA), 0.5 GiB for mistral and llama3, 224 MiB for qwen2.5-coder at 4096 tokens", () => {
    expect(kv("codellama:7b-instruct-q4_K_M")).toBe(2 * GiB)
    expect(kv("mistral:7b-instruct-q4_K_M")).toBe(0.5 * GiB)
    expect(kv("llama3:8b-instruct-q4_K_M")).toBe(0.5 * GiB)
    expect(kv("qwen2.5-coder:7b-instruct-q4_K_M")).toBe(224 * MiB)
  })

  it("grows with num_parallel and stops at the model's context length", () => {
    expect(estimateModelMemory("mistral:7b-instruct-q4_K_M", { numCtx: 4096, numParallel: 4 }).kvCache).toBe(2 * GiB)
    const capped = estimateModelMemory("llama3:8b-instruct-q4_K_M", { numCtx: 32768 })
    expect(capped.contextLength).toBe(8192)
    expect(capped.kvCache).toBe(1 * GiB)
  })
})

describe("estimateGPULayers (reproducing ollama llm/memory_test.go)", () => {
  // the dummy model of TestEstimateGPULayers: llama, 5 blocks of one 4-byte tensor, embedding 4096,
  // 32 heads and 32 KV heads, a one-token vocabulary, context 2048
  const geometry: Geometry = {
    architecture: "llama",
    blockCount: 5,
    embeddingLength: 4096,
    feedForwardLength: 0,
    headCount: 32,
    headCountKv: 32,
    vocabSize: 1,
    attentionBias: false,
    tiedEmbeddings: false
  }
  const tensor = (name: string): Tensor => ({ name, type: "F32", shape: [1, 1, 1, 1], bytes: 4 })
  const model = { geometry, tensors: [0, 1, 2, 3, 4].map((i) => tensor(`blk.${i}.attn.weight`)).concat(tensor("output.weight")) }
  const opts = { numCtx: 2048, numBatch: 512, numParallel: 1, numGpu: -1 }
  const graphPartialOffload = 202377216
  const graphFullOffload = 171968512
  const layerSize = 33554436
  const memoryLayerOutput = 4

  it("derives the same graph sizes", () => {
    const g = graphSize(geometry, opts)
    expect(g.graphPartialOffload).toBe(graphPartialOffload)
    expect(g.graphFullOffload).toBe(graphFullOffload)
    expect(g.kv[0] + 4).toBe(layerSize)
  })

  it("loads nothing on the CPU-only path", () => {
    const e = estimateGpuLayers(model, undefined, opts)
    expect(e.layers).toBe(0)
    expect(e.vramSize).toBe(0)
    expect(e.totalSize).toBe(5 * layerSize + memoryLayerOutput)
  })

  for (const [space, expected] of [
    [0, 0],
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 4],
    [5, 6],
    [6, 6]
  ] as const) {
    it(`places ${expected} layers when the GPU has room for ${space}`, () => {
      const free = GPU_MINIMUM_MEMORY + layerSize + space * layerSize + 1 + memoryLayerOutput + Math.max(graphFullOffload, graphPartialOffload)
      const e = estimateGpuLayers(model, free, opts)
      expect(e.layers).toBe(expected)
      if (expected === 6) {
        expect(e.vramSize).toBe(e.totalSize)
        expect(e.fullyLoaded).toBe(true)
      } else {
        expect(e.vramSize).toBeLessThan(e.totalSize)
      }
    })
  }
})

describe("what /api/ps reports for the seed's models", () => {
  it("fully offloads each model on a 12 GiB card: weights + KV + graph + the CUDA minimum", () => {
    for (const m of catalogueModels()) {
      const e = estimateModelMemory(m.name, { numCtx: 4096, freeGb: 12 })
      expect(e.sizeVram, m.name).toBe(e.size)
      expect(e.layers).toBe(m.blockCount + 1)
      // weights + kv + graph + minimum + one block of buffer: between the file size and file + 3 GiB
      expect(e.size).toBeGreaterThan(e.weights + e.kvCache + e.graph + GPU_MINIMUM_MEMORY)
      expect(e.size).toBeLessThan(m.size + e.kvCache + 1.5 * GiB)
    }
  })

  it("offloads part of a model to the CPU when the card is too small (size_vram < size)", () => {
    const full = estimateModelMemory("codellama:7b-instruct-q4_K_M", { numCtx: 8192 })
    const partial = estimateModelMemory("codellama:7b-instruct-q4_K_M", { numCtx: 8192, freeGb: 6 })
    expect(partial.layers).toBeGreaterThan(0)
    expect(partial.layers).toBeLessThan(33)
    expect(partial.sizeVram).toBeLessThan(partial.size)
    expect(partial.sizeVram).toBeLessThanOrEqual(6 * GiB)
    expect(full.sizeVram).toBeGreaterThan(6 * GiB)
  })

  it("matches what Ollama logs for a Qwen2.5 7B Q4_K_M on the CPU (ollama issue #10801)", () => {
    // memory.required.full="4.3 GiB" memory.required.kv="224.0 MiB" memory.weights.total="4.1 GiB"
    // memory.weights.repeating="3.7 GiB" at num_ctx 4096, no layer on the GPU
    const cpu = estimateModelMemory("qwen2.5-coder:7b-instruct-q4_K_M", { numCtx: 4096, freeGb: 0 })
    expect(cpu.layers).toBe(0)
    expect(cpu.sizeVram).toBe(0)
    expect(humanBytes2(cpu.size)).toBe("4.3 GiB")
    expect(humanBytes2(cpu.kvCache)).toBe("224.0 MiB")
    expect(humanBytes2(cpu.weights)).toBe("4.1 GiB")
    const spec = modelSpec("qwen2.5-coder:7b-instruct-q4_K_M")
    const repeating = spec.tensors.filter((t) => t.name.startsWith("blk.")).reduce((sum, t) => sum + t.bytes, 0)
    expect(humanBytes2(repeating)).toBe("3.7 GiB")
  })

  it("gives unnamed models the default (Llama 3.1 8B Q4_K_M) figures", () => {
    const spec = modelSpec("some-team/custom-model:v2")
    expect(spec.details.parameter_size).toBe("8.0B")
    expect(spec.modelInfo["llama.context_length"]).toBe(131072)
    expect(estimateModelMemory("some-team/custom-model:v2", { numCtx: 4096 }).size).toBe(estimateModelMemory("llama3:8b-instruct-q4_K_M", { numCtx: 4096 }).size)
  })
})
