/**
 * Code benchmarks (`npm run bench -- artifact-code`): the one-time cost of loading the TypeScript
 * compiler and the tree-sitter C# grammar (in fresh processes), validation throughput per language
 * (documents/s on one core, p50/p99) on distinct 20–200-line files, and the dataset build time.
 */
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { datasetTimes, lines, quantile, round, validationThroughput, type BenchResult } from "../../../bench/lib.ts"

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
      results.push(
        await validationThroughput(`code: validate ${language}, ${label}`, docs, (doc) => code.validate(doc, options), {
          samples: Math.min(SAMPLES, docs.length - 20),
          warmup: 20,
          notes: "each document validated once: single files and multi-file answers of the dataset"
        })
      )
    }
  }
  results.push(...datasetTimes(code))
  return results
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await (await import(import.meta.url)).default(), null, 2))
