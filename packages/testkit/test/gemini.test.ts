/** Conformance: the real `@google/genai` client (what fallback-gemini uses) and raw HTTP against the Gemini emulator. */
import { ApiError, GoogleGenAI } from "@google/genai"
import { afterEach, describe, expect, it } from "vitest"
import { startGemini, type EmulatorHandle, type StartGeminiOptions } from "../src/index.ts"
import { call, post, until } from "./helpers.ts"

const MODEL = "gemini-2.5-flash"
const started: Array<EmulatorHandle> = []
const start = async (options: StartGeminiOptions = {}) => {
  const g = await startGemini(options)
  started.push(g)
  const ai = (apiKey = "test-key") => new GoogleGenAI({ apiKey, httpOptions: { baseUrl: g.url } })
  return { g, ai }
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((h) => h.close()))
})

const errorBody = (e: unknown) => JSON.parse((e as Error).message) as { error: { code: number; message: string; status: string; details?: Array<Record<string, unknown>> } }

describe("@google/genai with httpOptions.baseUrl", () => {
  it("models.generateContent: the reply, finishReason, usageMetadata, modelVersion; key in x-goog-api-key", async () => {
    const { g, ai } = await start({ scenario: { replies: ["sequenceDiagram\n  A->>B: hi", "second"] } })
    const r = await ai().models.generateContent({
      model: MODEL,
      contents: "draw a sequence diagram",
      config: { systemInstruction: "Mermaid only", temperature: 0.2, maxOutputTokens: 2048 }
    })
    expect(r.text).toBe("sequenceDiagram\n  A->>B: hi")
    expect(r.candidates?.[0]?.finishReason).toBe("STOP")
    expect(r.candidates?.[0]?.content?.role).toBe("model")
    expect(r.modelVersion).toBe(MODEL)
    expect(r.responseId).toMatch(/^[\w-]+$/)
    const usage = r.usageMetadata!
    expect(usage.promptTokenCount).toBeGreaterThan(0)
    expect(usage.totalTokenCount).toBe(usage.promptTokenCount! + usage.candidatesTokenCount!)
    // genai 3 talks to /v1 unless told otherwise; the key never lands in the log
    expect(g.requests()).toEqual([{ at: expect.any(String), method: "POST", path: `/v1/models/${MODEL}:generateContent`, model: MODEL, status: 200 }])
    expect((await ai().models.generateContent({ model: MODEL, contents: "again" })).text).toBe("second")
    expect((await ai().models.generateContent({ model: MODEL, contents: "and again" })).text).toBe("second")
  })

  it("a { match, reply } answers the requests whose system instruction and contents match it", async () => {
    const { ai } = await start({ scenario: { replies: [{ match: "object-oriented designer[\\s\\S]*Loan", reply: "classDiagram from the cloud" }, "plain"] } })
    const ask = async (systemInstruction: string, contents: string) => (await ai().models.generateContent({ model: MODEL, contents, config: { systemInstruction } })).text
    expect(await ask("You are a senior object-oriented designer.", "Book, Member, Loan")).toBe("classDiagram from the cloud")
    expect(await ask("You are a senior object-oriented designer.", "Book, Member")).toBe("plain")
    expect(await ask("You are a senior object-oriented designer.", "Book, Member, Loan")).toBe("classDiagram from the cloud")
  })

  it("models.generateContentStream: server-sent chunks that add up to the reply, the last with finishReason", async () => {
    const reply = "classDiagram\n  class Order {\n    +id: string\n  }\n  Order --> Customer : places"
    const { g, ai } = await start({ scenario: { replies: [reply], tokens_per_second: 5000 } })
    const stream = await ai().models.generateContentStream({ model: MODEL, contents: [{ role: "user", parts: [{ text: "a class diagram" }] }] })
    const chunks = []
    for await (const chunk of stream) chunks.push(chunk)
    expect(chunks.length).toBeGreaterThan(1)
    expect(chunks.map((c) => c.text ?? "").join("")).toBe(reply)
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe("STOP")
    expect(chunks.slice(0, -1).every((c) => c.candidates?.[0]?.finishReason === undefined)).toBe(true)
    expect(chunks.at(-1)?.usageMetadata?.candidatesTokenCount).toBeGreaterThan(0)
    expect(g.requests()[0].path).toBe(`/v1/models/${MODEL}:streamGenerateContent`)
  })

  it("maxOutputTokens cuts the answer with finishReason MAX_TOKENS", async () => {
    const { ai } = await start({ scenario: { replies: ["one two three four five"] } })
    const r = await ai().models.generateContent({ model: MODEL, contents: "count", config: { maxOutputTokens: 2 } })
    expect(r.text).toBe("one two")
    expect(r.candidates?.[0]?.finishReason).toBe("MAX_TOKENS")
  })

  it("a wrong key: 400 INVALID_ARGUMENT, reason API_KEY_INVALID; the right one works", async () => {
    const { ai } = await start({ scenario: { api_key: "the-key" } })
    const error = await ai("wrong").models.generateContent({ model: MODEL, contents: "x" }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(400)
    const body = errorBody(error)
    expect(body.error).toMatchObject({ code: 400, message: "API key not valid. Please pass a valid API key.", status: "INVALID_ARGUMENT" })
    expect(body.error.details?.[0]).toMatchObject({ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID" })
    expect((await ai("the-key").models.generateContent({ model: MODEL, contents: "x" })).text).toBeTruthy()
  })

  it("http_429 carries a RetryInfo delay; 500 and 503 are INTERNAL and UNAVAILABLE", async () => {
    const { ai } = await start({
      scenario: {
        faults: [
          { on: "generate", kind: "http_429", retry_after_s: 7 },
          { on: "generate", kind: "http_500" },
          { on: "generate", kind: "http_503" }
        ]
      }
    })
    const client = ai()
    const tooMany = await client.models.generateContent({ model: MODEL, contents: "x" }).catch((e: unknown) => e)
    expect((tooMany as ApiError).status).toBe(429)
    const body = errorBody(tooMany)
    expect(body.error.status).toBe("RESOURCE_EXHAUSTED")
    expect(body.error.details?.find((d) => d["@type"] === "type.googleapis.com/google.rpc.RetryInfo")).toEqual({ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "7s" })
    const internal = await client.models.generateContent({ model: MODEL, contents: "x" }).catch((e: unknown) => e)
    expect([(internal as ApiError).status, errorBody(internal).error.status]).toEqual([500, "INTERNAL"])
    const stream = await client.models.generateContentStream({ model: MODEL, contents: "x" }).catch((e: unknown) => e)
    expect([(stream as ApiError).status, errorBody(stream).error.status]).toEqual([503, "UNAVAILABLE"])
    expect((await client.models.generateContent({ model: MODEL, contents: "x" })).text).toBeTruthy()
  })

  it("retry_after_header: the delay comes as a Retry-After header instead of RetryInfo (429, and 503 given a delay)", async () => {
    const { g } = await start({
      scenario: {
        faults: [
          { on: "generate", kind: "http_429", retry_after_s: 2.5, retry_after_header: true },
          { on: "generate", kind: "http_503", retry_after_s: 4 },
          { on: "generate", kind: "http_503", retry_after_s: 4, retry_after_header: true },
          { on: "generate", kind: "http_503" }
        ]
      }
    })
    const url = `${g.url}/v1beta/models/${MODEL}:generateContent`
    const body = { contents: [{ parts: [{ text: "x" }] }] }
    const retryInfo = (answer: { json: () => any }) =>
      (answer.json().error.details ?? []).filter((d: Record<string, unknown>) => d["@type"] === "type.googleapis.com/google.rpc.RetryInfo")
    const viaHeader = await post(url, body, { "x-goog-api-key": "k" })
    expect([viaHeader.status, viaHeader.headers.get("retry-after"), retryInfo(viaHeader)]).toEqual([429, "3", []])
    expect(viaHeader.json().error.status).toBe("RESOURCE_EXHAUSTED")
    const inBody = await post(url, body, { "x-goog-api-key": "k" })
    expect([inBody.status, inBody.headers.get("retry-after"), retryInfo(inBody)]).toEqual([503, null, [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "4s" }]])
    const header503 = await post(url, body, { "x-goog-api-key": "k" })
    expect([header503.status, header503.headers.get("retry-after"), retryInfo(header503)]).toEqual([503, "4", []])
    const plain = await post(url, body, { "x-goog-api-key": "k" })
    expect([plain.status, plain.headers.get("retry-after"), plain.json().error.details]).toEqual([503, null, undefined])
  })

  it("truncate_stream, garbage and refuse_connection break the call", async () => {
    const { ai } = await start({
      scenario: {
        replies: ["a reply long enough to need several server-sent events when it is streamed to the client"],
        faults: [{ kind: "truncate_stream" }, { kind: "garbage" }, { kind: "refuse_connection" }, { kind: "truncate_stream" }]
      }
    })
    const client = ai()
    const truncated = (async () => {
      const parts: Array<string> = []
      for await (const c of await client.models.generateContentStream({ model: MODEL, contents: "x" })) parts.push(c.text ?? "")
      return parts
    })()
    await expect(truncated).rejects.toThrow()
    await expect(client.models.generateContent({ model: MODEL, contents: "x" })).rejects.toThrow(SyntaxError)
    await expect(client.models.generateContent({ model: MODEL, contents: "x" })).rejects.toThrow("fetch failed")
    await expect(client.models.generateContent({ model: MODEL, contents: "x" })).rejects.toThrow()
    expect((await client.models.generateContent({ model: MODEL, contents: "x" })).text).toContain("a reply long enough")
  })

  it("hang: the SDK's timeout ends the call", async () => {
    const { g } = await start({ scenario: { faults: [{ kind: "hang" }] } })
    const ai = new GoogleGenAI({ apiKey: "k", httpOptions: { baseUrl: g.url, timeout: 200 } })
    await expect(ai.models.generateContent({ model: MODEL, contents: "x" })).rejects.toThrow()
    expect(g.requests()[0]).toMatchObject({ status: 0, fault: "hang" })
  })
})

describe("the Gemini REST API on the wire", () => {
  const url = (g: EmulatorHandle, method = "generateContent", version = "v1beta", model = MODEL) => `${g.url}/${version}/models/${model}:${method}`
  const body = { contents: [{ role: "user", parts: [{ text: "hello" }] }], generationConfig: { temperature: 0.1 } }

  it("accepts the key as ?key= and answers Google's JSON", async () => {
    const { g } = await start({ scenario: { replies: ["hi"] } })
    const r = await post(`${url(g)}?key=abc`, body)
    expect(r.status).toBe(200)
    expect(r.headers.get("content-type")).toBe("application/json; charset=UTF-8")
    expect(r.json()).toMatchObject({ candidates: [{ content: { parts: [{ text: "hi" }], role: "model" }, finishReason: "STOP", index: 0 }], modelVersion: MODEL })
    expect(g.requests()[0].path).toBe(`/v1beta/models/${MODEL}:generateContent`)
  })

  it("403 PERMISSION_DENIED without a key", async () => {
    const { g } = await start()
    const r = await post(url(g), body)
    expect(r.status).toBe(403)
    expect(r.json()).toEqual({
      error: {
        code: 403,
        message: "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
        status: "PERMISSION_DENIED"
      }
    })
  })

  it("400 INVALID_ARGUMENT for bad JSON, unknown fields, missing contents, bad roles", async () => {
    const { g } = await start()
    const key = { "x-goog-api-key": "k" }
    const cases: Array<[string | object, string | RegExp]> = [
      ["{nope", /^Invalid JSON payload received\./],
      [{ contents: [{ parts: [{ text: "x" }] }], temprature: 1 }, 'Invalid JSON payload received. Unknown name "temprature": Cannot find field.'],
      [{ contents: [{ parts: [{ text: "x" }] }], generationConfig: { maxTokens: 5 } }, `Invalid JSON payload received. Unknown name "maxTokens" at 'generation_config': Cannot find field.`],
      [{}, "* GenerateContentRequest.contents: contents is not specified\n"],
      [{ contents: [{ role: "user", parts: [] }] }, "* GenerateContentRequest.contents[0].parts: contents.parts must not be empty.\n"],
      [{ contents: [{ role: "assistant", parts: [{ text: "x" }] }] }, "Please use a valid role: user, model."]
    ]
    for (const [payload, message] of cases) {
      const r = await post(url(g), payload, key)
      expect(r.status, JSON.stringify(payload)).toBe(400)
      expect(r.json().error.status).toBe("INVALID_ARGUMENT")
      expect(r.json().error.message).toMatch(message)
    }
  })

  it("404 NOT_FOUND for an unknown model, Google's HTML 404 for an unknown URL", async () => {
    const { g } = await start()
    const r = await post(url(g, "generateContent", "v1beta", "gpt-4o"), body, { "x-goog-api-key": "k" })
    expect(r.status).toBe(404)
    expect(r.json().error).toEqual({
      code: 404,
      message: "models/gpt-4o is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.",
      status: "NOT_FOUND"
    })
    const page = await call(`${g.url}/v1beta/nothing`, "GET")
    expect(page.status).toBe(404)
    expect(page.headers.get("content-type")).toBe("text/html; charset=UTF-8")
    expect(page.text).toContain("That’s an error.")
  })

  it("streamGenerateContent with alt=sse sends `data:` events; without it, a JSON array", async () => {
    const { g } = await start({ scenario: { replies: ["one two three four five six seven eight nine ten eleven twelve"] } })
    const sse = await post(`${url(g, "streamGenerateContent")}?alt=sse`, body, { "x-goog-api-key": "k" })
    expect(sse.headers.get("content-type")).toBe("text/event-stream")
    const events = sse.text.split("\r\n\r\n").filter((e) => e !== "")
    expect(events.length).toBeGreaterThan(1)
    expect(events.every((e) => e.startsWith("data: "))).toBe(true)
    const parsed = events.map((e) => JSON.parse(e.slice(6)))
    expect(parsed.map((p) => p.candidates[0].content.parts[0].text).join("")).toBe("one two three four five six seven eight nine ten eleven twelve")
    const array = await post(url(g, "streamGenerateContent"), body, { "x-goog-api-key": "k" })
    expect(array.json()).toHaveLength(parsed.length)
  })

  it("keeps a request log at /_emulator/requests and a hung call shows status 0 until it ends", async () => {
    const { g } = await start({ scenario: { faults: [{ kind: "hang" }] } })
    const controller = new AbortController()
    const hung = fetch(url(g), { method: "POST", headers: { "x-goog-api-key": "k" }, body: JSON.stringify(body), signal: controller.signal }).then(
      () => "answered",
      (e: unknown) => e
    )
    await until(() => g.requests().length === 1, "the hung call")
    const log = (await call(`${g.url}/_emulator/requests`, "GET")).json()
    expect(log.requests).toEqual([{ at: expect.any(String), method: "POST", path: `/v1beta/models/${MODEL}:generateContent`, model: MODEL, status: 0, fault: "hang" }])
    controller.abort()
    expect(await hung).toMatchObject({ name: "AbortError" })
  })
})

describe("the request log records structured-output schemas", () => {
  it("keeps the responseJsonSchema a request carried as its format", async () => {
    const schema = { type: "object", properties: { stories: { type: "array" } } }
    const { g, ai } = await start({ scenario: { replies: ['{"stories":[]}'] } })
    await ai().models.generateContent({ model: MODEL, contents: "stories", config: { responseMimeType: "application/json", responseJsonSchema: schema } })
    await ai().models.generateContent({ model: MODEL, contents: "plain" })
    expect(g.requests().map((request) => request.format)).toEqual([schema, undefined])
  })
})
