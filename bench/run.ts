/**
 * `npm run bench`: runs every package's benchmarks (`packages/<pkg>/bench/index.ts`, whose default
 * export is `() => Promise<BenchResult[]>`) and prints one JSON document, also
 * written to `bench/results.json`. `npm run bench -- core mermaid` runs only those packages. Every
 * package with mutation targets (benches or not) also gets the score of its last `npm run mutation`, if any.
 */
import { existsSync, readdirSync, writeFileSync } from "node:fs"
import { cpus } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { MUTATION_TARGETS, mutationResult, type BenchResult } from "./lib.ts"

const root = join(import.meta.dirname, "..")
// `npm run bench` runs this file with `--conditions=@lfai/source` (the TypeScript sources, no
// build); the processes the benches start get the same condition through NODE_OPTIONS.
if (!process.env.NODE_OPTIONS?.includes("--conditions=@lfai/source")) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --conditions=@lfai/source`.trim()
}
const only = new Set(process.argv.slice(2))
const suites = readdirSync(join(root, "packages"))
  .filter((name) => only.size === 0 || only.has(name))
  .map((name) => ({ name, file: join(root, "packages", name, "bench", "index.ts") }))
  .filter((suite) => existsSync(suite.file))

const results: Array<BenchResult & { suite: string }> = []
for (const suite of suites) {
  process.stderr.write(`bench: ${suite.name}\n`)
  const module = (await import(pathToFileURL(suite.file).href)) as { default: () => Promise<ReadonlyArray<BenchResult>> }
  for (const result of await module.default()) results.push({ suite: suite.name, ...result })
}
// The score of each package's last `npm run mutation` (never run here: it takes minutes), benches or not.
for (const name of Object.keys(MUTATION_TARGETS).filter((name) => only.size === 0 || only.has(name))) {
  results.push({ suite: name, ...mutationResult(name) })
}

const document = {
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", node: process.version, platform: process.platform },
  at: new Date().toISOString(),
  results
}
const json = JSON.stringify(document, null, 2)
writeFileSync(join(root, "bench", "results.json"), json + "\n")
process.stdout.write(json + "\n")
