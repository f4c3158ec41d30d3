import { findingsOf, relevanceContract } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import plugin, { state } from "../src/index.ts"
import { machine } from "./clean-diagram.ts"

const order = (states: ReadonlyArray<string>) =>
  [
    "stateDiagram-v2",
    "  [*] --> PendingPayment",
    "  PendingPayment --> Paid : pay",
    "  Paid --> Shipped : ship",
    ...(states.includes("Delivered") ? ["  Shipped --> Delivered : hand over", "  Delivered --> [*]"] : ["  Shipped --> [*]"]),
    ...(states.includes("Cancelled") ? ["  PendingPayment --> Cancelled : time out", "  Cancelled --> [*]"] : [])
  ].join("\n")

const loan = (extra = "") =>
  `stateDiagram-v2\n  %% pending payment, paid, shipped, delivered, cancelled belong to orders\n  [*] --> Requested\n  Requested --> OnLoan : lend\n  OnLoan --> Returned : return\n  OnLoan --> Overdue : due date passes\n  Overdue --> Returned : return late\n  Returned --> [*]\n${extra}`

relevanceContract(state, {
  request: "The lifecycle of an order with the states pending payment, paid, shipped, delivered and cancelled.",
  variants: [
    "order states: PENDING_PAYMENT, Paid, shipped, Delivered, cancelled",
    "an order lifecycle including pending-payment, PAID, Shipped, delivered and Cancelled",
    "Draw the order states (PendingPayment, paid, ship-ped, delivered, cancelled) as a state diagram.".replace("ship-ped", "shipped")
  ],
  onTopic: order(["Delivered", "Cancelled"]),
  offTopic: loan(),
  partial: { content: order([]), missing: ["delivered", "cancelled"] },
  inComments: loan("  note right of OnLoan : pending payment, paid, shipped, delivered, cancelled\n  Requested : pending payment or paid\n"),
  nameless: "Draw the lifecycle of an order as a Mermaid state diagram.",
  foreign: {
    request: "Ciclo de vida de un pedido: pendiente, pagado, enviado.",
    copied: "stateDiagram-v2\n  [*] --> Pendiente\n  Pendiente --> Pagado : pagar\n  Pagado --> Enviado : enviar\n  Enviado --> [*]"
  }
})

describe("state plugin", () => {
  it("reaches states inside a composite through its own start, and only through it", () => {
    const reached = state.validate("stateDiagram-v2\n  [*] --> A\n  A --> B : go\n  state B {\n    [*] --> B1\n    B1 --> B2 : next\n    B3 --> B2 : back\n  }\n  B --> [*]")
    expect(reached.issues.filter((i) => i.code === "unreachable-state").map((i) => i.message)).toEqual(["State B3 cannot be reached from the start."])
  })

  it("does not count a start inside a composite as the diagram's start", () => {
    const result = state.validate("stateDiagram-v2\n  state Outer {\n    [*] --> In\n    In --> Out : x\n  }\n  Outer --> Done : y")
    expect(result.issues.map((i) => i.code)).toContain("no-start-transition")
  })
})

describe("state scorer details", () => {
  const findings = (content: string, code: string) => findingsOf(state, content, code)

  it("counts the states and transitions a too small diagram has", () => {
    expect(findings("stateDiagram-v2\n  [*] --> Idle\n  Idle --> [*]", "too-few-states")).toEqual([["A state diagram needs at least 2 states besides [*]; this one has 1.", 1]])
    expect(findings("stateDiagram-v2\n  [*] --> Idle\n  Running", "too-few-transitions")).toEqual([["A state diagram needs at least 2 transitions; this one has 1.", 1]])
    // a choice is no state of the machine
    expect(findings("stateDiagram-v2\n  [*] --> Idle\n  state check <<choice>>\n  Idle --> check : test\n  check --> Idle : [again]\n  check --> [*] : [done]", "too-few-states")).toEqual([
      ["A state diagram needs at least 2 states besides [*]; this one has 1.", 1]
    ])
    expect(findings(machine(), "too-few-states")).toEqual([])
    expect(findings("stateDiagram-v2\n  [*] --> Idle\n  Idle --> Running : go", "too-few-transitions")).toEqual([])
  })

  it("enters a composite without an inner start at every child, and one with a start only there", () => {
    const open = machine("  Running --> Busy : load", "  state Busy {", "    Fetching --> Saving : fetched", "    Saving --> Fetching : again", "  }", "  Busy --> Idle : done")
    expect(findings(open, "unreachable-state")).toEqual([])
    expect(findings(open, "composite-without-start")).toEqual([["Composite state Busy has no inner start (`[*] --> …`).", 7]])
    const started = open.replace("    Fetching --> Saving", "    [*] --> Fetching\n    Fetching --> Saving").replace("    Saving --> Fetching : again", "    Saving --> [*]\n    Retrying --> Saving : retry")
    expect(findings(started, "unreachable-state")).toEqual([["State Retrying cannot be reached from the start.", 11]])
    expect(findings(started, "composite-without-start")).toEqual([])
  })

  it("does not reach inside a composite the flow never enters, even from its own start", () => {
    const never = ["stateDiagram-v2", "  [*] --> Idle", "  Idle --> Running : start", "  Running --> [*]", "  state Archived {", "    [*] --> Sealed", "    Sealed --> [*]", "  }"].join("\n")
    const archived = [
      ["State Archived cannot be reached from the start.", 5],
      ["State Sealed cannot be reached from the start.", 6]
    ]
    expect(findings(never, "unreachable-state")).toEqual(archived)
    // entering another composite enters its own start, not Archived's
    const busy = never.concat("\n  Idle --> Busy : load\n  state Busy {\n    [*] --> Working\n    Working --> [*]\n  }\n  Busy --> Idle : done")
    expect(findings(busy, "unreachable-state")).toEqual(archived)
  })

  it("says nothing about reachability without a start, even with a start inside a composite", () => {
    expect(findings(machine().replace("  [*] --> Idle\n", ""), "unreachable-state")).toEqual([])
    const innerOnly = ["stateDiagram-v2", "  state Busy {", "    [*] --> Working", "    Working --> Done : finish", "  }", "  Done --> [*]"].join("\n")
    expect(findings(innerOnly, "no-start-transition")).toEqual([["The diagram needs a start transition from `[*]`, e.g. `[*] --> Idle`.", 1]])
    expect(findings(innerOnly, "unreachable-state")).toEqual([])
  })

  it("counts a composite as a state beside the states inside it", () => {
    const busy = ["stateDiagram-v2", "  [*] --> Busy", "  state Busy {", "    [*] --> Working", "    Working --> [*]", "  }", "  Busy --> [*]"].join("\n")
    expect(state.validate(busy).issues).toEqual([])
  })

  it("enters a composite without a start at its children only: a state outside it stays unreachable", () => {
    const parked = machine("  Running --> Busy : load", "  state Busy {", "    Fetching --> Saving : fetched", "  }", "  Busy --> Idle : done", "  Parked --> Idle : resume")
    expect(findings(parked, "unreachable-state")).toEqual([["State Parked cannot be reached from the start.", 11]])
  })

  it("reads a transition straight into a composite's inner state as reaching the composite, not its start", () => {
    const direct = machine("  state Busy {", "    [*] --> Working", "    Working --> Paused : wait", "    Paused --> [*]", "  }", "  Idle --> Paused : pause", "  Busy --> Idle : done")
    // ending Busy's inner flow from Paused ends Busy; it does not start it again at Working
    expect(findings(direct, "unreachable-state")).toEqual([["State Working cannot be reached from the start.", 7]])
  })

  it("finds dead ends among plain states only, and names the final transition to add", () => {
    expect(findings(machine("  Running --> Failed : crash"), "dead-end-state")).toEqual([["State Failed has no way out (add a transition, or `Failed --> [*]` if it is final).", 6]])
    // a composite's way out is its inner flow; a choice is judged by its guards
    const composite = machine("  Running --> Busy : load", "  state Busy {", "    [*] --> Fetching", "    Fetching --> [*]", "  }")
    expect(findings(composite, "dead-end-state")).toEqual([])
    expect(findings(machine("  state check <<choice>>", "  Running --> check : test"), "dead-end-state")).toEqual([])
  })

  it("asks a guard of each branch of a choice, not of the transition into it", () => {
    const choice = (branch: string) => ["stateDiagram-v2", "  [*] --> Idle", "  state check <<choice>>", "  Idle --> check", "  check --> Running : [ok]", `  check --> Idle${branch}`, "  Running --> [*] : finish"].join("\n")
    expect(findings(choice(""), "unguarded-choice")).toEqual([["Choice check has a branch without a guard label.", 3]])
    expect(findings(choice(" : [retry]"), "unguarded-choice")).toEqual([])
  })

  it("finds a transition declared twice, at its second line, whatever the label's case; the way back or another label is another transition", () => {
    expect(findings(machine("  Idle --> Running : Start"), "duplicate-transition")).toEqual([["The transition Idle → Running is declared twice.", 6]])
    expect(findings(machine("  Idle --> Running : resume"), "duplicate-transition")).toEqual([])
    expect(findings(machine("  Running --> Idle : stop", "  Running --> Idle : stop"), "duplicate-transition")).toEqual([
      ["The transition Running → Idle is declared twice.", 6],
      ["The transition Running → Idle is declared twice.", 7]
    ])
    // a transition to the final state, and the line of a repeat when a note above names both ends
    expect(findings(machine("  Running --> [*] : finish"), "duplicate-transition")).toEqual([["The transition Running → [*] is declared twice.", 6]])
    expect(findings(machine("  [*] --> Idle"), "duplicate-transition")).toEqual([["The transition [*] → Idle is declared twice.", 6]])
    expect(findings(machine("  note right of Idle : waits for Running", "  Idle --> Running : start"), "duplicate-transition")).toEqual([
      ["The transition Idle → Running is declared twice.", 7]
    ])
    // the same pair in two composites is two transitions
    const twice = machine("  state A {", "    [*] --> Step", "    Step --> Step2 : go", "    Step2 --> [*]", "  }", "  state B {", "    [*] --> Step", "    Step --> Step2 : go", "    Step2 --> [*]", "  }", "  Idle --> A : a", "  Idle --> B : b")
    expect(findings(twice, "duplicate-transition")).toEqual([])
    // the same pair inside a composite is its own transition
    const nested = machine("  Running --> Busy : load", "  state Busy {", "    [*] --> Idle", "    Idle --> Running : start", "    Running --> [*]", "  }")
    expect(findings(nested, "duplicate-transition")).toEqual([])
  })

  it("warns about unlabelled events only when more than half of three or more lack a label", () => {
    const events = (labels: ReadonlyArray<string>) =>
      ["stateDiagram-v2", "  [*] --> A", ...labels.map((label, i) => `  ${"ABCD"[i]} --> ${"ABCD"[i + 1]}${label}`), `  ${"ABCD"[labels.length]} --> [*]`].join("\n")
    expect(findings(events(["", "", " : go"]), "unlabeled-transitions")).toEqual([["2 of 3 transitions name no event; label them (`Idle --> Running : start`).", undefined]])
    expect(findings(events(["", " : go", " : on", ""]), "unlabeled-transitions")).toEqual([])
    expect(findings(events(["", ""]), "unlabeled-transitions")).toEqual([])
    // transitions from [*], to [*] and out of a choice are no events
    const pseudo = ["stateDiagram-v2", "  [*] --> A", "  state c <<choice>>", "  A --> c : test", "  c --> B", "  c --> C", "  B --> A : back", "  C --> [*]", "  B --> [*]"].join("\n")
    expect(findings(pseudo, "unlabeled-transitions")).toEqual([])
  })

  it("needs a final state at the top level: one inside a composite is that composite's end", () => {
    const inner = ["stateDiagram-v2", "  [*] --> Busy", "  state Busy {", "    [*] --> Fetching", "    Fetching --> [*]", "  }", "  Busy --> Idle : done", "  Idle --> Busy : again"].join("\n")
    expect(findings(inner, "no-final-state")).toEqual([["No transition reaches a final state (`… --> [*]`).", undefined]])
    expect(findings(machine(), "no-final-state")).toEqual([])
  })
})
