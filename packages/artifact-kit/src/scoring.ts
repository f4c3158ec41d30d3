/**
 * A score sheet for validators: start from 100, take points off per finding, keep the issues.
 * The verdict (pass/fail, the error cap, strict mode) is core's `verdict`; this only collects.
 */
import { verdict, type Severity, type ValidateOptions, type Validation, type ValidationIssue } from "@lfai/core"

export interface Finding {
  readonly message: string
  readonly line?: number
}

export interface ScoreSheet {
  /** A floor violation or a broken artifact: fails it whatever the score. */
  readonly error: (code: string, message: string, points: number, line?: number) => void
  /** A quality problem: lowers the score, fails only in strict mode. */
  readonly warn: (code: string, message: string, points: number, line?: number) => void
  /** A remark that costs nothing. */
  readonly info: (code: string, message: string, line?: number) => void
  /**
   * One kind of finding that may occur many times: each costs `each` points, all of them together
   * at most `cap`, so one sloppy habit cannot sink an otherwise sound artifact.
   */
  readonly each: (severity: Severity, code: string, findings: ReadonlyArray<Finding>, each: number, cap: number) => void
  readonly issues: () => ReadonlyArray<ValidationIssue>
  readonly result: () => { readonly score: number; readonly issues: ReadonlyArray<ValidationIssue> }
}

export const scoreSheet = (start = 100): ScoreSheet => {
  const issues: ValidationIssue[] = []
  let score = start
  const add = (severity: Severity, code: string, message: string, points: number, line?: number) => {
    score -= Math.max(0, points)
    issues.push(line === undefined ? { code, severity, message } : { code, severity, message, line })
  }
  return {
    error: (code, message, points, line) => add("error", code, message, points, line),
    warn: (code, message, points, line) => add("warning", code, message, points, line),
    info: (code, message, line) => add("info", code, message, 0, line),
    each: (severity, code, findings, each, cap) => {
      let spent = 0
      for (const finding of findings) {
        const points = Math.max(0, Math.min(each, cap - spent))
        spent += points
        add(severity, code, finding.message, points, finding.line)
      }
    },
    issues: () => issues,
    result: () => ({ score: Math.max(0, Math.min(100, Math.round(score))), issues })
  }
}

/**
 * Runs a validator's checks on a fresh sheet and returns the verdict, never throwing: a check that
 * throws becomes an `internal-error` issue, and malformed options fall back to the defaults.
 */
export const judgeSafely = (options: ValidateOptions | undefined, check: (sheet: ScoreSheet) => void): Validation => {
  const sheet = scoreSheet()
  try {
    check(sheet)
  } catch (error) {
    sheet.error("internal-error", `The validator failed: ${error instanceof Error ? error.message : String(error)}.`, 100)
  }
  try {
    return verdict(sheet.result(), options)
  } catch {
    return verdict(sheet.result())
  }
}

/** Words that name a thing without saying anything: `A`, `B2`, `n3`, `node1`, `x`. */
export const isPlaceholderName = (name: string): boolean =>
  /^(?:[a-z]{1,2}\d*|(?:node|n|item|thing|step|state|class|entity|obj|foo|bar|baz|tmp|test)[_-]?\d*)$/i.test(name.trim())

/** The naming style of an identifier, for consistency checks. */
export const namingStyle = (name: string): "snake" | "upper-snake" | "camel" | "pascal" | "kebab" | "other" => {
  if (/^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(name)) return "snake"
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/.test(name) && /[A-Z]{2}/.test(name)) return "upper-snake"
  if (/^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$/.test(name)) return "camel"
  if (/^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$/.test(name)) return "pascal"
  if (/^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/.test(name)) return "kebab"
  return "other"
}

/**
 * The styles in use among names that have a recognisable multi-word style, when more than one is
 * used (single words such as `id` or `Order` fit any style and are not counted).
 */
export const mixedNamingStyles = (names: ReadonlyArray<string>): string[] => {
  const styles = new Set<string>()
  for (const name of names) {
    const style = namingStyle(name)
    const multiWord = /[_-]/.test(name) || /[a-z][A-Z]/.test(name)
    if (style !== "other" && multiWord) styles.add(style)
  }
  return styles.size > 1 ? [...styles].sort() : []
}
