import { describe, expect, it } from "vitest"
import { validateDiagram } from "../src/diagram.ts"

describe("validateDiagram", () => {
  it("fails a document nested past mermaid's depth guard with an issue that says why", () => {
    // 3,000 nested subgraphs in 45 KB: 46 s inside mermaid's parser without the guard.
    const bomb = ["flowchart TD", ...Array(3000).fill("subgraph X"), "A --> B", ...Array(3000).fill("end")].join("\n")
    const verdict = validateDiagram({ family: "flowchart", header: "flowchart", score: () => {} }, bomb)
    expect(verdict.passed).toBe(false)
    expect(verdict.issues).toEqual([expect.objectContaining({ code: "too-deep", severity: "error" })])
    expect(verdict.issues[0].message).toContain("nested 3000 deep")
  })
})
