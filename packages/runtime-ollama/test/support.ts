/** Shared setup: an Ollama emulator, the config pointing at it, and the layer built on both. */
import { Configs, defaultConfig, LocalModels, ModelControl, type ConfigFile, type ConfigOverrides } from "@lfai/core"
import { startOllama, type OllamaEmulatorHandle, type OllamaScenario } from "@lfai/testkit"
import { Context, Effect, Layer, type Scope } from "effect"
import { GpuBudget, layerWith, type OllamaOptions } from "../src/index.ts"

export const MISTRAL = "mistral:7b-instruct-q4_K_M"
export const CODELLAMA = "codellama:7b-instruct-q4_K_M"
export const LLAMA3 = "llama3:8b-instruct-q4_K_M"
export const QWEN = "qwen2.5-coder:7b-instruct-q4_K_M"
export const SEED = [MISTRAL, CODELLAMA, LLAMA3, QWEN] as const
export const GiB = 2 ** 30

export interface Setup {
  readonly emu: OllamaEmulatorHandle
  readonly local: LocalModels["Service"]
  readonly control: ModelControl["Service"]
  readonly gpu: GpuBudget["Service"]
}

/** An emulator for the test's scope; `port` starts one where another was (a server that comes back). */
export const emulator = (scenario: OllamaScenario = {}, port?: number): Effect.Effect<OllamaEmulatorHandle, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.promise(() => startOllama({ scenario, ...(port !== undefined ? { port } : {}) })),
    (emu) => Effect.promise(() => emu.close())
  )

/**
 * Starts an emulator (unless `url` points elsewhere) and builds the layer against it, in the
 * test's scope: the layer closes first, then the emulator.
 */
export const setup = (args: {
  readonly scenario?: OllamaScenario
  readonly ollama?: Partial<ConfigFile["ollama"]>
  /** The config's `artifacts` section (routing overrides: model, alternates). */
  readonly artifacts?: ConfigOverrides["artifacts"]
  readonly options?: OllamaOptions
  readonly url?: string
}): Effect.Effect<Setup, never, Scope.Scope> =>
  Effect.gen(function* () {
    const emu = yield* emulator(args.scenario)
    const config = yield* Effect.orDie(
      defaultConfig({ ollama: { base_url: args.url ?? emu.url, ...args.ollama }, ...(args.artifacts ? { artifacts: args.artifacts } : {}) })
    )
    const context = yield* Layer.build(layerWith({ reconcileEveryMs: 0, ...args.options }).pipe(Layer.provide(Configs.layerValue(config))))
    return { emu, local: Context.get(context, LocalModels), control: Context.get(context, ModelControl), gpu: Context.get(context, GpuBudget) }
  })

export interface Services {
  readonly local: LocalModels["Service"]
  readonly control: ModelControl["Service"]
  readonly gpu: GpuBudget["Service"]
}

export interface HostSpec {
  readonly vram_limit_gb?: number
  readonly persistent_models?: ReadonlyArray<string>
}

/** The layer over the servers at `urls` (one host each, `ollama.hosts`), built in the current scope. */
export const servicesFor = (args: {
  readonly urls: ReadonlyArray<string>
  readonly hosts?: ReadonlyArray<HostSpec>
  readonly ollama?: Omit<Partial<ConfigFile["ollama"]>, "hosts" | "base_url">
  readonly options?: OllamaOptions
}): Effect.Effect<Services, never, Scope.Scope> =>
  Effect.gen(function* () {
    const config = yield* Effect.orDie(
      defaultConfig({
        ollama: {
          ...args.ollama,
          hosts: args.urls.map((url, index) => {
            const host = args.hosts?.[index] ?? {}
            return {
              url,
              ...(host.vram_limit_gb !== undefined ? { vram_limit_gb: host.vram_limit_gb } : {}),
              ...(host.persistent_models !== undefined ? { persistent_models: host.persistent_models } : {})
            }
          })
        }
      })
    )
    const context = yield* Layer.build(layerWith({ reconcileEveryMs: 0, ...args.options }).pipe(Layer.provide(Configs.layerValue(config))))
    return { local: Context.get(context, LocalModels), control: Context.get(context, ModelControl), gpu: Context.get(context, GpuBudget) }
  })

/** Several emulators, one per host (each with its scenario), and the layer over all of them, in the test's scope. */
export const setupHosts = (args: {
  readonly hosts: ReadonlyArray<HostSpec & { readonly scenario?: OllamaScenario }>
  readonly ollama?: Omit<Partial<ConfigFile["ollama"]>, "hosts" | "base_url">
  readonly options?: OllamaOptions
}): Effect.Effect<Services & { readonly emus: ReadonlyArray<OllamaEmulatorHandle> }, never, Scope.Scope> =>
  Effect.gen(function* () {
    const emus = yield* Effect.forEach(args.hosts, (host) => emulator(host.scenario))
    const services = yield* servicesFor({ urls: emus.map((emu) => emu.url), hosts: args.hosts, ...(args.ollama ? { ollama: args.ollama } : {}), ...(args.options ? { options: args.options } : {}) })
    return { emus, ...services }
  })

/** Polls `check` until it holds (every 20 ms, at most `limitMs` — a ceiling against hangs, not a timing assertion). */
export const eventually = <E, R>(check: Effect.Effect<boolean, E, R>, what: string, limitMs = 15_000): Effect.Effect<void, E | Error, R> =>
  Effect.gen(function* () {
    const deadline = Date.now() + limitMs
    while (!(yield* check)) {
      if (Date.now() > deadline) return yield* Effect.fail(new Error(`never happened: ${what}`))
      yield* Effect.sleep(20)
    }
  })

/** What the emulator's GPU holds, GiB. */
export const emulatorVram = (emu: OllamaEmulatorHandle): number => emu.state().loaded.reduce((sum, m) => sum + m.sizeVram, 0) / GiB

/**
 * A TCP proxy in front of a server that remembers, per connection, whether it carried a given
 * request line and whether the client closed it: proof that an aborted HTTP request really went.
 */
export const tcpProxy = (target: string): Effect.Effect<{ readonly url: string; readonly connections: () => ReadonlyArray<{ readonly firstLine: string; readonly closed: boolean }> }, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.promise(async () => {
      const { createServer, connect } = await import("node:net")
      const { port, hostname } = new URL(target)
      const connections: Array<{ firstLine: string; closed: boolean }> = []
      const sockets = new Set<import("node:net").Socket>()
      const server = createServer((client) => {
        const record = { firstLine: "", closed: false }
        connections.push(record)
        const upstream = connect(Number(port), hostname)
        sockets.add(client)
        sockets.add(upstream)
        client.on("data", (chunk: Buffer) => {
          const text = chunk.toString("latin1")
          const line = text.split("\r\n")[0]
          if (/^[A-Z]+ \//.test(line)) record.firstLine = line
        })
        client.pipe(upstream)
        upstream.pipe(client)
        const close = () => {
          record.closed = true
          client.destroy()
          upstream.destroy()
        }
        client.on("close", close)
        client.on("error", close)
        upstream.on("close", () => client.destroy())
        upstream.on("error", () => client.destroy())
      })
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
      const address = server.address() as import("node:net").AddressInfo
      return {
        url: `http://127.0.0.1:${address.port}`,
        connections: () => connections,
        close: () =>
          new Promise<void>((resolve) => {
            for (const socket of sockets) socket.destroy()
            server.close(() => resolve())
          })
      }
    }),
    (proxy) => Effect.promise(() => proxy.close())
  )
