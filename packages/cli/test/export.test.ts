/** `lfai generate … --as NAME`: an export of the passing artifact instead of its content. */
import { parse as parseCsv } from "csv-parse/sync"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startOllama, type OllamaEmulatorHandle } from "@lfai/testkit"
import { lfai } from "./run.ts"

const LLAMA = "llama3:8b-instruct-q4_K_M"
const STORIES = JSON.stringify(
  {
    epic: { summary: "Online loan renewals" },
    stories: [
      {
        summary: "Member renews a loan, online",
        role: "library member",
        goal: "renew a loan from my account page",
        benefit: "I avoid late fees",
        acceptance_criteria: "Feature: Renew\n  Scenario: Refused for a reserved book\n    Given a reserved book\n    When I renew it\n    Then the renewal is refused",
        story_points: 3,
        priority: "High",
        labels: ["loans"]
      }
    ]
  },
  null,
  2
)

describe("lfai generate --as", () => {
  let ollama: OllamaEmulatorHandle
  beforeAll(async () => {
    ollama = await startOllama({
      scenario: { gpu_gb: 24, models: { [LLAMA]: { replies: [`Here you go:\n\`\`\`json\n${STORIES}\n\`\`\``] } } }
    })
  })
  afterAll(() => ollama.close())
  const env = () => ({ OLLAMA_HOST: ollama.url })

  it("prints the CSV export on stdout, for Jira's importer", async () => {
    const run = await lfai(["generate", "jira", "--prompt", "stories for loan renewals", "--as", "csv"], { env: env() })
    expect(run.code).toBe(0)
    const rows = parseCsv(run.stdout) as string[][]
    expect(rows[0]).toEqual(["Issue ID", "Summary", "Issue Type", "Description", "Priority", "Labels", "Story Points", "Parent"])
    expect(rows[2].slice(0, 3)).toEqual(["2", "Member renews a loan, online", "Story"])
    expect(run.stderr).toContain("✓ jira: score")
  })

  it("prints the Markdown export", async () => {
    const run = await lfai(["generate", "jira", "--prompt", "stories for loan renewals", "--as", "markdown"], { env: env() })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("# Online loan renewals")
    expect(run.stdout).toContain("As a library member, I want to renew a loan from my account page, so that I avoid late fees.")
  })

  it("--json prints the result object with exports: { NAME: text }", async () => {
    const run = await lfai(["generate", "jira", "--prompt", "stories for loan renewals", "--as", "markdown", "--json"], { env: env() })
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(result).toMatchObject({ artifact: "jira", passed: true, content: STORIES })
    expect(Object.keys(result.exports)).toEqual(["markdown"])
    expect(result.exports.markdown).toContain("```gherkin")
  })

  it("an export the artifact does not offer is bad usage (exit 2), before any model is asked", async () => {
    const before = ollama.requests().filter((request) => request.path === "/api/chat").length
    const run = await lfai(["generate", "jira", "--prompt", "stories", "--as", "pdf"], { env: env() })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('"pdf" is not an export of "jira"; it offers: markdown, csv, json')
    const diagram = await lfai(["generate", "erd", "--prompt", "x", "--as", "csv", "--json"], { env: env() })
    expect(diagram.code).toBe(2)
    expect(JSON.parse(diagram.stdout).error).toMatchObject({ code: "UnknownExport", message: 'artifact "erd" offers no exports' })
    expect(ollama.requests().filter((request) => request.path === "/api/chat").length).toBe(before)
  })
})
