/**
 * What the ecosystem's protocols cost over lfai's own API (the server, and the emulator, in
 * processes of their own):
 *
 * - `POST /v1/chat/completions` (plain and streamed) against `POST /v1/artifacts/<artifact>`:
 *   requests/s, p50/p99 and the p50 added, at 1 and 16 concurrent clients — with an instant model
 *   (the HTTP layer alone), then on the standard stack against the instant Ollama emulator. They
 *   run in alternating rounds, so a machine that gets busier mid-run weighs on each alike.
 * - MCP's `validate_artifact` over Streamable HTTP (the SDK's own client) against
 *   `POST /v1/validate/erd` on the stack, one call after another, on distinct documents.
 */
import { spawn } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { Client } from "@modelcontextprotocol/sdk/client/index.js"
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js"
import { load, quantile, round, summarise, type BenchResult } from "../../../bench/lib.ts"
import { distinctErd as erd, scenario } from "./erd.ts"
import { ARTIFACT } from "./instant.ts"

const ROUNDS = 10
const PER_ROUND = 100
const MCP_CALLS = 600
const NAMES = ["artifacts", "chat", "stream"] as const

const startProcess = async (script: string, args: ReadonlyArray<string>, env: Record<string, string> = {}) => {
  const child = spawn(process.execPath, [script, ...args], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...env } })
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve)
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)))
  })
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once("exit", () => resolve())
      child.kill("SIGTERM")
    })
  return { url, stop }
}

const post = (url: string, body: unknown, read: (response: Response) => Promise<unknown> = (response) => response.arrayBuffer()) => {
  const text = JSON.stringify(body)
  return async () => {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: text })
    if (response.status !== 200) throw new Error(`${url}: status ${response.status}: ${await response.text()}`)
    await read(response)
  }
}

/**
 * Each call in turn, round after round, at the same concurrency: a machine that gets busier (or
 * quieter) mid-run weighs on every one alike. Latencies in µs, and the time each spent running.
 */
const alternating = async (calls: Record<(typeof NAMES)[number], () => Promise<void>>, concurrency: number) => {
  const measured = Object.fromEntries(NAMES.map((name) => [name, { latencies: [] as Array<number>, milliseconds: 0 }])) as Record<
    (typeof NAMES)[number],
    { latencies: Array<number>; milliseconds: number }
  >
  for (let round_ = 0; round_ < ROUNDS; round_++) {
    for (const name of NAMES) {
      const { latencies, perSecond } = await load(PER_ROUND, concurrency, calls[name])
      measured[name].latencies.push(...latencies)
      measured[name].milliseconds += (PER_ROUND / perSecond) * 1000
    }
  }
  return measured
}

const micros = async (f: () => Promise<unknown>) => {
  const started = process.hrtime.bigint()
  await f()
  return Number(process.hrtime.bigint() - started) / 1000
}

/**
 * The OpenAI-compatible route against lfai's own on one server, for one artifact: requests/s,
 * p50/p99 and the p50 added, at 1 and 16 clients, named `server.protocols.<setup>.*`.
 */
const compare = async (url: string, artifact: string, prompt: string, setup: string, where: string): Promise<BenchResult[]> => {
  const results: BenchResult[] = []
  const messages = [{ role: "user", content: prompt }]
  const calls = {
    artifacts: post(`${url}/v1/artifacts/${artifact}`, { prompt }),
    chat: post(`${url}/v1/chat/completions`, { model: `lfai/${artifact}`, messages }),
    stream: post(`${url}/v1/chat/completions`, { model: `lfai/${artifact}`, messages, stream: true }, async (response) => {
      const text = await response.text()
      if (!text.endsWith("data: [DONE]\n\n")) throw new Error("the stream did not end with [DONE]")
    })
  }
  for (const call of Object.values(calls)) for (let i = 0; i < 100; i++) await call()
  const described = {
    artifacts: `POST /v1/artifacts/${artifact}`,
    chat: `POST /v1/chat/completions (model lfai/${artifact})`,
    stream: "the same with stream: true, read to data: [DONE]"
  }
  for (const concurrency of [1, 16]) {
    const measured = await alternating(calls, concurrency)
    for (const name of NAMES) {
      const { latencies, milliseconds } = measured[name]
      results.push({
        name: `server.protocols.${setup}.${name}.c${concurrency}`,
        unit: "requests/s",
        value: round((latencies.length / milliseconds) * 1000, 0),
        n: latencies.length,
        p50: round(quantile(latencies, 0.5)),
        p99: round(quantile(latencies, 0.99)),
        notes: `${described[name]}, ${concurrency} keep-alive client(s), ${where}, in alternating rounds with the others; p50/p99 in µs`
      })
    }
    for (const name of ["chat", "stream"] as const) {
      results.push({
        name: `server.protocols.${setup}.${name}_added_p50.c${concurrency}`,
        unit: "µs",
        value: round(quantile(measured[name].latencies, 0.5) - quantile(measured.artifacts.latencies, 0.5)),
        notes: `p50 of ${described[name]} minus p50 of ${described.artifacts} at ${concurrency} client(s), ${where}: what the OpenAI shape adds to the same generation`
      })
    }
  }
  return results
}

export default async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = []
  const instant = await startProcess(join(import.meta.dirname, "server-process.ts"), [])
  try {
    results.push(...(await compare(instant.url, ARTIFACT, "an instant request", "instant", "an instant in-memory model and a constant-time validator (the HTTP layer alone)")))
  } finally {
    await instant.stop()
  }
  const dir = mkdtempSync(join(tmpdir(), "lfai-protocols-bench-"))
  const scenarioFile = join(dir, "scenario.json")
  // Every generation gets an answer of its own (more than the calls below), so none is judged from the parse cache.
  writeFileSync(scenarioFile, JSON.stringify(scenario(20_000)))
  const ollama = await startProcess(join(import.meta.dirname, "..", "..", "testkit", "bin", "lfai-testkit.js"), ["ollama", "--scenario", scenarioFile])
  try {
    const server = await startProcess(join(import.meta.dirname, "stack-process.ts"), [], { OLLAMA_URL: ollama.url })
    try {
      const where = "the standard stack (the real erd plugin, the Ollama client and budget) over the instant Ollama emulator"
      results.push(...(await compare(server.url, "erd", "an online shop: customers, orders, line items", "stack", where)))
      results.push(...(await mcpOverHttp(server.url)))
    } finally {
      await server.stop()
    }
  } finally {
    await ollama.stop()
  }
  return results
}

/** `validate_artifact` through the MCP SDK's client over Streamable HTTP, beside POST /v1/validate/erd. */
const mcpOverHttp = async (url: string): Promise<BenchResult[]> => {
  const client = new Client({ name: "lfai-bench", version: "0.0.0" })
  await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)))
  try {
    let next = 0
    const viaMcp = async () => {
      const result = await client.callTool({ name: "validate_artifact", arguments: { artifact: "erd", content: erd(next++) } })
      if (result.isError || !(result.structuredContent as { passed?: boolean }).passed) throw new Error(JSON.stringify(result.content))
    }
    const viaRest = async () => {
      const response = await fetch(`${url}/v1/validate/erd`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ content: erd(next++) }) })
      if (response.status !== 200) throw new Error(`status ${response.status}`)
      await response.arrayBuffer()
    }
    for (let i = 0; i < 100; i++) {
      await viaMcp()
      await viaRest()
    }
    const mcp: number[] = []
    const rest: number[] = []
    for (let i = 0; i < MCP_CALLS; i++) {
      mcp.push(await micros(viaMcp))
      rest.push(await micros(viaRest))
    }
    return [
      summarise("server.protocols.mcp_http.validate_round_trip", "µs", mcp, "MCP tools/call validate_artifact (erd, distinct documents) through the SDK's Client over Streamable HTTP, one call after another, answered as an event stream; p50 is the value"),
      summarise("server.protocols.rest.validate_round_trip", "µs", rest, "POST /v1/validate/erd on the same documents, the same server, alternating with the MCP calls; p50 is the value")
    ]
  } finally {
    await client.close()
  }
}
