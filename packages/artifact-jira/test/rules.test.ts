import { findingsOf } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import { jira, storyNames } from "../src/index.ts"
import { MAX_CHARS } from "../src/internal/validate.ts"
import { readCriteria, type ScenarioReport } from "../src/internal/gherkin.ts"
import { criteria, doc, json, story } from "./stories.ts"

/** Every issue of a document, as [code, message, line]. */
const issuesOf = (content: string) => jira.validate(content).issues.map((issue) => [issue.code, issue.message, issue.line])
const findings = (content: string, code: string) => findingsOf(jira, content, code)
const USER_STORY = 'is part of the user-story sentence "As a <role>, I want <goal>, so that <benefit>" and must not be empty'
const NOT_COMPLETE = "acceptance_criteria has no Scenario holding Given, When and Then"

describe("jira schema messages", () => {
  it("names a story field by its path and shows the value it got, or that it is missing", () => {
    expect(issuesOf(doc(story({ summary: undefined })))).toEqual([["empty-summary", "stories[0].summary must be a non-empty title (it is missing).", 3]])
    expect(issuesOf(doc(story({ summary: "" })))).toEqual([["empty-summary", 'stories[0].summary must be a non-empty title (got "").', 4]])
    expect(issuesOf(doc(story({ story_points: 4 })))).toEqual([["invalid-story-points", "stories[0].story_points must be one of 1, 2, 3, 5, 8, 13 (got 4).", 9]])
    expect(issuesOf(doc(story(), story({ summary: "Member renews a loan", priority: "Urgent" })))).toEqual([
      ["invalid-priority", 'stories[1].priority must be one of Highest, High, Medium, Low, Lowest (got "Urgent").', 22]
    ])
  })

  it("shows a received value of up to 40 characters whole and cuts a longer one to 37 and an ellipsis", () => {
    const a38 = "a".repeat(38)
    expect(findings(doc(story({ priority: a38 })), "invalid-priority")).toEqual([[`stories[0].priority must be one of Highest, High, Medium, Low, Lowest (got "${a38}").`, 10]])
    expect(findings(doc(story({ priority: `${a38}a` })), "invalid-priority")).toEqual([
      [`stories[0].priority must be one of Highest, High, Medium, Low, Lowest (got "${"a".repeat(36)}…).`, 10]
    ])
  })

  it("gives each part of the user-story sentence and the criteria their own code when empty or missing", () => {
    expect(issuesOf(doc(story({ role: "", goal: "", benefit: undefined })))).toEqual([
      ["incomplete-user-story", `stories[0].role ${USER_STORY} (got "").`, 5],
      ["incomplete-user-story", `stories[0].goal ${USER_STORY} (got "").`, 6],
      ["incomplete-user-story", `stories[0].benefit ${USER_STORY} (it is missing).`, 3]
    ])
    expect(issuesOf(doc(story({ acceptance_criteria: "" })))).toEqual([
      ["no-acceptance-criteria", 'stories[0].acceptance_criteria must hold Gherkin: a Feature with a Scenario of Given, When and Then steps (got "").', 8]
    ])
  })

  it("reports a value of the wrong type as a schema mismatch, with the parser's expectation in lower case", () => {
    expect(issuesOf(doc(story({ summary: 5 })))).toEqual([["schema-mismatch", "stories[0].summary: expected string (got 5).", 4]])
    expect(issuesOf(doc(story({ acceptance_criteria: 5 })))).toEqual([["schema-mismatch", "stories[0].acceptance_criteria: expected string (got 5).", 8]])
    expect(issuesOf(doc(story({ labels: ["holds", 7] })))).toEqual([["schema-mismatch", "stories[0].labels[1]: expected string (got 7).", 13]])
    expect(issuesOf(json({ stories: "none" }))).toEqual([["schema-mismatch", 'stories: expected array (got "none").', 2]])
    expect(issuesOf(json([story()]))).toEqual([["schema-mismatch", `the document: expected object (got [{"summary":"Member places a hold","r…).`, 1]])
    // the epic's summary is not a story's: an empty one is a schema mismatch, not empty-summary
    expect(issuesOf(json({ epic: { summary: "" }, stories: [story()] }))).toEqual([["schema-mismatch", 'epic.summary: expected a value with a length of at least 1 (got "").', 3]])
    expect(issuesOf(json({ epic: { description: "Lending" }, stories: [story()] }))).toEqual([["schema-mismatch", "epic.summary is missing.", 2]])
  })

  it("tells an unknown key in a story from one in the document or the epic", () => {
    expect(issuesOf(json({ epic: { summary: "Library", owner: "ana" }, stories: [story({ assignee: "ana" })], version: 2 }))).toEqual([
      ["unknown-key", 'Unknown key "version" at version: the document takes epic, stories; an epic takes summary, description.', 21],
      ["unknown-key", 'Unknown key "owner" at epic.owner: the document takes epic, stories; an epic takes summary, description.', 4],
      ["unknown-key", 'Unknown key "assignee" at stories[0].assignee: a story takes only summary, role, goal, benefit, description, acceptance_criteria, story_points, priority, labels.', 18]
    ])
  })

  it("says there are no stories when the array is missing or empty", () => {
    expect(issuesOf(json({ epic: { summary: "Library" } }))).toEqual([["no-stories", 'No stories: "stories" must be an array with at least one story (it is missing).', 1]])
    expect(issuesOf(json({ stories: [] }))).toEqual([["no-stories", 'No stories: "stories" must be an array with at least one story (got []).', 2]])
  })

  it("gives a whitespace-only field the code of an empty one", () => {
    expect(issuesOf(doc(story({ summary: " ", role: "\t", goal: " ", benefit: "  ", acceptance_criteria: " \n " })))).toEqual([
      ["empty-summary", "stories[0].summary holds only whitespace.", 4],
      ["incomplete-user-story", "stories[0].role holds only whitespace.", 5],
      ["incomplete-user-story", "stories[0].goal holds only whitespace.", 6],
      ["incomplete-user-story", "stories[0].benefit holds only whitespace.", 7],
      ["no-acceptance-criteria", "stories[0].acceptance_criteria holds only whitespace.", 8]
    ])
  })

  it("takes each schema rule's own points off the score (seen uncapped with a threshold of 100)", () => {
    const score = (content: string) => jira.validate(content, { threshold: 100 }).score
    expect({
      "unknown-key": score(doc(story({ assignee: "ana" }))),
      "no-stories": score(json({ stories: [] })),
      "empty-summary": score(doc(story({ summary: "" }))),
      "incomplete-user-story": score(doc(story({ role: "" }))),
      "no-acceptance-criteria": score(doc(story({ acceptance_criteria: "" }))),
      "invalid-story-points": score(doc(story({ story_points: 4 }))),
      "invalid-priority": score(doc(story({ priority: "Urgent" }))),
      "schema-mismatch": score(doc(story({ summary: 5 })))
    }).toEqual({
      "unknown-key": 70,
      "no-stories": 40,
      "empty-summary": 75,
      "incomplete-user-story": 75,
      "no-acceptance-criteria": 70,
      "invalid-story-points": 80,
      "invalid-priority": 80,
      "schema-mismatch": 65
    })
  })

  it("takes the other floor rules' points off too, and says what each found", () => {
    const score = (content: string) => jira.validate(content, { threshold: 100 }).score
    const twice = doc(story()).replace('"role": "library member",', '"role": "library member",\n      "role": "library member",')
    expect(issuesOf(twice)).toEqual([["duplicate-key", 'The key "role" appears twice in one object; JSON keeps only the last.', 6]])
    expect(score(twice)).toBe(60)
    expect(score(doc(story(), story()))).toBe(80)
    expect(score(doc(story({ acceptance_criteria: "Feature: Holds\n  Scenario: Hold\n    Given a copy\n  Feature: again" })))).toBe(70)
    expect(score(doc(story({ acceptance_criteria: "Feature: Holds\n  Scenario: Hold\n    Given every copy is on loan" })))).toBe(70)
  })

  it("says what a story set without a failure path, or with placeholder text, lacks", () => {
    const happy = 'Feature: Holds\n  Scenario: Hold on a borrowed copy\n    Given every copy of "Dune" is on loan\n    When I place a hold on it\n    Then I am first in the hold queue'
    expect(findings(doc(story({ acceptance_criteria: happy })), "no-failure-scenario")).toEqual([
      ["No scenario covers a failure, an error or an edge case: add at least one (an invalid input, a refusal, a limit, an outage).", 2]
    ])
    // a description is read for placeholders too
    expect(findings(doc(story({ description: "Details TBD" })), "placeholder-text")).toEqual([["stories[0] holds placeholder text (TODO, TBD, lorem ipsum…).", 3]])
  })

  it("judges an answer of exactly the size limit, and refuses one character more, saying both sizes", () => {
    const padded = (size: number) => {
      const base = doc(story())
      return base + " ".repeat(size - base.length)
    }
    expect(issuesOf(padded(MAX_CHARS))).toEqual([])
    expect(issuesOf(padded(MAX_CHARS + 1))).toEqual([["too-large", `The answer has ${MAX_CHARS + 1} characters; the limit is ${MAX_CHARS}.`, undefined]])
    expect(jira.validate(padded(MAX_CHARS + 1), { threshold: 100 }).score).toBe(0)
  })

  it("treats content that is not a string as no answer", () => {
    expect(issuesOf(undefined as never)).toEqual([["empty", "The answer is empty: expected the stories JSON document.", undefined]])
    expect(issuesOf(null as never)).toEqual([["empty", "The answer is empty: expected the stories JSON document.", undefined]])
  })
})

describe("jira story rules", () => {
  it("compares summaries without regard to case or to leading, trailing and repeated whitespace", () => {
    const second = { goal: "renew a loan", labels: ["loans"] }
    expect(issuesOf(doc(story(), story({ ...second, summary: "  member  PLACES a\thold " })))).toEqual([
      ["duplicate-summary", 'stories[1] repeats the summary of stories[0] ("member  PLACES a\thold"): every story needs its own.', 16]
    ])
    expect(findings(doc(story(), story({ ...second, summary: "Member places a hold today" })), "duplicate-summary")).toEqual([])
  })

  it("finds another story's summary in a goal as whole words only, whatever their case and punctuation", () => {
    const content = doc(
      story({ summary: "Log in", goal: "sign in with my library card" }),
      story({ summary: "Browse the catalog", goal: "browse the catalog in my language" }),
      story({ summary: "Renew a loan", goal: "renew a loan right after I Log In, from any page" })
    )
    expect(findings(content, "dependent-stories")).toEqual([['stories[2].goal repeats the summary of stories[0] ("Log in"): stories should stand on their own.', 30]])
  })

  it("finds no summary without words in a goal without words", () => {
    expect(findings(doc(story({ summary: "???", goal: "..." }), story({ summary: "Renew a loan", goal: "!!!" })), "dependent-stories")).toEqual([])
  })

  it("finds a packed goal at each separator only when both halves have at least 3 words", () => {
    const packed = (goal: string) => findings(doc(story({ goal })), "several-goals").length === 1
    expect(findings(doc(story({ goal: "renew a loan; pay my fines" })), "several-goals")).toEqual([['stories[0].goal packs more than one goal ("renew a loan; pay my fines"): one goal per story.', 6]])
    const goals = {
      "renew a loan and pay my fines": true,
      "renew a loan AND pay my fines": true,
      "renew a loan and pay": false,
      "renew a loan and also pay my fines": true,
      "renew a loan and also pay fines": false,
      "renew a loan and  also pay fines": false,
      "renew a loan;pay my fines": true,
      "renew a loan, then pay my fines": true,
      "renew a loan,then pay my fines": true,
      "renew a loan as well as pay my fines": true,
      "renew a loan as well as fines": false,
      "renew a loan for two more weeks": false,
      "see my holds and loans": false
    }
    expect(Object.fromEntries(Object.keys(goals).map((goal) => [goal, packed(goal)]))).toEqual(goals)
  })

  it("quotes the first Gherkin error without its position, at its line, and counts the others", () => {
    const two = "Feature: Holds\n  Scenario: Hold\n    Given a copy is on loan\n  then it is mine\n  and I am glad"
    const expected = "expected: #EOF, #TableRow, #DocStringSeparator, #StepLine, #TagLine, #ExamplesLine, #ScenarioLine, #RuleLine, #Comment, #Empty"
    expect(issuesOf(doc(story({ acceptance_criteria: two })))).toEqual([
      ["gherkin-parse-error", `stories[0].acceptance_criteria is not valid Gherkin at its line 4: ${expected}, got 'then it is mine' (and 1 more).`, 8]
    ])
    expect(findings(doc(story({ acceptance_criteria: two.replace(/\n {2}and I am glad$/, "") })), "gherkin-parse-error")).toEqual([
      [`stories[0].acceptance_criteria is not valid Gherkin at its line 4: ${expected}, got 'then it is mine'.`, 8]
    ])
  })

  /** Three incomplete scenarios: an unnamed one with a Given only, an outline without rows, an outline with rows and no Then. */
  const incomplete =
    "  Scenario:\n    Given a copy is on loan\n\n" +
    "  Scenario Outline: Hold by count\n    Given I hold <n> books\n    When I place a hold\n    Then I see <answer>\n    Examples:\n      | n | answer |\n\n" +
    "  Scenario Outline: Renewal by count\n    Given I renewed <n> times\n    When I renew\n    Examples:\n      | n |\n      | 1 |"

  it("says why no scenario is complete: none at all, unnamed and lacking steps, an outline without rows", () => {
    expect(issuesOf(doc(story({ acceptance_criteria: "Feature: Holds" }), story({ summary: "Member renews a loan", acceptance_criteria: `Feature: Holds\n${incomplete}` })))).toEqual([
      ["no-complete-scenario", `stories[0].${NOT_COMPLETE}: it has no Scenario (a Feature line with at least one Scenario is required).`, 8],
      ["no-complete-scenario", `stories[1].${NOT_COMPLETE}: "(unnamed)" lacks When, Then; "Hold by count" has no Examples rows; "Renewal by count" lacks Then.`, 20]
    ])
  })

  it("warns of each incomplete scenario beside complete ones, by name and Gherkin line", () => {
    expect(findings(doc(story({ acceptance_criteria: criteria(`\n\n${incomplete}`) })), "incomplete-scenario")).toEqual([
      ['stories[0]: the scenario "(unnamed)" (Gherkin line 12) lacks When, Then.', 8],
      ['stories[0]: the scenario "Hold by count" (Gherkin line 15) has no Examples rows.', 8],
      ['stories[0]: the scenario "Renewal by count" (Gherkin line 22) lacks Then.', 8]
    ])
  })

  it("counts a story without a labels key as having no labels, and no bad label", () => {
    const content = doc(story({ labels: undefined }))
    expect(findings(content, "missing-labels")).toEqual([["stories[0] has no labels.", 3]])
    expect(findings(content, "invalid-label")).toEqual([])
  })

  it("names the epic and each story's summary, role, goal and labels, and nothing for what is not a stories document", () => {
    const content = json({ epic: { summary: "Library" }, stories: [story({ labels: undefined }), story({ summary: " Member renews a loan ", labels: ["loans", " "] }), "a story"] })
    expect(storyNames(content)).toEqual(["Library", "Member places a hold", "library member", "place a hold on a copy that is out", "Member renews a loan", "loans"])
    expect(storyNames(json({ stories: "none" }))).toEqual([])
    expect(storyNames("Here are the stories.")).toEqual([])
    expect(storyNames(undefined as never)).toEqual([])
    expect(storyNames(5 as never)).toEqual([])
    // JSON's null, and stories that are no objects, name nothing
    expect(storyNames("null")).toEqual([])
    expect(storyNames(json({ stories: [null, 7, story()] }))).toEqual(["Member places a hold", "library member", "place a hold on a copy that is out", "holds"])
  })
})

describe("readCriteria", () => {
  /** The one scenario of `feature`'s report (the report must have no error and exactly one scenario). */
  const only = (feature: string): ScenarioReport => {
    const report = readCriteria(feature)
    expect(report.errors).toEqual([])
    expect(report.scenarios).toHaveLength(1)
    return report.scenarios[0]
  }
  const plain = (name: string, ...steps: ReadonlyArray<string>) => `Feature: Holds\n  Scenario: ${name}\n${steps.map((step) => `    ${step}\n`).join("")}`

  it("reports a scenario's name, line, steps and kind", () => {
    expect(readCriteria(criteria())).toStrictEqual({
      errors: [],
      scenarios: [
        { name: "Hold on a borrowed copy", line: 2, complete: true, missing: [], outline: false, compiled: 1, failurePath: false },
        { name: "Hold refused at the limit", line: 7, complete: true, missing: [], outline: false, compiled: 1, failurePath: true }
      ],
      language: "en"
    })
    expect(only(plain("Hold", "Then I am first in the queue"))).toEqual({ name: "Hold", line: 2, complete: false, missing: ["Given", "When"], outline: false, compiled: 1, failurePath: false })
  })

  it("reads the scenarios inside Rule blocks, with the Feature's and the Rule's Background steps counted for each", () => {
    const rules = [
      "Feature: Holds",
      "  Background:",
      "    Given I am signed in",
      "  Rule: Holds on copies",
      "    Background:",
      "      Given every copy is on loan",
      "    Scenario: Hold placed",
      "      When I place a hold",
      "      Then I am first in the queue",
      "  Rule: Pickup",
      "    Scenario: Pickup at the desk",
      "      When the copy arrives",
      "      Then I get a message",
      "  Scenario: Queue shown",
      "    Then I see my place in the queue"
    ].join("\n")
    expect(readCriteria(rules).scenarios).toEqual([
      { name: "Hold placed", line: 7, complete: true, missing: [], outline: false, compiled: 1, failurePath: false },
      { name: "Pickup at the desk", line: 11, complete: true, missing: [], outline: false, compiled: 1, failurePath: false },
      { name: "Queue shown", line: 14, complete: false, missing: ["When"], outline: false, compiled: 1, failurePath: false }
    ])
  })

  it("reports an outline with the examples it compiles to, none when its Examples have no rows", () => {
    const outline = (rows: string) =>
      `Feature: Fines\n  Scenario Outline: Fine by days\n    Given a loan returned after <days> days\n    When the fine is computed\n    Then it is <amount>\n    Examples:\n      | days | amount |\n${rows}`
    expect(only(outline("      | 3 | 1.50 |\n    Examples:\n      | days | amount |\n      | 10 | 5.00 |\n      | 20 | 10.00 |"))).toEqual({
      name: "Fine by days",
      line: 2,
      complete: true,
      missing: [],
      outline: true,
      compiled: 3,
      failurePath: false
    })
    expect(only(outline(""))).toEqual({ name: "Fine by days", line: 2, complete: false, missing: ["Given", "When", "Then"], outline: true, compiled: 0, failurePath: false })
  })

  it("finds a failure path in the name, a step, an Examples cell, or a tag on the scenario or its Examples", () => {
    const failurePath = (feature: string) => only(feature).failurePath
    const steps = ["Given a member with a hold", "When the copy arrives", "Then a message is sent"]
    expect(failurePath(plain("Pickup", ...steps))).toBe(false)
    expect(failurePath(plain("Pickup refused", ...steps))).toBe(true)
    expect(failurePath(plain("Pickup", "Given the copy arrives", "When a member asks", "Then wrong copy is shown"))).toBe(true)
    const byCount = (tags: string, answer: string) =>
      `Feature: Holds\n  Scenario Outline: Hold by count\n    Given I hold <n> books\n    When I place a hold\n    Then I see <answer>\n${tags}    Examples:\n      | n | answer |\n      | 1 | a queue place |\n      | 5 | ${answer} |`
    expect(failurePath(byCount("", "a second place"))).toBe(false)
    expect(failurePath(byCount("", "an error"))).toBe(true)
    expect(failurePath(byCount("    @negative\n", "a second place"))).toBe(true)
    expect(failurePath(byCount("    @smoke\n", "a second place"))).toBe(false)
    expect(failurePath(`Feature: Holds\n  @edge\n  Scenario: Pickup\n${steps.map((step) => `    ${step}\n`).join("")}`)).toBe(true)
    expect(failurePath(`Feature: Holds\n  @Sad-Path @smoke\n  Scenario: Pickup\n${steps.map((step) => `    ${step}\n`).join("")}`)).toBe(true)
  })

  it("reads the language of a # language: line", () => {
    const french = "# language: fr\nFonctionnalité: Réservations\n  Scénario: Réserver un livre prêté\n    Soit un exemplaire prêté\n    Quand je le réserve\n    Alors je suis premier dans la file"
    expect(readCriteria(french)).toEqual({
      errors: [],
      scenarios: [{ name: "Réserver un livre prêté", line: 3, complete: true, missing: [], outline: false, compiled: 1, failurePath: false }],
      language: "fr"
    })
  })

  it("reports a language Gherkin does not know as a parse error on its line", () => {
    expect(readCriteria("# language: xx\nFeature: Holds\n  Scenario: Hold\n    Given a copy is on loan")).toEqual({
      errors: [{ message: "Language not supported: xx", line: 1 }],
      scenarios: [],
      language: undefined
    })
  })

  it("reports a text without a Feature as no scenario, not as an error", () => {
    expect(readCriteria("# the criteria come later")).toEqual({ errors: [], scenarios: [], language: undefined })
  })

  it("reports each parse error's line and message without the parser's (line:column) prefix, and no scenario", () => {
    const late = `${criteria()}\n\n          a stray line`
    expect(readCriteria(late)).toEqual({
      errors: [{ message: "expected: #EOF, #TableRow, #DocStringSeparator, #StepLine, #TagLine, #ExamplesLine, #ScenarioLine, #RuleLine, #Comment, #Empty, got 'a stray line'", line: 12 }],
      scenarios: [],
      language: undefined
    })
  })
})

describe("jira quality checks at their edges", () => {
  const findings = (content: string, code: string) => findingsOf(jira, content, code)

  it("calls a story large from 9 points, and asks a second scenario of a story from 5", () => {
    expect(findings(doc(story({ story_points: 8 })), "large-story")).toEqual([])
    expect(findings(doc(story({ story_points: 13 })), "large-story")).toEqual([["stories[0] is estimated at 13 points: split it into stories of 8 points or fewer.", 9]])
    const one = 'Feature: Holds\n  Scenario: Hold refused at the limit\n    Given I already hold 5 books\n    When I place a hold\n    Then the hold is refused'
    expect(findings(doc(story({ story_points: 3, acceptance_criteria: one })), "few-scenarios")).toEqual([])
    expect(findings(doc(story({ story_points: 5, acceptance_criteria: one })), "few-scenarios")).toEqual([["stories[0] is a 5-point story with one complete scenario: give it at least 2.", 8]])
    expect(findings(doc(story({ story_points: 5 })), "few-scenarios")).toEqual([])
  })

  it("runs the quality checks only on a document without errors", () => {
    const broken = doc(story({ story_points: 13 }), story({ summary: "Member renews a loan", priority: "Urgent", labels: ["loans"] }))
    expect(jira.validate(broken).issues.map((issue) => issue.code)).toEqual(["invalid-priority"])
  })

  it("takes a label of spaces for an invalid label and a story with only such labels for one without", () => {
    expect(findings(doc(story({ labels: [" "] })), "missing-labels")).toEqual([["stories[0] has no labels.", 3]])
    expect(findings(doc(story({ labels: [" "] })), "invalid-label")).toEqual([['stories[0] has the label " ": Jira labels are single words without spaces (use - or _).', 11]])
  })
})
