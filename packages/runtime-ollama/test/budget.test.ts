import { describe, expect, it } from "vitest"
import { Budget, idleMs, lru2Policy, lruPolicy, type BudgetOptions, type Command } from "../src/internal/budget.ts"
import { makeTrace, prng, simulate, beladyPolicy, type TraceRequest } from "../src/internal/sim.ts"

const G = 2 ** 30

/** A budget plus a log of what it asked for, and helpers that play the driver's part. */
const harness = (options: Partial<BudgetOptions> = {}) => {
  const budget = new Budget({
    limitBytes: 12 * G,
    maxOvertakes: 4,
    persistent: [],
    idleUnloadMs: 300_000,
    rewarmQuietMs: 0,
    rewarmWindow: Number.POSITIVE_INFINITY,
    ...options
  })
  const log: Command[] = []
  const run = (commands: Command[]) => {
    log.push(...commands)
    expect(budget.booked()).toBeLessThanOrEqual(budget.limit)
    return commands
  }
  const tags = (commands: Command[]) => commands.map((c) => (c._tag === "Grant" || c._tag === "Reject" ? `${c._tag}#${c.ticket}` : `${c._tag}:${c.model}`))
  return { budget, log, run, tags }
}

describe("Budget: booking", () => {
  it("loads what fits, grants once loaded, and shares a loaded model between leases", () => {
    const { budget, run, tags } = harness()
    expect(tags(run(budget.request(1, "a", 4096, 5 * G, 0)))).toEqual(["Load:a"])
    expect(budget.booked()).toBe(5 * G) // a loading model counts
    expect(tags(run(budget.request(2, "a", 4096, 5 * G, 1)))).toEqual([]) // waits for the same load
    expect(tags(run(budget.loaded("a", undefined, 2)))).toEqual(["Grant#1", "Grant#2"])
    expect(tags(run(budget.request(3, "a", 2048, 5 * G, 3)))).toEqual(["Grant#3"]) // a smaller context rides along
    expect(budget.slot("a")!.refs).toBe(3)
    run(budget.release(1, 4))
    run(budget.release(2, 4))
    run(budget.release(3, 4))
    expect(budget.leases()).toBe(0)
    expect(budget.slot("a")!.state).toBe("ready") // stays loaded while idle
  })

  it("refuses at once a model bigger than the whole budget", () => {
    const { budget, run } = harness()
    const [reject] = run(budget.request(1, "huge", 4096, 13 * G, 0))
    expect(reject).toMatchObject({ _tag: "Reject", reason: "too-big", needBytes: 13 * G })
    expect(budget.queue()).toHaveLength(0)
  })

  it("evicts an idle model to make room, and loads only after the unload completed", () => {
    const { budget, run, tags } = harness()
    run(budget.request(1, "a", 4096, 7 * G, 0))
    run(budget.loaded("a", undefined, 1))
    run(budget.release(1, 2))
    expect(tags(run(budget.request(2, "b", 4096, 7 * G, 3)))).toEqual(["Unload:a"])
    expect(budget.booked()).toBe(7 * G) // a is still booked while it unloads
    expect(tags(run(budget.unloaded("a", 4)))).toEqual(["Load:b"])
    expect(tags(run(budget.loaded("b", undefined, 5)))).toEqual(["Grant#2"])
    expect(budget.stats.evictions).toBe(1)
  })

  it("never evicts a model in use: the request waits, and gets it when the lease ends (no deadlock)", () => {
    const { budget, run, tags } = harness()
    run(budget.request(1, "a", 4096, 7 * G, 0))
    run(budget.loaded("a", undefined, 1))
    expect(tags(run(budget.request(2, "b", 4096, 7 * G, 2)))).toEqual([])
    expect(budget.queue()).toHaveLength(1)
    expect(tags(run(budget.release(1, 3)))).toEqual(["Unload:a"])
    run(budget.unloaded("a", 4))
    expect(tags(run(budget.loaded("b", undefined, 5)))).toEqual(["Grant#2"])
  })

  it("attach: an extra reference on a loaded, leased model, outside the queue; refused otherwise", () => {
    const { budget, run } = harness({ maxOvertakes: 0 })
    run(budget.request(1, "a", 4096, 7 * G, 0))
    expect(budget.attach(9, "a", 4096)).toBe(false) // still loading
    run(budget.loaded("a", undefined, 1))
    run(budget.request(2, "b", 4096, 7 * G, 2)) // strict FIFO: b waits for a to drain
    expect(budget.attach(3, "a", 4096)).toBe(true) // no queueing behind b
    expect(budget.attach(4, "a", 8192)).toBe(false) // a larger context needs a reload
    expect(budget.slot("a")!.refs).toBe(2)
    run(budget.release(3, 3))
    expect(run(budget.release(1, 4)).map((c) => c._tag)).toEqual(["Unload"])
    expect(budget.attach(5, "a", 4096)).toBe(false) // unloading, and nobody leases it
  })

  it("a cancelled waiter leaves the queue; a granted one must be released instead", () => {
    const { budget, run } = harness()
    run(budget.request(1, "a", 4096, 7 * G, 0))
    run(budget.loaded("a", undefined, 1))
    run(budget.request(2, "b", 4096, 7 * G, 2))
    expect(budget.cancel(2, 3).wasWaiting).toBe(true)
    expect(budget.queue()).toHaveLength(0)
    expect(budget.cancel(1, 3).wasWaiting).toBe(false)
    run(budget.release(1, 4))
    expect(budget.leases()).toBe(0)
  })

  it("a failed load rejects the requests waiting for it and frees the booking", () => {
    const { budget, run } = harness()
    run(budget.request(1, "a", 4096, 7 * G, 0))
    run(budget.request(2, "a", 4096, 7 * G, 0))
    const commands = run(budget.loadFailed("a", "boom", 1))
    expect(commands.map((c) => c._tag)).toEqual(["Reject", "Reject"])
    expect(commands[0]).toMatchObject({ reason: "load-failed", detail: "boom" })
    expect(budget.booked()).toBe(0)
  })
})

describe("Budget: the queue", () => {
  /** a (7 GiB) is loaded and leased by ticket 1; ticket 2 needs b (7 GiB), which cannot fit beside a. */
  const blocked = (maxOvertakes: number) => {
    const h = harness({ maxOvertakes })
    h.run(h.budget.request(1, "a", 4096, 7 * G, 0))
    h.run(h.budget.loaded("a", undefined, 1))
    h.run(h.budget.request(2, "b", 4096, 7 * G, 2))
    return h
  }

  it("requests for a loaded model overtake a waiting load at most max_overtakes times, then queue behind it", () => {
    const { budget, run, tags } = blocked(2)
    expect(tags(run(budget.request(3, "a", 4096, 7 * G, 3)))).toEqual(["Grant#3"])
    expect(tags(run(budget.request(4, "a", 4096, 7 * G, 4)))).toEqual(["Grant#4"])
    expect(budget.queue()[0]).toMatchObject({ ticket: 2, overtaken: 2 })
    expect(tags(run(budget.request(5, "a", 4096, 7 * G, 5)))).toEqual([]) // the bound: FIFO again
    run(budget.release(1, 6))
    run(budget.release(3, 6))
    expect(tags(run(budget.release(4, 6)))).toEqual(["Unload:a"]) // now a is idle: b goes first
    run(budget.unloaded("a", 7))
    expect(tags(run(budget.loaded("b", undefined, 8)))).toEqual(["Grant#2"])
    expect(budget.queue().map((w) => w.ticket)).toEqual([5]) // and ticket 5 waits for a to come back
    expect(tags(run(budget.release(2, 9)))).toEqual(["Unload:b"])
    run(budget.unloaded("b", 10))
    expect(tags(run(budget.loaded("a", undefined, 11)))).toEqual(["Grant#5"])
  })

  it("max_overtakes 0 is strict FIFO", () => {
    const { budget, run, tags } = blocked(0)
    expect(tags(run(budget.request(3, "a", 4096, 7 * G, 3)))).toEqual([])
    expect(budget.queue().map((w) => w.ticket)).toEqual([2, 3])
  })

  it("loads are served in arrival order: a later, smaller load does not take the room the head waits for", () => {
    const { budget, run, tags } = harness()
    run(budget.request(1, "a", 4096, 7 * G, 0))
    run(budget.loaded("a", undefined, 1))
    run(budget.request(2, "b", 4096, 6 * G, 2)) // needs a gone
    expect(tags(run(budget.request(3, "c", 4096, 4 * G, 3)))).toEqual([]) // would fit now, but b is first
    run(budget.release(1, 4))
    run(budget.unloaded("a", 5))
    expect(budget.slot("b")?.state).toBe("loading")
    expect(budget.slot("c")?.state).toBe("loading") // 6 + 4 ≤ 12: both load
  })

  it("a larger context than the loaded one reloads the model once its leases end; smaller ones ride along", () => {
    const { budget, run, tags } = harness({ maxOvertakes: 0 })
    run(budget.request(1, "a", 4096, 5 * G, 0))
    run(budget.loaded("a", undefined, 1))
    expect(tags(run(budget.request(2, "a", 8192, 6 * G, 2)))).toEqual([])
    expect(tags(run(budget.release(1, 3)))).toEqual(["Unload:a"])
    expect(tags(run(budget.unloaded("a", 4)))).toEqual(["Load:a"])
    expect(tags(run(budget.loaded("a", undefined, 5)))).toEqual(["Grant#2"])
    expect(budget.slot("a")).toMatchObject({ numCtx: 8192, cost: 6 * G })
    expect(budget.stats.reloads).toBe(1)
  })
})

describe("Budget: residency", () => {
  it("unloads an idle on-demand model after idle_unload_s, never a persistent one", () => {
    const { budget, run, tags } = harness({ persistent: ["p"], idleUnloadMs: 1000 })
    run(budget.request(1, "p", 4096, 5 * G, 0))
    run(budget.request(2, "d", 4096, 5 * G, 0))
    run(budget.loaded("p", undefined, 1))
    run(budget.loaded("d", undefined, 1))
    run(budget.release(1, 2))
    run(budget.release(2, 2))
    expect(tags(run(budget.tick(500)))).toEqual([])
    expect(tags(run(budget.tick(1002)))).toEqual(["Unload:d"])
    expect(budget.stats.idleUnloads).toBe(1)
    expect(budget.slot("p")?.state).toBe("ready")
  })

  it("pre-warms persistent models while room allows and re-warms an evicted one when the room frees", () => {
    const { budget, run, tags } = harness({ persistent: ["p", "q"], idleUnloadMs: 1000 })
    expect(tags(run(budget.prewarm("p", 4096, 7 * G, 0).commands))).toEqual(["Load:p"])
    const second = budget.prewarm("q", 4096, 6 * G, 0)
    expect(second.fits).toBe(false) // 7 + 6 > 12
    run(budget.loaded("p", undefined, 1))
    // An on-demand request evicts p (idle) …
    expect(tags(run(budget.request(1, "d", 4096, 6 * G, 2)))).toEqual(["Unload:p"])
    expect(tags(run(budget.unloaded("p", 3)))).toEqual(["Load:d"])
    // Nobody waits once d is granted, and q (6) fits beside d (6): q is re-warmed.
    expect(tags(run(budget.loaded("d", undefined, 4)))).toEqual(["Grant#1", "Load:q"])
    run(budget.loaded("q", undefined, 5))
    run(budget.release(1, 6))
    // … and once d is unloaded for idleness, p comes back.
    expect(tags(run(budget.tick(1006)))).toEqual(["Unload:d"])
    expect(tags(run(budget.unloaded("d", 1007)))).toEqual([])
    // p (7) does not fit beside q (6): it stays out until room frees.
    expect(budget.slot("p")).toBeUndefined()
    expect(budget.stats.warmLoads).toBe(2)
  })

  it("waits for a quiet GPU and recent demand before re-warming", () => {
    const { budget, run, tags } = harness({ persistent: ["p"], rewarmQuietMs: 1000, rewarmWindow: 2 })
    run(budget.prewarm("p", 4096, 7 * G, 0).commands)
    run(budget.loaded("p", undefined, 0))
    run(budget.request(1, "d", 4096, 6 * G, 10))
    run(budget.unloaded("p", 11))
    run(budget.loaded("d", undefined, 12))
    run(budget.release(1, 13))
    run(budget.request(2, "d", 4096, 6 * G, 14)) // the GPU is busy with d: no re-warm (p needs d gone)
    run(budget.release(2, 15))
    run(budget.request(3, "d", 4096, 6 * G, 16))
    run(budget.release(3, 17))
    run(budget.tick(5000)) // quiet, but p was not asked for within the last 2 requests
    expect(budget.slot("p")).toBeUndefined()
    expect(tags(run(budget.request(4, "p", 4096, 7 * G, 6000)))).toEqual(["Unload:d"])
  })
})

describe("Budget: reality", () => {
  it("replaces the estimate with the measurement, and evicts at once if the measurement overshoots", () => {
    const { budget, run, tags } = harness()
    run(budget.request(1, "a", 4096, 5 * G, 0))
    run(budget.loaded("a", undefined, 1))
    run(budget.release(1, 2))
    run(budget.request(2, "b", 4096, 6 * G, 3))
    const commands = budget.loaded("b", 7.5 * G, 4) // 5 + 7.5 > 12
    expect(tags(commands)).toEqual(["Unload:a", "Grant#2"])
    expect(budget.slot("b")).toMatchObject({ cost: 7.5 * G, measured: true })
    expect(budget.stats.corrections).toBe(1)
  })

  it("books models it did not load, forgets its own that vanished, and warns about CPU offload", () => {
    const { budget, run } = harness()
    run(budget.request(1, "a", 4096, 5 * G, 0))
    run(budget.loaded("a", undefined, 1))
    run(budget.release(1, 2))
    run(budget.request(2, "b", 4096, 5 * G, 3))
    run(budget.loaded("b", undefined, 4))
    const { warnings } = budget.reconcile(
      [
        { name: "b", sizeVram: 4 * G, size: 5 * G },
        { name: "stranger", sizeVram: 2 * G, size: 2 * G }
      ],
      5
    )
    expect(budget.slot("a")).toBeUndefined() // idle and gone from the server
    expect(budget.slot("b")).toMatchObject({ cost: 4 * G, measured: true })
    expect(budget.foreignBytes()).toBe(2 * G)
    expect(budget.booked()).toBe(6 * G)
    expect(warnings.join("\n")).toMatch(/b is partly on the CPU/)
    expect(warnings.join("\n")).toMatch(/stranger/)
    expect(warnings.join("\n")).toMatch(/a was unloaded by the server/)
  })

  it("ignores a stale /api/ps answer for a model that finished loading after it was asked", () => {
    const { budget, run } = harness()
    run(budget.request(1, "a", 4096, 5 * G, 0))
    const since = budget.epoch
    run(budget.loaded("a", undefined, 1))
    run(budget.release(1, 2))
    budget.reconcile([], 3, since)
    expect(budget.slot("a")?.state).toBe("ready")
  })
})

describe("Budget: models loaded by another lfai process", () => {
  it("adopts a model it uses as its own idle slot (measured, persistent or not), books the rest as foreign, and evicts only the adopted one", () => {
    const { budget, run, tags } = harness({ persistent: ["p"], models: ["a"] })
    const { warnings, adopted } = budget.reconcile(
      [
        { name: "a", sizeVram: 4 * G, size: 4 * G, numCtx: 4096 },
        { name: "stranger", sizeVram: 3 * G, size: 3 * G }
      ],
      10
    )
    expect(adopted).toEqual(["a"])
    expect(budget.slot("a")).toMatchObject({ state: "ready", refs: 0, cost: 4 * G, measured: true, persistent: false, numCtx: 4096, idleSince: 10 })
    expect([...budget.foreignModels()]).toEqual([["stranger", 3 * G]])
    expect(budget.booked()).toBe(7 * G)
    expect(warnings).toEqual([expect.stringMatching(/^models loaded outside this budget: stranger \(3\.00 GB\);/)]) // a is not named
    expect(budget.stats.adoptions).toBe(1)
    // b (6 GiB) needs room: free 5; the adopted model goes, the foreign one never does
    expect(tags(run(budget.request(1, "b", 4096, 6 * G, 11)))).toEqual(["Unload:a"])
    expect(tags(run(budget.unloaded("a", 12)))).toEqual(["Load:b"])
    expect(tags(run(budget.loaded("b", undefined, 13)))).toEqual(["Grant#1"])
    expect(budget.foreignBytes()).toBe(3 * G)
    // a persistent model is adopted as persistent, and idle on-demand adoptions unload after idle_unload_s
    budget.reconcile([{ name: "p", sizeVram: 1 * G, size: 1 * G, numCtx: 4096 }, { name: "b", sizeVram: 6 * G, size: 6 * G }], 14)
    expect(budget.slot("p")).toMatchObject({ state: "ready", persistent: true })
    run(budget.release(1, 15))
    budget.reconcile([{ name: "a", sizeVram: 4 * G, size: 4 * G, numCtx: 4096 }, { name: "p", sizeVram: 1 * G, size: 1 * G }, { name: "b", sizeVram: 6 * G, size: 6 * G }], 16)
    expect(budget.slot("a")?.state).toBe("ready") // a model it requested is its own too
    expect(tags(run(budget.tick(16 + 300_000)))).toEqual(["Unload:b", "Unload:a"])
  })

  it("a request rides on an adopted runner whose context is known; an unknown context reloads it", () => {
    const { budget, run, tags } = harness({ models: ["a", "b"] })
    budget.reconcile([{ name: "a", sizeVram: 5 * G, size: 5 * G, numCtx: 8192 }, { name: "b", sizeVram: 5 * G, size: 5 * G }], 0)
    expect(tags(run(budget.request(1, "a", 4096, 5 * G, 1)))).toEqual(["Grant#1"])
    expect(budget.stats.loads).toBe(0)
    expect(budget.slot("b")?.numCtx).toBe(0)
    expect(tags(run(budget.request(2, "b", 4096, 5 * G, 2)))).toEqual(["Unload:b"])
    expect(budget.stats.reloads).toBe(1)
  })

  it("never adopts what it has a slot for, nor a stale sighting of a model whose slot went away after /api/ps was asked", () => {
    const { budget, run, tags } = harness({ models: ["a"] })
    // an in-flight load: the slot books it, the sighting adds nothing
    run(budget.request(1, "a", 4096, 5 * G, 0))
    const { adopted } = budget.reconcile([{ name: "a", sizeVram: 5 * G, size: 5 * G, numCtx: 4096 }], 1)
    expect(adopted).toEqual([])
    expect(budget.booked()).toBe(5 * G)
    expect(budget.slot("a")?.state).toBe("loading")
    run(budget.loaded("a", undefined, 2))
    run(budget.release(1, 3))
    // unloaded after the /api/ps request was sent: its answer still lists a — not revived
    run(budget.request(2, "big", 4096, 10 * G, 4))
    const since = budget.epoch
    expect(tags(run(budget.unloaded("a", 5)))).toEqual(["Load:big"])
    expect(budget.reconcile([{ name: "a", sizeVram: 5 * G, size: 5 * G, numCtx: 4096 }], 6, since).adopted).toEqual([])
    expect(budget.slot("a")).toBeUndefined()
    expect(budget.foreignBytes()).toBe(0) // nor booked as foreign: big loads into the room a left
    // a fresh sighting (asked after the unload) is adopted — and found over the limit, corrected at once
    run(budget.loaded("big", undefined, 7))
    run(budget.release(2, 8))
    const fresh = budget.reconcile([{ name: "a", sizeVram: 5 * G, size: 5 * G, numCtx: 4096 }, { name: "big", sizeVram: 10 * G, size: 10 * G }], 9)
    expect(fresh.adopted).toEqual(["a"])
    expect(tags(fresh.commands)).toEqual(["Unload:a"]) // a transient overshoot, evicted at once
    expect(budget.stats.corrections).toBe(1)
  })

  it("a model the server kept despite the unload stays foreign until it is gone, then may be adopted again", () => {
    const { budget, run } = harness({ models: ["a"] })
    run(budget.request(1, "a", 4096, 5 * G, 0))
    run(budget.loaded("a", undefined, 1))
    run(budget.release(1, 2))
    run(budget.request(2, "b", 4096, 8 * G, 3)) // evicts a
    run(budget.unloaded("a", 4, true)) // the server did not let it go
    budget.reconcile([{ name: "a", sizeVram: 5 * G, size: 5 * G, numCtx: 4096 }], 5)
    expect(budget.slot("a")).toBeUndefined()
    expect(budget.foreignBytes()).toBe(5 * G)
    expect(budget.queue()).toHaveLength(1) // b still waits: 5 + 8 > 12
    run(budget.reconcile([], 6).commands) // gone now
    expect(budget.slot("b")?.state).toBe("loading")
    run(budget.loaded("b", undefined, 7))
    run(budget.release(2, 8))
    expect(budget.reconcile([{ name: "a", sizeVram: 2 * G, size: 2 * G, numCtx: 4096 }, { name: "b", sizeVram: 8 * G, size: 8 * G }], 9).adopted).toEqual(["a"])
  })
})

describe("Budget: idle time, as reported", () => {
  it("counts from the load, is undefined while a lease or an attached generation holds the model, and restarts when the last reference goes", () => {
    const { budget, run } = harness()
    run(budget.request(1, "a", 4096, 5 * G, 0))
    expect(idleMs(budget.slot("a")!, 50)).toBeUndefined() // loading
    run(budget.loaded("a", undefined, 100))
    expect(idleMs(budget.slot("a")!, 100)).toBeUndefined() // granted at once to the waiting request
    run(budget.release(1, 1_000))
    expect(idleMs(budget.slot("a")!, 61_000)).toBe(60_000)
    run(budget.request(2, "a", 4096, 5 * G, 70_000))
    expect(budget.attach(3, "a", 4096)).toBe(true)
    run(budget.release(2, 80_000))
    expect(idleMs(budget.slot("a")!, 90_000)).toBeUndefined() // the attached generation still runs
    run(budget.release(3, 95_000))
    expect(idleMs(budget.slot("a")!, 95_000)).toBe(0)
    expect(idleMs(budget.slot("a")!, 125_000)).toBe(30_000)
    // evicted: unloading is not idle
    run(budget.request(4, "b", 4096, 8 * G, 130_000))
    expect(budget.slot("a")!.state).toBe("unloading")
    expect(idleMs(budget.slot("a")!, 131_000)).toBeUndefined()
  })

  it("an adopted model is idle since the server last served it when that is known, unknown otherwise; its idle unload still counts from the adoption", () => {
    const { budget, run, tags } = harness({ persistent: ["p"], models: ["a", "b"] })
    budget.reconcile(
      [
        { name: "a", sizeVram: 4 * G, size: 4 * G, numCtx: 4096, lastServedAt: 400_000 },
        { name: "b", sizeVram: 2 * G, size: 2 * G, numCtx: 4096, lastServedAt: 600_001 }, // past now: another clock
        { name: "p", sizeVram: 1 * G, size: 1 * G, numCtx: 4096 } // pinned: its expiry says nothing
      ],
      600_000
    )
    expect(idleMs(budget.slot("a")!, 600_000)).toBe(200_000)
    expect(idleMs(budget.slot("b")!, 600_000)).toBeUndefined()
    expect(idleMs(budget.slot("p")!, 600_000)).toBeUndefined()
    // a looks idle 200 s, but this budget unloads it only idle_unload_s (300 s) after adopting it
    expect(tags(run(budget.tick(600_000 + 299_999)))).toEqual([])
    // once used here, its idle time is this budget's own
    run(budget.request(1, "b", 4096, 2 * G, 700_000))
    run(budget.release(1, 710_000))
    expect(idleMs(budget.slot("b")!, 740_000)).toBe(30_000)
    expect(tags(run(budget.tick(900_000)))).toEqual(["Unload:a"])
  })
})

describe("Budget: policies", () => {
  it("LRU-2 keeps the working set when a straggler comes by; LRU evicts a working-set model", () => {
    const run = (policy: ReturnType<typeof lru2Policy>) => {
      const budget = new Budget({ limitBytes: 12 * G, maxOvertakes: 4, persistent: [], idleUnloadMs: Infinity, policy, rewarm: false })
      let ticket = 0
      const use = (model: string, at: number) => {
        const t = ++ticket
        const commands = budget.request(t, model, 4096, 5.5 * G, at)
        for (const c of commands) if (c._tag === "Unload") budget.unloaded(c.model, at)
        if (budget.slot(model)?.state === "loading") budget.loaded(model, undefined, at)
        budget.release(t, at)
      }
      ;["a", "b", "a", "b", "a", "b", "c", "a", "b"].forEach((m, i) => use(m, i))
      return budget.stats.loads
    }
    expect(run(lru2Policy())).toBe(4) // a, b; c evicts a; a comes back and evicts c (asked for once), b stays
    expect(run(lruPolicy)).toBe(5) // a, b; c evicts a; a evicts b (used before c); b evicts c
  })

  it("on shifting traces the default policy beats LRU and stays close to Belady's optimum (never above the limit)", () => {
    const models = ["m", "c", "l", "q"]
    const sizes: Record<string, number> = { m: 5.4 * G, c: 6.6 * G, l: 5.7 * G, q: 5.2 * G }
    const options = { limitBytes: 12 * G, maxOvertakes: 4, persistent: [], idleUnloadMs: Infinity, rewarm: false, queueTimeoutMs: 60_000, cost: (m: string) => sizes[m] }
    let peak = 0
    const totals = { ours: 0, lru: 0, best: 0 }
    for (const seed of [2, 7, 9]) {
      const trace = makeTrace({ seed, requests: 600, models })
      const ours = simulate(trace, { ...options, policy: lru2Policy(), onStep: (b) => void (peak = Math.max(peak, b.booked())) })
      const lru = simulate(trace, { ...options, policy: lruPolicy })
      const best = simulate(trace, { ...options, policy: beladyPolicy })
      expect(best.loads).toBeLessThanOrEqual(Math.min(ours.loads, lru.loads))
      totals.ours += ours.loads
      totals.lru += lru.loads
      totals.best += best.loads
    }
    expect(peak).toBeLessThanOrEqual(12 * G)
    expect(totals.ours).toBeLessThan(totals.lru)
    expect(totals.ours / totals.best).toBeLessThan(1.2)
  })
})

describe("Budget: random concurrent workloads (simulated)", () => {
  it("never books past the limit, serves or times out every request, and ends with no lease", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rand = prng(seed)
      const models = ["a", "b", "c", "d", "e"]
      const sizes: Record<string, number> = { a: 3 * G, b: 4.5 * G, c: 6 * G, d: 7.5 * G, e: 13 * G }
      const trace: TraceRequest[] = []
      let at = 0
      for (let i = 0; i < 150; i++) {
        at += Math.floor(rand() * 3000)
        trace.push({ at, model: models[Math.floor(rand() * models.length)], durationMs: 100 + Math.floor(rand() * 8000), numCtx: rand() < 0.2 ? 8192 : 4096 })
      }
      let violations = 0
      const result = simulate(trace, {
        limitBytes: 12 * G,
        maxOvertakes: Math.floor(rand() * 5),
        persistent: ["b", "c"],
        idleUnloadMs: 5000,
        rewarmQuietMs: 2000,
        queueTimeoutMs: 20_000,
        policy: lru2Policy(),
        prewarm: [{ model: "b", numCtx: 4096 }, { model: "c", numCtx: 4096 }],
        cost: (m, ctx) => sizes[m] * (ctx > 4096 ? 1.2 : 1),
        onStep: (budget) => {
          if (budget.booked() > budget.limit) violations++
        }
      })
      expect(violations).toBe(0)
      expect(result.served + result.timeouts + result.rejected).toBe(trace.length)
      expect(result.rejected).toBe(trace.filter((r) => r.model === "e").length)
      expect(result.peakBytes).toBeLessThanOrEqual(12 * G)
    }
  })
})

describe("the README's worked example (12 GiB, num_ctx 4096, persistent codellama + llama3)", () => {
  it("plays out as documented", async () => {
    const { estimateModelMemory } = await import("@lfai/testkit")
    const [M, C, L, Q] = ["mistral:7b-instruct-q4_K_M", "codellama:7b-instruct-q4_K_M", "llama3:8b-instruct-q4_K_M", "qwen2.5-coder:7b-instruct-q4_K_M"]
    const size = (m: string) => estimateModelMemory(m, { numCtx: 4096 }).sizeVram
    expect([M, C, L, Q].map((m) => Number((size(m) / G).toFixed(2)))).toEqual([5.38, 6.65, 5.68, 5.18])
    const budget = new Budget({ limitBytes: 12 * G, maxOvertakes: 4, persistent: [C, L], idleUnloadMs: 300_000 })
    const tags = (commands: Command[]) => commands.map((c) => (c._tag === "Grant" || c._tag === "Reject" ? `${c._tag}#${c.ticket}` : `${c._tag}:${c.model.split(":")[0]}`))
    const resident = () => budget.allSlots().map((s) => s.model.split(":")[0]).sort()
    let t = 0
    const ask = (ticket: number, model: string) => tags(budget.request(ticket, model, 4096, size(model), (t += 1000)))

    // 1. warm(): codellama loads; llama3 does not fit beside it.
    expect(tags(budget.prewarm(C, 4096, size(C), t).commands)).toEqual(["Load:codellama"])
    expect(budget.prewarm(L, 4096, size(L), t).fits).toBe(false)
    budget.loaded(C, undefined, t)
    // 2. a request for llama3: codellama (idle) is evicted, llama3 loads.
    expect(ask(1, L)).toEqual(["Unload:codellama"])
    expect(tags(budget.unloaded(C, t))).toEqual(["Load:llama3"])
    expect(tags(budget.loaded(L, undefined, t))).toEqual(["Grant#1"])
    budget.release(1, t)
    // 3. ERD: mistral fits beside llama3.
    expect(ask(2, M)).toEqual(["Load:mistral"])
    budget.loaded(M, undefined, t)
    budget.release(2, t)
    expect(resident()).toEqual(["llama3", "mistral"])
    // 4. a request for codellama: both idle models must go; then qwen fits beside codellama.
    expect(ask(3, C)).toEqual(["Unload:mistral", "Unload:llama3"])
    budget.unloaded(M, t)
    expect(tags(budget.unloaded(L, t))).toEqual(["Load:codellama"])
    expect(tags(budget.loaded(C, undefined, t))).toEqual(["Grant#3"]) // ticket 3 keeps generating
    expect(ask(4, Q)).toEqual(["Load:qwen2.5-coder"])
    budget.loaded(Q, undefined, t)
    budget.release(4, t)
    // 5. llama3 while codellama generates: qwen alone is not enough, so nothing is evicted yet;
    //    codellama requests overtake it four times, the fifth queues behind it.
    expect(ask(5, L)).toEqual([])
    expect([6, 7, 8, 9, 10].map((n) => ask(n, C))).toEqual([["Grant#6"], ["Grant#7"], ["Grant#8"], ["Grant#9"], []])
    for (const n of [3, 6, 7, 8]) expect(budget.release(n, t)).toEqual([])
    expect(tags(budget.release(9, t))).toEqual(["Unload:codellama"]) // qwen stays: 5.18 + 5.68 fits
    expect(tags(budget.unloaded(C, t))).toEqual(["Load:llama3"])
    expect(tags(budget.loaded(L, undefined, t))).toEqual(["Grant#5"])
    // ticket 10 needs codellama: evicting llama3 is enough (6.65 + 5.18 = 11.83), qwen stays
    expect(tags(budget.release(5, t))).toEqual(["Unload:llama3"])
    expect(tags(budget.unloaded(L, t))).toEqual(["Load:codellama"])
    expect(tags(budget.loaded(C, undefined, t))).toEqual(["Grant#10"])
    budget.release(10, t)
    expect(resident()).toEqual(["codellama", "qwen2.5-coder"])
    // 6. ERD again: mistral does not fit beside codellama; the smallest sufficient eviction is
    //    codellama alone (qwen stays). Five quiet minutes unload both on-demand models; codellama,
    //    asked for recently, is then re-warmed into the free room (llama3 does not fit beside it).
    expect(ask(11, M)).toEqual(["Unload:codellama"])
    budget.unloaded(C, t)
    budget.loaded(M, undefined, t)
    budget.release(11, t)
    expect(resident()).toEqual(["mistral", "qwen2.5-coder"])
    expect(tags(budget.tick(t + 300_000)).sort()).toEqual(["Unload:mistral", "Unload:qwen2.5-coder"])
    // as soon as mistral is gone there is room (12 − 5.18 booked for qwen, still unloading)
    expect(tags(budget.unloaded(M, t + 300_001))).toEqual(["Load:codellama"])
    expect(tags(budget.unloaded(Q, t + 300_001))).toEqual([]) // llama3 does not fit beside it
    budget.loaded(C, undefined, t + 300_002)
    expect(resident()).toEqual(["codellama"])
    expect(budget.stats.peakBytes).toBeLessThanOrEqual(12 * G)
  })
})
