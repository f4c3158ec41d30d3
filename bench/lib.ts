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

/** A result whose value is the samples' median, with their p50 and p99. */
export const summarise = (name: string, unit: string, samples: ReadonlyArray<number>, notes: string): BenchResult => ({
  name,
  unit,
  value: round(quantile(samples, 0.5)),
  n: samples.length,
  p50: round(quantile(samples, 0.5)),
  p99: round(quantile(samples, 0.99)),
  notes
})

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

/** Validation throughput from per-document samples (µs): documents/s on one core, p50/p99 in ms. */
export const docsPerSecond = (name: string, samples: ReadonlyArray<number>, notes: string): BenchResult => ({
  name,
  unit: "docs/s",
  value: round(1e6 / (samples.reduce((a, b) => a + b, 0) / samples.length), 1),
  n: samples.length,
  p50: round(quantile(samples, 0.5) / 1000, 3),
  p99: round(quantile(samples, 0.99) / 1000, 3),
  notes: `one core, sequential; p50/p99 in ms; ${notes}`
})
