/**
 * The jira validator: strict JSON, the stories schema (effect/Schema, unknown keys refused), the
 * Gherkin of every story's acceptance criteria, then INVEST-style quality checks. Pure and
 * deterministic; every issue names its line in the JSON text.
 */
import { Cause, Exit, Schema, SchemaIssue } from "effect"
import type { ValidateOptions, Validation } from "@lfai/core"
import { judgeSafely, scoreRelevance, type ScoreSheet } from "@lfai/artifact-kit"
import { readCriteria, type CriteriaReport } from "./gherkin.ts"
import { lineOfPath, parseJson } from "./json.ts"
import { DECODE_OPTIONS, PRIORITIES, STORY_POINTS, StoriesDocument, Story } from "./schema.ts"

/** Larger answers are refused before parsing: no real stories document comes near it. */
export const MAX_CHARS = 512 * 1024

const PENALTY = {
  empty: 100,
  "too-large": 100,
  "not-json": 95,
  "truncated-json": 90,
  "json-comment": 90,
  "json-trailing-comma": 90,
  "json-syntax": 90,
  "duplicate-key": 40,
  "unknown-key": 30,
  "schema-mismatch": 35,
  "no-stories": 60,
  "empty-summary": 25,
  "incomplete-user-story": 25,
  "no-acceptance-criteria": 30,
  "invalid-story-points": 20,
  "invalid-priority": 20,
  "gherkin-parse-error": 30,
  "no-complete-scenario": 30,
  "duplicate-summary": 20
} as const

const STORY_KEYS = Object.keys(Story.fields)
const formatLeaf = SchemaIssue.makeFormatterStandardSchemaV1()

interface Leaf {
  readonly tag: string
  readonly path: ReadonlyArray<string | number>
  readonly message: string
}

const leaves = (issue: SchemaIssue.Issue, path: ReadonlyArray<string | number>, out: Leaf[]): void => {
  switch (issue._tag) {
    case "Pointer":
      return leaves(issue.issue, [...path, ...issue.path.map((key) => (typeof key === "number" ? key : String(key)))], out)
    case "Composite":
      return issue.issues.forEach((inner) => leaves(inner, path, out))
    default:
      out.push({ tag: issue._tag, path, message: formatLeaf(issue).issues.map((inner) => inner.message).join("; ") })
  }
}

const where = (path: ReadonlyArray<string | number>): string =>
  path.length === 0 ? "the document" : path.map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? key : `.${key}`)).join("")

const received = (value: unknown): string => {
  const text = JSON.stringify(value)
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 37)}…` : text
}

const valueAt = (root: unknown, path: ReadonlyArray<string | number>): unknown =>
  path.reduce<unknown>((value, key) => (value !== null && typeof value === "object" ? (value as Record<string | number, unknown>)[key] : undefined), root)

/** Turns one decoding problem into the floor rule it breaks, with its own code. */
const schemaIssue = (leaf: Leaf, root: unknown, line: number | undefined, sheet: ScoreSheet): void => {
  const key = leaf.path[leaf.path.length - 1]
  const at = where(leaf.path)
  const missing = leaf.tag === "MissingKey"
  const blank = missing || leaf.tag === "Filter"
  const got = missing ? "it is missing" : `got ${received(valueAt(root, leaf.path))}`
  if (leaf.tag === "UnexpectedKey") {
    const parent = leaf.path.length >= 3 && leaf.path[0] === "stories" ? `a story takes only ${STORY_KEYS.join(", ")}` : "the document takes epic, stories; an epic takes summary, description"
    return sheet.error("unknown-key", `Unknown key "${String(key)}" at ${at}: ${parent}.`, PENALTY["unknown-key"], line)
  }
  if (leaf.path.length === 1 && key === "stories" && blank) {
    return sheet.error("no-stories", `No stories: "stories" must be an array with at least one story (${got}).`, PENALTY["no-stories"], line)
  }
  if (leaf.path[0] === "stories" && leaf.path.length === 3) {
    if (key === "story_points") return sheet.error("invalid-story-points", `${at} must be one of ${STORY_POINTS.join(", ")} (${got}).`, PENALTY["invalid-story-points"], line)
    if (key === "priority") return sheet.error("invalid-priority", `${at} must be one of ${PRIORITIES.join(", ")} (${got}).`, PENALTY["invalid-priority"], line)
    if (blank && key === "summary") return sheet.error("empty-summary", `${at} must be a non-empty title (${got}).`, PENALTY["empty-summary"], line)
    if (blank && (key === "role" || key === "goal" || key === "benefit")) {
      return sheet.error("incomplete-user-story", `${at} is part of the user-story sentence "As a <role>, I want <goal>, so that <benefit>" and must not be empty (${got}).`, PENALTY["incomplete-user-story"], line)
    }
    if (blank && key === "acceptance_criteria") {
      return sheet.error("no-acceptance-criteria", `${at} must hold Gherkin: a Feature with a Scenario of Given, When and Then steps (${got}).`, PENALTY["no-acceptance-criteria"], line)
    }
  }
  if (missing) return sheet.error("schema-mismatch", `${at} is missing.`, PENALTY["schema-mismatch"], line)
  sheet.error("schema-mismatch", `${at}: ${leaf.message.replace(/^Expected/, "expected")} (${got}).`, PENALTY["schema-mismatch"], line)
}

/** `summary` compared without regard to case and whitespace. */
const summaryKey = (summary: string) => summary.toLowerCase().replace(/\s+/g, " ").trim()

/** `text`'s words, lower case, space-separated and space-padded: a word sequence is found in it by `includes`, never inside a longer word. */
const wordsOf = (text: string) => ` ${(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(" ")} `

/** A goal that packs two goals: "X and Y" (or "; ", ", then") where both halves say something. */
const packedGoals = (goal: string): boolean => {
  const parts = goal.split(/\s+and\s+(?:also\s+)?|\s*;\s*|,\s*then\s+|\s+as well as\s+/i).map((part) => part.trim().split(/\s+/).filter(Boolean))
  return parts.length > 1 && parts.filter((words) => words.length >= 3).length > 1
}

const PLACEHOLDER = /\b(?:TODO|TBD|FIXME|lorem ipsum|xxx+)\b/

const judge = (text: string, request: string | undefined, sheet: ScoreSheet): void => {
  if (text.length > MAX_CHARS) return sheet.error("too-large", `The answer has ${text.length} characters; the limit is ${MAX_CHARS}.`, PENALTY["too-large"])
  if (text.trim() === "") return sheet.error("empty", "The answer is empty: expected the stories JSON document.", PENALTY.empty)
  const parsed = parseJson(text)
  if (!parsed.ok) return sheet.error(parsed.kind, parsed.message, PENALTY[parsed.kind], parsed.line)
  const lineOf = (path: ReadonlyArray<string | number>) => lineOfPath(text, parsed.tree, path)
  for (const duplicate of parsed.duplicates) {
    sheet.error("duplicate-key", `The key "${duplicate.key}" appears twice in one object; JSON keeps only the last.`, PENALTY["duplicate-key"], duplicate.line)
  }
  const exit = Schema.decodeUnknownExit(StoriesDocument)(parsed.value, DECODE_OPTIONS)
  if (Exit.isFailure(exit)) {
    const error = Cause.squash(exit.cause) as { issue?: unknown }
    const found: Leaf[] = []
    if (SchemaIssue.isIssue(error.issue)) leaves(error.issue, [], found)
    else found.push({ tag: "Unknown", path: [], message: String(error) })
    for (const leaf of found) schemaIssue(leaf, parsed.value, lineOf(leaf.path), sheet)
  }
  // The floor rules a schema cannot say (and the quality checks) run on whatever stories decode.
  const stories = Array.isArray((parsed.value as { stories?: unknown } | null)?.stories) ? ((parsed.value as { stories: unknown[] }).stories) : []
  checkStories(stories, lineOf, sheet)
  // Judged against the request: the features and roles it names must be in the stories.
  if (typeof request === "string" && request.trim() !== "") scoreRelevance(sheet, request, { noun: "stories' summaries, roles, goals and labels", names: namesOf(parsed.value) })
}

interface Judged {
  readonly index: number
  readonly story: Story
  readonly criteria: CriteriaReport
}

const checkStories = (raw: ReadonlyArray<unknown>, lineOf: (path: ReadonlyArray<string | number>) => number | undefined, sheet: ScoreSheet): void => {
  const judged: Judged[] = []
  const bySummary = new Map<string, number>()
  raw.forEach((candidate, index) => {
    const decoded = Schema.decodeUnknownExit(Story)(candidate, DECODE_OPTIONS)
    const story = candidate as Partial<Story>
    if (typeof story?.summary === "string" && story.summary.trim() !== "") {
      const key = summaryKey(story.summary)
      const first = bySummary.get(key)
      if (first !== undefined) {
        sheet.error("duplicate-summary", `stories[${index}] repeats the summary of stories[${first}] ("${story.summary.trim()}"): every story needs its own.`, PENALTY["duplicate-summary"], lineOf(["stories", index, "summary"]))
      } else bySummary.set(key, index)
    }
    for (const field of ["summary", "role", "goal", "benefit", "acceptance_criteria"] as const) {
      const value = story?.[field]
      if (typeof value === "string" && value !== "" && value.trim() === "") {
        const code = field === "summary" ? "empty-summary" : field === "acceptance_criteria" ? "no-acceptance-criteria" : "incomplete-user-story"
        sheet.error(code, `stories[${index}].${field} holds only whitespace.`, PENALTY[code], lineOf(["stories", index, field]))
      }
    }
    if (typeof story?.acceptance_criteria !== "string" || story.acceptance_criteria.trim() === "") return
    const criteria = readCriteria(story.acceptance_criteria)
    const line = lineOf(["stories", index, "acceptance_criteria"])
    if (criteria.errors.length > 0) {
      const [first] = criteria.errors
      const more = criteria.errors.length > 1 ? ` (and ${criteria.errors.length - 1} more)` : ""
      sheet.error("gherkin-parse-error", `stories[${index}].acceptance_criteria is not valid Gherkin${first.line ? ` at its line ${first.line}` : ""}: ${first.message}${more}.`, PENALTY["gherkin-parse-error"], line)
      return
    }
    if (!criteria.scenarios.some((scenario) => scenario.complete)) {
      const detail =
        criteria.scenarios.length === 0
          ? "it has no Scenario (a Feature line with at least one Scenario is required)"
          : criteria.scenarios.map((s) => `"${s.name || "(unnamed)"}" ${s.outline && s.compiled === 0 ? "has no Examples rows" : `lacks ${s.missing.join(", ")}`}`).join("; ")
      sheet.error("no-complete-scenario", `stories[${index}].acceptance_criteria has no Scenario holding Given, When and Then: ${detail}.`, PENALTY["no-complete-scenario"], line)
      return
    }
    if (Exit.isSuccess(decoded)) judged.push({ index, story: decoded.value, criteria })
  })
  // Quality ranks artifacts above the floor: below it, its findings would only be noise.
  if (!sheet.issues().some((issue) => issue.severity === "error")) quality(judged, lineOf, sheet)
}

/** INVEST-style checks on stories that meet the floor: small, testable, independent, with a failure path and labels. */
const quality = (judged: ReadonlyArray<Judged>, lineOf: (path: ReadonlyArray<string | number>) => number | undefined, sheet: ScoreSheet): void => {
  if (judged.length === 0) return
  sheet.each(
    "warning",
    "large-story",
    judged.filter((j) => j.story.story_points > 8).map((j) => ({ message: `stories[${j.index}] is estimated at ${j.story.story_points} points: split it into stories of 8 points or fewer.`, line: lineOf(["stories", j.index, "story_points"]) })),
    5,
    15
  )
  sheet.each(
    "warning",
    "several-goals",
    judged.filter((j) => packedGoals(j.story.goal)).map((j) => ({ message: `stories[${j.index}].goal packs more than one goal ("${j.story.goal}"): one goal per story.`, line: lineOf(["stories", j.index, "goal"]) })),
    4,
    12
  )
  sheet.each(
    "warning",
    "few-scenarios",
    judged
      .filter((j) => j.story.story_points >= 5 && j.criteria.scenarios.filter((s) => s.complete).length < 2)
      .map((j) => ({ message: `stories[${j.index}] is a ${j.story.story_points}-point story with one complete scenario: give it at least 2.`, line: lineOf(["stories", j.index, "acceptance_criteria"]) })),
    4,
    12
  )
  sheet.each(
    "warning",
    "incomplete-scenario",
    judged.flatMap((j) =>
      j.criteria.scenarios
        .filter((s) => !s.complete)
        .map((s) => ({ message: `stories[${j.index}]: the scenario "${s.name || "(unnamed)"}" (Gherkin line ${s.line}) ${s.outline && s.compiled === 0 ? "has no Examples rows" : `lacks ${s.missing.join(", ")}`}.`, line: lineOf(["stories", j.index, "acceptance_criteria"]) }))
    ),
    3,
    9
  )
  const dependent = judged.flatMap((a) =>
    judged
      .filter((b) => b !== a && wordsOf(a.story.summary).trim() !== "" && wordsOf(b.story.goal).includes(wordsOf(a.story.summary)))
      .map((b) => ({ message: `stories[${b.index}].goal repeats the summary of stories[${a.index}] ("${a.story.summary}"): stories should stand on their own.`, line: lineOf(["stories", b.index, "goal"]) }))
  )
  sheet.each("warning", "dependent-stories", dependent, 4, 12)
  if (!judged.some((j) => j.criteria.scenarios.some((s) => s.complete && s.failurePath))) {
    sheet.warn("no-failure-scenario", "No scenario covers a failure, an error or an edge case: add at least one (an invalid input, a refusal, a limit, an outage).", 8, lineOf(["stories"]))
  }
  sheet.each(
    "warning",
    "missing-labels",
    judged.filter((j) => (j.story.labels ?? []).filter((label) => label.trim() !== "").length === 0).map((j) => ({ message: `stories[${j.index}] has no labels.`, line: lineOf(["stories", j.index]) })),
    2,
    8
  )
  sheet.each(
    "warning",
    "invalid-label",
    judged.flatMap((j) =>
      (j.story.labels ?? []).filter((label) => /\s/.test(label.trim()) || label.trim() === "").map((label) => ({ message: `stories[${j.index}] has the label ${JSON.stringify(label)}: Jira labels are single words without spaces (use - or _).`, line: lineOf(["stories", j.index, "labels"]) }))
    ),
    2,
    6
  )
  sheet.each(
    "warning",
    "placeholder-text",
    judged.filter((j) => PLACEHOLDER.test([j.story.summary, j.story.goal, j.story.benefit, j.story.description ?? "", j.story.acceptance_criteria].join("\n"))).map((j) => ({ message: `stories[${j.index}] holds placeholder text (TODO, TBD, lorem ipsum…).`, line: lineOf(["stories", j.index]) })),
    5,
    10
  )
}

/** Validates a stories document. Pure, deterministic, never throws. */
export const validateStories = (content: string, options?: ValidateOptions): Validation =>
  judgeSafely(options, (sheet) => judge(typeof content === "string" ? content : String(content ?? ""), options?.request, sheet))

/**
 * What a stories document is made of, for matching it against the request that asked for it:
 * the epic, every story's summary, role, goal and labels — never descriptions, benefits or the
 * criteria's prose. Empty when the content is not a stories document.
 */
const namesOf = (value: unknown): ReadonlyArray<string> => {
  if (value === null || typeof value !== "object") return []
  const document = value as { epic?: { summary?: unknown }; stories?: unknown }
  const stories: ReadonlyArray<Record<string, unknown>> = Array.isArray(document.stories) ? document.stories.filter((story) => story !== null && typeof story === "object") : []
  const texts = [document.epic?.summary, ...stories.flatMap((story) => [story.summary, story.role, story.goal, ...(Array.isArray(story.labels) ? story.labels : [])])]
  return [...new Set(texts.flatMap((text) => (typeof text === "string" && text.trim() !== "" ? [text.trim()] : [])))]
}

/** {@link namesOf} a stories document's text. */
export const storyNames = (content: string): ReadonlyArray<string> => {
  const parsed = parseJson(typeof content === "string" ? content : "")
  return parsed.ok ? namesOf(parsed.value) : []
}
