import { describe, expect, it } from "@effect/vitest"
import { ApiError } from "@google/genai"
import { makeRedactor } from "@lfai/fallback-gemini"
import { BLOCKING_REASONS, blocked, blockedBy, classify, parseErrorBody, parseProtoDuration, parseRetryAfter } from "../src/internal/failure.ts"

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

describe("the edges of classification", () => {
  it("an ApiError without Google's JSON keeps its own words, retryable by status, with no delay", () => {
    const failure = classify(new ApiError({ status: 502, message: "plain gateway text" }), context)
    expect(failure).toMatchObject({ _tag: "AttemptFailure", retryable: true, retryAfterMs: undefined })
    expect(failure.error).toMatchObject({ _tag: "CloudRejected", status: 502, detail: "plain gateway text" })
    expect(classify(apiError(429, { message: "slow down" }), context).retryAfterMs).toBeUndefined()
  })

  it("Google's words: the message trimmed, then the status and the ErrorInfo reason, found among other details", () => {
    const failure = classify(
      apiError(403, {
        message: "  denied  ",
        status: "PERMISSION_DENIED",
        details: [{ note: "no type" }, { "@type": "type.googleapis.com/google.rpc.Help" }, { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "SERVICE_DISABLED" }]
      }),
      context
    )
    expect(failure.error).toMatchObject({ detail: "denied [PERMISSION_DENIED, SERVICE_DISABLED]" })
    expect(classify(apiError(400, { message: "m", status: "", details: [{ "@type": "google.rpc.ErrorInfo", reason: 7 }] }), context).error).toMatchObject({ detail: "m" })
    const noMessage = classify(apiError(503, { status: "UNAVAILABLE" }), context).error
    expect(noMessage).toMatchObject({ detail: expect.stringMatching(/"status":"UNAVAILABLE".* \[UNAVAILABLE\]$/) })
    const withDelay = apiError(429, { message: "q", details: [{ note: "untyped" }, { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "4s" }] })
    expect(classify(withDelay, context).retryAfterMs).toBe(4_000)
  })

  it("only an ApiError with a numeric status is an API answer", () => {
    const withStatus = classify(Object.assign(new Error("boom"), { status: 400 }), context)
    expect(withStatus).toMatchObject({ retryable: false, error: { _tag: "CloudNetworkError", detail: "Error: boom" } })
    const named = classify(Object.assign(new Error("odd"), { name: "ApiError" }), context)
    expect(named).toMatchObject({ retryable: false, error: { _tag: "CloudNetworkError", detail: "ApiError: odd" } })
  })

  it("only a TypeError from fetch is a network failure; other TypeErrors and plain errors are bugs, not retried", () => {
    expect(classify(new TypeError("fetch failed"), context)).toMatchObject({ retryable: true, error: { detail: "fetch failed" } })
    expect(classify(new TypeError("fetch failed", { cause: "socket hang up" }), context).error).toMatchObject({ detail: "fetch failed (socket hang up)" })
    const refused = new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }) })
    expect(classify(refused, context).error).toMatchObject({ detail: "fetch failed (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9)" })
    expect(classify(new TypeError("fetch failed", { cause: new Error("reset") }), context).error).toMatchObject({ detail: "fetch failed (reset)" })
    expect(classify(new Error("fetch failed"), context)).toMatchObject({ retryable: false, error: { detail: "Error: fetch failed" } })
    expect(classify(new TypeError("x is not a function"), context)).toMatchObject({ retryable: false, error: { detail: "TypeError: x is not a function" } })
    expect(classify(new Error("boom", { cause: new Error("inner") }), context)).toMatchObject({ retryable: false, error: { detail: "Error: boom (inner)" } })
    expect(classify("a thrown string", context)).toMatchObject({ retryable: false, error: { _tag: "CloudNetworkError", detail: "Error: a thrown string" } })
  })

  it("an unreadable answer is retried: any SyntaxError, or a stream or socket that broke", () => {
    expect(classify(new SyntaxError("Unexpected token <"), context)).toMatchObject({
      retryable: true,
      error: { _tag: "CloudNetworkError", detail: "unreadable answer from the server: Unexpected token <" }
    })
    const broken = new Error("stream ended early", { cause: Object.assign(new Error("socket closed"), { code: "ECONNRESET" }) })
    expect(classify(broken, context)).toMatchObject({
      retryable: true,
      error: { detail: "unreadable answer from the server: stream ended early (ECONNRESET: socket closed)" }
    })
  })

  it("parses Google's error body wherever it starts, and nothing else", () => {
    expect(parseErrorBody('got status: 503. {"error":{"message":"m"}}')).toEqual({ message: "m" })
    expect(parseErrorBody('x{"error":{"message":"m"}}')).toEqual({ message: "m" })
    expect(parseErrorBody('{"error":"text"}')).toBeUndefined()
    expect(parseErrorBody('{"error":null}')).toBeUndefined()
    expect(parseErrorBody("{broken")).toBeUndefined()
    expect(parseErrorBody("no body")).toBeUndefined()
  })

  it("reads delays strictly: a whole value, seconds, optional fraction", () => {
    expect(parseProtoDuration("1.25s")).toBe(1_250)
    expect(parseProtoDuration(" 30s ")).toBe(30_000)
    for (const odd of ["x30s", "30sx", "30s later", "1.s", "s"]) expect(parseProtoDuration(odd), odd).toBeUndefined()
    expect(parseProtoDuration({ seconds: "x" })).toBeUndefined()
    expect(parseProtoDuration({ nanos: "x" })).toBeUndefined()
    expect(parseProtoDuration({ nanos: 250_000_000 })).toBe(250)
    expect(parseProtoDuration(12)).toBeUndefined()
    expect(parseRetryAfter(" 12 ", 0)).toBe(12_000)
    expect(parseRetryAfter("1.25", 0)).toBe(1_250)
    for (const odd of ["12x", "x12", "", "   "]) expect(parseRetryAfter(odd, 0), odd).toBeUndefined()
    expect(parseRetryAfter(new Date(1_000).toUTCString(), 4_000)).toBe(0)
  })
})

describe("what counts as blocked", () => {
  it("every blocking reason blocks even with partial text; BLOCKED_REASON_UNSPECIFIED does not", () => {
    expect([...BLOCKING_REASONS].sort()).toEqual(
      ["BLOCKLIST", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION", "IMAGE_SAFETY", "LANGUAGE", "PROHIBITED_CONTENT", "RECITATION", "SAFETY", "SPII"].sort()
    )
    for (const reason of BLOCKING_REASONS) expect(blockedBy({ blockReason: undefined, finishReason: reason, text: "partial" })).toBe(reason)
    expect(blockedBy({ blockReason: "BLOCKED_REASON_UNSPECIFIED", finishReason: "STOP", text: "ok" })).toBeUndefined()
    expect(blockedBy({ blockReason: undefined, finishReason: undefined, text: "" })).toBeUndefined()
  })

  it("a finished answer is never blocked, even empty; another reason with no text is", () => {
    for (const reason of ["STOP", "MAX_TOKENS", "FINISH_REASON_UNSPECIFIED"]) expect(blockedBy({ blockReason: undefined, finishReason: reason, text: "" }), reason).toBeUndefined()
    expect(blockedBy({ blockReason: undefined, finishReason: "MALFORMED_FUNCTION_CALL", text: "" })).toBe("MALFORMED_FUNCTION_CALL")
  })

  it("a blocked answer is a typed, final failure", () => {
    const failure = blocked("gemini-2.5-flash", "SAFETY")
    expect(failure).toMatchObject({ _tag: "AttemptFailure", retryable: false, retryAfterMs: undefined })
    expect(failure.error).toMatchObject({ _tag: "CloudBlocked", model: "gemini-2.5-flash", finishReason: "SAFETY" })
  })
})
