/**
 * testkit benchmarks (`npm run bench -- testkit`): requests/s of the Ollama emulator's
 * /api/generate (stream: false, instant reply) at 64 concurrent callers, and the emulator's memory
 * after 10,000 requests against its memory after a 10,000-request warm-up (the request log is a
 * bounded ring buffer, so nothing may grow).
 */
import { fork } from "node:child_process"
import { join } from "node:path"
import { load, quantile, round, type BenchResult } from "../../../bench/lib.ts"

interface Memory {
  readonly rss: number
  readonly heapUsed: number
  readonly heapTotal: number
  readonly external: number
}

const MB = 2 ** 20

export default async (): Promise<Array<BenchResult>> => {
  const child = fork(join(import.meta.dirname, "emulator-process.ts"), [], { execArgv: ["--expose-gc"], stdio: ["ignore", "inherit", "inherit", "ipc"] })
  const next = () => new Promise<Record<string, any>>((resolve) => child.once("message", (m) => resolve(m as Record<string, any>)))
  try {
    const { url } = await next()
    const body = JSON.stringify({ model: "mistral:7b-instruct-q4_K_M", prompt: "Draw an ERD of customers and orders.", stream: false, options: { num_ctx: 4096 } })
    const generate = async () => {
      const response = await fetch(`${url}/api/generate`, { method: "POST", headers: { "content-type": "application/json" }, body })
      const json = (await response.json()) as { done?: boolean }
      if (response.status !== 200 || json.done !== true) throw new Error(`unexpected answer ${response.status}`)
    }
    const memory = async (): Promise<{ memory: Memory; logged: number }> => {
      const reply = next()
      child.send("memory")
      return (await reply) as { memory: Memory; logged: number }
    }
    // warm-up: JIT, connection pool, V8's heap sizing, and the request log filled to its cap (2048)
    await load(10_000, 64, generate)
    const before = await memory()
    const run = await load(10_000, 64, generate)
    const after = await memory()
    const mb = (b: number) => round(b / MB, 1)
    const n = run.latencies.length
    return [
      {
        name: "ollama emulator: /api/generate (stream: false, instant reply), 64 concurrent callers",
        unit: "req/s",
        value: round(run.perSecond, 0),
        n,
        p50: round(quantile(run.latencies, 0.5) / 1000, 2),
        p99: round(quantile(run.latencies, 0.99) / 1000, 2),
        notes: "p50/p99 in ms per request; emulator in its own process, load generator (fetch, keep-alive) in the bench process, same machine"
      },
      {
        name: "ollama emulator: RSS after 10,000 requests",
        unit: "MB",
        value: mb(after.memory.rss),
        n,
        notes: `after warm-up (10,000 requests): ${mb(before.memory.rss)} MB; growth ${mb(after.memory.rss - before.memory.rss)} MB; V8 heap reserved ${mb(before.memory.heapTotal)} → ${mb(after.memory.heapTotal)} MB`
      },
      {
        name: "ollama emulator: heap used after 10,000 requests",
        unit: "MB",
        value: mb(after.memory.heapUsed),
        n,
        notes: `after warm-up: ${mb(before.memory.heapUsed)} MB; growth ${mb(after.memory.heapUsed - before.memory.heapUsed)} MB (after a full GC); request log holds ${after.logged} entries (cap 2048)`
      }
    ]
  } finally {
    child.send("stop")
    await new Promise((resolve) => child.once("exit", resolve))
  }
}
