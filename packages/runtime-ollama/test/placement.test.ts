/** Placement across hosts, as pure functions: which host a request goes to, where persistent models are pre-warmed. */
import { describe, expect, it } from "vitest"
import { Budget, lru2Policy } from "../src/internal/budget.ts"
import { budgetView, place, rank, spreadPersistent, type HostView, type WarmHost } from "../src/internal/placement.ts"

const G = 2 ** 30

/** An up, empty 12 GiB host where the model (5 GiB) is present. */
const host = (over: Partial<HostView> = {}): HostView => ({
  up: true,
  limitBytes: 12 * G,
  bookedBytes: 0,
  queuedBytes: 0,
  idleBytes: 0,
  holds: undefined,
  leases: 0,
  present: true,
  cost: 5 * G,
  ...over
})

describe("place", () => {
  it("affinity: a host that holds the model (loaded, or loading for another request) wins over a roomier one", () => {
    expect(place([host(), host({ holds: "ready", bookedBytes: 11 * G, leases: 3 })])).toEqual({ _tag: "Host", index: 1 })
    expect(place([host(), host({ holds: "loading", bookedBytes: 5 * G })])).toEqual({ _tag: "Host", index: 1 })
    // loaded beats loading; among holders the one with fewer requests on it
    expect(rank([host({ holds: "loading" }), host({ holds: "ready", leases: 4 }), host({ holds: "ready", leases: 1 })])).toEqual([2, 1, 0])
  })

  it("else the host with the most free budget, counting the loads queued there", () => {
    expect(place([host({ bookedBytes: 6 * G }), host({ bookedBytes: 2 * G })])).toEqual({ _tag: "Host", index: 1 })
    expect(place([host({ bookedBytes: 2 * G }), host({ bookedBytes: 0, queuedBytes: 5 * G })])).toEqual({ _tag: "Host", index: 0 })
    // a tie goes to the first host in the config
    expect(place([host(), host()])).toEqual({ _tag: "Host", index: 0 })
  })

  it("room free now before room that needs evictions, before room that needs leases to end", () => {
    const evict = host({ bookedBytes: 10 * G, idleBytes: 10 * G })
    const wait = host({ bookedBytes: 9 * G, idleBytes: 0 })
    const free = host({ bookedBytes: 7 * G })
    expect(rank([wait, evict, free])).toEqual([2, 1, 0])
  })

  it("a host known to lack the model (it must pull it) comes after those that have it or were not asked yet", () => {
    expect(rank([host({ present: false }), host({ present: undefined, bookedBytes: 4 * G }), host({ present: true, bookedBytes: 6 * G })])).toEqual([1, 2, 0])
    // even when the others must wait for room
    expect(place([host({ present: false }), host({ bookedBytes: 11 * G })])).toEqual({ _tag: "Host", index: 1 })
  })

  it("down hosts come last, even holding the model; they are still tried when nothing else fits", () => {
    expect(place([host({ up: false, holds: "ready" }), host({ bookedBytes: 11 * G })])).toEqual({ _tag: "Host", index: 1 })
    expect(place([host({ up: false }), host({ limitBytes: 4 * G })])).toEqual({ _tag: "Host", index: 0 })
  })

  it("a model larger than every host's budget is refused; one that fits only the larger host goes there", () => {
    expect(place([host({ cost: 13 * G }), host({ cost: 13 * G, limitBytes: 8 * G })])).toEqual({ _tag: "TooBig", needBytes: 13 * G, limitBytes: 12 * G })
    expect(place([host({ cost: 10 * G, limitBytes: 8 * G }), host({ cost: 10 * G, limitBytes: 16 * G, bookedBytes: 12 * G })])).toEqual({ _tag: "Host", index: 1 })
  })

  it("hosts tried already are excluded; none left is NoHost", () => {
    expect(place([host(), host()], new Set([0]))).toEqual({ _tag: "Host", index: 1 })
    expect(place([host(), host()], new Set([0, 1]))).toEqual({ _tag: "NoHost" })
  })
})

describe("budgetView", () => {
  it("reads booked, idle and queued bytes and what is held at which context off a real budget", () => {
    const budget = new Budget({ limitBytes: 12 * G, maxOvertakes: 4, persistent: [], idleUnloadMs: Infinity, policy: lru2Policy() })
    budget.request(1, "a", 4096, 5 * G, 0)
    budget.loaded("a", undefined, 1)
    budget.request(2, "b", 4096, 6 * G, 2)
    budget.loaded("b", undefined, 3)
    budget.release(1, 4) // a is idle now; b is leased
    budget.request(3, "c", 4096, 7 * G, 5) // must wait: evicting a is not enough while b is held
    expect(budgetView(budget, "a", 4096)).toEqual({ limitBytes: 12 * G, bookedBytes: 11 * G, queuedBytes: 7 * G, idleBytes: 5 * G, holds: "ready", leases: 0 })
    const b = budgetView(budget, "b", 4096)
    expect(b).toMatchObject({ holds: "ready", leases: 1, queuedBytes: 7 * G })
    // a larger context is not held: it needs a reload
    expect(budgetView(budget, "b", 8192).holds).toBeUndefined()
  })
})

describe("spreadPersistent", () => {
  const warm = (over: Partial<WarmHost> = {}): WarmHost => ({ up: true, limitBytes: 12 * G, bookedBytes: 0, holds: new Set(), pinned: undefined, ...over })

  it("spreads persistent models one host each, roomiest first, never duplicated", () => {
    const plan = spreadPersistent(
      [
        { model: "codellama", cost: 6.65 * G },
        { model: "llama3", cost: 5.68 * G },
        { model: "qwen", cost: 5.18 * G }
      ],
      [warm(), warm()]
    )
    expect(plan).toEqual([
      { model: "codellama", hosts: [0] },
      { model: "llama3", hosts: [1] },
      { model: "qwen", hosts: [1] } // 6.32 GiB free there, 5.35 beside codellama
    ])
  })

  it("a model loaded somewhere already stays there; one that fits nowhere gets no host; down hosts get nothing", () => {
    const plan = spreadPersistent(
      [
        { model: "a", cost: 6 * G },
        { model: "b", cost: 11 * G }
      ],
      [warm({ up: false }), warm({ holds: new Set(["a"]), bookedBytes: 6 * G })]
    )
    expect(plan).toEqual([
      { model: "a", hosts: [1] },
      // remembered by the up host, to be re-warmed there once room frees
      { model: "b", hosts: [], later: 1 }
    ])
  })

  it("the config pins a model to hosts: it goes to each of them; pinned hosts take no part in the spread", () => {
    const plan = spreadPersistent(
      [
        { model: "a", cost: 6 * G },
        { model: "b", cost: 5 * G }
      ],
      [warm({ pinned: ["a"] }), warm({ pinned: ["a"] }), warm()]
    )
    expect(plan).toEqual([
      { model: "a", hosts: [0, 1] },
      { model: "b", hosts: [2] }
    ])
  })
})
