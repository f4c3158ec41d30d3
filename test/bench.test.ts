/** The committed mutation scores that `npm run bench` reports are whole and add up. */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { MUTATION_RECORD, MUTATION_TARGETS, mutationResult, type RecordedScore } from "../bench/lib.ts"

const record = JSON.parse(readFileSync(join(import.meta.dirname, "..", MUTATION_RECORD), "utf8")) as Record<string, RecordedScore>

describe("bench: the recorded mutation scores", () => {
  it("are of packages with mutation targets, and each percent is its counts' score", () => {
    for (const [pkg, score] of Object.entries(record)) {
      expect(Object.keys(MUTATION_TARGETS), pkg).toContain(pkg)
      const detected = score.killed + score.timedOut
      expect(score.percent, pkg).toBe(Math.round((1000 * detected) / (detected + score.survived + score.noCoverage)) / 10)
      expect(score.date, pkg).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(["full", "incremental"], pkg).toContain(score.run)
    }
  })

  it("go into the bench JSON with their counts, run and day; a package never run says how to run it", () => {
    const [pkg, score] = Object.entries(record)[0]
    const result = mutationResult(pkg)
    expect(result).toMatchObject({ name: `${pkg}.mutation.score`, unit: "%", value: score.percent, n: score.killed + score.timedOut + score.survived + score.noCoverage })
    expect(result.notes).toContain(`${score.run} run on ${score.date}`)
    expect(result.notes).toContain(`${score.killed} killed, ${score.timedOut} timed out, ${score.survived} survived, ${score.noCoverage} not covered`)
    expect(mutationResult("no-such-package")).toMatchObject({ value: Number.NaN, notes: "not run: `npm run mutation -- no-such-package` records it in bench/mutation-scores.json" })
  })
})
