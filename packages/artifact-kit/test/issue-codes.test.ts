import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"
import { SHARED_PENALTIES, validateDiagram } from "../src/diagram.ts"
import { codesInSources } from "../src/internal/issue-codes.ts"

const dir = mkdtempSync(join(tmpdir(), "lfai-codes-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const source = (name: string, text: string) => {
  const file = join(dir, name)
  writeFileSync(file, text)
  return file
}

describe("codesInSources", () => {
  it("reads the codes a score sheet is given: literal, through a constant, either branch of a conditional, as an each's second argument, and in issue objects", () => {
    const file = source(
      "score.ts",
      [
        'const LOOSE = "loose-end"',
        'const NOT_A_CODE = "Not A Code"',
        'export const score = (sheet, scoreSheet, other) => {',
        '  sheet.error("floor-broken", "message", 30, 1)',
        '  sheet.warn(LOOSE, "message", 3)',
        '  scoreSheet.info(`plain-remark`, "message")',
        '  sheet.each("warning", "each-finding", [], 2, 8)',
        '  other.error("not-a-sheet", "ignored: the receiver is no score sheet")',
        '  console.warn("also ignored")',
        '  const kind = other ? "first-kind" : ("second-kind")',
        '  sheet.error(kind, "message", 1)',
        '  sheet.warn(other.flag ? "left-branch" : LOOSE, "message", 1)',
        '  sheet.warn(other.flag ? "half-read" : other.code, "message", 1)',
        '  return [{ code: "in-an-object", severity: "info", message: "m" }, { code: NOT_A_CODE }]',
        "}",
        "// sheet.error(\"in-a-comment\", …) is no code",
        'const text = \'sheet.warn("in-a-string")\''
      ].join("\n")
    )
    expect(codesInSources([file])).toEqual({
      codes: ["each-finding", "first-kind", "floor-broken", "in-an-object", "left-branch", "loose-end", "plain-remark", "second-kind"],
      unread: ["NOT_A_CODE", 'other.flag ? "half-read" : other.code']
    })
  })

  it("returns the code expressions it cannot read, by their text", () => {
    const file = source("indirect.ts", 'export const f = (sheet, parsed, code) => { sheet.error(parsed.kind, "m", 1); sheet.each("error", code, [], 1, 1) }')
    expect(codesInSources([file])).toEqual({ codes: [], unread: ["code", "parsed.kind"] })
  })

  it("finds in the kit's diagram validator exactly the shared codes, besides internal-error (a crash, never a verdict)", () => {
    const { codes, unread } = codesInSources([fileURLToPath(new URL("../src/diagram.ts", import.meta.url))])
    expect(unread).toEqual([])
    expect(codes.filter((code) => code !== "internal-error")).toEqual(Object.keys(SHARED_PENALTIES).sort())
  })
})

describe("a crash inside the diagram validator", () => {
  it("is an internal-error issue, never a throw", () => {
    const result = validateDiagram({ family: "er", header: "erDiagram", score: () => { throw new Error("boom") } }, "erDiagram\n  A ||--o{ B : has\n")
    expect(result).toMatchObject({ passed: false, issues: [{ code: "internal-error", severity: "error", message: "The validator failed: boom." }] })
  })
})
