/** CLI cold start: a new process per run, as a user or a script pays it. */
import { execFileSync } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { quantile, round, type BenchResult } from "../../../bench/lib.ts"

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

const coldStart = (name: string, args: ReadonlyArray<string>, notes: string): BenchResult => {
  const samples: number[] = []
  for (let i = 0; i < RUNS + 1; i++) {
    const started = performance.now()
    execFileSync(process.execPath, [BIN, ...args], { stdio: "ignore" })
    if (i > 0) samples.push(performance.now() - started) // the first run warms the OS file cache
  }
  return { name, unit: "ms", value: round(quantile(samples, 0.5), 1), n: samples.length, p50: round(quantile(samples, 0.5), 1), p99: round(quantile(samples, 0.99), 1), notes }
}

export default async function run(): Promise<BenchResult[]> {
  const file = join(mkdtempSync(join(tmpdir(), "lfai-bench-")), "shop.mmd")
  writeFileSync(file, ERD)
  return [
    coldStart("cli.cold.help", ["--help"], "`lfai --help` in a new process (the stack and plugins are not loaded)"),
    coldStart("cli.cold.validate-erd", ["validate", "erd", file], "`lfai validate erd FILE` in a new process: config, stack, mermaid, all plugins")
  ]
}
