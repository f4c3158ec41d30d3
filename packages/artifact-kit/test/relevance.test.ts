import { describe, expect, it } from "vitest"
import { readsAsEnglish, relevanceIssues, requestedNames, scoreRelevance, scoreSheet, type ArtifactNames } from "../src/index.ts"

const read = (request: string) => requestedNames(request).map((name) => (name.kind === "action" ? `!${name.text}` : name.text))

describe("requestedNames", () => {
  it.each([
    ["a clinic: patients, doctors, appointments", ["patients", "doctors", "appointments"]],
    ["An ERD for a shop with customers, orders and order lines.", ["customers", "orders", "order lines"]],
    ["Create a Mermaid ER diagram of a freight company, with the entities shipment, route, their attributes, keys and relationships.", ["shipment", "route"]],
    ["Give me an erDiagram for a ticketing platform: entities ticket, order, attendee, with typed attributes and labelled relationships.", ["ticket", "order", "attendee"]],
    ["Design an ERD for a fleet. Cover vehicle, owner, inspection.", ["vehicle", "owner", "inspection"]],
    ["Draw the database schema (product, work order, bill of materials) as a Mermaid erDiagram.", ["product", "work order", "bill of materials"]],
    ["Model the tables customer, meter reading, tariff for an electricity utility as an ERD.", ["customer", "meter reading", "tariff"]],
    ["Draw a UML class diagram of the WorkOrder, Machine classes used by a factory.", ["WorkOrder", "Machine"]],
    ["a class diagram including `OrderService`, `PaymentGateway` and 'Ledger'", ["OrderService", "PaymentGateway", "Ledger"]],
    ["an architecture with an API gateway, an auth service and an orders database", ["API gateway", "auth", "orders"]],
    ["such as “Invoice” and «Receipt»", ["Invoice", "Receipt"]],
    ["an ERD, e.g. Customer, Order", ["Customer", "Order"]]
  ])("reads %j", (request, names) => {
    expect(read(request)).toEqual(names)
  })

  it.each([
    "an ERD for a small shop",
    "Sketch the core data model for a mobile network operator as a Mermaid entity-relationship diagram.",
    "Create an architecture diagram (Mermaid flowchart) for a library: clients, services, data stores and outside systems, microservices style.",
    "Create a stateDiagram-v2 for the states a user goes through in a social network, with the events that move it.",
    "Create a workflow diagram for a law firm: how staff file with court, including the checks and what happens when they fail.",
    "Model the core classes of a portal in UML as a Mermaid class diagram, with visibility and types.",
    "Design a serverless architecture for a gym and present it as a Mermaid flowchart with labelled connections.",
    "Map the process as a Mermaid flowchart with labelled yes/no branches.",
    "Answer with one Mermaid `erDiagram` diagram in a ```mermaid code block.",
    "",
    "   "
  ])("finds no name in %j", (request) => {
    expect(read(request)).toEqual([])
  })

  it("reads a quoted process or interaction as the action the request is about", () => {
    expect(read('Draw a Mermaid sequence diagram of how "Settle invoice" works in a hotel.')).toEqual(["!Settle invoice"])
    expect(read('Create a sequenceDiagram for the "Board passenger" use case of an airline, including the failure path.')).toEqual(["!Board passenger"])
    expect(read('Document the interaction "Send pickup text" in a pharmacy with participants and messages.')).toEqual(["!Send pickup text"])
    expect(read('Draw the "Scan content" process of a social network as a Mermaid flowchart.')).toEqual(["!Scan content"])
    expect(read("Give me a process flow (Mermaid flowchart) for: Issue policy. Show the start, each step, every decision, and the end.")).toEqual(["!Issue policy"])
  })

  it("does not take the name of the whole thing for a part: a quoted system, app or lifecycle", () => {
    expect(read('an ERD for the "Acme Clinic" system: patients, doctors')).toEqual(["patients", "doctors"])
    expect(read('the "Order" lifecycle as a state diagram')).toEqual([])
  })

  it("takes a cue word capitalised inside a sentence for part of a name, not a cue", () => {
    expect(read("Orbit Cover is an insurance company. Write its API: claims, policies")).toEqual(["claims", "policies"])
    expect(read("Covering claims and policies.")).toEqual(["claims", "policies"])
  })

  it("keeps the request's order and counts one name once, however it is spelled", () => {
    expect(read("`LineItem` first; then: line items, LINE_ITEMS, order, Orders")).toEqual(["LineItem", "order"])
  })

  it("ignores code the request quotes in a fence", () => {
    expect(read("Fix this diagram:\n```mermaid\nerDiagram\n  A: b, c, d\n```\nwith the entities book and loan")).toEqual(["book", "loan"])
  })

  it("reads lists after a colon, in parentheses and in quotes in any language", () => {
    expect(read("Un diagrama ER para una clínica: pacientes, médicos y citas.")).toEqual(["pacientes", "médicos", "citas"])
    expect(read("诊所：患者、医生、预约")).toEqual(["患者", "医生", "预约"])
    expect(read("eine Klinik (Patienten, Ärzte, Termine) mit „Rechnung“")).toEqual(["Patienten", "Ärzte", "Termine", "Rechnung"])
  })

  it("stays bounded on a long request", () => {
    const request = `an ERD with ${Array.from({ length: 500 }, (_, i) => `entity${i}x`).join(", ")}`
    expect(requestedNames(request).length).toBe(40)
  })
})

describe("readsAsEnglish", () => {
  it.each([
    ["a clinic: patients, doctors, appointments", true],
    ["Draw an ERD for the library with books", true],
    ["Un diagrama ER para una clínica: pacientes, médicos y citas.", false],
    ["une clinique avec des patients et des médecins", false],
    ["eine Klinik: Patienten, Ärzte, Termine", false],
    ["诊所：患者、医生、预约", false]
  ])("%j → %s", (request, english) => {
    expect(readsAsEnglish(request)).toBe(english)
  })
})

describe("relevanceIssues", () => {
  const clinic: ArtifactNames = { noun: "entities", names: ["PATIENT", "DOCTOR", "APPOINTMENT", "LAB_RESULT", "patient_id"] }
  const library: ArtifactNames = { noun: "entities", names: ["BOOK", "MEMBER", "LOAN"] }
  const codes = (request: string, artifact: ArtifactNames) => relevanceIssues(request, artifact).map((issue) => `${issue.code}:${issue.severity}`)

  it("says nothing when every requested name is there, in any spelling", () => {
    for (const request of [
      "clinic: patients, doctors, appointments, lab results",
      "clinic: Patient, DOCTORS, appointment, LabResults",
      "clinic: patient, doctor, appointment, lab-result",
      "clinic: patient, doctor, appointment, labresult"
    ]) {
      expect(relevanceIssues(request, clinic)).toEqual([])
    }
  })

  it("finds a name inside a longer one, word by word, never inside a word", () => {
    expect(relevanceIssues("shop: orders, lines", { noun: "entities", names: ["ORDER_LINE"] })).toEqual([])
    expect(codes("shop: orders, lines", { noun: "entities", names: ["ORDERLINES"] })).toEqual(["off-topic:error"])
  })

  it("fails below half present, warns per missing name at half or more", () => {
    expect(codes("clinic: patients, doctors, nurses, wards", clinic)).toEqual(["missing-name:warning", "missing-name:warning"])
    expect(codes("clinic: patients, nurses, wards", clinic)).toEqual(["off-topic:error"])
    expect(codes("clinic: nurses", clinic)).toEqual(["off-topic:error"])
    const [offTopic] = relevanceIssues("clinic: patients, doctors, appointments", library)
    expect(offTopic.message).toContain('"patients", "doctors", "appointments"')
    expect(offTopic.message).toContain("none of them is among the entities")
    const [alone] = relevanceIssues("clinic: nurses", clinic)
    expect(alone.message).toBe('The answer is off topic: the request asks for "nurses", and it is not among the entities — add it, named as the request names it.')
  })

  it("says nothing without a request, or for one that names nothing", () => {
    expect(relevanceIssues(undefined, library)).toEqual([])
    expect(relevanceIssues("", library)).toEqual([])
    expect(relevanceIssues("an ERD for a small clinic", library)).toEqual([])
  })

  it("never fails a request it cannot read: missing names are info, copied names match", () => {
    expect(codes("Un diagrama ER para una clínica: pacientes, médicos y citas.", library)).toEqual(["missing-name:info", "missing-name:info", "missing-name:info"])
    expect(relevanceIssues("Un diagrama ER para una clínica: pacientes, médicos y citas.", { noun: "entities", names: ["PACIENTE", "MÉDICO", "CITA"] })).toEqual([])
    expect(relevanceIssues("诊所：患者、医生、预约", { noun: "entities", names: ["患者", "医生", "预约"] })).toEqual([])
  })

  it("looks for a requested action among the steps, and counts it only when nothing else is named", () => {
    const steps = { noun: "participants", names: ["Guest", "Front Desk"], steps: { noun: "messages", texts: ["settled the invoice", "booking confirmed"] } }
    expect(relevanceIssues('how "Settle invoice" works', steps)).toEqual([])
    expect(codes('how "Pay deposit" works', steps)).toEqual(["off-topic:error"])
    expect(codes('how "Pay deposit" works with the guest and the front desk', steps)).toEqual(["missing-name:warning"])
    // an artifact without steps has nowhere to show an action: nothing to check
    expect(relevanceIssues('how "Pay deposit" works', library)).toEqual([])
  })

  it("never throws on odd input", () => {
    const odd = [null, 42, {}, "\u0000\uffff", "(((((((", "```", "`".repeat(1000), ":".repeat(5000), "a, ".repeat(20000)] as unknown as string[]
    for (const request of odd) {
      expect(() => relevanceIssues(request, clinic)).not.toThrow()
      expect(() => requestedNames(request)).not.toThrow()
    }
  })
})

describe("scoreRelevance", () => {
  it("fails an off-topic answer and costs points per missing name, capped", () => {
    const offTopic = scoreSheet()
    scoreRelevance(offTopic, "clinic: patients, doctors", { noun: "entities", names: ["BOOK"] })
    expect(offTopic.result().issues.map((issue) => issue.severity)).toEqual(["error"])
    const partial = scoreSheet()
    const names = ["apple", "pear", "plum", "fig", "kiwi", "lime", "lemon", "mango", "melon", "grape", "cherry", "peach"]
    scoreRelevance(partial, `shop: ${names.join(", ")}`, { noun: "entities", names: names.slice(0, 6) })
    expect(partial.result().issues).toHaveLength(6)
    expect(partial.result().score).toBe(88)
  })
})

describe("the README's relevance example", () => {
  it("runs as written and prints what its comments say", async () => {
    const { execFile } = await import("node:child_process")
    const { readFileSync, rmSync, writeFileSync } = await import("node:fs")
    const { promisify } = await import("node:util")
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")
    const code = /## Relevance[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(code).toBeDefined()
    const file = new URL(`./.readme-relevance-${process.pid}.ts`, import.meta.url)
    writeFileSync(file, code!)
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [file.pathname])
      expect(stdout.trim().split("\n")).toEqual(["[ 'patients', 'doctors', 'appointments' ]", "[ 'off-topic' ]", "[]"])
    } finally {
      rmSync(file, { force: true })
    }
  })
})

describe("reading English that shares words with other languages", () => {
  it.each(["construction: request inspections, pour foundation, inspect site", "An ER diagram with member, loan", "cost per unit: price, tax, discount"])(
    "%j reads as English",
    (request) => expect(readsAsEnglish(request)).toBe(true)
  )
})
