import { describe, expect, it } from "@effect/vitest"
import type { GenerateContentResponse } from "@google/genai"
import { blockedBy } from "../src/internal/failure.ts"
import { readResponse } from "../src/internal/response.ts"

/** Bodies in the shape the Gemini API documents (ai.google.dev/api/generate-content). */
const response = (body: unknown) => body as GenerateContentResponse

describe("reading a generateContent answer", () => {
  it("takes the text parts, leaves thoughts out, and counts thinking tokens as output", () => {
    const facts = readResponse(
      response({
        candidates: [
          {
            content: { role: "model", parts: [{ text: "pondering…", thought: true }, { text: "erDiagram\n" }, { text: "  A ||--o{ B : has" }] },
            finishReason: "STOP"
          }
        ],
        usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 9, thoughtsTokenCount: 30, totalTokenCount: 51 },
        modelVersion: "gemini-2.5-flash"
      })
    )
    expect(facts).toEqual({
      text: "erDiagram\n  A ||--o{ B : has",
      finishReason: "STOP",
      blockReason: undefined,
      usage: { promptTokens: 12, completionTokens: 39 },
      modelVersion: "gemini-2.5-flash"
    })
  })

  it("a prompt blocked for safety has no candidates, only promptFeedback", () => {
    const facts = readResponse(
      response({
        promptFeedback: { blockReason: "SAFETY", safetyRatings: [{ category: "HARM_CATEGORY_DANGEROUS_CONTENT", probability: "HIGH" }] },
        usageMetadata: { promptTokenCount: 8, totalTokenCount: 8 }
      })
    )
    expect(facts).toMatchObject({ text: "", blockReason: "SAFETY", usage: { promptTokens: 8 } })
    expect(blockedBy(facts)).toBe("SAFETY")
  })

  it("an answer stopped for safety or recitation is blocked, even with partial text", () => {
    for (const finishReason of ["SAFETY", "RECITATION", "PROHIBITED_CONTENT", "SPII", "BLOCKLIST"]) {
      const facts = readResponse(response({ candidates: [{ content: { role: "model", parts: [{ text: "part" }] }, finishReason }] }))
      expect(blockedBy(facts)).toBe(finishReason)
    }
  })

  it("an answer cut at MAX_TOKENS is an answer", () => {
    const facts = readResponse(response({ candidates: [{ content: { role: "model", parts: [{ text: "long" }] }, finishReason: "MAX_TOKENS" }] }))
    expect(blockedBy(facts)).toBeUndefined()
    expect(facts.usage).toBeUndefined()
  })
})
