/**
 * Code benchmarks (`npm run bench -- artifact-code`): the one-time cost of loading the TypeScript
 * compiler and the tree-sitter C# grammar (in fresh processes), validation throughput per language
 * (documents/s on one core, p50/p99) on distinct 20–200-line files, and the dataset build time.
 */
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { quantile, round, sampleMicros, type BenchResult } from "../../../bench/lib.ts"

const RUNS = 3
const SAMPLES = 600

const loadCost = (): BenchResult[] => {
  const script = `const t = performance.now(); const m = await import(${JSON.stringify(new URL("../src/index.ts", import.meta.url).href)}); console.log(JSON.stringify({ total: performance.now() - t, ts: m.parserInfo.typescript.loadMs, cs: m.parserInfo.csharp.loadMs }))`
  const runs = Array.from({ length: RUNS }, () => JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })) as { total: number; ts: number; cs: number })
  const median = (pick: (run: { total: number; ts: number; cs: number }) => number) => round(quantile(runs.map(pick), 0.5))
  return [
    { name: "code: load the TypeScript 6.0 compiler", unit: "ms", value: median((r) => r.ts), n: RUNS, p50: median((r) => r.ts), notes: "fresh process each run; dynamic import of `typescript` at module load" },
    { name: "code: load tree-sitter and the C# grammar (WASM)", unit: "ms", value: median((r) => r.cs), n: RUNS, p50: median((r) => r.cs), notes: "fresh process each run; Parser.init + Language.load of tree-sitter-c-sharp's .wasm" },
    { name: "code: import @lfai/artifact-code (both parsers, cold)", unit: "ms", value: median((r) => r.total), n: RUNS, p50: median((r) => r.total), notes: "fresh process each run" }
  ]
}

const lines = (text: string) => text.split("\n").length

/** Documents of 20–200 lines in one language: single files, and multi-file answers of 2–4 of them. */
const documents = (outputs: ReadonlyArray<string>, language: "typescript" | "csharp"): string[] => {
  const single = outputs.filter((doc) => !doc.startsWith("```") && lines(doc) >= 20 && lines(doc) <= 200)
  const extension = language === "typescript" ? "ts" : "cs"
  const many: string[] = []
  for (let i = 0; i + 4 <= single.length && many.length < single.length / 2; i += 4) {
    const parts = single.slice(i, i + 2 + (i % 3))
    const answer = parts.map((doc, n) => `\`\`\`${language} title="src/file${n + 1}.${extension}"\n${doc}\n\`\`\``).join("\n\n")
    if (lines(answer) <= 200) many.push(answer)
  }
  return [...single, ...many, ...outputs.filter((doc) => doc.startsWith("```") && lines(doc) >= 20 && lines(doc) <= 200)]
}

export default async (): Promise<BenchResult[]> => {
  const results = loadCost()
  const { code } = await import("../src/index.ts")
  const pool = [...code.dataset.generate({ seed: 7, count: 3000 })]
  for (const language of ["typescript", "csharp"] as const) {
    const outputs = pool.filter((example) => (example.meta as { params: { language: string } }).params.language === language).map((example) => example.output)
    const options = { params: { language } }
    for (const [label, min, max] of [["20–60 lines", 20, 60], ["61–200 lines", 61, 200]] as const) {
      const docs = documents(outputs, language).filter((doc) => lines(doc) >= min && lines(doc) <= max)
      let i = 0
      const cpu = process.cpuUsage()
      const samples = await sampleMicros(Math.min(SAMPLES, docs.length - 20), () => code.validate(docs[i++ % docs.length], options), 20)
      const used = process.cpuUsage(cpu)
      const mean = samples.reduce((a, b) => a + b, 0) / samples.length
      const sizes = docs.slice(0, samples.length).map(lines)
      results.push({
        name: `code: validate ${language}, ${label}`,
        unit: "docs/s",
        value: round(1e6 / mean, 1),
        n: samples.length,
        p50: round(quantile(samples, 0.5) / 1000, 3),
        p99: round(quantile(samples, 0.99) / 1000, 3),
        notes: `one core, sequential, each document validated once (after 20 warm-up documents); p50/p99 in ms; by CPU time ${round((samples.length * 1e6) / (used.user + used.system), 1)} docs/s; ${docs.length} distinct documents (single files and multi-file answers of the dataset) of ${Math.min(...sizes)}–${Math.max(...sizes)} lines, median ${quantile(sizes, 0.5)}`
      })
    }
  }
  const started = performance.now()
  const examples = [...code.dataset.generate({ seed: 42, count: 1000 })]
  const generated = performance.now()
  let passed = 0
  for (const example of examples) {
    const params = (example.meta as { params: Record<string, string> }).params
    if (code.validate(code.extract(code.prompt.answer!(example.output), { prompt: example.instruction, params }), { params }).passed) passed++
  }
  const seconds = (performance.now() - started) / 1000
  results.push({
    name: "code: dataset build (1000 examples, generate + extract + validate)",
    unit: "s",
    value: round(seconds, 2),
    n: examples.length,
    notes: `${round(examples.length / seconds, 1)} examples/s; generation alone ${round((generated - started) / 1000, 2)} s; ${passed}/${examples.length} pass; one thread (the full \`lfai datasets build\` adds the quality checks: see the dataset-builder bench)`
  })
  return results
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await (await import(import.meta.url)).default(), null, 2))
