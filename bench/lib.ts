/** Shared helpers for the packages' benchmarks (`packages/<pkg>/bench/index.ts`). */
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { answerOf, type ArtifactPlugin } from "@lfai/core"
import { exampleRequest } from "@lfai/dataset-builder"

export interface BenchResult {
  readonly name: string
  readonly unit: string
  readonly value: number
  readonly n?: number
  readonly p50?: number
  readonly p99?: number
  readonly notes?: string
}

/** The q-quantile (0..1) of the samples, by nearest rank. */
export const quantile = (samples: ReadonlyArray<number>, q: number): number => {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank]
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits))

/** A result whose value is the samples' median, with their p50 and p99. */
export const summarise = (name: string, unit: string, samples: ReadonlyArray<number>, notes: string): BenchResult => ({
  name,
  unit,
  value: round(quantile(samples, 0.5)),
  n: samples.length,
  p50: round(quantile(samples, 0.5)),
  p99: round(quantile(samples, 0.99)),
  notes
})

/** Times `fn` `n` times sequentially after `warmup` runs; returns the samples in microseconds. */
export const sampleMicros = async (n: number, fn: () => unknown, warmup = Math.min(50, n)): Promise<number[]> => {
  for (let i = 0; i < warmup; i++) await fn()
  const samples: number[] = []
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint()
    await fn()
    samples.push(Number(process.hrtime.bigint() - start) / 1000)
  }
  return samples
}

/** Runs `total` calls of `fn` with `concurrency` callers; returns per-call latencies (µs) and calls/s. */
export const load = async (
  total: number,
  concurrency: number,
  fn: () => Promise<unknown>
): Promise<{ latencies: number[]; perSecond: number }> => {
  const latencies: number[] = []
  let next = 0
  const started = process.hrtime.bigint()
  const worker = async () => {
    while (next < total) {
      next++
      const start = process.hrtime.bigint()
      await fn()
      latencies.push(Number(process.hrtime.bigint() - start) / 1000)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  return { latencies, perSecond: total / seconds }
}

/**
 * `load` as a bench result in requests/s, with the calls' p50/p99 latency in µs; `perSecond`
 * unrounded, for ratios between runs.
 */
export const throughput = async (
  name: string,
  /** Words on the result, or a function of the measured rate (for ratios to other runs). */
  notes: string | ((perSecond: number) => string),
  total: number,
  concurrency: number,
  fn: () => Promise<unknown>
): Promise<{ readonly perSecond: number; readonly result: BenchResult }> => {
  const { latencies, perSecond } = await load(total, concurrency, fn)
  return {
    perSecond,
    result: {
      name,
      unit: "requests/s",
      value: round(perSecond, 0),
      n: latencies.length,
      p50: round(quantile(latencies, 0.5)),
      p99: round(quantile(latencies, 0.99)),
      notes: typeof notes === "string" ? notes : notes(perSecond)
    }
  }
}

/** Lines of a document: how validation benchmarks size their inputs. */
export const lines = (text: string): number => text.split("\n").length

/**
 * Validation throughput on one core: the first `warmup` documents validated untimed, then each of
 * the next `samples` timed once — every document is distinct and validated once, so no parse cache
 * serves a repeat. Documents/s, p50/p99 in ms, and the rate by this process's CPU time (what a busy
 * machine does not distort).
 */
export const validationThroughput = async (
  name: string,
  docs: ReadonlyArray<string>,
  validate: (doc: string) => unknown,
  options: { readonly samples?: number; readonly warmup?: number; readonly notes?: string } = {}
): Promise<BenchResult> => {
  const distinct = [...new Set(docs)]
  const warmup = options.warmup ?? Math.min(50, Math.floor(distinct.length / 4))
  for (const doc of distinct.slice(0, warmup)) validate(doc)
  const timed = distinct.slice(warmup, warmup + (options.samples ?? 400))
  let i = 0
  const cpu = process.cpuUsage()
  const micros = await sampleMicros(timed.length, () => validate(timed[i++]), 0)
  const used = process.cpuUsage(cpu)
  const mean = micros.reduce((a, b) => a + b, 0) / micros.length
  const sizes = timed.map(lines)
  return {
    name,
    unit: "docs/s",
    value: round(1e6 / mean, 1),
    n: micros.length,
    p50: round(quantile(micros, 0.5) / 1000, 3),
    p99: round(quantile(micros, 0.99) / 1000, 3),
    notes: [
      "one core, sequential, each document once; p50/p99 in ms",
      `by CPU time ${round((micros.length * 1e6) / (used.user + used.system), 1)} docs/s`,
      `${timed.length} distinct documents of ${Math.min(...sizes)}–${Math.max(...sizes)} lines (median ${quantile(sizes, 0.5)}), after ${warmup} others`,
      ...(options.notes ? [options.notes] : [])
    ].join("; ")
  }
}

/**
 * A plugin's part of a dataset build, on one thread: `count` examples generated, then each answer
 * (in the form the plugin's prompt asks for) extracted and validated with the example's parameters,
 * as the build does. Seconds for each step, and how many examples passed.
 */
export const datasetTimes = (plugin: ArtifactPlugin, count = 1000): BenchResult[] => {
  const started = performance.now()
  const examples = [...plugin.dataset.generate({ seed: 42, count })]
  const generated = performance.now()
  let passed = 0
  for (const example of examples) {
    const request = exampleRequest(example)
    if (plugin.validate(plugin.extract(answerOf(plugin, example.output), request), request.params ? { params: request.params } : undefined).passed) passed++
  }
  const checked = performance.now()
  const generateS = (generated - started) / 1000
  const checkS = (checked - generated) / 1000
  return [
    { name: `dataset ${plugin.id}: generate ${count}`, unit: "s", value: round(generateS, 3), n: count, notes: `${round(count / generateS, 0)} examples/s` },
    {
      name: `dataset ${plugin.id}: extract and validate ${count}`,
      unit: "s",
      value: round(checkS, 3),
      n: count,
      notes: `${round(count / checkS, 0)} examples/s, one thread; ${passed} of ${count} pass (the full \`lfai datasets build\` adds the quality checks: see the dataset-builder bench)`
    }
  ]
}

/**
 * Mutation testing (`npm run mutation`): per package, the files (or `file:line-line` ranges) whose
 * every mutant the package's tests must notice — the rules that decide outcomes — and, where the
 * package's whole suite is slow, the test files that are about those rules (the others are not run).
 */
export const MUTATION_TARGETS: Readonly<Record<string, { readonly mutate: ReadonlyArray<string>; readonly tests?: ReadonlyArray<string> }>> = {
  // defineArtifact and the verdict, the request schema, the pipeline's ladder and privacy switch, the pool's deadline
  core: { mutate: ["src/Plugin.ts:121-144", "src/Requests.ts", "src/Pipeline.ts", "src/ValidationPool.ts", "src/internal/worker-exec-argv.ts"] },
  // the VRAM budget: admission, eviction, queueing
  "runtime-ollama": {
    mutate: ["src/internal/budget.ts"],
    tests: ["test/budget.test.ts", "test/budget-rules.test.ts", "test/optimum.test.ts", "test/residency.test.ts"]
  },
  // the guard: auth, limits, the per-client cap
  server: {
    mutate: ["src/internal/guard.ts", "src/internal/state.ts", "src/internal/body.ts:26-32"],
    tests: ["test/state.test.ts", "test/guard.test.ts", "test/guard-unit.test.ts", "test/auth.test.ts", "test/hostile.test.ts", "test/concurrency.test.ts", "test/errors.test.ts", "test/shutdown.test.ts"]
  },
  // what is retried, when, and for how long
  "fallback-gemini": { mutate: ["src/internal/retry.ts", "src/internal/failure.ts"] },
  // what the scorers read: the structure from mermaid's databases, the graph walks, the lines
  mermaid: { mutate: ["src/internal/model/*.ts", "src/graph.ts", "src/internal/lines.ts"], tests: ["test/parse.test.ts", "test/readers.test.ts", "test/graph.test.ts", "test/lines.test.ts"] },
  // each plugin's rules, with its issue-code cases and its own tests; not its contract
  // (`test/contract.test.ts`: 1000 generated examples and 2500 fuzz cases) nor its dataset's
  // tests (`test/dataset.test.ts`: 1000 examples validated), which would run for every mutant
  ...Object.fromEntries(
    ["erd", "sequence", "class", "state", "workflow", "architecture"].map((id) => [`artifact-${id}`, { mutate: ["src/internal/score.ts"], tests: ["test/codes.test.ts", `test/${id}.test.ts`] }])
  ),
  "artifact-code": { mutate: ["src/internal/validate.ts", "src/internal/rules.ts"], tests: ["test/codes.test.ts", "test/code.test.ts", "test/rules.test.ts"] },
  "artifact-html": { mutate: ["src/internal/validate.ts", "src/internal/structure.ts"], tests: ["test/codes.test.ts", "test/html.test.ts", "test/rules.test.ts"] },
  "artifact-apidocs": { mutate: ["src/internal/openapi/validate.ts", "src/internal/markdown/validate.ts"], tests: ["test/codes.test.ts", "test/apidocs.test.ts", "test/rules.test.ts", "test/parser-outcome.test.ts"] },
  "artifact-jira": { mutate: ["src/internal/validate.ts", "src/internal/gherkin.ts"], tests: ["test/codes.test.ts", "test/jira.test.ts", "test/rules.test.ts"] },
  "artifact-docs": { mutate: ["src/internal/validate.ts", "src/internal/markdown.ts"], tests: ["test/codes.test.ts", "test/docs.test.ts", "test/rules.test.ts"] }
}

/** Where `npm run mutation` writes Stryker's reports, relative to the repository. */
export const MUTATION_REPORTS = "reports/mutation"

export type MutationScore =
  | { readonly kind: "not-run" }
  | {
      readonly kind: "scored"
      /** Detected (killed or timed out) over detected plus undetected (survived or not covered), in %. */
      readonly percent: number
      readonly killed: number
      readonly timedOut: number
      readonly survived: number
      readonly noCoverage: number
    }

const repoRoot = join(import.meta.dirname, "..")

/** A package's score from its last Stryker JSON report, if there is one. */
export const mutationScore = (pkg: string): MutationScore => {
  const file = join(repoRoot, MUTATION_REPORTS, `${pkg}.json`)
  if (!existsSync(file)) return { kind: "not-run" }
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    files: Record<string, { mutants: ReadonlyArray<{ status: string }> }>
  }
  const count: Record<string, number> = {}
  for (const { mutants } of Object.values(report.files)) for (const { status } of mutants) count[status] = (count[status] ?? 0) + 1
  const [killed, timedOut, survived, noCoverage] = ["Killed", "Timeout", "Survived", "NoCoverage"].map((status) => count[status] ?? 0)
  const valid = killed + timedOut + survived + noCoverage
  return {
    kind: "scored",
    percent: valid === 0 ? 100 : round((100 * (killed + timedOut)) / valid, 1),
    killed,
    timedOut,
    survived,
    noCoverage
  }
}

/** The last measured score of each package, committed: `npm run mutation` writes it, `npm run bench` reports it. */
export const MUTATION_RECORD = "bench/mutation-scores.json"

export interface RecordedScore {
  readonly percent: number
  readonly killed: number
  readonly timedOut: number
  readonly survived: number
  readonly noCoverage: number
  /** A full run, or an incremental one (only the mutants whose code or tests changed were run again). */
  readonly run: "full" | "incremental"
  /** The day of the run (YYYY-MM-DD) and, where it was written down, the commit it ran on. */
  readonly date: string
  readonly commit?: string
  /** What else a reader of the figure must know (a run with other test files than today's target). */
  readonly note?: string
}

const readRecord = (): Record<string, RecordedScore> => {
  const file = join(repoRoot, MUTATION_RECORD)
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, RecordedScore>) : {}
}

/** Puts a package's score in the committed record, replacing the one before. */
export const recordMutationScore = (pkg: string, score: RecordedScore): void => {
  const record = { ...readRecord(), [pkg]: score }
  const sorted = Object.fromEntries(Object.keys(record).sort().map((name) => [name, record[name]]))
  writeFileSync(join(repoRoot, MUTATION_RECORD), `${JSON.stringify(sorted, null, 2)}\n`)
}

/** The bench result of a package's mutation score: the recorded one, or a note that none was made. */
export const mutationResult = (pkg: string): BenchResult => {
  const score = readRecord()[pkg]
  if (score === undefined) {
    return { name: `${pkg}.mutation.score`, unit: "%", value: Number.NaN, notes: `not run: \`npm run mutation -- ${pkg}\` records it in ${MUTATION_RECORD}` }
  }
  const target = MUTATION_TARGETS[pkg]
  return {
    name: `${pkg}.mutation.score`,
    unit: "%",
    value: score.percent,
    n: score.killed + score.timedOut + score.survived + score.noCoverage,
    notes: `Stryker, ${score.run} run on ${score.date}${score.commit ? ` at ${score.commit}` : ""}: ${score.killed} killed, ${score.timedOut} timed out, ${score.survived} survived, ${score.noCoverage} not covered, over ${target?.mutate.join(", ")}${target?.tests ? `, with ${target.tests.join(", ")}` : ", with all its tests"}; static mutants not run${score.note ? `; ${score.note}` : ""}`
  }
}
