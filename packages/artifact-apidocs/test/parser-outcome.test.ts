/**
 * What the judge does with each outcome of the OpenAPI parser's worker: a timeout or a failure is an
 * error that says so, and only a finished parse is remembered for the next identical document.
 */
import { beforeEach, describe, expect, it, vi } from "vitest"
import type { ParserOutcome } from "../src/internal/openapi/schema.ts"
import { openapi } from "./samples.ts"

const parser = vi.hoisted(() => ({ outcome: undefined as ParserOutcome | undefined, calls: 0 }))
vi.mock("../src/internal/openapi/schema.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../src/internal/openapi/schema.ts")>()
  return {
    ...actual,
    validateWithParser: (api: unknown) => {
      parser.calls++
      return parser.outcome ?? actual.validateWithParser(api)
    }
  }
})
const { apidocs } = await import("../src/index.ts")

const issuesOf = (content: string) => apidocs.validate(content).issues.map((issue) => [issue.code, issue.message, issue.line])
/** A clean document of its own, so no earlier test's parse is remembered for it. */
const documentNamed = (name: string) => openapi().replace("title: Invoices API", `title: Invoices API ${name}`)

beforeEach(() => {
  parser.outcome = undefined
  parser.calls = 0
})

describe("apidocs: the parser's outcomes", () => {
  it("a parser that does not answer in time is an error naming the wait, at line 1; 50 points", () => {
    parser.outcome = { kind: "timeout", ms: 15_000 }
    const text = documentNamed("slow")
    expect(issuesOf(text)).toEqual([["validator-failed", "The OpenAPI validator did not answer within 15 s.", 1]])
    expect(apidocs.validate(text, { threshold: 100 }).score).toBe(50)
  })

  it("a parser that fails is an error with its reason, at line 1; 50 points", () => {
    parser.outcome = { kind: "failed", error: "the worker thread exited" }
    expect(issuesOf(documentNamed("failing"))).toEqual([["validator-failed", "The OpenAPI validator failed: the worker thread exited.", 1]])
    expect(apidocs.validate(documentNamed("failing"), { threshold: 100 }).score).toBe(50)
  })

  it("a failure is not remembered: the same document is parsed again, and passes once the parser answers", () => {
    const text = documentNamed("retried")
    parser.outcome = { kind: "failed", error: "busy" }
    apidocs.validate(text)
    parser.outcome = undefined
    expect(issuesOf(text)).toEqual([])
    expect(parser.calls).toBe(2)
    apidocs.validate(text)
    expect(parser.calls).toBe(2)
  })

  it("the last 32 finished parses are remembered, the first parsed forgotten first", () => {
    const documents = Array.from({ length: 33 }, (_, i) => documentNamed(`v${i}`))
    for (const text of documents.slice(0, 32)) apidocs.validate(text)
    expect(parser.calls).toBe(32)
    apidocs.validate(documents[0])
    expect(parser.calls).toBe(32)
    apidocs.validate(documents[32])
    apidocs.validate(documents[1])
    expect(parser.calls).toBe(33)
    apidocs.validate(documents[0])
    expect(parser.calls).toBe(34)
  })
})
