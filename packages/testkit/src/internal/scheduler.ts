/**
 * The emulated GPU and Ollama's scheduler (server/sched.go): which models are loaded, what each
 * takes in VRAM, when they expire, and whom to evict. Behaviour reproduced from the source:
 *   - a request for a loaded model with the same runner options uses it (keep_alive, if sent,
 *     replaces its session duration; if not sent, the old one stays);
 *   - a new model with others loaded must fit fully, else the scheduler unloads one runner and
 *     tries again; idle runners go first, ordered by session duration (shortest first; "forever"
 *     last) then by name — not by recency; if none is idle it waits for the shortest-lived one;
 *   - with nothing else loaded a model loads anyway, partly offloaded to CPU if it must be;
 *   - at most `max_loaded_models` runners (OLLAMA_MAX_LOADED_MODELS, default 3 per GPU);
 *   - a runner whose last request finished expires `keep_alive` later; 0 unloads at once;
 *   - each runner serves `num_parallel` requests at a time (OLLAMA_NUM_PARALLEL), the rest queue.
 * Expiry is evaluated against the injectable clock whenever the state is observed.
 */
import type { ModelSpec } from "./catalogue.ts"
import { FOREVER_MS } from "./duration.ts"
import { estimateGpuLayers, type MemoryEstimate } from "./memory.ts"

export interface RunnerOptions {
  readonly numCtx: number
  readonly numBatch: number
  readonly numGpu: number
}

export class Runner {
  readonly name: string
  readonly spec: ModelSpec
  readonly opts: RunnerOptions
  readonly estimate: MemoryEstimate
  readonly loadedAt: number
  sessionMs: number
  refCount = 0
  /** Clock time at which an idle runner expires; undefined while a request holds it. */
  expiresAt: number | undefined = undefined
  unloaded = false
  readonly unloadWaiters: Array<() => void> = []
  private active = 0
  private readonly slotWaiters: Array<() => void> = []
  private readonly parallel: number

  constructor(name: string, spec: ModelSpec, opts: RunnerOptions, estimate: MemoryEstimate, sessionMs: number, parallel: number, now: number) {
    this.name = name
    this.spec = spec
    this.opts = opts
    this.estimate = estimate
    this.sessionMs = sessionMs
    this.parallel = parallel
    this.loadedAt = now
  }

  /** Requests being answered now (at most `num_parallel`). */
  get activeSlots(): number {
    return this.active
  }

  get vramSize(): number {
    return this.estimate.vramSize
  }

  get totalSize(): number {
    return this.estimate.totalSize
  }

  /** One of the runner's `num_parallel` slots; resolves false if the signal aborts first. */
  acquireSlot(signal: AbortSignal): Promise<boolean> {
    if (this.active < this.parallel) {
      this.active++
      return Promise.resolve(true)
    }
    return new Promise((resolve) => {
      const grant = () => {
        signal.removeEventListener("abort", onAbort)
        this.active++
        resolve(true)
      }
      const onAbort = () => {
        const i = this.slotWaiters.indexOf(grant)
        if (i >= 0) this.slotWaiters.splice(i, 1)
        resolve(false)
      }
      this.slotWaiters.push(grant)
      signal.addEventListener("abort", onAbort, { once: true })
    })
  }

  releaseSlot(): void {
    this.active--
    this.slotWaiters.shift()?.()
  }
}

export interface SchedulerConfig {
  readonly gpuBytes: number
  readonly maxLoaded: number
  readonly numParallel: number
  readonly now: () => number
  /** OLLAMA_KEEP_ALIVE: 5 minutes. */
  readonly defaultKeepAliveMs?: number
}

export class Aborted extends Error {
  constructor() {
    super("request canceled")
  }
}

export class Scheduler {
  readonly config: SchedulerConfig
  private readonly loaded = new Map<string, Runner>()
  private queue: Promise<void> = Promise.resolve()
  /** Requests waiting to get a runner loaded (queued behind another load, or for an eviction). */
  pendingLoads = 0

  constructor(config: SchedulerConfig) {
    this.config = config
  }

  private get defaultKeepAliveMs(): number {
    return this.config.defaultKeepAliveMs ?? 5 * 60_000
  }

  /** Unloads idle runners whose keep-alive has run out on the clock. */
  expireDue(): void {
    const now = this.config.now()
    for (const runner of [...this.loaded.values()]) {
      if (runner.refCount === 0 && runner.expiresAt !== undefined && now >= runner.expiresAt) this.unload(runner)
    }
  }

  private unload(runner: Runner): void {
    if (runner.unloaded) return
    runner.unloaded = true
    if (this.loaded.get(runner.name) === runner) this.loaded.delete(runner.name)
    for (const wake of runner.unloadWaiters.splice(0)) wake()
  }

  /** VRAM the loaded runners hold. */
  usedVram(): number {
    let used = 0
    for (const r of this.loaded.values()) used += r.vramSize
    return used
  }

  freeVram(): number {
    return Math.max(0, this.config.gpuBytes - this.usedVram())
  }

  runners(): Array<Runner> {
    this.expireDue()
    return [...this.loaded.values()]
  }

  get(name: string): Runner | undefined {
    this.expireDue()
    return this.loaded.get(name)
  }

  private needsReload(runner: Runner, opts: RunnerOptions): boolean {
    return (
      runner.opts.numCtx !== opts.numCtx ||
      runner.opts.numBatch !== opts.numBatch ||
      (opts.numGpu >= 0 && runner.opts.numGpu !== opts.numGpu)
    )
  }

  private use(runner: Runner, keepAliveMs: number | undefined): Runner {
    runner.refCount++
    runner.expiresAt = undefined
    if (keepAliveMs !== undefined) runner.sessionMs = keepAliveMs
    return runner
  }

  /** Unloads now if idle; else marks it to unload when its requests finish and waits for that. */
  private expireAndWait(runner: Runner, signal: AbortSignal): Promise<void> {
    runner.sessionMs = 0
    if (runner.refCount <= 0) {
      this.unload(runner)
      return Promise.resolve()
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const i = runner.unloadWaiters.indexOf(wake)
        if (i >= 0) runner.unloadWaiters.splice(i, 1)
        reject(new Aborted())
      }
      const wake = () => {
        signal.removeEventListener("abort", onAbort)
        resolve()
      }
      runner.unloadWaiters.push(wake)
      signal.addEventListener("abort", onAbort, { once: true })
    })
  }

  /** findRunnerToUnload: idle first, by session duration then name; else the shortest-lived busy one. */
  private runnerToUnload(): Runner | undefined {
    const list = [...this.loaded.values()].sort((a, b) =>
      a.sessionMs !== b.sessionMs ? a.sessionMs - b.sessionMs : a.name < b.name ? -1 : a.name > b.name ? 1 : 0
    )
    return list.find((r) => r.refCount === 0) ?? list[0]
  }

  private estimate(spec: ModelSpec, opts: RunnerOptions, free: number | undefined): MemoryEstimate {
    return estimateGpuLayers(
      { geometry: spec.entry.geometry, tensors: spec.tensors },
      opts.numGpu === 0 ? undefined : free,
      { numCtx: opts.numCtx, numBatch: Math.min(opts.numBatch, opts.numCtx), numParallel: this.config.numParallel, numGpu: opts.numGpu }
    )
  }

  /** Whether the model would load fully on the GPU's free memory now (predictServerFit). */
  private fits(spec: ModelSpec, opts: RunnerOptions): { readonly fits: boolean; readonly estimate: MemoryEstimate } {
    const estimate = this.estimate(spec, opts, this.freeVram())
    if (opts.numGpu === 0) return { fits: true, estimate }
    const want = opts.numGpu < 0 ? spec.entry.geometry.blockCount + 1 : opts.numGpu
    return { fits: estimate.layers > 0 && estimate.layers >= want, estimate }
  }

  private load(name: string, spec: ModelSpec, opts: RunnerOptions, keepAliveMs: number | undefined, estimate: MemoryEstimate): Runner {
    const runner = new Runner(name, spec, opts, estimate, keepAliveMs ?? this.defaultKeepAliveMs, this.config.numParallel, this.config.now())
    this.loaded.set(name, runner)
    return this.use(runner, undefined)
  }

  /**
   * A runner for the model, loading (and evicting) as Ollama would; holds a reference until
   * `release`. Rejects with `Aborted` if the client goes away while it waits.
   */
  async acquire(name: string, spec: ModelSpec, opts: RunnerOptions, keepAliveMs: number | undefined, signal: AbortSignal): Promise<Runner> {
    this.expireDue()
    const current = this.loaded.get(name)
    if (current !== undefined && !this.needsReload(current, opts)) return this.use(current, keepAliveMs)
    // one pending load at a time, as processPending
    const previous = this.queue
    let done!: () => void
    this.queue = new Promise((resolve) => (done = resolve))
    this.pendingLoads++
    try {
      await previous
      for (;;) {
        if (signal.aborted) throw new Aborted()
        this.expireDue()
        let toExpire: Runner | undefined
        const runner = this.loaded.get(name)
        if (runner !== undefined) {
          if (!this.needsReload(runner, opts)) return this.use(runner, keepAliveMs)
          toExpire = runner
        } else if (this.loaded.size >= this.config.maxLoaded) {
          toExpire = this.runnerToUnload()
        } else if (this.loaded.size === 0) {
          return this.load(name, spec, opts, keepAliveMs, this.estimate(spec, opts, this.freeVram()))
        } else {
          const fit = this.fits(spec, opts)
          if (fit.fits) return this.load(name, spec, opts, keepAliveMs, fit.estimate)
          toExpire = this.runnerToUnload()
        }
        if (toExpire !== undefined) await this.expireAndWait(toExpire, signal)
      }
    } finally {
      this.pendingLoads--
      done()
    }
  }

  /** The request holding the runner is finished: start its keep-alive, or unload if it is 0. */
  release(runner: Runner): void {
    runner.refCount--
    if (runner.refCount > 0 || runner.unloaded) return
    if (runner.sessionMs <= 0) {
      this.unload(runner)
    } else {
      runner.expiresAt = this.config.now() + Math.min(runner.sessionMs, FOREVER_MS)
    }
  }

  /** `keep_alive: 0` with an empty prompt (expireRunner): unload now, or when its requests finish. */
  expire(name: string): void {
    const runner = this.loaded.get(name)
    if (runner === undefined) return
    runner.sessionMs = 0
    runner.expiresAt = this.config.now()
    if (runner.refCount <= 0) this.unload(runner)
  }

  unloadAll(): void {
    for (const runner of [...this.loaded.values()]) this.unload(runner)
  }
}
