/**
 * A discrete-event simulation of the GPU budget on a virtual clock: the same {@link Budget} the
 * runtime uses, driven by a trace (arrivals, models, durations) with simulated load and
 * unload times. Used by the bench (our policy vs LRU vs Belady's rule, and the exact optimum on the request sequence) and
 * by the budget's property tests. No I/O, deterministic.
 */
import { Budget, type BudgetOptions, type Command, type Slot, type VictimPolicy } from "./budget.ts"

export interface TraceRequest {
  /** Arrival, ms from the start. */
  readonly at: number
  readonly model: string
  /** How long the lease is held once granted (the generation), ms. */
  readonly durationMs: number
  readonly numCtx: number
}

export interface SimOptions extends Omit<BudgetOptions, "policy"> {
  readonly policy: VictimPolicy | ((trace: ReadonlyArray<TraceRequest>) => VictimPolicy)
  /** Bytes a model costs at a context length. */
  readonly cost: (model: string, numCtx: number) => number
  /** Simulated load time of a model, ms (default 1.5 s + 0.6 s per GiB). */
  readonly loadMs?: (model: string, bytes: number) => number
  readonly unloadMs?: number
  readonly queueTimeoutMs: number
  /** Persistent models pre-warmed at t = 0, in order, while room allows. */
  readonly prewarm?: ReadonlyArray<{ readonly model: string; readonly numCtx: number }>
  /** Called after every event with the budget, for invariant checks. */
  readonly onStep?: (budget: Budget, now: number) => void
}

export interface SimResult {
  readonly policy: string
  /** Every load, pre-warm and re-warm included. */
  readonly loads: number
  readonly warmLoads: number
  readonly evictions: number
  readonly idleUnloads: number
  readonly reloads: number
  readonly peakBytes: number
  readonly timeouts: number
  readonly rejected: number
  readonly served: number
  /** Wait for the lease, ms, per served request. */
  readonly waits: ReadonlyArray<number>
  readonly endMs: number
}

type Event =
  | { readonly kind: "arrive"; readonly at: number; readonly index: number }
  | { readonly kind: "finish"; readonly at: number; readonly ticket: number }
  | { readonly kind: "loaded"; readonly at: number; readonly model: string }
  | { readonly kind: "unloaded"; readonly at: number; readonly model: string }
  | { readonly kind: "timeout"; readonly at: number; readonly ticket: number }
  | { readonly kind: "tick"; readonly at: number }

/** A binary heap of events ordered by time, then insertion. */
class EventQueue {
  private heap: Array<{ e: Event; seq: number }> = []
  private seq = 0
  get size() {
    return this.heap.length
  }
  push(e: Event) {
    const node = { e, seq: this.seq++ }
    const h = this.heap
    h.push(node)
    let i = h.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (this.less(h[i], h[p])) {
        ;[h[i], h[p]] = [h[p], h[i]]
        i = p
      } else break
    }
  }
  pop(): Event | undefined {
    const h = this.heap
    if (h.length === 0) return undefined
    const top = h[0]
    const last = h.pop()!
    if (h.length > 0) {
      h[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < h.length && this.less(h[l], h[m])) m = l
        if (r < h.length && this.less(h[r], h[m])) m = r
        if (m === i) break
        ;[h[i], h[m]] = [h[m], h[i]]
        i = m
      }
    }
    return top.e
  }
  private less(a: { e: Event; seq: number }, b: { e: Event; seq: number }) {
    return a.e.at < b.e.at || (a.e.at === b.e.at && a.seq < b.seq)
  }
}

const TICK_MS = 1000

export const simulate = (trace: ReadonlyArray<TraceRequest>, options: SimOptions): SimResult => {
  const policy = typeof options.policy === "function" ? options.policy(trace) : options.policy
  const budget = new Budget({ ...options, policy })
  const loadMs = options.loadMs ?? ((_: string, bytes: number) => 1500 + (600 * bytes) / 2 ** 30)
  const unloadMs = options.unloadMs ?? 200
  const events = new EventQueue()
  const arrivals = new Map<number, number>() // ticket -> arrival
  const durations = new Map<number, number>()
  const waits: number[] = []
  let timeouts = 0
  let rejected = 0
  let served = 0
  let now = 0
  let ended = 0

  const apply = (commands: ReadonlyArray<Command>) => {
    for (const c of commands) {
      switch (c._tag) {
        case "Grant":
          served += 1
          waits.push(now - arrivals.get(c.ticket)!)
          events.push({ kind: "finish", at: now + durations.get(c.ticket)!, ticket: c.ticket })
          break
        case "Reject":
          rejected += 1
          break
        case "Load":
          events.push({ kind: "loaded", at: now + loadMs(c.model, c.cost), model: c.model })
          break
        case "Unload":
          events.push({ kind: "unloaded", at: now + unloadMs, model: c.model })
          break
      }
    }
  }

  for (const { model, numCtx } of options.prewarm ?? []) apply(budget.prewarm(model, numCtx, options.cost(model, numCtx), 0).commands)
  trace.forEach((r, index) => events.push({ kind: "arrive", at: r.at, index }))
  const lastArrival = trace.length > 0 ? trace[trace.length - 1].at : 0
  for (let t = TICK_MS; t <= lastArrival + TICK_MS; t += TICK_MS) events.push({ kind: "tick", at: t })

  for (let e = events.pop(); e !== undefined; e = events.pop()) {
    now = e.at
    switch (e.kind) {
      case "arrive": {
        const r = trace[e.index]
        const ticket = e.index + 1
        arrivals.set(ticket, now)
        durations.set(ticket, r.durationMs)
        events.push({ kind: "timeout", at: now + options.queueTimeoutMs, ticket })
        apply(budget.request(ticket, r.model, r.numCtx, options.cost(r.model, r.numCtx), now))
        break
      }
      case "finish":
        ended = Math.max(ended, now)
        apply(budget.release(e.ticket, now))
        break
      case "loaded":
        apply(budget.loaded(e.model, undefined, now))
        break
      case "unloaded":
        apply(budget.unloaded(e.model, now))
        break
      case "timeout": {
        const { wasWaiting, commands } = budget.cancel(e.ticket, now)
        if (wasWaiting) timeouts += 1
        apply(commands)
        break
      }
      case "tick":
        apply(budget.tick(now))
        break
    }
    options.onStep?.(budget, now)
  }

  const s = budget.stats
  return {
    policy: policy.name,
    loads: s.loads,
    warmLoads: s.warmLoads,
    evictions: s.evictions,
    idleUnloads: s.idleUnloads,
    reloads: s.reloads,
    peakBytes: s.peakBytes,
    timeouts,
    rejected,
    served,
    waits,
    endMs: ended
  }
}

/**
 * Belady's offline optimum as a victim policy: evict the model whose next request (at or after
 * now) is furthest in the future; never-again first. Only a simulation can use it.
 */
export const beladyPolicy = (trace: ReadonlyArray<TraceRequest>): VictimPolicy => {
  const times = new Map<string, number[]>()
  for (const r of trace) {
    const list = times.get(r.model) ?? []
    list.push(r.at)
    times.set(r.model, list)
  }
  const nextUse = (model: string, now: number): number => {
    const list = times.get(model)
    if (!list) return Number.POSITIVE_INFINITY
    let lo = 0
    let hi = list.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (list[mid] < now) lo = mid + 1
      else hi = mid
    }
    return lo < list.length ? list[lo] : Number.POSITIVE_INFINITY
  }
  return {
    name: "belady",
    rank: (candidates: ReadonlyArray<Slot>, { now }) =>
      [...candidates].sort((a, b) => nextUse(b.model, now) - nextUse(a.model, now))
  }
}

// ---- the generated trace --------------------------------------------------------------------

/** mulberry32: a small seeded PRNG. */
export const prng = (seed: number): (() => number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface TraceOptions {
  readonly seed: number
  readonly requests: number
  readonly models: ReadonlyArray<string>
  /** Mean gap between arrivals, ms. */
  readonly meanGapMs?: number
  /** Mean generation time, ms. */
  readonly meanDurationMs?: number
  readonly numCtx?: number
  /** Share of requests that go to models outside the phase's working set. */
  readonly stragglers?: number
}

/**
 * A mixed workload whose working set shifts: phases of 80–240 requests, each with a working set
 * of two models (what fits in 12 GB beside each other) taking the bulk of the requests and the
 * other models appearing as stragglers; Poisson arrivals; generation times log-normal around the
 * mean (code and HTML answers run longer).
 */
export const makeTrace = (options: TraceOptions): TraceRequest[] => {
  const rand = prng(options.seed)
  const meanGap = options.meanGapMs ?? 30_000
  const meanDuration = options.meanDurationMs ?? 9_000
  const stragglers = options.stragglers ?? 0.15
  const models = options.models
  const trace: TraceRequest[] = []
  let at = 0
  let left = 0
  let hot: string[] = []
  const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(rand() * xs.length)]
  for (let i = 0; i < options.requests; i++) {
    if (left === 0) {
      left = 80 + Math.floor(rand() * 160)
      // Shift: keep one model of the old working set half of the time.
      const keep = hot.length > 0 && rand() < 0.5 ? [pick(hot)] : []
      while (keep.length < Math.min(2, models.length)) {
        const m = pick(models)
        if (!keep.includes(m)) keep.push(m)
      }
      hot = keep
    }
    left -= 1
    const outsiders = models.filter((m) => !hot.includes(m))
    const model = rand() < stragglers && outsiders.length > 0 ? pick(outsiders) : pick(hot)
    at += Math.round(-Math.log(1 - rand()) * meanGap)
    const slow = /code|coder/.test(model) ? 1.5 : 1
    // Log-normal with sigma 0.6 around the mean.
    const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand())
    const durationMs = Math.max(300, Math.round(meanDuration * slow * Math.exp(0.6 * z - 0.18)))
    trace.push({ at, model, durationMs, numCtx: options.numCtx ?? 4096 })
  }
  return trace
}

// ---- the request sequence alone ------------------------------------------------------------

/**
 * The trace as a plain sequence: one request at a time in arrival order, a second apart, leases
 * returned at once. With {@link simulateSequence} (instant loads and unloads) every policy then
 * faces the classic offline caching problem, where {@link optimalLoads} is the exact optimum.
 */
export const sequenceOf = (trace: ReadonlyArray<TraceRequest>): TraceRequest[] =>
  trace.map((request, i) => ({ ...request, at: (i + 1) * 1000, durationMs: 0 }))

/** The budget on the request sequence alone: instant loads, no idle unload, no re-warm, no pre-warm. */
export const simulateSequence = (trace: ReadonlyArray<TraceRequest>, options: Omit<SimOptions, "queueTimeoutMs">): SimResult =>
  simulate(sequenceOf(trace), {
    ...options,
    loadMs: () => 0,
    unloadMs: 0,
    queueTimeoutMs: 500,
    idleUnloadMs: Number.POSITIVE_INFINITY,
    rewarm: false,
    prewarm: []
  })

/**
 * The fewest loads that serve the trace's requests in arrival order with at most `limitBytes`
 * loaded at once, any model evictable between two requests (the request sequence alone: no
 * leases held, loads instant). A dynamic program over the sets of models that fit together: after
 * each request, the fewest loads that end in each such set. Exact, unlike Belady's rule, which is
 * optimal only when every model has the same size. Each model must come at one context length.
 */
export const optimalLoads = (trace: ReadonlyArray<TraceRequest>, options: { readonly limitBytes: number; readonly cost: (model: string, numCtx: number) => number }): number => {
  const sizes = new Map<string, { numCtx: number; bytes: number }>()
  for (const { model, numCtx } of trace) {
    const known = sizes.get(model)
    if (known && known.numCtx !== numCtx) throw new TypeError(`optimalLoads: ${model} comes at num_ctx ${known.numCtx} and ${numCtx}`)
    if (!known) sizes.set(model, { numCtx, bytes: options.cost(model, numCtx) })
  }
  const models = [...sizes.keys()]
  if (models.length > 16) throw new TypeError(`optimalLoads: ${models.length} models; at most 16`)
  const bytesOf = (set: number) => models.reduce((sum, model, bit) => (set & (1 << bit) ? sum + sizes.get(model)!.bytes : sum), 0)
  const fits = new Map<number, boolean>()
  const fitting = (set: number) => {
    let known = fits.get(set)
    if (known === undefined) fits.set(set, (known = bytesOf(set) <= options.limitBytes))
    return known
  }
  // fewest loads so far, per set of models loaded now
  let best = new Map<number, number>([[0, 0]])
  for (const { model } of trace) {
    const bit = 1 << models.indexOf(model)
    if (!fitting(bit)) throw new TypeError(`optimalLoads: ${model} alone is over the limit`)
    const next = new Map<number, number>()
    const offer = (set: number, loads: number) => {
      if (loads < (next.get(set) ?? Number.POSITIVE_INFINITY)) next.set(set, loads)
    }
    for (const [set, loads] of best) {
      if (set & bit) {
        offer(set, loads)
        continue
      }
      // Load the model, keeping any subset of what is loaded that fits beside it.
      for (let subset = set; ; subset = (subset - 1) & set) {
        if (fitting(subset | bit)) offer(subset | bit, loads + 1)
        if (subset === 0) break
      }
    }
    best = next
  }
  return Math.min(...best.values())
}
