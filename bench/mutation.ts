/**
 * `npm run mutation [-- <pkg>...]`: mutation testing (StrykerJS with its vitest runner) of the
 * rules that decide outcomes, one package at a time with that package's own tests. Slow (minutes
 * per package on a busy machine), so it is not part of `npm test` or CI.
 *
 * Each package's report goes to `reports/mutation/<pkg>.json` (Stryker's JSON report) and
 * `reports/mutation/<pkg>.html`, and its score to `bench/mutation-scores.json` (committed, which
 * `npm run bench` reports); the run fails when a package scores under {@link BREAK}. Stryker changes the files in place while it runs and puts
 * them back at the end: do not edit them meanwhile.
 */
import { execFileSync } from "node:child_process"
import { existsSync, mkdirSync } from "node:fs"
import { join } from "node:path"
import { Stryker } from "@stryker-mutator/core"
import { MUTATION_REPORTS, MUTATION_TARGETS as TARGETS, mutationScore, recordMutationScore } from "./lib.ts"

/** Under this score (%) a package fails the run. */
const BREAK = 85

const root = join(import.meta.dirname, "..")
const asked = process.argv.slice(2)
const unknown = asked.filter((name) => !(name in TARGETS))
if (unknown.length > 0) {
  process.stderr.write(`mutation: no targets for ${unknown.join(", ")}; packages with targets: ${Object.keys(TARGETS).join(", ")}\n`)
  process.exit(2)
}
const packages = asked.length > 0 ? asked : Object.keys(TARGETS)
mkdirSync(join(root, MUTATION_REPORTS), { recursive: true })

/** The commit the files are mutated at, marked when the packages or benches had changes not committed. */
const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8" }).trim()
const commit = `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain", "--", "packages", "bench") === "" ? "" : " with uncommitted changes"}`

const below: string[] = []
for (const name of packages) {
  process.stderr.write(`mutation: ${name}\n`)
  const dir = `packages/${name}`
  const incrementalFile = `${MUTATION_REPORTS}/${name}.incremental.json`
  const incremental = existsSync(join(root, incrementalFile))
  const stryker = new Stryker({
    packageManager: "npm",
    testRunner: "vitest",
    plugins: ["@stryker-mutator/vitest-runner"],
    vitest: { configFile: `${dir}/vitest.config.ts`, dir, related: false, pool: "forks" },
    mutate: TARGETS[name].mutate.map((file) => `${dir}/${file}`),
    ...(TARGETS[name].tests ? { testFiles: TARGETS[name].tests.map((file) => `${dir}/${file}`) } : {}),
    // The workspace packages import each other through node_modules symlinks to packages/*: a
    // sandbox copy would be mutated where no test imports it. Mutate the files themselves.
    inPlace: true,
    // No `// @ts-nocheck` written into every file of the repository: nothing type-checks the mutants.
    disableTypeChecks: false,
    coverageAnalysis: "perTest",
    // Mutants of module-level constants run every test of the package each: left out (Ignored, not
    // in the score) so a package takes minutes, not hours, on two cores.
    ignoreStatic: true,
    // Only what changed since the last run is run again.
    incremental: true,
    incrementalFile,
    reporters: ["clear-text", "progress", "json", "html"],
    jsonReporter: { fileName: `${MUTATION_REPORTS}/${name}.json` },
    htmlReporter: { fileName: `${MUTATION_REPORTS}/${name}.html` },
    thresholds: { high: 90, low: BREAK, break: null },
    // Two cores: one test runner beside Stryker itself. Tests start servers and workers: give them room.
    concurrency: 1,
    timeoutMS: 30_000,
    timeoutFactor: 3,
    dryRunTimeoutMinutes: 20,
    tempDirName: `${MUTATION_REPORTS}/.stryker-tmp-${name}`,
    cleanTempDir: "always"
  })
  await stryker.runMutationTest()
  const score = mutationScore(name)
  if (score.kind === "scored") {
    const { kind: _, ...counts } = score
    recordMutationScore(name, { ...counts, run: incremental ? "incremental" : "full", date: new Date().toISOString().slice(0, 10), commit })
    if (score.percent < BREAK) below.push(`${name} ${score.percent}%`)
  }
}
if (below.length > 0) {
  process.stderr.write(`mutation: under ${BREAK}%: ${below.join(", ")}\n`)
  process.exit(1)
}
