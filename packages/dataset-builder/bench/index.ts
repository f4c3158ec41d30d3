/**
 * The whole dataset build (every artifact package × 1000 examples): seconds, examples/s and peak
 * RSS, in a fresh process on one core; then the same through Nx (`nx run-many -t dataset`, the
 * tasks in parallel) cold, and the cached re-run.
 */
import { execFileSync } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { round, type BenchResult } from "../../../bench/lib.ts"
import { artifactPackages, findWorkspaceRoot } from "../src/index.ts"

const root = findWorkspaceRoot(import.meta.dirname)!
const nxBin = join(root, "node_modules", "nx", "dist", "bin", "nx.js")
const env = { ...process.env, NX_DAEMON: "false", NX_TUI: "false", NX_NO_CLOUD: "true", FORCE_COLOR: "0", CI: "true" }

const timed = (args: string[], extraEnv: Record<string, string> = {}): { seconds: number; output: string } => {
  const started = performance.now()
  const output = execFileSync(process.execPath, args, {
    cwd: root,
    env: { ...env, ...extraEnv },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024
  })
  return { seconds: (performance.now() - started) / 1000, output }
}

const cacheHits = (output: string): string => /Nx read the output from the cache instead of running the command for (\d+ out of \d+) tasks/.exec(output)?.[1] ?? "0"

export default async function run(): Promise<BenchResult[]> {
  const artifacts = artifactPackages(root).map((pkg) => pkg.id)
  if (artifacts.length === 0) return [{ name: "dataset-builder.build", unit: "s", value: 0, n: 0, notes: "no artifact packages in the workspace yet" }]
  const out = mkdtempSync(join(tmpdir(), "lfai-bench-datasets-"))
  try {
    const child = timed([join(import.meta.dirname, "build-child.ts"), out, "1000"])
    const build = JSON.parse(child.output.trim().split("\n").pop()!) as {
      seconds: number
      artifacts: string[]
      examples: number
      passed: boolean
      failures: string[]
      maxRssMb: number
      threads: Record<string, number>
    }
    const verdict = build.passed ? "all rules passed" : `FAILED: ${build.failures.join(", ")}`
    const pooled = Object.entries(build.threads).filter(([, threads]) => threads > 1)
    const threads = pooled.length === 0 ? "all validated on the main thread" : `validated on worker threads: ${pooled.map(([id, n]) => `${id} ×${n}`).join(", ")}`
    const what = `${build.artifacts.length} artifacts (${build.artifacts.join(", ")}) × 1000, one process (${threads}), ${verdict}`

    // Through Nx, with a cache directory of its own (the workspace's cache is left alone): cold,
    // then again (served from the cache).
    const cache = mkdtempSync(join(tmpdir(), "lfai-bench-nx-cache-"))
    const cacheEnv = { NX_CACHE_DIRECTORY: cache }
    let cold: { seconds: number; output: string }
    let cached: { seconds: number; output: string }
    try {
      cold = timed([nxBin, "run-many", "-t", "dataset"], cacheEnv)
      cached = timed([nxBin, "run-many", "-t", "dataset"], cacheEnv)
    } finally {
      rmSync(cache, { recursive: true, force: true })
    }
    return [
      { name: "dataset-builder.build", unit: "s", value: round(build.seconds), n: build.examples, notes: `${what}; includes generating each dataset 3× (determinism and seed checks) and validating every example` },
      { name: "dataset-builder.build.throughput", unit: "examples/s", value: round(build.examples / build.seconds, 1), n: build.examples, notes: what },
      { name: "dataset-builder.build.peak_rss", unit: "MB", value: round(build.maxRssMb, 1), notes: "maxRSS of the build process (node, plugins, validators, every dataset)" },
      {
        name: "dataset-builder.nx.run_many.cold",
        unit: "s",
        value: round(cold.seconds),
        n: artifacts.length + 1,
        notes: `npx nx run-many -t dataset on an empty cache (one task per artifact, 3 at a time, + the manifest join); process start and project graph included; tasks read from the cache: ${cacheHits(cold.output)}`
      },
      {
        name: "dataset-builder.nx.run_many.cached",
        unit: "s",
        value: round(cached.seconds),
        n: artifacts.length + 1,
        notes: `npx nx run-many -t dataset again; tasks read from the cache: ${cacheHits(cached.output)}; process start and project graph included`
      }
    ]
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}
