/**
 * The docs validator's rules, word for word: what a user reads in each message, the line it
 * points at, the points it costs, and the edges of each rule (which fences close, which sections
 * count, which headings and links). Small documents, each breaking one rule.
 */
import type { ValidateOptions } from "@lfai/core"
import { findingsOf } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import { docNames, docs } from "../src/index.ts"
import { MAX_CHARS } from "../src/internal/validate.ts"
import { adr, apiGuide, FENCE, readme, runbook } from "./documents.ts"

/** Every issue of a document, as [code, message, line]. */
const issuesOf = (content: string, options?: ValidateOptions) => docs.validate(content, options).issues.map((issue) => [issue.code, issue.message, issue.line])
const findings = (content: string, code: string) => findingsOf(docs, content, code)
const asKind = (kind: string) => ({ params: { kind } })
/** The notes section of a README: its heading on line 17, `lines` from line 19. */
const notes = (...lines: ReadonlyArray<string>) => readme("", "## Notes", "", ...lines)

const NO_H1 = "The document has no H1 (`# Title`): it needs exactly one, as its first heading."
const INFO_CLOSE = "carries an info string, so it opens nothing and closes nothing: a closing fence is bare"
const UNTAGGED = "A fenced code block without a language: tag it (```bash, ```json, ```text …)."

describe("docs: the heading floor", () => {
  it("points a missing H1 at the first heading, or at line 1 when there is none", () => {
    expect(issuesOf(readme().replace("# shelf-service\n\n", "Intro.\n\n## Overview\n\n"))).toEqual([["missing-h1", NO_H1, 3]])
    expect(findings("Shelf-service keeps track of books.\n", "missing-h1")).toEqual([[NO_H1, 1]])
  })

  it("names the second H1, and the heading that comes before the title", () => {
    expect(issuesOf(readme("", "# Another title", "", "More."))).toEqual([["multiple-h1", 'A second H1 ("Another title"): a document has exactly one; make it an H2.', 17]])
    expect(issuesOf(["## Intro", "", "Hello.", "", readme()].join("\n"))).toEqual([["h1-not-first", 'The first heading is an H2 ("Intro"); the H1 title comes first.', 1]])
  })

  it("names a skipped level and the level to use", () => {
    expect(issuesOf(readme("", "#### Deep", "", "Too deep."))).toEqual([["skipped-heading-level", '"Deep" is an H4 right after an H2: a level is skipped (use H3).', 17]])
  })
})

describe("docs: code fences", () => {
  it("says where a fence that runs to the end of the document opened", () => {
    expect(issuesOf(notes(`${FENCE}bash`, "npm test"))).toEqual([["unclosed-fence", "The code fence opened at line 19 is never closed.", 19]])
    // a fence on the document's last line, with nothing after it
    expect(findings(notes(`${FENCE}bash`), "unclosed-fence")).toEqual([["The code fence opened at line 19 is never closed.", 19]])
  })

  it("points at the fence with an info string that was meant to close it, closed later or not at all", () => {
    expect(issuesOf(notes(`${FENCE}bash`, "npm test", `${FENCE}bash`, "", "More notes.", FENCE))).toEqual([
      ["unclosed-fence", `The code fence opened at line 19 is never closed where it was meant to be (the fence at line 21 ${INFO_CLOSE}).`, 19]
    ])
    expect(issuesOf(notes(`${FENCE}bash`, "npm test", `${FENCE}bash`))).toEqual([["unclosed-fence", `The code fence opened at line 19 is never closed (the fence at line 21 ${INFO_CLOSE}).`, 19]])
    expect(findings(notes(`${FENCE}bash`, "npm test", `${FENCE} text`), "unclosed-fence")).toEqual([[`The code fence opened at line 19 is never closed (the fence at line 21 ${INFO_CLOSE}).`, 19]])
  })

  it("takes a fence as closed only by a bare fence of its own character, at least as long, at the start of a line", () => {
    // tildes close tildes
    expect(issuesOf(notes("~~~bash", "npm test", "~~~"))).toEqual([])
    // a longer opening fence holds shorter fences and fences of the other character as text
    expect(issuesOf(notes(`${FENCE}\`markdown`, `${FENCE}bash`, "npm test", FENCE, `${FENCE}\``))).toEqual([])
    expect(issuesOf(notes(`${FENCE}markdown`, "~~~json", "{}", "~~~", FENCE))).toEqual([])
    const unclosed = (...lines: ReadonlyArray<string>) => findings(notes(...lines), "unclosed-fence").map(([message]) => message)
    const NEVER = "The code fence opened at line 19 is never closed."
    expect(unclosed(`${FENCE}bash`, "npm test", "~~~")).toEqual([NEVER])
    expect(unclosed(`${FENCE}\`bash`, "npm test", FENCE)).toEqual([NEVER])
    expect(unclosed(`${FENCE}bash`, "echo done ```")).toEqual([NEVER])
  })

  it("takes a fence its list item ends as never closed, and a fence after the list as a block of its own", () => {
    expect(findings(notes("- Restart the node:", "", `  ${FENCE}bash`, "  systemctl restart search", `${FENCE}bash`), "unclosed-fence")).toEqual([
      ["The code fence opened at line 21 is never closed.", 21],
      ["The code fence opened at line 23 is never closed.", 23]
    ])
  })

  it("reads an indented code block as code, neither a fence nor untagged", () => {
    expect(issuesOf(notes("Run it so:", "", "    npm test"))).toEqual([])
  })

  it("asks every fenced block for a language", () => {
    expect(issuesOf(notes(FENCE, "npm test", FENCE))).toEqual([["untagged-fence", UNTAGGED, 19]])
  })
})

describe("docs: sections and anchors", () => {
  it("finds an empty section between two others, and one holding only an HTML comment", () => {
    const empty = (text: string) => `The section "${text}" is empty: write its content or remove the heading.`
    expect(issuesOf(readme().replace("## Usage", "## Notes\n\n## Usage"))).toEqual([["empty-section", empty("Notes"), 11]])
    expect(issuesOf(notes("<!-- to be written -->"))).toEqual([["empty-section", empty("Notes"), 17]])
  })

  it("names a broken anchor's link and the heading it was likely meant for", () => {
    expect(issuesOf(notes("See [the usage](#usages)."))).toEqual([["broken-anchor", 'The link "the usage" points at #usages, but no heading has that anchor (the heading\'s anchor is #usage).', 19]])
    expect(findings(notes("See [installing](#install)."), "broken-anchor")).toEqual([['The link "installing" points at #install, but no heading has that anchor (the heading\'s anchor is #installation).', 19]])
    expect(findings(notes("See [it](#USAGES)."), "broken-anchor")).toEqual([['The link "it" points at #USAGES, but no heading has that anchor (the heading\'s anchor is #usage).', 19]])
    expect(findings(notes("See [the licence](#licence)."), "broken-anchor")).toEqual([['The link "the licence" points at #licence, but no heading has that anchor.', 19]])
  })

  it("matches an anchor with its percent-escapes decoded, and reports one that cannot be decoded without failing", () => {
    expect(issuesOf(readme().replace("## Usage", "## Usage über alles") + "\n\nSee [usage](#usage-%C3%BCber-alles).")).toEqual([])
    expect(findings(notes("See [the 100% guide](#100%)."), "broken-anchor")).toEqual([['The link "the 100% guide" points at #100%, but no heading has that anchor.', 19]])
  })

  it("takes # and #top as the top of the document, and suggests no empty heading's anchor", () => {
    expect(issuesOf(notes("[Back to top](#) or [to the top](#TOP)."))).toEqual([])
    expect(findings(readme("", "##", "", "See [the licence](#licence)."), "broken-anchor")).toEqual([['The link "the licence" points at #licence, but no heading has that anchor.', 19]])
  })

  it("reads reference links, their definitions before or after them", () => {
    expect(issuesOf(notes("See [the usage][usage].", "", "[usage]: #usages"))).toEqual([
      ["broken-anchor", 'The link "the usage" points at #usages, but no heading has that anchor (the heading\'s anchor is #usage).', 19]
    ])
    expect(findings(notes("[install]: #install", "", "See [install][]."), "broken-anchor")).toEqual([
      ['The link "install" points at #install, but no heading has that anchor (the heading\'s anchor is #installation).', 21]
    ])
    expect(issuesOf(notes("See [the usage][usage].", "", "[usage]: #usage"))).toEqual([])
  })
})

describe("docs: Mermaid blocks", () => {
  it("quotes the parser, at the diagram's own line, or at the fence when the parser names none", () => {
    const [message, line] = findings(notes(`${FENCE}mermaid`, "flowchart LR", "  a -->", FENCE), "mermaid-parse-error")[0]
    expect(message).toMatch(/^The Mermaid diagram at line 19 does not parse: unexpected end of input \(expected .+\)\.$/)
    expect(line).toBe(21)
    expect(issuesOf(notes(`${FENCE}mermaid`, FENCE))).toEqual([["mermaid-parse-error", "The Mermaid diagram at line 19 does not parse: no diagram: the text is empty.", 19]])
  })
})

describe("docs: kinds and their sections", () => {
  it("names both kinds and the sections of the one the document is", () => {
    expect(issuesOf(runbook(), asKind("adr"))).toEqual([
      ["wrong-kind", "Expected an architecture decision record (ADR), got a runbook: it has the sections of one (its purpose, the steps, Rollback or Escalation).", undefined]
    ])
  })

  it("holds a complete document of another kind that has half the sections asked for to the kind asked for", () => {
    const halfAdr = runbook("", "## Status", "", "Proposed", "", "## Context", "", "Search fails weekly.")
    expect(issuesOf(halfAdr, asKind("adr"))).toEqual([
      ["missing-decision", "An architecture decision record (ADR) needs Decision (or Decision outcome).", undefined],
      ["missing-consequences", "An architecture decision record (ADR) needs Consequences.", undefined]
    ])
  })

  it("reads a README's overview from the text between the title and the first H2, not from the sections' text", () => {
    expect(issuesOf(readme().replace("Shelf-service keeps track of the books of a public library.\n\n", "").replace("npm ci\n```", "npm ci\n```\n\nInstalling takes a minute or two on a laptop."))).toEqual([
      ["missing-overview", "A README needs an overview (Overview, Introduction, About, or a lead paragraph under the title).", undefined]
    ])
  })

  it("says what each missing section is, with the kind's name capitalised", () => {
    expect(issuesOf(runbook().replace("## Escalation", "## Contacts"))).toEqual([["missing-rollback", "A runbook needs Rollback or Escalation.", undefined]])
    expect(issuesOf(apiGuide().replace("## Authentication", "## Access"))).toEqual([["missing-authentication", "An API guide needs Authentication (or Authorization).", undefined]])
  })

  it("is content with one numbered steps section among several, and names the first when none is numbered", () => {
    expect(issuesOf(runbook("", "## Resolution", "", "- Reindex the catalogue."))).toEqual([])
    expect(issuesOf(runbook("", "## Resolution", "", "- Reindex the catalogue.").replace("1. Restart the search node.\n2. Tell the librarians.", "- Restart the search node."))).toEqual([
      ["steps-not-ordered", 'The section "Mitigation" has no numbered list: write the steps as 1., 2., 3.', 11]
    ])
  })
})

describe("docs: quality above the floor", () => {
  it("asks an API guide for a table, and each endpoint for an example", () => {
    expect(issuesOf(apiGuide())).toEqual([])
    const noExample = apiGuide("", "## DELETE /loans/{id}", "", "Ends a loan.")
    expect(issuesOf(noExample)).toEqual([["missing-example", 'The endpoint "DELETE /loans/{id}" has no example request or response in a code block.', 23]])
    expect(docs.validate(noExample).issues.map((issue) => issue.severity)).toEqual(["warning"])
    expect(issuesOf(apiGuide().replace("| Status | Meaning |\n| --- | --- |\n| 404 | No such loan. |", "A 404 says there is no such loan."))).toEqual([
      ["missing-table", "An API guide without a table: list parameters or error codes in one.", undefined]
    ])
  })

  it("asks a README's usage for an example when none of its usage sections has one", () => {
    expect(issuesOf(readme("", "## Examples", "", "Browse the books."))).toEqual([])
    expect(issuesOf(readme().replace(`## Usage\n\n${FENCE}bash\nnpm start\n${FENCE}`, "## Usage\n\nStart it and browse the books."))).toEqual([
      ["missing-example", 'The section "Usage" shows no example in a code block.', 11]
    ])
  })

  it("asks a README's configuration section, not its title, for a table", () => {
    expect(issuesOf(readme("", "## Configuration", "", "Set PORT to change the port."))).toEqual([["missing-table", 'The section "Configuration" lists settings without a table.', 17]])
    expect(issuesOf(readme("", "## Configuration", "", "| Variable | Default |", "| --- | --- |", "| PORT | 8080 |"))).toEqual([])
    expect(issuesOf(readme().replace("# shelf-service", "# settings-sync"))).toEqual([])
    // an ADR's considered options are no settings
    expect(issuesOf(adr().replace("## Alternatives", "## Considered options"))).toEqual([])
  })

  it("finds an ADR's date in its front matter, a Date heading or the first 15 lines", () => {
    const undated = adr().replace("Date: 2023-05-17\n\n", "")
    const NO_DATE = ["adr-missing-date", "The ADR has no date (front matter `date:`, a Date line or section): say when it was decided.", undefined]
    expect(issuesOf(undated)).toEqual([NO_DATE])
    expect(issuesOf(`---\ndate: May 17, 2023\n---\n${undated}`)).toEqual([])
    expect(issuesOf(undated.replace("## Status", "## Date\n\nMay 17, 2023\n\n## Status"))).toEqual([])
    expect(issuesOf(undated.replace("Accepted", "Accepted on 2023-05-17"))).toEqual([])
    expect(issuesOf(undated.replace("One more broker to operate.", "One more broker to operate. Review on 2024-05-17."))).toEqual([NO_DATE])
  })

  it("asks an ADR for its alternatives", () => {
    expect(issuesOf(adr().replace("## Alternatives\n\nKafka: a cluster to run.\n\n", ""))).toEqual([
      ["adr-missing-alternatives", "The ADR names no alternatives: add the options considered and why they lost.", undefined]
    ])
  })

  it("reads a runbook's trigger and verification from H2-or-deeper headings only, in their singular and plural forms", () => {
    const NO_TRIGGER = ["runbook-missing-trigger", "The runbook says nothing of what sets it off: add the alert, trigger or symptoms.", undefined]
    const NO_VERIFICATION = ["runbook-missing-verification", "The runbook has no verification step: say how to confirm the fix worked.", undefined]
    const untriggered = runbook().replace("## Alert\n\nThe alert search-down fires.\n\n", "")
    expect(issuesOf(untriggered)).toEqual([NO_TRIGGER])
    expect(issuesOf(untriggered.replace("# Runbook: search unavailable", "# Runbook: search-down alert"))).toEqual([NO_TRIGGER])
    expect(issuesOf(runbook().replace("## Alert", "## Trigger"))).toEqual([])
    expect(issuesOf(runbook().replace("## Alert", "## Symptom"))).toEqual([])
    expect(issuesOf(runbook().replace("## Verification", "## Checks"))).toEqual([NO_VERIFICATION])
    expect(issuesOf(runbook().replace("## Verification", "## Validation"))).toEqual([])
    expect(issuesOf(runbook().replace("## Verification", "## Confirmation"))).toEqual([])
  })

  it("warns of vague link text, trimmed, and of no other link nor an image", () => {
    expect(issuesOf(notes("Read [ here ](https://example.com/notes)."))).toEqual([["vague-link-text", 'The link text "here" says nothing: name where it goes.', 19]])
    expect(issuesOf(notes("Read [the release notes](https://example.com/notes)."))).toEqual([])
    expect(issuesOf(notes("![here][map] shows the shelves.", "", "[map]: ./shelves.png"))).toEqual([])
  })

  it("finds commands in running text only: not in a heading, not in inline code", () => {
    expect(issuesOf(notes("npm test checks it before a release."))).toEqual([
      ["command-not-in-code", "A command in running text: put it in a code block (```bash) so it can be copied.", 19]
    ])
    expect(issuesOf(readme("", "## npm scripts", "", "Run `npm test` before a release."))).toEqual([])
  })

  it("quotes placeholder text by line", () => {
    expect(issuesOf(notes("TODO: write the notes."))).toEqual([["placeholder-text", "Placeholder text (TODO, TBD, FIXME, lorem ipsum).", 19]])
  })

  it("quotes the front matter's YAML error at the document's line of it, without YAML's own line count", () => {
    expect(issuesOf(["---", "title: [shelf", "---", readme()].join("\n"))).toEqual([
      ["invalid-front-matter", "The front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ].", 2]
    ])
    expect(issuesOf(["---", "title: shelf-service", "status: draft", "title: shelf", "---", readme()].join("\n"))).toEqual([
      ["invalid-front-matter", "The front matter is not valid YAML: Map keys must be unique.", 4]
    ])
  })

  it("reads empty front matter as no keys", () => {
    expect(issuesOf(`---\n---\n${readme()}`)).toEqual([])
  })
})

describe("docs: limits, non-strings, points", () => {
  it("takes a document of exactly the limit and refuses one character more", () => {
    const padded = (length: number) => notes("x".repeat(length - notes().length - 1))
    expect(padded(MAX_CHARS).length).toBe(MAX_CHARS)
    expect(issuesOf(padded(MAX_CHARS))).toEqual([])
    expect(issuesOf(padded(MAX_CHARS + 1))).toEqual([["too-large", `The document has ${MAX_CHARS + 1} characters; the limit is ${MAX_CHARS}.`, undefined]])
  })

  it("takes an empty, blank or missing answer as empty", () => {
    const EMPTY = [["empty", "The answer is empty: expected a Markdown document.", undefined]]
    expect(issuesOf(" \n\t")).toEqual(EMPTY)
    expect(issuesOf(undefined as never)).toEqual(EMPTY)
    expect(issuesOf(null as never)).toEqual(EMPTY)
  })

  it("takes each rule's own points off the score (seen uncapped with a threshold of 100)", () => {
    const score = (content: string, options: ValidateOptions = {}) => docs.validate(content, { ...options, threshold: 100 }).score
    expect({
      "missing-h1": score(readme().replace("# shelf-service\n\n", "## Overview\n\n")),
      "multiple-h1": score(readme("", "# Another title", "", "More.")),
      "h1-not-first": score(["## Intro", "", "Hello.", "", readme()].join("\n")),
      "unclosed-fence": score(notes(`${FENCE}bash`, "npm test")),
      "missing-rollback": score(runbook().replace("## Escalation", "## Contacts")),
      "steps-not-ordered": score(runbook().replace("1. Restart the search node.\n2. Tell the librarians.", "- Restart the search node.")),
      "skipped-heading-level": score(readme("", "#### Deep", "", "Too deep.")),
      "untagged-fence": score(notes(FENCE, "npm test", FENCE)),
      "empty-section": score(notes()),
      "broken-anchor": score(notes("See [the usage](#usages).")),
      "mermaid-parse-error": score(notes(`${FENCE}mermaid`, FENCE)),
      "wrong-kind": score(runbook(), asKind("adr")),
      "missing-table": score(readme("", "## Configuration", "", "Set PORT to change the port."))
    }).toEqual({
      "missing-h1": 60,
      "multiple-h1": 75,
      "h1-not-first": 80,
      "unclosed-fence": 70,
      "missing-rollback": 80,
      "steps-not-ordered": 80,
      "skipped-heading-level": 85,
      "untagged-fence": 90,
      "empty-section": 90,
      "broken-anchor": 90,
      "mermaid-parse-error": 80,
      "wrong-kind": 40,
      "missing-table": 96
    })
  })

  it("names the document's headings when a requested topic is missing", () => {
    const [issue] = docs.validate(readme(), { request: "A README with Installation, Usage and Configuration." }).issues
    expect([issue.code, issue.message]).toEqual(["missing-name", expect.stringContaining("document's headings")])
  })
})

describe("docs: names", () => {
  it("lists each heading's text once, trimmed, without empty headings", () => {
    expect(docNames("# shelf ![](badge.svg)\n\n##\n\nText.\n\n## Usage\n\n## Usage\n")).toEqual(["shelf", "Usage"])
  })
})
