/**
 * The Ollama provider: core's `LocalModels` and `ModelControl` over the official `ollama` client,
 * with the GPU budget in between, plus `GpuBudget` for what only this provider knows (the
 * budget's state, pull progress as a Stream, estimates). One layer, needing `LfaiConfig`.
 */
import {
  LfaiConfig,
  LocalModels,
  LocalTimeout,
  LocalTransient,
  ModelControl,
  ModelNotFound,
  OllamaUnreachable,
  OutOfBudget,
  PullFailed,
  UnexpectedResponse,
  VramQueueTimeout,
  type ChatRequest,
  type Completion,
  type LfaiConfigShape,
  type LoadedModel,
  type LocalModelError,
  type ModelStatus,
  type PullProgress,
  type VramReport
} from "@lfai/core"
import { Cause, Clock, Context, Deferred, Duration, Effect, Exit, Layer, Queue, Scope, Stream } from "effect"
import type { Ollama as OllamaJs } from "ollama"
import { Budget, lru2Policy, type Command, type RunningModel, type Slot, type VictimPolicy } from "./internal/budget.ts"
import { makeClient, type OllamaClient } from "./internal/client.ts"
import { estimateVram, factsFromShow, GiB, ShowParseError, type KvCacheType, type ModelFacts, type VramEstimate } from "./internal/estimate.ts"

// ---- the extra service -----------------------------------------------------------------------

export interface SlotView {
  readonly name: string
  readonly state: "loading" | "ready" | "unloading"
  readonly numCtx: number
  readonly bookedBytes: number
  /** Whether the booking is `/api/ps` size_vram (true) or the estimate (false). */
  readonly measured: boolean
  readonly leases: number
  readonly persistent: boolean
}

export interface BudgetSnapshot {
  readonly limitBytes: number
  readonly bookedBytes: number
  readonly foreign: ReadonlyArray<{ readonly name: string; readonly bytes: number }>
  readonly slots: ReadonlyArray<SlotView>
  readonly queued: number
  readonly stats: {
    readonly loads: number
    readonly warmLoads: number
    readonly evictions: number
    readonly idleUnloads: number
    readonly reloads: number
    readonly corrections: number
    readonly adoptions: number
    readonly peakBytes: number
  }
}

export interface ModelEstimate extends VramEstimate {
  readonly model: string
  readonly numCtx: number
  /** `/api/ps` size_vram from an earlier load at this context, when there was one. */
  readonly measuredBytes?: number
}

export interface GpuBudgetShape {
  /** The budget's own state now (no I/O). */
  readonly snapshot: Effect.Effect<BudgetSnapshot>
  /** Reconciles with `/api/ps` now; the report `vram()` gives. */
  readonly reconcile: Effect.Effect<VramReport>
  /** Pull progress (bytes completed/total per layer); joins a pull already under way. */
  readonly pull: (model: string) => Stream.Stream<PullProgress, LocalModelError>
  /** What the model costs at a context length: Ollama's estimate from `/api/show`, and the measurement if any. */
  readonly estimate: (model: string, numCtx: number) => Effect.Effect<ModelEstimate, LocalModelError>
}

export class GpuBudget extends Context.Service<GpuBudget, GpuBudgetShape>()("@lfai/runtime-ollama/GpuBudget") {}

// ---- options ---------------------------------------------------------------------------------

export interface OllamaOptions {
  /** Victim policy (default LRU-2 with a small persistent bonus). */
  readonly policy?: VictimPolicy
  /** How often idle models are checked, ms (default min(1000, idle_unload_s / 4)). */
  readonly tickMs?: number
  /** How often `/api/ps` is reconciled in the background, ms (default 15000; 0: never). */
  readonly reconcileEveryMs?: number
  /** See `BudgetOptions` (defaults 60 s and 10 requests). */
  readonly rewarmQuietMs?: number
  readonly rewarmWindow?: number
  /** `OLLAMA_KV_CACHE_TYPE` of the server (default f16). */
  readonly kvCacheType?: KvCacheType
  /** Called after every budget event, with the budget (for invariant checks in tests). */
  readonly onStep?: (budget: Budget) => void
  /**
   * The models this lfai uses beyond what the config names (`ollama.persistent_models`,
   * `artifacts.<id>.model` and `.alternates` are taken from it): the plugins' routed models, which
   * only the composition root knows. Such a model found loaded in `/api/ps` without a booking —
   * another lfai process loaded it — is adopted as our own idle model (evictable), not foreign.
   */
  readonly models?: ReadonlyArray<string>
  /** How long a metadata call (`/api/ps`, `/api/tags`, `/api/show`, `/api/version`) may take, ms (default 5000). */
  readonly metadataTimeoutMs?: number
  /** A pull that sends no progress for this long is abandoned, ms (default 60000). */
  readonly pullStallMs?: number
  /** How long an unload (the request, then waiting for `/api/ps` to drop the model) may take, ms (default 15000). */
  readonly unloadTimeoutMs?: number
}

/**
 * Every call to Ollama is bounded (undici's own default is 5 minutes): a server that accepts
 * connections and never answers must not hang a request, a report or the budget.
 */
const METADATA_TIMEOUT_MS = 5_000
const PULL_STALL_MS = 60_000
const UNLOAD_TIMEOUT_MS = 15_000

/** Extra keep-alive an on-demand model gets on the server, past our own idle unload: a safety net. */
const KEEP_ALIVE_MARGIN_S = 60
/** The context warm() loads with when num_ctx is `auto`. */
const AUTO_WARM_CTX = 4096

const normalise = (name: string): string => (name.includes(":") ? name : `${name}:latest`)

const warmCtx = (config: LfaiConfigShape): number =>
  config.ollama.num_ctx === "auto" ? Math.min(AUTO_WARM_CTX, config.ollama.num_ctx_max) : config.ollama.num_ctx

const gb = (bytes: number) => Number((bytes / GiB).toFixed(2))

interface PullState {
  readonly listeners: Set<(progress: PullProgress) => void>
  readonly done: Deferred.Deferred<void, LocalModelError>
}

// ---- the implementation ----------------------------------------------------------------------

export const make = (options: OllamaOptions = {}) =>
  Effect.gen(function* () {
    const config = yield* LfaiConfig
    const o = config.ollama
    const url = o.base_url
    const client: OllamaClient = makeClient(url)
    const scope = yield* Effect.scope
    const limitBytes = Math.floor(o.vram_limit_gb * GiB)
    const persistent = o.persistent_models.map(normalise)
    const models = [
      ...(options.models ?? []),
      ...Object.values(config.artifacts).flatMap((settings) => [...(settings.model ? [settings.model] : []), ...(settings.alternates ?? [])])
    ].map(normalise)
    const budget = new Budget({
      limitBytes,
      maxOvertakes: o.max_overtakes,
      persistent,
      models,
      idleUnloadMs: o.idle_unload_s * 1000,
      policy: options.policy ?? lru2Policy(),
      ...(options.rewarmQuietMs !== undefined ? { rewarmQuietMs: options.rewarmQuietMs } : {}),
      ...(options.rewarmWindow !== undefined ? { rewarmWindow: options.rewarmWindow } : {})
    })
    const defaultCtx = warmCtx(config)

    const facts = new Map<string, ModelFacts>()
    const sizes = new Map<string, number>()
    /** Each present model's digest (/api/tags), recorded in every completion's provenance. */
    const digests = new Map<string, string>()
    const present = new Set<string>()
    const measured = new Map<string, number>()
    const pulls = new Map<string, PullState>()
    const waiters = new Map<number, Deferred.Deferred<number, LocalModelError>>()
    const loadSignals = new Map<string, Deferred.Deferred<boolean>>()
    let nextTicket = 1
    let lastWarnings: ReadonlyArray<string> = []
    let reachable: "reachable" | "unreachable" = "reachable"
    /** Whether `/api/ps` has been reconciled once (then the budget knows what was loaded before us). */
    let reconciled = false

    const fork = <A, E>(effect: Effect.Effect<A, E>) => Effect.asVoid(Effect.forkIn(effect, scope))

    const metadataMs = options.metadataTimeoutMs ?? METADATA_TIMEOUT_MS
    /** A metadata call with no answer in time: the server is there but not answering, as good as unreachable. */
    const metadata = <A>(path: string, call: Effect.Effect<A, LocalModelError>): Effect.Effect<A, LocalModelError> =>
      call.pipe(
        Effect.timeoutOrElse({
          duration: Duration.millis(metadataMs),
          orElse: () => Effect.fail(new OllamaUnreachable({ url, detail: `${path} did not answer within ${metadataMs / 1000} s` }))
        })
      )
    const loadTimeout = <A>(model: string, call: Effect.Effect<A, LocalModelError>): Effect.Effect<A, LocalModelError> =>
      call.pipe(
        Effect.timeoutOrElse({
          duration: `${o.request_timeout_s} seconds`,
          orElse: () => Effect.fail(new LocalTimeout({ model, afterMs: o.request_timeout_s * 1000 }))
        })
      )

    // -- budget events ---------------------------------------------------------------------

    const apply = (commands: ReadonlyArray<Command>): Effect.Effect<void> =>
      Effect.forEach(commands, (command) => {
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
                ? new OutOfBudget({ model: command.model, needGb: command.needBytes / GiB, limitGb: o.vram_limit_gb })
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
      }, { discard: true })

    const event = (f: (now: number) => ReadonlyArray<Command>): Effect.Effect<void> =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        const commands = f(now)
        options.onStep?.(budget)
        return apply(commands)
      })

    // -- loading and unloading -------------------------------------------------------------

    const keepAlive = (model: string): number | string =>
      budget.isPersistent(model) ? -1 : `${Math.ceil(o.idle_unload_s) + KEEP_ALIVE_MARGIN_S}s`

    const listRunning = metadata("/api/ps", client.call("(ps)", (c) => c.ps())).pipe(
      Effect.flatMap((answer) =>
        Array.isArray((answer as { models?: unknown }).models)
          ? Effect.succeed(
              answer.models.map((m): RunningModel => {
                // `context_length` is in the server's answer (Ollama ≥ 0.7), not in the client's type.
                const numCtx = Number((m as { context_length?: unknown }).context_length) || 0
                return {
                  name: normalise(m.name || m.model),
                  sizeVram: Number(m.size_vram) || 0,
                  size: Number(m.size) || 0,
                  ...(numCtx > 0 ? { numCtx } : {})
                }
              })
            )
          : Effect.fail(new UnexpectedResponse({ model: "(ps)", detail: "/api/ps answered without a models list" }))
      )
    )

    const loadModel = (model: string, numCtx: number, signal: Deferred.Deferred<boolean>) =>
      Effect.gen(function* () {
        const exit = yield* Effect.exit(
          loadTimeout(
            model,
            client.call(model, (c) => c.generate({ model, prompt: "", stream: false, keep_alive: keepAlive(model), options: { num_ctx: numCtx } }))
          )
        )
        if (Exit.isFailure(exit)) {
          const error = Cause.squash(exit.cause) as LocalModelError
          yield* Effect.logWarning(`loading ${model} failed: ${(error as Error).message ?? String(error)}`)
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
    const unloadMs = options.unloadTimeoutMs ?? UNLOAD_TIMEOUT_MS
    const unloadModel = (model: string) =>
      Effect.gen(function* () {
        // Bounded as a whole: an unload that hangs must not hold the room every other model waits for.
        const gone = yield* unloadAndWait(model).pipe(
          Effect.timeoutOrElse({ duration: Duration.millis(unloadMs), orElse: () => Effect.succeed(false) })
        )
        yield* event((now) => budget.unloaded(model, now, !gone))
        if (!gone) {
          yield* Effect.logWarning(`${model} is still loaded (or Ollama did not say) after it was unloaded; it is booked as a foreign model until /api/ps shows it gone`)
          yield* reconcileNow
        }
      })

    /** `keep_alive: 0`, then polls `/api/ps` until the model is gone; whether it went. */
    const unloadAndWait = (model: string) =>
      Effect.gen(function* () {
        const request = client.call(model, (c) => c.generate({ model, prompt: "", stream: false, keep_alive: 0 }))
        const exit = yield* Effect.exit(Effect.catch(request, (error) => (error._tag === "OllamaUnreachable" || error._tag === "ModelNotFound" ? Effect.fail(error) : request)))
        if (Exit.isFailure(exit)) {
          const error = Cause.squash(exit.cause) as Error & { readonly _tag?: string }
          if (error._tag !== "OllamaUnreachable" && error._tag !== "ModelNotFound") {
            yield* Effect.logWarning(`unloading ${model} failed (${error.message})`)
          }
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

    // -- what a model costs ----------------------------------------------------------------

    const refreshTags = metadata("/api/tags", client.call("(tags)", (c) => c.list())).pipe(
      Effect.tap((answer) =>
        Effect.sync(() => {
          if (!Array.isArray((answer as { models?: unknown }).models)) return
          for (const m of answer.models) {
            const name = normalise(m.name || m.model)
            present.add(name)
            if (Number(m.size) > 0) sizes.set(name, Number(m.size))
            if (typeof m.digest === "string" && m.digest !== "") digests.set(name, m.digest)
          }
        })
      ),
      Effect.flatMap((answer) =>
        Array.isArray((answer as { models?: unknown }).models)
          ? Effect.succeed(answer.models.map((m) => normalise(m.name || m.model)))
          : Effect.fail(new UnexpectedResponse({ model: "(tags)", detail: "/api/tags answered without a models list" }))
      )
    )

    const show = (model: string, verbose: boolean) =>
      metadata("/api/show", client.call(model, (c) => (c.show as (request: object) => ReturnType<OllamaJs["show"]>)({ model, ...(verbose ? { verbose: true } : {}) })))

    const factsOf = (model: string): Effect.Effect<ModelFacts, LocalModelError> =>
      Effect.suspend(() => {
        const known = facts.get(model)
        if (known) return Effect.succeed(known)
        return Effect.gen(function* () {
          if (!sizes.has(model)) yield* Effect.ignore(refreshTags)
          const parse = (answer: unknown) =>
            Effect.try({
              try: () => factsFromShow(model, answer as never, sizes.get(model)),
              catch: (error) =>
                new UnexpectedResponse({ model, detail: error instanceof ShowParseError ? error.message : `cannot read /api/show: ${String(error)}` })
            })
          let parsed = yield* parse(yield* show(model, false))
          if (!parsed.vocabKnown) {
            // The vocabulary (for the output graph) is only in the full token list.
            const verbose = yield* Effect.option(show(model, true).pipe(Effect.flatMap(parse)))
            if (verbose._tag === "Some") parsed = verbose.value
          }
          facts.set(model, parsed)
          present.add(model)
          return parsed
        })
      })

    const estimateOf = (model: string, numCtx: number) =>
      Effect.map(factsOf(model), (f) => estimateVram(f, { numCtx, numParallel: o.num_parallel, kvCacheType: options.kvCacheType ?? "f16" }))

    const costOf = (model: string, numCtx: number): Effect.Effect<number, LocalModelError> =>
      Effect.suspend(() => {
        const known = measured.get(`${model}@${numCtx}`)
        return known !== undefined ? Effect.succeed(known) : Effect.map(estimateOf(model, numCtx), (e) => e.totalBytes)
      })

    // -- presence and pulls ----------------------------------------------------------------

    const stallMs = options.pullStallMs ?? PULL_STALL_MS
    const runPull = (model: string, state: PullState) =>
      Effect.gen(function* () {
        let lastDigest: string | undefined
        let lastProgress = 0
        const pull = client.call(model, async (c) => {
          const stream = await c.pull({ model, stream: true })
          for await (const part of stream) {
            lastProgress = Date.now()
            if (part.digest) lastDigest = part.digest
            const progress: PullProgress = {
              model,
              status: part.status,
              ...(part.digest ? { digest: part.digest } : {}),
              ...(typeof part.completed === "number" ? { completed: part.completed } : {}),
              ...(typeof part.total === "number" ? { total: part.total } : {})
            }
            for (const listener of state.listeners) listener(progress)
          }
        })
        // A pull is bounded by its progress, not by a total: gigabytes take what they take, but no
        // byte for `pullStallMs` means the server (or the registry behind it) is stuck.
        const stalled = Effect.gen(function* () {
          for (;;) {
            yield* Effect.sleep(Duration.millis(Math.max(10, Math.min(1000, stallMs / 4))))
            if (Date.now() - lastProgress > stallMs) {
              return yield* new PullFailed({ model, ...(lastDigest ? { layer: lastDigest } : {}), reason: `no progress for ${stallMs / 1000} s` })
            }
          }
        })
        const attempt = Effect.suspend(() => {
          lastProgress = Date.now()
          return Effect.raceFirst(pull, stalled)
        })
        const toPullFailed = (error: LocalModelError): LocalModelError =>
          error._tag === "OllamaUnreachable" || error._tag === "PullFailed"
            ? error
            : new PullFailed({ model, ...(lastDigest ? { layer: lastDigest } : {}), reason: "detail" in error ? error.detail : error.message })
        // One retry: Ollama resumes a partial download where it stopped.
        const exit = yield* Effect.exit(attempt.pipe(Effect.catch((first) => (first._tag === "OllamaUnreachable" ? Effect.fail(first) : attempt))))
        pulls.delete(model)
        if (Exit.isSuccess(exit)) {
          present.add(model)
          sizes.delete(model)
          facts.delete(model)
          yield* Effect.ignore(refreshTags)
          Deferred.doneUnsafe(state.done, Effect.void)
        } else {
          Deferred.doneUnsafe(state.done, Effect.fail(toPullFailed(Cause.squash(exit.cause) as LocalModelError)))
        }
      })

    /** Joins the pull of `model` (starting it if none is under way); concurrent callers share it. */
    const joinPull = (model: string, onProgress?: (progress: PullProgress) => void) =>
      Effect.suspend(() => {
        let state = pulls.get(model)
        const start = state === undefined
        if (!state) {
          state = { listeners: new Set(), done: Deferred.makeUnsafe<void, LocalModelError>() }
          pulls.set(model, state)
        }
        const s = state
        if (onProgress) s.listeners.add(onProgress)
        return (start ? fork(runPull(model, s)) : Effect.void).pipe(
          Effect.andThen(Deferred.await(s.done)),
          Effect.ensuring(Effect.sync(() => onProgress && s.listeners.delete(onProgress)))
        )
      })

    const isPresent = (model: string): Effect.Effect<boolean, LocalModelError> =>
      Effect.suspend(() => (present.has(model) ? Effect.succeed(true) : Effect.map(refreshTags, (names) => names.includes(model))))

    const ensure = (name: string, onProgress?: (progress: PullProgress) => void): Effect.Effect<void, LocalModelError> =>
      Effect.gen(function* () {
        const model = normalise(name)
        budget.use(model)
        if (yield* isPresent(model)) return
        if (!o.auto_download) return yield* new ModelNotFound({ model, url, autoDownload: false })
        yield* joinPull(model, onProgress)
      })

    // -- leases ----------------------------------------------------------------------------

    const lease = (name: string, leaseOptions: { readonly numCtx: number }): Effect.Effect<void, LocalModelError, Scope.Scope> =>
      Effect.uninterruptibleMask((restore) =>
        Effect.gen(function* () {
          const model = normalise(name)
          const numCtx = leaseOptions.numCtx > 0 ? leaseOptions.numCtx : defaultCtx
          const cost = yield* restore(costOf(model, numCtx))
          yield* restore(beforeFirstLoad)
          const ticket = nextTicket++
          const deferred = Deferred.makeUnsafe<number, LocalModelError>()
          waiters.set(ticket, deferred)
          yield* Effect.addFinalizer(() =>
            Effect.suspend(() => {
              waiters.delete(ticket)
              return event((now) => {
                const { wasWaiting, commands } = budget.cancel(ticket, now)
                return wasWaiting ? commands : budget.release(ticket, now)
              })
            })
          )
          const started = yield* Clock.currentTimeMillis
          yield* event((now) => budget.request(ticket, model, numCtx, cost, now))
          if (Deferred.isDoneUnsafe(deferred)) return yield* Deferred.await(deferred) // granted at once: no timer
          yield* restore(
            Deferred.await(deferred).pipe(
              Effect.timeoutOrElse({
                duration: `${o.queue_timeout_s} seconds`,
                orElse: () =>
                  Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.fail(new VramQueueTimeout({ model, waitedMs: now - started })))
              })
            )
          )
        })
      )

    // -- generation ------------------------------------------------------------------------

    /**
     * One chat turn. Streamed (NDJSON) only when the caller wants tokens as they come; otherwise
     * one JSON answer, which costs less per request. Either way the fiber's signal aborts it.
     */
    const chat = (model: string, request: ChatRequest, numCtx: number): Effect.Effect<Completion, LocalModelError> =>
      client
        .call(model, async (c) => {
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
        })
        .pipe(
          Effect.timeoutOrElse({
            duration: `${o.request_timeout_s} seconds`,
            orElse: () => Effect.fail(new LocalTimeout({ model, afterMs: o.request_timeout_s * 1000 }))
          })
        )

    /**
     * Every generation holds a reference on its model for its whole duration, so the model is
     * never unloaded under it. When the model is loaded and already leased (the pipeline leases
     * first), the reference is taken at once without queueing — it needs no room, and queueing
     * behind a request that waits for this very model to drain would deadlock the caller. Else
     * the call leases normally.
     */
    const generate = (request: ChatRequest): Effect.Effect<Completion, LocalModelError> =>
      Effect.suspend(() => {
        const model = normalise(request.model)
        const wanted = request.numCtx && request.numCtx > 0 ? request.numCtx : defaultCtx
        return Effect.scoped(
          Effect.gen(function* () {
            const ticket = nextTicket++
            const attached = yield* Effect.acquireRelease(
              Effect.sync(() => budget.attach(ticket, model, wanted)),
              (ok) => (ok ? event((now) => budget.release(ticket, now)) : Effect.void)
            )
            if (!attached) yield* lease(model, { numCtx: wanted })
            const slot = budget.slot(model)
            const ask = chat(model, request, slot ? Math.max(slot.numCtx, wanted) : wanted)
            // Deleted on the server since we saw it: forget it, fetch it again (when allowed), ask once more.
            return yield* ask.pipe(
              Effect.catchTag("ModelNotFound", () =>
                Effect.andThen(
                  Effect.sync(() => present.delete(model)),
                  Effect.andThen(ensure(model), ask)
                )
              )
            )
          })
        )
      })

    // -- reconciliation and reports ----------------------------------------------------------

    const reconcileNow: Effect.Effect<boolean> = Effect.gen(function* () {
      const since = budget.epoch
      const running = yield* Effect.option(listRunning)
      if (running._tag === "None") {
        reachable = "unreachable"
        return false
      }
      reachable = "reachable"
      reconciled = true
      let warnings: string[] = []
      let adopted: string[] = []
      yield* event((now) => {
        const result = budget.reconcile(running.value, now, since)
        warnings = result.warnings
        adopted = result.adopted
        return result.commands
      })
      for (const model of adopted) yield* Effect.logDebug(`${model} was loaded by another lfai process; booked as ours (idle, evictable)`)
      if (warnings.join("\n") !== lastWarnings.join("\n")) {
        for (const warning of warnings) yield* Effect.logWarning(warning)
      }
      lastWarnings = warnings
      return true
    })

    const slotView = (slot: Slot): SlotView => ({
      name: slot.model,
      state: slot.state,
      numCtx: slot.numCtx,
      bookedBytes: slot.cost,
      measured: slot.measured,
      leases: slot.refs - slot.attached,
      persistent: slot.persistent
    })

    const snapshot: Effect.Effect<BudgetSnapshot> = Effect.sync(() => ({
      limitBytes,
      bookedBytes: budget.booked(),
      foreign: [...budget.foreignModels()].map(([name, bytes]) => ({ name, bytes })),
      slots: budget.allSlots().map(slotView),
      queued: budget.queue().length,
      stats: { ...budget.stats }
    }))

    const report: Effect.Effect<VramReport> = Effect.sync(() => {
      const used = budget.booked()
      const models: LoadedModel[] = [
        ...budget.allSlots().map((slot) => ({
          name: slot.model,
          sizeVramGb: gb(slot.cost),
          residency: slot.persistent ? ("persistent" as const) : ("on-demand" as const),
          leases: slot.refs - slot.attached
        })),
        ...[...budget.foreignModels()].map(([name, bytes]) => ({ name, sizeVramGb: gb(bytes), residency: "foreign" as const, leases: 0 }))
      ]
      return {
        usedGb: gb(used),
        totalGb: o.vram_limit_gb,
        usagePercent: Number(((used / limitBytes) * 100).toFixed(1)),
        activeModels: models.map((m) => m.name),
        models,
        queued: budget.queue().length,
        ollama: reachable,
        warnings: reachable === "unreachable" ? [`no Ollama answers at ${url}; this is the budget's own view`, ...lastWarnings] : lastWarnings
      }
    })

    const vram: Effect.Effect<VramReport> = Effect.andThen(reconcileNow, report)

    /**
     * Before this process books its first load it reconciles once, so what is already loaded —
     * models of ours left by an earlier lfai process (adopted), anybody else's (foreign) — is
     * booked before the first load, not discovered after it. Shared by concurrent callers.
     */
    const firstReconcile = yield* Effect.cached(reconcileNow)
    const beforeFirstLoad: Effect.Effect<void> = Effect.suspend(() => (reconciled ? Effect.void : Effect.asVoid(firstReconcile)))

    const health: Effect.Effect<"reachable" | "unreachable"> = metadata("/api/version", client.call("(version)", (c) => c.version())).pipe(
      Effect.match({ onFailure: () => "unreachable" as const, onSuccess: () => "reachable" as const }),
      Effect.tap((state) => Effect.sync(() => void (reachable = state)))
    )

    const status = (models: ReadonlyArray<string>): Effect.Effect<ReadonlyArray<ModelStatus>, LocalModelError> =>
      Effect.gen(function* () {
        const names = yield* refreshTags
        const running = yield* listRunning
        const all = [...new Set([...models.map(normalise), ...names])]
        return all.map((name) => {
          const entry = running.find((m) => m.name === name)
          return { name, present: names.includes(name), loaded: entry !== undefined, sizeVramGb: entry ? gb(entry.sizeVram) : 0 }
        })
      })

    const warm: Effect.Effect<ReadonlyArray<string>, LocalModelError> = Effect.gen(function* () {
      const loaded: string[] = []
      yield* beforeFirstLoad
      for (const model of persistent) {
        yield* ensure(model)
        const cost = yield* costOf(model, defaultCtx)
        let fits = false
        yield* event((now) => {
          const result = budget.prewarm(model, defaultCtx, cost, now)
          fits = result.fits
          return result.commands
        })
        if (!fits) {
          yield* Effect.logWarning(
            `persistent model ${model} (${gb(cost)} GB at num_ctx ${defaultCtx}) does not fit beside ${budget
              .allSlots()
              .map((s) => `${s.model} (${gb(s.cost)} GB)`)
              .join(", ")} in ${o.vram_limit_gb} GB; it loads on demand and is re-warmed when room frees`
          )
          continue
        }
        const signal = loadSignals.get(model)
        const ok = signal ? yield* Deferred.await(signal) : budget.slot(model)?.state === "ready"
        if (ok || budget.slot(model)?.state === "ready") loaded.push(model)
      }
      return loaded
    })

    // -- background: idle unloads, re-warm, reconciliation ------------------------------------

    const tickMs = options.tickMs ?? Math.max(10, Math.min(1000, (o.idle_unload_s * 1000) / 4))
    yield* Effect.forkIn(
      Effect.forever(Effect.andThen(Effect.sleep(tickMs), event((now) => budget.tick(now)))),
      scope
    )
    const reconcileEvery = options.reconcileEveryMs ?? 15_000
    if (reconcileEvery > 0) {
      yield* Effect.forkIn(Effect.forever(Effect.andThen(Effect.sleep(reconcileEvery), reconcileNow)), scope)
    }

    const local = LocalModels.of({ url, ensure, lease, generate })
    const control = ModelControl.of({ vram, health, status, pull: (model, onProgress) => ensurePull(model, onProgress), warm })
    const gpu = GpuBudget.of({
      snapshot,
      reconcile: vram,
      pull: (name) =>
        Stream.callback<PullProgress, LocalModelError>((queue) =>
          joinPull(normalise(name), (progress) => void Queue.offerUnsafe(queue, progress)).pipe(Effect.andThen(Queue.end(queue)))
        ),
      estimate: (name, numCtx) =>
        Effect.gen(function* () {
          const model = normalise(name)
          const e = yield* estimateOf(model, numCtx)
          const m = measured.get(`${model}@${numCtx}`)
          return { ...e, model, numCtx, ...(m !== undefined ? { measuredBytes: m } : {}) }
        })
    })

    /** `lfai models pull`: pulls even when present (an update), sharing a pull under way. */
    function ensurePull(name: string, onProgress?: (progress: PullProgress) => void) {
      return joinPull(normalise(name), onProgress)
    }

    return { local, control, gpu, budget }
  })

/** The layer with options (policy, tick, observers). */
export const layerWith = (options: OllamaOptions = {}): Layer.Layer<LocalModels | ModelControl | GpuBudget, never, LfaiConfig> =>
  Layer.effectContext(
    Effect.map(make(options), ({ local, control, gpu }) =>
      Context.make(LocalModels, local).pipe(Context.add(ModelControl, control), Context.add(GpuBudget, gpu))
    )
  )

/** `LocalModels` + `ModelControl` + `GpuBudget` over Ollama at `ollama.base_url`, from `LfaiConfig`. */
export const layer: Layer.Layer<LocalModels | ModelControl | GpuBudget, never, LfaiConfig> = layerWith()
