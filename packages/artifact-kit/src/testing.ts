/**
 * The contract every artifact plugin's tests run (vitest): prompts, fixtures with expected verdicts
 * and issue codes, extraction from realistic answers, fuzzing, strict mode, and a dataset that is
 * deterministic and valid example by example. The dataset quality rules (domains,
 * duplicates, near-duplicates, structure) are measured in one place: `@lfai/dataset-builder`, whose
 * tests build every plugin's 1000 examples with exactly the rules of a real build.
 * A plugin's test file supplies its fixtures and samples.
 *
 * Fixture files (`*.mmd`, `*.txt`, …) start with one line naming what the validator must say:
 *   `%% expect: pass`                        passes, no error
 *   `%% expect: pass warn:orphan-entity`     passes, with that warning
 *   `%% expect: fail parse-error@4 …`        fails, with these codes (at these lines)
 * The line is part of the content (a Mermaid comment), so lines count from it. For formats
 * without comments (JSON), `"fixtureHeader": "strip"` takes the line off, and lines count from the
 * next one. A model's answer is built the way the plugin's `prompt.answer` builds it, or else in a
 * fence whose info string is `fence` (default `mermaid`).
 */
import { execFileSync } from "node:child_process"
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import type { ArtifactPlugin, Validation } from "@lfai/core"
import { describe, expect, it } from "vitest"
import { fuzzInputs } from "./fuzz.ts"
import { CRASH_CODES } from "./internal/issue-codes.ts"

export { issueCodeContract, type CodeCase, type IssueCodeCases } from "./internal/issue-codes.ts"

/** `contract.json` in a plugin's test folder. */
export interface ContractOptions {
  /** A clean, passing artifact, used to build realistic raw answers. */
  readonly sample: string
  /** An artifact of another type, placed before `sample` in a two-block answer. */
  readonly decoy: string
  /** Words the system prompt must contain (what the validator checks). */
  readonly promptMentions: ReadonlyArray<string>
  /** Tokens of the artifact's syntax, for the fuzzer. */
  readonly tokens?: ReadonlyArray<string>
  /** The Ollama model the plugin must want. */
  readonly model: string
  readonly datasetCount?: number
  readonly fuzzCases?: number
  /** The fence's info string a model answers in, when the plugin has no `prompt.answer` (default `mermaid`). */
  readonly fence?: string
  /** The issue code plain prose gets from the validator (default `not-mermaid`). */
  readonly notTypeCode?: string
  /** `comment` (default): the `expect:` line is part of the content; `strip`: it is taken off. */
  readonly fixtureHeader?: "comment" | "strip"
  /**
   * A comment line in the artifact's syntax, `{}` standing for a label (default `%% {}`), appended
   * in the isolation test so that no two validations see the same text; `null` for formats without
   * comments.
   */
  readonly comment?: string | null
  /** Built-in extraction cases that do not apply to the format (by name). */
  readonly skipExtract?: ReadonlyArray<string>
}

/** A fence around `text` longer than any fence inside it, so nested fences stay inside. */
const fenced = (info: string, text: string): string => {
  const longest = Math.max(2, ...[...text.matchAll(/^\s*(`{3,})/gm)].map((match) => match[1].length))
  const fence = "`".repeat(longest + 1)
  return `${fence}${info}\n${text}\n${fence}`
}

interface Expectation {
  readonly pass: boolean
  readonly codes: ReadonlyArray<{ readonly code: string; readonly line?: number; readonly severity: "error" | "warning" | "any" }>
}

const parseExpectation = (file: string, text: string): Expectation => {
  const header = /^\s*(?:%%|#|\/\/|<!--)?\s*expect:\s*(pass|fail)\b(.*)$/m.exec(text.split(/\r?\n/)[0] ?? "")
  if (!header) throw new Error(`fixture ${file} lacks an "expect:" first line`)
  const codes = header[2]
    .replace(/-->\s*$/, "")
    .trim()
    .split(/\s+/)
    .filter((token) => token !== "")
    .map((token) => {
      const warn = token.startsWith("warn:")
      const [code, line] = token.replace(/^warn:/, "").split("@")
      return { code, severity: warn ? ("warning" as const) : header[1] === "fail" ? ("error" as const) : ("any" as const), ...(line ? { line: Number(line) } : {}) }
    })
  return { pass: header[1] === "pass", codes }
}

/** A verdict as every validator must give it: a whole score in range, the pass rule, well-formed issues, and no crash. */
/** What `plugin` finds of `code` in `content`, as [message, line] pairs: for asserting a rule's wording and lines. */
export const findingsOf = (plugin: ArtifactPlugin, content: string, code: string): Array<[string, number | undefined]> =>
  plugin
    .validate(content)
    .issues.filter((issue) => issue.code === code)
    .map((issue) => [issue.message, issue.line])

export const checkShape = (result: Validation) => {
  expect(Number.isInteger(result.score)).toBe(true)
  expect(result.score).toBeGreaterThanOrEqual(0)
  expect(result.score).toBeLessThanOrEqual(100)
  expect(result.passed).toBe(result.score >= 70 && !result.issues.some((issue) => issue.severity === "error"))
  for (const issue of result.issues) {
    // a validator that throws is a bug, even though production turns the crash into an issue
    expect(CRASH_CODES, `${issue.code}: ${issue.message}`).not.toContain(issue.code)
    expect(issue.code).toMatch(/^[a-z][a-z0-9-]*$/)
    expect(["error", "warning", "info"]).toContain(issue.severity)
    expect(issue.message.length).toBeGreaterThan(0)
    if (issue.line !== undefined) expect(Number.isInteger(issue.line) && issue.line >= 1).toBe(true)
  }
}

const summary = (result: Validation) => `${result.score} ${result.issues.map((i) => `${i.severity}:${i.code}@${i.line ?? "-"}`).join(" ")}`

const FUZZ_CASES = 2500

/**
 * Runs the contract for `plugin`, with `contract.json` and the `fixtures/` folder found in
 * `testDir`; `defaultExport` is the package's default export (it must be the plugin). Its fuzz and
 * dataset checks are CPU-bound and take seconds: they run under the project's `testTimeout`.
 */
export const artifactContract = (plugin: ArtifactPlugin, testDir: URL, defaultExport: unknown): void => {
  const options = JSON.parse(readFileSync(fileURLToPath(new URL("contract.json", testDir)), "utf8")) as ContractOptions
  const info = options.fence ?? "mermaid"
  /** The answer a model gives with `text`: the form the plugin's prompt asks for, else fenced. */
  const answer = (text: string): string => (plugin.prompt.answer ? plugin.prompt.answer(text) : fenced(info, text))
  const comment = options.comment === undefined ? "%% {}" : options.comment
  const mark = (text: string, label: string) => (comment === null ? text : `${text}\n${comment.replace("{}", label)}`)
  const dir = fileURLToPath(new URL("fixtures/", testDir))
  const fixtures = readdirSync(dir)
    .filter((name) => !name.startsWith("."))
    .sort()
    .map((name) => {
      const file = readFileSync(join(dir, name), "utf8")
      const text = options.fixtureHeader === "strip" ? file.slice(file.indexOf("\n") + 1) : file
      return { name, text, expectation: parseExpectation(name, file) }
    })

  describe(`${plugin.id}: declaration`, () => {
    it("is the package's default export, wants its model, and names its package", () => {
      expect(defaultExport).toBe(plugin)
      expect(plugin.model).toBe(options.model)
      expect(plugin.specVersion).toBe(1)
      expect(plugin.package.name).toBe(`@lfai/artifact-${plugin.id}`)
    })
  })

  describe(`${plugin.id}: prompts`, () => {
    it("asks for exactly what the validator checks", () => {
      const system = plugin.prompt.system.toLowerCase()
      for (const word of options.promptMentions) expect(system).toContain(word.toLowerCase())
      const user = plugin.prompt.user({ prompt: "Model the library of a small town." })
      expect(user).toContain("Model the library of a small town.")
      const repair = plugin.prompt.repair?.({ prompt: "p" }, "draft", [{ code: "parse-error", severity: "error", message: "bad", line: 3 }])
      if (repair !== undefined) expect(repair).toContain("parse-error")
    })
  })

  describe(`${plugin.id}: fixtures`, () => {
    expect(fixtures.filter((f) => f.expectation.pass).length).toBeGreaterThanOrEqual(3)
    expect(fixtures.filter((f) => !f.expectation.pass).length).toBeGreaterThanOrEqual(3)
    it.each(fixtures.map((f) => [f.name, f] as const))("%s", (_, fixture) => {
      const result = plugin.validate(fixture.text)
      checkShape(result)
      expect(result.passed, summary(result)).toBe(fixture.expectation.pass)
      for (const want of fixture.expectation.codes) {
        const hit = result.issues.find(
          (issue) => issue.code === want.code && (want.line === undefined || issue.line === want.line) && (want.severity === "any" || issue.severity === want.severity)
        )
        expect(hit, `${want.code}${want.line ? `@${want.line}` : ""} in ${summary(result)}`).toBeDefined()
      }
      if (fixture.expectation.pass) {
        expect(result.issues.filter((i) => i.severity === "error")).toEqual([])
        // the same artifact, pulled out of a chatty answer in the form the prompt asks for, validates the same
        expect(plugin.validate(plugin.extract(`Sure, here it is:\n\n${answer(fixture.text)}\n`)).score).toBe(result.score)
      }
      if (result.issues.some((issue) => issue.severity === "warning")) {
        const strict = plugin.validate(fixture.text, { strict: true })
        expect(strict.passed).toBe(false)
        expect(strict.score).toBeLessThan(70)
      }
      expect(plugin.validate(fixture.text)).toEqual(result)
    })
    it("honours the pass threshold", () => {
      const clean = plugin.validate(options.sample)
      expect(clean.passed).toBe(true)
      expect(plugin.validate(options.sample, { threshold: clean.score }).passed).toBe(true)
      expect(plugin.validate(options.sample, { threshold: clean.score + 1 }).passed).toBe(false)
    })
  })

  describe(`${plugin.id}: isolation`, () => {
    it("gives the same verdicts whatever ran before: forward, reversed, and interleaved callers", async () => {
      const texts = [options.sample, options.decoy, ...fixtures.map((f) => f.text)]
      const forward = texts.map((t, i) => plugin.validate(mark(t, `run ${i}`)))
      const backward = [...texts].reverse().map((t, i) => plugin.validate(mark(t, `run ${texts.length - 1 - i} again`))).reverse()
      const interleaved = await Promise.all(texts.map(async (t, i) => {
        for (let k = 0; k < i % 4; k++) await Promise.resolve()
        return plugin.validate(mark(t, `run ${i} interleaved`))
      }))
      expect(backward).toEqual(forward)
      expect(interleaved).toEqual(forward)
    })
  })

  describe(`${plugin.id}: extract`, () => {
    const sample = options.sample.trim()
    const crlf = (s: string) => s.replace(/\n/g, "\r\n")
    const cases: Array<[string, string]> = [
      [`\`\`\`${info} fence`, `\`\`\`${info}\n${sample}\n\`\`\``],
      ["bare ``` fence with prose around", `Here is the diagram you asked for:\n\n\`\`\`\n${sample}\n\`\`\`\n\nIt covers every requirement.`],
      ["~~~ fence", `~~~${info}\n${sample}\n~~~`],
      ["Windows line endings", crlf(`Answer:\n\`\`\`${info}\n${sample}\n\`\`\`\n`)],
      ["no fence, prose before and after", `Sure! Here it is:\n${sample}\nThis diagram shows the whole design.`],
      ["two blocks, the other type first", `\`\`\`${info}\n${options.decoy.trim()}\n\`\`\`\n\n\`\`\`${info}\n${sample}\n\`\`\``],
      ...(info === "mermaid" ? [["a leading %%{init}%% directive", `\`\`\`mermaid\n%%{init: {"theme": "forest"}}%%\n${sample}\n\`\`\``] as [string, string]] : [])
    ]
    it.each(cases.filter(([name]) => !(options.skipExtract ?? []).includes(name)))("%s", (_, raw) => {
      const extracted = plugin.extract(raw)
      expect(extracted.replace(/^%%\{[^\n]*\n/, "")).toBe(sample)
      expect(plugin.validate(extracted).passed).toBe(true)
    })
    it("gives prose back as it is, for the validator to reject", () => {
      const result = plugin.validate(plugin.extract("I'm sorry, I can't draw diagrams."))
      expect(result.passed).toBe(false)
      expect(result.issues.map((i) => i.code)).toContain(options.notTypeCode ?? "not-mermaid")
    })
  })

  describe(`${plugin.id}: fuzz`, () => {
    it(`validate and extract never throw and stay in range (${options.fuzzCases ?? FUZZ_CASES} cases)`, () => {
      const seeds = [options.sample, ...fixtures.map((f) => f.text)]
      for (const input of fuzzInputs(1234, options.fuzzCases ?? FUZZ_CASES, seeds, options.tokens ?? [])) {
        const extracted = plugin.extract(input)
        expect(typeof extracted).toBe("string")
        checkShape(plugin.validate(input))
        checkShape(plugin.validate(extracted, { strict: true }))
      }
    })
  })

  describe(`${plugin.id}: dataset`, () => {
    const count = options.datasetCount ?? 1000
    const examples = [...plugin.dataset.generate({ seed: 42, count })]
    it(`yields ${count} examples, each with an instruction and a declared domain`, () => {
      expect(examples.length).toBe(count)
      for (const example of examples) {
        expect(example.instruction.trim().length).toBeGreaterThan(10)
        expect(plugin.dataset.domains).toContain(example.domain)
      }
    })
    it("is deterministic for a seed and differs across seeds", () => {
      expect([...plugin.dataset.generate({ seed: 42, count: 60 })]).toEqual(examples.slice(0, 60))
      const other = [...plugin.dataset.generate({ seed: 43, count: 60 })]
      expect(other.filter((e, i) => e.output === examples[i].output).length).toBeLessThan(3)
    })
    it("every example scores full marks with its own validator (a warning in the data teaches the warning), and extraction leaves it unchanged", () => {
      examples.forEach((example, index) => {
        const result = plugin.validate(example.output)
        expect(result.score, `${example.domain}: ${summary(result)}\n${example.output}`).toBe(100)
        if (index % 10 === 0) expect(plugin.extract(answer(example.output))).toBe(example.output.trim())
      })
    })
  })
}

/**
 * Runs the first ```ts block of a package's README (`ts run` too; a fence of any length, so an
 * example may hold fences of its own) as a user would — `node example.ts` in the package, so its imports resolve —
 * and returns what it printed.
 */
export const runReadmeExample = (readme: URL): string => {
  const code = /^(`{3,})ts(?:[ \t][^\n]*)?\n([\s\S]*?)^\1$/m.exec(readFileSync(fileURLToPath(readme), "utf8"))?.[2]
  if (code === undefined) throw new Error(`${fileURLToPath(readme)} has no \`\`\`ts example`)
  const file = fileURLToPath(new URL(`./.readme-example-${process.pid}.ts`, readme))
  writeFileSync(file, code)
  try {
    return execFileSync(process.execPath, [file], { encoding: "utf8", timeout: 120_000 })
  } finally {
    rmSync(file, { force: true })
  }
}

/** What a plugin's tests give {@link relevanceContract}: requests and artifacts of its own kind. */
export interface RelevanceCases {
  /** A request naming at least 3 things the artifact is made of, one of them of two words or more. */
  readonly request: string
  /** The same request spelled otherwise: singular/plural, case, snake_case, kebab-case, CamelCase, spaces. */
  readonly variants: ReadonlyArray<string>
  /** A valid artifact holding every name the request asks for. */
  readonly onTopic: string
  /** A valid artifact of another domain. */
  readonly offTopic: string
  /** A valid artifact holding at least half of the names, and the ones it lacks, as the request writes them. */
  readonly partial: { readonly content: string; readonly missing: ReadonlyArray<string> }
  /** A valid artifact of another domain that names the requested things only in comments or notes. */
  readonly inComments: string
  /** A request for this kind of artifact that names nothing specific. */
  readonly nameless: string
  /** A request in another language whose names `copied` holds as written. */
  readonly foreign: { readonly request: string; readonly copied: string }
}

const relevanceOf = (result: Validation) => result.issues.filter((issue) => issue.code === "off-topic" || issue.code === "missing-name")

/**
 * The relevance contract (an answer judged against its request) for `plugin`: on-topic answers
 * pass, another domain's answer fails as `off-topic`, a partial one passes with `missing-name`
 * warnings naming what is missing, spelling variants match, comments and notes do not count, a
 * request that names nothing (or no request) judges the content alone, a request in another
 * language never fails, and the plugin's own dataset is faithful to its prompts.
 */
export const relevanceContract = (plugin: ArtifactPlugin, cases: RelevanceCases): void => {
  describe(`${plugin.id}: relevance`, () => {
    const request = cases.request
    it("passes an answer that holds every requested name, with no relevance issue", () => {
      const result = plugin.validate(cases.onTopic, { request })
      checkShape(result)
      expect(result.passed, summary(result)).toBe(true)
      expect(relevanceOf(result)).toEqual([])
    })
    it("fails an answer of another domain as off-topic, naming what is missing", () => {
      expect(plugin.validate(cases.offTopic).passed).toBe(true)
      const result = plugin.validate(cases.offTopic, { request })
      checkShape(result)
      expect(result.passed).toBe(false)
      const offTopic = result.issues.find((issue) => issue.code === "off-topic")
      expect(offTopic?.severity).toBe("error")
      for (const name of cases.partial.missing) expect(offTopic?.message).toContain(name)
    })
    it("passes a partly covered answer with a missing-name warning per missing name", () => {
      const result = plugin.validate(cases.partial.content, { request })
      checkShape(result)
      expect(result.passed, summary(result)).toBe(true)
      const warnings = relevanceOf(result)
      expect(warnings.map((issue) => `${issue.code}:${issue.severity}`)).toEqual(cases.partial.missing.map(() => "missing-name:warning"))
      cases.partial.missing.forEach((name, i) => expect(warnings[i].message).toContain(`"${name}"`))
      expect(result.score).toBeLessThan(plugin.validate(cases.partial.content).score)
      expect(plugin.validate(cases.partial.content, { request, strict: true }).passed).toBe(false)
    })
    it.each(cases.variants.map((variant) => [variant]))("matches names however they are spelled: %s", (variant) => {
      const result = plugin.validate(cases.onTopic, { request: variant })
      expect(relevanceOf(result), summary(result)).toEqual([])
      expect(plugin.validate(cases.offTopic, { request: variant }).issues.map((issue) => issue.code)).toContain("off-topic")
    })
    it("does not count names that appear only in comments or notes", () => {
      expect(plugin.validate(cases.inComments).passed).toBe(true)
      const result = plugin.validate(cases.inComments, { request })
      expect(result.issues.map((issue) => issue.code)).toContain("off-topic")
      expect(result.passed).toBe(false)
    })
    it("judges the content alone for a request that names nothing, a blank request, or none", () => {
      for (const options of [{ request: cases.nameless }, { request: "   " }, {}]) {
        const result = plugin.validate(cases.offTopic, options)
        expect(result).toEqual(plugin.validate(cases.offTopic))
        expect(relevanceOf(result)).toEqual([])
      }
    })
    it("matches names copied from a request in another language, and never fails for one it cannot read", () => {
      const copied = plugin.validate(cases.foreign.copied, { request: cases.foreign.request })
      expect(relevanceOf(copied), summary(copied)).toEqual([])
      const other = plugin.validate(cases.offTopic, { request: cases.foreign.request })
      expect(other.passed).toBe(true)
      expect(relevanceOf(other).length).toBeGreaterThan(0)
      expect(relevanceOf(other).every((issue) => issue.severity === "info")).toBe(true)
    })
    it("judges its own dataset's examples faithful to their prompts", () => {
      for (const example of plugin.dataset.generate({ seed: 42, count: 200 })) {
        const prompt = plugin.prompt.user({ prompt: example.input ? `${example.instruction}\n\n${example.input}` : example.instruction })
        const result = plugin.validate(example.output, { request: prompt })
        expect(relevanceOf(result), `${prompt}\n${summary(result)}`).toEqual([])
      }
    })
  })
}
