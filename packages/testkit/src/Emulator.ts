/**
 * Starting and stopping the emulators: plain promises for any test runner, and Effect services
 * (scoped: started on acquire, stopped on release) for Effect code.
 */
import { Context, Effect, Layer, type Scope } from "effect"
import { loadScenario, type FaultEntry, type GeminiScenario, type OllamaScenario } from "./Scenario.ts"
import { GeminiApi } from "./internal/gemini.ts"
import { listen } from "./internal/http.ts"
import type { RequestLogEntry } from "./internal/log.ts"
import { OllamaApi, type OllamaState } from "./internal/ollama.ts"

export type { RequestLogEntry } from "./internal/log.ts"
export type { LoadedModelState, OllamaState } from "./internal/ollama.ts"
export { DEFAULT_LOG_LIMIT } from "./internal/log.ts"
export { OLLAMA_VERSION } from "./internal/ollama.ts"

/** What a running emulator offers its tests. */
export interface EmulatorHandle {
  /** `http://127.0.0.1:PORT` — Ollama's `host`, or genai's `httpOptions.baseUrl`. */
  readonly url: string
  readonly port: number
  readonly host: string
  /** The request log (oldest first, the newest `requestLogLimit` kept), as GET /_emulator/requests. */
  readonly requests: () => ReadonlyArray<RequestLogEntry>
  readonly clearRequests: () => void
  /** Appends fault entries (same rules as the scenario's `faults`). */
  readonly injectFaults: (faults: ReadonlyArray<FaultEntry>) => void
  /** Fault entries with uses left. */
  readonly pendingFaults: () => ReadonlyArray<FaultEntry & { readonly left: number }>
  /** Stops listening and drops every open connection (hung requests included). Idempotent. */
  readonly close: () => Promise<void>
}

export interface OllamaEmulatorHandle extends EmulatorHandle {
  /** The emulated GPU: loaded models, their sizes and expiry, VRAM in use (as GET /_emulator/state). */
  readonly state: () => OllamaState
}

export interface StartOllamaOptions {
  readonly scenario?: OllamaScenario | undefined
  /** 0 (default): a free port. */
  readonly port?: number | undefined
  /** Default 127.0.0.1. */
  readonly host?: string | undefined
  /** The clock, in ms, that keep-alive expiry runs on (default Date.now). */
  readonly now?: (() => number) | undefined
  /** Request log capacity (default 2048 entries). */
  readonly requestLogLimit?: number | undefined
  /** What /api/version reports (default the Ollama release whose memory estimate is emulated). */
  readonly version?: string | undefined
}

export interface StartGeminiOptions {
  readonly scenario?: GeminiScenario | undefined
  readonly port?: number | undefined
  readonly host?: string | undefined
  readonly now?: (() => number) | undefined
  readonly requestLogLimit?: number | undefined
}

/** Puts an emulated API on the wire and hands its tests the controls both emulators share. */
const serve = async (api: OllamaApi | GeminiApi, options: { readonly port?: number | undefined; readonly host?: string | undefined }): Promise<EmulatorHandle> => {
  const listening = await listen(api.handle, options.port ?? 0, options.host ?? "127.0.0.1", () => api.shutdown())
  return {
    url: listening.url,
    port: listening.port,
    host: listening.host,
    requests: () => api.log.list(),
    clearRequests: () => api.log.clear(),
    injectFaults: (faults) => api.faults.add(faults),
    pendingFaults: () => api.faults.pending(),
    close: listening.close
  }
}

/** Starts an Ollama emulator on loopback. */
export const startOllama = async (options: StartOllamaOptions = {}): Promise<OllamaEmulatorHandle> => {
  const api = new OllamaApi(options)
  return { ...(await serve(api, options)), state: () => api.state() }
}

/** Starts a Gemini emulator on loopback. */
export const startGemini = (options: StartGeminiOptions = {}): Promise<EmulatorHandle> => serve(new GeminiApi(options), options)

export interface DemoHandles {
  readonly ollama: OllamaEmulatorHandle
  readonly gemini: EmulatorHandle
  /** Closes both. */
  readonly close: () => Promise<void>
}

/** Both emulators with the shipped demo scenario (`--scenario demo`), on free ports. */
export const startDemo = async (): Promise<DemoHandles> => {
  const scenario = await loadScenario("demo")
  const ollama = await startOllama({ scenario: scenario.ollama })
  const gemini = await startGemini({ scenario: scenario.gemini }).catch(async (error: unknown) => {
    await ollama.close()
    throw error
  })
  return { ollama, gemini, close: async () => void (await Promise.all([ollama.close(), gemini.close()])) }
}

/**
 * The Ollama emulator as an Effect service. `OllamaEmulator.make(options)` is a scoped effect
 * (started on acquire, closed when the scope closes); `OllamaEmulator.layer(options)` provides the
 * service; `yield* OllamaEmulator` reads it.
 */
export class OllamaEmulator extends Context.Service<OllamaEmulator, OllamaEmulatorHandle>()("@lfai/testkit/OllamaEmulator") {
  static readonly make = (options: StartOllamaOptions = {}): Effect.Effect<OllamaEmulatorHandle, never, Scope.Scope> =>
    Effect.acquireRelease(
      Effect.promise(() => startOllama(options)),
      (handle) => Effect.promise(() => handle.close())
    )

  static readonly layer = (options: StartOllamaOptions = {}): Layer.Layer<OllamaEmulator> => Layer.effect(OllamaEmulator, OllamaEmulator.make(options))
}

/** The Gemini emulator as an Effect service (see OllamaEmulator). */
export class GeminiEmulator extends Context.Service<GeminiEmulator, EmulatorHandle>()("@lfai/testkit/GeminiEmulator") {
  static readonly make = (options: StartGeminiOptions = {}): Effect.Effect<EmulatorHandle, never, Scope.Scope> =>
    Effect.acquireRelease(
      Effect.promise(() => startGemini(options)),
      (handle) => Effect.promise(() => handle.close())
    )

  static readonly layer = (options: StartGeminiOptions = {}): Layer.Layer<GeminiEmulator> => Layer.effect(GeminiEmulator, GeminiEmulator.make(options))
}
