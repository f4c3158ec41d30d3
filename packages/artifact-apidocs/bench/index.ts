/**
 * API docs benchmarks (`npm run bench -- artifact-apidocs`): the one-time cost of loading the
 * parsers (yaml, mdast, and `@readme/openapi-parser` in its worker thread), validation throughput
 * per format on realistic documents (the dataset's own, all distinct), and this artifact's part of a
 * dataset build: 1000 examples generated, each extracted from its answer and validated.
 */
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { datasetTimes, quantile, round, validationThroughput, type BenchResult } from "../../../bench/lib.ts"
import { apidocs } from "../src/index.ts"

const SAMPLES = 200

/** Load costs measured in fresh processes, so this process's module cache does not hide them. */
const loadCost = (): BenchResult[] => {
  const plugin = JSON.stringify(new URL("../src/index.ts", import.meta.url).href)
  const script = [
    "let t = performance.now(); await import('@lfai/core'); await import('@lfai/artifact-kit'); const shared = performance.now() - t",
    `t = performance.now(); const { apidocs } = await import(${plugin}); const plugin = performance.now() - t`,
    "t = performance.now(); apidocs.validate('# A\\n\\n## GET /a\\n\\nReturns the a list.\\n\\n- 200 OK\\n'); const markdown = performance.now() - t",
    "t = performance.now(); apidocs.validate('openapi: 3.1.0\\ninfo: {title: a, version: 1}\\npaths:\\n  /a:\\n    get:\\n      responses:\\n        \"200\": {description: ok}\\n'); const first = performance.now() - t",
    "t = performance.now(); apidocs.validate('openapi: 3.0.3\\ninfo: {title: b, version: 1}\\npaths:\\n  /b:\\n    get:\\n      responses:\\n        \"200\": {description: ok}\\n'); const second = performance.now() - t",
    "console.log(JSON.stringify({ shared, plugin, markdown, first, second }))"
  ].join("\n")
  const runs = Array.from({ length: 3 }, () => JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", cwd: fileURLToPath(new URL("..", import.meta.url)) })) as Record<string, number>)
  const median = (key: string) => round(quantile(runs.map((run) => run[key]), 0.5))
  return [
    { name: "apidocs: plugin load (yaml, mdast, the parser's bridge) after @lfai/core and @lfai/artifact-kit", unit: "ms", value: median("plugin"), n: runs.length, p50: median("plugin"), notes: `fresh process each run; @lfai/core + @lfai/artifact-kit before it ${median("shared")} ms` },
    { name: "apidocs: first OpenAPI validation (starts the worker, loads @readme/openapi-parser, compiles the 3.1 schema)", unit: "ms", value: median("first"), n: runs.length, p50: median("first"), notes: `then the first 3.0 document (compiles the 3.0 schema) ${median("second")} ms; first Markdown validation ${median("markdown")} ms` }
  ]
}

const run = async (): Promise<BenchResult[]> => {
  const results = loadCost()
  const examples = [...apidocs.dataset.generate({ seed: 7, count: 400 })]
  for (const format of ["openapi", "markdown"] as const) {
    const docs = examples.filter((example) => (example.meta.params as { format: string }).format === format).map((example) => example.output)
    const notes = `dataset documents${format === "openapi" ? "; YAML and JSON, 3.0 and 3.1" : ""}`
    results.push(await validationThroughput(`validate apidocs (${format})`, docs, apidocs.validate, { samples: SAMPLES, warmup: 20, notes }))
  }
  results.push(...datasetTimes(apidocs))
  return results
}

export default run

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await run(), null, 2))
