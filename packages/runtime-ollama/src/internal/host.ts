/**
 * One Ollama server: its client, its GPU budget and the driver that carries out the budget's
 * commands (loads, unloads, grants), its reconciler (`/api/ps`), what it has (`/api/tags`), its
 * health (up, or down and probed after a back-off), and the chat call. Several hosts share the
 * facts about models (`/api/show` answers the same everywhere) and the pull coordinator; each
 * keeps its own budget, so the per-host limit holds on every host.
 */
import {
  LocalTimeout,
  ModelNotFound,
  OllamaUnreachable,
  OutOfBudget,
  LocalTransient,
  UnexpectedResponse,
  type ChatRequest,
  type Completion,
  type HostVram,
  type LfaiConfigShape,
  type LoadedModel,
  type LocalModelError,
  type PullProgress
} from "@lfai/core"
import { Cause, Clock, Deferred, Duration, Effect, Exit, type Scope } from "effect"
import type { Ollama as OllamaJs } from "ollama"
import { Budget, idleMs, type Command, type RunningModel, type Slot, type VictimPolicy } from "./budget.ts"
import { makeClient } from "./client.ts"
import { estimateVram, factsFromShow, GiB, ShowParseError, type KvCacheType, type ModelFacts } from "./estimate.ts"
import { Health, type FailureKind, type HealthOptions } from "./health.ts"
import type { Pulls, PullTarget } from "./pulls.ts"

/** Extra keep-alive an on-demand model gets on the server, past our own idle unload: a safety net. */
const KEEP_ALIVE_MARGIN_S = 60

export const normalise = (name: string): string => (name.includes(":") ? name : `${name}:latest`)

export const gb = (bytes: number) => Number((bytes / GiB).toFixed(2))

/** Up/down changes of any host: waiting requests re-check where they should wait. */
export class Topology {
  private latch = Deferred.makeUnsafe<void>()
  /** Completes at the next change. */
  get changed(): Deferred.Deferred<void> {
    return this.latch
  }
  bump(): void {
    const latch = this.latch
    this.latch = Deferred.makeUnsafe<void>()
    Deferred.doneUnsafe(latch, Effect.void)
  }
}

/** What every host of one layer shares. */
export interface HostContext {
  readonly config: LfaiConfigShape
  readonly persistent: ReadonlyArray<string>
  /** The models this lfai uses (found loaded, they are adopted rather than foreign). */
  readonly models: ReadonlyArray<string>
  readonly defaultCtx: number
  readonly policy: () => VictimPolicy
  readonly rewarmQuietMs?: number | undefined
  readonly rewarmWindow?: number | undefined
  readonly kvCacheType: KvCacheType
  readonly metadataMs: number
  readonly unloadMs: number
  readonly health: HealthOptions
  /** `/api/show` facts per model: the same on every server. */
  readonly facts: Map<string, ModelFacts>
  /** `/api/tags` download sizes per model (for facts without tensors). */
  readonly sizes: Map<string, number>
  readonly pulls: Pulls
  readonly topology: Topology
  readonly scope: Scope.Scope
  readonly onStep?: ((budget: Budget, host: string) => void) | undefined
}

export interface HostSettings {
  readonly url: string
  readonly limitGb: number
  /** The persistent models this host pre-warms (`undefined`: it takes part in the spread). */
  readonly pinned: ReadonlyArray<string> | undefined
}

/** What `/api/tags` and `/api/ps` say about one model on one host. */
export interface HostModelStatus {
  readonly url: string
  readonly up: boolean
  readonly present: boolean
  readonly loaded: boolean
  readonly sizeVramGb: number
}

export type Host = ReturnType<typeof makeHost> extends Effect.Effect<infer H, any, any> ? H : never

/** Failures that are the server's: nobody answers (hard), or it answers badly (soft). */
const failureKind = (error: LocalModelError): FailureKind | undefined => {
  if (error._tag === "OllamaUnreachable") return "hard"
  if (error._tag === "LocalTransient") return /^(HTTP 5|connection lost|the stream ended)/.test(error.detail) ? "soft" : undefined
  return undefined
}

export const makeHost = (settings: HostSettings, shared: HostContext) =>
  Effect.gen(function* () {
    const { config, defaultCtx } = shared
    const o = config.ollama
    const url = settings.url
    const client = makeClient(url)
    const limitBytes = Math.floor(settings.limitGb * GiB)
    const budget = new Budget({
      limitBytes,
      maxOvertakes: o.max_overtakes,
      persistent: shared.persistent,
      models: shared.models,
      idleUnloadMs: o.idle_unload_s * 1000,
      policy: shared.policy(),
      ...(shared.rewarmQuietMs !== undefined ? { rewarmQuietMs: shared.rewarmQuietMs } : {}),
      ...(shared.rewarmWindow !== undefined ? { rewarmWindow: shared.rewarmWindow } : {})
    })
    const health = new Health(shared.health)
    /** Present models (`/api/tags`), their digests, and what they measured on this GPU. */
    const present = new Set<string>()
    let tagsListed = false
    const digests = new Map<string, string>()
    const measured = new Map<string, number>()
    const waiters = new Map<number, Deferred.Deferred<number, LocalModelError>>()
    const loadSignals = new Map<string, Deferred.Deferred<boolean>>()
    /** Models sent `keep_alive: -1` by this process: handed back to a finite keep-alive when it stops. */
    const pinned = new Set<string>()
    let lastWarnings: ReadonlyArray<string> = []
    /** Whether `/api/ps` has been reconciled once (then the budget knows what was loaded before us). */
    let reconciled = false
    let probing = false

    const fork = <A, E>(effect: Effect.Effect<A, E>) => Effect.asVoid(Effect.forkIn(effect, shared.scope))

    // -- health ------------------------------------------------------------------------------

    const succeeded = Effect.suspend(() => {
      if (!health.success()) return Effect.void
      shared.topology.bump()
      // Back: what does it hold now (a restarted server holds nothing)?
      return Effect.andThen(Effect.logInfo(`Ollama at ${url} answers again`), fork(reconcileNow))
    })

    const failed = (error: LocalModelError, kind: FailureKind | undefined = failureKind(error)) =>
      Effect.suspend(() => {
        if (kind === undefined || !health.failure(kind)) return Effect.void
        shared.topology.bump()
        return Effect.andThen(Effect.logWarning(`Ollama at ${url} is marked down (${error.message}); probing it again after a back-off`), fork(probe))
      })

    /** One call to the server, bounded by the fiber's signal; its outcome counts for the host's health. */
    const call = <A>(model: string, f: (c: OllamaJs) => Promise<A>): Effect.Effect<A, LocalModelError> =>
      client.call(model, f).pipe(Effect.tapError(failed), Effect.tap(() => succeeded))

    /** A metadata call with no answer in time: the server is there but not answering, as good as unreachable. */
    const metadata = <A>(path: string, effect: Effect.Effect<A, LocalModelError>): Effect.Effect<A, LocalModelError> =>
      effect.pipe(
        Effect.timeoutOrElse({
          duration: Duration.millis(shared.metadataMs),
          orElse: () => {
            const error = new OllamaUnreachable({ url, detail: `${path} did not answer within ${shared.metadataMs / 1000} s` })
            return Effect.andThen(failed(error), Effect.fail(error))
          }
        })
      )

    /** Probes a down server after a back-off until it answers (one prober at a time). */
    const probe: Effect.Effect<void> = Effect.suspend(() => {
      if (probing) return Effect.void
      probing = true
      return Effect.gen(function* () {
        while (!health.up) {
          yield* Effect.sleep(Duration.millis(health.backoff()))
          if (health.up) break
          yield* Effect.ignore(metadata("/api/version", call("(version)", (c) => c.version())))
        }
      }).pipe(Effect.ensuring(Effect.sync(() => void (probing = false))))
    })

    // -- budget events -----------------------------------------------------------------------

    const apply = (commands: ReadonlyArray<Command>): Effect.Effect<void> =>
      Effect.forEach(
        commands,
        (command) => {
          switch (command._tag) {
            case "Grant": {
              const deferred = waiters.get(command.ticket)
              if (deferred) Deferred.doneUnsafe(deferred, Effect.succeed(command.numCtx))
              return Effect.void
            }
            case "Reject": {
              const deferred = waiters.get(command.ticket)
              const error: LocalModelError =
                command.reason === "too-big"
                  ? new OutOfBudget({ model: command.model, needGb: command.needBytes / GiB, limitGb: settings.limitGb })
                  : ((command.detail as LocalModelError | undefined) ?? new LocalTransient({ model: command.model, detail: "loading failed" }))
              if (deferred) Deferred.doneUnsafe(deferred, Effect.fail(error))
              return Effect.void
            }
            case "Load": {
              const signal = Deferred.makeUnsafe<boolean>()
              loadSignals.set(command.model, signal)
              return fork(loadModel(command.model, command.numCtx, signal))
            }
            case "Unload":
              return fork(unloadModel(command.model))
          }
        },
        { discard: true }
      )

    const event = (f: (now: number) => ReadonlyArray<Command>): Effect.Effect<void> =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        const commands = f(now)
        shared.onStep?.(budget, url)
        return apply(commands)
      })

    // -- loading and unloading ---------------------------------------------------------------

    /** The keep-alive on-demand models get: the server's safety net past our own idle unload. */
    const onDemandKeepAliveS = Math.ceil(o.idle_unload_s) + KEEP_ALIVE_MARGIN_S
    const keepAlive = (model: string): number | string => {
      if (!budget.isPersistent(model)) return `${onDemandKeepAliveS}s`
      pinned.add(model)
      return -1
    }

    /**
     * When the server last served an on-demand model: Ollama sets `expires_at` to the end of its
     * last request plus that request's keep-alive, which for lfai's on-demand models is known.
     * A pinned model's expiry says nothing (it never expires).
     */
    const lastServedAt = (name: string, expiresAt: unknown): number | undefined => {
      const expires = Date.parse(String(expiresAt))
      return Number.isFinite(expires) && !budget.isPersistent(name) ? expires - onDemandKeepAliveS * 1000 : undefined
    }

    const listRunning = metadata("/api/ps", call("(ps)", (c) => c.ps())).pipe(
      Effect.flatMap((answer) =>
        Array.isArray((answer as { models?: unknown }).models)
          ? Effect.succeed(
              answer.models.map((m): RunningModel => {
                // `context_length` is in the server's answer (Ollama ≥ 0.7), not in the client's type.
                const numCtx = Number((m as { context_length?: unknown }).context_length) || 0
                const name = normalise(m.name || m.model)
                const served = lastServedAt(name, m.expires_at)
                return {
                  name,
                  sizeVram: Number(m.size_vram) || 0,
                  size: Number(m.size) || 0,
                  ...(numCtx > 0 ? { numCtx } : {}),
                  ...(served !== undefined ? { lastServedAt: served } : {})
                }
              })
            )
          : Effect.fail(new UnexpectedResponse({ model: "(ps)", detail: "/api/ps answered without a models list" }))
      )
    )

    const loadTimeout = <A>(model: string, effect: Effect.Effect<A, LocalModelError>): Effect.Effect<A, LocalModelError> =>
      effect.pipe(
        Effect.timeoutOrElse({
          duration: `${o.request_timeout_s} seconds`,
          orElse: () => Effect.fail(new LocalTimeout({ model, afterMs: o.request_timeout_s * 1000 }))
        })
      )

    const loadModel = (model: string, numCtx: number, signal: Deferred.Deferred<boolean>) =>
      Effect.gen(function* () {
        const exit = yield* Effect.exit(
          loadTimeout(model, call(model, (c) => c.generate({ model, prompt: "", stream: false, keep_alive: keepAlive(model), options: { num_ctx: numCtx } })))
        )
        if (Exit.isFailure(exit)) {
          const error = Cause.squash(exit.cause) as LocalModelError
          yield* Effect.logWarning(`loading ${model} on ${url} failed: ${(error as Error).message ?? String(error)}`)
          // A load that never finishes counts against the server like a 5xx.
          if (error._tag === "LocalTimeout") yield* failed(error, "soft")
          // The slot is released at once: the requests waiting for it fail now, not after undici's 5 minutes.
          yield* event((now) => budget.loadFailed(model, error, now))
          Deferred.doneUnsafe(signal, Effect.succeed(false))
          // A load that timed out may still finish on the server: /api/ps says what it holds.
          if (error._tag === "LocalTimeout") yield* reconcileNow
          return
        }
        const running = yield* Effect.option(listRunning)
        const entry = running._tag === "Some" ? running.value.find((m) => m.name === model) : undefined
        const bytes = entry && entry.sizeVram > 0 ? entry.sizeVram : undefined
        if (bytes !== undefined) measured.set(`${model}@${numCtx}`, bytes)
        yield* event((now) => budget.loaded(model, bytes, now))
        Deferred.doneUnsafe(signal, Effect.succeed(true))
      })

    /** Whether `/api/ps` lists the model; when it does not answer, assume it does (the safe side). */
    const stillRunning = (model: string) =>
      Effect.map(Effect.option(listRunning), (running) => running._tag === "None" || running.value.some((m) => m.name === model))

    /**
     * `keep_alive: 0`, then wait until `/api/ps` no longer lists the model (the server frees the
     * memory after answering). A failed request is tried once more. If the model still shows,
     * the booking is released anyway and reconciliation books it as foreign, so it keeps counting.
     */
    const unloadModel = (model: string) =>
      Effect.gen(function* () {
        // Bounded as a whole: an unload that hangs must not hold the room every other model waits for.
        const gone = yield* unloadAndWait(model).pipe(Effect.timeoutOrElse({ duration: Duration.millis(shared.unloadMs), orElse: () => Effect.succeed(false) }))
        yield* event((now) => budget.unloaded(model, now, !gone))
        if (!gone) {
          yield* Effect.logWarning(`${model} is still loaded on ${url} (or Ollama did not say) after it was unloaded; it is booked as a foreign model until /api/ps shows it gone`)
          yield* reconcileNow
        }
      })

    /** `keep_alive: 0`, then polls `/api/ps` until the model is gone; whether it went. */
    const unloadAndWait = (model: string) =>
      Effect.gen(function* () {
        const request = call(model, (c) => c.generate({ model, prompt: "", stream: false, keep_alive: 0 }))
        const exit = yield* Effect.exit(Effect.catch(request, (error) => (error._tag === "OllamaUnreachable" || error._tag === "ModelNotFound" ? Effect.fail(error) : request)))
        if (Exit.isFailure(exit)) {
          const error = Cause.squash(exit.cause) as Error & { readonly _tag?: string }
          if (error._tag !== "OllamaUnreachable" && error._tag !== "ModelNotFound") yield* Effect.logWarning(`unloading ${model} on ${url} failed (${error.message})`)
        }
        let delay = 5
        let still = yield* stillRunning(model)
        for (let i = 0; still && i < 12; i++) {
          yield* Effect.sleep(delay)
          delay = Math.min(delay * 2, 500)
          still = yield* stillRunning(model)
        }
        return !still
      })

    // -- what it has, and what a model costs ---------------------------------------------------

    const refreshTags = metadata("/api/tags", call("(tags)", (c) => c.list())).pipe(
      Effect.flatMap((answer) => {
        if (!Array.isArray((answer as { models?: unknown }).models)) {
          return Effect.fail(new UnexpectedResponse({ model: "(tags)", detail: "/api/tags answered without a models list" }))
        }
        tagsListed = true
        const names: string[] = []
        for (const m of answer.models) {
          const name = normalise(m.name || m.model)
          names.push(name)
          present.add(name)
          if (Number(m.size) > 0) shared.sizes.set(name, Number(m.size))
          if (typeof m.digest === "string" && m.digest !== "") digests.set(name, m.digest)
        }
        return Effect.succeed(names)
      })
    )

    const isPresent = (model: string): Effect.Effect<boolean, LocalModelError> =>
      Effect.suspend(() => (present.has(model) ? Effect.succeed(true) : Effect.map(refreshTags, (names) => names.includes(model))))

    /** What this host is known to have, without asking (`undefined`: never listed). */
    const knownPresent = (model: string): boolean | undefined => (present.has(model) ? true : tagsListed ? false : undefined)

    const show = (model: string, verbose: boolean) =>
      metadata("/api/show", call(model, (c) => (c.show as (request: object) => ReturnType<OllamaJs["show"]>)({ model, ...(verbose ? { verbose: true } : {}) })))

    /** The model's facts, from this server's `/api/show` unless another host asked already. */
    const factsOf = (model: string): Effect.Effect<ModelFacts, LocalModelError> =>
      Effect.suspend(() => {
        const known = shared.facts.get(model)
        if (known) return Effect.succeed(known)
        return Effect.gen(function* () {
          if (!shared.sizes.has(model)) yield* Effect.ignore(refreshTags)
          const parse = (answer: unknown) =>
            Effect.try({
              try: () => factsFromShow(model, answer as never, shared.sizes.get(model)),
              catch: (error) => new UnexpectedResponse({ model, detail: error instanceof ShowParseError ? error.message : `cannot read /api/show: ${String(error)}` })
            })
          let parsed = yield* parse(yield* show(model, false))
          if (!parsed.vocabKnown) {
            // The vocabulary (for the output graph) is only in the full token list.
            const verbose = yield* Effect.option(show(model, true).pipe(Effect.flatMap(parse)))
            if (verbose._tag === "Some") parsed = verbose.value
          }
          shared.facts.set(model, parsed)
          present.add(model)
          return parsed
        })
      })

    const estimateOf = (model: string, numCtx: number) =>
      Effect.map(factsOf(model), (f) => estimateVram(f, { numCtx, numParallel: o.num_parallel, kvCacheType: shared.kvCacheType }))

    /** Bytes the model takes here at `numCtx`: measured on this GPU, else the estimate (no I/O once the facts are known). */
    const costNow = (model: string, numCtx: number): number | undefined => {
      const known = measured.get(`${model}@${numCtx}`)
      if (known !== undefined) return known
      const facts = shared.facts.get(model)
      return facts === undefined ? undefined : estimateVram(facts, { numCtx, numParallel: o.num_parallel, kvCacheType: shared.kvCacheType }).totalBytes
    }

    // -- presence and pulls ------------------------------------------------------------------

    const pullTarget: PullTarget = {
      url,
      call,
      pulled: (model) =>
        Effect.suspend(() => {
          present.add(model)
          shared.sizes.delete(model)
          shared.facts.delete(model)
          return Effect.ignore(refreshTags)
        })
    }

    const pull = (model: string, onProgress?: (progress: PullProgress) => void) => shared.pulls.join(pullTarget, model, onProgress)

    /** The model is here, or pulled here (when `auto_download` allows). */
    const ensure = (model: string, onProgress?: (progress: PullProgress) => void): Effect.Effect<void, LocalModelError> =>
      Effect.gen(function* () {
        if (yield* isPresent(model)) return
        if (!o.auto_download) return yield* new ModelNotFound({ model, url, autoDownload: false })
        yield* pull(model, onProgress)
      })

    /** Deleted on the server since we saw it. */
    const forget = (model: string) => void present.delete(model)

    // -- leases --------------------------------------------------------------------------------

    /**
     * Asks the budget for a lease: the returned Deferred completes with the granted context, or
     * fails (refused, load failed). `giveUp` must follow in every case (it cancels or releases).
     */
    const request = (ticket: number, model: string, numCtx: number, cost: number) =>
      Effect.suspend(() => {
        const deferred = Deferred.makeUnsafe<number, LocalModelError>()
        waiters.set(ticket, deferred)
        return Effect.as(
          event((now) => budget.request(ticket, model, numCtx, cost, now)),
          deferred
        )
      })

    /** Ends a ticket whatever its state: a waiter leaves the queue, a lease is returned. */
    const giveUp = (ticket: number) =>
      Effect.suspend(() => {
        waiters.delete(ticket)
        return event((now) => {
          const { wasWaiting, commands } = budget.cancel(ticket, now)
          return wasWaiting ? commands : budget.release(ticket, now)
        })
      })

    /** An extra reference on a model that is loaded and leased here (see `Budget.attach`). */
    const attach = (ticket: number, model: string, numCtx: number) => budget.attach(ticket, model, numCtx)
    const release = (ticket: number) => event((now) => budget.release(ticket, now))

    // -- generation ----------------------------------------------------------------------------

    /**
     * One chat turn. Streamed (NDJSON) only when the caller wants tokens as they come; otherwise
     * one JSON answer, which costs less per request. Either way the fiber's signal aborts it.
     */
    const chat = (model: string, request: ChatRequest, numCtx: number): Effect.Effect<Completion, LocalModelError> =>
      call(model, async (c) => {
        const body = {
          model,
          messages: [...(request.system ? [{ role: "system", content: request.system }] : []), { role: "user", content: request.prompt }],
          keep_alive: keepAlive(model),
          // Structured outputs: the model can only emit JSON of the plugin's schema.
          ...(request.format ? { format: request.format as object } : {}),
          options: {
            num_ctx: numCtx,
            ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
            ...(request.seed !== undefined ? { seed: request.seed } : {})
          }
        }
        const shapeError = (part: unknown) =>
          new UnexpectedResponse({ model, detail: `an answer with neither message nor done: ${JSON.stringify(part)?.slice(0, 80)}` })
        let text = ""
        let final: { prompt_eval_count?: number; eval_count?: number; model?: string } | undefined
        if (request.onToken) {
          for await (const part of await c.chat({ ...body, stream: true })) {
            if (part === null || typeof part !== "object" || (part.message === undefined && part.done !== true)) throw shapeError(part)
            const piece = part.message?.content ?? ""
            if (piece.length > 0) {
              text += piece
              request.onToken(piece)
            }
            if (part.done) final = part
          }
        } else {
          const answer = await c.chat({ ...body, stream: false })
          if (answer === null || typeof answer !== "object" || typeof answer.message?.content !== "string") throw shapeError(answer)
          text = answer.message.content
          final = answer
        }
        const digest = digests.get(model)
        return {
          text,
          model: final?.model ?? model,
          ...(digest ? { digest } : {}),
          usage: {
            ...(typeof final?.prompt_eval_count === "number" ? { promptTokens: final.prompt_eval_count } : {}),
            ...(typeof final?.eval_count === "number" ? { completionTokens: final.eval_count } : {})
          }
        } satisfies Completion
      }).pipe(
        Effect.timeoutOrElse({
          duration: `${o.request_timeout_s} seconds`,
          orElse: () => Effect.fail(new LocalTimeout({ model, afterMs: o.request_timeout_s * 1000 }))
        })
      )

    // -- reconciliation ------------------------------------------------------------------------

    const reconcileNow: Effect.Effect<boolean> = Effect.gen(function* () {
      const since = budget.epoch
      const running = yield* Effect.option(listRunning)
      if (running._tag === "None") return false
      reconciled = true
      let warnings: string[] = []
      let adopted: string[] = []
      yield* event((now) => {
        const result = budget.reconcile(running.value, now, since)
        warnings = result.warnings
        adopted = result.adopted
        return result.commands
      })
      for (const model of adopted) yield* Effect.logDebug(`${model} was loaded on ${url} by another lfai process; booked as ours (idle, evictable)`)
      if (warnings.join("\n") !== lastWarnings.join("\n")) {
        for (const warning of warnings) yield* Effect.logWarning(warning)
      }
      lastWarnings = warnings
      return true
    })

    /**
     * Before this process books its first load here it reconciles once, so what is already
     * loaded — models of ours left by an earlier lfai process (adopted), anybody else's (foreign)
     * — is booked before the first load, not discovered after it. Shared by concurrent callers.
     */
    const firstReconcile = yield* Effect.cached(reconcileNow)
    const beforeFirstLoad: Effect.Effect<void> = Effect.suspend(() => (reconciled ? Effect.void : Effect.asVoid(firstReconcile)))

    // -- pre-warm --------------------------------------------------------------------------------

    /**
     * Loads a persistent model into free room (never by evicting) with `keep_alive: -1`; resolves
     * with whether it is loaded. A model already loaded (adopted from an earlier lfai, which
     * handed it back to a finite keep-alive) is pinned again: an empty request with the runner's
     * own context only resets its expiry.
     */
    const prewarm = (model: string, numCtx: number, cost: number): Effect.Effect<"loaded" | "no-room" | "failed"> =>
      Effect.gen(function* () {
        let fits = false
        yield* event((now) => {
          const result = budget.prewarm(model, numCtx, cost, now)
          fits = result.fits
          return result.commands
        })
        if (!fits) return "no-room" as const
        const signal = loadSignals.get(model)
        const ok = signal ? yield* Deferred.await(signal) : budget.slot(model)?.state === "ready"
        const slot = budget.slot(model)
        // a failed load was logged where it failed
        if (!ok && slot?.state !== "ready") return "failed" as const
        if (!pinned.has(model) && slot !== undefined) {
          yield* Effect.ignore(call(model, (c) => c.generate({ model, prompt: "", stream: false, keep_alive: keepAlive(model), options: { num_ctx: slot.numCtx } })))
        }
        return "loaded" as const
      })

    // -- reports ---------------------------------------------------------------------------------

    const loadedModels = (now: number): LoadedModel[] => [
      ...budget.allSlots().map((slot) => {
        const idle = idleMs(slot, now)
        return {
          name: slot.model,
          sizeVramGb: gb(slot.cost),
          residency: slot.persistent ? ("persistent" as const) : ("on-demand" as const),
          leases: slot.refs - slot.attached,
          idleSeconds: idle === undefined ? null : Math.floor(idle / 1000),
          host: url
        }
      }),
      ...[...budget.foreignModels()].map(([name, bytes]) => ({ name, sizeVramGb: gb(bytes), residency: "foreign" as const, leases: 0, idleSeconds: null, host: url }))
    ]

    /** The budget's view at `now` (no I/O), and what the last reconciliation found. */
    const report = (now: number): HostVram & { readonly warnings: ReadonlyArray<string> } => {
      const used = budget.booked()
      const models = loadedModels(now)
      return {
        url,
        up: health.up,
        usedGb: gb(used),
        totalGb: settings.limitGb,
        usagePercent: Number(((used / limitBytes) * 100).toFixed(1)),
        activeModels: models.map((m) => m.name),
        models,
        queued: budget.queue().length,
        warnings: health.up ? lastWarnings : [`no Ollama answers at ${url}; this is the budget's own view`, ...lastWarnings]
      }
    }

    const slotView = (slot: Slot) => ({
      name: slot.model,
      host: url,
      state: slot.state,
      numCtx: slot.numCtx,
      bookedBytes: slot.cost,
      measured: slot.measured,
      leases: slot.refs - slot.attached,
      persistent: slot.persistent
    })

    const snapshot = () => ({
      url,
      up: health.up,
      limitBytes,
      bookedBytes: budget.booked(),
      foreign: [...budget.foreignModels()].map(([name, bytes]) => ({ name, bytes })),
      slots: budget.allSlots().map(slotView),
      queued: budget.queue().length,
      stats: { ...budget.stats }
    })

    /** Presence and residency of `models` (and of every model present) here. */
    const status = (models: ReadonlyArray<string>): Effect.Effect<Map<string, HostModelStatus>, LocalModelError> =>
      Effect.gen(function* () {
        const names = yield* refreshTags
        const running = yield* listRunning
        const statuses = new Map<string, HostModelStatus>()
        for (const name of new Set([...models, ...names])) {
          const entry = running.find((m) => m.name === name)
          statuses.set(name, { url, up: true, present: names.includes(name), loaded: entry !== undefined, sizeVramGb: entry ? gb(entry.sizeVram) : 0 })
        }
        return statuses
      })

    const version: Effect.Effect<string, LocalModelError> = metadata("/api/version", call("(version)", (c) => c.version())).pipe(
      Effect.flatMap((answer) =>
        typeof answer?.version === "string"
          ? Effect.succeed(answer.version)
          : Effect.fail(new UnexpectedResponse({ model: "(version)", detail: "/api/version answered without a version" }))
      )
    )

    /** Whether the server answers now (and the health that follows from it). */
    const answers: Effect.Effect<boolean> = Effect.match(version, { onFailure: () => false, onSuccess: () => true })

    // -- shutdown: no GPU held by an lfai that is gone -------------------------------------------

    /**
     * Every model this process pinned (`keep_alive: -1`) that is still loaded gets a finite
     * keep-alive, `idle_unload_s`: an empty request with the runner's own context, so Ollama keeps
     * the runner and only resets its expiry. Models no longer loaded are left alone (an empty
     * request would load them).
     */
    const unpin: Effect.Effect<void, LocalModelError> = Effect.suspend(() => {
      if (pinned.size === 0) return Effect.void
      return Effect.gen(function* () {
        const running = yield* listRunning
        const keep = `${Math.max(1, Math.ceil(o.idle_unload_s))}s`
        yield* Effect.forEach(
          running.filter((m) => pinned.has(m.name)),
          (m) =>
            client.call(m.name, (c) =>
              c.generate({ model: m.name, prompt: "", stream: false, keep_alive: keep, options: { num_ctx: m.numCtx ?? budget.slot(m.name)?.numCtx ?? defaultCtx } })
            ),
          { concurrency: "unbounded", discard: true }
        )
        yield* Effect.logDebug(`handed ${[...pinned].join(", ")} on ${url} back to Ollama with keep_alive ${keep}`)
      })
    })

    /** The background: idle unloads and re-warms every `tickMs`, reconciliation every `reconcileEveryMs`. */
    const background = (tickMs: number, reconcileEveryMs: number) =>
      Effect.andThen(
        fork(Effect.forever(Effect.andThen(Effect.sleep(tickMs), event((now) => budget.tick(now))))),
        reconcileEveryMs > 0 ? fork(Effect.forever(Effect.andThen(Effect.sleep(reconcileEveryMs), reconcileNow))) : Effect.void
      )

    return {
      url,
      limitGb: settings.limitGb,
      limitBytes,
      pinnedModels: settings.pinned,
      budget,
      isUp: () => health.up,
      isReconciled: () => reconciled,
      answers,
      version,
      refreshTags,
      isPresent,
      knownPresent,
      forget,
      factsOf,
      estimateOf,
      costNow,
      measuredAt: (model: string, numCtx: number) => measured.get(`${model}@${numCtx}`),
      ensure,
      pull,
      beforeFirstLoad,
      request,
      giveUp,
      attach,
      release,
      chat,
      prewarm,
      reconcile: reconcileNow,
      report,
      snapshot,
      status,
      unpin,
      background
    }
  })
