/**
 * HTTP overhead of the server: requests/s and p50/p99 of POST /v1/artifacts/<artifact> at 1, 16
 * and 64 concurrent clients against an instant model, and the ratio to the same pipeline called
 * in-process through core's ManagedRuntime. The server runs in a child process; clients use
 * fetch with keep-alive. A bare node:http server measured with the same client shows the
 * ceiling of the load generator itself. Then the same over the standard stack (`@lfai/stack`, the
 * real `erd` plugin, the Ollama client and budget) against the instant Ollama emulator, which
 * answers every request with an ERD of its own, so each one is parsed and scored.
 */
import { spawn } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { load, round, summarise, throughput, type BenchResult } from "../../../bench/lib.ts"
import { makeRuntime } from "@lfai/core"
import { createLfai } from "@lfai/stack"
import { distinctErd, scenario, stackOptions } from "./erd.ts"
import { ARTIFACT, instantLayer } from "./instant.ts"
import protocols from "./protocols.ts"

const REQUESTS = 4000
const WARMUP = 500
const LEVELS = [1, 16, 64]

const startProcess = async (script: string, args: ReadonlyArray<string> = [], env: Record<string, string> = {}) => {
  const child = spawn(process.execPath, [script.startsWith("/") ? script : join(import.meta.dirname, script), ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, ...env }
  })
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve)
    child.once("exit", (code) => reject(new Error(`the bench server exited with ${code}`)))
  })
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve())
        child.kill("SIGTERM")
      })
  }
}

export default async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = []
  const runtime = makeRuntime(instantLayer())
  const inProcess = new Map<number, number>()
  try {
    const direct = () => runtime.generate(ARTIFACT, { prompt: "an instant request" })
    await load(WARMUP, 16, direct)
    for (const concurrency of LEVELS) {
      const { perSecond, result } = await throughput(
        `server.inprocess.c${concurrency}`,
        `the same pipeline called in-process (ManagedRuntime), ${concurrency} concurrent callers; p50/p99 in µs`,
        REQUESTS,
        concurrency,
        direct
      )
      inProcess.set(concurrency, perSecond)
      results.push(result)
    }
  } finally {
    await runtime.dispose()
  }

  const body = JSON.stringify({ prompt: "an instant request" })
  const poster = (url: string) => async () => {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body })
    if (response.status !== 200) throw new Error(`status ${response.status}: ${await response.text()}`)
    await response.arrayBuffer()
  }

  const baselineRate = new Map<number, number>()
  const baseline = await startProcess("baseline-process.ts")
  try {
    const post = poster(`${baseline.url}/v1/artifacts/${ARTIFACT}`)
    await load(WARMUP, 16, post)
    for (const concurrency of LEVELS) {
      const { perSecond, result } = await throughput(
        `server.baseline_node_http.c${concurrency}`,
        `a bare node:http JSON echo with the same client and concurrency: the ceiling of this load generator on this machine; p50/p99 in µs`,
        REQUESTS,
        concurrency,
        post
      )
      baselineRate.set(concurrency, perSecond)
      results.push(result)
    }
  } finally {
    await baseline.stop()
  }

  const server = await startProcess("server-process.ts")
  try {
    const post = poster(`${server.url}/v1/artifacts/${ARTIFACT}`)
    await load(WARMUP, 16, post)
    for (const concurrency of LEVELS) {
      const { perSecond, result } = await throughput(
        `server.http.c${concurrency}`,
        (rate) =>
          `POST /v1/artifacts/${ARTIFACT}, ${concurrency} concurrent keep-alive clients, instant model, server in its own process; p50/p99 in µs; ${round(rate / (inProcess.get(concurrency) ?? Number.NaN), 3)}× the in-process rate, ${round(rate / (baselineRate.get(concurrency) ?? Number.NaN), 3)}× the bare node:http baseline`,
        REQUESTS,
        concurrency,
        post
      )
      const ratio = perSecond / (inProcess.get(concurrency) ?? Number.NaN)
      results.push(result)
      results.push({
        name: `server.http_vs_inprocess.c${concurrency}`,
        unit: "ratio",
        value: round(ratio, 3),
        notes: "HTTP requests/s divided by in-process calls/s at the same concurrency (1 = no overhead)"
      })
    }
  } finally {
    await server.stop()
  }

  results.push(...(await stackBench(poster)))
  results.push(...(await protocols()))
  return results
}

/**
 * The same measurement over the standard stack: the real `erd` plugin (mermaid parse and scoring
 * on every answer), the Ollama layer through the `ollama` client and the VRAM budget, against the
 * testkit's Ollama emulator answering at once in a process of its own.
 */
const stackBench = async (poster: (url: string) => () => Promise<void>): Promise<BenchResult[]> => {
  const results: BenchResult[] = []
  const dir = mkdtempSync(join(tmpdir(), "lfai-server-bench-"))
  const scenarioFile = join(dir, "scenario.json")
  // A distinct answer for every call below (warm-ups included): none is judged from the parse cache.
  writeFileSync(scenarioFile, JSON.stringify(scenario(2 * (WARMUP + LEVELS.length * (REQUESTS / 2)) + 100)))
  const testkitCli = join(import.meta.dirname, "..", "..", "testkit", "bin", "lfai-testkit.js")
  const ollama = await startProcess(testkitCli, ["ollama", "--scenario", scenarioFile])
  try {
    const inProcess = new Map<number, number>()
    const lfai = await createLfai(stackOptions(ollama.url))
    try {
      const direct = () => lfai.generate("erd", { prompt: "an online shop" })
      await load(WARMUP, 16, direct)
      for (const concurrency of LEVELS) {
        const { perSecond, result } = await throughput(
          `server.stack.inprocess.c${concurrency}`,
          `createLfai() (the standard stack) called in-process, erd against the instant Ollama emulator answering a distinct ERD each time (parsed, never from the cache), ${concurrency} concurrent callers; p50/p99 in µs`,
          REQUESTS / 2,
          concurrency,
          direct
        )
        inProcess.set(concurrency, perSecond)
        results.push(result)
      }
    } finally {
      await lfai.dispose()
    }

    const server = await startProcess("stack-process.ts", [], { OLLAMA_URL: ollama.url })
    try {
      const post = poster(`${server.url}/v1/artifacts/erd`)
      await load(WARMUP, 16, post)
      for (const concurrency of LEVELS) {
        const { perSecond, result } = await throughput(
          `server.stack.http.c${concurrency}`,
          (rate) =>
            `POST /v1/artifacts/erd over the standard stack against the instant Ollama emulator answering a distinct ERD each time, ${concurrency} concurrent keep-alive clients; p50/p99 in µs; ${round(rate / (inProcess.get(concurrency) ?? Number.NaN), 3)}× the in-process rate`,
          REQUESTS / 2,
          concurrency,
          post
        )
        const ratio = perSecond / (inProcess.get(concurrency) ?? Number.NaN)
        results.push(result)
        results.push({
          name: `server.stack.http_vs_inprocess.c${concurrency}`,
          unit: "ratio",
          value: round(ratio, 3),
          notes: "HTTP requests/s over the stack divided by createLfai().generate calls/s at the same concurrency"
        })
      }
      results.push(...(await hostileBench(server.url)))
    } finally {
      await server.stop()
    }
    results.push(...(await validationBench(ollama.url)))
  } finally {
    await ollama.stop()
  }
  return results
}

const NESTED_BOMB = ["flowchart TD", ...Array(3000).fill("subgraph X"), "A --> B", ...Array(3000).fill("end")].join("\n")

/** The deepest, longest flowchart the parser is still given (depth 50, ~2,000 lines): the worst a caller can send now. */
const deepest = (salt: number) => {
  const lines = ["flowchart TD"]
  for (let k = 0; lines.length + 101 < 2000; k++) {
    for (let i = 0; i < 50; i++) lines.push(`subgraph S${salt}_${k}_${i}`)
    lines.push(`A${k} --> B${k}`)
    for (let i = 0; i < 50; i++) lines.push("end")
  }
  return lines.join("\n")
}

const timed = async (f: () => Promise<unknown>) => {
  const started = performance.now()
  await f()
  return performance.now() - started
}

/**
 * Hostile documents against the stack server: the verdict time of the 45 KB nested flowchart
 * (46 s of parsing before the guard), and /healthz latency while the worst document the guard
 * lets through is being validated (the pool keeps it off the event loop).
 */
const hostileBench = async (url: string): Promise<BenchResult[]> => {
  const validate = (content: string) => async () => {
    const response = await fetch(`${url}/v1/validate/architecture`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ content }) })
    if (response.status !== 200) throw new Error(`status ${response.status}`)
    await response.arrayBuffer()
  }
  const health = async () => void (await (await fetch(`${url}/healthz`)).arrayBuffer())
  const bomb: number[] = []
  for (let i = 0; i < 5; i++) bomb.push(await timed(validate(NESTED_BOMB)))
  const deep: number[] = []
  const during: number[] = []
  for (let i = 0; i < 10; i++) {
    let busy = true
    const verdict = timed(validate(deepest(i))).then((ms) => {
      busy = false
      deep.push(ms)
    })
    while (busy) during.push(await timed(health))
    await verdict
  }
  return [
    summarise("server.hostile.nested_bomb_verdict", "ms", bomb, "POST /v1/validate/architecture with 3,000 nested subgraphs (45 KB): refused as too-deep before mermaid parses it (46 s before the guard)"),
    summarise("server.hostile.deepest_allowed_verdict", "ms", deep, "the deepest, longest flowchart the guard lets through (50 nested subgraphs, ~2,000 lines), distinct each time: parsed on the validation pool"),
    summarise("server.hostile.healthz_during_validation", "ms", during, "GET /healthz latency, one after another, while that document is validated (25 s before the pool, behind the nested document)")
  ]
}

/** Validation throughput of the real erd validator on distinct documents: on the pool, and on the calling thread. */
const validationBench = async (ollamaUrl: string): Promise<BenchResult[]> => {
  const results: BenchResult[] = []
  const documents = Array.from({ length: 2200 }, (_, i) => distinctErd(i))
  for (const [label, pool] of [["pool", {}], ["inthread", { size: 0 }]] as const) {
    const lfai = await createLfai({ ...stackOptions(ollamaUrl), pool })
    try {
      let next = 0
      // 200 warm-ups and 2,000 measured calls: each document once.
      const one = () => lfai.validate("erd", documents[next++ % documents.length])
      await load(200, 16, one)
      const { result } = await throughput(
        `server.stack.validate.${label}.c16`,
        `createLfai().validate("erd", …) on distinct documents, 16 concurrent callers, ${label === "pool" ? "on the validation pool (workers = cores)" : "on the calling thread (pool size 0)"}; p50/p99 in µs`,
        2000,
        16,
        one
      )
      results.push(result)
    } finally {
      await lfai.dispose()
    }
  }
  return results
}
