import { artifactContract } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import plugin, { erd } from "../src/index.ts"

artifactContract({
  plugin: erd,
  fixtures: new URL("./fixtures/", import.meta.url),
  sample: "erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  CUSTOMER {\n    int id PK\n    string email UK\n  }\n  ORDER {\n    int id PK\n    int customer_id FK\n  }",
  decoy: "flowchart TD\n  Customer --> Order",
  promptMentions: ["erDiagram", "PK", "FK", "relationship", "at least 2 entities", "||--o{"],
  tokens: ["||--o{", "}|..|{", "PK", "FK", "{", "}", ":", '"']
})

describe("erd plugin", () => {
  it("is the default export and wants mistral", () => {
    expect(plugin).toBe(erd)
    expect(erd.id).toBe("erd")
    expect(erd.model).toBe("mistral:7b-instruct-q4_K_M")
  })

  it("ranks sloppier ERDs lower", () => {
    const clean = erd.validate("erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  CUSTOMER {\n    int id PK\n  }\n  ORDER {\n    int id PK\n    int customer_id FK\n  }")
    const sloppy = erd.validate("erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  CUSTOMER {\n    int id\n  }\n  ORDER {\n    int id PK\n    int customer_id FK\n  }\n  INVOICE {\n    int id PK\n  }")
    expect(clean.score).toBe(100)
    expect(sloppy.passed).toBe(true)
    expect(sloppy.score).toBeLessThan(clean.score)
  })
})
