/**
 * CLI start-up: a new process per run, as a user or a script pays it; and `lfai mcp`'s round trip
 * over stdio. "Cold" is the process, not the machine: one unmeasured run first puts the files in
 * the OS page cache (nothing else carries over between runs — no compile cache, no daemon), and the
 * runs start the repository's TypeScript sources, whose types Node strips at every start (an
 * installed package runs its built JavaScript instead).
 */
import { execFileSync } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Client } from "@modelcontextprotocol/sdk/client/index.js"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js"
import { quantile, round, summarise, type BenchResult } from "../../../bench/lib.ts"

const BIN = fileURLToPath(new URL("../bin/lfai.js", import.meta.url))
const RUNS = 12

const ERD = `erDiagram
  CUSTOMER ||--o{ ORDER : places
  ORDER ||--|{ LINE_ITEM : contains
  CUSTOMER {
    int id PK
    string email UK
  }
  ORDER {
    int id PK
    int customer_id FK
    date placed_at
  }
  LINE_ITEM {
    int order_id FK
    int quantity
  }
`

/** What every start-up figure includes, and what was warmed before it. */
const WARMED = `a new process per run (${RUNS} runs) after one unmeasured run that fills the OS page cache; Node's compile cache off; the repository's TypeScript sources (types stripped at each start)`

const coldStart = (name: string, args: ReadonlyArray<string>, notes: string): BenchResult => {
  const samples: number[] = []
  for (let i = 0; i < RUNS + 1; i++) {
    const started = performance.now()
    execFileSync(process.execPath, [BIN, ...args], { stdio: "ignore", env: { ...process.env, NODE_COMPILE_CACHE: "", NODE_DISABLE_COMPILE_CACHE: "1" } })
    if (i > 0) samples.push(performance.now() - started) // the first run only fills the OS page cache
  }
  return { name, unit: "ms", value: round(quantile(samples, 0.5), 1), n: samples.length, p50: round(quantile(samples, 0.5), 1), p99: round(quantile(samples, 0.99), 1), notes: `${notes}; ${WARMED}` }
}

export default async function run(): Promise<BenchResult[]> {
  const file = join(mkdtempSync(join(tmpdir(), "lfai-bench-")), "shop.mmd")
  writeFileSync(file, ERD)
  return [
    coldStart("cli.cold.help", ["--help"], "`lfai --help` (the stack and plugins are not loaded)"),
    coldStart("cli.cold.validate-erd", ["validate", "erd", file], "`lfai validate erd FILE`: config, stack, mermaid, all plugins loaded"),
    await mcpStdio()
  ]
}

const MCP_CALLS = 600

/** Distinct ERDs, so no cache could answer a validation. */
const distinctErd = (i: number) => ERD.replaceAll("CUSTOMER", `CUSTOMER_${i}`).replaceAll("ORDER", `ORDER_${i}`)

/** `validate_artifact` through the MCP SDK's client over stdio, to one `lfai mcp` process, one call after another. */
const mcpStdio = async (): Promise<BenchResult> => {
  const client = new Client({ name: "lfai-bench", version: "0.0.0" })
  // No model is called: nothing needs to answer at OLLAMA_HOST.
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, "mcp"], env: { ...(process.env as Record<string, string>), OLLAMA_HOST: "http://127.0.0.1:2" }, stderr: "ignore" }))
  try {
    let next = 0
    const call = async () => {
      const result = await client.callTool({ name: "validate_artifact", arguments: { artifact: "erd", content: distinctErd(next++) } })
      if (result.isError || !(result.structuredContent as { passed?: boolean }).passed) throw new Error(JSON.stringify(result.content))
    }
    for (let i = 0; i < 100; i++) await call()
    const samples: number[] = []
    for (let i = 0; i < MCP_CALLS; i++) {
      const started = process.hrtime.bigint()
      await call()
      samples.push(Number(process.hrtime.bigint() - started) / 1000)
    }
    return summarise("cli.mcp_stdio.validate_round_trip", "µs", samples, "MCP tools/call validate_artifact (erd, distinct documents) through the SDK's Client to `lfai mcp` over stdio, one call after another; p50 is the value")
  } finally {
    await client.close()
  }
}
