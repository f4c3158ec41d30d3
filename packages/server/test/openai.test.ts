/**
 * The OpenAI-compatible endpoints through OpenAI's own client (the `openai` package, no retries),
 * against the server over the standard stack (the real `erd` plugin, the Ollama client and VRAM
 * budget) and the testkit's Ollama emulator.
 */
import OpenAI from "openai"
import { LocalTimeout } from "@lfai/core"
import { describe, expect, it } from "vitest"
import { call, gatedServices, NOTE_MODEL, services, SNIPPET_MODEL, waitFor, withServer } from "./fixtures.ts"
import { emulated, ERD, leasesIn, MISTRAL } from "./support/stack.ts"

const client = (url: string, apiKey = "unused") => new OpenAI({ baseURL: `${url}/v1`, apiKey, maxRetries: 0, timeout: 30_000 })

/** The error a call failed with (an `OpenAI.APIError` for an HTTP error). */
const failureOf = async (promise: Promise<unknown>): Promise<any> => {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error("expected the call to fail")
}

describe("OpenAI-compatible: the openai client against the standard stack and the Ollama emulator", () => {
  const { emulator, layer } = emulated()

  it("lists one model per artifact, answers a completion whose content is the ERD, and streams the same content", async () => {
    await withServer({ layer: layer() }, async ({ url }) => {
      const openai = client(url)
      const models = await openai.models.list()
      const ids = models.data.map((model) => model.id)
      expect(ids).toEqual(expect.arrayContaining(["lfai/erd", "lfai/sequence", "lfai/class"]))
      expect(models.data[0]).toMatchObject({ object: "model", owned_by: "lfai" })

      const completion = await openai.chat.completions.create({
        model: "lfai/erd",
        messages: [{ role: "user", content: "an online shop: customers, orders, line items" }],
        temperature: 0.1
      })
      expect(completion.object).toBe("chat.completion")
      expect(completion.model).toBe(MISTRAL)
      expect(completion.choices).toHaveLength(1)
      expect(completion.choices[0].message).toMatchObject({ role: "assistant", content: ERD })
      expect(completion.choices[0].finish_reason).toBe("stop")
      expect(completion.usage!.completion_tokens).toBeGreaterThan(0)
      expect(completion.usage!.total_tokens).toBe(completion.usage!.prompt_tokens + completion.usage!.completion_tokens)
      const lfai = (completion as any).lfai
      expect(lfai).toMatchObject({ artifact: "erd", provider: "ollama", model: MISTRAL, passed: true, content: ERD })
      const stream = await openai.chat.completions.create({
        model: "lfai/erd",
        messages: [{ role: "user", content: "an online shop: customers, orders, line items" }],
        stream: true,
        stream_options: { include_usage: true }
      })
      const chunks: Array<OpenAI.Chat.Completions.ChatCompletionChunk> = []
      for await (const chunk of stream) chunks.push(chunk)
      expect(chunks[0].choices[0].delta).toEqual({ role: "assistant", content: "" })
      const deltas = chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta.content ?? ""))
      expect(deltas.filter((delta) => delta !== "").length).toBeGreaterThan(1)
      expect(deltas.join("")).toBe(ERD)
      const finished = chunks.find((chunk) => chunk.choices[0]?.finish_reason === "stop")!
      expect((finished as any).lfai).toMatchObject({ passed: true, content: ERD })
      const usage = chunks.at(-1)!
      expect(usage.choices).toEqual([])
      expect(usage.usage!.completion_tokens).toBeGreaterThan(0)
      expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1)

      // The same as a plain stream: no usage chunk unless asked for.
      const plain = await openai.chat.completions.create({ model: "lfai/erd", messages: [{ role: "user", content: "a shop" }], stream: true })
      const plainChunks: Array<OpenAI.Chat.Completions.ChatCompletionChunk> = []
      for await (const chunk of plain) plainChunks.push(chunk)
      expect(plainChunks.every((chunk) => chunk.choices.length === 1 && chunk.usage === undefined)).toBe(true)
    })
  })

  it("answers errors in OpenAI's shape: an unknown model (404 naming the models), bad bodies (400 naming the field), a token (401)", async () => {
    await withServer({ layer: layer(), token: "s3cret" }, async ({ url }) => {
      const openai = client(url, "s3cret")
      const unknown = await failureOf(openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "an ERD" }] }))
      expect(unknown).toBeInstanceOf(OpenAI.NotFoundError)
      expect(unknown.status).toBe(404)
      expect(unknown.code).toBe("model_not_found")
      expect(unknown.param).toBe("model")
      expect(unknown.type).toBe("invalid_request_error")
      expect(unknown.message).toContain("lfai/erd")
      expect(unknown.message).toContain("lfai/sequence")

      const hot = await failureOf(openai.chat.completions.create({ model: "lfai/erd", messages: [{ role: "user", content: "an ERD" }], temperature: 5 }))
      expect(hot).toBeInstanceOf(OpenAI.BadRequestError)
      expect(hot.param).toBe("temperature")
      expect(hot.message).toMatch(/temperature.*0.*2/)

      const noUser = await failureOf(openai.chat.completions.create({ model: "lfai/erd", messages: [{ role: "system", content: "be brief" }] }))
      expect(noUser).toBeInstanceOf(OpenAI.BadRequestError)
      expect(noUser.param).toBe("messages")

      // The pipeline's own refusals come before any stream opens, with their status.
      const blank = await failureOf(openai.chat.completions.create({ model: "lfai/erd", messages: [{ role: "user", content: "   " }], stream: true }))
      expect(blank).toBeInstanceOf(OpenAI.BadRequestError)
      expect(blank.code).toBe("empty_prompt")
      expect(blank.param).toBe("messages")

      const param = await failureOf(
        openai.chat.completions.create({ model: "lfai/erd", messages: [{ role: "user", content: "an ERD" }], language: "csharp" } as any)
      )
      expect(param).toBeInstanceOf(OpenAI.BadRequestError)
      expect(param.param).toBe("language")

      const image = await failureOf(
        openai.chat.completions.create({
          model: "lfai/erd",
          messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,AA==" } }] }]
        })
      )
      expect(image).toBeInstanceOf(OpenAI.BadRequestError)
      expect(image.param).toMatch(/^messages\.0\.content/)

      const anonymous = await failureOf(client(url, "wrong").models.list())
      expect(anonymous).toBeInstanceOf(OpenAI.AuthenticationError)
      expect(anonymous.type).toBe("authentication_error")
      expect(anonymous.code).toBe("invalid_api_key")

      // The lfai routes keep lfai's shape.
      const lfai = await call(`${url}/v1/artifacts/nope`, { json: { prompt: "x" }, headers: { authorization: "Bearer s3cret" } })
      expect(lfai.body.error).toMatchObject({ code: "unknown_artifact" })
      expect(lfai.body.error.type).toBeUndefined()

      const spec = await call(`${url}/openapi.json`, { headers: { authorization: "Bearer s3cret" } })
      const chat = spec.body.paths["/v1/chat/completions"].post
      expect(Object.keys(chat.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "404", "413", "429", "502"]))
      expect(Object.keys(chat.responses["200"].content)).toEqual(expect.arrayContaining(["application/json", "text/event-stream"]))
      expect(spec.body.paths["/v1/models"].get).toBeDefined()
    })
  })

  it("returns the VRAM lease when a client hangs up mid-stream", async () => {
    await withServer({ layer: layer() }, async ({ url }) => {
      const openai = client(url)
      emulator().injectFaults([{ model: MISTRAL, on: "generate", kind: "hang", times: 1 }])
      const controller = new AbortController()
      const stream = await openai.chat.completions.create(
        { model: "lfai/erd", messages: [{ role: "user", content: "a library" }], stream: true },
        { signal: controller.signal }
      )
      const iterator = stream[Symbol.asyncIterator]()
      const first = await iterator.next()
      expect(first.value.choices[0].delta.role).toBe("assistant")
      await waitFor(async () => leasesIn((await call(`${url}/v1/vram`)).body) > 0, "the stream's lease in /v1/vram")
      controller.abort()
      await waitFor(async () => leasesIn((await call(`${url}/v1/vram`)).body) === 0, "the lease back in /v1/vram after the hang-up")
    })
  })
})

describe("OpenAI-compatible: how a chat request becomes an artifact request", () => {
  it("takes the last user message as the prompt, appends system messages to the artifact's system prompt, passes temperature and parameters", async () => {
    const { layer, local } = services({ [NOTE_MODEL]: ["GOOD note"], [SNIPPET_MODEL]: ["cs class A {}"] })
    await withServer({ layer }, async ({ url }) => {
      const openai = client(url)
      const completion = await openai.chat.completions.create({
        model: "lfai/note",
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: "a first request" },
          { role: "assistant", content: "GOOD first" },
          { role: "developer", content: [{ type: "text", text: "Use plain words." }] },
          { role: "user", content: [{ type: "text", text: "the shopping list" }, { type: "text", text: "for Sunday" }] }
        ],
        temperature: 0.7,
        max_tokens: 100,
        top_p: 0.9,
        n: 1,
        user: "someone"
      })
      expect(completion.choices[0].message.content).toBe("GOOD note")
      expect(local.calls[0]).toMatchObject({ prompt: "Note about: the shopping list\nfor Sunday", temperature: 0.7 })
      expect(local.calls[0].system).toMatch(/^Write a note\.[\s\S]*Be brief\.\n\nUse plain words\.$/)

      const snippet = await openai.chat.completions.create({ model: "lfai/snippet", messages: [{ role: "user", content: "a class" }], language: "cs" } as any)
      expect((snippet as any).lfai).toMatchObject({ artifact: "snippet", passed: true })
      expect(local.calls[1].prompt).toBe("cs: a class")

      // A field OpenAI has and lfai cannot honour is named, not ignored.
      const tools = await failureOf(
        openai.chat.completions.create({
          model: "lfai/note",
          messages: [{ role: "user", content: "x" }],
          tools: [{ type: "function", function: { name: "f", parameters: {} } }]
        })
      )
      expect(tools).toBeInstanceOf(OpenAI.BadRequestError)
      expect(tools.param).toBe("tools")
      const two = await failureOf(openai.chat.completions.create({ model: "lfai/note", messages: [{ role: "user", content: "x" }], n: 2 }))
      expect(two.param).toBe("n")
    })
  })

  it("answers a result that did not pass with its best draft (200, lfai.passed false), and a generation with no content as a 502", async () => {
    const { layer } = services({ [NOTE_MODEL]: ["MEH draft"] })
    await withServer({ layer }, async ({ url }) => {
      const completion = await client(url).chat.completions.create({ model: "lfai/note", messages: [{ role: "user", content: "a note" }] })
      expect(completion.choices[0].message.content).toBe("MEH draft")
      expect((completion as any).lfai).toMatchObject({ passed: false, score: 60 })
      expect((completion as any).lfai.reason).toBeDefined()
    })
    const timeout = new LocalTimeout({ model: NOTE_MODEL, afterMs: 5 })
    await withServer({ layer: services({ [NOTE_MODEL]: [{ fail: timeout }] }).layer }, async ({ url }) => {
      const openai = client(url)
      const none = await failureOf(openai.chat.completions.create({ model: "lfai/note", messages: [{ role: "user", content: "a note" }] }))
      expect(none).toBeInstanceOf(OpenAI.InternalServerError)
      expect(none.status).toBe(502)
      expect(none.code).toBe("no_content")
      expect(none.error.lfai.attempts[0]).toMatchObject({ error: { tag: "LocalTimeout" } })
      // Streamed, the refusal comes after the stream opened (the request was routed): as an error event.
      const stream = await openai.chat.completions.create({ model: "lfai/note", messages: [{ role: "user", content: "a note" }], stream: true })
      const failed = await failureOf((async () => {
        for await (const _ of stream) void _
      })())
      expect(failed).toBeInstanceOf(OpenAI.APIError)
      expect(failed.message).toContain("no attempt")
    })
  })

  it("holds to the same limits as the rest of the API: body and prompt size (413), the per-client cap (429)", async () => {
    const { layer } = services({ [NOTE_MODEL]: ["GOOD note"] }, { server: { max_body_kb: 4 }, validation: { max_prompt_kb: 1 } })
    await withServer({ layer }, async ({ url }) => {
      const openai = client(url)
      const body = await failureOf(openai.chat.completions.create({ model: "lfai/note", messages: [{ role: "user", content: "x".repeat(8 * 1024) }] }))
      expect(body.status).toBe(413)
      expect(body.code).toBe("body_too_large")
      const prompt = await failureOf(openai.chat.completions.create({ model: "lfai/note", messages: [{ role: "user", content: "x".repeat(2 * 1024) }] }))
      expect(prompt.status).toBe(413)
      expect(prompt.code).toBe("prompt_too_large")
      expect(prompt.param).toBe("messages")
    })

    const { layer: gated, models } = gatedServices({ server: { max_concurrent_per_client: 1 } })
    await withServer({ layer: gated }, async ({ url }) => {
      const openai = client(url)
      const first = await openai.chat.completions.create({ model: "lfai/note", messages: [{ role: "user", content: "a note" }], stream: true })
      await waitFor(() => models.held() > 0, "the first stream's lease")
      const second = await failureOf(openai.chat.completions.create({ model: "lfai/note", messages: [{ role: "user", content: "another" }] }))
      expect(second).toBeInstanceOf(OpenAI.RateLimitError)
      expect(second.type).toBe("rate_limit_error")
      models.release()
      let content = ""
      for await (const chunk of first) content += chunk.choices[0]?.delta.content ?? ""
      expect(content).toBe("GOOD gated")
    })
  })
})
