import { MISSING_NAME, OFF_TOPIC } from "@lfai/core"
import { issueCodeContract } from "@lfai/artifact-kit/testing"
import { docs } from "../src/index.ts"
import { REQUIREMENTS } from "../src/internal/kinds.ts"
import { adr, apiGuide, FENCE, readme, runbook } from "./documents.ts"

issueCodeContract(docs, {
  sources: [new URL("../src/internal/validate.ts", import.meta.url)],
  shared: [OFF_TOPIC, MISSING_NAME],
  // a missing section's code is its kind's requirement's
  indirect: { "requirement.code": Object.values(REQUIREMENTS).flatMap((requirements) => requirements.map((requirement) => requirement.code)) },
  readme: new URL("../README.md", import.meta.url),
  cases: {
    empty: "\n \n",
    "too-large": readme("", "## Notes", "", "x".repeat(600_000)),
    "missing-h1": readme().replace("# shelf-service\n\n", "## Overview\n\n"),
    "multiple-h1": readme("", "# Another title", "", "More."),
    "h1-not-first": ["## Intro", "", "Hello.", "", readme()].join("\n"),
    "skipped-heading-level": { content: readme("", "#### Deep", "", "Too deep."), line: 17 },
    "unclosed-fence": { content: readme("", "## Notes", "", `${FENCE}bash`, "npm test"), line: 19 },
    "untagged-fence": { content: readme("", "## Notes", "", FENCE, "npm test", FENCE), line: 19 },
    "empty-section": { content: readme("", "## Notes", ""), line: 17 },
    "broken-anchor": { content: readme("", "## Notes", "", "See [the usage](#usages)."), line: 19 },
    "mermaid-parse-error": { content: readme("", "## Architecture", "", `${FENCE}mermaid`, "flowchart LR", "  a -->", FENCE), line: 21 },
    "wrong-kind": { content: runbook(), options: { params: { kind: "adr" } } },
    "missing-overview": readme().replace("Shelf-service keeps track of the books of a public library.\n\n", ""),
    "missing-install": readme().replace("## Installation", "## Building"),
    "missing-usage": readme().replace("## Usage", "## Running"),
    "missing-status": adr().replace("## Status\n\nAccepted\n\n", ""),
    "missing-context": adr().replace("## Context", "## Background"),
    "missing-decision": adr().replace("## Decision", "## Outcome"),
    "missing-consequences": adr().replace("## Consequences", "## Afterwards"),
    "missing-purpose": runbook().replace("## Purpose", "## What"),
    "missing-steps": runbook().replace("## Mitigation", "## Actions"),
    "missing-rollback": runbook().replace("## Escalation", "## Contacts"),
    "missing-authentication": apiGuide().replace("## Authentication", "## Access"),
    "missing-endpoint": apiGuide().replace("## GET /loans/{id}", "## Loans"),
    "missing-errors": apiGuide().replace("## Errors", "## Failures"),
    "steps-not-ordered": { content: runbook().replace("1. Restart the search node.\n2. Tell the librarians.", "- Restart the search node.\n- Tell the librarians."), line: 11 },
    "missing-table": apiGuide().replace("| Status | Meaning |\n| --- | --- |\n| 404 | No such loan. |", "A 404 says there is no such loan."),
    "missing-example": { content: readme().replace(`## Usage\n\n${FENCE}bash\nnpm start\n${FENCE}`, "## Usage\n\nStart it and browse the books."), line: 11 },
    "adr-missing-date": adr().replace("Date: 2023-05-17\n\n", ""),
    "adr-missing-alternatives": adr().replace("## Alternatives\n\nKafka: a cluster to run.\n\n", ""),
    "runbook-missing-trigger": runbook().replace("## Alert\n\nThe alert search-down fires.\n\n", ""),
    "runbook-missing-verification": runbook().replace("## Verification\n\nSearches succeed again.\n\n", ""),
    "vague-link-text": { content: readme("", "## Notes", "", "Read [here](https://example.com/notes)."), line: 19 },
    "command-not-in-code": { content: readme("", "## Notes", "", "npm test checks it before a release."), line: 19 },
    "placeholder-text": { content: readme("", "## Notes", "", "TODO: write the notes."), line: 19 },
    "invalid-front-matter": { content: ["---", "title: [shelf", "---", readme()].join("\n"), line: 2 },
    "off-topic": { content: readme(), options: { request: "A README for a clinic's appointment scheduler: booking, cancelling, reminders." } },
    "missing-name": { content: readme(), options: { request: "A README with Installation, Usage and Configuration." } }
  }
})
