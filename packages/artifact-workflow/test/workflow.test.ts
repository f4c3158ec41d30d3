import { artifactContract } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import plugin, { workflow } from "../src/index.ts"

artifactContract(workflow, new URL("./", import.meta.url), plugin)

describe("workflow plugin", () => {
  it("knows start and end nodes by shape alone", () => {
    const result = workflow.validate("flowchart LR\n  a((Go)) --> b[Work]\n  b --> c{Ok?}\n  c -->|y| d(((Stop)))\n  c -->|n| b")
    expect(result.issues.map((i) => i.code)).toEqual([])
    expect(result.passed).toBe(true)
  })

  it("does not mistake words inside other words for start or end", () => {
    const result = workflow.validate("flowchart LR\n  sender[Send email] --> q{Sent?}\n  q -->|yes| pending[Await reply]\n  q -->|no| sender\n  pending --> sender")
    expect(result.issues.map((i) => i.code)).toEqual(expect.arrayContaining(["no-start-node", "no-end-node"]))
  })

  it("enters a subgraph's members through an edge into it, but not a sibling through a member", () => {
    const inside = workflow.validate("flowchart TD\n  start([Start]) --> g\n  subgraph g [Phase]\n    a[One]\n    b[Two]\n  end\n  g --> q{Ok?}\n  q -->|Yes| done([Done])\n  q -->|No| g")
    expect(inside.passed).toBe(true)
    const sibling = workflow.validate("flowchart TD\n  start([Start]) --> a\n  subgraph g [Phase]\n    a[One]\n    b[Two]\n  end\n  g --> q{Ok?}\n  q -->|Yes| done([Done])\n  q -->|No| a")
    expect(sibling.issues.filter((i) => i.code === "unreachable-node").map((i) => i.message)).toEqual(["Step Two cannot be reached from the start."])
  })
})
