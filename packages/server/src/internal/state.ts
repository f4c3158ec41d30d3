/**
 * What the guard and the handlers share for the life of one server: limits, the token, the
 * per-client counters, the in-flight count and the shutdown signal.
 */
import { createHash, timingSafeEqual } from "node:crypto"
import { Deferred, Duration, Effect, Redacted } from "effect"
import type { HostHealth, LfaiConfigShape, ModelControl, VramReport } from "@lfai/core"

/** How long `/v1/vram`, `/metrics` and `/healthz` wait for the budget or Ollama before answering without them. */
export const PROBE_TIMEOUT = Duration.seconds(5)

export interface ServerState {
  readonly token: Redacted.Redacted<string> | undefined
  readonly maxBodyBytes: number
  readonly maxPerClient: number
  /** Requests in flight per client (remote address). */
  readonly perClient: Map<string, number>
  inFlight: number
  draining: boolean
  /** Completed when in-flight requests must give up (shutdown past its grace period). */
  readonly cancel: Deferred.Deferred<void>
  readonly idleWaiters: Set<() => void>
  /** The budget's view, never hanging: past {@link PROBE_TIMEOUT} the last report, marked unreachable. */
  readonly vram: Effect.Effect<VramReport>
  /** Which Ollama hosts answer now; past {@link PROBE_TIMEOUT}, none. */
  readonly health: Effect.Effect<{ readonly ollama: "reachable" | "unreachable"; readonly hosts: ReadonlyArray<HostHealth> }>
}

export const makeState = (options: {
  readonly config: LfaiConfigShape
  readonly token: Redacted.Redacted<string> | undefined
  readonly control: ModelControl["Service"]
}): Effect.Effect<ServerState> =>
  Effect.gen(function* () {
    const cancel = yield* Deferred.make<void>()
    let last: VramReport | undefined
    const hosts = options.config.ollama.hosts
    const fallback = (): VramReport => {
      const base: VramReport = last ?? {
        usedGb: 0,
        totalGb: hosts.reduce((sum, host) => sum + host.vram_limit_gb, 0),
        usagePercent: 0,
        activeModels: [],
        models: [],
        queued: 0,
        ollama: "unreachable",
        hosts: hosts.map((host) => ({ url: host.url, up: false, usedGb: 0, totalGb: host.vram_limit_gb, usagePercent: 0, activeModels: [], models: [], queued: 0 })),
        warnings: []
      }
      return {
        ...base,
        ollama: "unreachable",
        hosts: base.hosts.map((host) => ({ ...host, up: false })),
        warnings: [...base.warnings, `the VRAM budget did not answer within ${Duration.format(PROBE_TIMEOUT)}; showing its last known state`]
      }
    }
    const vram = options.control.vram.pipe(
      Effect.tap((report) => Effect.sync(() => void (last = report))),
      Effect.timeoutOrElse({ duration: PROBE_TIMEOUT, orElse: () => Effect.sync(fallback) })
    )
    const health = options.control.hosts.pipe(
      Effect.timeoutOrElse({ duration: PROBE_TIMEOUT, orElse: () => Effect.succeed(hosts.map((host) => ({ url: host.url, up: false }))) }),
      Effect.map((all) => ({ ollama: all.some((host) => host.up) ? ("reachable" as const) : ("unreachable" as const), hosts: all }))
    )
    return {
      token: options.token,
      maxBodyBytes: Math.floor(options.config.server.max_body_kb * 1024),
      maxPerClient: options.config.server.max_concurrent_per_client,
      perClient: new Map(),
      inFlight: 0,
      draining: false,
      cancel,
      idleWaiters: new Set(),
      vram,
      health
    }
  })

const digest = (value: string) => createHash("sha256").update(value).digest()

/** Constant-time check of an `Authorization` header against the token. */
export const authorized = (state: ServerState, header: string | undefined): boolean => {
  if (state.token === undefined) return true
  const match = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? "")
  if (!match) return false
  return timingSafeEqual(digest(match[1].trim()), digest(Redacted.value(state.token)))
}

/** Resolves once nothing is in flight. */
export const whenIdle = (state: ServerState): Effect.Effect<void> =>
  Effect.callback<void>((resume) => {
    if (state.inFlight === 0) return resume(Effect.void)
    const waiter = () => resume(Effect.void)
    state.idleWaiters.add(waiter)
    return Effect.sync(() => void state.idleWaiters.delete(waiter))
  })

/**
 * Counts a request in flight (and against its client's cap when `capped`) until the returned
 * release runs: the guard holds one for every request, an event stream for as long as it streams.
 */
export const admit = (
  state: ServerState,
  client: string,
  capped: boolean,
  onChange: (inFlight: number) => Effect.Effect<void>
): Effect.Effect<Effect.Effect<void>> =>
  Effect.suspend(() => {
    if (capped) state.perClient.set(client, (state.perClient.get(client) ?? 0) + 1)
    state.inFlight++
    const release = Effect.suspend(() => {
      if (capped) {
        const left = (state.perClient.get(client) ?? 1) - 1
        if (left <= 0) state.perClient.delete(client)
        else state.perClient.set(client, left)
      }
      state.inFlight--
      notifyIfIdle(state)
      return onChange(state.inFlight)
    })
    return Effect.as(onChange(state.inFlight), release)
  })

export const notifyIfIdle = (state: ServerState) => {
  if (state.inFlight !== 0) return
  for (const waiter of [...state.idleWaiters]) {
    state.idleWaiters.delete(waiter)
    waiter()
  }
}
