/**
 * The whole dataset build (every artifact package × 1000 examples): seconds, examples/s and peak
 * RSS, in a fresh process; then each artifact alone in a fresh process of its own — its build time
 * and peak RSS, and what its data-quality rules measured (distinct prompts, the most frequent run
 * of three answer lines, leakage between train and val, faithfulness, near duplicates); then the
 * whole build through Nx (`nx run-many -t dataset`, the tasks in parallel) cold, and the cached
 * re-run.
 */
import { execFileSync } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { round, type BenchResult } from "../../../bench/lib.ts"
import { artifactPackages, findWorkspaceRoot, type ArtifactQuality } from "../src/index.ts"

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

interface ChildReport {
  readonly seconds: number
  readonly artifacts: string[]
  readonly examples: number
  readonly passed: boolean
  readonly failures: string[]
  readonly maxRssMb: number
  readonly threads: Record<string, number>
  readonly perArtifact: ReadonlyArray<{ artifact: string; examples: number; seconds: number; passed: boolean; quality: ArtifactQuality }>
}

/** A build in a fresh process: every artifact, or only `only`. */
const buildInChild = (out: string, only?: string): ChildReport => {
  const child = timed([join(import.meta.dirname, "build-child.ts"), out, "1000", ...(only ? [only] : [])])
  return JSON.parse(child.output.trim().split("\n").pop()!) as ChildReport
}

/** One artifact built alone: its time and peak RSS, and the figures of its data-quality rules. */
const artifactResults = (report: ChildReport): BenchResult[] =>
  report.perArtifact.flatMap(({ artifact, examples, seconds, passed, quality: q }) => {
    const name = (what: string) => `dataset-builder.${artifact}.${what}`
    const verdict = passed ? "every rule passed" : `FAILED: ${report.failures.join(", ")}`
    const threads = report.threads[artifact] ?? 1
    return [
      { name: name("build"), unit: "s", value: round(seconds), n: examples, notes: `${artifact} alone in a fresh process: generate 3×, validate every example against its own prompt (${threads === 1 ? "main thread" : `${threads} worker threads`}), check; ${verdict}` },
      { name: name("peak_rss"), unit: "MB", value: round(report.maxRssMb, 1), notes: `maxRSS of the process that built ${artifact} alone (node, every plugin loaded, validators, the dataset)` },
      { name: name("prompts_distinct"), unit: "share", value: q.prompts.share, n: examples, notes: `${q.prompts.distinct} distinct user prompts of ${examples}; the most repeated occurs ${q.prompts.mostRepeated}×; the rule asks ≥ 0.95` },
      { name: name("top_run"), unit: "share", value: q.boilerplate.share, n: examples, notes: `the most frequent run of 3 answer lines (numbers masked) is in ${q.boilerplate.answers} answers: ${q.boilerplate.run.split("\n").join(" ⏎ ")}; the rule asks ≤ 0.2` },
      { name: name("leakage"), unit: "shared texts", value: q.leakage.sharedPrompts + q.leakage.sharedAnswers, n: examples, notes: `train ${q.split.train} / val ${q.split.val}: ${q.leakage.sharedPrompts} user prompts and ${q.leakage.sharedAnswers} answers on both sides` },
      { name: name("faithful"), unit: "share", value: q.faithfulness.share, n: examples, notes: `${q.faithfulness.faithful} of ${examples} pass their validator with their own prompt as the request and no off-topic (${q.faithfulness.offTopic}) or missing-name (${q.faithfulness.missingName}) issue` },
      { name: name("near_duplicates"), unit: "share", value: q.nearDuplicates.share, n: examples, notes: `${q.nearDuplicates.pairs} pairs with Jaccard ≥ 0.9 over 5-word shingles; ${q.nearDuplicates.redundant} examples a dedup would drop; the rule asks < 0.02` }
    ]
  })

export default async function run(): Promise<BenchResult[]> {
  const artifacts = artifactPackages(root).map((pkg) => pkg.id)
  if (artifacts.length === 0) return [{ name: "dataset-builder.build", unit: "s", value: 0, n: 0, notes: "no artifact packages in the workspace yet" }]
  const out = mkdtempSync(join(tmpdir(), "lfai-bench-datasets-"))
  try {
    const build = buildInChild(out)
    const verdict = build.passed ? "all rules passed" : `FAILED: ${build.failures.join(", ")}`
    const pooled = Object.entries(build.threads).filter(([, threads]) => threads > 1)
    const threads = pooled.length === 0 ? "all validated on the main thread" : `validated on worker threads: ${pooled.map(([id, n]) => `${id} ×${n}`).join(", ")}`
    const what = `${build.artifacts.length} artifacts (${build.artifacts.join(", ")}) × 1000, one process (${threads}), ${verdict}`

    // Each artifact alone, in a process of its own: its own time and peak RSS.
    const alone = artifacts.flatMap((artifact) => artifactResults(buildInChild(out, artifact)))

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
      ...alone,
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
