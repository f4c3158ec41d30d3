import { afterAll, beforeAll, describe, expect, it } from "vitest"
import erd from "@lfai/artifact-erd"
import { defaultRepairPrompt, type ArtifactPlugin } from "@lfai/core"
import { startOllama, type OllamaEmulatorHandle } from "@lfai/testkit"
import { createLfai } from "@lfai/stack"

const MODEL = "mistral:7b-instruct-q4_K_M"
const REQUEST = "An ERD for a clinic: patients, doctors, appointments."

const LIBRARY =
  "```mermaid\nerDiagram\n  MEMBER ||--o{ LOAN : borrows\n  BOOK ||--o{ LOAN : lent\n  MEMBER {\n    int id PK\n  }\n  BOOK {\n    int id PK\n  }\n  LOAN {\n    int id PK\n    int member_id FK\n    int book_id FK\n  }\n```"
const CLINIC =
  "```mermaid\nerDiagram\n  PATIENT ||--o{ APPOINTMENT : books\n  DOCTOR ||--o{ APPOINTMENT : attends\n  PATIENT {\n    int id PK\n  }\n  DOCTOR {\n    int id PK\n  }\n  APPOINTMENT {\n    int id PK\n    int patient_id FK\n    int doctor_id FK\n  }\n```"

describe("relevance through the standard stack, against the Ollama emulator", () => {
  let ollama: OllamaEmulatorHandle
  beforeAll(async () => {
    // a well-formed diagram of the wrong thing first, the one asked for after the repair
    ollama = await startOllama({ scenario: { gpu_gb: 24, models: { [MODEL]: { replies: [LIBRARY, CLINIC] } } } })
  })
  afterAll(async () => {
    await ollama.close()
  })

  it("repairs an off-topic answer locally: the repair prompt names the missing entities", async () => {
    const repairs: string[] = []
    // the plugin as it is, recording the repair prompt the pipeline sends (core's default one)
    const watched: ArtifactPlugin = {
      ...erd,
      prompt: {
        ...erd.prompt,
        repair: (request, draft, issues) => {
          const prompt = defaultRepairPrompt(request, draft, issues)
          repairs.push(prompt)
          return prompt
        }
      }
    }
    const lfai = await createLfai({ env: { OLLAMA_HOST: ollama.url }, implicitFile: false, plugins: [watched] })
    try {
      const result = await lfai.generate("erd", { prompt: REQUEST })
      expect(result).toMatchObject({ provider: "ollama", model: MODEL, passed: true, issues: [] })
      expect(result.content).toContain("PATIENT")
      expect(result.attempts.map((attempt) => [attempt.kind, attempt.passed, attempt.issues?.map((issue) => issue.code)])).toEqual([
        ["generate", false, ["off-topic"]],
        ["repair", true, []]
      ])
      expect(repairs).toHaveLength(1)
      expect(repairs[0]).toContain('"patients", "doctors", "appointments"')
      expect(repairs[0]).toContain("include every name the validator lists as missing")
      expect(ollama.requests().filter((request) => request.path === "/api/chat" || request.path === "/api/generate").length).toBeGreaterThanOrEqual(2)

      // the library's validate takes the request too
      const judged = await lfai.validate("erd", LIBRARY, undefined, { prompt: REQUEST })
      expect(judged).toMatchObject({ passed: false, issues: [{ code: "off-topic" }] })
      expect(await lfai.validate("erd", LIBRARY)).toMatchObject({ passed: true })
      expect(await lfai.validate("erd", CLINIC, undefined, { prompt: REQUEST })).toMatchObject({ passed: true, issues: [] })
    } finally {
      await lfai.dispose()
    }
  })
})
