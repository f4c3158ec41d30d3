/** The verdict rule every plugin shares, on its own: the pass mark, the error cap, strict mode, bounds. */
import { describe, expect, it } from "vitest"
import { DEFAULT_PASS_THRESHOLD, defineArtifact, verdict, type ValidationIssue } from "@lfai/core"

const warning: ValidationIssue = { code: "w", severity: "warning", message: "a warning" }
const error: ValidationIssue = { code: "e", severity: "error", message: "an error" }
const info: ValidationIssue = { code: "i", severity: "info", message: "a note" }

describe("verdict", () => {
  it("passes exactly at the threshold, not one below (score >= threshold)", () => {
    expect(verdict({ score: 70, issues: [] })).toEqual({ score: 70, passed: true, issues: [] })
    expect(verdict({ score: 69, issues: [] })).toEqual({ score: 69, passed: false, issues: [] })
    expect(verdict({ score: 85, issues: [] }, { threshold: 85 }).passed).toBe(true)
    expect(verdict({ score: 84, issues: [] }, { threshold: 85 }).passed).toBe(false)
    expect(DEFAULT_PASS_THRESHOLD).toBe(70)
  })

  it("an error fails whatever the score, and caps the score one below the threshold", () => {
    expect(verdict({ score: 100, issues: [error] })).toEqual({ score: 69, passed: false, issues: [error] })
    expect(verdict({ score: 100, issues: [error] }, { threshold: 90 })).toMatchObject({ score: 89, passed: false })
    // a score already below the cap stays as it is
    expect(verdict({ score: 40, issues: [error] })).toMatchObject({ score: 40, passed: false })
    // threshold 0: the cap cannot go below 0
    expect(verdict({ score: 100, issues: [error] }, { threshold: 0 })).toMatchObject({ score: 0, passed: false })
  })

  it("warnings and notes do not fail an artifact, unless strict makes warnings errors", () => {
    expect(verdict({ score: 90, issues: [warning, info] })).toEqual({ score: 90, passed: true, issues: [warning, info] })
    const strict = verdict({ score: 90, issues: [warning, info] }, { strict: true })
    expect(strict).toEqual({ score: 69, passed: false, issues: [{ ...warning, severity: "error" }, info] })
    expect(verdict({ score: 90, issues: [info] }, { strict: true })).toEqual({ score: 90, passed: true, issues: [info] })
  })

  it("bounds and rounds the score: 0..100, an integer, NaN and infinities as 0", () => {
    expect(verdict({ score: 150, issues: [] }).score).toBe(100)
    expect(verdict({ score: -5, issues: [] }).score).toBe(0)
    expect(verdict({ score: 79.5, issues: [] }).score).toBe(80)
    expect(verdict({ score: 69.5, issues: [] })).toMatchObject({ score: 70, passed: true })
    expect(verdict({ score: Number.NaN, issues: [] }).score).toBe(0)
    expect(verdict({ score: Number.POSITIVE_INFINITY, issues: [] }).score).toBe(0)
  })
})

describe("defineArtifact", () => {
  const base = { id: "a-note", title: "t", description: "d", model: "m:1", package: { name: "p", version: "1" } } as const
  const rest = { prompt: { system: "", user: () => "" }, extract: (raw: string) => raw, validate: () => ({ score: 0, passed: false, issues: [] }), dataset: { domains: [], generate: () => [] } }

  it("fills in the spec version, and refuses an id that is not kebab-case or a blank model", () => {
    expect(defineArtifact({ ...base, ...rest }).specVersion).toBe(1)
    for (const id of ["Note", "a_note", "-a", "a-", "a--b", "1a", ""]) expect(() => defineArtifact({ ...base, ...rest, id }), id).toThrow(/kebab-case/)
    expect(() => defineArtifact({ ...base, ...rest, model: "  " })).toThrow(/names no model/)
  })
})
