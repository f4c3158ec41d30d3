/**
 * The layer through the real `@google/genai` client against the Gemini emulator of @lfai/testkit.
 */
import { afterEach, describe, expect, it, vi } from "@effect/vitest"
import { Cause, Effect, Exit, Fiber, Redacted } from "effect"
import { TestClock } from "effect/testing"
import type { CloudError } from "@lfai/core"
import * as GeminiFallback from "@lfai/fallback-gemini"
import { captureLogs, configFor, emulator, fallbackFor, KEY, realPause, waitUntil } from "./helpers.ts"

const ERD = "```mermaid\nerDiagram\n  BOOK ||--o{ LOAN : \"is lent in\"\n  MEMBER ||--o{ LOAN : takes\n```"
const request = { model: "ignored", system: "You write Mermaid erDiagram code only.", prompt: "An ERD for a library.", temperature: 0.3 }

afterEach(() => {
  vi.restoreAllMocks()
})

/** Everything an error can show: its fields, its message, its printed cause. */
const rendered = (error: CloudError) => [JSON.stringify(error), error.message, String(error), Cause.pretty(Cause.fail(error))].join("\n")

describe("one call through @google/genai against the emulator", () => {
  it.effect("passes: the answer, the model, the usage; system prompt, temperature and key header carried", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator({ replies: [ERD] })
      const spy = vi.spyOn(globalThis, "fetch")
      const cloud = yield* fallbackFor(yield* configFor(gemini.url))
      expect(cloud).toMatchObject({ provider: "gemini", model: "gemini-2.5-flash", availability: { available: true } })
      const answer = yield* cloud.generate(request)
      expect(answer.text).toBe(ERD)
      expect(answer.model).toBe("gemini-2.5-flash")
      expect(answer.usage?.promptTokens).toBeGreaterThan(0)
      expect(answer.usage?.completionTokens).toBeGreaterThan(0)

      expect(gemini.requests()).toMatchObject([{ method: "POST", path: "/v1/models/gemini-2.5-flash:generateContent", model: "gemini-2.5-flash", status: 200 }])
      expect(spy).toHaveBeenCalledTimes(1)
      const [url, init] = spy.mock.calls[0]
      expect(String(url)).toBe(`${gemini.url}/v1/models/gemini-2.5-flash:generateContent`)
      expect(String(url)).not.toContain(KEY)
      expect(new Headers(init?.headers).get("x-goog-api-key")).toBe(KEY)
      const body = JSON.parse(String(init?.body))
      expect(body).toEqual({
        contents: [{ role: "user", parts: [{ text: request.prompt }] }],
        systemInstruction: { role: "user", parts: [{ text: request.system }] },
        generationConfig: { temperature: 0.3 }
      })
    })
  )

  it.effect("the model comes from gemini.model, whatever the request names", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator()
      const cloud = yield* fallbackFor(yield* configFor(gemini.url, { gemini: { model: "gemini-2.5-flash-lite" } }))
      const answer = yield* cloud.generate({ ...request, model: "mistral:7b-instruct-q4_K_M" })
      expect(answer.model).toBe("gemini-2.5-flash-lite")
      expect(gemini.requests()[0].path).toBe("/v1/models/gemini-2.5-flash-lite:generateContent")
    })
  )

  it.effect("429 then pass: waits exactly the server's RetryInfo delay (TestClock), then answers", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator({ replies: [ERD], faults: [{ on: "generate", kind: "http_429", retry_after_s: 3 }] })
      const events: Array<GeminiFallback.RetryEvent> = []
      const cloud = yield* fallbackFor(yield* configFor(gemini.url), { onRetry: (event) => void events.push(event) })
      const fiber = yield* Effect.forkChild(cloud.generate(request))
      yield* waitUntil(() => events.length === 1, "the retry decision")
      expect(events[0]).toMatchObject({ attempt: 1, serverDelayMs: 3_000, delayMs: 3_000, error: { _tag: "CloudQuotaExhausted" } })
      expect(gemini.requests().map((entry) => entry.status)).toEqual([429])

      yield* TestClock.adjust(2_999)
      yield* realPause(50)
      expect(gemini.requests()).toHaveLength(1)

      yield* TestClock.adjust(1)
      const answer = yield* Fiber.join(fiber)
      expect(answer.text).toBe(ERD)
      expect(gemini.requests().map((entry) => entry.status)).toEqual([429, 200])
    })
  )

  it.effect("a Retry-After header (no RetryInfo in the body) is honoured as well, on a 429 and on a 503", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator({
        replies: [ERD],
        faults: [
          { on: "generate", kind: "http_429", retry_after_s: 3, retry_after_header: true },
          { on: "generate", kind: "http_503", retry_after_s: 2, retry_after_header: true }
        ]
      })
      const events: Array<GeminiFallback.RetryEvent> = []
      const cloud = yield* fallbackFor(yield* configFor(gemini.url), { onRetry: (event) => void events.push(event) })
      const fiber = yield* Effect.forkChild(cloud.generate(request))
      yield* waitUntil(() => events.length === 1, "the first retry decision")
      expect(events[0]).toMatchObject({ attempt: 1, serverDelayMs: 3_000, delayMs: 3_000, error: { _tag: "CloudQuotaExhausted" } })
      yield* TestClock.adjust(2_999)
      yield* realPause(50)
      expect(gemini.requests()).toHaveLength(1)
      yield* TestClock.adjust(1)

      yield* waitUntil(() => events.length === 2, "the second retry decision")
      expect(events[1]).toMatchObject({ attempt: 2, serverDelayMs: 2_000, delayMs: 2_000, error: { _tag: "CloudRejected", status: 503 } })
      yield* TestClock.adjust(1_999)
      yield* realPause(50)
      expect(gemini.requests()).toHaveLength(2)
      yield* TestClock.adjust(1)

      const answer = yield* Fiber.join(fiber)
      expect(answer.text).toBe(ERD)
      expect(gemini.requests().map((entry) => entry.status)).toEqual([429, 503, 200])
    })
  )

  it.effect("503 every time: backs off with growing waits, then fails typed after maxAttempts", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator({ faults: [{ on: "generate", kind: "http_503", times: -1 }] })
      const events: Array<GeminiFallback.RetryEvent> = []
      const cloud = yield* fallbackFor(yield* configFor(gemini.url), {
        retry: { maxAttempts: 4, jitter: 0 },
        onRetry: (event) => void events.push(event)
      })
      const fiber = yield* Effect.forkChild(Effect.flip(cloud.generate(request)))
      for (let retry = 1; retry <= 3; retry++) {
        yield* waitUntil(() => events.length === retry, `retry decision ${retry}`)
        yield* TestClock.adjust(events[retry - 1].delayMs!)
      }
      const error = yield* Fiber.join(fiber)
      expect(error).toMatchObject({ _tag: "CloudRejected", status: 503 })
      expect(error.message).toContain("The model is overloaded")
      expect(events.map((event) => event.delayMs)).toEqual([500, 1_000, 2_000, undefined])
      expect(events[3].gaveUp).toBe("attempts")
      expect(gemini.requests().map((entry) => entry.status)).toEqual([503, 503, 503, 503])
    })
  )

  it.effect("a 429 asking for longer than the deadline leaves at once, as quota exhausted", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator({ faults: [{ on: "generate", kind: "http_429", retry_after_s: 90 }] })
      const cloud = yield* fallbackFor(yield* configFor(gemini.url, { gemini: { request_timeout_s: 60 } }))
      const error = yield* Effect.flip(cloud.generate(request))
      expect(error._tag).toBe("CloudQuotaExhausted")
      expect(error.message).toContain("You exceeded your current quota")
      expect(gemini.requests()).toHaveLength(1)
    })
  )

  it.effect("a wrong key: 400 API_KEY_INVALID with Google's message, not retried, key nowhere", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator({ api_key: "the-right-key" })
      const events: Array<GeminiFallback.RetryEvent> = []
      const logs = captureLogs()
      const cloud = yield* fallbackFor(yield* configFor(gemini.url), { onRetry: (event) => void events.push(event) })
      const error = yield* Effect.flip(cloud.generate(request)).pipe(Effect.provide(logs.layer))
      expect(error).toMatchObject({
        _tag: "CloudRejected",
        status: 400,
        detail: "API key not valid. Please pass a valid API key. [INVALID_ARGUMENT, API_KEY_INVALID]"
      })
      expect(events).toMatchObject([{ attempt: 1, gaveUp: "not-retryable" }])
      expect(gemini.requests().map((entry) => entry.status)).toEqual([400])
      expect(rendered(error)).not.toContain(KEY)
      expect(logs.lines.length).toBeGreaterThan(0)
      expect(logs.lines.join("\n")).not.toContain(KEY)
    })
  )

  it.effect("no key on the wire: 403 PERMISSION_DENIED, not retried (the layer itself never gets this far)", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator()
      vi.spyOn(console, "warn").mockImplementation(() => {}) // the SDK warns about the empty key
      const config = yield* configFor(gemini.url)
      const cloud = GeminiFallback.makeService(config, Redacted.make(""))
      const error = yield* Effect.flip(cloud.generate(request))
      expect(error).toMatchObject({ _tag: "CloudRejected", status: 403 })
      expect(error.message).toContain("unregistered callers")
      expect(error.message).toContain("PERMISSION_DENIED")
      expect(gemini.requests().map((entry) => entry.status)).toEqual([403])
    })
  )

  it.effect("without a key the layer is unavailable and sends nothing", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator()
      const cloud = yield* fallbackFor(yield* configFor(gemini.url, {}, {}))
      expect(cloud.availability).toMatchObject({ available: false, error: { reason: "no-key" } })
      const error = yield* Effect.flip(cloud.generate(request))
      expect(error).toMatchObject({ _tag: "CloudUnavailable", reason: "no-key", message: "no GEMINI_API_KEY or GOOGLE_API_KEY set" })
      expect(gemini.requests()).toEqual([])
    })
  )

  it.effect("an unknown model is a 404, not retried", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator()
      const cloud = yield* fallbackFor(yield* configFor(gemini.url, { gemini: { model: "no-such-model" } }))
      const error = yield* Effect.flip(cloud.generate(request))
      expect(error).toMatchObject({ _tag: "CloudRejected", status: 404 })
      expect(error.message).toContain("models/no-such-model is not found")
      expect(gemini.requests()).toHaveLength(1)
    })
  )

  it.effect("hang → CloudTimeout at gemini.request_timeout_s (TestClock), and the HTTP request is aborted", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator({ faults: [{ on: "generate", kind: "hang" }] })
      const spy = vi.spyOn(globalThis, "fetch")
      const cloud = yield* fallbackFor(yield* configFor(gemini.url, { gemini: { request_timeout_s: 20 } }))
      const fiber = yield* Effect.forkChild(Effect.flip(cloud.generate(request)))
      yield* waitUntil(() => gemini.requests().length === 1 && spy.mock.calls.length === 1, "the request to arrive")
      yield* TestClock.adjust(19_999)
      yield* realPause(20)
      expect(fiber.pollUnsafe()).toBeUndefined()
      yield* TestClock.adjust(1)
      const error = yield* Fiber.join(fiber)
      expect(error).toMatchObject({ _tag: "CloudTimeout", model: "gemini-2.5-flash", afterMs: 20_000 })
      const signal = spy.mock.calls[0][1]?.signal
      expect(signal?.aborted).toBe(true)
      const outcome = yield* Effect.promise(() => spy.mock.results[0].value.then(() => "answered", (e: Error) => e.name))
      expect(outcome).toBe("AbortError")
      expect(gemini.requests()).toHaveLength(1)
    })
  )

  it.live("interruption aborts the HTTP request", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator({ faults: [{ on: "generate", kind: "hang" }] })
      const spy = vi.spyOn(globalThis, "fetch")
      const cloud = yield* fallbackFor(yield* configFor(gemini.url))
      const fiber = yield* Effect.forkChild(cloud.generate(request))
      yield* waitUntil(() => gemini.requests().length === 1 && spy.mock.calls.length === 1, "the request to arrive")
      const exit = yield* Fiber.interrupt(fiber).pipe(Effect.andThen(Fiber.await(fiber)))
      expect(Exit.hasInterrupts(exit)).toBe(true)
      expect(spy.mock.calls[0][1]?.signal?.aborted).toBe(true)
      const outcome = yield* Effect.promise(() => spy.mock.results[0].value.then(() => "answered", (e: Error) => e.name))
      expect(outcome).toBe("AbortError")
    })
  )

  it.live("network trouble is retried: a refused connection, then garbage, then the answer", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator({
        replies: [ERD],
        faults: [
          { on: "generate", kind: "refuse_connection" },
          { on: "generate", kind: "garbage" }
        ]
      })
      const events: Array<GeminiFallback.RetryEvent> = []
      const cloud = yield* fallbackFor(yield* configFor(gemini.url), {
        retry: { baseDelayMs: 1, maxDelayMs: 5 },
        onRetry: (event) => void events.push(event)
      })
      const answer = yield* cloud.generate(request).pipe(Effect.provide(captureLogs().layer))
      expect(answer.text).toBe(ERD)
      expect(events.map((event) => event.error._tag)).toEqual(["CloudNetworkError", "CloudNetworkError"])
      expect(gemini.requests()).toHaveLength(3)
    })
  )

  it.live("a server that is gone is a typed network error after the retries, key nowhere", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator()
      const url = gemini.url
      const config = yield* configFor(url)
      yield* Effect.promise(() => gemini.close())
      const cloud = yield* fallbackFor(config, { retry: { maxAttempts: 2, baseDelayMs: 1 } })
      const logs = captureLogs()
      const error = yield* Effect.flip(cloud.generate(request)).pipe(Effect.provide(logs.layer))
      expect(error._tag).toBe("CloudNetworkError")
      expect(error.message).toContain("fetch failed")
      expect(rendered(error)).not.toContain(KEY)
      expect(logs.lines).toHaveLength(2)
      expect(logs.lines.join("\n")).not.toContain(KEY)
    })
  )
})

describe("streaming (when the caller takes tokens)", () => {
  const LONG = `${ERD}\nThe diagram shows books, members and the loans between them, one member taking many loans.`

  it.effect("streams over SSE: tokens as they come, the whole text, the usage", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator({ replies: [LONG] })
      const tokens: Array<string> = []
      const cloud = yield* fallbackFor(yield* configFor(gemini.url))
      const answer = yield* cloud.generate({ ...request, onToken: (text) => void tokens.push(text) })
      expect(tokens.length).toBeGreaterThan(2)
      expect(tokens.join("")).toBe(LONG)
      expect(answer.text).toBe(LONG)
      expect(answer.usage?.promptTokens).toBeGreaterThan(0)
      expect(answer.usage?.completionTokens).toBeGreaterThan(tokens.length)
      expect(gemini.requests()).toMatchObject([{ path: "/v1/models/gemini-2.5-flash:streamGenerateContent", status: 200 }])
    })
  )

  it.effect("a 429 before the first token is retried like any call", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator({ replies: [LONG], faults: [{ on: "generate", kind: "http_429", retry_after_s: 1 }] })
      const tokens: Array<string> = []
      const events: Array<GeminiFallback.RetryEvent> = []
      const cloud = yield* fallbackFor(yield* configFor(gemini.url), { onRetry: (event) => void events.push(event) })
      const fiber = yield* Effect.forkChild(cloud.generate({ ...request, onToken: (text) => void tokens.push(text) }))
      yield* waitUntil(() => events.length === 1, "the retry decision")
      expect(events[0].delayMs).toBe(1_000)
      yield* TestClock.adjust(1_000)
      const answer = yield* Fiber.join(fiber)
      expect(answer.text).toBe(LONG)
      expect(tokens.join("")).toBe(LONG)
      expect(gemini.requests().map((entry) => entry.status)).toEqual([429, 200])
    })
  )

  it.effect("a stream cut after tokens went out is not retried (the caller would see them twice)", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator({ replies: [LONG], faults: [{ on: "generate", kind: "truncate_stream" }] })
      const tokens: Array<string> = []
      const events: Array<GeminiFallback.RetryEvent> = []
      const cloud = yield* fallbackFor(yield* configFor(gemini.url), { onRetry: (event) => void events.push(event) })
      const error = yield* Effect.flip(cloud.generate({ ...request, onToken: (text) => void tokens.push(text) }))
      expect(error._tag).toBe("CloudNetworkError")
      expect(tokens.length).toBeGreaterThan(0)
      expect(events).toMatchObject([{ gaveUp: "not-retryable" }])
      expect(gemini.requests()).toHaveLength(1)
    })
  )
})

describe("the key never shows", () => {
  it.effect("not in a result, even when the model echoes it; not in the logs of a retried call", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator({
        replies: [`Your key is ${KEY}, keep it safe.`],
        faults: [{ on: "generate", kind: "http_503" }]
      })
      const logs = captureLogs()
      const tokens: Array<string> = []
      const cloud = yield* fallbackFor(yield* configFor(gemini.url), { retry: { jitter: 0 } })
      const fiber = yield* Effect.forkChild(
        cloud.generate({ ...request, onToken: (text) => void tokens.push(text) }).pipe(Effect.provide(logs.layer))
      )
      yield* waitUntil(() => gemini.requests().length === 1 && logs.lines.length === 1, "the first attempt")
      yield* TestClock.adjust(500)
      const answer = yield* Fiber.join(fiber)
      expect(answer.text).toBe("Your key is [redacted], keep it safe.")
      expect(JSON.stringify(answer)).not.toContain(KEY)
      expect(tokens.join("")).not.toContain(KEY)
      expect(logs.lines.join("\n")).toContain("retrying in 500 ms")
      expect(logs.lines.join("\n")).not.toContain(KEY)
    })
  )
})
