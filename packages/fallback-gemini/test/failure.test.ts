import { describe, expect, it } from "@effect/vitest"
import { ApiError } from "@google/genai"
import { makeRedactor } from "@lfai/fallback-gemini"
import { blockedBy, classify, parseProtoDuration, parseRetryAfter } from "../src/internal/failure.ts"

const KEY = "secret-key-123"
const context = { model: "gemini-2.5-flash", redact: makeRedactor(KEY), nowMs: 1_000_000 }

const apiError = (status: number, error: Record<string, unknown>) =>
  new ApiError({ status, message: JSON.stringify({ error: { code: status, ...error } }) })

describe("mapping what @google/genai throws onto typed cloud errors", () => {
  it("429 is quota exhausted, retryable, with RetryInfo's delay", () => {
    const failure = classify(
      apiError(429, {
        message: "Resource has been exhausted (e.g. check quota).",
        status: "RESOURCE_EXHAUSTED",
        details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "7s" }]
      }),
      context
    )
    expect(failure.error._tag).toBe("CloudQuotaExhausted")
    expect(failure.error.message).toContain("Resource has been exhausted")
    expect(failure.retryable).toBe(true)
    expect(failure.retryAfterMs).toBe(7000)
  })

  it("takes Retry-After when RetryInfo is absent, and the longer of the two when both are there", () => {
    expect(classify(apiError(429, { message: "slow down" }), { ...context, retryAfterHeader: "3" }).retryAfterMs).toBe(3000)
    const both = apiError(503, {
      message: "overloaded",
      details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "2s" }]
    })
    expect(classify(both, { ...context, retryAfterHeader: "5" }).retryAfterMs).toBe(5000)
  })

  it("500/503 are rejected with their status and retryable; 400/401/403/404 are not retryable", () => {
    for (const status of [500, 502, 503, 504]) {
      const failure = classify(apiError(status, { message: "The model is overloaded.", status: "UNAVAILABLE" }), context)
      expect(failure.error).toMatchObject({ _tag: "CloudRejected", status })
      expect(failure.retryable).toBe(true)
    }
    for (const status of [400, 401, 403, 404]) {
      expect(classify(apiError(status, { message: "no" }), context).retryable).toBe(false)
    }
  })

  it("keeps Google's message, status and reason for a bad key", () => {
    const failure = classify(
      apiError(400, {
        message: "API key not valid. Please pass a valid API key.",
        status: "INVALID_ARGUMENT",
        details: [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID", domain: "googleapis.com" }]
      }),
      context
    )
    expect(failure.error).toMatchObject({
      _tag: "CloudRejected",
      status: 400,
      detail: "API key not valid. Please pass a valid API key. [INVALID_ARGUMENT, API_KEY_INVALID]"
    })
  })

  it("reads errors that arrive inside an SSE stream", () => {
    const error = new ApiError({
      status: 503,
      message: `got status: UNAVAILABLE. ${JSON.stringify({ error: { code: 503, message: "try later", status: "UNAVAILABLE" } })}`
    })
    expect(classify(error, context).error).toMatchObject({ _tag: "CloudRejected", status: 503, detail: "try later [UNAVAILABLE]" })
  })

  it("fetch failures are retryable network errors, with the reason", () => {
    const error = new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }) })
    const failure = classify(error, context)
    expect(failure.error._tag).toBe("CloudNetworkError")
    expect(failure.error.message).toContain("ECONNREFUSED")
    expect(failure.retryable).toBe(true)
  })

  it("a body that is not the API's JSON is a retryable network error", () => {
    const failure = classify(new SyntaxError("Unexpected token '<', \"<html>\" is not valid JSON"), context)
    expect(failure.error._tag).toBe("CloudNetworkError")
    expect(failure.retryable).toBe(true)
  })

  it("never lets the key through, wherever the SDK or a proxy put it", () => {
    const inUrl = new TypeError(`fetch failed for https://proxy/v1beta/models/m:generateContent?key=${KEY}`)
    const inBody = apiError(400, { message: `API key ${KEY} not valid`, status: "INVALID_ARGUMENT" })
    const odd = new Error(`x-goog-api-key: ${KEY}`, { cause: new Error(`again ${KEY}`) })
    for (const thrown of [inUrl, inBody, odd]) {
      const failure = classify(thrown, context)
      expect(JSON.stringify(failure.error)).not.toContain(KEY)
      expect(failure.error.message).not.toContain(KEY)
      expect(String(failure.error)).not.toContain(KEY)
    }
  })
})

describe("delays the server asks for", () => {
  it("parses protobuf durations and Retry-After", () => {
    expect(parseProtoDuration("30s")).toBe(30_000)
    expect(parseProtoDuration("1.5s")).toBe(1_500)
    expect(parseProtoDuration({ seconds: 2, nanos: 500_000_000 })).toBe(2_500)
    expect(parseProtoDuration("soon")).toBeUndefined()
    expect(parseRetryAfter("12", 0)).toBe(12_000)
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000)
    expect(parseRetryAfter("whenever", 0)).toBeUndefined()
    expect(parseRetryAfter(null, 0)).toBeUndefined()
  })
})

describe("blocked answers", () => {
  it("a prompt blockReason or a blocking finishReason blocks; STOP and MAX_TOKENS do not", () => {
    expect(blockedBy({ blockReason: "SAFETY", finishReason: undefined, text: "" })).toBe("SAFETY")
    expect(blockedBy({ blockReason: undefined, finishReason: "SAFETY", text: "partial" })).toBe("SAFETY")
    expect(blockedBy({ blockReason: undefined, finishReason: "RECITATION", text: "" })).toBe("RECITATION")
    expect(blockedBy({ blockReason: undefined, finishReason: "OTHER", text: "" })).toBe("OTHER")
    expect(blockedBy({ blockReason: undefined, finishReason: "OTHER", text: "something" })).toBeUndefined()
    expect(blockedBy({ blockReason: undefined, finishReason: "STOP", text: "ok" })).toBeUndefined()
    expect(blockedBy({ blockReason: undefined, finishReason: "MAX_TOKENS", text: "long" })).toBeUndefined()
  })
})
