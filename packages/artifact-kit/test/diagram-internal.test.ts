import { describe, expect, it, vi } from "vitest"

// @lfai/mermaid failing to read mermaid's answer (a bug there, never the text's fault)
vi.mock("@lfai/mermaid", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@lfai/mermaid")>()),
  parseSync: () => ({ ok: false, reason: "internal", error: { message: "reading mermaid's result failed: boom" } })
}))

const { validateDiagram } = await import("../src/diagram.ts")

describe("validateDiagram over a parser that failed in its own code", () => {
  it("reports an internal-error, which the contract tests refuse, not a parse error the model is asked to fix", () => {
    const result = validateDiagram({ family: "er", header: "erDiagram", score: () => {} }, "erDiagram\n  A ||--o{ B : has\n")
    expect(result).toMatchObject({ passed: false, issues: [{ code: "internal-error", severity: "error", message: "The validator failed: reading mermaid's result failed: boom." }] })
  })
})
