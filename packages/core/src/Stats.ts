/**
 * Per-artifact stats as Effect metrics (named `lfai_*`, so any exporter — Prometheus, OTLP —
 * sees them), and readable back as the seed's `get_stats()` JSON.
 */
import { Context, Effect, Layer, Metric } from "effect"
import type { GenerateResult } from "./Result.ts"

const SCORE_BOUNDARIES = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
const LATENCY_BOUNDARIES_MS = [10, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 120000, 300000]

export const metrics = {
  requests: Metric.counter("lfai_requests_total", { description: "Generation requests, by artifact and outcome (passed, failed, no_content)" }),
  results: Metric.counter("lfai_results_total", { description: "Results returned, by artifact, provider and model" }),
  attempts: Metric.counter("lfai_attempts_total", { description: "Model calls, by artifact, provider and outcome" }),
  score: Metric.histogram("lfai_score", { description: "Validator score of returned results", boundaries: SCORE_BOUNDARIES }),
  latency: Metric.histogram("lfai_request_duration_ms", { description: "Whole-request latency in ms", boundaries: LATENCY_BOUNDARIES_MS }),
  cloudTokens: Metric.counter("lfai_cloud_tokens_total", { description: "Tokens sent to and received from the cloud fallback" })
}

export interface Distribution {
  readonly count: number
  readonly mean: number
  readonly min: number
  readonly max: number
  /** Cumulative counts per upper bound, as Prometheus buckets. */
  readonly buckets: ReadonlyArray<readonly [number, number]>
}

export interface ArtifactStats {
  readonly total_requests: number
  readonly successful_requests: number
  readonly failed_requests: number
  readonly local: number
  readonly fallback: number
  /** Share of returned results that came from a local model, 0..1 (`null` before any). */
  readonly local_share: number | null
  readonly models_used: Readonly<Record<string, number>>
  readonly cloud_tokens: { readonly prompt: number; readonly completion: number }
  readonly score: Distribution | null
  readonly latency_ms: Distribution | null
}

export type StatsSnapshot = Readonly<Record<string, ArtifactStats>>

export interface StatsShape {
  /** Records one finished request (passed or not). */
  readonly record: (artifact: string, result: GenerateResult) => Effect.Effect<void>
  /** Records a request that came back with no content at all. */
  readonly recordNoContent: (artifact: string, durationMs: number) => Effect.Effect<void>
  readonly snapshot: Effect.Effect<StatsSnapshot>
}

export class Stats extends Context.Service<Stats, StatsShape>()("@lfai/core/Stats") {}

const withTags = <A extends Metric.Metric<any, any>>(metric: A, attributes: Record<string, string>): A =>
  Metric.withAttributes(metric, attributes) as A

const record = (artifact: string, result: GenerateResult): Effect.Effect<void> =>
  Effect.gen(function* () {
    const tag = { artifact }
    yield* Metric.update(withTags(metrics.requests, { ...tag, outcome: result.passed ? "passed" : "failed" }), 1)
    yield* Metric.update(withTags(metrics.results, { ...tag, provider: result.provider, model: result.model }), 1)
    yield* Metric.update(withTags(metrics.score, tag), result.score)
    yield* Metric.update(withTags(metrics.latency, tag), result.durationMs)
    for (const attempt of result.attempts) {
      yield* Metric.update(
        withTags(metrics.attempts, { ...tag, provider: attempt.provider, outcome: attempt.error ? "error" : attempt.passed ? "passed" : "failed" }),
        1
      )
      if (attempt.usage && attempt.provider !== "ollama") {
        yield* Metric.update(withTags(metrics.cloudTokens, { ...tag, direction: "prompt" }), attempt.usage.promptTokens ?? 0)
        yield* Metric.update(withTags(metrics.cloudTokens, { ...tag, direction: "completion" }), attempt.usage.completionTokens ?? 0)
      }
    }
  })

const recordNoContent = (artifact: string, durationMs: number): Effect.Effect<void> =>
  Effect.gen(function* () {
    yield* Metric.update(withTags(metrics.requests, { artifact, outcome: "no_content" }), 1)
    yield* Metric.update(withTags(metrics.latency, { artifact }), durationMs)
  })

interface Mutable {
  total_requests: number
  successful_requests: number
  failed_requests: number
  local: number
  fallback: number
  models_used: Record<string, number>
  cloud_tokens: { prompt: number; completion: number }
  score: Distribution | null
  latency_ms: Distribution | null
}

const emptyStats = (): Mutable => ({
  total_requests: 0,
  successful_requests: 0,
  failed_requests: 0,
  local: 0,
  fallback: 0,
  models_used: {},
  cloud_tokens: { prompt: 0, completion: 0 },
  score: null,
  latency_ms: null
})

const distribution = (state: Metric.HistogramState): Distribution | null =>
  state.count === 0
    ? null
    : { count: state.count, mean: state.sum / state.count, min: state.min, max: state.max, buckets: state.buckets }

const asNumber = (value: number | bigint): number => (typeof value === "bigint" ? Number(value) : value)

/** Reads the `lfai_*` metrics back into the per-artifact JSON; `artifacts` are listed even before their first request. */
const snapshotOf = (artifacts: ReadonlyArray<string>): Effect.Effect<StatsSnapshot> => Effect.map(Metric.snapshot, (snapshots) => {
  const byArtifact = new Map<string, Mutable>(artifacts.map((artifact) => [artifact, emptyStats()]))
  const of = (artifact: string) => {
    let stats = byArtifact.get(artifact)
    if (!stats) byArtifact.set(artifact, (stats = emptyStats()))
    return stats
  }
  for (const snapshot of snapshots) {
    const attributes = (snapshot.attributes ?? {}) as Record<string, string>
    const artifact = attributes.artifact
    if (!snapshot.id.startsWith("lfai_") || artifact === undefined) continue
    const stats = of(artifact)
    if (snapshot.type === "Counter") {
      const count = asNumber(snapshot.state.count)
      if (snapshot.id === metrics.requests.id) {
        stats.total_requests += count
        if (attributes.outcome === "passed") stats.successful_requests += count
        else stats.failed_requests += count
      } else if (snapshot.id === metrics.results.id) {
        if (attributes.provider === "ollama") stats.local += count
        else stats.fallback += count
        stats.models_used[attributes.model] = (stats.models_used[attributes.model] ?? 0) + count
      } else if (snapshot.id === metrics.cloudTokens.id) {
        if (attributes.direction === "prompt") stats.cloud_tokens.prompt += count
        else stats.cloud_tokens.completion += count
      }
    } else if (snapshot.type === "Histogram") {
      if (snapshot.id === metrics.score.id) stats.score = distribution(snapshot.state)
      else if (snapshot.id === metrics.latency.id) stats.latency_ms = distribution(snapshot.state)
    }
  }
  const out: Record<string, ArtifactStats> = {}
  for (const [artifact, stats] of [...byArtifact].sort(([a], [b]) => a.localeCompare(b))) {
    const returned = stats.local + stats.fallback
    out[artifact] = { ...stats, local_share: returned === 0 ? null : stats.local / returned }
  }
  return out
})

/** Reads the `lfai_*` metrics back into the per-artifact JSON. */
export const readSnapshot: Effect.Effect<StatsSnapshot> = snapshotOf([])

/**
 * Stats with a metric registry of their own, so two runtimes in one process (tests, a library
 * user with two handles) never mix their figures; exporters in the same runtime read this one.
 * `artifacts` are listed from the start, at zero (as the server's primed metrics are), so a caller
 * sees the same artifacts before and after their first request.
 */
export const layerFor = (artifacts: ReadonlyArray<string>): Layer.Layer<Stats> =>
  Layer.merge(
    Layer.succeed(Stats, { record, recordNoContent, snapshot: snapshotOf(artifacts) }),
    Layer.effect(Metric.MetricRegistry, Effect.sync((): Metric.MetricRegistry => new Map()))
  )

/** Stats listing only the artifacts that have had a request. */
export const layer: Layer.Layer<Stats> = layerFor([])
