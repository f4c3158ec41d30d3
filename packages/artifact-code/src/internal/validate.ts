/**
 * Judging a code answer: split it into files, decide each file's language (its name, its fence,
 * its content, the `language` parameter), parse it with the real parser, and score the artifact
 * as its weakest file. Pure, deterministic, never throws.
 */
import { scoreRelevance, scoreSheet } from "@lfai/artifact-kit"
import { verdict, type ValidateOptions, type Validation, type ValidationIssue } from "@lfai/core"
import type { Declaration, FileAnalysis, Finding } from "./analysis.ts"
import { analyseCSharp } from "./csharp.ts"
import { splitFiles, type CodeFile, type FileKind } from "./files.ts"
import { clearLanguage, isCodeLanguage, LANGUAGE_TITLE, languageCues, languageOfPrompt, markupKind, type CodeLanguage } from "./language.ts"
import { RULES, type RuleCode } from "./rules.ts"
import { analyseTypeScript, type ParseProblem } from "./typescript.ts"

/** Longer answers are refused before parsing (a model does not write 200 000 characters of prototype). */
export const MAX_CHARS = 200_000
const PARSE_ERRORS_LISTED = 5

export interface JudgedFile {
  readonly file: CodeFile
  /** How issues name the file: its path, or `file 2` in an answer of unnamed files. */
  readonly label: string
  readonly language?: CodeLanguage
  readonly analysis?: FileAnalysis
  /** Findings with lines in the file. */
  readonly findings: ReadonlyArray<Finding>
}

export interface CodeAnalysis {
  readonly files: ReadonlyArray<JudgedFile>
  /** Findings about the answer as a whole (lines in the content). */
  readonly findings: ReadonlyArray<Finding>
}

export interface AnalyseCodeOptions {
  /** The `language` parameter: files in the other language are the wrong type. */
  readonly language?: CodeLanguage
  /** The request asks for Angular. */
  readonly angular?: boolean
}

/** The first line that holds code (not blank, not a comment): where a file-wide issue points. */
const firstCodeLine = (text: string): number => {
  const lines = text.split("\n")
  const code = lines.findIndex((line) => line.trim() !== "" && !/^\s*(?:\/\/|\/\*|\*|#)/.test(line))
  return code >= 0 ? code + 1 : Math.max(1, lines.findIndex((line) => line.trim() !== "") + 1)
}

const SENTENCE = /^[\s>*#-]*[A-Za-z"'(][^;{}=<>]*\s\S+\s\S+.*$/
const CODE_LINE = /[;{}]\s*$|^\s*(?:\/\/|\/\*|\[\w|@\w|<\w)/

/** Prose, not code: mostly sentences, no line ends like code does, no cue of either language. */
const isProse = (text: string): boolean => {
  const lines = text.split("\n").filter((line) => line.trim() !== "")
  if (lines.length === 0 || lines.some((line) => CODE_LINE.test(line))) return false
  const cues = languageCues(text)
  if (cues.typescript + cues.csharp >= 3) return false
  return lines.filter((line) => SENTENCE.test(line)).length * 2 >= lines.length
}

const parseFindings = (language: CodeLanguage, errors: ReadonlyArray<ParseProblem>): Finding[] => {
  const parser = language === "typescript" ? "The TypeScript compiler" : "The C# parser (tree-sitter)"
  const listed = errors.slice(0, PARSE_ERRORS_LISTED).map((error): Finding => ({ code: "parse-error", message: `${parser} reports: ${error.message}`, line: error.line }))
  // at the first error not listed, so it reads after the ones listed
  if (errors.length > PARSE_ERRORS_LISTED) listed.push({ code: "parse-error", message: `… and ${errors.length - PARSE_ERRORS_LISTED} more syntax errors`, line: errors[PARSE_ERRORS_LISTED].line })
  return listed
}

/** One file parsed and read as `language`. */
const judgeAs = (language: CodeLanguage, text: string, angular: boolean): { findings: Finding[]; analysis?: FileAnalysis } => {
  if (language === "typescript") {
    const result = analyseTypeScript(text, { angular })
    if (result.analysis) return { findings: [...result.analysis.findings], analysis: result.analysis }
    if (result.jsx) {
      return { findings: [{ code: "wrong-type", message: "this is JSX/TSX (React markup in code), not TypeScript: an Angular component keeps its markup in `template`", line: firstCodeLine(text) }] }
    }
    return { findings: parseFindings("typescript", result.errors) }
  }
  const result = analyseCSharp(text)
  return result.analysis ? { findings: [...result.analysis.findings], analysis: result.analysis } : { findings: parseFindings("csharp", result.errors) }
}

const wrongLanguage = (expected: CodeLanguage, got: CodeLanguage, text: string, where = "the code"): Finding => ({
  code: "wrong-type",
  message: `expected ${LANGUAGE_TITLE[expected]}, but ${where} is ${LANGUAGE_TITLE[got]}`,
  line: firstCodeLine(text)
})

const judgeFile = (file: CodeFile, label: string, options: AnalyseCodeOptions): JudgedFile => {
  const { text } = file
  const angular = options.angular === true
  const done = (findings: Finding[], language?: CodeLanguage, analysis?: FileAnalysis): JudgedFile => ({
    file,
    label,
    findings,
    ...(language === undefined ? {} : { language }),
    ...(analysis === undefined ? {} : { analysis })
  })
  if (text.trim() === "") return done([{ code: "empty", message: "the file is empty" }])
  const declared: FileKind | undefined = file.declared
  if (declared === "jsx") return done([{ code: "wrong-type", message: "a JSX/TSX (React) file, not TypeScript: an Angular component keeps its markup in `template`", line: firstCodeLine(text) }])
  if (declared === "json") {
    try {
      JSON.parse(text)
      return done([{ code: "file-not-judged", message: "a JSON file: it parses; only TypeScript and C# files are judged further" }])
    } catch (error) {
      return done([{ code: "parse-error", message: `the JSON does not parse: ${error instanceof Error ? error.message : String(error)}`, line: firstCodeLine(text) }])
    }
  }
  if (declared === "other") return done([{ code: "file-not-judged", message: "neither TypeScript nor C#: not judged" }])
  // markup is named as such even under a TypeScript or C# fence (HTML there is not React JSX)
  const markup = markupKind(text)
  if (markup !== undefined) {
    return done([{ code: "wrong-type", message: markup === "jsx" ? "JSX markup (React), not TypeScript code: an Angular component keeps its markup in `template`" : "HTML markup, not TypeScript or C# code", line: firstCodeLine(text) }])
  }
  if (declared === undefined && isProse(text)) return done([{ code: "not-code", message: "prose, not code: expected TypeScript or C# source" }])
  const clear = clearLanguage(text)
  if (file.byExtension && declared !== undefined && clear !== undefined && clear !== declared) {
    return done([wrongLanguage(declared, clear, text, `\`${label}\``)])
  }
  const language: CodeLanguage | undefined = clear ?? declared ?? options.language
  if (options.language !== undefined && language !== undefined && language !== options.language) return done([wrongLanguage(options.language, language, text)], language)
  if (language !== undefined) {
    const judged = judgeAs(language, text, angular)
    return done(judged.findings, language, judged.analysis)
  }
  // Nothing says which language: the parsers decide.
  const asTypeScript = judgeAs("typescript", text, angular)
  if (asTypeScript.analysis) return done(asTypeScript.findings, "typescript", asTypeScript.analysis)
  const asCSharp = judgeAs("csharp", text, angular)
  if (asCSharp.analysis) return done(asCSharp.findings, "csharp", asCSharp.analysis)
  const cues = languageCues(text)
  if (cues.typescript + cues.csharp === 0) return done([{ code: "not-code", message: "neither TypeScript nor C#: both parsers reject it and nothing in it reads as code" }])
  return cues.csharp > cues.typescript ? done(asCSharp.findings, "csharp") : done(asTypeScript.findings, "typescript")
}

/** Splits the content into files and judges each; the analysis `validate` scores and relevance reads. */
export const analyseCode = (content: string, options: AnalyseCodeOptions = {}): CodeAnalysis => {
  const files = splitFiles(content)
  const many = files.length > 1
  const judged = files.map((file, index) => judgeFile(file, file.name ?? (many ? `file ${index + 1}` : "the code"), options))
  const findings: Finding[] = []
  const code = judged.filter((file) => file.language !== undefined)
  const seen = new Map<string, number>()
  for (const file of judged) {
    if (file.file.name === undefined) continue
    if (seen.has(file.file.name)) findings.push({ code: "duplicate-file", message: `\`${file.file.name}\` appears twice`, line: file.file.startLine })
    seen.set(file.file.name, file.file.startLine)
  }
  const typeErrors = judged.some((file) => file.findings.some((finding) => finding.code === "wrong-type" || finding.code === "not-code" || finding.code === "empty"))
  if (code.length === 0 && !typeErrors) {
    findings.push({ code: "not-code", message: "no TypeScript or C# file in the answer", line: 1 })
  } else if (code.length > 0 && code.every((file) => file.analysis !== undefined) && !code.some((file) => file.analysis!.declarations.some((declaration) => declaration.floor))) {
    const first = code[0]
    const floor =
      first.language === "typescript"
        ? "at least one class, function declaration, or top-level `const` bound to a function or arrow function"
        : "at least one class, record, struct or interface with a member (or record parameters)"
    findings.push({
      code: "no-declaration",
      message: `${many ? "no file declares" : "the code declares nothing the floor counts: it needs"} ${floor}`,
      line: first.file.startLine - 1 + (first.analysis!.declarations.find((declaration) => declaration.parent === undefined && declaration.kind !== "constant")?.line ?? firstCodeLine(first.file.text))
    })
  }
  return { files: judged, findings }
}

/**
 * What the code declares — classes, components, services, interfaces, records, controllers,
 * functions, methods, properties, endpoints and routes — with the file each is in: the names a
 * request is matched against.
 */
export const declaredNames = (analysis: CodeAnalysis): ReadonlyArray<Declaration & { readonly file?: string }> =>
  analysis.files.flatMap((judged) =>
    (judged.analysis?.declarations ?? []).map((declaration) => (judged.file.name === undefined ? declaration : { ...declaration, file: judged.file.name }))
  )

/**
 * What relevance matches a request against: every declaration (with routes, endpoints and
 * selectors), every identifier the code declares or uses, and the files' names.
 */
const codeNames = (analysis: CodeAnalysis): ReadonlyArray<string> => [
  ...new Set([
    ...declaredNames(analysis).map((declaration) => declaration.name),
    ...analysis.files.flatMap((judged) => [...(judged.analysis?.identifiers ?? []), ...(judged.file.name === undefined ? [] : [judged.file.name])])
  ])
]

const penalty = (findings: ReadonlyArray<Finding>): number => {
  const counts = new Map<RuleCode, number>()
  for (const finding of findings) counts.set(finding.code, (counts.get(finding.code) ?? 0) + 1)
  let total = 0
  for (const [code, count] of counts) {
    const rule = RULES[code]
    total += Math.min("cap" in rule ? rule.cap : rule.points, rule.points * count)
  }
  return total
}

const toIssue = (finding: Finding, file?: JudgedFile, many = false): ValidationIssue => {
  const rule = RULES[finding.code]
  const line = finding.line === undefined ? undefined : (file?.file.startLine ?? 1) - 1 + finding.line
  const where = file !== undefined && many ? `\`${file.label}\`${finding.line === undefined ? "" : ` line ${finding.line}`}: ` : ""
  const message = `${where}${finding.message}`
  return line === undefined ? { code: finding.code, severity: rule.severity, message } : { code: finding.code, severity: rule.severity, message, line }
}

const judge = (content: string, options: ValidateOptions | undefined): { score: number; issues: ValidationIssue[] } => {
  const fail = (code: RuleCode, message: string) => ({ score: 100 - RULES[code].points, issues: [toIssue({ code, message })] })
  const text = typeof content === "string" ? content : String(content ?? "")
  const requested = options?.params?.language
  if (requested !== undefined && !isCodeLanguage(requested)) return fail("unsupported-language", `unknown language "${String(requested)}": expected typescript or csharp`)
  if (text.length > MAX_CHARS) return fail("too-large", `the answer has ${text.length} characters; the limit is ${MAX_CHARS}`)
  if (text.trim() === "") return fail("empty", "the answer is empty: expected TypeScript or C# code")
  const prompt = typeof options?.request === "string" ? options.request : undefined
  const analysis = analyseCode(text, {
    ...(requested === undefined ? {} : { language: requested }),
    angular: prompt !== undefined && /\bangular\b/i.test(prompt) && languageOfPrompt(prompt) === "typescript"
  })
  const many = analysis.files.length > 1
  const issues: ValidationIssue[] = []
  let worst = 0
  for (const file of analysis.files) {
    worst = Math.max(worst, penalty(file.findings))
    const ordered = [...file.findings].sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
    for (const finding of ordered) issues.push(toIssue(finding, file, many))
  }
  for (const finding of analysis.findings) issues.push(toIssue(finding))
  const score = 100 - worst - penalty(analysis.findings)
  if (prompt === undefined || prompt.trim() === "" || !analysis.files.some((file) => file.analysis !== undefined)) return { score, issues }
  // Judged against the request: the types and members it names must be declared.
  const relevance = scoreSheet(score)
  scoreRelevance(relevance, prompt, { noun: "names the code declares or uses", names: codeNames(analysis) })
  const judged = relevance.result()
  return { score: judged.score, issues: [...issues, ...judged.issues] }
}

/** Validates code content (one file, or fenced named files) and scores it. Pure, deterministic, never throws. */
export const validateCode = (content: string, options?: ValidateOptions): Validation => {
  let raw: { score: number; issues: ValidationIssue[] }
  try {
    raw = judge(content, options)
  } catch (error) {
    const message = error instanceof RangeError ? "the code is nested too deeply to parse" : `the validator failed: ${error instanceof Error ? error.message : String(error)}`
    raw = { score: 0, issues: [{ code: error instanceof RangeError ? "parse-error" : "internal-error", severity: "error", message }] }
  }
  try {
    return verdict(raw, options)
  } catch {
    return verdict(raw)
  }
}
