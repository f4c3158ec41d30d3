import { artifactContract } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import plugin, { sequence } from "../src/index.ts"

artifactContract({
  plugin: sequence,
  fixtures: new URL("./fixtures/", import.meta.url),
  sample: "sequenceDiagram\n  actor User\n  participant API\n  User->>API: place order\n  API-->>User: 201 Created",
  decoy: "flowchart LR\n  User --> API",
  promptMentions: ["sequenceDiagram", "at least 2 participants", "at least 2 messages", "notes do not count", "alt", "end"],
  tokens: ["->>", "-->>", "-)", "-x", "+", "-", "loop", "alt", "else", "end", "Note over", "participant", "actor", ":"]
})

describe("sequence plugin", () => {
  it("is the default export and wants mistral", () => {
    expect(plugin).toBe(sequence)
    expect(sequence.model).toBe("mistral:7b-instruct-q4_K_M")
  })

  it("counts implicit participants and not notes", () => {
    const result = sequence.validate("sequenceDiagram\n  Note over Web: start\n  Web->>API: one\n  API-->>Web: two")
    expect(result.passed).toBe(true)
    expect(result.score).toBe(100)
  })
})
