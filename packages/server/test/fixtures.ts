/**
 * Test services: core's pipeline over scripted models and two small plugins (one with a
 * parameter, like `code`'s `language`), composed as `@lfai/stack` composes the real ones.
 */
import { Effect, Layer } from "effect"
import type { LoadedModel } from "@lfai/core"
import {
  defineArtifact,
  verdict,
  type ArtifactPlugin,
  type ConfigOverrides,
  type LocalModelError,
  type ValidationIssue,
  LocalModels,
  ModelControl
} from "@lfai/core"
import { start, type ServeOptions, type StartedServer } from "../src/index.ts"
import { pipelineLayer, scriptedCloud, scriptedLocalModels, wordArtifact, type ScriptedReply } from "@lfai/core/testing"

export const NOTE_MODEL = "mistral:7b-instruct-q4_K_M"
export const SNIPPET_MODEL = "codellama:7b-instruct-q4_K_M"

/**
 * GOOD → 90 (passes); MEH → 60 (below the mark); anything else → a parse error. Exports `csv`
 * (one row per word) and `markdown` (a quote).
 */
export const note: ArtifactPlugin = {
  ...wordArtifact({ id: "note", model: NOTE_MODEL }),
  exports: {
    csv: { contentType: "text/csv; charset=utf-8", description: "one word a row", render: (content) => `word\r\n${content.split(/\s+/).join("\r\n")}\r\n` },
    markdown: { contentType: "text/markdown; charset=utf-8", description: "as a quote", render: (content) => `> ${content}\n` }
  }
}

/** Declares `language` (ts|cs): an answer must start with the language's keyword when one is given. */
export const snippet: ArtifactPlugin = defineArtifact({
  id: "snippet",
  title: "Snippet",
  description: "A test artifact with a parameter",
  model: SNIPPET_MODEL,
  package: { name: "@lfai/server-test", version: "0.0.0" },
  params: { language: ["ts", "cs"] },
  prompt: { system: "Write code.", user: (request) => `${request.params?.language ?? "any"}: ${request.prompt}` },
  extract: (raw) => raw.trim(),
  validate: (content, options) => {
    const language = options?.params?.language
    const wrong = language !== undefined && !content.startsWith(language)
    return verdict(
      { score: wrong ? 10 : 95, issues: wrong ? [{ code: "wrong-type", severity: "error", message: `not ${language}` }] : [] },
      options
    )
  },
  dataset: { domains: ["test"], generate: () => [] }
})

export interface TestServices {
  readonly layer: Layer.Layer<any, any>
  readonly local: ReturnType<typeof scriptedLocalModels>
  readonly cloud: ReturnType<typeof scriptedCloud>
}

/** Tests never fall back to the cloud unless they say so. */
const withoutCloud = (overrides: ConfigOverrides): ConfigOverrides => ({
  ...overrides,
  validation: { enable_cloud_fallback: false, ...overrides.validation }
})

export const services = (
  script: Readonly<Record<string, ReadonlyArray<ScriptedReply<LocalModelError>>>> = { [NOTE_MODEL]: ["GOOD note"], [SNIPPET_MODEL]: ["ts const x = 1"] },
  overrides: ConfigOverrides = {},
  options: { readonly cloud?: ReadonlyArray<ScriptedReply<never>> } = {}
) => {
  const local = scriptedLocalModels(script)
  const cloud = scriptedCloud(options.cloud ?? [])
  const layer = pipelineLayer({ plugins: [note, snippet], local: local.layer, cloud: cloud.layer, config: withoutCloud(overrides) })
  return { layer, local, cloud }
}

export const orDie = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.orDie(effect)

/**
 * Local models that answer only when the gate opens, count their leases per model, and report
 * those leases through `ModelControl.vram` — so a test can see leases in `/v1/vram` and prove
 * every one comes back.
 */
export const gatedModels = (reply = "GOOD gated") => {
  const leases = new Map<string, number>()
  const totals = { acquired: 0, released: 0, calls: 0 }
  let open = false
  let waiters: Array<() => void> = []
  const waitForGate = Effect.callback<void>((resume) => {
    if (open) return resume(Effect.void)
    const waiter = () => resume(Effect.void)
    waiters.push(waiter)
    return Effect.sync(() => void (waiters = waiters.filter((w) => w !== waiter)))
  })
  const vram = Effect.sync(() => {
    const models: Array<LoadedModel> = [...leases].map(([name, count]) => ({ name, sizeVramGb: 4, residency: "on-demand", leases: count, idleSeconds: null, host: "memory://gated" }))
    const usedGb = models.length * 4
    const host = { url: "memory://gated", up: true, usedGb, totalGb: 12, usagePercent: (usedGb / 12) * 100, activeModels: models.map((m) => m.name), models, queued: 0 }
    return { ...host, ollama: "reachable" as const, hosts: [host], warnings: [] }
  })
  const layer = Layer.mergeAll(
    Layer.succeed(LocalModels, {
      url: "memory://gated",
      ensure: () => Effect.void,
      lease: (model) =>
        Effect.acquireRelease(
          Effect.sync(() => {
            totals.acquired++
            leases.set(model, (leases.get(model) ?? 0) + 1)
          }),
          () =>
            Effect.sync(() => {
              totals.released++
              const left = (leases.get(model) ?? 1) - 1
              if (left === 0) leases.delete(model)
              else leases.set(model, left)
            })
        ),
      generate: (request) =>
        Effect.gen(function* () {
          totals.calls++
          yield* waitForGate
          return { text: reply, model: request.model }
        })
    }),
    Layer.succeed(ModelControl, {
      vram,
      health: Effect.succeed("reachable" as const),
      hosts: Effect.succeed([{ url: "memory://gated", up: true }]),
      version: Effect.succeed("fixture"),
      estimate: () => Effect.succeed(0),
      status: (models) =>
        Effect.succeed(
          models.map((name) => ({ name, present: true, loaded: leases.has(name), sizeVramGb: 0, hosts: [{ url: "memory://gated", up: true, present: true, loaded: leases.has(name), sizeVramGb: 0 }] }))
        ),
      pull: () => Effect.void,
      warm: Effect.succeed([])
    })
  )
  return {
    layer,
    totals,
    /** Leases held now, over every model. */
    held: () => [...leases.values()].reduce((sum, count) => sum + count, 0),
    /** Lets every waiting and future call answer. */
    release: () => {
      open = true
      const all = waiters
      waiters = []
      for (const waiter of all) waiter()
    }
  }
}

/** Core's pipeline over the gated models and the two test plugins. */
export const gatedServices = (overrides: ConfigOverrides = {}) => {
  const models = gatedModels()
  const cloud = scriptedCloud([])
  const layer = pipelineLayer({ plugins: [note, snippet], local: models.layer, cloud: cloud.layer, config: withoutCloud(overrides) })
  return { layer, models }
}

export interface Reply {
  readonly status: number
  readonly headers: Headers
  readonly body: any
}

/** One HTTP call; the body is parsed as JSON when it is JSON. */
export const call = async (url: string, init: RequestInit & { readonly json?: unknown } = {}): Promise<Reply> => {
  const { json, ...rest } = init
  const response = await fetch(url, {
    ...rest,
    ...(json === undefined ? {} : { method: rest.method ?? "POST", body: JSON.stringify(json), headers: { "content-type": "application/json", ...(rest.headers as Record<string, string> | undefined) } })
  })
  const text = await response.text()
  const isJson = (response.headers.get("content-type") ?? "").includes("json")
  return { status: response.status, headers: response.headers, body: isJson && text !== "" ? JSON.parse(text) : text }
}

/** Polls until the condition holds (a state to reach, never a timing assertion); fails after `timeoutMs`. */
export const waitFor = async (condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15000): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** Starts a server on 127.0.0.1:0 for the callback and always stops it. */
export const withServer = async <A>(
  options: Omit<ServeOptions<any>, "layer"> & { readonly layer: Layer.Layer<any, any> },
  body: (server: StartedServer) => Promise<A>
): Promise<A> => {
  const server = await start(options)
  try {
    return await body(server)
  } finally {
    await server.close()
  }
}
