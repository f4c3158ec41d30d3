import { readFileSync } from "node:fs"
import { runReadmeExample } from "@lfai/artifact-kit/testing"
import { parse as parseCsv } from "csv-parse/sync"
import { describe, expect, it } from "vitest"
import { jira, renderCsv, renderMarkdown, storiesJsonSchema, storyNames, userStorySentence } from "../src/index.ts"

const contract = JSON.parse(readFileSync(new URL("./contract.json", import.meta.url), "utf8")) as { sample: string }
const sample = contract.sample

const story = (overrides: Record<string, unknown> = {}) => ({
  summary: "Member renews a loan online",
  role: "library member",
  goal: "renew a loan from my account page",
  benefit: "I avoid late fees without visiting the branch",
  acceptance_criteria: "Feature: Renew\n  Scenario: Within the limit\n    Given a loan due in 3 days\n    When I renew it\n    Then the due date moves 14 days later\n\n  Scenario: Refused\n    Given a reserved book\n    When I renew it\n    Then the renewal is refused",
  story_points: 3,
  priority: "High",
  labels: ["loans"],
  ...overrides
})
const documentOf = (...stories: ReadonlyArray<Record<string, unknown>>) => JSON.stringify({ epic: { summary: "Loans" }, stories }, null, 2)
const codes = (content: string) => jira.validate(content).issues.map((issue) => issue.code)

describe("jira: what a model really answers", () => {
  it.each([
    ["truncated mid-string", sample.slice(0, sample.indexOf("Then the due date")), "truncated-json"],
    ["truncated mid-document", sample.slice(0, sample.lastIndexOf("]")), "truncated-json"],
    ["prose only", "I'd be happy to help! Could you tell me more about the library?", "not-json"],
    ["Markdown instead of JSON", "# Stories\n\n- As a member, I want to renew a loan.\n", "not-json"],
    ["a // comment", sample.replace('"stories": [', '"stories": [ // the first release'), "json-comment"],
    ["a /* block */ comment", sample.replace('"epic"', '/* epic */ "epic"'), "json-comment"],
    ["a trailing comma in an array", sample.replace('"labels": ["loans"]', '"labels": ["loans",]'), "json-trailing-comma"],
    ["a trailing comma in an object", sample.replace('"labels": ["loans"]', '"labels": ["loans"],'), "json-trailing-comma"],
    ["single quotes", sample.replace('"priority": "High"', "'priority': 'High'"), "json-syntax"],
    ["garbage", "\u0000\u0001 ]]] ::: <html><body>502 Bad Gateway</body></html>", "not-json"],
    ["garbage with braces", "\u0000\u0001{{{ ]]] ::: <html>", "json-syntax"],
    ["half garbage", "{ stories: [ { summary: Renew } ] }", "json-syntax"]
  ])("%s fails with %s", (_, raw, code) => {
    const result = jira.validate(jira.extract(raw))
    expect(result.passed).toBe(false)
    expect(result.issues.map((issue) => issue.code)).toContain(code)
    expect(result.issues.every((issue) => issue.line === undefined || issue.line >= 1)).toBe(true)
  })

  it("takes the JSON out of a chatty answer with a fence, and out of prose without one", () => {
    expect(jira.extract(`Sure! Here are the stories:\n\n\`\`\`json\n${sample}\n\`\`\`\n\nLet me know if you need more.`)).toBe(sample)
    expect(jira.extract(`Here you go: ${sample} Hope this helps {smile}.`)).toBe(sample)
    expect(jira.validate(jira.extract(`\`\`\`json\n${sample}\n\`\`\``)).passed).toBe(true)
  })

  it("counts a scenario only when Given, When and Then are all there, And/But continuing the step before", () => {
    const criteria = (steps: string) => documentOf(story({ acceptance_criteria: `Feature: Renew\n  Scenario: One\n${steps}` }))
    expect(jira.validate(criteria("    Given a loan\n    When I renew it\n    Then it is renewed")).passed).toBe(true)
    expect(codes(criteria("    Given a loan\n    And I renew it\n    Then it is renewed"))).toContain("no-complete-scenario")
    expect(codes(criteria("    Given a loan\n    When I renew it\n    But it is renewed"))).toContain("no-complete-scenario")
    expect(codes(criteria("    * a loan\n    * I renew it\n    * it is renewed"))).toContain("no-complete-scenario")
    // a Background's Given belongs to the scenarios under it
    const background = documentOf(story({ acceptance_criteria: "Feature: Renew\n  Background:\n    Given a loan\n  Scenario: One\n    When I renew it\n    Then it is renewed" }))
    expect(codes(background)).not.toContain("no-complete-scenario")
  })

  it("reads every Gherkin dialect through the parser's own keywords", () => {
    const german = "# language: de\nFunktionalität: Verlängern\n  Szenario: Innerhalb der Frist\n    Angenommen eine Ausleihe\n    Wenn ich sie verlängere\n    Dann ist sie verlängert"
    const spanish = "# language: es\nCaracterística: Renovar\n  Escenario: Dentro del plazo\n    Dado un préstamo\n    Cuando lo renuevo\n    Entonces queda renovado"
    for (const text of [german, spanish]) expect(jira.validate(documentOf(story({ acceptance_criteria: text }))).issues.filter((i) => i.severity === "error")).toEqual([])
    expect(codes(documentOf(story({ acceptance_criteria: "# language: xx\nFeature: Renew\n  Scenario: One\n    Given a\n    When b\n    Then c" })))).toContain("gherkin-parse-error")
  })

  it("names every failing story with its own line", () => {
    const text = documentOf(story({ story_points: 4 }), story({ summary: "Librarian waives a fine", priority: "urgent" }))
    const issues = jira.validate(text).issues
    const lines = text.split("\n")
    const points = issues.find((issue) => issue.code === "invalid-story-points")!
    const priority = issues.find((issue) => issue.code === "invalid-priority")!
    expect(lines[points.line! - 1]).toContain('"story_points": 4')
    expect(lines[priority.line! - 1]).toContain('"priority": "urgent"')
  })

  it("ranks INVEST problems below a clean document without failing it", () => {
    const clean = jira.validate(documentOf(story(), story({ summary: "Member pays a fine", goal: "pay a fine online" })))
    const sloppy = jira.validate(
      documentOf(
        story({ story_points: 13, labels: [] }),
        story({ summary: "Member pays a fine", goal: "renew a loan from my account page and pay the fine for it", labels: ["fines desk"] })
      )
    )
    expect(clean.score).toBe(100)
    expect(sloppy.passed).toBe(true)
    expect(sloppy.score).toBeLessThan(clean.score)
    expect(sloppy.issues.map((issue) => issue.code).sort()).toEqual(["invalid-label", "large-story", "missing-labels", "several-goals"].sort())
  })
})

describe("jira: structured output", () => {
  it("declares the stories schema as its format: strict objects, the scales as enums, no references", () => {
    expect(jira.format).toBe(storiesJsonSchema)
    const schema = storiesJsonSchema as { type: string; required: string[]; additionalProperties: boolean; properties: { stories: { minItems: number; items: { additionalProperties: boolean; required: string[]; properties: Record<string, { enum?: unknown[] }> } } } }
    expect(schema.type).toBe("object")
    expect(schema.required).toEqual(["stories"])
    expect(schema.additionalProperties).toBe(false)
    const item = schema.properties.stories.items
    expect(schema.properties.stories.minItems).toBe(1)
    expect(item.additionalProperties).toBe(false)
    expect(item.required.sort()).toEqual(["acceptance_criteria", "benefit", "goal", "priority", "role", "story_points", "summary"])
    expect(item.properties.story_points.enum).toEqual([1, 2, 3, 5, 8, 13])
    expect(item.properties.priority.enum).toEqual(["Highest", "High", "Medium", "Low", "Lowest"])
    expect(JSON.stringify(schema)).not.toMatch(/\$ref|\$defs/)
  })
})

describe("jira: exports", () => {
  const tricky = documentOf(
    story({
      summary: 'Member renews a "reserved", overdue loan',
      description: "Edge cases:\n- a comma, here\n- a \"quote\"",
      labels: ["loans", "self service"]
    }),
    story({ summary: "Librarian waives a fine", role: "librarian", goal: "waive a fine, with a reason", story_points: 5, priority: "Low", labels: [] })
  )

  it("offers markdown, csv and json, each with its content type", () => {
    expect(Object.fromEntries(Object.entries(jira.exports!).map(([name, e]) => [name, e.contentType]))).toEqual({
      markdown: "text/markdown; charset=utf-8",
      csv: "text/csv; charset=utf-8",
      json: "application/json; charset=utf-8"
    })
  })

  it("renders Markdown: the epic, each story's sentence, points, priority and its Gherkin block", () => {
    const markdown = renderMarkdown(tricky)
    expect(markdown.startsWith("# Loans\n")).toBe(true)
    expect(markdown).toContain('## 1. Member renews a "reserved", overdue loan')
    expect(markdown).toContain("As a library member, I want to renew a loan from my account page, so that I avoid late fees without visiting the branch.")
    expect(markdown).toContain("As a librarian, I want to waive a fine, with a reason, so that")
    expect(markdown).toContain("- **Story points:** 5")
    expect(markdown).toContain("- **Priority:** Low")
    expect(markdown).toContain("```gherkin\nFeature: Renew\n  Scenario: Within the limit")
  })

  it("renders CSV for Jira's importer that a real CSV parser reads back field for field", () => {
    const csv = renderCsv(tricky)
    expect(csv.endsWith("\r\n")).toBe(true)
    const rows = parseCsv(csv, { relax_column_count: false }) as string[][]
    expect(rows[0]).toEqual(["Issue ID", "Summary", "Issue Type", "Description", "Priority", "Labels", "Labels", "Story Points", "Parent"])
    expect(rows[1]).toEqual(["1", "Loans", "Epic", "", "", "", "", "", ""])
    const [id, summary, type, description, priority, label1, label2, points, parent] = rows[2]
    expect([id, summary, type, priority, label1, label2, points, parent]).toEqual(["2", 'Member renews a "reserved", overdue loan', "Story", "High", "loans", "self-service", "3", "1"])
    expect(description).toBe(
      [
        "As a library member, I want to renew a loan from my account page, so that I avoid late fees without visiting the branch.",
        'Edge cases:\n- a comma, here\n- a "quote"',
        `Acceptance criteria:\n{noformat}\n${story().acceptance_criteria}\n{noformat}`
      ].join("\n\n")
    )
    expect(rows[3].slice(0, 3)).toEqual(["3", "Librarian waives a fine", "Story"])
    expect(rows[3].slice(5)).toEqual(["", "", "5", "1"])
  })

  it("leaves out the epic row and the parent when there is no epic", () => {
    const rows = parseCsv(renderCsv(JSON.stringify({ stories: [story()] }))) as string[][]
    expect(rows).toHaveLength(2)
    expect(rows[1][0]).toBe("1")
    expect(rows[1][rows[1].length - 1]).toBe("")
  })

  it("writes the user-story sentence whatever the model put in role and goal", () => {
    const sentence = (role: string, goal: string, benefit: string) => userStorySentence({ ...story(), role, goal, benefit } as never)
    expect(sentence("an admin", "I want to export the report", "so that audits are quick.")).toBe("As an admin, I want to export the report, so that audits are quick.")
    expect(sentence("Operator", "a weekly summary", "I plan shifts")).toBe("As an Operator, I want a weekly summary, so that I plan shifts.")
  })
})

describe("jira: names for relevance", () => {
  it("lists the epic, every story's summary, role, goal and labels, and nothing for non-documents", () => {
    expect(storyNames(sample)).toEqual(["Online loan renewals", "Member renews a loan online", "library member", "renew a loan from my account page", "loans"])
    expect(storyNames("not json")).toEqual([])
    expect(storyNames('{"stories": [{"summary": 3, "role": "clerk"}]}')).toEqual(["clerk"])
  })
})

describe("jira: dataset", () => {
  it("a lifecycle outline moves its entity by the story's own step (check in the copy, never check out)", () => {
    let outlines = 0
    for (const example of jira.dataset.generate({ seed: 42, count: 1000 })) {
      for (const story of (JSON.parse(example.output) as { stories: Array<{ goal: string; acceptance_criteria: string }> }).stories) {
        for (const [, when] of story.acceptance_criteria.matchAll(/Scenario Outline:[^\n]*\n(?:[^\n]+\n)*?\s*When I (.+)\n/g)) {
          outlines++
          expect(story.goal.startsWith(when.replace(/ (?:it|the .+)$/, "")), `${story.goal}: When I ${when}`).toBe(true)
        }
      }
    }
    expect(outlines).toBeGreaterThan(20)
  })
})

describe("jira: README", () => {
  it("runs the README's example as written", () => {
    const out = runReadmeExample(new URL("../README.md", import.meta.url))
    expect(out).toContain("true 100")
    expect(out).toContain("Issue ID,Summary,Issue Type,Description,Priority,Labels,Story Points,Parent")
  })
})
