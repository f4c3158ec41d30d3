import { findingsOf, relevanceContract } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import plugin, { workflow } from "../src/index.ts"
import { order } from "./clean-diagram.ts"

const expenses = (withReimburse: boolean) =>
  [
    "flowchart TD",
    "  start([Start]) --> submit[Submit expense]",
    "  submit --> check[Check receipt]",
    "  check --> valid{Receipt valid?}",
    "  valid -->|Yes| approve[Approve]",
    "  valid -->|No| rejected([Rejected])",
    ...(withReimburse ? ["  approve --> pay[Reimburse]", "  pay --> done([Done])"] : ["  approve --> done([Done])"])
  ].join("\n")

const returns = (comment = "") =>
  `flowchart TD\n${comment}  start([Start]) --> scan[Scan returned book]\n  scan --> late{Overdue?}\n  late -->|Yes| fine[Charge late fee]\n  late -->|No| shelve[Reshelve book]\n  fine -->|submit expense, approve, reimburse| shelve\n  shelve --> done([Done])`

relevanceContract(workflow, {
  request: "An expense approval workflow with the steps submit expense, check receipt, approve and reimburse.",
  variants: [
    "expense approval: SubmitExpense, check_receipt, APPROVE, Reimburse",
    "a workflow including `submit-expense`, `CheckReceipts`, approve and reimburse",
    "Draw the expense process (submit expenses, Check Receipt, approve, REIMBURSE) as a Mermaid flowchart."
  ],
  onTopic: expenses(true),
  offTopic: returns(),
  partial: { content: expenses(false), missing: ["reimburse"] },
  inComments: returns("  %% submit expense, check receipt, approve and reimburse happen in finance\n"),
  nameless: "Draw an expense approval process as a Mermaid flowchart with a start, decisions and an end.",
  foreign: {
    request: "Flujo de aprobación de gastos: enviar gasto, revisar recibo, aprobar.",
    copied: "flowchart TD\n  start([Inicio]) --> a[Enviar gasto]\n  a --> b[Revisar recibo]\n  b --> c{¿Válido?}\n  c -->|Sí| d[Aprobar]\n  c -->|No| e([Fin])\n  d --> e"
  }
})

describe("workflow relevance: the process a request names", () => {
  const request = 'Draw the "Approve expense" process as a Mermaid flowchart with a start, decisions and an end.'
  it("finds it among the steps", () => {
    const approves = "flowchart TD\n  start([Start]) --> a[Review expense]\n  a --> ok{Within budget?}\n  ok -->|Yes| b[Approve the expense]\n  ok -->|No| done([Done])\n  b --> done"
    expect(workflow.validate(approves, { request }).issues).toEqual([])
  })
  it("fails the flow of another process, since the request names nothing else", () => {
    const result = workflow.validate(returns(), { request })
    expect(result.passed).toBe(false)
    expect(result.issues.map((issue) => issue.code)).toEqual(["off-topic"])
  })
})

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

  it("knows every end of a process: one named by its word and each terminal with no way out", () => {
    const result = workflow.validate("flowchart TD\n  start([Start]) --> pay[Take the payment]\n  pay --> ok{Paid?}\n  ok -->|Yes| done([Done])\n  ok -->|No| declined([Payment declined])")
    expect(result.issues.map((i) => i.code)).toEqual([])
    const deadEnd = workflow.validate("flowchart TD\n  start([Start]) --> pay[Take the payment]\n  pay --> ok{Paid?}\n  ok -->|Yes| done([Done])\n  ok -->|No| retry[Ask again]")
    expect(deadEnd.issues.map((i) => i.code)).toEqual(["dead-end"])
  })

  it("does not take a step whose label begins with Start for the start: it has a way in", () => {
    const result = workflow.validate(
      "flowchart TD\n  begin((Run payroll)) --> close[Close the month]\n  close --> run[Start the payroll run]\n  run --> ok{Data complete?}\n  ok -->|Yes| pay[Pay the staff]\n  ok -->|No| fix[Fix the records]\n  fix --> run\n  pay --> done([Payroll paid])"
    )
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

describe("workflow scorer details", () => {
  const findings = (content: string, code: string) => findingsOf(workflow, content, code)

  it("names each decision's problem: a branch without a label, or fewer than two ways out", () => {
    const paid = order().replace("ship --> done([Done])", "ship --> paid{Paid?}\n  paid --> done([Done])\n  paid -->|no| refund")
    expect(findings(paid, "unlabeled-branch")).toEqual([["Decision Paid? has a branch without a label.", 5]])
    const single = order().replace("ship --> done([Done])", "ship --> paid{Paid?}\n  paid -->|yes| done([Done])")
    expect(findings(single, "single-branch-decision")).toEqual([["Decision Paid? has 1 way(s) out; a decision needs two or more.", 5]])
    // a branch labelled with spaces only is unlabelled
    expect(findings(paid.replace("paid --> done", "paid -->| | done"), "unlabeled-branch")).toEqual([["Decision Paid? has a branch without a label.", 5]])
  })

  it("knows a plain step as the start by a word of its label; says what a workflow without a start or a decision lacks", () => {
    const step = ["flowchart TD", "  first[Start here] --> check{Stock?}", "  check -->|yes| ship[Ship order]", "  check -->|no| refund[Refund]", "  ship --> done([Done])", "  refund --> done"].join("\n")
    expect(workflow.validate(step).issues).toEqual([])
    expect(findings(step.replace("Start here", "Receive order"), "no-start-node")).toEqual([["The workflow has no start node: add one such as `start([Start])`.", 1]])
    expect(findings(order().replaceAll("check{Stock?}", "check[Check stock]"), "no-decision")).toEqual([
      ["The workflow has no decision: add a diamond such as `ok{Approved?}` with labelled branches.", 1]
    ])
  })

  it("reads a start or end shape as the start or end only where the flow passes through it", () => {
    // a circle with a way in and none out is no start; a double circle with a way out and none in is no end
    const sink = ["flowchart TD", "  receive[Receive order] --> check{Stock?}", "  check -->|yes| ship[Ship order]", "  check -->|no| refund[Refund]", "  ship --> done([Done])", "  refund --> hub((Hub))"].join("\n")
    expect(findings(sink, "no-start-node")).toEqual([["The workflow has no start node: add one such as `start([Start])`.", 1]])
    const source = ["flowchart TD", "  hub(((Hub))) --> check{Stock?}", "  check -->|yes| ship[Ship order]", "  check -->|no| refund[Refund]"].join("\n")
    expect(findings(source, "no-end-node")).toEqual([["The workflow has no end node: add one such as `done([Done])`.", 1]])
  })

  it("needs a decision with two or more branches: one labelled branch is not enough", () => {
    const single = ["flowchart TD", "  start([Start]) --> check{Stock?}", "  check -->|yes| ship[Ship order]", "  ship --> done([Done])"].join("\n")
    expect(findings(single, "unlabeled-decision")).toEqual([
      ["No decision has two or more outgoing edges that are all labelled (e.g. `ok -->|Yes| next` and `ok -->|No| other`).", 2]
    ])
  })

  it("enters a subgraph nested in the one an edge enters, and leaves an inner subgraph through the outer one's edges", () => {
    expect(findings(order("  ship --> outer", "  subgraph outer [Packing]", "    subgraph inner [Boxing]", "      box[Box items] --> seal[Seal box]", "    end", "  end"), "unreachable-node")).toEqual([])
    const through = [
      "flowchart TD",
      "  start([Start]) --> check{Stock?}",
      "  check -->|yes| pack",
      "  check -->|no| refund[Refund]",
      "  subgraph outer [Fulfilment]",
      "    subgraph pack [Packing]",
      "      box[Box items] --> seal[Seal box]",
      "    end",
      "  end",
      "  outer --> ship[Ship order]",
      "  ship --> done([Done])",
      "  refund --> done"
    ].join("\n")
    expect(workflow.validate(through).issues).toEqual([])
    // an empty subgraph an edge enters is left through its own edges
    const empty = order().replace("refund --> done", "refund --> later\n  subgraph later [Later]\n  end\n  later --> archive[Archive order]\n  archive --> done")
    expect(findings(empty, "unreachable-node")).toEqual([])
  })

  it("points an unlabelled decision at the first decision's line", () => {
    expect(findings(order().replace("check -->|yes| ship", "check --> ship"), "unlabeled-decision")).toEqual([
      ["No decision has two or more outgoing edges that are all labelled (e.g. `ok -->|Yes| next` and `ok -->|No| other`).", 2]
    ])
  })

  it("leaves a subgraph through its own edges once a member is reached, and enters nested subgraphs", () => {
    const phases = [
      "flowchart TD",
      "  start([Start]) --> a",
      "  subgraph outer [Outer]",
      "    a[One]",
      "    subgraph inner [Inner]",
      "      b[Two]",
      "    end",
      "  end",
      "  outer --> check{Ok?}",
      "  check -->|Yes| done([Done])",
      "  check -->|No| inner"
    ].join("\n")
    expect(findings(phases, "unreachable-node")).toEqual([])
    // Two has no edge of its own: the flow leaves it through the subgraphs around it
    expect(findings(phases, "dead-end")).toEqual([])
    expect(findings(phases.replace("  outer --> check{Ok?}", "  a --> check{Ok?}"), "dead-end")).toEqual([["Step Two leads nowhere and is not an end node.", 6]])
    expect(findings(phases.replace("  check -->|No| inner", "  check -->|No| a"), "unreachable-node")).toEqual([["Step Two cannot be reached from the start.", 6]])
  })

  it("names a step that leads nowhere, and one that cannot be reached", () => {
    expect(findings(order("  ship --> notify[Notify customer]"), "dead-end")).toEqual([["Step Notify customer leads nowhere and is not an end node.", 7]])
    expect(findings(order("  audit[Audit] --> done"), "unreachable-node")).toEqual([["Step Audit cannot be reached from the start.", 7]])
  })

  it("finds an edge drawn twice at each repeat's line, whatever its label's case; the way back is another edge", () => {
    expect(findings(order("  check -->|Yes| ship", "  check -->|YES | ship"), "duplicate-edge")).toEqual([
      ["The edge check → ship is drawn twice.", 7],
      ["The edge check → ship is drawn twice.", 8]
    ])
    expect(findings(order("  done --> refund"), "duplicate-edge")).toEqual([])
  })

  it("takes a terminal for a start only with a way out, for an end only with a way in", () => {
    const archive = "flowchart TD\n  a((Order in)) --> w[Work]\n  w --> q{Ok?}\n  q -->|Yes| z(((Shipped)))\n  q -->|No| w\n  x([Archive])"
    expect(findings(archive, "unreachable-node")).toEqual([["Step Archive cannot be reached from the start.", 6]])
    expect(findings(archive, "dead-end")).toEqual([["Step Archive leads nowhere and is not an end node.", 6]])
  })

  it("takes a step named Start that has a way in for no start", () => {
    const packing = "flowchart TD\n  a((Order in)) --> s[Start packing]\n  s --> q{Packed?}\n  q -->|Yes| z(((Shipped)))\n  q -->|No| s"
    expect(workflow.validate(packing).issues).toEqual([])
  })

  it("knows the ends of a loop that runs through both terminals by their shapes", () => {
    const loop = "flowchart TD\n  a((Order in)) --> w[Work]\n  w --> q{Ok?}\n  q -->|Yes| z(((Shipped)))\n  q -->|No| w\n  z --> a"
    expect(workflow.validate(loop).issues).toEqual([])
    expect(findings(loop.replace("z(((Shipped)))", "z[Shipped]"), "no-end-node")).toEqual([["The workflow has no end node: add one such as `done([Done])`.", 1]])
  })

  it("names a placeholder step by its id", () => {
    expect(findings(order().replaceAll("refund", "B").replace("B[Refund]", "B"), "unlabeled-node")).toEqual([["Step B has neither a label nor a descriptive id.", 4]])
  })
})
