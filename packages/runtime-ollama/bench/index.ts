/**
 * runtime-ollama's bench (`npm run bench -- runtime-ollama`):
 *
 * 1. The GPU budget on a generated mixed trace (`makeTrace` from a fixed seed: 1,000 requests over
 *    the four seed models, working sets that shift — synthetic, not recorded from users): model
 *    loads, evictions, peak VRAM against the 12 GiB limit, p50/p99 wait for a lease. Compared like
 *    with like: in the timed simulation against Belady's rule (evict the model needed furthest in
 *    the future) and plain LRU, idle unload and re-warm on both sides or on neither; and on the
 *    request sequence alone (one request at a time, instant loads) against the exact optimum, a
 *    dynamic program over the sets of models that fit — Belady's rule is not optimal when sizes
 *    differ. Sizes are what Ollama reports for the models at num_ctx 4096 (the emulator's figures,
 *    equal to our estimate).
 * 2. The provider's own cost per request (ensure + lease + streamed chat) against calling the
 *    `ollama` client directly, both against the emulator answering at once.
 * 3. A load that hangs (the emulator never answers it): how long until its requests fail and its
 *    slot is released, with `request_timeout_s` 2.
 * 4. Several hosts: the same recorded trace over a simulated cluster of 1, 2 and 3 hosts of
 *    12 GiB (one budget each, the runtime's own placement), as recorded and ten times denser, with
 *    and without one host killed halfway: throughput, model loads, wait for a lease. Then the real
 *    layer over two emulators, one killed halfway through 200 requests: how many are answered.
 */
import { Configs, defaultConfig, LocalModels, type LocalModelError } from "@lfai/core"
import { estimateModelMemory, startOllama } from "@lfai/testkit"
import { Effect, Exit, Layer, ManagedRuntime } from "effect"
import { Ollama } from "ollama"
import { load, quantile, round, sampleMicros, summarise, type BenchResult } from "../../../bench/lib.ts"
import { GpuBudget, layer, layerWith } from "../src/index.ts"
import { lru2Policy, lruPolicy } from "../src/internal/budget.ts"
import { beladyPolicy, makeTrace, optimalLoads, simulate, simulateSequence, type SimOptions, type TraceRequest } from "../src/internal/sim.ts"

const MODELS = ["mistral:7b-instruct-q4_K_M", "codellama:7b-instruct-q4_K_M", "llama3:8b-instruct-q4_K_M", "qwen2.5-coder:7b-instruct-q4_K_M"]
const PERSISTENT = ["codellama:7b-instruct-q4_K_M", "llama3:8b-instruct-q4_K_M"]
const GiB = 2 ** 30
const LIMIT = 12 * GiB
/** The generated trace: this seed, 1,000 requests, mean gap 30 s, mean generation 9 s, 15% stragglers. */
export const TRACE_SEED = 20261124

export const trace = (seed = TRACE_SEED): TraceRequest[] => makeTrace({ seed, requests: 1000, models: MODELS })

const cost = (model: string, numCtx: number) => estimateModelMemory(model, { numCtx }).sizeVram

const common = (): Omit<SimOptions, "policy"> => ({
  limitBytes: LIMIT,
  maxOvertakes: 4,
  persistent: PERSISTENT,
  idleUnloadMs: 300_000,
  queueTimeoutMs: 60_000,
  cost,
  prewarm: PERSISTENT.map((model) => ({ model, numCtx: 4096 }))
})

const eviction = { idleUnloadMs: Infinity, rewarm: false }

/**
 * The same trace under each policy, like with like: the whole budget (idle unload and re-warm) for
 * ours and for Belady's rule; the eviction policies alone (neither) for ours, Belady and LRU; and
 * the request sequence alone for each policy, beside its exact optimum.
 */
export const runBudget = (t: ReadonlyArray<TraceRequest>) => ({
  ours: simulate(t, { ...common(), policy: lru2Policy() }),
  beladyWhole: simulate(t, { ...common(), policy: beladyPolicy }),
  oursPolicyOnly: simulate(t, { ...common(), ...eviction, policy: lru2Policy() }),
  lru: simulate(t, { ...common(), ...eviction, policy: lruPolicy }),
  belady: simulate(t, { ...common(), ...eviction, policy: beladyPolicy }),
  sequence: {
    ours: simulateSequence(t, { ...common(), policy: lru2Policy() }).loads,
    lru: simulateSequence(t, { ...common(), policy: lruPolicy }).loads,
    belady: simulateSequence(t, { ...common(), policy: beladyPolicy }).loads,
    optimum: optimalLoads(t, { limitBytes: LIMIT, cost })
  }
})

const budgetResults = (): BenchResult[] => {
  const t = trace()
  const { ours, beladyWhole, oursPolicyOnly, lru, belady, sequence } = runBudget(t)
  const seconds = (ms: number) => round(ms / 1000, 2)
  // The same comparisons over ten more seeds, for how much one trace's ratios can be trusted.
  const more = Array.from({ length: 10 }, (_, i) => {
    const r = runBudget(trace(TRACE_SEED + 1 + i))
    return {
      whole: r.ours.loads / r.beladyWhole.loads,
      policy: r.oursPolicyOnly.loads / r.belady.loads,
      lru: r.lru.loads / r.belady.loads,
      sequence: r.sequence.ours / r.sequence.optimum,
      beladySequence: r.sequence.belady / r.sequence.optimum
    }
  })
  const mean = (xs: number[]) => round(xs.reduce((a, b) => a + b, 0) / xs.length, 3)
  const worst = (xs: number[]) => round(Math.max(...xs), 3)
  return [
    {
      name: "gpu budget: model loads on the generated trace (1,000 requests, 4 models, 12 GiB)",
      unit: "loads",
      value: ours.loads,
      n: t.length,
      notes: `${ours.loads - ours.warmLoads} on request + ${ours.warmLoads} pre-/re-warms; ${ours.evictions} evictions, ${ours.idleUnloads} idle unloads, ${ours.reloads} reloads; ${ours.served} served, ${ours.timeouts} queue timeouts (60 s); synthetic trace (makeTrace, seed ${TRACE_SEED}), span ${round(t[t.length - 1].at / 3_600_000, 2)} h`
    },
    {
      name: "gpu budget: loads vs Belady's rule, eviction policies alone (ratio; idle unload and re-warm off on both sides)",
      unit: "ratio",
      value: round(oursPolicyOnly.loads / belady.loads, 3),
      n: t.length,
      notes: `timed simulation: LRU-2 ${oursPolicyOnly.loads} vs Belady ${belady.loads}; plain LRU ${round(lru.loads / belady.loads, 3)} (${lru.loads}); the whole budget, idle unload and re-warm on both sides: ours ${ours.loads} vs Belady ${beladyWhole.loads} (${round(ours.loads / beladyWhole.loads, 3)}); mean over 10 more seeds: policies alone ${mean(more.map((r) => r.policy))} (worst ${worst(more.map((r) => r.policy))}), LRU ${mean(more.map((r) => r.lru))}, whole budget ${mean(more.map((r) => r.whole))} (worst ${worst(more.map((r) => r.whole))})`
    },
    {
      name: "gpu budget: loads vs the exact optimum on the request sequence (ratio)",
      unit: "ratio",
      value: round(sequence.ours / sequence.optimum, 3),
      n: t.length,
      notes: `the trace as a plain sequence (one request at a time, instant loads, no idle unload or re-warm): exact optimum ${sequence.optimum} loads (a dynamic program over the sets of models that fit in 12 GiB), LRU-2 ${sequence.ours}, Belady's rule ${sequence.belady} (${round(sequence.belady / sequence.optimum, 3)}: not optimal when sizes differ), plain LRU ${sequence.lru} (${round(sequence.lru / sequence.optimum, 3)}); mean over 10 more seeds: LRU-2 ${mean(more.map((r) => r.sequence))} (worst ${worst(more.map((r) => r.sequence))}), Belady ${mean(more.map((r) => r.beladySequence))}`
    },
    {
      name: "gpu budget: peak VRAM booked vs the 12 GiB limit",
      unit: "GiB",
      value: round(ours.peakBytes / GiB, 2),
      n: t.length,
      notes: `limit 12 GiB; Belady's run (whole budget) peaks at ${round(beladyWhole.peakBytes / GiB, 2)} GiB`
    },
    {
      name: "gpu budget: wait for a lease (simulated; loads 1.5 s + 0.6 s/GiB)",
      unit: "s",
      value: seconds(quantile(ours.waits, 0.5)),
      n: ours.waits.length,
      p50: seconds(quantile(ours.waits, 0.5)),
      p99: seconds(quantile(ours.waits, 0.99)),
      notes: `Belady's rule, whole budget: p50 ${seconds(quantile(beladyWhole.waits, 0.5))} s, p99 ${seconds(quantile(beladyWhole.waits, 0.99))} s`
    }
  ]
}

const overheadResults = async (): Promise<BenchResult[]> => {
  const model = "mistral:7b-instruct-q4_K_M"
  const reply = "```mermaid\nerDiagram\n  BOOK ||--o{ LOAN : has\n  MEMBER ||--o{ LOAN : takes\n```"
  const emulator = await startOllama({ scenario: { gpu_gb: 24, models: { [model]: { replies: [reply] } } } })
  const config = await Effect.runPromise(defaultConfig({ ollama: { base_url: emulator.url, persistent_models: [] } }))
  const runtime = ManagedRuntime.make(layer.pipe(Layer.provide(Configs.layerValue(config))))
  try {
    const system = "You write Mermaid erDiagram code only."
    const prompt = "An ERD for a library: books, members, loans."
    const direct = new Ollama({ host: emulator.url })
    const body = {
      model,
      messages: [{ role: "system", content: system }, { role: "user", content: prompt }],
      keep_alive: "360s",
      options: { num_ctx: 4096, temperature: 0.2 }
    }
    const check = (text: string) => {
      if (text !== reply) throw new Error("unexpected answer")
    }
    const directCall = async () => check((await direct.chat({ ...body, stream: false })).message.content)
    const directStreamed = async () => {
      let text = ""
      for await (const part of await direct.chat({ ...body, stream: true })) text += part.message.content
      check(text)
    }
    const program = (onToken?: (t: string) => void) =>
      Effect.gen(function* () {
        const local = yield* LocalModels
        yield* local.ensure(model)
        return yield* Effect.scoped(
          Effect.andThen(
            local.lease(model, { numCtx: 4096 }),
            local.generate({ model, system, prompt, temperature: 0.2, numCtx: 4096, ...(onToken ? { onToken } : {}) })
          )
        )
      })
    const plain = program()
    const streamed = program(() => {})
    const providerCall = async () => check((await runtime.runPromise(plain)).text)
    const providerStreamed = async () => check((await runtime.runPromise(streamed)).text)
    await providerCall() // loads the model once; both then hit a loaded model

    const compare = async (label: string, bare: () => Promise<void>, ours: () => Promise<void>): Promise<BenchResult[]> => {
      const N = 2000
      const bareSamples: number[] = []
      const ourSamples: number[] = []
      // Interleaved rounds, so drift (GC, JIT, the machine) hits both alike.
      for (let r = 0; r < 4; r++) {
        bareSamples.push(...(await sampleMicros(N / 4, bare, 100)))
        ourSamples.push(...(await sampleMicros(N / 4, ours, 100)))
      }
      const b50 = quantile(bareSamples, 0.5)
      const o50 = quantile(ourSamples, 0.5)
      const b99 = quantile(bareSamples, 0.99)
      const o99 = quantile(ourSamples, 0.99)
      return [
        { name: `ollama: direct \`ollama\` client chat (${label}) against the instant emulator`, unit: "µs", value: round(b50, 1), n: N, p50: round(b50, 1), p99: round(b99, 1) },
        { name: `ollama: provider ensure + lease + generate (${label}) against the instant emulator`, unit: "µs", value: round(o50, 1), n: N, p50: round(o50, 1), p99: round(o99, 1) },
        {
          name: `ollama: provider overhead over the direct client (${label}; p50 ratio)`,
          unit: "ratio",
          value: round(o50 / b50, 3),
          n: N,
          notes: `p50 +${round(o50 - b50, 1)} µs; p99 ratio ${round(o99 / b99, 3)} (+${round(o99 - b99, 1)} µs); sequential calls, interleaved rounds; the emulator runs in the same process`
        }
      ]
    }
    const results: BenchResult[] = [
      ...(await compare("one JSON answer", directCall, providerCall)),
      ...(await compare("streamed, onToken", directStreamed, providerStreamed))
    ]
    for (const concurrency of [1, 16, 64]) {
      const d = await load(1000, concurrency, directCall)
      const p = await load(1000, concurrency, providerCall)
      results.push({
        name: `ollama: provider requests/s at ${concurrency} concurrent caller${concurrency > 1 ? "s" : ""}`,
        unit: "req/s",
        value: round(p.perSecond, 0),
        n: 1000,
        p50: round(quantile(p.latencies, 0.5), 1),
        p99: round(quantile(p.latencies, 0.99), 1),
        notes: `direct client ${round(d.perSecond, 0)} req/s (p50 ${round(quantile(d.latencies, 0.5), 1)} µs, p99 ${round(quantile(d.latencies, 0.99), 1)} µs); latencies in µs`
      })
    }
    return results
  } finally {
    await runtime.dispose()
    await emulator.close()
  }
}

/** A hung load: from the request to its LocalTimeout, and to the slot gone from the budget. */
const hungLoadResults = async (): Promise<BenchResult[]> => {
  const model = MODELS[0]
  const failed: number[] = []
  const released: number[] = []
  for (let i = 0; i < 5; i++) {
    const emu = await startOllama({ scenario: { faults: [{ model, on: "load", kind: "hang" }] } })
    const config = await Effect.runPromise(defaultConfig({ ollama: { base_url: emu.url, persistent_models: [], request_timeout_s: 2 } }))
    const runtime = ManagedRuntime.make(layerWith({ reconcileEveryMs: 0 }).pipe(Layer.provide(Configs.layerValue(config))))
    try {
      const started = performance.now()
      await runtime.runPromise(
        LocalModels.use((local) => Effect.exit(local.generate({ model, system: "", prompt: "x", numCtx: 4096 })))
      )
      failed.push(performance.now() - started)
      for (;;) {
        const snapshot = await runtime.runPromise(GpuBudget.use((gpu) => gpu.snapshot))
        if (snapshot.slots.length === 0) break
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      released.push(performance.now() - started)
    } finally {
      await runtime.dispose()
      await emu.close()
    }
  }
  return [
    summarise("runtime.hung_load.request_failed", "ms", failed, "a load that never answers, request_timeout_s 2: from the request to its LocalTimeout (undici's default was 300 s)"),
    summarise("runtime.hung_load.slot_released", "ms", released, "the same: from the request until the budget holds no slot for the model")
  ]
}

/** The recorded trace over N simulated hosts of 12 GiB; `speed` compresses the arrivals. */
export const runCluster = (t: ReadonlyArray<TraceRequest>, hosts: number, options: { readonly speed?: number; readonly kill?: boolean } = {}) => {
  const speed = options.speed ?? 1
  const timed = speed === 1 ? t : t.map((r) => ({ ...r, at: r.at / speed }))
  return simulate(timed, {
    ...common(),
    hosts: Array.from({ length: hosts }, () => ({ limitBytes: 12 * GiB })),
    policy: () => lru2Policy(),
    // Ollama's default num_parallel: one generation per loaded model at a time; the pipeline's
    // request_timeout_s bounds a generation, its wait for the runner included.
    runnerSlots: 1,
    requestTimeoutMs: 120_000,
    ...(options.kill ? { kill: { host: hosts - 1, at: timed[Math.floor(timed.length / 2)].at } } : {})
  })
}

const clusterResults = (): BenchResult[] => {
  const t = trace()
  const results: BenchResult[] = []
  for (const speed of [1, 10]) {
    for (const kill of [false, true]) {
      for (const hosts of [1, 2, 3]) {
        const r = runCluster(t, hosts, { speed, kill })
        const spanHours = Math.max(r.endMs, t[t.length - 1].at / speed) / 3_600_000
        const lost = t.length - r.completed
        results.push({
          name: `gpu cluster: ${hosts} host${hosts > 1 ? "s" : ""} of 12 GiB, the recorded trace${speed > 1 ? ` ${speed}× denser` : ""}${kill ? ", the last host killed halfway" : ""} (simulated)`,
          unit: "req/h",
          value: round(r.completed / spanHours, 0),
          n: t.length,
          p50: round(quantile(r.waits, 0.5) / 1000, 2),
          p99: round(quantile(r.waits, 0.99) / 1000, 2),
          notes: `throughput: answered requests per hour of the trace; p50/p99: wait for a lease, s. ${r.loads} model loads (${r.warmLoads} pre-/re-warms), ${r.evictions} evictions; answered ${r.completed}/${t.length}${lost > 0 ? ` (lost: ${r.timeouts} queue timeouts, ${r.generationTimeouts} generations past request_timeout_s, ${r.rejected} with no host left)` : ""}${kill ? `; ${r.retried} generations cut by the kill and retried` : ""}; granted per host ${r.perHost.join(" / ")}; peak booked on a host ${round(r.peakBytes / GiB, 2)} GiB (limit 12)`
        })
      }
    }
  }
  return results
}

/** The real layer over two emulators; one is killed halfway through 200 requests (the pipeline's retry once on a transient error). */
const failoverResults = async (): Promise<BenchResult[]> => {
  const models = MODELS.filter((m) => !m.startsWith("codellama"))
  const scenario = { models: Object.fromEntries(models.map((m) => [m, { replies: [`answer from ${m}`], latency_ms: 10 }])) }
  const emulators = [await startOllama({ scenario }), await startOllama({ scenario })]
  const config = await Effect.runPromise(
    defaultConfig({ ollama: { hosts: emulators.map((emu) => ({ url: emu.url })), persistent_models: [], request_timeout_s: 10, queue_timeout_s: 30 } })
  )
  const runtime = ManagedRuntime.make(layerWith({ reconcileEveryMs: 0, backoffMs: 60_000 }).pipe(Layer.provide(Configs.layerValue(config))))
  try {
    const once = (model: string, i: number) =>
      LocalModels.use((local) =>
        Effect.andThen(
          local.ensure(model),
          Effect.scoped(Effect.andThen(local.lease(model, { numCtx: 4096 }), local.generate({ model, system: "", prompt: `request ${i}`, numCtx: 4096 })))
        )
      )
    const request = (i: number) => {
      const model = models[i % models.length]
      const attempt = once(model, i)
      return attempt.pipe(Effect.catchTag("LocalTransient", () => attempt))
    }
    const latencies: number[] = []
    let answered = 0
    const runs = Array.from({ length: 200 }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * 20))
      if (i === 100) void emulators[1].close()
      const started = performance.now()
      const exit: Exit.Exit<unknown, LocalModelError> = await runtime.runPromiseExit(request(i))
      latencies.push(performance.now() - started)
      if (Exit.isSuccess(exit)) answered += 1
    })
    await Promise.all(runs)
    const afterKill = latencies.slice(100)
    return [
      {
        name: "ollama: the real layer over 2 emulators, one killed halfway through 200 requests: answered",
        unit: "requests",
        value: answered,
        n: 200,
        p50: round(quantile(afterKill, 0.5), 1),
        p99: round(quantile(afterKill, 0.99), 1),
        notes: `p50/p99: latency in ms of the requests started after the kill (the host is found down by the first calls that meet it: a refused connection marks it down at once); all 200: p50 ${round(quantile(latencies, 0.5), 1)} ms, p99 ${round(quantile(latencies, 0.99), 1)} ms; a request every 20 ms, emulated generations take 10 ms`
      }
    ]
  } finally {
    await runtime.dispose()
    await Promise.all(emulators.map((emu) => emu.close()))
  }
}

export default async (): Promise<BenchResult[]> => [
  ...budgetResults(),
  ...clusterResults(),
  ...(await overheadResults()),
  ...(await hungLoadResults()),
  ...(await failoverResults())
]
