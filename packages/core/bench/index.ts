/**
 * The pipeline's own overhead per request, with instant in-memory providers: everything lfai
 * adds around a model call (routing, leasing, extraction, validation bookkeeping, stats).
 */
import { quantile, round, sampleMicros, throughput, type BenchResult } from "../../../bench/lib.ts"
import { makeRuntime } from "@lfai/core"
import { pipelineLayer, scriptedCloud, scriptedLocalModels, wordArtifact } from "@lfai/core/testing"

const MODEL = "bench:instant"
/** A constant-time validator, so only the pipeline is measured. */
const plugin = wordArtifact({ id: "bench", model: MODEL })

export default async function run(): Promise<BenchResult[]> {
  const local = scriptedLocalModels({ [MODEL]: ["GOOD"] })
  const layer = pipelineLayer({ plugins: [plugin], local: local.layer, cloud: scriptedCloud([]).layer })
  const runtime = makeRuntime(layer)
  const call = () => runtime.generate("bench", { prompt: "an instant request" })
  try {
    const samples = await sampleMicros(5000, call, 500)
    const results: BenchResult[] = [
      {
        name: "core.pipeline.overhead",
        unit: "µs/request",
        value: round(quantile(samples, 0.5)),
        n: samples.length,
        p50: round(quantile(samples, 0.5)),
        p99: round(quantile(samples, 0.99)),
        notes: "one caller, instant in-memory local model, one attempt that passes; ManagedRuntime.runPromise included"
      }
    ]
    for (const concurrency of [1, 16, 64]) {
      const { result } = await throughput(
        `core.pipeline.throughput.c${concurrency}`,
        `${concurrency} concurrent callers on one runtime; p50/p99 in µs`,
        5000,
        concurrency,
        call
      )
      results.push(result)
    }
    return results
  } finally {
    await runtime.dispose()
  }
}
