/**
 * One whole build in a fresh process (so its peak RSS is the build's own): every artifact package
 * of the workspace × `count` examples into `out`. Prints `{ seconds, artifacts, examples, passed,
 * maxRssMb }` as one JSON line on stdout.
 */
import { buildDatasets } from "../src/index.ts"

const [out, count = "1000"] = process.argv.slice(2)
const started = performance.now()
const threads: Record<string, number> = {}
const manifest = await buildDatasets(
  { out, count: Number(count) },
  { onProgress: (event) => void (event.type === "artifact" && (threads[event.entry.artifact] = event.validationThreads)) }
)
const seconds = (performance.now() - started) / 1000
process.stdout.write(
  JSON.stringify({
    seconds,
    artifacts: manifest.artifacts.map((entry) => entry.artifact),
    examples: manifest.artifacts.reduce((sum, entry) => sum + entry.examples, 0),
    passed: manifest.passed,
    failures: manifest.artifacts.flatMap((entry) => entry.failures.map((failure) => `${entry.artifact}: ${failure.rule}`)),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    threads
  }) + "\n"
)
