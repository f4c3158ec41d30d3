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

  // every terminal form the plugin documents, with ids and labels that hold no start/end word
  const TERMINALS: ReadonlyArray<readonly [string, (id: string, label: string) => string]> = [
    ["stadium ([…])", (id, label) => `${id}([${label}])`],
    ["circle ((…))", (id, label) => `${id}((${label}))`],
    ["double circle (((…)))", (id, label) => `${id}(((${label})))`],
    ...["stadium", "terminal", "pill", "circle", "circ", "sm-circ", "small-circle", "start", "dbl-circ", "double-circle", "fr-circ", "framed-circle", "stop"].map(
      (shape) => [`@{ shape: ${shape} }`, (id: string, label: string) => `${id}@{ shape: ${shape}, label: "${label}" }`] as const
    )
  ]
  const flow = (first: string, last: string) => `flowchart TD\n  ${first}\n  a --> w[Work]\n  w --> q{Ok?}\n  q -->|Yes| z\n  q -->|No| w\n  ${last}\n`

  it.each(TERMINALS)("knows a start drawn as %s with no incoming edge", (_, draw) => {
    const result = workflow.validate(flow(draw("a", "Order in"), "z([Shipped])"))
    expect(result.issues.map((i) => i.code)).toEqual([])
    expect(result.passed).toBe(true)
  })

  it.each(TERMINALS)("knows an end drawn as %s with no outgoing edge", (_, draw) => {
    const result = workflow.validate(flow("a([Order in])", draw("z", "Shipped")))
    expect(result.issues.map((i) => i.code)).toEqual([])
    expect(result.passed).toBe(true)
  })

  it("takes a Start-shaped circle that the flow loops back to as the start, and a plain step as no start", () => {
    const loop = workflow.validate("flowchart TD\n  a((Order in)) --> w[Work]\n  w --> q{Ok?}\n  q -->|Yes| z(((Shipped)))\n  q -->|No| a\n")
    expect(loop.passed).toBe(true)
    const none = workflow.validate("flowchart TD\n  a[Order in] --> w[Work]\n  w --> q{Ok?}\n  q -->|Yes| z(((Shipped)))\n  q -->|No| a\n")
    expect(none.issues.map((i) => i.code)).toContain("no-start-node")
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
