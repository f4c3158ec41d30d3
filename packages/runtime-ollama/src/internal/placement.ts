/**
 * Which Ollama server a request goes to, as pure functions over what each host's budget knows.
 * The runtime calls them on every lease (and when a host goes down); the bench's simulated
 * cluster calls the same ones on a virtual clock.
 *
 * A request goes to a host that holds its model (loaded, or being loaded for another request);
 * else to a host where the model is present rather than one that must pull it; then to the one
 * with the most free budget that can fit it — room free now before room that needs evictions,
 * before room that needs leases to end. Down hosts are used only when no up host can fit the
 * model (they may be back). A model larger than every host's budget goes nowhere.
 */
import type { Budget } from "./budget.ts"

/** What placement sees of one host, for one request. */
export interface HostView {
  readonly up: boolean
  readonly limitBytes: number
  readonly bookedBytes: number
  /** Bytes that requests waiting for a load on this host ask for. */
  readonly queuedBytes: number
  /** Bytes held by loaded models nobody uses (evictable). */
  readonly idleBytes: number
  /** The model is loaded (`ready`) or being loaded (`loading`) here, at a context at least the request's. */
  readonly holds: "ready" | "loading" | undefined
  /** Requests holding the model here now. */
  readonly leases: number
  /** Whether the server has the model (`undefined`: not asked yet). */
  readonly present: boolean | undefined
  /** What the model costs on this host, bytes. */
  readonly cost: number
}

export type Placement =
  | { readonly _tag: "Host"; readonly index: number }
  /** Larger than every host's whole budget: refused at once. */
  | { readonly _tag: "TooBig"; readonly needBytes: number; readonly limitBytes: number }
  /** Every host that could fit it was excluded (tried already for this request). */
  | { readonly _tag: "NoHost" }

/** What a host's budget says about `model` at `numCtx` (the runtime adds up, present and cost). */
export const budgetView = (budget: Budget, model: string, numCtx: number): Pick<HostView, "limitBytes" | "bookedBytes" | "queuedBytes" | "idleBytes" | "holds" | "leases"> => {
  let idleBytes = 0
  for (const slot of budget.allSlots()) if (slot.state === "ready" && slot.refs === 0) idleBytes += slot.cost
  let queuedBytes = 0
  for (const waiter of budget.queue()) if (budget.slot(waiter.model) === undefined) queuedBytes += waiter.cost
  const slot = budget.slot(model)
  const holds = slot !== undefined && slot.state !== "unloading" && slot.numCtx >= numCtx ? slot.state : undefined
  return { limitBytes: budget.limit, bookedBytes: budget.booked(), queuedBytes, idleBytes, holds, leases: slot?.refs ?? 0 }
}

/** Free room once the waiting loads are served, bytes (negative when over-asked). */
const room = (host: HostView): number => host.limitBytes - host.bookedBytes - host.queuedBytes

/** 0: fits in free room now; 1: fits once idle models are evicted; 2: must wait for leases to end. */
const tier = (host: HostView): number => (host.cost <= room(host) ? 0 : host.cost <= room(host) + host.idleBytes ? 1 : 2)

/** A host known not to have the model must pull it first (minutes); one never asked most likely has it. */
const presence = (host: HostView): number => (host.present === false ? 1 : 0)

/** Hosts in the order a request should try them: holders, then present, then roomiest. */
export const rank = (hosts: ReadonlyArray<HostView>, exclude: ReadonlySet<number> = new Set()): number[] => {
  const eligible = hosts.map((host, index) => ({ host, index })).filter(({ host, index }) => !exclude.has(index) && host.cost <= host.limitBytes)
  const key = (host: HostView): number[] => [
    host.up ? 0 : 1,
    host.holds === "ready" ? 0 : host.holds === "loading" ? 1 : 2,
    host.holds !== undefined ? host.leases : 0,
    presence(host),
    tier(host),
    -room(host)
  ]
  const compare = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i]
    return 0
  }
  return eligible.sort((a, b) => compare(key(a.host), key(b.host)) || a.index - b.index).map(({ index }) => index)
}

/** Where one request goes now. */
export const place = (hosts: ReadonlyArray<HostView>, exclude: ReadonlySet<number> = new Set()): Placement => {
  if (hosts.length > 0 && hosts.every((host) => host.cost > host.limitBytes)) {
    const widest = hosts.reduce((a, b) => (b.limitBytes > a.limitBytes ? b : a))
    return { _tag: "TooBig", needBytes: widest.cost, limitBytes: widest.limitBytes }
  }
  const [first] = rank(hosts, exclude)
  return first === undefined ? { _tag: "NoHost" } : { _tag: "Host", index: first }
}

/** What the pre-warm spread sees of one host. */
export interface WarmHost {
  readonly up: boolean
  readonly limitBytes: number
  readonly bookedBytes: number
  /** Models loaded (or loading) here already. */
  readonly holds: ReadonlySet<string>
  /** The persistent models this host pre-warms when the config says (`undefined`: it takes part in the spread). */
  readonly pinned: ReadonlyArray<string> | undefined
}

export interface WarmPlan {
  readonly model: string
  /** The hosts it is pre-warmed on (already there counts); empty when it fits nowhere now. */
  readonly hosts: ReadonlyArray<number>
  /** When it fits nowhere now: the host that remembers it, to re-warm it once room frees there. */
  readonly later?: number
}

/**
 * Where the persistent models are pre-warmed: a model the config pins to hosts goes to each of
 * them; any other one goes to one host — where it is loaded already, else the up host with the
 * most free room that fits it, in order — so the persistent models spread rather than duplicate.
 * Pre-warming never evicts: a model that fits nowhere now gets no host (it loads on demand).
 */
export const spreadPersistent = (
  models: ReadonlyArray<{ readonly model: string; readonly cost: number }>,
  hosts: ReadonlyArray<WarmHost>
): WarmPlan[] => {
  const booked = hosts.map((host) => host.bookedBytes)
  const fits = (index: number, cost: number) => hosts[index].up && cost <= hosts[index].limitBytes - booked[index]
  return models.map(({ model, cost }) => {
    const pinnedTo = hosts.flatMap((host, index) => (host.pinned?.includes(model) ? [index] : []))
    if (pinnedTo.length > 0) {
      const chosen = pinnedTo.filter((index) => hosts[index].up && (hosts[index].holds.has(model) || fits(index, cost)))
      for (const index of chosen) if (!hosts[index].holds.has(model)) booked[index] += cost
      return { model, hosts: chosen, ...(chosen.length === 0 ? { later: pinnedTo[0] } : {}) }
    }
    const holder = hosts.findIndex((host) => host.holds.has(model))
    if (holder >= 0) return { model, hosts: [holder] }
    let best: number | undefined
    for (let index = 0; index < hosts.length; index++) {
      if (hosts[index].pinned !== undefined || !fits(index, cost)) continue
      const free = hosts[index].limitBytes - booked[index]
      if (best === undefined || free > hosts[best].limitBytes - booked[best]) best = index
    }
    if (best === undefined) {
      let later: number | undefined
      for (let index = 0; index < hosts.length; index++) {
        if (hosts[index].pinned !== undefined || cost > hosts[index].limitBytes) continue
        if (later === undefined || Number(hosts[index].up) - Number(hosts[later].up) > 0 || (hosts[index].up === hosts[later].up && hosts[index].limitBytes - booked[index] > hosts[later].limitBytes - booked[later])) later = index
      }
      return { model, hosts: [], ...(later !== undefined ? { later } : {}) }
    }
    booked[best] += cost
    return { model, hosts: [best] }
  })
}
