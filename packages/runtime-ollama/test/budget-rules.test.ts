/**
 * The budget's rules one by one, where mutation testing found a small change went unnoticed:
 * the victim policies' orders, every event's guard, exact commands and reasons, the measurement
 * and reconciliation corrections, adoption, the overtaking barrier, eviction planning and re-warm.
 */
import { describe, expect, it } from "vitest"
import { Budget, DEFAULT_REWARM_QUIET_MS, DEFAULT_REWARM_WINDOW, idleMs, lru2Policy, lruPolicy, type BudgetOptions, type Command, type Slot } from "../src/internal/budget.ts"

const G = 2 ** 30

const budgetOf = (options: Partial<BudgetOptions> = {}) =>
  new Budget({ limitBytes: 12 * G, maxOvertakes: 4, persistent: [], idleUnloadMs: 300_000, rewarmQuietMs: 0, rewarmWindow: Number.POSITIVE_INFINITY, ...options })

const tags = (commands: ReadonlyArray<Command>) =>
  commands.map((c) => (c._tag === "Grant" || c._tag === "Reject" ? `${c._tag}#${c.ticket}` : c._tag === "Unload" ? `Unload:${c.model}:${c.reason}` : `Load:${c.model}:${c.reason}`))

/** `model` loaded (ticket `ticket`) and released: a ready, idle slot. */
const idle = (budget: Budget, ticket: number, model: string, cost: number, now: number) => {
  budget.request(ticket, model, 4096, cost, now)
  budget.loaded(model, undefined, now)
  budget.release(ticket, now)
}

const fakeSlot = (model: string, lastUsed: number, persistent = false) => ({ model, lastUsed, persistent }) as unknown as Slot

describe("victim policies", () => {
  it("LRU ranks the least recently used first", () => {
    const ranked = lruPolicy.rank([fakeSlot("b", 5), fakeSlot("a", 2), fakeSlot("c", 9)], { now: 10, wanted: new Set() })
    expect(ranked.map((slot) => slot.model)).toEqual(["a", "b", "c"])
  })

  it("LRU-2 is named, ranks by the second-to-last request, then the last, then the last use; a persistent model's requests count as later", () => {
    const policy = lru2Policy({ persistentBonus: 3 })
    expect(policy.name).toBe("lru-2")
    for (const model of ["p", "p", "q", "q", "once"]) policy.observe?.(model, 0)
    const rank = (...slots: Slot[]) => policy.rank(slots, { now: 0, wanted: new Set() }).map((slot) => slot.model)
    // p asked at 1 and 2, q at 3 and 4, once at 5: once has no second-to-last request
    expect(rank(fakeSlot("q", 0), fakeSlot("p", 0), fakeSlot("once", 0))).toEqual(["once", "p", "q"])
    // persistent, p's requests count as 4 and 5: after q's 3 and 4
    expect(rank(fakeSlot("q", 0), fakeSlot("p", 0, true))).toEqual(["q", "p"])
    // never asked for: by the last use
    expect(rank(fakeSlot("x", 5), fakeSlot("y", 2), fakeSlot("z", 9))).toEqual(["y", "x", "z"])
  })

  it("a budget's defaults: LRU-2, re-warm after 60 s of quiet within the last 10 requests", () => {
    const budget = new Budget({ limitBytes: G, maxOvertakes: 1, persistent: [], idleUnloadMs: 1 })
    expect([budget.policy.name, budget.rewarm, budget.rewarmQuietMs, budget.rewarmWindow]).toEqual(["lru-2", true, DEFAULT_REWARM_QUIET_MS, DEFAULT_REWARM_WINDOW])
    expect(budgetOf({ rewarmQuietMs: 5000 }).rewarmQuietMs).toBe(5000)
  })
})

describe("whose models", () => {
  it("the persistent and listed models, and any requested, pre-warmed or used, are ours", () => {
    const budget = budgetOf({ persistent: ["p"], models: ["m"] })
    expect(["p", "m", "r", "w", "u"].map((model) => budget.uses(model))).toEqual([true, true, false, false, false])
    budget.request(1, "r", 4096, G, 0)
    budget.prewarm("w", 4096, G, 0)
    budget.use("u")
    expect(["r", "w", "u", "other"].map((model) => budget.uses(model))).toEqual([true, true, true, false])
  })
})

describe("leases", () => {
  it("counts every reference; attaches only to a loaded model someone holds, at a context it has", () => {
    const budget = budgetOf()
    budget.request(1, "a", 4096, 5 * G, 0)
    budget.loaded("a", undefined, 1)
    budget.request(2, "a", 4096, 5 * G, 2)
    expect(budget.leases()).toBe(2)
    expect(budget.attach(3, "a", 8192)).toBe(false)
    expect(budget.attach(3, "a", 4096)).toBe(true)
    expect(budget.slot("a")).toMatchObject({ refs: 3, attached: 1 })
    budget.release(3, 3)
    expect(budget.slot("a")).toMatchObject({ refs: 2, attached: 0 })
    budget.release(1, 4)
    budget.release(2, 5)
    expect(budget.attach(4, "a", 4096)).toBe(false) // loaded but held by nobody
  })

  it("a ticket is released once; releasing a waiting or unknown one changes nothing", () => {
    const budget = budgetOf({ maxOvertakes: 0 })
    budget.request(1, "a", 4096, 7 * G, 0)
    budget.loaded("a", undefined, 1)
    budget.request(2, "a", 4096, 7 * G, 2)
    budget.request(3, "a", 8192, 7 * G, 3) // needs a reload: waits
    expect(budget.release(3, 4)).toEqual([])
    expect(budget.release(99, 4)).toEqual([])
    expect(budget.release(1, 5)).toEqual([])
    expect(budget.release(1, 6)).toEqual([])
    expect(budget.slot("a")!.refs).toBe(1)
    expect(budget.queue().map((w) => w.ticket)).toEqual([3])
  })

  it("the idle clock starts when the last reference goes", () => {
    const budget = budgetOf()
    budget.request(1, "a", 4096, 5 * G, 0)
    budget.loaded("a", undefined, 0)
    budget.request(2, "a", 4096, 5 * G, 1)
    budget.release(1, 100_000)
    expect(budget.slot("a")!.idleSince).toBe(0) // still held
    budget.release(2, 200_000)
    expect(budget.slot("a")!.idleSince).toBe(200_000)
    expect(budget.tick(300_000)).toEqual([])
    expect(tags(budget.tick(500_000))).toEqual(["Unload:a:idle"])
  })

  it("counts the attached generations apart from the leases (the report's lease count is the difference)", () => {
    const budget = budgetOf()
    budget.request(1, "a", 4096, 5 * G, 0)
    budget.loaded("a", undefined, 0)
    expect(budget.attach(2, "a", 4096)).toBe(true)
    expect(budget.attach(3, "a", 4096)).toBe(true)
    budget.release(2, 1) // one attached generation ends: the other still runs
    expect(budget.slot("a")).toMatchObject({ refs: 2, attached: 1 })
    budget.release(1, 2) // the lease ends: the attached generation is still attached
    expect(budget.slot("a")).toMatchObject({ refs: 1, attached: 1 })
  })

  it("a grant says how long it waited", () => {
    const budget = budgetOf()
    budget.request(1, "a", 4096, 5 * G, 1000)
    expect(budget.loaded("a", undefined, 1750)).toEqual([{ _tag: "Grant", ticket: 1, model: "a", numCtx: 4096, waitedMs: 750 }])
  })

  it("cancels the ticket given, and only a waiting one", () => {
    const budget = budgetOf()
    budget.request(1, "a", 4096, 7 * G, 0)
    budget.request(2, "b", 4096, 7 * G, 1)
    budget.request(3, "c", 4096, 7 * G, 2)
    expect(budget.cancel(3, 3)).toEqual({ wasWaiting: true, commands: [] })
    expect(budget.queue().map((w) => w.ticket)).toEqual([1, 2])
    expect(budget.cancel(7, 4)).toEqual({ wasWaiting: false, commands: [] })
  })
})

describe("loads", () => {
  it("a load books its estimate, unmeasured, and raises the peak; the epoch moves on", () => {
    const budget = budgetOf()
    const epoch = budget.epoch
    budget.request(1, "a", 4096, 5 * G, 0)
    expect(budget.slot("a")).toMatchObject({ cost: 5 * G, measured: false, state: "loading" })
    expect(budget.epoch).toBeGreaterThan(epoch)
    budget.request(2, "b", 4096, 4 * G, 0)
    expect(budget.stats.peakBytes).toBe(9 * G)
  })

  it("a measurement replaces the estimate, and the cost of the waiters that will ride on it; no measurement keeps it", () => {
    const budget = budgetOf({ maxOvertakes: 0 })
    budget.request(1, "a", 4096, 5 * G, 0)
    budget.request(2, "b", 4096, 8 * G, 1) // the head of the loads: must wait for room
    budget.request(3, "a", 4096, 5 * G, 2) // behind b in strict FIFO
    budget.request(4, "a", 8192, 5 * G, 3) // a larger context: a reload later
    expect(tags(budget.loaded("a", 6 * G, 4))).toEqual(["Grant#1"])
    expect(budget.slot("a")).toMatchObject({ cost: 6 * G, measured: true })
    expect(budget.queue().map((w) => [w.ticket, w.cost / G])).toEqual([
      [2, 8],
      [3, 6],
      [4, 5]
    ])
    const other = budgetOf()
    other.request(1, "c", 4096, 5 * G, 0)
    other.loaded("c", 0, 1)
    expect(other.slot("c")).toMatchObject({ cost: 5 * G, measured: false })
    other.request(2, "d", 4096, 3 * G, 2)
    other.loaded("d", undefined, 3)
    expect(other.slot("d")).toMatchObject({ cost: 3 * G, measured: false })
  })

  it("a late or unknown load report changes nothing", () => {
    const budget = budgetOf()
    idle(budget, 1, "a", 5 * G, 0)
    expect(budget.loaded("a", 9 * G, 1)).toEqual([])
    expect(budget.slot("a")).toMatchObject({ cost: 5 * G, idleSince: 0 })
    expect(budget.loaded("ghost", G, 1)).toEqual([])
    expect(budget.loadFailed("a", "late", 2)).toEqual([])
    expect(budget.slot("a")!.state).toBe("ready")
    expect(budget.loadFailed("ghost", "never", 2)).toEqual([])
    expect(budget.unloaded("a", 3)).toEqual([]) // not unloading: kept
    expect(budget.slot("a")!.state).toBe("ready")
    expect(budget.unloaded("ghost", 3)).toEqual([])
  })

  it("a failed load rejects exactly the waiters it would have served, in order; a larger context loads next", () => {
    const budget = budgetOf()
    budget.request(1, "a", 4096, 5 * G, 0)
    budget.request(2, "a", 4096, 5 * G, 1)
    budget.request(3, "a", 8192, 5 * G, 2)
    budget.request(4, "b", 4096, 5 * G, 3)
    const commands = budget.loadFailed("a", "no such model", 4)
    expect(commands.slice(0, 2)).toEqual([
      { _tag: "Reject", ticket: 1, model: "a", reason: "load-failed", needBytes: 5 * G, detail: "no such model" },
      { _tag: "Reject", ticket: 2, model: "a", reason: "load-failed", needBytes: 5 * G, detail: "no such model" }
    ])
    expect(tags(commands.slice(2))).toEqual(["Load:a:request", "Load:b:request"])
    expect(budget.queue().map((w) => w.ticket)).toEqual([3, 4])
  })

  it("a load the head waits for is the only one: a later model that fits waits behind a reload", () => {
    const budget = budgetOf()
    budget.request(1, "a", 2048, 4 * G, 0) // loading at 2048
    expect(budget.request(2, "a", 8192, 4 * G, 1)).toEqual([]) // needs a reload once a is loaded
    expect(budget.request(3, "b", 4096, 2 * G, 2)).toEqual([]) // fits, but the head owns the room
  })

  it("a request waiting for its model to finish unloading keeps its place: a later model that fits does not load first", () => {
    const budget = budgetOf({ idleUnloadMs: 1000 })
    idle(budget, 1, "a", 6 * G, 0)
    expect(tags(budget.tick(1000))).toEqual(["Unload:a:idle"])
    expect(budget.request(2, "a", 4096, 6 * G, 1001)).toEqual([]) // loads again once the unload is done
    expect(budget.request(3, "b", 4096, 4 * G, 1002)).toEqual([]) // fits now, but a is first
    expect(tags(budget.unloaded("a", 1003))).toEqual(["Load:a:request", "Load:b:request"])
  })

  it("refuses a model bigger than the whole budget at once, even while other requests wait", () => {
    const budget = budgetOf()
    budget.request(1, "a", 4096, 7 * G, 0)
    expect(budget.request(2, "b", 4096, 7 * G, 1)).toEqual([]) // waits for room
    expect(budget.request(3, "huge", 4096, 13 * G, 2)).toEqual([{ _tag: "Reject", ticket: 3, model: "huge", reason: "too-big", needBytes: 13 * G }])
    expect(budget.queue().map((w) => w.ticket)).toEqual([1, 2])
  })

  it("the peak is the most ever booked: a pre-warm's load counts, and it stays when the models go", () => {
    const warm = budgetOf({ persistent: ["p"] })
    warm.prewarm("p", 4096, 5 * G, 0)
    expect(warm.stats.peakBytes).toBe(5 * G)
    const budget = budgetOf({ idleUnloadMs: 1000 })
    idle(budget, 1, "a", 5 * G, 0)
    budget.tick(1000)
    budget.unloaded("a", 1001)
    expect(budget.booked()).toBe(0)
    expect(budget.stats.peakBytes).toBe(5 * G)
  })
})

describe("pre-warm", () => {
  it("loads a persistent model into free room exactly when it fits, and not twice", () => {
    const budget = budgetOf({ persistent: ["p"] })
    budget.request(1, "a", 4096, 7 * G, 0)
    expect(budget.prewarm("p", 4096, 6 * G, 1)).toEqual({ fits: false, commands: [] })
    expect(budget.prewarm("p", 4096, 5 * G, 1)).toEqual({ fits: true, commands: [{ _tag: "Load", model: "p", numCtx: 4096, cost: 5 * G, reason: "prewarm" }] })
    expect(budget.prewarm("p", 4096, 5 * G, 2)).toEqual({ fits: true, commands: [] })
  })

  it("a model on its way out is loaded again when there is room beside its outgoing copy, else it does not fit: never 'fits' with nothing loading", () => {
    const roomy = budgetOf({ idleUnloadMs: 1000 })
    idle(roomy, 1, "m", 5 * G, 0)
    roomy.tick(1000) // m idles out: unloading
    expect(roomy.prewarm("m", 4096, 5 * G, 1001)).toEqual({ fits: true, commands: [{ _tag: "Load", model: "m", numCtx: 4096, cost: 5 * G, reason: "prewarm" }] })
    roomy.unloaded("m", 1002) // the outgoing copy's report does not drop the new load's booking
    expect(roomy.slot("m")).toMatchObject({ state: "loading", cost: 5 * G })
    expect(roomy.booked()).toBe(5 * G)
    const tight = budgetOf({ idleUnloadMs: 1000 })
    idle(tight, 1, "m", 7 * G, 0)
    tight.tick(1000)
    expect(tight.prewarm("m", 4096, 7 * G, 1001)).toEqual({ fits: false, commands: [] }) // 7 + 7 > 12
  })
})

describe("idle unload", () => {
  it("unloads an idle, ready, on-demand model once it has been idle long enough: not a loading or held one", () => {
    const budget = budgetOf()
    budget.request(1, "loading", 4096, 2 * G, 0)
    idle(budget, 2, "held", 2 * G, 0)
    budget.request(3, "held", 4096, 2 * G, 0)
    idle(budget, 4, "free", 2 * G, 0)
    expect(budget.tick(299_999)).toEqual([])
    expect(budget.tick(300_000)).toEqual([{ _tag: "Unload", model: "free", reason: "idle" }])
    expect(budget.slot("free")).toMatchObject({ state: "unloading", unloadReason: "idle" })
    expect(budget.stats.idleUnloads).toBe(1)
  })
})

describe("reconciliation with /api/ps", () => {
  it("measures a ready slot, not one that is loading, changed since the request, or reported at 0", () => {
    const budget = budgetOf()
    idle(budget, 1, "a", 4 * G, 0)
    idle(budget, 2, "b", 2 * G, 0)
    const since = budget.epoch
    budget.request(3, "c", 4096, 2 * G, 1)
    budget.reconcile([{ name: "a", sizeVram: 5 * G, size: 5 * G }, { name: "b", sizeVram: 0, size: 2 * G }, { name: "c", sizeVram: 3 * G, size: 3 * G }], 2, since)
    expect(budget.slot("a")).toMatchObject({ cost: 5 * G, measured: true })
    expect(budget.slot("b")).toMatchObject({ cost: 2 * G, measured: false })
    expect(budget.slot("c")).toMatchObject({ cost: 2 * G, measured: false })
    budget.loaded("c", undefined, 3)
    budget.reconcile([{ name: "a", sizeVram: 5 * G, size: 5 * G }, { name: "b", sizeVram: 2 * G, size: 2 * G }, { name: "c", sizeVram: 3 * G, size: 3 * G }], 4, since)
    expect(budget.slot("c")!.cost).toBe(2 * G) // became ready after the request was sent
  })

  it("keeps the estimate of a model still loading, whatever /api/ps says of it mid-load", () => {
    const budget = budgetOf()
    budget.request(1, "a", 4096, 5 * G, 0)
    budget.reconcile([{ name: "a", sizeVram: 2 * G, size: 2 * G }], 1)
    expect(budget.slot("a")).toMatchObject({ state: "loading", cost: 5 * G, measured: false })
  })

  it("a measurement that confirms the booking marks it measured", () => {
    const budget = budgetOf()
    idle(budget, 1, "a", 4 * G, 0)
    budget.reconcile([{ name: "a", sizeVram: 4 * G, size: 4 * G }], 1)
    expect(budget.slot("a")).toMatchObject({ cost: 4 * G, measured: true })
  })

  it("forgets a vanished idle slot even when it is the last thing that changed before /api/ps was asked", () => {
    const budget = budgetOf()
    idle(budget, 1, "a", 4 * G, 0)
    const since = budget.epoch // a's last change: it became ready
    expect(budget.reconcile([], 1, since).warnings).toEqual(["a was unloaded by the server (not by this budget); its booking is released"])
    expect(budget.slot("a")).toBeUndefined()
  })

  it("an adopted model last served at the very moment of the sighting has been idle 0 ms", () => {
    const budget = budgetOf({ models: ["a"] })
    budget.reconcile([{ name: "a", sizeVram: G, size: G, numCtx: 4096, lastServedAt: 5000 }], 5000)
    expect(idleMs(budget.slot("a")!, 5000)).toBe(0)
  })

  it("warns of a model partly on the CPU, and of nothing when all is well", () => {
    const budget = budgetOf()
    idle(budget, 1, "a", 6 * G, 0)
    expect(budget.reconcile([{ name: "a", sizeVram: 6 * G, size: 6 * G }], 1).warnings).toEqual([])
    expect(budget.reconcile([{ name: "a", sizeVram: 4 * G, size: 6 * G }], 2).warnings).toEqual([
      "a is partly on the CPU (4.00 of 6.00 GB in VRAM): the GPU has less free memory than ollama.vram_limit_gb assumes"
    ])
  })

  it("forgets an idle slot the server no longer has, never a held, loading or newer one", () => {
    const budget = budgetOf()
    idle(budget, 1, "gone", 2 * G, 0)
    idle(budget, 2, "held", 2 * G, 0)
    budget.request(3, "held", 4096, 2 * G, 0)
    budget.request(4, "loading", 4096, 2 * G, 0)
    const since = budget.epoch
    idle(budget, 5, "newer", 2 * G, 1)
    const { warnings } = budget.reconcile([], 2, since)
    expect(warnings).toEqual(["gone was unloaded by the server (not by this budget); its booking is released"])
    expect(budget.allSlots().map((slot) => slot.model).sort()).toEqual(["held", "loading", "newer"])
  })

  it("books models it does not use as foreign, named with their sizes; a model of its own is booked once it loads it", () => {
    const budget = budgetOf()
    const { warnings } = budget.reconcile([{ name: "x", sizeVram: 3 * G, size: 3 * G }, { name: "y", sizeVram: G, size: G }], 0)
    expect(warnings).toEqual(["models loaded outside this budget: x (3.00 GB), y (1.00 GB); they count against ollama.vram_limit_gb"])
    expect(budget.booked()).toBe(4 * G)
    budget.request(1, "x", 4096, 3 * G, 1)
    expect(budget.booked()).toBe(4 * G) // x's slot replaces its foreign booking
  })

  it("adopts a model of its own whose slot went away before the request was sent, not after", () => {
    const budget = budgetOf()
    idle(budget, 1, "a", 2 * G, 0)
    budget.tick(300_000)
    budget.unloaded("a", 300_001)
    const removedAt = budget.epoch
    expect(budget.reconcile([{ name: "a", sizeVram: 2 * G, size: 2 * G }], 300_002, removedAt - 1).adopted).toEqual([])
    expect(budget.reconcile([{ name: "a", sizeVram: 2 * G, size: 2 * G }], 300_003, removedAt).adopted).toEqual(["a"])
  })

  it("a model the server kept stays foreign while it is seen, and is its own again once it was gone", () => {
    const budget = budgetOf()
    idle(budget, 1, "a", 2 * G, 0)
    budget.tick(300_000)
    budget.unloaded("a", 300_001, true)
    expect(budget.reconcile([{ name: "a", sizeVram: 2 * G, size: 2 * G }], 300_002).adopted).toEqual([])
    expect(budget.reconcile([{ name: "a", sizeVram: 2 * G, size: 2 * G }], 300_003).adopted).toEqual([])
    budget.reconcile([], 300_004)
    expect(budget.reconcile([{ name: "a", sizeVram: 2 * G, size: 2 * G }], 300_005).adopted).toEqual(["a"])
  })

  it("a model the server kept is its own again once this budget loads it: after its next unload, a sighting is adopted", () => {
    const budget = budgetOf()
    idle(budget, 1, "a", 2 * G, 0)
    budget.tick(300_000)
    budget.unloaded("a", 300_001, true) // the server kept it
    budget.reconcile([{ name: "a", sizeVram: 2 * G, size: 2 * G }], 300_002)
    expect(budget.foreignBytes()).toBe(2 * G)
    idle(budget, 2, "a", 2 * G, 300_003) // asked for again: loaded as this budget's own
    expect(budget.foreignBytes()).toBe(0)
    budget.tick(600_003)
    budget.unloaded("a", 600_004) // gone this time
    // another lfai process loads it: a model of this lfai, adopted (evictable), not foreign
    expect(budget.reconcile([{ name: "a", sizeVram: 2 * G, size: 2 * G }], 600_005).adopted).toEqual(["a"])
    expect(budget.foreignBytes()).toBe(0)
  })

  it("an adopted model takes the server's context when it is known and positive, else 0; the epoch moves on", () => {
    const budget = budgetOf({ models: ["k", "u", "n"] })
    const epoch = budget.epoch
    budget.reconcile([{ name: "k", sizeVram: G, size: G, numCtx: 8192 }, { name: "u", sizeVram: G, size: G }, { name: "n", sizeVram: G, size: G, numCtx: -1 }], 0)
    expect(["k", "u", "n"].map((model) => budget.slot(model)!.numCtx)).toEqual([8192, 0, 0])
    expect(budget.epoch).toBeGreaterThan(epoch)
    expect(budget.stats.adoptions).toBe(3)
  })
})

describe("corrections", () => {
  /** Two idle models of 3 GiB and a third loading at an estimate of 3. */
  const loadingThird = () => {
    const budget = budgetOf()
    idle(budget, 1, "a", 3 * G, 0)
    idle(budget, 2, "b", 3 * G, 1)
    budget.request(3, "c", 4096, 3 * G, 2)
    return budget
  }

  it("a measurement past the limit evicts idle models, least wanted first, until under (exactly at the limit is fine)", () => {
    expect(tags(loadingThird().loaded("c", 6 * G, 3))).toEqual(["Grant#3"]) // 3 + 3 + 6 = 12: at the limit
    const again = loadingThird()
    expect(tags(again.loaded("c", 7 * G, 3))).toEqual(["Unload:a:correction", "Grant#3"])
    expect(again.slot("a")!.unloadReason).toBe("correction")
    expect(again.stats.corrections).toBe(1)
  })

  it("evicts no more than it must: one eviction that brings it back exactly to the limit is enough, and the model just measured stays", () => {
    const budget = loadingThird()
    expect(tags(budget.loaded("c", 9 * G, 3))).toEqual(["Unload:a:correction", "Grant#3"]) // 3 + 3 + 9 = 15: a's 3 is the excess
    expect(budget.slot("b")!.state).toBe("ready")
    expect(budget.stats.corrections).toBe(1)
  })

  it("a victim of a correction is on its way out, and its booking goes when the unload completes", () => {
    const budget = loadingThird()
    budget.loaded("c", 7 * G, 3)
    expect(budget.slot("a")).toMatchObject({ state: "unloading", unloadReason: "correction" })
    expect(budget.booked()).toBe(13 * G) // over, until the unload is done
    budget.unloaded("a", 4)
    expect(budget.slot("a")).toBeUndefined()
    expect(budget.booked()).toBe(10 * G)
  })

  it("a correction evicts an idle model nobody waits for before one a queued request wants", () => {
    const budget = budgetOf({ policy: lruPolicy, maxOvertakes: 0 })
    budget.request(1, "h", 4096, 4 * G, 0)
    budget.loaded("h", undefined, 0) // held by #1
    idle(budget, 2, "x", 2 * G, 1) // least recently used
    idle(budget, 3, "y", 2 * G, 2)
    expect(tags(budget.request(4, "c", 4096, 2 * G, 3))).toEqual(["Load:c:request"])
    expect(budget.request(5, "big", 4096, 9 * G, 4)).toEqual([]) // must wait for h's lease
    expect(budget.request(6, "x", 4096, 2 * G, 5)).toEqual([]) // strict FIFO: x waits behind big
    // c measures 5: 4 + 2 + 2 + 5 = 13, one idle model must go; x is wanted, y is not
    expect(tags(budget.loaded("c", 5 * G, 6))).toEqual(["Unload:y:correction", "Grant#4"])
  })

  /** a (6 GiB) held by #1; c loading for #2 at an estimate of 4, then measured at `bytes`. */
  const measuredBesideHeld = (bytes: number) => {
    const budget = budgetOf()
    budget.request(1, "a", 4096, 6 * G, 0)
    budget.loaded("a", undefined, 0)
    budget.request(2, "c", 4096, 4 * G, 1)
    return { budget, commands: budget.loaded("c", bytes, 2) }
  }

  it("never evicts a held model to correct; with nothing idle the model just measured goes back out, and its waiters wait at the measured cost", () => {
    const { budget, commands } = measuredBesideHeld(7 * G)
    expect(tags(commands)).toEqual(["Unload:c:correction"])
    expect(budget.slot("c")).toMatchObject({ state: "unloading", unloadReason: "correction" })
    expect(budget.slot("a")!.state).toBe("ready")
    expect(budget.queue().map((w) => [w.ticket, w.cost / G])).toEqual([[2, 7]])
    expect(budget.stats.corrections).toBe(1)
  })

  it("a model measured exactly the size of the budget goes back out, but its requests wait for the whole room rather than being refused", () => {
    const { budget, commands } = measuredBesideHeld(12 * G)
    expect(tags(commands)).toEqual(["Unload:c:correction"])
    expect(budget.queue().map((w) => [w.ticket, w.cost / G])).toEqual([[2, 12]])
    budget.unloaded("c", 3)
    expect(tags(budget.release(1, 4))).toEqual(["Unload:a:evict"])
    expect(tags(budget.unloaded("a", 5))).toEqual(["Load:c:request"])
  })

  it("a model measured bigger than the whole budget goes back out and its waiters are refused", () => {
    const budget = budgetOf()
    budget.request(1, "c", 4096, 4 * G, 0)
    budget.request(2, "c", 4096, 4 * G, 0)
    const commands = budget.loaded("c", 13 * G, 1)
    expect(commands).toEqual([
      { _tag: "Unload", model: "c", reason: "correction" },
      { _tag: "Reject", ticket: 2, model: "c", reason: "too-big", needBytes: 13 * G },
      { _tag: "Reject", ticket: 1, model: "c", reason: "too-big", needBytes: 13 * G }
    ])
    expect(budget.queue()).toEqual([])
  })

  it("only that model's requests are refused: a request for another model keeps its place and loads in the room it leaves", () => {
    const budget = budgetOf()
    budget.request(1, "c", 4096, 4 * G, 0)
    expect(budget.request(2, "b", 4096, 9 * G, 0)).toEqual([]) // 4 + 9 > 12: waits
    expect(tags(budget.loaded("c", 13 * G, 1))).toEqual(["Unload:c:correction", "Reject#1"])
    expect(budget.queue().map((w) => w.ticket)).toEqual([2])
    expect(tags(budget.unloaded("c", 2))).toEqual(["Load:b:request"])
  })
})

describe("overtaking", () => {
  it("requests for a loaded model overtake a waiting load exactly max_overtakes times", () => {
    const budget = budgetOf({ maxOvertakes: 2 })
    budget.request(1, "a", 4096, 7 * G, 0)
    budget.loaded("a", undefined, 0)
    expect(budget.request(2, "b", 4096, 7 * G, 1)).toEqual([]) // a is held: b waits
    expect(tags(budget.request(3, "a", 4096, 7 * G, 2))).toEqual(["Grant#3"])
    expect(tags(budget.request(4, "a", 4096, 7 * G, 3))).toEqual(["Grant#4"])
    expect(tags(budget.request(5, "a", 4096, 7 * G, 4))).toEqual([])
    expect(budget.queue().map((w) => [w.ticket, w.overtaken])).toEqual([
      [2, 2],
      [5, 0]
    ])
  })

  it("when a load ends, the waiters it serves overtake a stuck head in order, up to the limit within that one pass", () => {
    // a is loading; b (too big beside it) waits at the head; more requests for a queue behind b
    const queued = (maxOvertakes: number, behind: ReadonlyArray<number>) => {
      const budget = budgetOf({ maxOvertakes })
      expect(tags(budget.request(1, "a", 4096, 4 * G, 0))).toEqual(["Load:a:request"])
      expect(budget.request(2, "b", 4096, 10 * G, 1)).toEqual([])
      for (const ticket of behind) expect(budget.request(ticket, "a", 4096, 4 * G, ticket)).toEqual([])
      return budget
    }
    const one = queued(1, [3, 4])
    expect(tags(one.loaded("a", undefined, 5))).toEqual(["Grant#1", "Grant#3"])
    expect(one.queue().map((w) => [w.ticket, w.overtaken])).toEqual([
      [2, 1],
      [4, 0]
    ])
    const two = queued(2, [3, 4, 5])
    expect(tags(two.loaded("a", undefined, 6))).toEqual(["Grant#1", "Grant#3", "Grant#4"])
    expect(two.queue().map((w) => [w.ticket, w.overtaken])).toEqual([
      [2, 2],
      [5, 0]
    ])
  })

  it("a request whose load is under way is not being overtaken: if its model must go back out, it can still be overtaken max_overtakes times", () => {
    const budget = budgetOf({ maxOvertakes: 1 })
    budget.request(1, "a", 4096, 6 * G, 0)
    expect(budget.request(2, "h", 4096, 7 * G, 1)).toEqual([]) // 6 + 7 > 12
    expect(budget.request(3, "a", 4096, 6 * G, 2)).toEqual([]) // rides on a's load
    // a measures 5: h fits and starts loading; #3 is then served while h loads
    expect(tags(budget.loaded("a", 5 * G, 3))).toEqual(["Grant#1", "Load:h:request", "Grant#3"])
    // h measures 8: with a held, h goes back out, and #2 waits for it again
    expect(tags(budget.loaded("h", 8 * G, 4))).toEqual(["Unload:h:correction"])
    expect(budget.queue().map((w) => [w.ticket, w.overtaken])).toEqual([[2, 0]])
    expect(tags(budget.request(4, "a", 4096, 5 * G, 5))).toEqual(["Grant#4"]) // its one overtake
    expect(budget.request(5, "a", 4096, 5 * G, 6)).toEqual([])
  })

  it("a request waiting for a reload counts the requests that overtake it from the moment the reload is asked", () => {
    const budget = budgetOf({ maxOvertakes: 1, policy: lruPolicy })
    idle(budget, 1, "a", 3 * G, 0) // at 4096
    budget.request(2, "h", 4096, 5 * G, 1)
    budget.loaded("h", undefined, 1) // held by #2
    budget.request(3, "b", 4096, 2 * G, 2)
    budget.loaded("b", undefined, 2) // held by #3; 2 GiB free
    expect(budget.request(4, "x", 4096, 6 * G, 3)).toEqual([]) // needs h's room
    expect(tags(budget.request(5, "b", 4096, 2 * G, 4))).toEqual(["Grant#5"]) // x's one overtake
    expect(budget.request(6, "a", 8192, 4 * G, 5)).toEqual([]) // a reload, behind x
    expect(budget.request(7, "b", 4096, 2 * G, 6)).toEqual([]) // x is owed: FIFO
    expect(budget.request(8, "b", 4096, 2 * G, 7)).toEqual([])
    expect(tags(budget.release(2, 8))).toEqual(["Unload:h:evict"]) // a is wanted (by #6): h goes
    // x loads; the reload of a is asked; #7 overtakes it once, and #8 waits
    expect(tags(budget.unloaded("h", 9))).toEqual(["Load:x:request", "Unload:a:reload", "Grant#7"])
    expect(budget.queue().map((w) => [w.ticket, w.overtaken])).toEqual([
      [4, 1],
      [6, 1],
      [8, 0]
    ])
  })
})

describe("eviction", () => {
  it("evicts what the head needs, by the policy, with the reason; waits for the unloads without evicting more", () => {
    const budget = budgetOf({ policy: lruPolicy })
    idle(budget, 1, "a", 5 * G, 0)
    idle(budget, 2, "b", 5 * G, 1)
    expect(budget.request(3, "c", 4096, 7 * G, 2)).toEqual([{ _tag: "Unload", model: "a", reason: "evict" }])
    expect(budget.slot("a")).toMatchObject({ state: "unloading", unloadReason: "evict" })
    expect(budget.stats.evictions).toBe(1)
    expect(budget.tick(3)).toEqual([])
    expect(tags(budget.unloaded("a", 4))).toEqual(["Load:c:request"])
  })

  it("drops victims it turned out not to need: exactly enough room is enough", () => {
    const budget = budgetOf({ policy: lruPolicy })
    idle(budget, 1, "a", 3 * G, 0) // first by the policy
    idle(budget, 2, "b", 5 * G, 1)
    budget.request(9, "held", 4096, 2 * G, 1)
    budget.loaded("held", undefined, 1) // 2 free
    // 7 needed: a alone gives 5, a and b 10; b alone gives exactly 7
    expect(budget.request(3, "c", 4096, 7 * G, 2)).toEqual([{ _tag: "Unload", model: "b", reason: "evict" }])
  })

  it("evicts enough in one go: dropping an unneeded victim does not leave the rest short", () => {
    const budget = budgetOf({ policy: lruPolicy })
    idle(budget, 1, "a", 3 * G, 0) // by the policy: a, b, c
    idle(budget, 2, "b", 1 * G, 1)
    idle(budget, 3, "c", 5 * G, 2)
    budget.request(9, "held", 4096, 3 * G, 3)
    budget.loaded("held", undefined, 3) // 0 free
    // 7 needed: a, b and c give 9; without b, a and c still give 8 — without a as well, 5 is short
    expect(tags(budget.request(4, "x", 4096, 7 * G, 4))).toEqual(["Unload:a:evict", "Unload:c:evict"])
    budget.unloaded("a", 5)
    expect(tags(budget.unloaded("c", 6))).toEqual(["Load:x:request"])
  })

  it("counts the room an unload under way will free: evicts only what is still missing", () => {
    const budget = budgetOf({ policy: lruPolicy, idleUnloadMs: 1000 })
    idle(budget, 1, "a", 2 * G, 0)
    idle(budget, 2, "b", 4 * G, 900)
    idle(budget, 3, "c", 4 * G, 901)
    budget.request(9, "held", 4096, 2 * G, 902)
    budget.loaded("held", undefined, 902) // 0 free
    expect(tags(budget.tick(1000))).toEqual(["Unload:a:idle"]) // 2 on their way
    expect(tags(budget.request(4, "x", 4096, 6 * G, 1001))).toEqual(["Unload:b:evict"]) // 2 + 4 = 6: c stays
    budget.unloaded("a", 1002)
    expect(tags(budget.unloaded("b", 1003))).toEqual(["Load:x:request"])
    expect(budget.slot("c")!.state).toBe("ready")
  })

  it("never evicts a model a queued request wants before one nobody wants", () => {
    const budget = budgetOf({ policy: lruPolicy, maxOvertakes: 0 })
    idle(budget, 1, "x", 3 * G, 0) // least recently used
    idle(budget, 2, "y", 3 * G, 1)
    budget.request(3, "h", 4096, 5 * G, 2)
    budget.loaded("h", undefined, 2) // held by #3: 1 GiB free
    expect(budget.request(4, "big", 4096, 9 * G, 3)).toEqual([]) // 1 + 3 + 3 < 9: waits for h
    expect(budget.request(5, "x", 4096, 3 * G, 4)).toEqual([]) // strict FIFO: waits behind big
    // h's lease ends: big needs 8 more; y and h give it, and x stays for #5
    expect(tags(budget.release(3, 5))).toEqual(["Unload:y:evict", "Unload:h:evict"])
    budget.unloaded("y", 6)
    expect(tags(budget.unloaded("h", 7))).toEqual(["Load:big:request", "Grant#5"])
  })

  it("a reload unloads the idle model at its smaller context, with the reason", () => {
    const budget = budgetOf()
    idle(budget, 1, "a", 5 * G, 0)
    expect(budget.request(2, "a", 8192, 5 * G, 1)).toEqual([{ _tag: "Unload", model: "a", reason: "reload" }])
    expect(budget.slot("a")!.unloadReason).toBe("reload")
    expect(budget.stats.reloads).toBe(1)
  })
})

describe("re-warm", () => {
  const evicted = (options: Partial<BudgetOptions>) => {
    const budget = budgetOf({ persistent: ["p"], policy: lruPolicy, ...options })
    idle(budget, 1, "p", 6 * G, 0)
    budget.request(2, "b", 4096, 7 * G, 1) // evicts p
    budget.unloaded("p", 2)
    budget.loaded("b", undefined, 3)
    return budget
  }

  it("comes back with its reason once the GPU has been quiet long enough, and the room is free", () => {
    const budget = evicted({ rewarmQuietMs: 1000 })
    expect(budget.release(2, 999)).toEqual([]) // b's lease ends, but 999 ms after the last request
    budget.tick(1000)
    expect(budget.slot("p")).toBeUndefined() // b still holds the room (7 + 6 > 12)
    budget.tick(400_000) // b idles out
    expect(budget.unloaded("b", 400_001)).toEqual([{ _tag: "Load", model: "p", numCtx: 4096, cost: 6 * G, reason: "rewarm" }])
    expect(budget.stats.warmLoads).toBe(1)
  })

  it("never before the GPU has been quiet for rewarm_quiet_ms, even with the room free", () => {
    const budget = evicted({ rewarmQuietMs: 1000, idleUnloadMs: 2 }) // the last request came at 1
    budget.release(2, 4)
    expect(tags(budget.tick(6))).toEqual(["Unload:b:idle"])
    expect(budget.unloaded("b", 7)).toEqual([]) // the room is free after 6 ms of quiet
    expect(budget.tick(1000)).toEqual([]) // 999 ms of quiet
    expect(tags(budget.tick(1001))).toEqual(["Load:p:rewarm"]) // 1000 ms: quiet enough
  })

  it("only a model asked for within the last rewarm_window requests", () => {
    const recent = evicted({ rewarmWindow: 2 }) // p asked at request 1, b at 2
    recent.release(2, 4)
    recent.tick(400_000)
    expect(tags(recent.unloaded("b", 400_001))).toEqual(["Load:p:rewarm"])
    const stale = evicted({ rewarmWindow: 1 })
    stale.release(2, 4)
    stale.tick(400_000)
    expect(stale.unloaded("b", 400_001)).toEqual([])
  })

  it("an adopted persistent model is re-warmed at the context the server reported; one of unknown context is not", () => {
    for (const [numCtx, expected] of [
      [8192, ["Load:p:rewarm"]],
      [undefined, []]
    ] as const) {
      const budget = budgetOf({ persistent: ["p"], policy: lruPolicy })
      budget.reconcile([{ name: "p", sizeVram: 6 * G, size: 6 * G, ...(numCtx ? { numCtx } : {}) }], 0)
      budget.request(2, "b", 4096, 7 * G, 1)
      budget.unloaded("p", 2)
      budget.loaded("b", undefined, 3)
      budget.release(2, 4)
      budget.tick(400_000)
      expect(tags(budget.unloaded("b", 400_001))).toEqual(expected)
    }
  })

  it("with a finite rewarm_window, not a model that was pre-warmed but never asked for; with an infinite one, it is", () => {
    for (const [rewarmWindow, expected] of [
      [10, []],
      [Number.POSITIVE_INFINITY, ["Load:p:rewarm"]]
    ] as const) {
      const budget = budgetOf({ persistent: ["p"], policy: lruPolicy, rewarmWindow })
      budget.prewarm("p", 4096, 6 * G, 0)
      budget.loaded("p", undefined, 0)
      budget.request(2, "b", 4096, 7 * G, 1) // evicts p
      budget.unloaded("p", 2)
      budget.loaded("b", undefined, 3)
      budget.release(2, 4)
      budget.tick(400_000) // b idles out
      expect(tags(budget.unloaded("b", 400_001))).toEqual(expected)
    }
  })
})
