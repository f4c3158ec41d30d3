import { relevanceContract } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import plugin, { state } from "../src/index.ts"

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
