/** Shared helpers for the packages' benchmarks (`packages/<pkg>/bench/index.ts`). */

export interface BenchResult {
  readonly name: string
  readonly unit: string
  readonly value: number
  readonly n?: number
  readonly p50?: number
  readonly p99?: number
  readonly notes?: string
}

/** The q-quantile (0..1) of the samples, by nearest rank. */
export const quantile = (samples: ReadonlyArray<number>, q: number): number => {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank]
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits))

/** Times `fn` `n` times sequentially after `warmup` runs; returns the samples in microseconds. */
export const sampleMicros = async (n: number, fn: () => unknown, warmup = Math.min(50, n)): Promise<number[]> => {
  for (let i = 0; i < warmup; i++) await fn()
  const samples: number[] = []
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint()
    await fn()
    samples.push(Number(process.hrtime.bigint() - start) / 1000)
  }
  return samples
}

/** Runs `total` calls of `fn` with `concurrency` callers; returns per-call latencies (µs) and calls/s. */
export const load = async (
  total: number,
  concurrency: number,
  fn: () => Promise<unknown>
): Promise<{ latencies: number[]; perSecond: number }> => {
  const latencies: number[] = []
  let next = 0
  const started = process.hrtime.bigint()
  const worker = async () => {
    while (next < total) {
      next++
      const start = process.hrtime.bigint()
      await fn()
      latencies.push(Number(process.hrtime.bigint() - start) / 1000)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  return { latencies, perSecond: total / seconds }
}

/**
 * `load` as a bench result in requests/s, with the calls' p50/p99 latency in µs; `perSecond`
 * unrounded, for ratios between runs.
 */
export const throughput = async (
  name: string,
  /** Words on the result, or a function of the measured rate (for ratios to other runs). */
  notes: string | ((perSecond: number) => string),
  total: number,
  concurrency: number,
  fn: () => Promise<unknown>
): Promise<{ readonly perSecond: number; readonly result: BenchResult }> => {
  const { latencies, perSecond } = await load(total, concurrency, fn)
  return {
    perSecond,
    result: {
      name,
      unit: "requests/s",
      value: round(perSecond, 0),
      n: latencies.length,
      p50: round(quantile(latencies, 0.5)),
      p99: round(quantile(latencies, 0.99)),
      notes: typeof notes === "string" ? notes : notes(perSecond)
    }
  }
}

/** The part of an artifact plugin a validation benchmark needs (no import of core here). */
export interface BenchPlugin {
  readonly id: string
  readonly validate: (content: string) => unknown
  readonly dataset: { readonly generate: (options: { readonly seed: number; readonly count: number }) => Iterable<{ readonly output: string }> }
}

/**
 * Validation throughput of a plugin on one core: `samples` sequential calls over distinct dataset
 * answers (so no cache serves them); documents/s, p50/p99 in ms.
 */
export const validationThroughput = async (plugin: BenchPlugin, samples = 400): Promise<BenchResult> => {
  const docs = [...plugin.dataset.generate({ seed: 7, count: samples })].map((example) => example.output)
  let i = 0
  const micros = await sampleMicros(samples, () => plugin.validate(docs[i++ % docs.length]))
  const mean = micros.reduce((a, b) => a + b, 0) / micros.length
  const sizes = docs.map((doc) => doc.length)
  return {
    name: `validate ${plugin.id}`,
    unit: "docs/s",
    value: round(1e6 / mean, 1),
    n: micros.length,
    p50: round(quantile(micros, 0.5) / 1000, 3),
    p99: round(quantile(micros, 0.99) / 1000, 3),
    notes: `one core, sequential; p50/p99 in ms; ${docs.length} distinct dataset answers of ${Math.min(...sizes)}–${Math.max(...sizes)} characters (median ${quantile(sizes, 0.5)})`
  }
}

/** Generating `count` dataset examples, then validating every one: seconds each. */
export const datasetTimes = (plugin: BenchPlugin, count = 1000): BenchResult[] => {
  const started = performance.now()
  const examples = [...plugin.dataset.generate({ seed: 42, count })]
  const generated = performance.now()
  for (const example of examples) plugin.validate(example.output)
  const validated = performance.now()
  const generateS = (generated - started) / 1000
  const validateS = (validated - generated) / 1000
  return [
    { name: `dataset ${plugin.id}: generate ${count}`, unit: "s", value: round(generateS, 3), n: count, notes: `${round(count / generateS, 0)} examples/s` },
    { name: `dataset ${plugin.id}: validate ${count}`, unit: "s", value: round(validateS, 3), n: count, notes: `${round(count / validateS, 0)} examples/s, one thread` }
  ]
}
