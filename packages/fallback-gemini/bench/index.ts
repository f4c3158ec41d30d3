/**
 * What the fallback layer adds over a bare `@google/genai` call: both against the Gemini emulator
 * of `@lfai/testkit`, which answers at once, so the difference is the layer's own work (Effect,
 * the retry schedule, the deadline, error mapping, redaction, the header-capturing fetch).
 */
import { GoogleGenAI } from "@google/genai"
import { Effect } from "effect"
import { Configs } from "@lfai/core"
import { makeService } from "@lfai/fallback-gemini"
import { startGemini } from "@lfai/testkit"
import { quantile, round, sampleMicros, type BenchResult } from "../../../bench/lib.ts"

const N = 2_000
const KEY = "bench-key"

export default async (): Promise<BenchResult[]> => {
  const emulator = await startGemini({ scenario: { api_key: KEY, replies: ["```mermaid\nerDiagram\n  A ||--o{ B : has\n```"] }, port: 0 })
  try {
    const config = await Effect.runPromise(
      Configs.loadConfig({ env: { GEMINI_API_KEY: KEY, GEMINI_BASE_URL: emulator.url }, implicitFile: false })
    )
    const model = config.gemini.model
    const system = "You write Mermaid erDiagram code only."
    const prompt = "An ERD for a library: books, members, loans."

    const bare = new GoogleGenAI({ apiKey: KEY, vertexai: false, httpOptions: { baseUrl: emulator.url } })
    const bareCall = async () => {
      const response = await bare.models.generateContent({ model, contents: prompt, config: { systemInstruction: system, temperature: 0.2 } })
      if (!response.candidates?.[0]) throw new Error("no answer")
    }
    const service = makeService(config, config.secrets.geminiApiKey!)
    const layerCall = () => Effect.runPromise(service.generate({ model, system, prompt, temperature: 0.2 }))

    // Interleave the two in rounds so drift (GC, JIT, the machine) hits both alike.
    const bareSamples: number[] = []
    const layerSamples: number[] = []
    for (let round = 0; round < 4; round++) {
      bareSamples.push(...(await sampleMicros(N / 4, bareCall, 100)))
      layerSamples.push(...(await sampleMicros(N / 4, layerCall, 100)))
    }
    const bareP50 = quantile(bareSamples, 0.5)
    const layerP50 = quantile(layerSamples, 0.5)
    return [
      {
        name: "gemini: bare @google/genai generateContent against the instant emulator",
        unit: "µs",
        value: round(bareP50, 1),
        n: bareSamples.length,
        p50: round(bareP50, 1),
        p99: round(quantile(bareSamples, 0.99), 1)
      },
      {
        name: "gemini: the fallback layer's generate against the instant emulator",
        unit: "µs",
        value: round(layerP50, 1),
        n: layerSamples.length,
        p50: round(layerP50, 1),
        p99: round(quantile(layerSamples, 0.99), 1)
      },
      {
        name: "gemini: added latency of the layer over a bare call (p50 ratio)",
        unit: "ratio",
        value: round(layerP50 / bareP50, 3),
        n: layerSamples.length,
        notes: `layer p50 − bare p50 = ${round(layerP50 - bareP50, 1)} µs; sequential calls, interleaved rounds`
      }
    ]
  } finally {
    await emulator.close()
  }
}
