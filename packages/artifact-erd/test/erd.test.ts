import { findingsOf, relevanceContract } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import plugin, { erd } from "../src/index.ts"
import { shop } from "./clean-diagram.ts"

const clinic = (entities: ReadonlyArray<string>) =>
  [
    "erDiagram",
    "  PATIENT ||--o{ APPOINTMENT : books",
    ...(entities.includes("DOCTOR") ? ["  DOCTOR ||--o{ APPOINTMENT : attends"] : []),
    ...(entities.includes("LAB_RESULT") ? ["  PATIENT ||--o{ LAB_RESULT : has"] : []),
    "  PATIENT {\n    int id PK\n    string full_name\n  }",
    ...(entities.includes("DOCTOR") ? ["  DOCTOR {\n    int id PK\n    string specialty\n  }"] : []),
    "  APPOINTMENT {\n    int id PK\n    int patient_id FK\n    datetime starts_at\n  }",
    ...(entities.includes("LAB_RESULT") ? ["  LAB_RESULT {\n    int id PK\n    int patient_id FK\n    string test_code\n  }"] : [])
  ].join("\n")

const library = (comment = "") =>
  `erDiagram\n${comment}  MEMBER ||--o{ LOAN : borrows\n  BOOK ||--o{ LOAN : "is lent in"\n  MEMBER {\n    int id PK\n    string name "${comment === "" ? "full name" : "not a patient or doctor"}"\n  }\n  BOOK {\n    int id PK\n    string isbn UK\n  }\n  LOAN {\n    int id PK\n    int member_id FK\n    int book_id FK\n    date due_on\n  }`

relevanceContract(erd, {
  request: "An ERD for a clinic: patients, doctors, appointments and lab results.",
  variants: [
    "clinic: PATIENT, Doctor, appointment, LabResult",
    "a clinic data model with patient, doctors, Appointments and lab_results",
    "ERD including `patients`, `DOCTORS`, `appointments` and `lab-result`",
    "Draw the database schema (Patients, Doctors, Appointments, Lab Results) as a Mermaid erDiagram."
  ],
  onTopic: clinic(["DOCTOR", "LAB_RESULT"]),
  offTopic: library(),
  partial: { content: clinic(["LAB_RESULT"]), missing: ["doctors"] },
  inComments: library("  %% patients, doctors, appointments and lab results live in another schema\n"),
  nameless: "An ERD for a small clinic.",
  foreign: {
    request: "Un diagrama ER para una clínica: pacientes, médicos y citas.",
    copied: "erDiagram\n  PACIENTE ||--o{ CITA : reserva\n  MÉDICO ||--o{ CITA : atiende\n  PACIENTE {\n    int id PK\n  }\n  MÉDICO {\n    int id PK\n  }\n  CITA {\n    int id PK\n  }"
  }
})

describe("erd plugin", () => {
  it("does not take a reference to an entity for the entity: doctor_id is no DOCTOR", () => {
    const withoutDoctor = clinic(["LAB_RESULT"]).replace("int patient_id FK\n    datetime starts_at", "int patient_id FK\n    int doctor_id FK\n    string doctorId\n    datetime starts_at")
    const result = erd.validate(withoutDoctor, { request: "An ERD for a clinic: patients, doctors, appointments and lab results." })
    expect(result.issues.filter((issue) => issue.code === "missing-name" || issue.code === "off-topic").map((issue) => [issue.code, issue.message])).toEqual([
      ["missing-name", 'The request asks for "doctors", which is not among the entities.']
    ])
    // an attribute the request asks for by name is there
    expect(erd.validate(clinic([]), { request: "clinic: patients with full_name, appointments with starts_at" }).issues).toEqual([])
  })

  it("ranks sloppier ERDs lower", () => {
    const clean = erd.validate("erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  CUSTOMER {\n    int id PK\n  }\n  ORDER {\n    int id PK\n    int customer_id FK\n  }")
    const sloppy = erd.validate("erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  CUSTOMER {\n    int id\n  }\n  ORDER {\n    int id PK\n    int customer_id FK\n  }\n  INVOICE {\n    int id PK\n  }")
    expect(clean.score).toBe(100)
    expect(sloppy.passed).toBe(true)
    expect(sloppy.score).toBeLessThan(clean.score)
  })
})

describe("erd scorer details", () => {
  const findings = (content: string, code: string) => findingsOf(erd, content, code)

  it("reads a relationship written the other way round, or with its label in other case, as the same one", () => {
    expect(findings(shop("  ORDER }o--|| CUSTOMER : places"), "duplicate-relationship")).toEqual([['The relationship ORDER–CUSTOMER "places" is declared twice.', 11]])
    expect(findings(shop("  CUSTOMER ||--o{ ORDER : Places"), "duplicate-relationship")).toEqual([['The relationship CUSTOMER–ORDER "Places" is declared twice.', 11]])
    // another label between the same two entities, or the same label between two others, is another relationship
    expect(findings(shop("  CUSTOMER ||--o{ ORDER : returns"), "duplicate-relationship")).toEqual([])
    expect(findings(shop("  ORDER ||--|{ LINE_ITEM : places", "  LINE_ITEM {", "    int id PK", "  }"), "duplicate-relationship")).toEqual([])
  })

  it("each finding says what is wrong and where, in words a repair prompt can use", () => {
    const oneWithAttributes = "erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  CUSTOMER {\n    int id PK\n  }"
    expect(findings(oneWithAttributes, "too-few-entities")).toEqual([["An ERD needs at least 2 entities with attributes; this one has 1 (of 2 entities). Declare attributes as `ENTITY { type name PK }`.", 1]])
    expect(findings(shop().replace("  CUSTOMER ||--o{ ORDER : places\n", ""), "no-relationships")).toEqual([["An ERD needs at least one relationship, e.g. `CUSTOMER ||--o{ ORDER : places`.", 1]])
    expect(findings(shop().replace("    int id PK\n    string full_name", "    int id\n    string full_name"), "missing-primary-key")).toEqual([["Entity CUSTOMER has no primary key (PK).", 3]])
    expect(findings(shop("  INVOICE {", "    int id PK", "  }"), "orphan-entity")).toEqual([["Entity INVOICE takes part in no relationship.", 11]])
    expect(findings(shop().replace("    string full_name", "    string full_name\n    string FULL_NAME"), "duplicate-attribute")).toEqual([["Entity CUSTOMER declares attribute FULL_NAME twice.", 3]])
    expect(findings(shop("  ORDER ||--|| ENTITY1 : has", "  ENTITY1 {", "    int id PK", "  }"), "placeholder-name")).toEqual([['Entity name "ENTITY1" says nothing about what it models.', 12]])
  })

  it("counts a blank label as no label, and names the two entities", () => {
    expect(findings(shop('  ORDER ||--|{ LINE_ITEM : " "', "  LINE_ITEM {", "    int id PK", "  }"), "unlabeled-relationship")).toEqual([
      ["The relationship ORDER–LINE_ITEM has an empty label.", 11]
    ])
  })

  it("finds lines below the header only: a comment above it that names the entities is not their line", () => {
    const content = shop('  ORDER ||--|{ LINE_ITEM : ""', "  LINE_ITEM {", "    int id PK", "  }").replace("erDiagram", "%% ORDER and LINE_ITEM, CUSTOMER and ORDER\nerDiagram")
    expect(findings(content, "unlabeled-relationship")).toEqual([["The relationship ORDER–LINE_ITEM has an empty label.", 12]])
    const unattributed = `%% INVOICE\n${shop("  ORDER ||--|| INVOICE : billed_by")}`
    expect(findings(unattributed, "entity-without-attributes")).toEqual([["Entity INVOICE declares no attributes.", 12]])
  })

  it("warns about entity names that mix naming styles, and says which styles", () => {
    expect(findings(shop("  ORDER ||--|{ lineItem : contains", "  lineItem {", "    int id PK", "  }", "  ORDER ||--|| SHIPPING_LABEL : gets", "  SHIPPING_LABEL {", "    int id PK", "  }"), "inconsistent-naming")).toEqual([
      ["Entity names mix naming styles (camel, upper-snake).", undefined]
    ])
    expect(findings(shop("  ORDER ||--|{ LINE_ITEM : contains", "  LINE_ITEM {", "    int id PK", "    int unitPrice", "    int unit_cost", "  }"), "inconsistent-naming")).toEqual([
      ["Attribute names mix naming styles (camel, snake).", undefined]
    ])
  })
})
