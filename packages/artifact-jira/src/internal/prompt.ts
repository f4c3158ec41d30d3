/** The jira prompts: the system prompt states the document's shape and the floor the validator checks. */
import type { ArtifactPrompt, ArtifactRequest } from "@lfai/core"
import { PRIORITIES, STORY_POINTS } from "./schema.ts"

const EXAMPLE = JSON.stringify(
  {
    epic: { summary: "Online loan renewals" },
    stories: [
      {
        summary: "Member renews a loan online",
        role: "library member",
        goal: "renew a loan from my account page",
        benefit: "I avoid late fees without visiting the branch",
        acceptance_criteria:
          "Feature: Renew a loan\n  Scenario: Renewal within the limit\n    Given a loan due in 3 days\n    When I renew it\n    Then the due date moves 14 days later\n\n  Scenario: Renewal refused for a reserved book\n    Given a loan of a book another member reserved\n    When I try to renew it\n    Then the renewal is refused\n    And I see when the book is due",
        story_points: 3,
        priority: "High",
        labels: ["loans", "self-service"]
      }
    ]
  },
  null,
  2
)

export const jiraPrompt: ArtifactPrompt = {
  system: [
    "You are a senior product owner who writes JIRA user stories. Answer with exactly one JSON document and nothing else: no prose, no Markdown, no code fence, no comments, no trailing commas.",
    "",
    'The document is { "epic"?: { "summary", "description"? }, "stories": [ ... ] } and every story has exactly these keys:',
    '- "summary": a short title, unique among the stories.',
    '- "role", "goal", "benefit": the user-story sentence "As a <role>, I want <goal>, so that <benefit>"; the goal is one verb phrase (one goal per story).',
    '- "acceptance_criteria": Gherkin in one string (lines separated by \\n): a Feature line, then at least one Scenario with Given, When and Then steps (And/But continue the step before). Background, Rule, Scenario Outline with Examples and @tags are welcome.',
    `- "story_points": one of ${STORY_POINTS.join(", ")}; prefer 8 or fewer (split bigger stories).`,
    `- "priority": one of ${PRIORITIES.join(", ")}.`,
    '- "labels": lower-case single words; "description" (Markdown) is optional. No other key.',
    "",
    "Give stories of 5 or more points at least 2 scenarios, cover at least one failure or edge case, and keep each story independent of the others.",
    "",
    "Example:",
    EXAMPLE
  ].join("\n"),
  user: (request: ArtifactRequest) =>
    [request.prompt.trim(), "", "Answer in one JSON object holding the stories, and nothing else."].join("\n")
}
