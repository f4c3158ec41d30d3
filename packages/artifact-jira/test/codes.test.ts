import { MISSING_NAME, OFF_TOPIC } from "@lfai/core"
import { issueCodeContract } from "@lfai/artifact-kit/testing"
import { jira } from "../src/index.ts"
import { criteria, doc, story } from "./stories.ts"

/** Another story's own summary, goal and benefit. */
const renew = { summary: "Member renews a loan", goal: "renew a loan from my account page", benefit: "I avoid late fees" }
const onlyHappyPath = 'Feature: Holds\n  Scenario: Hold on a borrowed copy\n    Given every copy of "Dune" is on loan\n    When I place a hold on it\n    Then I am first in the hold queue'

issueCodeContract(jira, {
  sources: [new URL("../src/internal/validate.ts", import.meta.url)],
  shared: [OFF_TOPIC, MISSING_NAME],
  // the JSON reader's failure kinds (JsonFailureKind)
  indirect: { "parsed.kind": ["not-json", "truncated-json", "json-comment", "json-trailing-comma", "json-syntax"] },
  readme: new URL("../README.md", import.meta.url),
  cases: {
    empty: "  ",
    "too-large": doc(story({ description: "x".repeat(600_000) })),
    "not-json": { content: "Here are the stories you asked for.", line: 1 },
    "truncated-json": doc(story()).slice(0, 200),
    "json-comment": { content: doc(story()).replace("{\n", "{\n  // the stories\n"), line: 2 },
    "json-trailing-comma": { content: doc(story({ labels: undefined })).replace('"Medium"\n', '"Medium",\n'), line: 11 },
    "json-syntax": { content: doc(story()).replace('"priority": "Medium"', '"priority" "Medium"'), line: 10 },
    "duplicate-key": { content: doc(story()).replace('"priority": "Medium"', '"priority": "High",\n      "priority": "Medium"'), line: 11 },
    "unknown-key": { content: doc(story({ assignee: "ana" })), line: 14 },
    "schema-mismatch": { content: JSON.stringify({ epic: { summary: 5 }, stories: [story()] }, null, 2), line: 3 },
    "no-stories": { content: JSON.stringify({ stories: [] }, null, 2), line: 2 },
    "empty-summary": { content: doc(story({ summary: " " })), line: 4 },
    "incomplete-user-story": { content: doc(story({ role: "" })), line: 5 },
    "no-acceptance-criteria": { content: doc(story({ acceptance_criteria: "" })), line: 8 },
    "invalid-story-points": { content: doc(story({ story_points: 4 })), line: 9 },
    "invalid-priority": { content: doc(story({ priority: "Urgent" })), line: 10 },
    "gherkin-parse-error": { content: doc(story({ acceptance_criteria: "Feature: Holds\n  Scenario Outline: y\n    Given <n>\n    Examples:\n      | n |\n      | 1 \n" })), line: 8 },
    "no-complete-scenario": { content: doc(story({ acceptance_criteria: "Feature: Holds\n  Scenario: Hold\n    Given a copy is on loan\n    When I place a hold" })), line: 8 },
    "duplicate-summary": { content: doc(story(), story({ goal: "renew a loan", labels: ["loans"] })), line: 16 },
    "large-story": { content: doc(story({ story_points: 13 })), line: 9 },
    "several-goals": { content: doc(story({ goal: "place a hold on a copy that is out and get an email when the copy comes back" })), line: 6 },
    "few-scenarios": { content: doc(story({ story_points: 5, acceptance_criteria: "Feature: Holds\n  Scenario: Hold refused at the limit\n    Given I already hold 5 books\n    When I place a hold\n    Then the hold is refused" })), line: 8 },
    "incomplete-scenario": { content: doc(story({ acceptance_criteria: criteria("\n\n  Scenario: Hold cancelled\n    Given I hold a book") })), line: 8 },
    "dependent-stories": { content: doc(story(), story({ ...renew, goal: "renew a loan after the member places a hold", labels: ["loans"] })), line: 18 },
    "no-failure-scenario": { content: doc(story({ acceptance_criteria: onlyHappyPath })), line: 2 },
    "missing-labels": { content: doc(story({ labels: [] })), line: 3 },
    "invalid-label": { content: doc(story({ labels: ["self service"] })), line: 11 },
    "placeholder-text": { content: doc(story({ benefit: "TBD" })), line: 3 },
    "off-topic": { content: doc(story()), options: { request: "Stories for a clinic: book an appointment, cancel an appointment, see lab results." } },
    "missing-name": { content: doc(story()), options: { request: "Stories for a library: members, holds and fines." } }
  }
})
