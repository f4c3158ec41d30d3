import { artifactContract } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import plugin, { sequence } from "../src/index.ts"

artifactContract(sequence, new URL("./", import.meta.url), plugin)

describe("sequence plugin", () => {
  it("counts implicit participants and not notes", () => {
    const result = sequence.validate("sequenceDiagram\n  Note over Web: start\n  Web->>API: one\n  API-->>Web: two")
    expect(result.passed).toBe(true)
    expect(result.score).toBe(100)
  })
})
