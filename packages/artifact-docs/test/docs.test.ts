import { readFileSync } from "node:fs"
import { requestedNames } from "@lfai/artifact-kit"
import { runReadmeExample } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import { docNames, docs, kindOfPrompt } from "../src/index.ts"

const fixture = (name: string) => {
  const file = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8")
  return file.slice(file.indexOf("\n") + 1)
}
const codes = (content: string, kind?: string) => docs.validate(content, kind ? { params: { kind } } : {}).issues.map((issue) => issue.code)
const errors = (content: string, kind?: string) =>
  docs.validate(content, kind ? { params: { kind } } : {}).issues.filter((issue) => issue.severity === "error").map((issue) => issue.code)

describe("docs: kinds", () => {
  it("judges a document of another kind than the one asked for as the wrong type", () => {
    expect(errors(fixture("pass-runbook.md"), "adr")).toEqual(["wrong-kind"])
    expect(errors(fixture("pass-adr-nygard.md"), "api-guide")).toEqual(["wrong-kind"])
    expect(errors(fixture("pass-api-guide.md"), "api-guide")).toEqual([])
  })

  it("holds a document to the sections of the kind asked for, each missing one with its own code", () => {
    expect(errors("# Loans\n\n## Context\n\nLoans live in a spreadsheet.\n", "adr").sort()).toEqual(["missing-consequences", "missing-decision", "missing-status"])
    expect(errors("# Search down\n\n## Purpose\n\nWhen search fails.\n", "runbook").sort()).toEqual(["missing-rollback", "missing-steps"])
    expect(errors("# Loans API\n\n## Overview\n\nRead loans.\n", "api-guide").sort()).toEqual(["missing-authentication", "missing-endpoint", "missing-errors"])
  })

  it("infers the kind from the content when none is asked for", () => {
    expect(errors(fixture("pass-adr-madr.md"))).toEqual([])
    // three of an ADR's four sections: judged as an ADR, the fourth is missing
    expect(errors("# Use Redis\n\n## Status\n\nAccepted\n\n## Context\n\nSlow lookups.\n\n## Decision\n\nWe use Redis.\n")).toEqual(["missing-consequences"])
    // nothing of any kind: held to a README's sections
    expect(errors("# Notes\n\n## Thoughts\n\nSome.\n").sort()).toEqual(["missing-install", "missing-overview", "missing-usage"])
  })

  it("takes an ADR's status from its front matter, and a README's overview from its lead paragraph", () => {
    expect(codes(fixture("pass-adr-madr.md"))).not.toContain("missing-status")
    expect(errors("# tool\n\nTool renames files in bulk, safely and fast.\n\n## Install\n\n```bash\nnpm i -g tool\n```\n\n## Usage\n\n```bash\ntool '*.JPG' '*.jpg'\n```\n")).toEqual([])
  })

  it("infers the kind from the prompt for generation, and a given kind wins", () => {
    expect(kindOfPrompt("Write an ADR about choosing Kafka")).toBe("adr")
    expect(kindOfPrompt("On-call runbook for the payment outage")).toBe("runbook")
    expect(kindOfPrompt("Document the REST API of the loans service")).toBe("api-guide")
    expect(kindOfPrompt("A README for shelf-service")).toBe("readme")
    expect(kindOfPrompt("Describe the project")).toBeUndefined()
    expect(docs.prompt.user({ prompt: "A runbook for disk full" })).toContain("as a runbook")
    expect(docs.prompt.user({ prompt: "A runbook for disk full", params: { kind: "adr" } })).toContain("as an architecture decision record")
    // the sections of each kind are the system prompt's; the user prompt adds no name a request is judged by
    expect(docs.prompt.system).toContain("ordered list")
    expect(requestedNames(docs.prompt.user({ prompt: "A runbook for disk full", params: { kind: "adr" } }))).toEqual([])
  })

  it("finds endpoints in headings and in a section's own text, not in a table of contents' links", () => {
    const inText = "# Loans API\n\n## Auth\n\nBearer tokens.\n\n## Renewing\n\nCall `POST /loans/{id}/renew` to renew.\n\n```json\n{}\n```\n\n## Errors\n\n| Status | Meaning |\n| --- | --- |\n| 404 | No loan |\n"
    expect(errors(inText, "api-guide")).toEqual([])
    const tocOnly = "# Loans API\n\n## Contents\n\n- [GET /loans](#get-loans)\n\n## Auth\n\nBearer.\n\n## Errors\n\n404.\n"
    expect(errors(tocOnly, "api-guide")).toContain("missing-endpoint")
  })
})

describe("docs: the Markdown floor", () => {
  it("matches anchors with GitHub's slugs, repeats numbered", () => {
    const doc = "# Guide\n\n## What's new?\n\nA lot.\n\n## Example\n\nOne.\n\n## Example\n\nTwo.\n\nSee [news](#whats-new), [the first](#example) and [the second](#example-1).\n"
    expect(errors(doc)).not.toContain("broken-anchor")
    const broken = codes(doc.replace("(#example-1)", "(#example-2)"))
    expect(broken).toContain("broken-anchor")
  })

  it("parses every mermaid block with the real Mermaid parser", () => {
    const sequence = "```mermaid\nsequenceDiagram\n  participant M as Member\n  participant S as Shelf\n  M->>S: renew loan\n  S-->>M: new due date\n```"
    const doc = (diagram: string) => `# shelf\n\nShelf keeps track of books for members.\n\n## Install\n\n\`\`\`bash\nnpm ci\n\`\`\`\n\n## Usage\n\n${diagram}\n`
    expect(errors(doc(sequence))).toEqual([])
    const broken = docs.validate(doc(sequence.replace("M->>S: renew loan", "M->>: renew loan"))).issues.find((issue) => issue.code === "mermaid-parse-error")
    expect(broken?.line).toBe(17)
  })

  it("a table, an ordered list and front matter are read as GFM and YAML", () => {
    expect(codes("---\ntitle: [unclosed\n---\n\n# shelf\n\nShelf keeps track of books for members.\n\n## Install\n\n```bash\nnpm ci\n```\n\n## Usage\n\n```bash\nnpm start\n```\n")).toEqual(["invalid-front-matter"])
  })
})

describe("docs: extraction", () => {
  const doc = fixture("pass-runbook.md").trim()

  it("unwraps a ```markdown fence whose document holds fences of its own", () => {
    expect(docs.extract(`Here is the runbook:\n\n\`\`\`markdown\n${doc}\n\`\`\`\n\nLet me know if you need changes.`)).toBe(doc)
    expect(docs.extract(`\`\`\`\`md\n${doc}\n\`\`\`\``)).toBe(doc)
    expect(docs.extract(`~~~markdown\n${doc}\n~~~`)).toBe(doc)
  })

  it("drops the prose before a document that is not fenced, and keeps its own code blocks", () => {
    expect(docs.extract(`Sure! Here's a runbook for the catalogue search:\n\n${doc}`)).toBe(doc)
    expect(docs.validate(docs.extract(`Sure!\n\n${doc}`)).passed).toBe(true)
  })

  it("keeps front matter as the start of a document", () => {
    const adr = fixture("pass-adr-madr.md").trim()
    expect(docs.extract(`Here is the ADR:\n\n${adr}`)).toBe(adr)
    expect(docs.extract(`\`\`\`markdown\n${adr}\n\`\`\``)).toBe(adr)
  })
})

describe("docs: names for relevance", () => {
  it("lists the headings' text", () => {
    expect(docNames(fixture("pass-runbook.md"))).toEqual(["Runbook: catalogue search unavailable", "Purpose", "Alert", "Mitigation", "Verification", "Escalation"])
    expect(docNames("")).toEqual([])
  })
})

describe("docs: the dataset", () => {
  it("has the four kinds in equal shares, each passing as the kind it names", () => {
    const examples = [...docs.dataset.generate({ seed: 5, count: 200 })]
    const kinds = new Map<string, number>()
    for (const example of examples) {
      const kind = String(example.meta.kind)
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
      expect(docs.validate(example.output, { params: { kind } }).passed, example.output).toBe(true)
    }
    expect(Object.fromEntries(kinds)).toEqual({ readme: 50, adr: 50, runbook: 50, "api-guide": 50 })
  })
})

describe("docs: README", () => {
  it("runs the README's example as written", () => {
    const out = runReadmeExample(new URL("../README.md", import.meta.url))
    expect(out).toContain("true 100")
    expect(out).toContain("false [ 'wrong-kind' ]")
  })
})
