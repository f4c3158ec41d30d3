/**
 * The GPU budget as a pure, synchronous state machine. It books VRAM for models (loading,
 * loaded, unloading — all count), keeps reference-counted leases, queues requests that cannot be
 * served now, and decides what to load and what to evict. It performs no I/O: every event returns
 * the commands the driver must carry out (grant a lease, load, unload), and the driver reports
 * back (`loaded`, `unloaded`, …). The Effect layer drives it against Ollama; the bench drives it
 * on a virtual clock. Times are milliseconds, sizes bytes.
 *
 * Invariants (checked by the tests and the simulation):
 * - booked() = Σ cost of every slot (loading, ready, unloading) + foreign bytes ≤ limit, except
 *   transiently when a measurement or a foreign model reveals more than was booked — and then the
 *   budget evicts at once (`correction`) to get back under.
 * - a load starts only when its cost fits in the free room, after the evictions it asked for have
 *   completed;
 * - requests that need a load are served strictly in arrival order; requests for a model that is
 *   loaded may overtake them, each waiter at most `maxOvertakes` times (then strict FIFO);
 * - a model bigger than the whole limit is refused at once;
 * - a model of ours found loaded without a slot (another lfai process loaded it) is adopted as an
 *   idle, ready slot — never while a slot of it exists or changed after the `/api/ps` request.
 */

export type SlotState = "loading" | "ready" | "unloading"

export interface Slot {
  readonly model: string
  numCtx: number
  /** Bytes booked: the estimate until a measurement (`/api/ps` size_vram) replaces it. */
  cost: number
  measured: boolean
  state: SlotState
  /** References held: leases, plus generations attached to a lease (see `attach`). */
  refs: number
  /** Of `refs`, the generations attached to a lease: `refs - attached` requests hold the model. */
  attached: number
  readonly persistent: boolean
  /** When the last lease was returned (or the load finished, or the slot was adopted): the idle unload's clock. */
  idleSince: number
  lastUsed: number
  /**
   * When it was last used, for the report: as `idleSince`, except for an adopted model, where it
   * is when the server last served it (`RunningModel.lastServedAt`), or undefined when that is not
   * known. An adopted model's idle unload still counts from the adoption: a process that only
   * looks (`lfai vram`) never unloads what another one left.
   */
  usedAt: number | undefined
  /** Why an unloading slot is going away. */
  unloadReason?: UnloadReason
  /** The budget's epoch at the slot's last state change (reconciliation skips newer slots). */
  changed: number
}

export interface Waiter {
  readonly ticket: number
  readonly model: string
  readonly numCtx: number
  cost: number
  readonly enqueuedAt: number
  /** How often a younger request for a loaded model was served before this one. */
  overtaken: number
}

/**
 * How long a loaded model has gone unused (ms), for the report. Undefined while a reference holds
 * it, while it loads or unloads, and for an adopted model whose last use the server did not tell.
 */
export const idleMs = (slot: Slot, now: number): number | undefined =>
  slot.state === "ready" && slot.refs === 0 && slot.usedAt !== undefined ? Math.max(0, now - slot.usedAt) : undefined

export type UnloadReason = "evict" | "idle" | "reload" | "correction"
export type LoadReason = "request" | "rewarm" | "prewarm"

export type Command =
  | { readonly _tag: "Grant"; readonly ticket: number; readonly model: string; readonly numCtx: number; readonly waitedMs: number }
  | { readonly _tag: "Reject"; readonly ticket: number; readonly model: string; readonly reason: "too-big" | "load-failed"; readonly needBytes: number; readonly detail?: unknown }
  | { readonly _tag: "Load"; readonly model: string; readonly numCtx: number; readonly cost: number; readonly reason: LoadReason }
  | { readonly _tag: "Unload"; readonly model: string; readonly reason: UnloadReason }

/** What a victim policy sees about a candidate. */
export interface VictimContext {
  readonly now: number
  /** Models some waiting request wants. */
  readonly wanted: ReadonlySet<string>
}

/** Orders idle loaded models from "evict first" to "evict last". */
export interface VictimPolicy {
  readonly name: string
  /** Called for every request that enters the budget (for policies that learn from demand). */
  readonly observe?: (model: string, now: number) => void
  readonly rank: (candidates: ReadonlyArray<Slot>, context: VictimContext) => ReadonlyArray<Slot>
}

/** Least recently used first. */
export const lruPolicy: VictimPolicy = {
  name: "lru",
  rank: (candidates) => [...candidates].sort((a, b) => a.lastUsed - b.lastUsed)
}

/** A persistent model ranks as if its requests had come this many requests later. */
export const DEFAULT_PERSISTENT_BONUS = 3
export const DEFAULT_REWARM_QUIET_MS = 60_000
export const DEFAULT_REWARM_WINDOW = 10

/**
 * LRU-2 (O'Neil et al., "The LRU-K page replacement algorithm", SIGMOD 1993) over request
 * arrivals: evict the model whose second-to-last request is oldest (a model asked for once is
 * evicted before any model asked for twice), ties by the last request. A straggler request for an
 * outsider model therefore does not push a working-set model out the way plain LRU does, and a
 * new working set takes over after two requests per model.
 */
export const lru2Policy = (options: { readonly persistentBonus?: number } = {}): VictimPolicy => {
  let clock = 0
  const history = new Map<string, { last: number; previous: number }>()
  const bonus = options.persistentBonus ?? DEFAULT_PERSISTENT_BONUS
  return {
    name: "lru-2",
    observe: (model) => {
      clock += 1
      const h = history.get(model)
      history.set(model, { last: clock, previous: h ? h.last : Number.NEGATIVE_INFINITY })
    },
    rank: (candidates) => {
      const key = (slot: Slot) => {
        const h = history.get(slot.model)
        const previous = h ? h.previous : Number.NEGATIVE_INFINITY
        return { previous: previous + (slot.persistent ? bonus : 0), last: (h ? h.last : Number.NEGATIVE_INFINITY) + (slot.persistent ? bonus : 0) }
      }
      return [...candidates]
        .map((slot) => ({ slot, k: key(slot) }))
        .sort((a, b) => a.k.previous - b.k.previous || a.k.last - b.k.last || a.slot.lastUsed - b.slot.lastUsed)
        .map(({ slot }) => slot)
    }
  }
}

export interface BudgetOptions {
  readonly limitBytes: number
  /** 0 = strict FIFO. */
  readonly maxOvertakes: number
  readonly persistent: ReadonlyArray<string>
  /** On-demand models idle this long are unloaded (`tick`). Infinity: never. */
  readonly idleUnloadMs: number
  readonly policy?: VictimPolicy
  /** Re-load evicted persistent models when the room is free and nobody waits (default true). */
  readonly rewarm?: boolean
  /** Re-warm only after this long without a request (default 60 s). */
  readonly rewarmQuietMs?: number
  /** Re-warm only a model asked for within the last N requests (default 10; Infinity: always). */
  readonly rewarmWindow?: number
  /**
   * The models this lfai uses besides the persistent ones (the plugins' and the config's). Found
   * loaded in `/api/ps` without a slot, they are adopted (booked as ours, idle, evictable) rather
   * than booked as foreign. Models requested, pre-warmed or passed to `use` join them.
   */
  readonly models?: ReadonlyArray<string>
}

/** One model in `/api/ps`. */
export interface RunningModel {
  readonly name: string
  readonly sizeVram: number
  readonly size: number
  /** The runner's context length when the server reports it (`context_length`). */
  readonly numCtx?: number
  /**
   * When the server last served it, on the budget's clock, when that can be told (its
   * `expires_at` less the keep-alive lfai gives on-demand models): the report's idle time of a model adopted.
   */
  readonly lastServedAt?: number
}

export interface BudgetStats {
  loads: number
  /** Loads of persistent models into free room (pre-warm and re-warm). */
  warmLoads: number
  evictions: number
  idleUnloads: number
  reloads: number
  corrections: number
  /** Models of ours found loaded by someone else (another lfai process) and booked as our own. */
  adoptions: number
  peakBytes: number
}

interface Ticket {
  readonly model: string
  state: "waiting" | "granted"
  readonly attached?: boolean
}

export class Budget {
  readonly limit: number
  readonly maxOvertakes: number
  readonly idleUnloadMs: number
  readonly policy: VictimPolicy
  readonly rewarm: boolean
  readonly rewarmQuietMs: number
  readonly rewarmWindow: number
  private requestCount = 0
  private lastRequestAt = Number.NEGATIVE_INFINITY
  private readonly lastRequestIndex = new Map<string, number>()
  private readonly persistent: ReadonlySet<string>
  private readonly slots = new Map<string, Slot>()
  private readonly waiters: Waiter[] = []
  private readonly tickets = new Map<number, Ticket>()
  /** Persistent models that should be resident while room allows, and their booking at warm time. */
  private readonly warmWanted = new Map<string, { numCtx: number; cost: number }>()
  private foreign = new Map<string, number>()
  /** Models this lfai uses: adopted when found loaded without a slot. */
  private readonly ours: Set<string>
  /** The epoch at which each model's slot last went away (a stale `/api/ps` must not revive it). */
  private readonly removedAt = new Map<string, number>()
  /** Models whose unload the server did not honour: foreign until they are gone, never adopted. */
  private readonly disowned = new Set<string>()
  /** Counts events; a reconciliation started at epoch e ignores slots changed after e. */
  epoch = 0
  readonly stats: BudgetStats = { loads: 0, warmLoads: 0, evictions: 0, idleUnloads: 0, reloads: 0, corrections: 0, adoptions: 0, peakBytes: 0 }

  constructor(options: BudgetOptions) {
    this.limit = options.limitBytes
    this.maxOvertakes = options.maxOvertakes
    this.idleUnloadMs = options.idleUnloadMs
    this.policy = options.policy ?? lru2Policy()
    this.rewarm = options.rewarm ?? true
    this.rewarmQuietMs = options.rewarmQuietMs ?? DEFAULT_REWARM_QUIET_MS
    this.rewarmWindow = options.rewarmWindow ?? DEFAULT_REWARM_WINDOW
    this.persistent = new Set(options.persistent)
    this.ours = new Set([...options.persistent, ...(options.models ?? [])])
  }

  // ---- views -------------------------------------------------------------------------------

  booked(): number {
    let sum = 0
    for (const slot of this.slots.values()) sum += slot.cost
    for (const bytes of this.foreign.values()) sum += bytes
    return sum
  }

  foreignBytes(): number {
    let sum = 0
    for (const bytes of this.foreign.values()) sum += bytes
    return sum
  }

  foreignModels(): ReadonlyMap<string, number> {
    return this.foreign
  }

  slot(model: string): Slot | undefined {
    return this.slots.get(model)
  }

  allSlots(): ReadonlyArray<Slot> {
    return [...this.slots.values()]
  }

  queue(): ReadonlyArray<Waiter> {
    return this.waiters
  }

  leases(): number {
    let n = 0
    for (const slot of this.slots.values()) n += slot.refs
    return n
  }

  isPersistent(model: string): boolean {
    return this.persistent.has(model)
  }

  /** Whether `model` is one this lfai uses (adopted, not foreign, when found loaded). */
  uses(model: string): boolean {
    return this.ours.has(model)
  }

  // ---- events ------------------------------------------------------------------------------

  /** `model` is one this lfai uses (ensured, say): found loaded without a slot, it is adopted. */
  use(model: string): void {
    this.ours.add(model)
  }

  /**
   * A request for a lease on `model` at `numCtx`, booking `cost` if it must be loaded. Returns a
   * Grant at once when the model is loaded (and nobody it would overtake is owed), a Reject when
   * it can never fit, otherwise queues it.
   */
  request(ticket: number, model: string, numCtx: number, cost: number, now: number): Command[] {
    this.policy.observe?.(model, now)
    this.requestCount += 1
    this.lastRequestAt = now
    this.lastRequestIndex.set(model, this.requestCount)
    this.ours.add(model)
    if (cost > this.limit) {
      return [{ _tag: "Reject", ticket, model, reason: "too-big", needBytes: cost }]
    }
    this.tickets.set(ticket, { model, state: "waiting" })
    this.waiters.push({ ticket, model, numCtx, cost, enqueuedAt: now, overtaken: 0 })
    return this.pump(now)
  }

  /** The waiter gave up (timeout, interruption). Returns false if it was not waiting. */
  cancel(ticket: number, now: number): { readonly wasWaiting: boolean; readonly commands: Command[] } {
    const index = this.waiters.findIndex((w) => w.ticket === ticket)
    if (index < 0) return { wasWaiting: false, commands: [] }
    this.waiters.splice(index, 1)
    this.tickets.delete(ticket)
    return { wasWaiting: true, commands: this.pump(now) }
  }

  /**
   * An extra reference on a model that is loaded and already leased (at a context at least
   * `numCtx`): granted at once, outside the queue — it needs no room. Returns false when the
   * model is not in that state (then the caller must `request`). Released with `release`.
   */
  attach(ticket: number, model: string, numCtx: number): boolean {
    const slot = this.slots.get(model)
    if (!slot || slot.state !== "ready" || slot.refs === 0 || slot.numCtx < numCtx) return false
    slot.refs += 1
    slot.attached += 1
    this.tickets.set(ticket, { model, state: "granted", attached: true })
    return true
  }

  /** A granted lease is returned. */
  release(ticket: number, now: number): Command[] {
    const t = this.tickets.get(ticket)
    if (!t || t.state !== "granted") return []
    this.tickets.delete(ticket)
    const slot = this.slots.get(t.model)
    if (slot) {
      slot.refs = Math.max(0, slot.refs - 1)
      if (t.attached) slot.attached = Math.max(0, slot.attached - 1)
      slot.lastUsed = now
      if (slot.refs === 0) {
        slot.idleSince = now
        slot.usedAt = now
      }
    }
    return this.pump(now)
  }

  /** A load finished; `measuredBytes` is `/api/ps` size_vram when known. */
  loaded(model: string, measuredBytes: number | undefined, now: number): Command[] {
    const slot = this.slots.get(model)
    if (!slot || slot.state !== "loading") return this.pump(now)
    this.touch(slot, "ready")
    slot.idleSince = now
    slot.lastUsed = now
    slot.usedAt = now
    if (measuredBytes !== undefined && measuredBytes > 0) {
      slot.cost = measuredBytes
      slot.measured = true
      for (const w of this.waiters) if (w.model === model && w.numCtx <= slot.numCtx) w.cost = measuredBytes
    }
    const commands = this.correct(now, slot)
    return commands.concat(this.pump(now))
  }

  /** A load failed: the waiters that needed it are rejected with `detail`. */
  loadFailed(model: string, detail: unknown, now: number): Command[] {
    const slot = this.slots.get(model)
    if (!slot || slot.state !== "loading") return this.pump(now)
    this.remove(model)
    const commands: Command[] = []
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i]
      if (w.model === model && w.numCtx <= slot.numCtx) {
        this.waiters.splice(i, 1)
        this.tickets.delete(w.ticket)
        commands.unshift({ _tag: "Reject", ticket: w.ticket, model, reason: "load-failed", needBytes: w.cost, detail })
      }
    }
    return commands.concat(this.pump(now))
  }

  /**
   * An unload finished (the model is gone from the server). With `stillLoaded` the server kept it
   * despite the unload: its booking is released all the same, and reconciliation books it as
   * foreign (never adopts it) until it is gone.
   */
  unloaded(model: string, now: number, stillLoaded = false): Command[] {
    const slot = this.slots.get(model)
    if (slot && slot.state === "unloading") {
      this.remove(model)
      if (stillLoaded) this.disowned.add(model)
    }
    return this.pump(now)
  }

  /**
   * Asks for a persistent model to be resident (pre-warm). Loads it into free room without
   * evicting anything; remembers it so it is re-warmed after an eviction. Returns the Load, or
   * nothing when it is resident already or does not fit now.
   */
  prewarm(model: string, numCtx: number, cost: number, now: number): { readonly fits: boolean; readonly commands: Command[] } {
    this.warmWanted.set(model, { numCtx, cost })
    this.ours.add(model)
    const existing = this.slots.get(model)
    if (existing && existing.state !== "unloading") return { fits: true, commands: [] }
    if (cost > this.limit - this.booked()) return { fits: false, commands: [] }
    return { fits: true, commands: [this.startLoad(model, numCtx, cost, "prewarm", now)] }
  }

  /** Idle unloads of on-demand models; then whatever that frees. */
  tick(now: number): Command[] {
    const commands: Command[] = []
    if (Number.isFinite(this.idleUnloadMs)) {
      for (const slot of this.slots.values()) {
        if (slot.state === "ready" && slot.refs === 0 && !slot.persistent && now - slot.idleSince >= this.idleUnloadMs) {
          this.touch(slot, "unloading")
          slot.unloadReason = "idle"
          this.stats.idleUnloads += 1
          commands.push({ _tag: "Unload", model: slot.model, reason: "idle" })
        }
      }
    }
    return commands.concat(this.pump(now))
  }

  /**
   * Reconciles with what the server reports (`/api/ps`): a loaded model of ours gets its measured
   * size; one that vanished while idle is forgotten; a model this lfai uses that is loaded without
   * a slot (another lfai process loaded it) is adopted — booked as our own idle, ready slot at its
   * measured size, evictable and idle-unloaded like any other; models we do not use are booked as
   * foreign. Returns the commands (corrections, grants), warnings in words, and the adopted models.
   */
  reconcile(
    running: ReadonlyArray<RunningModel>,
    now: number,
    /** `epoch` when the `/api/ps` request was sent: slots that changed since are left alone. */
    sinceEpoch: number = this.epoch
  ): { readonly commands: Command[]; readonly warnings: string[]; readonly adopted: string[] } {
    const warnings: string[] = []
    const adopted: string[] = []
    const seen = new Set<string>()
    const foreign = new Map<string, number>()
    for (const entry of running) {
      seen.add(entry.name)
      const slot = this.slots.get(entry.name)
      if (!slot) {
        const removed = this.removedAt.get(entry.name)
        if (this.disowned.has(entry.name) || !this.ours.has(entry.name)) {
          foreign.set(entry.name, entry.sizeVram)
        } else if (removed === undefined || removed <= sinceEpoch) {
          this.adopt(entry, now)
          adopted.push(entry.name)
        }
        // else: our slot went away after the request was sent (unload confirmed, load failed) —
        // a stale sighting, booked neither way; the next reconciliation sees the truth.
        continue
      }
      if (slot.state === "ready" && slot.changed <= sinceEpoch && entry.sizeVram > 0) {
        slot.cost = entry.sizeVram
        slot.measured = true
      }
      if (entry.sizeVram < entry.size) {
        warnings.push(
          `${entry.name} is partly on the CPU (${(entry.sizeVram / 2 ** 30).toFixed(2)} of ${(entry.size / 2 ** 30).toFixed(2)} GB in VRAM): the GPU has less free memory than ollama.vram_limit_gb assumes`
        )
      }
    }
    for (const slot of [...this.slots.values()]) {
      if (slot.state === "ready" && slot.refs === 0 && slot.changed <= sinceEpoch && !seen.has(slot.model)) {
        this.remove(slot.model)
        warnings.push(`${slot.model} was unloaded by the server (not by this budget); its booking is released`)
      }
    }
    for (const model of [...this.disowned]) if (!seen.has(model)) this.disowned.delete(model)
    this.foreign = foreign
    if (foreign.size > 0) {
      warnings.push(
        `models loaded outside this budget: ${[...foreign].map(([name, bytes]) => `${name} (${(bytes / 2 ** 30).toFixed(2)} GB)`).join(", ")}; they count against ollama.vram_limit_gb`
      )
    }
    return { commands: this.correct(now, undefined).concat(this.pump(now)), warnings, adopted }
  }

  // ---- scheduling --------------------------------------------------------------------------

  private touch(slot: Slot, state: SlotState): void {
    slot.state = state
    this.epoch += 1
    slot.changed = this.epoch
  }

  private remove(model: string): void {
    this.slots.delete(model)
    this.epoch += 1
    this.removedAt.set(model, this.epoch)
  }

  /**
   * Books a model of ours that the server has loaded without a slot: ready, idle since now (last
   * used when the server last served it, if known), at its measured size; its context as the
   * server reports it (0 when unknown: a request reloads it at its own context rather than trust a
   * guess).
   */
  private adopt(entry: RunningModel, now: number): void {
    const model = entry.name
    const persistent = this.persistent.has(model)
    const numCtx = entry.numCtx !== undefined && entry.numCtx > 0 ? entry.numCtx : 0
    this.epoch += 1
    const usedAt = entry.lastServedAt !== undefined && entry.lastServedAt <= now ? entry.lastServedAt : undefined
    this.slots.set(model, { model, numCtx, cost: entry.sizeVram, measured: true, state: "ready", refs: 0, attached: 0, persistent, idleSince: now, lastUsed: now, usedAt, changed: this.epoch })
    this.stats.adoptions += 1
    if (persistent && numCtx > 0 && !this.warmWanted.has(model)) this.warmWanted.set(model, { numCtx, cost: entry.sizeVram })
  }

  private startLoad(model: string, numCtx: number, cost: number, reason: LoadReason, now: number): Command {
    const persistent = this.persistent.has(model)
    // The server runs one copy of a model: once it is ours, it is booked by its slot alone.
    this.foreign.delete(model)
    this.disowned.delete(model)
    this.epoch += 1
    this.slots.set(model, { model, numCtx, cost, measured: false, state: "loading", refs: 0, attached: 0, persistent, idleSince: now, lastUsed: now, usedAt: now, changed: this.epoch })
    this.stats.loads += 1
    if (reason !== "request") this.stats.warmLoads += 1
    if (persistent && !this.warmWanted.has(model)) this.warmWanted.set(model, { numCtx, cost })
    this.stats.peakBytes = Math.max(this.stats.peakBytes, this.booked())
    return { _tag: "Load", model, numCtx, cost, reason }
  }

  /** Over the limit after a measurement or reconciliation: evict idle models until under. */
  private correct(now: number, fresh: Slot | undefined): Command[] {
    let over = this.booked() - this.limit
    if (over <= 0) return []
    const commands: Command[] = []
    const wanted = new Set(this.waiters.map((w) => w.model))
    const idle = [...this.slots.values()].filter((s) => s.state === "ready" && s.refs === 0 && s !== fresh)
    for (const victim of this.rankVictims(idle, wanted, now)) {
      if (over <= 0) break
      this.touch(victim, "unloading")
      victim.unloadReason = "correction"
      this.stats.corrections += 1
      over -= victim.cost
      commands.push({ _tag: "Unload", model: victim.model, reason: "correction" })
    }
    if (over > 0 && fresh && fresh.state === "ready" && fresh.refs === 0) {
      // Nothing else can go: the model that was just found bigger goes back out; its waiters stay
      // queued with the measured cost (or are refused if it can never fit).
      this.touch(fresh, "unloading")
      fresh.unloadReason = "correction"
      this.stats.corrections += 1
      commands.push({ _tag: "Unload", model: fresh.model, reason: "correction" })
      if (fresh.cost > this.limit) {
        for (let i = this.waiters.length - 1; i >= 0; i--) {
          const w = this.waiters[i]
          if (w.model === fresh.model) {
            this.waiters.splice(i, 1)
            this.tickets.delete(w.ticket)
            commands.push({ _tag: "Reject", ticket: w.ticket, model: w.model, reason: "too-big", needBytes: fresh.cost })
          }
        }
      }
    }
    return commands
  }

  private rankVictims(candidates: ReadonlyArray<Slot>, wanted: ReadonlySet<string>, now: number): Slot[] {
    const ranked = this.policy.rank(candidates, { now, wanted })
    // Models a waiting request wants go last, whatever the policy says.
    return [...ranked.filter((s) => !wanted.has(s.model)), ...ranked.filter((s) => wanted.has(s.model))]
  }

  private grant(index: number, slot: Slot, now: number): Command {
    const w = this.waiters[index]
    this.waiters.splice(index, 1)
    const t = this.tickets.get(w.ticket)
    if (t) t.state = "granted"
    slot.refs += 1
    slot.lastUsed = now
    return { _tag: "Grant", ticket: w.ticket, model: w.model, numCtx: slot.numCtx, waitedMs: now - w.enqueuedAt }
  }

  /**
   * Serves what can be served. Waiters whose model is loaded (at a context at least as large) are
   * granted in order — overtaking older waiters that need a load, each at most `maxOvertakes`
   * times. The oldest waiter that needs a load owns the free room: it loads when its cost fits,
   * else evicts idle models (by the policy) and waits for the unloads. Nobody else loads before it.
   */
  private pump(now: number): Command[] {
    const commands: Command[] = []
    let progress = true
    while (progress) {
      progress = false
      let barrier = false
      let headHandled = false
      const stuck: Waiter[] = []
      for (let i = 0; i < this.waiters.length; i++) {
        const w = this.waiters[i]
        const slot = this.slots.get(w.model)
        if (slot && slot.state === "ready" && slot.numCtx >= w.numCtx) {
          if (barrier) continue
          commands.push(this.grant(i, slot, now))
          for (const s of stuck) {
            s.overtaken += 1
            if (s.overtaken >= this.maxOvertakes) barrier = true
          }
          i -= 1
          progress = true
          continue
        }
        if (slot && slot.state === "loading" && slot.numCtx >= w.numCtx) continue
        // Needs a load (or a reload at a larger context).
        stuck.push(w)
        if (w.overtaken >= this.maxOvertakes) barrier = true
        if (headHandled) continue
        headHandled = true
        const result = this.serveHead(w, now)
        commands.push(...result.commands)
        if (result.started) {
          stuck.pop()
          progress = true
        }
      }
    }
    if (this.waiters.length === 0 && this.rewarm) commands.push(...this.rewarmInto(now))
    this.stats.peakBytes = Math.max(this.stats.peakBytes, this.booked())
    return commands
  }

  /** The head waiter that needs a load: load if it fits, else evict what it needs. */
  private serveHead(w: Waiter, now: number): { readonly started: boolean; readonly commands: Command[] } {
    const existing = this.slots.get(w.model)
    if (existing) {
      // Present at a smaller context (or on its way out): it must be unloaded first.
      if (existing.state === "ready" && existing.refs === 0) {
        this.touch(existing, "unloading")
        existing.unloadReason = "reload"
        this.stats.reloads += 1
        return { started: false, commands: [{ _tag: "Unload", model: w.model, reason: "reload" }] }
      }
      return { started: false, commands: [] }
    }
    if (w.cost > this.limit) {
      // The cost grew (measured) past the whole budget since it queued.
      const index = this.waiters.indexOf(w)
      this.waiters.splice(index, 1)
      this.tickets.delete(w.ticket)
      return { started: true, commands: [{ _tag: "Reject", ticket: w.ticket, model: w.model, reason: "too-big", needBytes: w.cost }] }
    }
    const free = this.limit - this.booked()
    if (w.cost <= free) {
      return { started: true, commands: [this.startLoad(w.model, w.numCtx, w.cost, "request", now)] }
    }
    let pending = 0
    for (const slot of this.slots.values()) if (slot.state === "unloading") pending += slot.cost
    if (w.cost <= free + pending) return { started: false, commands: [] } // evictions under way
    const wanted = new Set(this.waiters.filter((x) => x !== w).map((x) => x.model))
    const idle = [...this.slots.values()].filter((s) => s.state === "ready" && s.refs === 0)
    const ranked = this.rankVictims(idle, wanted, now)
    const chosen: Slot[] = []
    let room = free + pending
    for (const victim of ranked) {
      if (room >= w.cost) break
      chosen.push(victim)
      room += victim.cost
    }
    if (room < w.cost) return { started: false, commands: [] } // must wait for leases to end
    // Drop victims that turned out unnecessary (keep the ones the policy wanted gone most).
    for (let i = chosen.length - 1; i >= 0; i--) {
      if (room - chosen[i].cost >= w.cost) {
        room -= chosen[i].cost
        chosen.splice(i, 1)
      }
    }
    const commands: Command[] = []
    for (const victim of chosen) {
      this.touch(victim, "unloading")
      victim.unloadReason = "evict"
      this.stats.evictions += 1
      commands.push({ _tag: "Unload", model: victim.model, reason: "evict" })
    }
    return { started: false, commands }
  }

  /** Persistent models that were evicted come back when they fit in free room and nobody waits. */
  private rewarmInto(now: number): Command[] {
    const commands: Command[] = []
    if (now - this.lastRequestAt < this.rewarmQuietMs) return commands
    for (const [model, { numCtx, cost }] of this.warmWanted) {
      if (this.slots.has(model)) continue
      const last = this.lastRequestIndex.get(model)
      if (this.rewarmWindow !== Number.POSITIVE_INFINITY && (last === undefined || this.requestCount - last >= this.rewarmWindow)) continue
      if (cost <= this.limit - this.booked()) commands.push(this.startLoad(model, numCtx, cost, "rewarm", now))
    }
    return commands
  }
}
