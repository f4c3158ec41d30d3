/** Conformance: the real `ollama` client (what runtime-ollama uses) against the emulator. */
import { Ollama, type ProgressResponse } from "ollama"
import { afterEach, describe, expect, it } from "vitest"
import { startOllama, type OllamaEmulatorHandle, type StartOllamaOptions } from "../src/index.ts"

const MISTRAL = "mistral:7b-instruct-q4_K_M"
const CODELLAMA = "codellama:7b-instruct-q4_K_M"
const LLAMA3 = "llama3:8b-instruct-q4_K_M"
const QWEN = "qwen2.5-coder:7b-instruct-q4_K_M"

const started: Array<OllamaEmulatorHandle> = []
const start = async (options: StartOllamaOptions = {}) => {
  const handle = await startOllama(options)
  started.push(handle)
  return { handle, client: new Ollama({ host: handle.url }) }
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((h) => h.close()))
})

describe("generate and chat through the ollama client", () => {
  it("generate (stream: false) returns the scripted reply with the final statistics", async () => {
    const { client } = await start({ scenario: { models: { [MISTRAL]: { replies: ["erDiagram\n  A ||--o{ B : has"] } } } })
    const r = await client.generate({ model: MISTRAL, prompt: "an ERD", system: "You draw Mermaid.", format: "json", options: { num_ctx: 4096, temperature: 0.2, num_predict: 512 } })
    expect(r.model).toBe(MISTRAL)
    expect(r.response).toBe("erDiagram\n  A ||--o{ B : has")
    expect(r.done).toBe(true)
    expect(r.done_reason).toBe("stop")
    for (const key of ["total_duration", "load_duration", "prompt_eval_count", "prompt_eval_duration", "eval_count", "eval_duration"] as const) {
      expect(r[key], key).toBeGreaterThan(0)
    }
    expect(r.eval_count).toBe(r.context.length - r.prompt_eval_count)
    expect(Number.isNaN(Date.parse(String(r.created_at)))).toBe(false)
  })

  it("replies are consumed in order and the last one repeats", async () => {
    const { client } = await start({ scenario: { models: { [LLAMA3]: { replies: ["one", "two"] } } } })
    const texts: Array<string> = []
    for (let i = 0; i < 4; i++) texts.push((await client.generate({ model: LLAMA3, prompt: `call ${i}` })).response ?? "")
    expect(texts).toEqual(["one", "two", "two", "two"])
  })

  it("a { match, reply } answers the requests whose system prompt and prompt match it, first match first, never consumed", async () => {
    const replies = [
      { match: "inactive participant", reply: "fixed sequence" },
      { match: "sequenceDiagram", reply: "first sequence" },
      { match: "You are a data modeller[\\s\\S]*library", reply: "library ERD" },
      "plain one",
      "plain two"
    ]
    const { client } = await start({ scenario: { models: { [MISTRAL]: { replies } } } })
    const ask = async (system: string, prompt: string) => (await client.generate({ model: MISTRAL, system, prompt })).response
    const chat = async (system: string, prompt: string) =>
      (await client.chat({ model: MISTRAL, messages: [{ role: "system", content: system }, { role: "user", content: prompt }] })).message.content
    expect(await ask("Answer with a sequenceDiagram.", "a checkout")).toBe("first sequence")
    expect(await chat("Answer with a sequenceDiagram.", "Fix it: Trying to inactivate an inactive participant (B)")).toBe("fixed sequence")
    expect(await chat("Answer with a sequenceDiagram.", "a checkout")).toBe("first sequence")
    // the regex spans the system prompt and the prompt (joined by a newline)
    expect(await chat("You are a data modeller.", "a library: books, loans")).toBe("library ERD")
    expect(await ask("You are a data modeller.", "a shop")).toBe("plain one")
    expect(await ask("", "anything")).toBe("plain two")
    expect(await ask("", "anything")).toBe("plain two")
  })

  it("generate streams NDJSON chunks that add up to the reply, the last one done with statistics", async () => {
    const reply = "flowchart TD\n  A[Start] --> B{Valid?}\n  B -->|yes| C[Done]"
    const { client } = await start({ scenario: { models: { [MISTRAL]: { replies: [reply], tokens_per_second: 2000 } } } })
    const stream = await client.generate({ model: MISTRAL, prompt: "a flowchart", stream: true })
    const chunks = []
    for await (const chunk of stream) chunks.push(chunk)
    expect(chunks.length).toBeGreaterThan(5)
    expect(chunks.slice(0, -1).every((c) => !c.done)).toBe(true)
    expect(chunks.map((c) => c.response).join("")).toBe(reply)
    const last = chunks[chunks.length - 1]
    expect(last).toMatchObject({ done: true, done_reason: "stop", response: "" })
    expect(last.eval_count).toBe(chunks.length - 1)
  })

  it("chat (stream: false and streamed) answers as the assistant", async () => {
    const { client } = await start({ scenario: { models: { [QWEN]: { replies: ["<html><body>hi</body></html>"] } } } })
    const r = await client.chat({ model: QWEN, messages: [{ role: "system", content: "HTML only" }, { role: "user", content: "a page" }], options: { num_ctx: 8192 } })
    expect(r.message).toEqual({ role: "assistant", content: "<html><body>hi</body></html>" })
    expect(r.done_reason).toBe("stop")
    expect(r.prompt_eval_count).toBeGreaterThan(0)
    const stream = await client.chat({ model: QWEN, messages: [{ role: "user", content: "again" }], stream: true })
    let text = ""
    let final
    for await (const chunk of stream) {
      text += chunk.message.content
      final = chunk
    }
    expect(text).toBe("<html><body>hi</body></html>")
    expect(final?.done).toBe(true)
    expect(final?.message.role).toBe("assistant")
  })

  it("num_predict cuts the answer with done_reason length", async () => {
    const { client } = await start({ scenario: { models: { [MISTRAL]: { replies: ["one two three four five six"] } } } })
    const r = await client.generate({ model: MISTRAL, prompt: "count", options: { num_predict: 3 } })
    expect(r.response).toBe("one two three")
    expect(r.done_reason).toBe("length")
    expect(r.eval_count).toBe(3)
  })

  it("an unknown (absent) model fails with the server's 404", async () => {
    const { client } = await start({ scenario: { models: { [MISTRAL]: { present: false } } } })
    const error = await client.generate({ model: MISTRAL, prompt: "x" }).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: "ResponseError", status_code: 404, error: `model "${MISTRAL}" not found, try pulling it first` })
    const chatError = await client.chat({ model: MISTRAL, messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e)
    expect(chatError).toMatchObject({ status_code: 404 })
  })

  it("abort() ends a streamed answer on the client and the server stops writing", async () => {
    const { client, handle } = await start({ scenario: { models: { [LLAMA3]: { replies: ["word ".repeat(400)], tokens_per_second: 200 } } } })
    const stream = await client.generate({ model: LLAMA3, prompt: "long", stream: true })
    let received = 0
    const error = await (async () => {
      for await (const chunk of stream) {
        received++
        if (received === 3) client.abort()
        if (chunk.done) break
      }
    })().catch((e: unknown) => e)
    expect((error as Error).name).toBe("AbortError")
    expect(received).toBeLessThan(400)
    // the runner is released: the model is idle again (refcount 0), nothing busy
    await expect.poll(() => handle.state().loaded.find((m) => m.name === LLAMA3)?.busy).toBe(0)
  })
})

describe("pull, list, show, ps, delete, version through the ollama client", () => {
  it("pull streams the real status sequence with per-layer progress, then the model is present", async () => {
    const { client } = await start({ scenario: { models: { [CODELLAMA]: { present: false } } } })
    expect((await client.list()).models.map((m) => m.name)).not.toContain(CODELLAMA)
    const events: Array<ProgressResponse> = []
    for await (const e of await client.pull({ model: CODELLAMA, stream: true })) events.push(e)
    const statuses = events.map((e) => e.status)
    expect(statuses[0]).toBe("pulling manifest")
    expect(statuses.slice(-3)).toEqual(["verifying sha256 digest", "writing manifest", "success"])
    const layers = events.filter((e) => e.digest)
    const model = layers.filter((e) => e.total > 4e9)
    expect(model.length).toBeGreaterThan(2)
    expect(model[0].status).toBe(`pulling ${model[0].digest.slice(7, 19)}`)
    expect(model.map((e) => e.completed ?? 0)).toEqual([...model.map((e) => e.completed ?? 0)].sort((a, b) => a - b))
    expect(model[model.length - 1].completed).toBe(model[0].total)
    expect(model[0].digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    const listed = (await client.list()).models.find((m) => m.name === CODELLAMA)
    expect(listed?.size).toBeGreaterThan(4.0e9)
    expect((await client.generate({ model: CODELLAMA, prompt: "code" })).done).toBe(true)
  })

  it("pull without streaming answers one success object; an unknown name fails as the registry does", async () => {
    const { client } = await start({ scenario: { models: { "nonexistent-model:latest": { present: false, pullable: false } } } })
    expect(await client.pull({ model: MISTRAL })).toEqual({ status: "success" })
    const error = await client.pull({ model: "nonexistent-model" }).catch((e: unknown) => e)
    expect(error).toMatchObject({ status_code: 500, error: "pull model manifest: file does not exist" })
    const streamed = await client.pull({ model: "nonexistent-model", stream: true })
    const seen: Array<string> = []
    const streamError = await (async () => {
      for await (const e of streamed) seen.push(e.status)
    })().catch((e: unknown) => e)
    expect(seen).toEqual(["pulling manifest"])
    expect((streamError as Error).message).toBe("pull model manifest: file does not exist")
  })

  it("list shows the present models with size, digest and details", async () => {
    const { client } = await start()
    const { models } = await client.list()
    expect(models.map((m) => m.name).sort()).toEqual([CODELLAMA, LLAMA3, MISTRAL, QWEN].sort())
    const qwen = models.find((m) => m.name === QWEN)!
    expect(qwen.model).toBe(QWEN)
    expect(qwen.digest).toMatch(/^[0-9a-f]{64}$/)
    expect(qwen.details).toEqual({ parent_model: "", format: "gguf", family: "qwen2", families: ["qwen2"], parameter_size: "7.6B", quantization_level: "Q4_K_M" })
  })

  it("show reports details, model_info from the GGUF metadata, template, capabilities, tensors", async () => {
    const { client } = await start({ scenario: { models: { "absent:1": { present: false } } } })
    const show = await client.show({ model: LLAMA3 })
    expect(show.details.family).toBe("llama")
    expect(show.model_info).toMatchObject({
      "general.architecture": "llama",
      "general.parameter_count": 8030261248,
      "llama.block_count": 32,
      "llama.embedding_length": 4096,
      "llama.attention.head_count": 32,
      "llama.attention.head_count_kv": 8,
      "llama.context_length": 8192,
      "llama.vocab_size": 128256,
      "tokenizer.ggml.tokens": []
    })
    expect(show.template).toContain("<|start_header_id|>")
    expect(show.capabilities).toContain("completion")
    expect(show.modelfile).toContain("# Modelfile generated by \"ollama show\"")
    expect(show.parameters).toContain("stop")
    const tensors = (show as unknown as { tensors: Array<{ name: string; type: string; shape: Array<number> }> }).tensors
    expect(tensors.find((t) => t.name === "output.weight")).toEqual({ name: "output.weight", type: "Q6_K", shape: [4096, 128256] })
    const missing = await client.show({ model: "absent:1" }).catch((e: unknown) => e)
    expect(missing).toMatchObject({ status_code: 404, error: "model 'absent:1' not found" })
  })

  it("ps lists loaded models with size, size_vram, expires_at and context_length", async () => {
    const { client } = await start({ scenario: { gpu_gb: 24 } })
    await client.generate({ model: MISTRAL, prompt: "x", options: { num_ctx: 4096 } })
    await client.chat({ model: QWEN, messages: [{ role: "user", content: "x" }], keep_alive: "10m", options: { num_ctx: 8192 } })
    const { models } = await client.ps()
    expect(models.map((m) => m.name).sort()).toEqual([MISTRAL, QWEN].sort())
    // longest remaining first
    expect(models[0].name).toBe(QWEN)
    const qwen = models[0]
    expect(qwen.size_vram).toBe(qwen.size)
    expect((qwen as unknown as { context_length: number }).context_length).toBe(8192)
    expect(qwen.details.parameter_size).toBe("7.6B")
    const remaining = new Date(qwen.expires_at).getTime() - Date.now()
    expect(remaining).toBeGreaterThan(5 * 60_000)
    expect(remaining).toBeLessThanOrEqual(10 * 60_000)
  })

  it("delete removes a model; generate then 404s until it is pulled again", async () => {
    const { client } = await start()
    expect(await client.delete({ model: MISTRAL })).toEqual({ status: "success" })
    expect((await client.list()).models.map((m) => m.name)).not.toContain(MISTRAL)
    await expect(client.generate({ model: MISTRAL, prompt: "x" })).rejects.toMatchObject({ status_code: 404 })
    await expect(client.delete({ model: MISTRAL })).rejects.toMatchObject({ status_code: 404 })
    await client.pull({ model: MISTRAL })
    expect((await client.generate({ model: MISTRAL, prompt: "x" })).done).toBe(true)
  })

  it("version reports a version string", async () => {
    const { client } = await start()
    expect((await client.version()).version).toMatch(/^\d+\.\d+\.\d+$/)
  })
})

describe("the request log records structured-output schemas", () => {
  it("keeps the format a chat or generate request carried, and none when it carried none", async () => {
    const schema = { type: "object", properties: { stories: { type: "array" } }, required: ["stories"] }
    const { handle, client } = await start({ scenario: { models: { [LLAMA3]: { replies: ['{"stories":[]}'] } } } })
    await client.chat({ model: LLAMA3, messages: [{ role: "user", content: "stories" }], format: schema })
    await client.generate({ model: LLAMA3, prompt: "any JSON", format: "json" })
    await client.chat({ model: LLAMA3, messages: [{ role: "user", content: "plain" }] })
    const logged = handle.requests().filter((request) => request.path === "/api/chat" || request.path === "/api/generate")
    expect(logged.map((request) => request.format)).toEqual([schema, "json", undefined])
    expect("format" in logged[2]).toBe(false)
  })
})
