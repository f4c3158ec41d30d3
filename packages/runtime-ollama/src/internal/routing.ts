/**
 * Requests across hosts: `ensure` (present on a host, or pulled where it will run), `lease` (placed
 * on a host, waiting in that host's queue, moved when the host goes down), `generate` (on the host
 * of the caller's lease; a refused connection fails over to another host). One host is a list of
 * one: the same code runs, and behaves as a single budget always did.
 */
import {
  ModelNotFound,
  OllamaUnreachable,
  OutOfBudget,
  VramQueueTimeout,
  type ChatRequest,
  type Completion,
  type LocalModelError,
  type PullProgress
} from "@lfai/core"
import { Cause, Clock, Deferred, Duration, Effect, Exit, Scope } from "effect"
import { GiB } from "./estimate.ts"
import { normalise, type Host, type Topology } from "./host.ts"
import { budgetView, place, rank, type HostView } from "./placement.ts"

export interface RoutingOptions {
  readonly defaultCtx: number
  readonly queueTimeoutS: number
  readonly autoDownload: boolean
  readonly topology: Topology
}

/** Errors after which another host may well succeed: the server failed, not the request. */
const hostFailure = (error: LocalModelError): boolean =>
  error._tag === "OllamaUnreachable" ||
  error._tag === "LocalTimeout" ||
  (error._tag === "LocalTransient" && /^(HTTP 5|connection lost|the stream ended)/.test(error.detail))

type WaitOutcome =
  | { readonly _tag: "Done"; readonly exit: Exit.Exit<number, LocalModelError> }
  | { readonly _tag: "Changed" }
  | { readonly _tag: "Timeout" }

export const makeRouting = (hosts: ReadonlyArray<Host>, options: RoutingOptions) => {
  const { defaultCtx, topology } = options
  let nextTicket = 1
  /** The hosts of the leases each scope holds: `generate` in that scope runs where its lease is. */
  const leasesByScope = new WeakMap<Scope.Scope, Array<{ readonly model: string; readonly host: Host }>>()

  /** The hosts worth asking: the up ones, or all of them when none is up (one may be back). */
  const live = (): ReadonlyArray<Host> => {
    const up = hosts.filter((host) => host.isUp())
    return up.length > 0 ? up : hosts
  }

  /** The model's facts from a host that has it: known to be present first, up before down. */
  const factsOf = (model: string) =>
    Effect.suspend(() => {
      const order = [...hosts].sort((a, b) => Number(!a.isUp()) - Number(!b.isUp()) || Number(a.knownPresent(model) !== true) - Number(b.knownPresent(model) !== true))
      const tryFrom = (index: number, errors: LocalModelError[]): Effect.Effect<void, LocalModelError> =>
        index >= order.length
          ? Effect.fail(errors.find((e) => e._tag === "ModelNotFound") ?? errors[0])
          : Effect.catch(Effect.asVoid(order[index].factsOf(model)), (error) => tryFrom(index + 1, [...errors, error]))
      return tryFrom(0, [])
    })

  /** What the model costs on each host at `numCtx` (measured there, else the estimate). */
  const costsOf = (model: string, numCtx: number): Effect.Effect<number[], LocalModelError> =>
    Effect.suspend(() => {
      const known = hosts.map((host) => host.costNow(model, numCtx))
      if (known.every((cost) => cost !== undefined)) return Effect.succeed(known as number[])
      return Effect.map(factsOf(model), () => hosts.map((host) => host.costNow(model, numCtx)!))
    })

  const views = (model: string, numCtx: number, costs: ReadonlyArray<number>): HostView[] =>
    hosts.map((host, index) => ({ ...budgetView(host.budget, model, numCtx), up: host.isUp(), present: host.knownPresent(model), cost: costs[index] }))

  const waitFor = (deferred: Deferred.Deferred<number, LocalModelError>, remainingMs: number): Effect.Effect<WaitOutcome> =>
    Effect.raceFirst(
      Effect.map(Effect.exit(Deferred.await(deferred)), (exit): WaitOutcome => ({ _tag: "Done", exit })),
      Effect.as(Deferred.await(topology.changed), { _tag: "Changed" } as WaitOutcome)
    ).pipe(Effect.timeoutOrElse({ duration: Duration.millis(Math.max(0, remainingMs)), orElse: () => Effect.succeed<WaitOutcome>({ _tag: "Timeout" }) }))

  /**
   * A lease on the host placement picks, for the caller's scope; returns the host. Waits in that
   * host's queue; when a host changes (one goes down, one comes back) a waiter whose host is down,
   * or that another host could now load at once, moves there. A load that fails for the server's
   * sake is tried on another host. `exclude`: hosts not to use.
   */
  const leaseOn = (name: string, wantedCtx: number, exclude: ReadonlySet<number> = new Set()): Effect.Effect<Host, LocalModelError, Scope.Scope> =>
    Effect.uninterruptibleMask((restore) =>
      Effect.gen(function* () {
        const model = normalise(name)
        const numCtx = wantedCtx > 0 ? wantedCtx : defaultCtx
        const scope = yield* Effect.scope
        const tried = new Set(exclude)
        let lastError: LocalModelError | undefined
        let started: number | undefined
        const deadline = () => (started ?? 0) + options.queueTimeoutS * 1000
        // What each host held before this process: booked (adopted, foreign) before any placement.
        const unknown = live().filter((host) => !host.isReconciled())
        if (unknown.length > 0) yield* restore(Effect.forEach(unknown, (host) => host.beforeFirstLoad, { concurrency: "unbounded", discard: true }))
        for (;;) {
          const costs = yield* restore(costsOf(model, numCtx))
          const placement = place(views(model, numCtx, costs), tried)
          if (placement._tag === "TooBig") return yield* new OutOfBudget({ model, needGb: placement.needBytes / GiB, limitGb: placement.limitBytes / GiB })
          if (placement._tag === "NoHost") return yield* lastError ?? new OllamaUnreachable({ url: hosts.map((host) => host.url).join(", "), detail: "no host can take the request" })
          const index = placement.index
          const host = hosts[index]
          const now = yield* Clock.currentTimeMillis
          if (started !== undefined && now >= deadline()) {
            return yield* lastError ?? new VramQueueTimeout({ model, waitedMs: now - started })
          }
          if (host.knownPresent(model) !== true) {
            // never asked, or known to lack it: the model is fetched here, where it will run
            const fetched = yield* restore(Effect.exit(host.ensure(model)))
            if (Exit.isFailure(fetched)) {
              tried.add(index)
              lastError = Cause.squash(fetched.cause) as LocalModelError
              continue
            }
          }
          started ??= now
          const ticket = nextTicket++
          const deferred = yield* host.request(ticket, model, numCtx, costs[index])
          const held = { model, host }
          // one finalizer per ticket: the lease (or the wait) ends, and `generate` no longer finds it
          yield* Scope.addFinalizer(
            scope,
            Effect.suspend(() => {
              const all = leasesByScope.get(scope)
              const at = all?.indexOf(held) ?? -1
              if (at >= 0) all!.splice(at, 1)
              return host.giveUp(ticket)
            })
          )
          let outcome: WaitOutcome = Deferred.isDoneUnsafe(deferred) // granted (or refused) at once: no timer
            ? { _tag: "Done", exit: yield* Effect.exit(Deferred.await(deferred)) }
            : yield* restore(waitFor(deferred, deadline() - now))
          while (outcome._tag === "Changed") {
            if (!Deferred.isDoneUnsafe(deferred) && shouldMove(index, model, numCtx, tried)) break
            outcome = yield* restore(waitFor(deferred, deadline() - (yield* Clock.currentTimeMillis)))
          }
          if (outcome._tag === "Changed") {
            // moved: leave this queue, place again
            yield* host.giveUp(ticket)
            tried.add(index)
            continue
          }
          if (outcome._tag === "Timeout") {
            return yield* new VramQueueTimeout({ model, waitedMs: (yield* Clock.currentTimeMillis) - started })
          }
          if (Exit.isSuccess(outcome.exit)) {
            const all = leasesByScope.get(scope)
            if (all) all.push(held)
            else leasesByScope.set(scope, [held])
            return host
          }
          const error = Cause.squash(outcome.exit.cause) as LocalModelError
          if (!hostFailure(error)) return yield* Effect.fail(error)
          // The server failed (the load did): another host may do better.
          tried.add(index)
          lastError = error
        }
      })
    )

  /** Whether a waiter on host `index` should leave its queue: the host is down, or another up host can load the model at once. */
  const shouldMove = (index: number, model: string, numCtx: number, tried: ReadonlySet<number>): boolean => {
    const costs = hosts.map((host) => host.costNow(model, numCtx))
    if (costs.some((cost) => cost === undefined)) return false
    const all = views(model, numCtx, costs as number[])
    const elsewhere = place(all, new Set([...tried, index]))
    if (elsewhere._tag !== "Host" || !all[elsewhere.index].up) return false
    if (!all[index].up) return true
    const other = all[elsewhere.index]
    return all[index].holds === undefined && other.cost <= other.limitBytes - other.bookedBytes - other.queuedBytes
  }

  const lease = (name: string, leaseOptions: { readonly numCtx: number }) => Effect.asVoid(leaseOn(name, leaseOptions.numCtx))

  /** One chat turn on `host`; a model deleted there since we saw it is fetched again (when allowed) and asked once more. */
  const ask = (host: Host, model: string, request: ChatRequest, wanted: number): Effect.Effect<Completion, LocalModelError> => {
    const slot = host.budget.slot(model)
    const call = host.chat(model, request, slot ? Math.max(slot.numCtx, wanted) : wanted)
    return call.pipe(Effect.catchTag("ModelNotFound", () => Effect.andThen(Effect.sync(() => host.forget(model)), Effect.andThen(host.ensure(model), call))))
  }

  /**
   * Every generation holds a reference on its model for its whole duration, so the model is never
   * unloaded under it: on the host of the caller's lease (the pipeline leases first), or on a host
   * where the model is loaded and leased, the reference is taken at once without queueing — it
   * needs no room, and queueing behind a request that waits for this very model to drain would
   * deadlock the caller. Else the call leases normally. A host that refuses the connection never
   * saw the request: it is asked of another host.
   */
  const generate = (request: ChatRequest): Effect.Effect<Completion, LocalModelError> =>
    Effect.flatMap(Effect.serviceOption(Scope.Scope), (outer) => {
      const model = normalise(request.model)
      const wanted = request.numCtx && request.numCtx > 0 ? request.numCtx : defaultCtx
      const own = outer._tag === "Some" ? leasesByScope.get(outer.value)?.find((held) => held.model === model)?.host : undefined
      return Effect.scoped(
        Effect.gen(function* () {
          const ticket = nextTicket++
          const attached = yield* Effect.acquireRelease(
            Effect.sync(() => {
              const order = [...(own ? [own] : []), ...hosts.filter((host) => host !== own && host.isUp()).sort((a, b) => (a.budget.slot(model)?.refs ?? 0) - (b.budget.slot(model)?.refs ?? 0))]
              return order.find((host) => host.attach(ticket, model, wanted))
            }),
            (host) => (host ? host.release(ticket) : Effect.void)
          )
          const host = attached ?? (yield* leaseOn(model, wanted))
          return yield* ask(host, model, request, wanted).pipe(
            Effect.catchTag("OllamaUnreachable", (error) =>
              hosts.some((other) => other !== host && other.isUp())
                ? Effect.scoped(Effect.flatMap(leaseOn(model, wanted, new Set([hosts.indexOf(host)])), (other) => ask(other, model, request, wanted)))
                : Effect.fail(error)
            )
          )
        })
      )
    })

  /** Where a model absent everywhere is pulled: the host placement would pick for it, cost aside. */
  const pullHost = (model: string, among: ReadonlyArray<Host>): Host => {
    const all = views(model, defaultCtx, hosts.map(() => 0))
    const exclude = new Set(hosts.flatMap((host, index) => (among.includes(host) ? [] : [index])))
    return hosts[rank(all, exclude)[0] ?? hosts.indexOf(among[0])]
  }

  /** Present on some host answering now; else pulled on the host that will run it (when `auto_download`). */
  const ensure = (name: string, onProgress?: (progress: PullProgress) => void): Effect.Effect<void, LocalModelError> =>
    Effect.gen(function* () {
      const model = normalise(name)
      for (const host of hosts) host.budget.use(model)
      const asked = live()
      const answers = yield* Effect.forEach(asked, (host) => Effect.result(host.isPresent(model)), { concurrency: "unbounded" })
      if (answers.some((answer) => answer._tag === "Success" && answer.success)) return
      const answered = asked.filter((_, index) => answers[index]._tag === "Success")
      if (answered.length === 0) {
        const first = answers.find((answer) => answer._tag === "Failure")
        return yield* (first as { readonly failure: LocalModelError }).failure
      }
      if (!options.autoDownload) return yield* new ModelNotFound({ model, url: answered.map((host) => host.url).join(", "), autoDownload: false })
      yield* pullHost(model, answered).pull(model, onProgress)
    })

  /**
   * `lfai models pull`: pulls even when present (an update) — on every host that has the model, so
   * they stay alike; on the host that will run it when none has. Shares pulls under way.
   */
  const pull = (name: string, onProgress?: (progress: PullProgress) => void): Effect.Effect<void, LocalModelError> =>
    Effect.gen(function* () {
      const model = normalise(name)
      const asked = live()
      const answers = yield* Effect.forEach(asked, (host) => Effect.result(host.refreshTags), { concurrency: "unbounded" })
      const holders = asked.filter((host, index) => answers[index]._tag === "Success" && host.knownPresent(model) === true)
      const answered = asked.filter((_, index) => answers[index]._tag === "Success")
      const targets = holders.length > 0 ? holders : [pullHost(model, answered.length > 0 ? answered : asked)]
      yield* Effect.forEach(targets, (host) => host.pull(model, onProgress), { concurrency: "unbounded", discard: true })
    })

  /** What the model costs at `numCtx`: measured on some host, else the estimate. */
  const costOf = (name: string, numCtx: number): Effect.Effect<number, LocalModelError> =>
    Effect.suspend(() => {
      const model = normalise(name)
      const measured = hosts.map((host) => host.measuredAt(model, numCtx)).find((bytes) => bytes !== undefined)
      return measured !== undefined ? Effect.succeed(measured) : Effect.map(costsOf(model, numCtx), (costs) => Math.max(...costs))
    })

  return { live, factsOf, costOf, ensure, lease, leaseOn, generate, pull }
}
