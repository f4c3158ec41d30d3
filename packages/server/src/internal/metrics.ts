/**
 * The server's own metrics (HTTP requests, VRAM, queue), beside the `lfai_*` metrics core records,
 * and the priming that makes every series exist — at zero — from the first scrape.
 */
import { Effect, Metric } from "effect"
import { StatsMetrics, type PluginInfo, type VramReport } from "@lfai/core"

const DURATION_BOUNDARIES_MS = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 120000, 300000]

export const httpMetrics = {
  requests: Metric.counter("lfai_http_requests_total", {
    description: "HTTP requests answered, by route (the template, or `unmatched`), method and status"
  }),
  duration: Metric.histogram("lfai_http_request_duration_ms", {
    description: "HTTP request latency in ms, by route",
    boundaries: DURATION_BOUNDARIES_MS
  }),
  inFlight: Metric.gauge("lfai_http_requests_in_flight", { description: "HTTP requests being handled now" }),
  vramUsed: Metric.gauge("lfai_vram_used_gb", { description: "GiB of VRAM the budget holds on each Ollama host (reconciled with it when it answers)" }),
  vramLimit: Metric.gauge("lfai_vram_limit_gb", { description: "The VRAM budget in GiB of each Ollama host (ollama.hosts, or ollama.vram_limit_gb)" }),
  vramQueue: Metric.gauge("lfai_vram_queue_length", { description: "Requests waiting for VRAM on each Ollama host" }),
  loadedModels: Metric.gauge("lfai_vram_loaded_models", { description: "Models loaded now on each Ollama host" }),
  ollamaUp: Metric.gauge("lfai_ollama_up", { description: "1 when the Ollama host answered the last VRAM reconciliation, else 0" })
}

const tagged = <A extends Metric.Metric<any, any>>(metric: A, attributes: Record<string, string>): A =>
  Metric.withAttributes(metric, attributes) as A

/** Tagged series are cached: building one (and its registry key) per request would cost more than the update. */
const requestSeries = new Map<string, Metric.Metric<number, unknown>>()
const durationSeries = new Map<string, Metric.Metric<number, unknown>>()

const cached = (cache: Map<string, Metric.Metric<number, unknown>>, key: string, make: () => Metric.Metric<number, unknown>) => {
  let metric = cache.get(key)
  if (metric === undefined) cache.set(key, (metric = make()))
  return metric
}

export const recordRequest = (route: string, method: string, status: number, durationMs: number) => {
  const statusText = String(status)
  const requests = cached(requestSeries, `${route} ${method} ${statusText}`, () => tagged(httpMetrics.requests, { route, method, status: statusText }))
  const duration = cached(durationSeries, route, () => tagged(httpMetrics.duration, { route }))
  return Effect.andThen(Metric.update(requests, 1), Metric.update(duration, durationMs))
}

export const setInFlight = (count: number) => Metric.update(httpMetrics.inFlight, count)

/** The VRAM gauges of one host, tagged `host` (its URL); Prometheus sums them over hosts. */
const hostSeries = new Map<string, ReadonlyArray<Metric.Metric<number, unknown>>>()
const seriesOf = (host: string) => {
  let series = hostSeries.get(host)
  if (series === undefined) {
    const { vramUsed, vramLimit, vramQueue, loadedModels, ollamaUp } = httpMetrics
    series = [vramUsed, vramLimit, vramQueue, loadedModels, ollamaUp].map((metric) => tagged(metric, { host }))
    hostSeries.set(host, series)
  }
  return series
}

export const recordVram = (report: VramReport) =>
  Effect.forEach(
    report.hosts,
    (host) => {
      const [used, limit, queue, loaded, up] = seriesOf(host.url)
      return Effect.all(
        [
          Metric.update(used, host.usedGb),
          Metric.update(limit, host.totalGb),
          Metric.update(queue, host.queued),
          Metric.update(loaded, host.activeModels.length),
          Metric.update(up, host.up ? 1 : 0)
        ],
        { discard: true }
      )
    },
    { discard: true }
  )

/**
 * Registers every series a dashboard expects before the first request, so they are exported at
 * zero: per artifact the request outcomes, score and latency histograms and cloud tokens (core's
 * metrics), and per route the HTTP request counters.
 */
export const prime = (plugins: ReadonlyArray<PluginInfo>, routes: ReadonlyArray<{ readonly method: string; readonly path: string }>) =>
  Effect.gen(function* () {
    const core = StatsMetrics.metrics
    for (const plugin of plugins) {
      const artifact = plugin.id
      for (const outcome of ["passed", "failed", "no_content"]) {
        yield* Metric.value(tagged(core.requests, { artifact, outcome }))
      }
      yield* Metric.value(tagged(core.score, { artifact }))
      yield* Metric.value(tagged(core.latency, { artifact }))
      for (const direction of ["prompt", "completion"]) {
        yield* Metric.value(tagged(core.cloudTokens, { artifact, direction }))
      }
    }
    for (const route of routes) {
      yield* Metric.value(tagged(httpMetrics.requests, { route: route.path, method: route.method, status: "200" }))
      yield* Metric.value(tagged(httpMetrics.duration, { route: route.path }))
    }
    yield* Metric.value(httpMetrics.inFlight)
  })
