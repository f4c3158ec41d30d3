import { findingsOf, relevanceContract } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import plugin, { sequence } from "../src/index.ts"

const checkout = (withWarehouse: boolean) =>
  [
    "sequenceDiagram",
    "  actor customer as Customer",
    "  participant shop as Web Shop",
    "  participant psp as Payment Provider",
    ...(withWarehouse ? ["  participant wh as Warehouse"] : []),
    "  customer->>shop: place order",
    "  shop->>psp: charge card",
    "  psp-->>shop: payment confirmed",
    ...(withWarehouse ? ["  shop->>wh: reserve stock", "  wh-->>shop: reserved"] : []),
    "  shop-->>customer: order confirmed"
  ].join("\n")

const library = (note = "") =>
  `sequenceDiagram\n  %% the customer, the web shop, the payment provider and the warehouse are elsewhere\n  actor member as Member\n  participant catalogue as Catalogue\n  participant loans as Loan Service\n  member->>catalogue: search title\n  catalogue-->>member: copies available\n  member->>loans: borrow copy\n${note}  loans-->>member: due date`

relevanceContract(sequence, {
  request: "A sequence diagram for checkout with the customer, the web shop, the payment provider and the warehouse.",
  variants: [
    "checkout: Customers, WebShop, payment_provider, WAREHOUSE",
    "a sequence including `web-shop`, `PaymentProviders`, customer and warehouses",
    "checkout between `CUSTOMER`, `Web_Shop`, `payment-provider` and `Warehouse`"
  ],
  onTopic: checkout(true),
  offTopic: library(),
  partial: { content: checkout(false), missing: ["warehouse"] },
  inComments: library("  Note over member,loans: customer, web shop, payment provider and warehouse are not involved\n"),
  nameless: "Show the message flow of a checkout in a Mermaid sequence diagram.",
  foreign: {
    request: "Diagrama de secuencia del pago: cliente, tienda, banco.",
    copied: "sequenceDiagram\n  actor Cliente\n  participant Tienda\n  participant Banco\n  Cliente->>Tienda: paga\n  Tienda->>Banco: cobra\n  Banco-->>Tienda: ok"
  }
})

describe("sequence relevance: the interaction a request names", () => {
  const request = 'Draw a Mermaid sequence diagram of how "Settle invoice" works in a hotel.'
  it("finds it among the messages, not the participants", () => {
    const settles = "sequenceDiagram\n  actor guest as Guest\n  participant desk as Front Desk\n  guest->>desk: settle the invoice\n  desk-->>guest: invoice settled"
    expect(sequence.validate(settles, { request }).issues).toEqual([])
  })
  it("fails a diagram of another interaction, since the request names nothing else", () => {
    const books = "sequenceDiagram\n  actor guest as Guest\n  participant desk as Front Desk\n  guest->>desk: book a room\n  desk-->>guest: booking confirmed"
    const result = sequence.validate(books, { request })
    expect(result.passed).toBe(false)
    expect(result.issues.map((issue) => issue.code)).toEqual(["off-topic"])
    expect(result.issues[0].message).toContain('"Settle invoice"')
  })
})

describe("sequence plugin", () => {
  it("counts implicit participants and not notes", () => {
    const result = sequence.validate("sequenceDiagram\n  Note over Web: start\n  Web->>API: one\n  API-->>Web: two")
    expect(result.passed).toBe(true)
    expect(result.score).toBe(100)
  })
})

describe("sequence scorer details", () => {
  const findings = (content: string, code: string) => findingsOf(sequence, content, code)

  it("a diagram with no messages at all is too short, not full of unused participants", () => {
    const result = sequence.validate("sequenceDiagram\n  participant Customer\n  participant Shop\n  Note over Customer,Shop: nothing yet")
    expect(result.issues.map((issue) => issue.code)).toEqual(["too-few-messages"])
  })

  it("each finding says what is wrong and where, in words a repair prompt can use; an empty block is found by every word of its label", () => {
    expect(findings("sequenceDiagram\n  Customer->>Customer: think\n  Customer->>Customer: decide", "too-few-participants")).toEqual([["A sequence diagram needs at least 2 participants; this one has 1.", 1]])
    expect(findings("sequenceDiagram\n  Customer->>Shop: order", "too-few-messages")).toEqual([["A sequence diagram needs at least 2 messages (notes do not count); this one has 1.", 1]])
    const talk = "  Customer->>Shop: order\n  Shop-->>Customer: total"
    expect(findings(`sequenceDiagram\n  participant Customer\n  participant Shop\n  participant Bank as Central Bank\n${talk}`, "unused-participant")).toEqual([["Participant Central Bank sends and receives nothing.", 4]])
    expect(findings(`sequenceDiagram\n${talk}\n  loop every hour\n    Shop->>Customer: ping\n  end\n  loop every minute\n  end`, "empty-block")).toEqual([['The loop block "every minute" holds no message.', 7]])
    expect(findings(`sequenceDiagram\n${talk}\n  activate Shop`, "open-activation")).toEqual([["Shop is activated 1 time(s) more than it is deactivated.", 2]])
    expect(findings("sequenceDiagram\n  Customer->>A: order\n  A-->>Customer: total", "placeholder-name")).toEqual([['Participant "A" says nothing about who it is; give it a name or an alias.', 2]])
    expect(findings("sequenceDiagram\n  participant A as Accounting\n  Customer->>A: order\n  A-->>Customer: total", "placeholder-name")).toEqual([])
  })

  it("gives each empty message between the same two its own line, below the header only", () => {
    const content = ["%% Customer->>Shop: (an example in a comment)", "%% Customer->>Shop:", "sequenceDiagram", "  Customer->>Shop:", "  Shop-->>Customer: total", "  Customer->>Shop: ", "  Shop->>Bank:"].join("\n")
    expect(findings(content, "empty-message")).toEqual([
      ["The message Customer → Shop says nothing.", 4],
      ["The message Customer → Shop says nothing.", 6],
      ["The message Shop → Bank says nothing.", 7]
    ])
  })

  it("names the label two participants share", () => {
    expect(findings("sequenceDiagram\n  participant Customer\n  participant Shop\n  participant Store as Shop\n  Customer->>Store: pay\n  Store->>Shop: forward", "duplicate-participant")).toEqual([
      ['Two participants are both called "Shop".', 4]
    ])
  })
})
