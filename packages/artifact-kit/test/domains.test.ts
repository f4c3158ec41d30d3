import { describe, expect, it } from "vitest"
import {
  DOMAINS,
  DOMAIN_IDS,
  article,
  createRng,
  defineDomain,
  domain,
  pluralPhrase,
  enumerate,
  gerund,
  lowerFirst,
  methodName,
  partyKind,
  processPart,
  processSteps,
  relationSentence,
  requestedNames,
  snakeCase,
  titleCase,
  writeRequest,
  type DomainSource
} from "../src/index.ts"

describe("the domains", () => {
  it("are 20+ small models, each rich enough for every generator", () => {
    expect(DOMAINS.length).toBeGreaterThanOrEqual(20)
    expect(new Set(DOMAIN_IDS).size).toBe(DOMAINS.length)
    for (const d of DOMAINS) {
      expect(d.entities.length, d.id).toBeGreaterThanOrEqual(8)
      expect(d.relations.length, d.id).toBeGreaterThanOrEqual(7)
      expect(d.lifecycles.length, d.id).toBeGreaterThanOrEqual(2)
      expect(d.services.length, d.id).toBeGreaterThanOrEqual(3)
      expect(d.apps.length, d.id).toBeGreaterThanOrEqual(2)
      expect(d.processes.length, d.id).toBeGreaterThanOrEqual(2)
      expect(d.activities.length, d.id).toBeGreaterThanOrEqual(8)
      expect(d.checks.length, d.id).toBeGreaterThanOrEqual(4)
      for (const lifecycle of d.lifecycles) expect(lifecycle.states).toContain(lifecycle.initial)
      expect(domain(d.id)).toBe(d)
    }
  })

  it("keep an entity's essential attributes first: its key, then what it is about", () => {
    const amount = domain("nonprofit").entities.find((e) => e.name === "Donation")!
    expect(amount.attributes.slice(0, 2).map((a) => a.name)).toEqual(["id", "amount"])
    for (const d of DOMAINS) for (const e of d.entities) expect(e.attributes[0].key, `${d.id}.${e.name}`).toBe("PK")
  })

  it("tell their business in prose that names no list of things", () => {
    for (const d of DOMAINS) expect(requestedNames(d.business), d.id).toEqual([])
  })

  it("are one story: every entity has its service, every process step its declared parties", () => {
    for (const d of DOMAINS) {
      const owned = d.services.flatMap((s) => s.owns)
      expect([...owned].sort(), d.id).toEqual(d.entities.map((e) => e.name).sort())
      for (const step of d.processes.flatMap(processSteps)) {
        expect(partyKind(d, step.by), `${d.id}: ${step.by}`).toBeDefined()
        if (step.to !== undefined) expect(partyKind(d, step.to), `${d.id}: ${step.to}`).toBeDefined()
      }
      for (const lifecycle of d.lifecycles) expect(d.entities.map((e) => e.name)).toContain(lifecycle.entity)
    }
  })

  const source = (changes: Partial<DomainSource> = {}): DomainSource => ({
    title: "a test shop",
    business: "A shopper orders things.",
    entities: { Customer: "id:int:PK name:string", Order: "id:int:PK total:decimal" },
    relations: "Customer 1n Order places",
    lifecycles: ["Order|New|New>Paid:pay New>Cancelled:cancel|Paid Cancelled"],
    roles: "Shopper",
    systems: "Payment Gateway",
    apps: "Shop: Shopper",
    services: { "Order Service": "owns Customer Order; uses Payment Gateway" },
    processes: {
      "Place an order": `
        Shopper -> Shop: Check out
        Shop -> Order Service: Place the order => order number
        Order Service -> Payment Gateway: Charge the card
        ? Payment approved?
        - Order Service -> Shop: Show the error
        - end: Payment declined
        done: Order placed
      `
    },
    ...changes
  })

  it("parse the notation: steps, replies, decisions and their outcomes", () => {
    const d = defineDomain("test", source())
    const [process] = d.processes
    expect(process).toMatchObject({ name: "Place an order", starter: "Shopper", done: "Order placed" })
    expect(process.flow[1]).toEqual({ kind: "step", label: "Place the order", by: "Shop", to: "Order Service", reply: "order number" })
    expect(process.flow[3]).toEqual({
      kind: "decision",
      question: "Payment approved?",
      exception: "no",
      branch: [{ kind: "step", label: "Show the error", by: "Order Service", to: "Shop" }],
      outcome: { kind: "end", label: "Payment declined" }
    })
    expect(d.activities).toEqual(["Check out", "Place the order", "Charge the card", "Show the error"])
    expect(d.checks).toEqual(["Payment approved?"])
  })

  it("tell an event someone does from one that happens on its own (~)", () => {
    const d = defineDomain("test", source({ lifecycles: ["Order|New|New>Paid:pay New>Cancelled:~time_out|Paid Cancelled"] }))
    expect(d.lifecycles[0].transitions).toEqual([
      { from: "New", to: "Paid", event: "pay", command: true },
      { from: "New", to: "Cancelled", event: "time_out", command: false }
    ])
    expect(() => defineDomain("test", source({ lifecycles: ["Order|New|New>Paid:Pay|Paid"] }))).toThrow(/the event "Pay" is not snake_case/)
    // every domain's lifecycles have something someone does
    for (const domain of DOMAINS) for (const l of domain.lifecycles) expect(l.transitions.some((t) => t.command), `${domain.id} ${l.entity}`).toBe(true)
  })

  it("refuse a model that does not hold together, naming what is wrong", () => {
    const broken = (changes: Partial<DomainSource>) => () => defineDomain("test", source(changes))
    expect(broken({ relations: "Customer 1n Invoice places" })).toThrow(/names an unknown entity/)
    expect(broken({ lifecycles: ["Order|New|New>Paid:pay Lost>Paid:find|Paid"] })).toThrow(/Lost cannot be reached/)
    expect(broken({ services: { "Order Service": "owns Order; uses Payment Gateway" } })).toThrow(/no service owns Customer/)
    expect(broken({ apps: "Shop: Clerk" })).toThrow(/"Clerk", who is no role/)
    expect(broken({ services: { "Order Service": "owns Customer Order" } })).toThrow(/is not a message these two exchange|no service uses/)
    const process = source().processes["Place an order"]
    expect(broken({ processes: { x: process.replace("- end: Payment declined", "- retry: Pay twice") } })).toThrow(/retries "Pay twice", which is no earlier step/)
    expect(broken({ processes: { x: process.replace("Shopper -> Shop", "Shopper -> Order Service") } })).toThrow(/is not a message these two exchange/)
    expect(broken({ processes: { x: process.replace("done: Order placed", "") } })).toThrow(/has no "done:" line/)
  })
})

describe("views of a process", () => {
  it("a part starts on a step, holds a decision, and keeps every step a retry goes back to", () => {
    const rng = createRng(3)
    for (const d of DOMAINS) {
      for (const process of d.processes) {
        for (let i = 0; i < 5; i++) {
          const part = processPart(rng, process, { wholeShare: 0, toEnd: i % 2 === 0 })
          expect(part.flow[0].kind).toBe("step")
          expect(part.flow.some((item) => item.kind === "decision")).toBe(true)
          if (i % 2 === 0) expect(part.toEnd).toBe(true)
          const labels = part.flow.flatMap((item) => (item.kind === "step" ? [item.label] : []))
          for (const item of part.flow) if (item.kind === "decision" && item.outcome.kind === "retry") expect(labels).toContain(item.outcome.step)
        }
      }
    }
  })
})

describe("wording", () => {
  it("turns names and steps into the words requests use", () => {
    expect(snakeCase("OrderLine")).toBe("order_line")
    expect(titleCase("order_line")).toBe("Order Line")
    expect(pluralPhrase("OrderLine")).toBe("order lines")
    expect(pluralPhrase("BillOfMaterials")).toBe("bill of materials")
    expect(gerund("Place an order")).toBe("placing an order")
    expect(gerund("Ship an order")).toBe("shipping an order")
    expect(gerund("Admit a patient")).toBe("admitting a patient")
    expect(["order", "user", "unit", "euro", "hour", "umbrella", "API", "SIM card", "`OrderStatus`"].map((w) => `${article(w)} ${w}`)).toEqual(["an order", "a user", "a unit", "a euro", "an hour", "an umbrella", "an API", "a SIM card", "an `OrderStatus`"])
    expect(lowerFirst("Yes/No on every branch")).toBe("Yes/No on every branch")
    expect(lowerFirst("Label the branches")).toBe("label the branches")
    expect(methodName("Charge the card")).toBe("chargeCard")
    expect(relationSentence({ from: "Customer", to: "Order", kind: "1n", verb: "places" })).toBe("a customer places orders")
    expect(relationSentence({ from: "Loan", to: "Fine", kind: "01", verb: "incurs" })).toBe("a loan incurs at most one fine")
    const rng = createRng(1)
    for (let i = 0; i < 20; i++) expect(enumerate(rng, ["a", "b", "c"])).toMatch(/^a, b,? (?:and )?c$/)
  })

  it("writes one request in five registers, every detail said", () => {
    const draft = { ask: { terse: "erd for a shop: customers, orders", plain: "Draw an ERD of a shop: customers, orders", polite: "Could you draw an ERD of a shop?" }, context: "A shopper orders things.", details: ["Mark the keys.", "Use PascalCase"] }
    for (const register of ["terse", "plain", "polite", "story", "spec"] as const) {
      const text = writeRequest(createRng(2), draft, register)
      expect(text.toLowerCase(), register).toContain("mark the keys")
      expect(text.toLowerCase(), register).toContain("use pascalcase")
    }
    expect(writeRequest(createRng(2), draft, "story")).toMatch(/^A shopper orders things\./)
    expect(writeRequest(createRng(2), draft, "spec")).toMatch(/\n[-*•] Mark the keys\n[-*•] Use PascalCase$/)
    // a detail that ends in a parenthesis still ends its sentence
    const listed = { ...draft, details: ["Model the statuses as enums (OrderStatus)", "Use PascalCase"] }
    expect(writeRequest(createRng(2), listed, "plain")).toContain("enums (OrderStatus). Use PascalCase.")
  })
})
