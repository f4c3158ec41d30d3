/**
 * One long-lived runtime for callers outside Effect (Express handlers, scripts, tests): build it
 * once, run any number of calls on it concurrently, dispose it at shutdown. Resources (HTTP
 * clients, model leases, the VRAM budget) live across calls instead of being rebuilt per call —
 * the TypeScript answer to the seed's "Event loop is closed".
 */
import { Cause, Effect, Exit, type Layer, ManagedRuntime } from "effect"
import { RuntimeDisposed } from "./Errors.ts"
import { Pipeline, type GenerateOptions, type ValidateCallOptions } from "./Pipeline.ts"
import type { ArtifactRequest } from "./Plugin.ts"
import { Stats } from "./Stats.ts"

export interface RunOptions {
  /** Aborting interrupts the call: leases are returned, HTTP requests cancelled. */
  readonly signal?: AbortSignal
}

export interface LfaiRuntime<R> {
  readonly generate: (
    artifact: string,
    request: ArtifactRequest,
    options?: GenerateOptions & RunOptions
  ) => Promise<Pipeline["Service"]["generate"] extends (...args: any) => Effect.Effect<infer A, any, any> ? A : never>
  readonly validate: (
    artifact: string,
    content: string,
    params?: Readonly<Record<string, string>>,
    options?: ValidateCallOptions & RunOptions
  ) => Promise<Effect.Success<ReturnType<Pipeline["Service"]["validate"]>>>
  readonly exportAs: (
    artifact: string,
    content: string,
    as: string,
    params?: Readonly<Record<string, string>>,
    options?: RunOptions
  ) => Promise<Effect.Success<ReturnType<Pipeline["Service"]["exportAs"]>>>
  readonly plugins: () => Promise<Pipeline["Service"]["plugins"]>
  readonly stats: () => Promise<Effect.Success<Stats["Service"]["snapshot"]>>
  /** Runs any effect on the runtime's services. Rejects with the effect's typed error. */
  readonly run: <A, E>(effect: Effect.Effect<A, E, R>, options?: RunOptions) => Promise<A>
  /** Interrupts the calls in flight, releases every resource. Later calls reject with `RuntimeDisposed`. */
  readonly dispose: () => Promise<void>
  readonly isDisposed: () => boolean
}

/** Builds the runtime from a layer that provides at least the pipeline and stats. */
export const makeRuntime = <R = never, E = never>(
  layer: Layer.Layer<R | Pipeline | Stats, E>
): LfaiRuntime<R | Pipeline | Stats> => {
  const runtime = ManagedRuntime.make(layer)
  const inFlight = new Set<AbortController>()
  let disposed: Promise<void> | undefined

  const run = <A, E2>(effect: Effect.Effect<A, E2, R | Pipeline | Stats>, options: RunOptions = {}): Promise<A> => {
    if (disposed) return Promise.reject(new RuntimeDisposed())
    const controller = new AbortController()
    const forward = () => controller.abort(options.signal?.reason)
    if (options.signal?.aborted) forward()
    options.signal?.addEventListener("abort", forward, { once: true })
    inFlight.add(controller)
    return runtime.runPromiseExit(effect, { signal: controller.signal }).then((exit) => {
      inFlight.delete(controller)
      options.signal?.removeEventListener("abort", forward)
      if (Exit.isSuccess(exit)) return exit.value
      if (Cause.hasInterruptsOnly(exit.cause)) {
        throw disposed ? new RuntimeDisposed() : (options.signal?.reason ?? new DOMException("the call was aborted", "AbortError"))
      }
      throw Cause.squash(exit.cause)
    })
  }

  return {
    run,
    generate: (artifact, request, options = {}) =>
      run(Pipeline.use((pipeline) => pipeline.generate(artifact, request, options)), options),
    validate: (artifact, content, params, options = {}) =>
      run(Pipeline.use((pipeline) => pipeline.validate(artifact, content, params, options.prompt === undefined ? {} : { prompt: options.prompt })), options),
    exportAs: (artifact, content, as, params, options) =>
      run(Pipeline.use((pipeline) => pipeline.exportAs(artifact, content, as, params)), options),
    plugins: () => run(Pipeline.useSync((pipeline) => pipeline.plugins)),
    stats: () => run(Stats.use((stats) => stats.snapshot)),
    dispose: () => {
      if (!disposed) {
        for (const controller of inFlight) controller.abort(new RuntimeDisposed())
        disposed = runtime.dispose()
      }
      return disposed
    },
    isDisposed: () => disposed !== undefined
  }
}
