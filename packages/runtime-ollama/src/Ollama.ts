/**
 * The Ollama provider: core's `LocalModels` and `ModelControl` over the official `ollama` client,
 * with a GPU budget per Ollama server in between, plus `GpuBudget` for what only this provider
 * knows (the budgets' state, pull progress as a Stream, estimates). One layer, needing
 * `LfaiConfig`. The parts: a host (`internal/host.ts`: client, budget, reconciler), the routing
 * across hosts (`internal/routing.ts`, over the pure `internal/placement.ts`), the pull
 * coordinator (`internal/pulls.ts`). One host is a list of one.
 */
import {
  LfaiConfig,
  LocalModels,
  ModelControl,
  type HostHealth,
  type LfaiConfigShape,
  type LocalModelError,
  type ModelStatus,
  type PullProgress,
  type VramReport
} from "@lfai/core"
import { Cause, Clock, Context, Effect, Layer, Queue, Stream } from "effect"
import { lru2Policy, type Budget, type VictimPolicy } from "./internal/budget.ts"
import { GiB, type KvCacheType, type VramEstimate } from "./internal/estimate.ts"
import { makeHost, normalise, gb, Topology, type Host, type HostModelStatus } from "./internal/host.ts"
import { spreadPersistent } from "./internal/placement.ts"
import { makePulls } from "./internal/pulls.ts"
import { makeRouting } from "./internal/routing.ts"

// ---- the extra service -----------------------------------------------------------------------

export interface SlotView {
  readonly name: string
  /** The Ollama server the model is booked on. */
  readonly host: string
  readonly state: "loading" | "ready" | "unloading"
  readonly numCtx: number
  readonly bookedBytes: number
  /** Whether the booking is `/api/ps` size_vram (true) or the estimate (false). */
  readonly measured: boolean
  readonly leases: number
  readonly persistent: boolean
}

export interface BudgetStatsView {
  readonly loads: number
  readonly warmLoads: number
  readonly evictions: number
  readonly idleUnloads: number
  readonly reloads: number
  readonly corrections: number
  readonly adoptions: number
  readonly peakBytes: number
}

/** One host's budget. */
export interface HostSnapshot {
  readonly url: string
  readonly up: boolean
  readonly limitBytes: number
  readonly bookedBytes: number
  readonly foreign: ReadonlyArray<{ readonly name: string; readonly bytes: number }>
  readonly slots: ReadonlyArray<SlotView>
  readonly queued: number
  readonly stats: BudgetStatsView
}

/** Every host's budget; the top-level figures are the sums (the peak: the highest host's). */
export interface BudgetSnapshot extends Omit<HostSnapshot, "url" | "up"> {
  readonly hosts: ReadonlyArray<HostSnapshot>
}

export interface ModelEstimate extends VramEstimate {
  readonly model: string
  readonly numCtx: number
  /** `/api/ps` size_vram from an earlier load at this context (on any host), when there was one. */
  readonly measuredBytes?: number
}

export interface GpuBudgetShape {
  /** The budgets' own state now (no I/O). */
  readonly snapshot: Effect.Effect<BudgetSnapshot>
  /** Reconciles every host with `/api/ps` now; the report `vram()` gives. */
  readonly reconcile: Effect.Effect<VramReport>
  /** Pull progress (bytes completed/total per layer); joins a pull already under way. */
  readonly pull: (model: string) => Stream.Stream<PullProgress, LocalModelError>
  /** What the model costs at a context length: Ollama's estimate from `/api/show`, and the measurement if any. */
  readonly estimate: (model: string, numCtx: number) => Effect.Effect<ModelEstimate, LocalModelError>
}

export class GpuBudget extends Context.Service<GpuBudget, GpuBudgetShape>()("@lfai/runtime-ollama/GpuBudget") {}

// ---- options ---------------------------------------------------------------------------------

export interface OllamaOptions {
  /** Victim policy (default LRU-2 with a small persistent bonus, one per host). A policy given here is shared by every host. */
  readonly policy?: VictimPolicy
  /** How often idle models are checked, ms (default min(1000, idle_unload_s / 4)). */
  readonly tickMs?: number
  /** How often `/api/ps` is reconciled in the background, ms (default 15000; 0: never). */
  readonly reconcileEveryMs?: number
  /** See `BudgetOptions` (defaults 60 s and 10 requests). */
  readonly rewarmQuietMs?: number
  readonly rewarmWindow?: number
  /** `OLLAMA_KV_CACHE_TYPE` of the servers (default f16). */
  readonly kvCacheType?: KvCacheType
  /** Called after every budget event, with the budget and its host's URL (for invariant checks in tests). */
  readonly onStep?: (budget: Budget, host: string) => void
  /**
   * The models the registered plugins route to (each plugin's model under the config, and its
   * alternates), which only the composition root knows; the config's `artifacts.<id>.model` and
   * `.alternates` are added to them. When given, `warm` pre-warms only the persistent models among
   * them and warns, naming the others, that no plugin uses them; absent, every persistent model is
   * pre-warmed. Such a model (or a persistent one) found loaded in `/api/ps` without a booking —
   * another lfai process loaded it — is adopted as our own idle model (evictable), not foreign.
   */
  readonly models?: ReadonlyArray<string>
  /** How long a metadata call (`/api/ps`, `/api/tags`, `/api/show`, `/api/version`) may take, ms (default 5000). */
  readonly metadataTimeoutMs?: number
  /** A pull that sends no progress for this long is abandoned, ms (default 60000). */
  readonly pullStallMs?: number
  /** How long an unload (the request, then waiting for `/api/ps` to drop the model) may take, ms (default 15000). */
  readonly unloadTimeoutMs?: number
  /**
   * How long `dispose` waits for Ollama while handing the models it pinned back to a finite
   * keep-alive, ms (default 5000): a shutdown is never held up longer by a server that hangs.
   */
  readonly unpinTimeoutMs?: number
  /** A host answering 5xx or dropping connections this many times in a row is marked down (default 3; a refused connection marks it down at once). */
  readonly downAfter?: number
  /** First wait before a down host is probed again, ms (default 1000), doubling up to `maxBackoffMs` (default 30000). */
  readonly backoffMs?: number
  readonly maxBackoffMs?: number
}

/**
 * Every call to Ollama is bounded (undici's own default is 5 minutes): a server that accepts
 * connections and never answers must not hang a request, a report or the budget.
 */
const METADATA_TIMEOUT_MS = 5_000
const PULL_STALL_MS = 60_000
const UNLOAD_TIMEOUT_MS = 15_000
/** The context warm() loads with when num_ctx is `auto`. */
const AUTO_WARM_CTX = 4096

const warmCtx = (config: LfaiConfigShape): number =>
  config.ollama.num_ctx === "auto" ? Math.min(AUTO_WARM_CTX, config.ollama.num_ctx_max) : config.ollama.num_ctx

const sumStats = (all: ReadonlyArray<BudgetStatsView>): BudgetStatsView => ({
  loads: all.reduce((n, s) => n + s.loads, 0),
  warmLoads: all.reduce((n, s) => n + s.warmLoads, 0),
  evictions: all.reduce((n, s) => n + s.evictions, 0),
  idleUnloads: all.reduce((n, s) => n + s.idleUnloads, 0),
  reloads: all.reduce((n, s) => n + s.reloads, 0),
  corrections: all.reduce((n, s) => n + s.corrections, 0),
  adoptions: all.reduce((n, s) => n + s.adoptions, 0),
  peakBytes: Math.max(0, ...all.map((s) => s.peakBytes))
})

// ---- the implementation ----------------------------------------------------------------------

export const make = (options: OllamaOptions = {}) =>
  Effect.gen(function* () {
    const config = yield* LfaiConfig
    const o = config.ollama
    const scope = yield* Effect.scope
    const persistent = o.persistent_models.map(normalise)
    const models = [
      ...(options.models ?? []),
      ...Object.values(config.artifacts).flatMap((settings) => [...(settings.model ? [settings.model] : []), ...(settings.alternates ?? [])])
    ].map(normalise)
    /** The models worth pre-warming: the persistent ones a registered plugin routes to (all of them when the plugins are not known). */
    const routed = options.models === undefined ? undefined : new Set(models)
    const defaultCtx = warmCtx(config)
    const topology = new Topology()
    const pulls = makePulls({ stallMs: options.pullStallMs ?? PULL_STALL_MS, fork: (effect) => Effect.asVoid(Effect.forkIn(effect, scope)) })
    const shared = {
      config,
      persistent,
      models,
      defaultCtx,
      policy: () => options.policy ?? lru2Policy(),
      rewarmQuietMs: options.rewarmQuietMs,
      rewarmWindow: options.rewarmWindow,
      kvCacheType: options.kvCacheType ?? "f16",
      metadataMs: options.metadataTimeoutMs ?? METADATA_TIMEOUT_MS,
      unloadMs: options.unloadTimeoutMs ?? UNLOAD_TIMEOUT_MS,
      health: {
        ...(options.downAfter !== undefined ? { downAfter: options.downAfter } : {}),
        ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
        ...(options.maxBackoffMs !== undefined ? { maxBackoffMs: options.maxBackoffMs } : {})
      },
      facts: new Map(),
      sizes: new Map(),
      pulls,
      topology,
      scope,
      onStep: options.onStep
    }
    const hosts: ReadonlyArray<Host> = yield* Effect.forEach(o.hosts, (host) =>
      makeHost({ url: host.url, limitGb: host.vram_limit_gb, pinned: host.persistent_models?.map(normalise) }, shared)
    )
    const routing = makeRouting(hosts, { defaultCtx, queueTimeoutS: o.queue_timeout_s, autoDownload: o.auto_download, topology })
    const several = hosts.length > 1
    const url = hosts.map((host) => host.url).join(", ")

    // -- reports -------------------------------------------------------------------------------

    const snapshot: Effect.Effect<BudgetSnapshot> = Effect.sync(() => {
      const each = hosts.map((host) => host.snapshot())
      return {
        limitBytes: each.reduce((n, h) => n + h.limitBytes, 0),
        bookedBytes: each.reduce((n, h) => n + h.bookedBytes, 0),
        foreign: each.flatMap((h) => h.foreign),
        slots: each.flatMap((h) => h.slots),
        queued: each.reduce((n, h) => n + h.queued, 0),
        stats: sumStats(each.map((h) => h.stats)),
        hosts: each
      }
    })

    const report: Effect.Effect<VramReport> = Effect.map(Clock.currentTimeMillis, (now) => {
      const each = hosts.map((host) => host.report(now))
      const used = hosts.reduce((n, host) => n + host.budget.booked(), 0)
      const limit = hosts.reduce((n, host) => n + host.limitBytes, 0)
      const models = each.flatMap((h) => h.models)
      return {
        usedGb: gb(used),
        totalGb: Number(hosts.reduce((n, host) => n + host.limitGb, 0).toFixed(2)),
        usagePercent: Number(((used / limit) * 100).toFixed(1)),
        activeModels: [...new Set(models.map((m) => m.name))],
        models,
        queued: each.reduce((n, h) => n + h.queued, 0),
        ollama: each.some((h) => h.up) ? "reachable" : "unreachable",
        hosts: each.map(({ warnings: _, ...host }) => host),
        // With several hosts each warning says whose it is.
        warnings: each.flatMap((h) => (several ? h.warnings.map((w) => (w.includes(h.url) ? w : `${h.url}: ${w}`)) : h.warnings))
      }
    })

    const vram: Effect.Effect<VramReport> = Effect.andThen(
      Effect.forEach(hosts, (host) => host.reconcile, { concurrency: "unbounded", discard: true }),
      report
    )

    const hostHealth: Effect.Effect<ReadonlyArray<HostHealth>> = Effect.forEach(hosts, (host) => Effect.map(host.answers, (up) => ({ url: host.url, up })), {
      concurrency: "unbounded"
    })
    const health: Effect.Effect<"reachable" | "unreachable"> = Effect.map(hostHealth, (all) => (all.some((h) => h.up) ? "reachable" : "unreachable"))

    /** The first host that answers says which Ollama it runs. */
    const version: Effect.Effect<string, LocalModelError> = Effect.suspend(() => {
      const order = [...hosts].sort((a, b) => Number(!a.isUp()) - Number(!b.isUp()))
      const from = (index: number, first?: LocalModelError): Effect.Effect<string, LocalModelError> =>
        index >= order.length ? Effect.fail(first!) : Effect.catch(order[index].version, (error) => from(index + 1, first ?? error))
      return from(0)
    })

    const status = (wanted: ReadonlyArray<string>): Effect.Effect<ReadonlyArray<ModelStatus>, LocalModelError> =>
      Effect.gen(function* () {
        const names = wanted.map(normalise)
        const answers = yield* Effect.forEach(hosts, (host) => Effect.result(host.status(names)), { concurrency: "unbounded" })
        if (answers.every((answer) => answer._tag === "Failure")) return yield* (answers[0] as { readonly failure: LocalModelError }).failure
        const all = [...new Set([...names, ...answers.flatMap((answer) => (answer._tag === "Success" ? [...answer.success.keys()] : []))])]
        return all.map((name) => {
          const perHost: HostModelStatus[] = hosts.map(
            (host, index) =>
              (answers[index]._tag === "Success" ? answers[index].success.get(name) : undefined) ?? {
                url: host.url,
                up: answers[index]._tag === "Success",
                present: false,
                loaded: false,
                sizeVramGb: 0
              }
          )
          return {
            name,
            present: perHost.some((h) => h.present),
            loaded: perHost.some((h) => h.loaded),
            sizeVramGb: Number(perHost.reduce((n, h) => n + h.sizeVramGb, 0).toFixed(2)),
            hosts: perHost
          }
        })
      })

    // -- pre-warm --------------------------------------------------------------------------------

    /**
     * The persistent models a registered plugin routes to, each pre-warmed on one host — where it
     * is loaded already, else the up host with the most free room — unless the config pins it to
     * hosts (`ollama.hosts[].persistent_models`). Never by evicting: one that fits nowhere is
     * reported and loads on demand.
     */
    const warm: Effect.Effect<ReadonlyArray<string>, LocalModelError> = Effect.gen(function* () {
      const unused = routed === undefined ? [] : persistent.filter((model) => !routed.has(model))
      if (unused.length > 0) {
        yield* Effect.logWarning(
          `not pre-warming ${unused.join(", ")}: listed in ollama.persistent_models, but no registered plugin routes to ${unused.length === 1 ? "it" : "them"}`
        )
      }
      yield* Effect.forEach(routing.live(), (host) => host.beforeFirstLoad, { concurrency: "unbounded", discard: true })
      const loaded: string[] = []
      for (const model of persistent.filter((model) => !unused.includes(model))) {
        yield* routing.ensure(model)
        const cost = yield* routing.costOf(model, defaultCtx)
        const [plan] = spreadPersistent(
          [{ model, cost }],
          hosts.map((host) => ({
            up: host.isUp(),
            limitBytes: host.limitBytes,
            bookedBytes: host.budget.booked(),
            holds: new Set(host.budget.allSlots().filter((slot) => slot.state !== "unloading").map((slot) => slot.model)),
            pinned: host.pinnedModels
          }))
        )
        const outcomes: Array<"loaded" | "no-room" | "failed"> = []
        // fits nowhere now: one host remembers it, to re-warm it when room frees there
        if (plan.later !== undefined) outcomes.push(yield* hosts[plan.later].prewarm(model, defaultCtx, cost))
        for (const index of plan.hosts) {
          const host = hosts[index]
          // present somewhere (above), fetched here if not: a host that fails this is skipped
          const fetched = yield* Effect.result(host.ensure(model))
          if (fetched._tag === "Failure") {
            yield* Effect.logWarning(`not pre-warming ${model} on ${host.url}: ${fetched.failure.message}`)
            outcomes.push("failed")
            continue
          }
          outcomes.push(yield* host.prewarm(model, defaultCtx, host.costNow(model, defaultCtx) ?? cost))
        }
        if (outcomes.includes("loaded")) loaded.push(model)
        else if (!outcomes.includes("failed")) {
          const beside = hosts.flatMap((host) => host.budget.allSlots().map((s) => `${s.model} (${gb(s.cost)} GB${several ? ` on ${host.url}` : ""})`))
          yield* Effect.logWarning(
            `persistent model ${model} (${gb(cost)} GB at num_ctx ${defaultCtx}) does not fit beside ${beside.join(", ") || "nothing"} in ${hosts
              .map((host) => `${host.limitGb} GB`)
              .join(" / ")}; it loads on demand and is re-warmed when room frees`
          )
        }
      }
      return loaded
    })

    // -- shutdown and background ---------------------------------------------------------------

    /** Every pinned model handed back to `idle_unload_s` on every host; a server that hangs delays shutdown by `unpinTimeoutMs` at most. */
    const unpin: Effect.Effect<void> = Effect.forEach(
      hosts,
      // each host on its own: one that is gone must not keep the others' models pinned
      (host) =>
        host.unpin.pipe(
          Effect.timeout(options.unpinTimeoutMs ?? 5000),
          Effect.catchCause((cause) =>
            Effect.logWarning(`could not hand the pinned models${several ? ` on ${host.url}` : ""} back to a finite keep-alive: ${Cause.pretty(cause).split("\n")[0]}`)
          )
        ),
      { concurrency: "unbounded", discard: true }
    )
    yield* Effect.addFinalizer(() => unpin)

    const tickMs = options.tickMs ?? Math.max(10, Math.min(1000, (o.idle_unload_s * 1000) / 4))
    yield* Effect.forEach(hosts, (host) => host.background(tickMs, options.reconcileEveryMs ?? 15_000), { discard: true })

    // -- the services --------------------------------------------------------------------------

    const local = LocalModels.of({ url, ensure: routing.ensure, lease: routing.lease, generate: routing.generate })
    const estimateGb = (name: string) => Effect.map(routing.costOf(name, defaultCtx), (bytes) => bytes / GiB)
    const control = ModelControl.of({ vram, health, hosts: hostHealth, version, estimate: estimateGb, status, pull: routing.pull, warm })
    const gpu = GpuBudget.of({
      snapshot,
      reconcile: vram,
      pull: (name) =>
        Stream.callback<PullProgress, LocalModelError>((queue) =>
          routing.pull(name, (progress) => void Queue.offerUnsafe(queue, progress)).pipe(Effect.andThen(Queue.end(queue)))
        ),
      estimate: (name, numCtx) =>
        Effect.gen(function* () {
          const model = normalise(name)
          yield* routing.factsOf(model)
          const [host] = hosts
          const e = yield* host.estimateOf(model, numCtx)
          const measured = hosts.map((h) => h.measuredAt(model, numCtx)).find((bytes) => bytes !== undefined)
          return { ...e, model, numCtx, ...(measured !== undefined ? { measuredBytes: measured } : {}) }
        })
    })

    return { local, control, gpu, hosts }
  })

/** The layer with options (policy, tick, observers). */
export const layerWith = (options: OllamaOptions = {}): Layer.Layer<LocalModels | ModelControl | GpuBudget, never, LfaiConfig> =>
  Layer.effectContext(
    Effect.map(make(options), ({ local, control, gpu }) => Context.make(LocalModels, local).pipe(Context.add(ModelControl, control), Context.add(GpuBudget, gpu)))
  )

/** `LocalModels` + `ModelControl` + `GpuBudget` over the Ollama servers of `ollama.hosts` (one by default: `ollama.base_url`), from `LfaiConfig`. */
export const layer: Layer.Layer<LocalModels | ModelControl | GpuBudget, never, LfaiConfig> = layerWith()
