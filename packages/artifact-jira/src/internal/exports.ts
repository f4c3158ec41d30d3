/**
 * The exports of a passing stories document: Markdown for people, CSV for Jira's CSV importer,
 * and the JSON itself.
 */
import type { ArtifactExport } from "@lfai/core"
import { Schema } from "effect"
import { StoriesDocument, type Story } from "./schema.ts"

const decode = (content: string): StoriesDocument => Schema.decodeUnknownSync(StoriesDocument)(JSON.parse(content))

const article = (word: string) => (/^[aeiou]/i.test(word.trim()) ? "an" : "a")

/** "As a library member, I want to renew a loan, so that I avoid late fees." */
export const userStorySentence = (story: Story): string => {
  const role = story.role.trim().replace(/^(?:an?|the)\s+/i, "")
  const goal = story.goal.trim().replace(/^I want\s+/i, "").replace(/^to\s+/i, "")
  // A goal is a verb phrase ("renew a loan"); a noun phrase ("a weekly report") takes no "to".
  const want = /^(?:an?|the|my|our|some|every|each|all)\s/i.test(goal) ? goal : `to ${goal}`
  const benefit = story.benefit.trim().replace(/^so that\s+/i, "").replace(/[.!]+$/, "")
  return `As ${article(role)} ${role}, I want ${want}, so that ${benefit}.`
}

/** A fence longer than any backtick run inside the text, so the criteria cannot close it early. */
const fenceFor = (text: string): string => "`".repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((run) => run[0].length + 1)))

export const renderMarkdown = (content: string): string => {
  const document = decode(content)
  const out: string[] = [`# ${document.epic ? document.epic.summary.trim() : "User stories"}`, ""]
  if (document.epic?.description?.trim()) out.push(document.epic.description.trim(), "")
  document.stories.forEach((story, index) => {
    const labels = (story.labels ?? []).filter((label) => label.trim() !== "")
    const fence = fenceFor(story.acceptance_criteria)
    out.push(
      `## ${index + 1}. ${story.summary.trim()}`,
      "",
      userStorySentence(story),
      "",
      `- **Story points:** ${story.story_points}`,
      `- **Priority:** ${story.priority}`,
      ...(labels.length > 0 ? [`- **Labels:** ${labels.map((label) => `\`${label.trim()}\``).join(", ")}`] : []),
      "",
      ...(story.description?.trim() ? [story.description.trim(), ""] : []),
      "### Acceptance criteria",
      "",
      `${fence}gherkin`,
      story.acceptance_criteria.replace(/\s+$/, ""),
      fence,
      ""
    )
  })
  return `${out.join("\n").trimEnd()}\n`
}

/** RFC 4180: quote a field holding a comma, a quote or a line break; double the quotes inside. */
const csvField = (value: string | number | undefined): string => {
  const text = value === undefined ? "" : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** Jira labels are single words: whitespace inside one becomes `-`. */
const jiraLabel = (label: string) => label.trim().replace(/\s+/g, "-")

/**
 * One row per issue: the epic first (when there is one), then each story with `Parent` holding the
 * epic's `Issue ID`. Labels get one column each (Jira's importer reads repeated columns as several
 * values). Lines end with CRLF, as RFC 4180 says.
 */
export const renderCsv = (content: string): string => {
  const document = decode(content)
  const labelColumns = Math.max(1, ...document.stories.map((story) => (story.labels ?? []).filter((label) => label.trim() !== "").length))
  const header = ["Issue ID", "Summary", "Issue Type", "Description", "Priority", ...Array(labelColumns).fill("Labels"), "Story Points", "Parent"]
  const rows: Array<ReadonlyArray<string | number | undefined>> = []
  const epicId = document.epic ? 1 : undefined
  if (document.epic) {
    rows.push([1, document.epic.summary.trim(), "Epic", document.epic.description?.trim() ?? "", "", ...Array(labelColumns).fill(""), "", ""])
  }
  document.stories.forEach((story, index) => {
    const labels = (story.labels ?? []).filter((label) => label.trim() !== "").map(jiraLabel)
    const description = [
      userStorySentence(story),
      ...(story.description?.trim() ? [story.description.trim()] : []),
      `Acceptance criteria:\n{noformat}\n${story.acceptance_criteria.replace(/\s+$/, "")}\n{noformat}`
    ].join("\n\n")
    rows.push([
      (epicId ?? 0) + index + 1,
      story.summary.trim(),
      "Story",
      description,
      story.priority,
      ...labels,
      ...Array(labelColumns - labels.length).fill(""),
      story.story_points,
      epicId
    ])
  })
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n"
}

export const jiraExports: Readonly<Record<string, ArtifactExport>> = {
  markdown: {
    contentType: "text/markdown; charset=utf-8",
    description: "The epic and its stories for people: each story's sentence, points, priority, labels and its Gherkin",
    render: renderMarkdown
  },
  csv: {
    contentType: "text/csv; charset=utf-8",
    description: "For Jira's CSV importer: Issue ID, Summary, Issue Type, Description, Priority, Labels, Story Points, Parent",
    render: renderCsv
  },
  json: {
    contentType: "application/json; charset=utf-8",
    description: "The stories document itself",
    render: (content) => `${JSON.stringify(JSON.parse(content), null, 2)}\n`
  }
}
