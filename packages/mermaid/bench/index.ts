/**
 * Mermaid benchmarks (`npm run bench -- mermaid`): the one-time cost of loading mermaid, raw parse
 * throughput per family, and validation throughput per diagram plugin (documents/s on one core,
 * p50/p99 latency) on realistic inputs of 10–60 lines: the plugins' own dataset examples, and the
 * same examples broken the ways model answers break (cut short, a stray line, a misspelt header).
 * Every document is validated once: mermaid keeps the parses of recent documents, and a repeated
 * document would time that cache.
 */
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import type { ArtifactPlugin } from "@lfai/core"
import { lines, quantile, round, validationThroughput, type BenchResult } from "../../../bench/lib.ts"

const PLUGINS = ["erd", "architecture", "sequence", "class", "state", "workflow"]
const SAMPLES = 300

/** Loading cost measured in a fresh process, so the module cache of this one does not hide it. */
const loadCost = (): BenchResult[] => {
  const script = `const t = performance.now(); const m = await import(${JSON.stringify(new URL("../src/index.ts", import.meta.url).href)}); console.log(JSON.stringify({ total: performance.now() - t, engine: m.mermaidInfo.loadMs }))`
  const runs = Array.from({ length: 3 }, () => JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })) as { total: number; engine: number })
  const totals = runs.map((r) => r.total)
  return [
    {
      name: "mermaid load (import + preload of 5 diagram families)",
      unit: "ms",
      value: round(quantile(totals, 0.5)),
      n: runs.length,
      p50: round(quantile(totals, 0.5)),
      notes: `fresh process each run; of which mermaid import + preload ${round(quantile(runs.map((r) => r.engine), 0.5))} ms`
    }
  ]
}

const WARMUP = 50

/** Breaks a diagram one of three ways, in turn: cut short mid-line, a stray line in the middle, a misspelt header. */
const broken = (doc: string, i: number): string => {
  const rows = doc.split("\n")
  switch (i % 3) {
    case 0:
      return doc.slice(0, Math.floor(doc.length * 0.6))
    case 1:
      return [...rows.slice(0, rows.length >> 1), "  }} ?? -->> {{", ...rows.slice(rows.length >> 1)].join("\n")
    default:
      return [`${rows[0].trim()}x`, ...rows.slice(1)].join("\n")
  }
}

export default async (): Promise<BenchResult[]> => {
  const results = loadCost()
  for (const id of PLUGINS) {
    let plugin: ArtifactPlugin
    try {
      const pkg = `@lfai/artifact-${id}`
      plugin = ((await import(pkg)) as { default: ArtifactPlugin }).default
    } catch {
      continue
    }
    const docs = [...new Set([...plugin.dataset.generate({ seed: 7, count: 1500 })].map((e) => e.output).filter((d) => lines(d) >= 10 && lines(d) <= 60))].slice(0, WARMUP + SAMPLES)
    results.push(await validationThroughput(`validate ${id}`, docs, plugin.validate, { samples: SAMPLES, warmup: WARMUP, notes: "dataset diagrams" }))
    const bad = docs.map(broken)
    const timed = await validationThroughput(`validate ${id}, broken documents`, bad, plugin.validate, { samples: SAMPLES, warmup: WARMUP })
    // counted after the timing: these validations may come from the cache
    const failed = bad.slice(WARMUP).filter((doc) => !plugin.validate(doc).passed).length
    results.push({
      ...timed,
      notes: `the same diagrams broken in turn: cut short at 60% of their text, a stray line in the middle, a misspelt header (${failed} of ${bad.length - WARMUP} fail); ${timed.notes}`
    })
  }
  return results
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await (await import(import.meta.url)).default(), null, 2))
