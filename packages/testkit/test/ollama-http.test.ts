/** The Ollama emulator on the wire: status codes, error bodies, keep-alive and the simulated GPU. */
import { Ollama } from "ollama"
import { afterEach, describe, expect, it } from "vitest"
import { estimateModelMemory, startOllama, type OllamaEmulatorHandle, type StartOllamaOptions } from "../src/index.ts"
import { call, manualClock, post, until } from "./helpers.ts"

const MISTRAL = "mistral:7b-instruct-q4_K_M"
const CODELLAMA = "codellama:7b-instruct-q4_K_M"
const LLAMA3 = "llama3:8b-instruct-q4_K_M"
const QWEN = "qwen2.5-coder:7b-instruct-q4_K_M"
const GiB = 2 ** 30

const started: Array<OllamaEmulatorHandle> = []
const start = async (options: StartOllamaOptions = {}) => {
  const handle = await startOllama(options)
  started.push(handle)
  return handle
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((h) => h.close()))
})

const ps = async (url: string): Promise<Array<Record<string, any>>> => (await call(`${url}/api/ps`, "GET")).json().models

describe("routes, status codes and error bodies", () => {
  it("answers / and HEAD / as the server does", async () => {
    const o = await start()
    const root = await call(`${o.url}/`, "GET")
    expect(root.status).toBe(200)
    expect(root.text).toBe("Ollama is running")
    const head = await call(`${o.url}/`, "HEAD")
    expect(head.status).toBe(200)
    expect(head.text).toBe("")
    expect((await call(`${o.url}/api/version`, "GET")).json()).toEqual({ version: "0.12.10" })
  })

  it("404s unknown routes and 405s wrong methods with gin's plain-text bodies", async () => {
    const o = await start()
    const missing = await call(`${o.url}/api/nope`, "GET")
    expect(missing.status).toBe(404)
    expect(missing.text).toBe("404 page not found")
    const wrong = await call(`${o.url}/api/generate`, "GET")
    expect(wrong.status).toBe(405)
    expect(wrong.text).toBe("405 method not allowed")
  })

  it("rejects bad bodies with 400 and encoding/json's words", async () => {
    const o = await start()
    const cases: Array<[string, string]> = [
      ["", "missing request body"],
      ["{bad", "invalid character 'b' looking for beginning of object key string"],
      ['{"model": "x"', "unexpected EOF"],
      ["hello", "invalid character 'h' looking for beginning of value"],
      ["[1]", "json: cannot unmarshal array into Go value of type api.GenerateRequest"],
      ['{"model": 5}', "json: cannot unmarshal number into Go struct field GenerateRequest.model of type string"],
      [`{"model": "${MISTRAL}", "stream": "no"}`, "json: cannot unmarshal string into Go struct field GenerateRequest.stream of type bool"],
      [`{"model": "${MISTRAL}", "keep_alive": "5x"}`, 'time: unknown unit "x" in duration "5x"'],
      [`{"model": "${MISTRAL}", "keep_alive": "300"}`, 'time: missing unit in duration "300"'],
      [`{"model": "${MISTRAL}", "keep_alive": true}`, "Unsupported type: 'bool'"]
    ]
    for (const [body, message] of cases) {
      const r = await post(`${o.url}/api/generate`, body)
      expect(r.status, body).toBe(400)
      expect(r.headers.get("content-type")).toBe("application/json; charset=utf-8")
      expect(r.json(), body).toEqual({ error: message })
    }
    const chat = await post(`${o.url}/api/chat`, { model: MISTRAL, messages: "hi" })
    expect(chat.json()).toEqual({ error: "json: cannot unmarshal string into Go struct field ChatRequest.messages of type []api.Message" })
  })

  it("words model errors as routes.go does", async () => {
    const o = await start({ scenario: { models: { "gone:1b": { present: false } } } })
    expect(await post(`${o.url}/api/generate`, { model: "", prompt: "x" }).then((r) => [r.status, r.json()])).toEqual([404, { error: "model '' not found" }])
    expect(await post(`${o.url}/api/chat`, { model: "", messages: [] }).then((r) => [r.status, r.json()])).toEqual([400, { error: "model is required" }])
    expect(await post(`${o.url}/api/generate`, { model: "bad name!", prompt: "x" }).then((r) => [r.status, r.json()])).toEqual([400, { error: "invalid model name" }])
    expect(await post(`${o.url}/api/generate`, { model: "gone:1b", prompt: "x" }).then((r) => [r.status, r.json()])).toEqual([404, { error: 'model "gone:1b" not found, try pulling it first' }])
    expect(await post(`${o.url}/api/show`, { model: "gone:1b" }).then((r) => [r.status, r.json()])).toEqual([404, { error: "model 'gone:1b' not found" }])
    expect(await post(`${o.url}/api/show`, {}).then((r) => [r.status, r.json()])).toEqual([400, { error: "model is required" }])
    const del = await call(`${o.url}/api/delete`, "DELETE", { model: "gone:1b" })
    expect([del.status, del.json()]).toEqual([404, { error: "model 'gone:1b' not found" }])
  })

  it("refuses what the model cannot do, and options of the wrong type", async () => {
    const o = await start()
    const think = await post(`${o.url}/api/generate`, { model: LLAMA3, prompt: "x", think: true })
    expect([think.status, think.json()]).toEqual([400, { error: `"${LLAMA3}" does not support thinking` }])
    const tools = await post(`${o.url}/api/chat`, { model: LLAMA3, messages: [{ role: "user", content: "x" }], tools: [{ type: "function", function: { name: "f" } }] })
    expect([tools.status, tools.json()]).toEqual([400, { error: `registry.ollama.ai/library/${LLAMA3} does not support tools` }])
    const toolsOk = await post(`${o.url}/api/chat`, { model: MISTRAL, messages: [{ role: "user", content: "x" }], tools: [{ type: "function", function: { name: "f" } }], stream: false })
    expect(toolsOk.status).toBe(200)
    const option = await post(`${o.url}/api/generate`, { model: MISTRAL, prompt: "x", options: { num_ctx: "big" } })
    expect([option.status, option.json()]).toEqual([500, { error: 'option "num_ctx" must be of type integer' }])
    const raw = await post(`${o.url}/api/generate`, { model: MISTRAL, prompt: "x", raw: true, system: "s" })
    expect([raw.status, raw.json()]).toEqual([400, { error: "raw mode does not support template, system, or context" }])
    const long = await post(`${o.url}/api/generate`, { model: MISTRAL, prompt: "word ".repeat(100), truncate: false, options: { num_ctx: 16 }, stream: false })
    expect([long.status, long.json()]).toEqual([400, { error: "the input length exceeds the context length" }])
    const truncated = await post(`${o.url}/api/generate`, { model: MISTRAL, prompt: "word ".repeat(100), options: { num_ctx: 16 }, stream: false })
    expect(truncated.status).toBe(200)
    expect(truncated.json().prompt_eval_count).toBe(16)
  })

  it("streams NDJSON by default and one JSON object with stream: false", async () => {
    const o = await start({ scenario: { models: { [MISTRAL]: { replies: ["a b c"] } } } })
    const streamed = await post(`${o.url}/api/generate`, { model: MISTRAL, prompt: "x" })
    expect(streamed.headers.get("content-type")).toBe("application/x-ndjson")
    const lines = streamed.text.trimEnd().split("\n").map((l) => JSON.parse(l))
    expect(lines.map((l) => l.response).join("")).toBe("a b c")
    expect(lines.at(-1)).toMatchObject({ done: true, done_reason: "stop" })
    expect(Object.keys(lines.at(-1))).toEqual([
      "model",
      "created_at",
      "response",
      "done",
      "done_reason",
      "context",
      "total_duration",
      "load_duration",
      "prompt_eval_count",
      "prompt_eval_duration",
      "eval_count",
      "eval_duration"
    ])
    const single = await post(`${o.url}/api/chat`, { model: MISTRAL, messages: [{ role: "user", content: "x" }], stream: false })
    expect(single.headers.get("content-type")).toBe("application/json; charset=utf-8")
    expect(Object.keys(single.json()).slice(0, 5)).toEqual(["model", "created_at", "message", "done", "done_reason"])
  })
})

describe("loading, unloading and keep_alive", () => {
  it("an empty prompt loads the model; keep_alive 0 unloads it (generate and chat forms)", async () => {
    const clock = manualClock()
    const o = await start({ now: clock.now })
    const load = await post(`${o.url}/api/generate`, { model: MISTRAL })
    expect(load.status).toBe(200)
    expect(load.headers.get("content-type")).toBe("application/json; charset=utf-8")
    expect(load.json()).toMatchObject({ model: MISTRAL, response: "", done: true, done_reason: "load" })
    expect((await ps(o.url)).map((m) => m.name)).toEqual([MISTRAL])
    const chatLoad = await post(`${o.url}/api/chat`, { model: QWEN, messages: [] })
    expect(chatLoad.json()).toMatchObject({ model: QWEN, message: { role: "assistant", content: "" }, done: true, done_reason: "load" })
    const unload = await post(`${o.url}/api/generate`, { model: MISTRAL, keep_alive: 0 })
    expect(unload.json()).toMatchObject({ done: true, done_reason: "unload" })
    const chatUnload = await post(`${o.url}/api/chat`, { model: QWEN, messages: [], keep_alive: 0 })
    expect(chatUnload.json()).toMatchObject({ message: { role: "assistant", content: "" }, done_reason: "unload" })
    expect(await ps(o.url)).toEqual([])
    // unloading a model that is not loaded is fine too
    expect((await post(`${o.url}/api/generate`, { model: LLAMA3, keep_alive: 0 })).status).toBe(200)
  })

  it("expires idle models on the emulator's clock: default 5m, durations, numbers as seconds", async () => {
    const clock = manualClock()
    const o = await start({ now: clock.now, scenario: { gpu_gb: 48 } })
    await post(`${o.url}/api/generate`, { model: MISTRAL })
    await post(`${o.url}/api/generate`, { model: LLAMA3, keep_alive: "90s" })
    await post(`${o.url}/api/generate`, { model: QWEN, keep_alive: 30 })
    const models = await ps(o.url)
    expect(Object.fromEntries(models.map((m) => [m.name, Date.parse(m.expires_at) - clock.now()]))).toEqual({ [MISTRAL]: 300_000, [LLAMA3]: 90_000, [QWEN]: 30_000 })
    expect(models.map((m) => m.name)).toEqual([MISTRAL, LLAMA3, QWEN])
    clock.advance(30_000)
    expect((await ps(o.url)).map((m) => m.name)).toEqual([MISTRAL, LLAMA3])
    clock.advance(60_000)
    expect((await ps(o.url)).map((m) => m.name)).toEqual([MISTRAL])
    clock.advance(209_999)
    expect((await ps(o.url)).map((m) => m.name)).toEqual([MISTRAL])
    clock.advance(1)
    expect(await ps(o.url)).toEqual([])
  })

  it("a negative keep_alive keeps the model forever, and later requests without keep_alive keep that", async () => {
    const clock = manualClock()
    const o = await start({ now: clock.now })
    await post(`${o.url}/api/generate`, { model: CODELLAMA, keep_alive: -1 })
    const [forever] = await ps(o.url)
    expect(new Date(forever.expires_at).getUTCFullYear()).toBeGreaterThan(2300)
    await post(`${o.url}/api/generate`, { model: CODELLAMA, prompt: "x", stream: false })
    clock.advance(1000 * 24 * 3600_000)
    expect((await ps(o.url)).map((m) => m.name)).toEqual([CODELLAMA])
    await post(`${o.url}/api/generate`, { model: CODELLAMA, prompt: "x", stream: false, keep_alive: "1m" })
    clock.advance(60_000)
    expect(await ps(o.url)).toEqual([])
  })

  it("keep_alive 0 with a prompt answers, then unloads", async () => {
    const o = await start()
    const r = await post(`${o.url}/api/generate`, { model: MISTRAL, prompt: "x", keep_alive: 0, stream: false })
    expect(r.json().done).toBe(true)
    expect(await ps(o.url)).toEqual([])
  })

  it("uses the VRAM-tier default context when num_ctx is not sent, capped at the model's", async () => {
    const small = await start({ scenario: { gpu_gb: 12 } })
    await post(`${small.url}/api/generate`, { model: MISTRAL })
    expect((await ps(small.url))[0].context_length).toBe(4096)
    const big = await start({ scenario: { gpu_gb: 24 } })
    await post(`${big.url}/api/generate`, { model: MISTRAL })
    await post(`${big.url}/api/generate`, { model: LLAMA3 })
    const ctx = Object.fromEntries((await ps(big.url)).map((m) => [m.name, m.context_length]))
    expect(ctx).toEqual({ [MISTRAL]: 32768, [LLAMA3]: 8192 })
  })

  it("reloads a model whose num_ctx changes, and reports the sizes of the new load", async () => {
    const o = await start({ scenario: { gpu_gb: 24 } })
    await post(`${o.url}/api/generate`, { model: MISTRAL, options: { num_ctx: 2048 } })
    const before = (await ps(o.url))[0]
    await post(`${o.url}/api/generate`, { model: MISTRAL, options: { num_ctx: 8192 } })
    const after = await ps(o.url)
    expect(after).toHaveLength(1)
    expect(after[0].context_length).toBe(8192)
    expect(after[0].size - before.size).toBe(estimateModelMemory(MISTRAL, { numCtx: 8192 }).size - estimateModelMemory(MISTRAL, { numCtx: 2048 }).size)
    // temperature is not a runner option: no reload
    await post(`${o.url}/api/generate`, { model: MISTRAL, options: { num_ctx: 8192, temperature: 0.1 } })
    expect((await ps(o.url))[0].size).toBe(after[0].size)
  })
})

describe("the simulated GPU", () => {
  const sumVram = (models: Array<Record<string, any>>) => models.reduce((s, m) => s + m.size_vram, 0)

  it("reports the sizes Ollama's estimate gives, and evicts an idle model when the next does not fit", async () => {
    const o = await start({ scenario: { gpu_gb: 12 } })
    const client = new Ollama({ host: o.url })
    await client.generate({ model: CODELLAMA, prompt: "", keep_alive: -1, options: { num_ctx: 4096 } })
    const [codellama] = (await client.ps()).models
    expect(codellama.size_vram).toBe(estimateModelMemory(CODELLAMA, { numCtx: 4096 }).sizeVram)
    expect(codellama.size_vram).toBe(codellama.size)
    // codellama (6.7 GiB) + llama3 (5.7 GiB) > 12 GiB: the idle codellama goes, though it was pinned
    await client.generate({ model: LLAMA3, prompt: "", options: { num_ctx: 4096 } })
    const after = (await client.ps()).models
    expect(after.map((m) => m.name)).toEqual([LLAMA3])
    expect(sumVram(after)).toBeLessThanOrEqual(12 * GiB)
    // qwen (5.2 GiB) fits beside llama3
    await client.generate({ model: QWEN, prompt: "", options: { num_ctx: 4096 } })
    const both = (await client.ps()).models
    expect(both.map((m) => m.name).sort()).toEqual([LLAMA3, QWEN].sort())
    expect(sumVram(both)).toBeLessThanOrEqual(12 * GiB)
  })

  it("evicts by keep-alive duration then name, not by recency", async () => {
    const o = await start({ scenario: { gpu_gb: 48, max_loaded_models: 3 } })
    await post(`${o.url}/api/generate`, { model: MISTRAL, keep_alive: "1m" })
    await post(`${o.url}/api/generate`, { model: LLAMA3, keep_alive: -1 })
    await post(`${o.url}/api/generate`, { model: QWEN, keep_alive: "10m" })
    // mistral is used last, but has the shortest keep-alive: it is the one to go
    await post(`${o.url}/api/generate`, { model: MISTRAL, prompt: "x", stream: false })
    await post(`${o.url}/api/generate`, { model: CODELLAMA })
    expect((await ps(o.url)).map((m) => m.name).sort()).toEqual([CODELLAMA, LLAMA3, QWEN].sort())
  })

  it("holds at most max_loaded_models, whatever the VRAM", async () => {
    const o = await start({ scenario: { gpu_gb: 80, max_loaded_models: 2 } })
    for (const model of [MISTRAL, LLAMA3, QWEN, CODELLAMA]) {
      await post(`${o.url}/api/generate`, { model })
      expect((await ps(o.url)).length).toBeLessThanOrEqual(2)
    }
    expect((await ps(o.url)).map((m) => m.name).sort()).toEqual([CODELLAMA, QWEN].sort())
  })

  it("offloads layers to the CPU when a model alone does not fit (size_vram < size)", async () => {
    const o = await start({ scenario: { gpu_gb: 4 } })
    await post(`${o.url}/api/generate`, { model: MISTRAL, options: { num_ctx: 4096 } })
    const [m] = await ps(o.url)
    expect(m.size_vram).toBeGreaterThan(0)
    expect(m.size_vram).toBeLessThan(m.size)
    expect(m.size_vram).toBeLessThanOrEqual(4 * GiB)
    expect(m.size_vram).toBe(estimateModelMemory(MISTRAL, { numCtx: 4096, freeGb: 4 }).sizeVram)
    const state = o.state()
    expect(state.usedVramBytes).toBe(m.size_vram)
  })

  it("num_gpu 0 runs on the CPU (size_vram 0)", async () => {
    const o = await start()
    await post(`${o.url}/api/generate`, { model: QWEN, options: { num_gpu: 0 } })
    const [m] = await ps(o.url)
    expect(m.size_vram).toBe(0)
    expect(m.size).toBeGreaterThan(4 * GiB)
  })

  it("num_parallel multiplies the KV cache in the footprint", async () => {
    const one = await start({ scenario: { gpu_gb: 24, num_parallel: 1 } })
    const four = await start({ scenario: { gpu_gb: 24, num_parallel: 4 } })
    for (const o of [one, four]) await post(`${o.url}/api/generate`, { model: CODELLAMA, options: { num_ctx: 2048 } })
    const [a] = await ps(one.url)
    const [b] = await ps(four.url)
    expect(a.context_length).toBe(2048)
    expect(b.size - a.size).toBe(estimateModelMemory(CODELLAMA, { numCtx: 2048, numParallel: 4 }).size - estimateModelMemory(CODELLAMA, { numCtx: 2048 }).size)
    expect(b.size - a.size).toBeGreaterThan(3 * GiB)
  })

  it("waits for a busy model to finish before evicting it, and never exceeds the card", async () => {
    // mistral answers only after a minute: the test ends its request by aborting it
    const o = await start({ scenario: { gpu_gb: 8, models: { [MISTRAL]: { latency_ms: 60_000 } } } })
    const controller = new AbortController()
    const first = call(`${o.url}/api/generate`, "POST", { model: MISTRAL, prompt: "slow", stream: false }, {}, controller.signal).catch((e: unknown) => e)
    await until(() => o.state().loaded.some((m) => m.name === MISTRAL && m.busy === 1), "mistral busy")
    const second = post(`${o.url}/api/generate`, { model: LLAMA3, prompt: "next", stream: false })
    await until(() => o.state().pendingLoads === 1, "llama3 waiting")
    // llama3 (5.7 GiB) does not fit beside mistral (5.4 GiB) on 8 GiB, and mistral is busy: it waits
    expect(o.state().loaded.map((m) => [m.name, m.busy])).toEqual([[MISTRAL, 1]])
    controller.abort()
    expect(await first).toMatchObject({ name: "AbortError" })
    const b = await second
    expect(b.status).toBe(200)
    const models = await ps(o.url)
    expect(models.map((m) => m.name)).toEqual([LLAMA3])
    expect(sumVram(models)).toBeLessThanOrEqual(8 * GiB)
    expect(o.state().pendingLoads).toBe(0)
  })

  for (const parallel of [1, 2]) {
    it(`serves num_parallel (${parallel}) requests of one model at a time; the rest queue`, async () => {
      const o = await start({ scenario: { num_parallel: parallel, models: { [MISTRAL]: { latency_ms: 60_000 } } } })
      const controller = new AbortController()
      const requests = [0, 1, 2].map((i) =>
        call(`${o.url}/api/generate`, "POST", { model: MISTRAL, prompt: `r${i}`, stream: false }, {}, controller.signal).catch((e: unknown) => e)
      )
      await until(() => o.state().loaded.some((m) => m.busy === 3), "three requests holding the runner")
      expect(o.state().loaded[0].active).toBe(parallel)
      controller.abort()
      expect((await Promise.all(requests)).map((r) => (r as Error).name)).toEqual(["AbortError", "AbortError", "AbortError"])
      // aborted requests give the runner back: idle, keep-alive running
      await until(() => o.state().loaded[0]?.busy === 0, "the runner released")
      expect(o.state().loaded[0]).toMatchObject({ name: MISTRAL, busy: 0, active: 0 })
    })
  }
})

describe("models the catalogue does not name", () => {
  it("exist when the scenario declares them: present, a neutral reply, Llama 3.1 8B sizes; `like` borrows another model's", async () => {
    const o = await start({ scenario: { models: { "my-model": {}, "team/erd-tuned:v1": { like: CODELLAMA, replies: ["erDiagram"] } } } })
    const r = await post(`${o.url}/api/generate`, { model: "my-model", prompt: "x", stream: false })
    expect(r.json().response).toContain("no reply was scripted")
    const tags = (await call(`${o.url}/api/tags`, "GET")).json().models.map((m: { name: string }) => m.name)
    expect(tags).toContain("my-model:latest")
    expect(tags).toContain("team/erd-tuned:v1")
    const show = (await post(`${o.url}/api/show`, { model: "team/erd-tuned:v1" })).json()
    expect(show.details.parameter_size).toBe("6.7B")
    expect(show.model_info["llama.attention.head_count_kv"]).toBe(32)
    await post(`${o.url}/api/generate`, { model: "team/erd-tuned:v1", options: { num_ctx: 4096 } })
    const loaded = (await ps(o.url)).find((m) => m.name === "team/erd-tuned:v1")!
    expect(loaded.size).toBe(estimateModelMemory(CODELLAMA, { numCtx: 4096 }).size)
    expect((await post(`${o.url}/api/show`, { model: "my-model" })).json().model_info["llama.context_length"]).toBe(131072)
  })

  it("do not exist otherwise: 404 on show and generate, and a pull fails as Ollama's does", async () => {
    const o = await start()
    expect(await post(`${o.url}/api/generate`, { model: "nosuch:model", prompt: "x", stream: false })).toMatchObject({
      status: 404,
      text: JSON.stringify({ error: 'model "nosuch:model" not found, try pulling it first' })
    })
    expect((await post(`${o.url}/api/show`, { model: "nosuch:model" })).status).toBe(404)
    const pulled = await post(`${o.url}/api/pull`, { model: "nosuch:model", stream: false })
    expect([pulled.status, pulled.json()]).toEqual([500, { error: "pull model manifest: file does not exist" }])
    const streamed = (await post(`${o.url}/api/pull`, { model: "nosuch:model" })).text.trim().split("\n").map((line) => JSON.parse(line))
    expect(streamed).toEqual([{ status: "pulling manifest" }, { error: "pull model manifest: file does not exist" }])
    const tags = (await call(`${o.url}/api/tags`, "GET")).json().models.map((m: { name: string }) => m.name)
    expect(tags).not.toContain("nosuch:model")
    expect((await post(`${o.url}/api/generate`, { model: "nosuch:model", prompt: "x", stream: false })).status).toBe(404)
  })
})

describe("the request log", () => {
  it("records every request but /_emulator/* with time, method, path, model and status", async () => {
    const clock = manualClock()
    const o = await start({ now: clock.now, scenario: { models: { "gone:1b": { present: false } } } })
    await post(`${o.url}/api/generate`, { model: MISTRAL, prompt: "x", stream: false })
    await post(`${o.url}/api/generate`, { model: "gone:1b", prompt: "x" })
    await call(`${o.url}/api/tags`, "GET")
    const log = (await call(`${o.url}/_emulator/requests`, "GET")).json()
    expect(log).toEqual({
      requests: [
        { at: new Date(clock.now()).toISOString(), method: "POST", path: "/api/generate", model: MISTRAL, status: 200 },
        { at: new Date(clock.now()).toISOString(), method: "POST", path: "/api/generate", model: "gone:1b", status: 404 },
        { at: new Date(clock.now()).toISOString(), method: "GET", path: "/api/tags", status: 200 }
      ]
    })
    expect(o.requests()).toEqual(log.requests)
    await call(`${o.url}/_emulator/requests`, "DELETE")
    expect(o.requests()).toEqual([])
  })

  it("shows that no request was sent", async () => {
    const o = await start()
    expect((await call(`${o.url}/_emulator/requests`, "GET")).json()).toEqual({ requests: [] })
  })

  it("is a bounded ring buffer", async () => {
    const o = await start({ requestLogLimit: 4 })
    for (let i = 0; i < 10; i++) await call(`${o.url}/api/version`, "GET")
    await call(`${o.url}/api/tags`, "GET")
    const paths = o.requests().map((r) => r.path)
    expect(paths).toEqual(["/api/version", "/api/version", "/api/version", "/api/tags"])
  })

  it("exposes the GPU state and accepts faults at run time", async () => {
    const o = await start({ scenario: { gpu_gb: 16 } })
    await post(`${o.url}/api/generate`, { model: QWEN })
    const state = (await call(`${o.url}/_emulator/state`, "GET")).json()
    expect(state).toMatchObject({ gpuBytes: 16 * GiB, maxLoadedModels: 3, numParallel: 1 })
    expect(state.loaded[0]).toMatchObject({ name: QWEN, busy: 0 })
    const added = await post(`${o.url}/_emulator/faults`, { faults: [{ on: "show", kind: "http_503" }] })
    expect(added.json().faults).toEqual([{ on: "show", kind: "http_503", left: 1 }])
    expect((await post(`${o.url}/api/show`, { model: QWEN })).status).toBe(503)
    expect((await post(`${o.url}/_emulator/faults`, { faults: [{ kind: "boom" }] })).status).toBe(400)
  })
})
