/**
 * The issue-code contract (vitest): every code a plugin's validator can emit, read from its
 * sources, has a document that triggers exactly that code and nothing else. A rule switched off,
 * or one that fires on the wrong document, fails a test of its own; a new code without a test
 * fails the list.
 */
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import type { ArtifactPlugin, ValidateOptions } from "@lfai/core"
import ts from "typescript"
import { describe, expect, it } from "vitest"

/** A document that triggers one code, with the options it needs (a request, strict mode). */
export interface CodeCase {
  readonly content: string
  readonly options?: ValidateOptions
  /** The line every issue of the code is reported at. */
  readonly line?: number
  /** Codes no document can avoid alongside this one (say why in a comment). */
  readonly also?: ReadonlyArray<string>
}

export interface IssueCodeCases {
  /** The plugin's source files that score (the `sheet.error/warn/info/each` calls that name codes). */
  readonly sources: ReadonlyArray<URL>
  /** Codes emitted for the plugin elsewhere: the kit's shared codes, relevance. */
  readonly shared: ReadonlyArray<string>
  /**
   * Codes passed to the sheet through an expression rather than a literal, by the expression's
   * text (`parsed.kind`): what it can hold.
   */
  readonly indirect?: Readonly<Record<string, ReadonlyArray<string>>>
  /**
   * Codes no document can trigger, each with the reason: a failure of the validator's own
   * machinery (a parser worker that timed out), not of the text.
   */
  readonly unreachable?: Readonly<Record<string, string>>
  /** Per code, a document whose only issues carry that code. */
  readonly cases: Readonly<Record<string, string | CodeCase>>
  /** The plugin's README, whose scoring table must name every code. */
  readonly readme?: URL
}

const CODE = /^[a-z][a-z0-9-]*$/

/** The sheet methods that take a code, and the position of the code among their arguments. */
const CODE_ARGUMENT: Readonly<Record<string, number>> = { error: 0, warn: 0, info: 0, each: 1 }

/** What a crash inside a validator becomes: the kit's sheet and core's pipeline and pool name it so. A bug, never a verdict. */
export const CRASH_CODES: ReadonlyArray<string> = ["internal-error", "validator-crashed"]

/**
 * The codes the sources name: the code arguments of a score sheet's methods (a receiver named
 * `sheet`) and `code: …` in object literals, where they are string literals, constants bound to
 * them, or conditionals between those. Any other expression in a code position is returned in
 * `unread`, by its text, for the caller to resolve.
 */
export const codesInSources = (files: ReadonlyArray<string>): { readonly codes: ReadonlyArray<string>; readonly unread: ReadonlyArray<string> } => {
  const codes = new Set<string>()
  const unread = new Set<string>()
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true)
    const constants = new Map<string, ts.Expression>()
    const collectConstants = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) constants.set(node.name.text, node.initializer)
      ts.forEachChild(node, collectConstants)
    }
    collectConstants(source)
    /** The strings an expression can be: undefined when that is not written out. */
    const values = (expression: ts.Expression, seen: ReadonlySet<string> = new Set()): ReadonlyArray<string> | undefined => {
      if (ts.isStringLiteralLike(expression)) return [expression.text]
      if (ts.isParenthesizedExpression(expression)) return values(expression.expression, seen)
      if (ts.isConditionalExpression(expression)) {
        const [whenTrue, whenFalse] = [values(expression.whenTrue, seen), values(expression.whenFalse, seen)]
        return whenTrue && whenFalse ? [...whenTrue, ...whenFalse] : undefined
      }
      if (ts.isIdentifier(expression) && !seen.has(expression.text)) {
        const bound = constants.get(expression.text)
        return bound === undefined ? undefined : values(bound, new Set([...seen, expression.text]))
      }
      return undefined
    }
    const read = (expression: ts.Expression) => {
      const found = values(expression)
      if (found !== undefined && found.every((value) => CODE.test(value))) for (const value of found) codes.add(value)
      else unread.add(expression.getText(source))
    }
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && /sheet$/i.test(node.expression.expression.getText(source))) {
        const position = CODE_ARGUMENT[node.expression.name.text]
        const argument = position === undefined ? undefined : node.arguments[position]
        if (argument !== undefined) read(argument)
      }
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === "code") read(node.initializer)
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return { codes: [...codes].sort(), unread: [...unread].sort() }
}

const SEVERITIES = new Set(["error", "warning", "info"])

/** Per code, the severities the README's scoring tables give it: rows like `| \`code\`, \`other\` | warning | … |`. */
const severitiesInReadme = (text: string): ReadonlyMap<string, ReadonlySet<string>> => {
  const found = new Map<string, Set<string>>()
  for (const row of text.split("\n")) {
    const cells = row.split("|").map((cell) => cell.trim())
    if (cells.length < 4 || !SEVERITIES.has(cells[2])) continue
    for (const [, code] of cells[1].matchAll(/`([^`]+)`/g)) found.set(code, (found.get(code) ?? new Set()).add(cells[2]))
  }
  return found
}

const summary = (issues: ReadonlyArray<{ code: string; severity: string; line?: number }>) => issues.map((i) => `${i.severity}:${i.code}@${i.line ?? "-"}`).join(" ")

/** Runs the issue-code contract for `plugin` (see the module's comment). */
export const issueCodeContract = (plugin: ArtifactPlugin, cases: IssueCodeCases): void => {
  const files = cases.sources.map((url) => fileURLToPath(url))
  // Under `npm run mutation` the sources on disk are Stryker's instrumented copies (every code
  // wrapped in a mutant switch), not what was written: the list is read from the real sources only.
  // No mutant can change what the sources name, so nothing is lost.
  const instrumented = files.some((file) => readFileSync(file, "utf8").includes("stryMutAct_"))
  const readme = cases.readme === undefined ? undefined : readFileSync(fileURLToPath(cases.readme), "utf8")
  const severities = readme === undefined ? new Map<string, ReadonlySet<string>>() : severitiesInReadme(readme)
  describe(`${plugin.id}: issue codes`, () => {
    it.skipIf(instrumented)("has a case for every code its sources can emit, and no other", () => {
      const { codes, unread } = codesInSources(files)
      const indirect = cases.indirect ?? {}
      expect(unread.filter((text) => !(text in indirect)), "code expressions the list cannot read: name their codes in `indirect`").toEqual([])
      // a crash is no verdict: the contract refuses it, no document should trigger it
      const emitted = new Set([...cases.shared, ...codes, ...unread.flatMap((text) => indirect[text] ?? [])].filter((code) => !CRASH_CODES.includes(code)))
      const unreachable = Object.keys(cases.unreachable ?? {})
      expect(unreachable.filter((code) => code in cases.cases), "codes both triggered and unreachable").toEqual([])
      expect([...Object.keys(cases.cases), ...unreachable].sort()).toEqual([...emitted].sort())
    })

    it.each(Object.entries(cases.cases))("%s: a document that triggers it and nothing else", (code, given) => {
      const { content, options, line, also = [] } = typeof given === "string" ? ({ content: given } as CodeCase) : given
      const result = plugin.validate(content, options)
      expect([...new Set(result.issues.map((issue) => issue.code))].sort(), summary(result.issues)).toEqual([code, ...also].sort())
      if (line !== undefined) expect(result.issues.filter((issue) => issue.code === code).map((issue) => issue.line)).toEqual(result.issues.filter((issue) => issue.code === code).map(() => line))
      // a warning that turns into an error (or back) changes every verdict it is in
      const said = severities.get(code)
      if (said !== undefined) expect(result.issues.filter((issue) => issue.code === code && !said.has(issue.severity)).map((issue) => issue.severity), `${code} is ${[...said].join(" or ")} in the README`).toEqual([])
    })

    if (readme !== undefined) {
      it("names every code in its README, with its severity", () => {
        expect(Object.keys(cases.cases).filter((code) => !readme.includes(`\`${code}\``))).toEqual([])
        expect(Object.keys(cases.cases).filter((code) => !severities.has(code)), "codes in no scoring-table row (| `code` | severity | …)").toEqual([])
      })
    }
  })
}
