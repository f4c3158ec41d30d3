/**
 * HTML benchmarks (`npm run bench -- artifact-html`): the one-time cost of loading parse5 and the
 * plugin, validation throughput on realistic pages (the dataset's own, all distinct), and this
 * artifact's part of a dataset build: 1000 examples generated, each extracted from its answer and
 * validated (the build's shared quality rules are measured by `@lfai/dataset-builder`'s bench).
 */
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { datasetTimes, quantile, round, validationThroughput, type BenchResult } from "../../../bench/lib.ts"
import { html } from "../src/index.ts"

const SAMPLES = 600

/** Import cost measured in fresh processes, so this process's module cache does not hide it. */
const loadCost = (): BenchResult[] => {
  const plugin = JSON.stringify(new URL("../src/index.ts", import.meta.url).href)
  const script = `let t = performance.now(); const p5 = await import("parse5"); const parser = performance.now() - t; p5.parse("<p>x"); const first = performance.now() - t; t = performance.now(); await import("@lfai/core"); await import("@lfai/artifact-kit"); const shared = performance.now() - t; t = performance.now(); await import(${plugin}); console.log(JSON.stringify({ parser, first, shared, plugin: performance.now() - t }))`
  const runs = Array.from({ length: 3 }, () => JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", cwd: fileURLToPath(new URL("..", import.meta.url)) })) as { parser: number; first: number; shared: number; plugin: number })
  const median = (pick: (run: (typeof runs)[number]) => number) => round(quantile(runs.map(pick), 0.5))
  return [
    { name: "html: parse5 load (import + first parse)", unit: "ms", value: median((r) => r.first), n: runs.length, p50: median((r) => r.first), notes: `fresh process each run; import alone ${median((r) => r.parser)} ms` },
    { name: "html: plugin load after parse5, @lfai/core and @lfai/artifact-kit", unit: "ms", value: median((r) => r.plugin), n: runs.length, p50: median((r) => r.plugin), notes: `fresh process each run; @lfai/core + @lfai/artifact-kit before it ${median((r) => r.shared)} ms (TypeScript sources, type-stripped at load)` }
  ]
}

const run = async (): Promise<BenchResult[]> => {
  const results = loadCost()
  const pages = [...html.dataset.generate({ seed: 7, count: 400 })].map((example) => example.output)
  results.push(await validationThroughput("validate html", pages, html.validate, { samples: SAMPLES, notes: "dataset pages" }))
  results.push(...datasetTimes(html))
  return results
}

export default run

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await run(), null, 2))
