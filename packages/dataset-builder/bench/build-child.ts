/**
 * One build in a fresh process (so its peak RSS is the build's own): every artifact package of
 * the workspace × `count` examples into `out`, or only the artifacts named (comma-separated).
 * Prints `{ seconds, artifacts, examples, passed, failures, maxRssMb, threads, perArtifact }` as
 * one JSON line on stdout; `perArtifact` holds each artifact's build time and quality figures.
 */
import { buildDatasets, type ArtifactQuality } from "../src/index.ts"

const [out, count = "1000", only] = process.argv.slice(2)
const started = performance.now()
const threads: Record<string, number> = {}
const seconds: Record<string, number> = {}
const manifest = await buildDatasets(
  { out, count: Number(count), ...(only ? { only: only.split(",") } : {}) },
  {
    onProgress: (event) => {
      if (event.type !== "artifact") return
      threads[event.entry.artifact] = event.validationThreads
      seconds[event.entry.artifact] = event.seconds
    }
  }
)
const perArtifact: Array<{ artifact: string; examples: number; seconds: number; passed: boolean; quality: ArtifactQuality }> = manifest.artifacts.map((entry) => ({
  artifact: entry.artifact,
  examples: entry.examples,
  seconds: seconds[entry.artifact] ?? 0,
  passed: entry.passed,
  quality: entry.quality
}))
process.stdout.write(
  JSON.stringify({
    seconds: (performance.now() - started) / 1000,
    artifacts: manifest.artifacts.map((entry) => entry.artifact),
    examples: manifest.artifacts.reduce((sum, entry) => sum + entry.examples, 0),
    passed: manifest.passed,
    failures: manifest.artifacts.flatMap((entry) => entry.failures.map((failure) => `${entry.artifact}: ${failure.rule}`)),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    threads,
    perArtifact
  }) + "\n"
)
