/** A clean stories document and its parts, for the tests that break one rule at a time. */

/** Acceptance criteria with a happy path and a failure path (lines 1-10), and `extra` Gherkin after them. */
export const criteria = (extra = "") =>
  'Feature: Holds\n  Scenario: Hold on a borrowed copy\n    Given every copy of "Dune" is on loan\n    When I place a hold on it\n    Then I am first in the hold queue\n\n' +
  "  Scenario: Hold refused at the limit\n    Given I already hold 5 books\n    When I place a hold\n    Then the hold is refused" +
  extra

/** A clean story (a document of it alone scores 100, no issue); `over` replaces fields (undefined removes one). */
export const story = (over: Record<string, unknown> = {}) => ({
  summary: "Member places a hold",
  role: "library member",
  goal: "place a hold on a copy that is out",
  benefit: "I get the book as soon as it comes back",
  acceptance_criteria: criteria(),
  story_points: 2,
  priority: "Medium",
  labels: ["holds"],
  ...over
})

/** Indented JSON, as models write it. */
export const json = (value: unknown) => JSON.stringify(value, null, 2)

/** A stories document: a lone story's fields are on lines 4 (summary) to 11 (labels). */
export const doc = (...stories: ReadonlyArray<Record<string, unknown>>) => json({ stories })
