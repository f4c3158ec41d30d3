/**
 * Mermaid benchmarks (`npm run bench -- mermaid`): the one-time cost of loading mermaid, raw parse
 * throughput per family, and validation throughput per diagram plugin (documents/s on one core,
 * p50/p99 latency) on realistic inputs of 10–60 lines: the plugins' own dataset examples.
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
    const docs = [...plugin.dataset.generate({ seed: 7, count: 400 })].map((e) => e.output).filter((d) => lines(d) >= 10 && lines(d) <= 60)
    results.push(await validationThroughput(`validate ${id}`, docs, plugin.validate, { samples: SAMPLES, notes: "dataset diagrams" }))
  }
  return results
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await (await import(import.meta.url)).default(), null, 2))
