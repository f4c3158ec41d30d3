import { artifactContract } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import plugin, { erd } from "../src/index.ts"

artifactContract(erd, new URL("./", import.meta.url), plugin)

describe("erd plugin", () => {
  it("ranks sloppier ERDs lower", () => {
    const clean = erd.validate("erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  CUSTOMER {\n    int id PK\n  }\n  ORDER {\n    int id PK\n    int customer_id FK\n  }")
    const sloppy = erd.validate("erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  CUSTOMER {\n    int id\n  }\n  ORDER {\n    int id PK\n    int customer_id FK\n  }\n  INVOICE {\n    int id PK\n  }")
    expect(clean.score).toBe(100)
    expect(sloppy.passed).toBe(true)
    expect(sloppy.score).toBeLessThan(clean.score)
  })
})
