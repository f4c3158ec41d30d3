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
import { quantile, round, sampleMicros, type BenchResult } from "../../../bench/lib.ts"

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

const lines = (text: string) => text.split("\n").length

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

/** Validates each document once (after {@link WARMUP} others), timing each; the samples in µs. */
const timeEach = async (plugin: ArtifactPlugin, warm: ReadonlyArray<string>, docs: ReadonlyArray<string>) => {
  for (const doc of warm) plugin.validate(doc)
  return sampleMicros(docs.length, (() => {
    let i = 0
    return () => plugin.validate(docs[i++])
  })(), 0)
}

const result = (name: string, samples: ReadonlyArray<number>, notes: string): BenchResult => ({
  name,
  unit: "docs/s",
  value: round(1e6 / (samples.reduce((a, b) => a + b, 0) / samples.length), 1),
  n: samples.length,
  p50: round(quantile(samples, 0.5) / 1000, 3),
  p99: round(quantile(samples, 0.99) / 1000, 3),
  notes
})

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
    const all = [...new Set([...plugin.dataset.generate({ seed: 7, count: 1500 })].map((e) => e.output).filter((d) => lines(d) >= 10 && lines(d) <= 60))]
    const warm = all.slice(0, WARMUP)
    const docs = all.slice(WARMUP, WARMUP + SAMPLES)
    const sizes = docs.map(lines)
    const samples = await timeEach(plugin, warm, docs)
    results.push(
      result(
        `validate ${id}`,
        samples,
        `one core, sequential, each document once; p50/p99 in ms; ${docs.length} distinct dataset diagrams of ${Math.min(...sizes)}–${Math.max(...sizes)} lines (median ${quantile(sizes, 0.5)})`
      )
    )
    const bad = docs.map(broken)
    const badSamples = await timeEach(plugin, warm.map(broken), bad)
    // counted after the timing: these validations may come from the cache
    const failed = bad.filter((doc) => !plugin.validate(doc).passed).length
    results.push(
      result(
        `validate ${id}, broken documents`,
        badSamples,
        `the same diagrams broken in turn: cut short at 60% of their text, a stray line in the middle, a misspelt header (${failed} of ${bad.length} fail); one core, sequential, each once; p50/p99 in ms`
      )
    )
  }
  return results
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await (await import(import.meta.url)).default(), null, 2))
