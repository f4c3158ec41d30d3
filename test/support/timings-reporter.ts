/**
 * A vitest reporter that keeps what the timeouts are set from: per project, the slowest test, and
 * the tests that came closest to their own timeout. Written to
 * `reports/timings.json`; the three tightest are printed at the end of the run.
 *
 * Each package's timeout is about ten times the slowest test seen on a busy 2-core machine (see its
 * `vitest.config.ts`): loose enough for load, tight enough that a test fifty times slower fails.
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"
import { experimental_getRunnerTask, type Reporter, type TestCase } from "vitest/node"

interface TestTiming {
  readonly name: string
  readonly ms: number
  readonly timeout: number
}

const OUTPUT = "reports/timings.json"

const title = (test: TestCase): string => `${test.module.relativeModuleId} > ${test.fullName}`

export default class TimingsReporter implements Reporter {
  private readonly slowest = new Map<string, TestTiming>()
  private readonly tests: Array<TestTiming & { readonly project: string }> = []

  onTestCaseResult(test: TestCase): void {
    const diagnostic = test.diagnostic()
    if (!diagnostic || test.result().state === "skipped") return
    const timing = { name: title(test), ms: Math.round(diagnostic.duration), timeout: experimental_getRunnerTask(test).timeout }
    this.tests.push({ ...timing, project: test.project.name })
    if (timing.ms > (this.slowest.get(test.project.name)?.ms ?? -1)) this.slowest.set(test.project.name, timing)
  }

  onTestRunEnd(): void {
    if (this.tests.length === 0) return
    const share = (t: TestTiming) => t.ms / t.timeout
    const tightest = [...this.tests].sort((a, b) => share(b) - share(a)).slice(0, 10)
    const slowest = Object.fromEntries([...this.slowest].sort(([a], [b]) => a.localeCompare(b)))
    mkdirSync(dirname(OUTPUT), { recursive: true })
    writeFileSync(OUTPUT, `${JSON.stringify({ slowest, tightest }, null, 2)}\n`)
    const line = (t: TestTiming) => `${t.name}: ${(t.ms / 1000).toFixed(1)} s of ${(t.timeout / 1000).toFixed(0)} s (${Math.round(100 * share(t))}%)`
    process.stdout.write(`\nclosest to their timeout (all in ${OUTPUT}):\n${tightest.slice(0, 3).map((t) => `  ${line(t)}`).join("\n")}\n`)
  }
}
