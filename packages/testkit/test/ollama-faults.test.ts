/** Every scenario fault on the Ollama emulator, as a client experiences it. */
import { Ollama } from "ollama"
import { afterEach, describe, expect, it } from "vitest"
import { startOllama, type OllamaEmulatorHandle, type StartOllamaOptions } from "../src/index.ts"
import { call, post, until } from "./helpers.ts"

const MISTRAL = "mistral:7b-instruct-q4_K_M"
const LLAMA3 = "llama3:8b-instruct-q4_K_M"

const started: Array<OllamaEmulatorHandle> = []
const start = async (options: StartOllamaOptions = {}) => {
  const handle = await startOllama(options)
  started.push(handle)
  return { o: handle, client: new Ollama({ host: handle.url }) }
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((h) => h.close()))
})

describe("fault sequencing (the scenario contract)", () => {
  it("runs the scenario's list: first matching entry with uses left, ok passes through", async () => {
    const { o, client } = await start({
      scenario: {
        faults: [
          { model: MISTRAL, on: "generate", kind: "http_500" },
          { model: MISTRAL, on: "generate", kind: "ok" },
          { model: MISTRAL, on: "generate", kind: "http_503", times: 2 }
        ]
      }
    })
    const outcome = async () =>
      client.generate({ model: MISTRAL, prompt: "x" }).then(
        () => 200,
        (e: { status_code: number }) => e.status_code
      )
    expect([await outcome(), await outcome(), await outcome(), await outcome(), await outcome()]).toEqual([500, 200, 503, 503, 200])
    // another model, and the empty load request, are not "generate" for mistral
    expect((await client.generate({ model: LLAMA3, prompt: "x" })).done).toBe(true)
    expect(o.requests().map((r) => r.fault ?? "-")).toEqual(["http_500", "ok", "http_503", "http_503", "-", "-"])
  })

  it("answers the server's error bodies for http_500, http_503 and http_429 (with Retry-After)", async () => {
    const { o } = await start({
      scenario: {
        faults: [
          { on: "generate", kind: "http_500" },
          { on: "generate", kind: "http_503", retry_after_s: 2 },
          { on: "generate", kind: "http_429", retry_after_s: 1.2 }
        ]
      }
    })
    const body = { model: MISTRAL, prompt: "x" }
    const a = await post(`${o.url}/api/generate`, body)
    expect([a.status, a.json()]).toEqual([500, { error: "llama runner process has terminated: exit status 2" }])
    const b = await post(`${o.url}/api/generate`, body)
    expect([b.status, b.json(), b.headers.get("retry-after")]).toEqual([503, { error: "server busy, please try again.  maximum pending requests exceeded" }, "2"])
    const c = await post(`${o.url}/api/generate`, body)
    expect([c.status, c.headers.get("retry-after")]).toEqual([429, "2"])
  })

  it("applies on: pull, show, load, list and ps only to those operations", async () => {
    const { o, client } = await start({
      scenario: {
        faults: [
          { on: "pull", kind: "http_500" },
          { on: "show", kind: "http_503" },
          { on: "load", kind: "http_500" },
          { on: "list", kind: "garbage" },
          { on: "ps", kind: "http_503" }
        ]
      }
    })
    await expect(client.pull({ model: MISTRAL })).rejects.toMatchObject({ status_code: 500 })
    await expect(client.show({ model: MISTRAL })).rejects.toMatchObject({ status_code: 503 })
    expect((await client.generate({ model: MISTRAL, prompt: "x" })).done).toBe(true)
    await expect(client.generate({ model: MISTRAL, prompt: "" })).rejects.toMatchObject({ status_code: 500 })
    await expect(client.list()).rejects.toThrow(SyntaxError)
    await expect(client.ps()).rejects.toMatchObject({ status_code: 503 })
    expect(o.pendingFaults()).toEqual([])
    expect((await client.pull({ model: MISTRAL })).status).toBe("success")
  })

  it("waits delay_ms before acting", async () => {
    const { client } = await start({ scenario: { faults: [{ on: "generate", kind: "http_500", delay_ms: 30 }] } })
    await expect(client.generate({ model: MISTRAL, prompt: "x" })).rejects.toMatchObject({ status_code: 500 })
  })
})

describe("faults on the wire", () => {
  it("hang: never answers; the client gives up, and close() still stops the emulator", async () => {
    const { o } = await start({ scenario: { faults: [{ on: "generate", kind: "hang", times: -1 }] } })
    const controller = new AbortController()
    const hung = fetch(`${o.url}/api/generate`, { method: "POST", body: JSON.stringify({ model: MISTRAL, prompt: "x" }), signal: controller.signal }).then(
      () => "answered",
      (e: unknown) => e
    )
    await until(() => o.requests().some((r) => r.fault === "hang"), "the hung request to arrive")
    expect(o.requests()[0]).toMatchObject({ status: 0, fault: "hang" })
    controller.abort()
    expect(await hung).toMatchObject({ name: "AbortError" })
    // a second hung request is cut when the emulator closes
    const second = fetch(`${o.url}/api/generate`, { method: "POST", body: JSON.stringify({ model: MISTRAL, prompt: "x" }) }).then(
      () => "answered",
      (e: unknown) => e
    )
    await until(() => o.requests().length === 2, "the second hung request")
    await o.close()
    expect(await second).toBeInstanceOf(TypeError)
  })

  it("truncate_stream: a streamed answer stops mid-body and the client reports the broken stream", async () => {
    const { o, client } = await start({
      scenario: { models: { [MISTRAL]: { replies: ["one two three four five six seven eight"] } }, faults: [{ on: "generate", kind: "truncate_stream", times: 2 }] }
    })
    const stream = await client.generate({ model: MISTRAL, prompt: "x", stream: true })
    const got: Array<string> = []
    const error = await (async () => {
      for await (const chunk of stream) got.push(chunk.response ?? "")
    })().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect(got.length).toBeGreaterThan(0)
    expect(got.join("")).not.toBe("one two three four five six seven eight")
    // stream: false: the body is cut short of its Content-Length
    await expect(client.generate({ model: MISTRAL, prompt: "x" })).rejects.toThrow()
    expect(o.requests().map((r) => [r.status, r.fault])).toEqual([
      [200, "truncate_stream"],
      [200, "truncate_stream"]
    ])
    // the reply was not consumed: the next answer is whole
    expect((await client.generate({ model: MISTRAL, prompt: "x" })).response).toBe("one two three four five six seven eight")
  })

  it("refuse_connection: the socket closes without an answer", async () => {
    const { o } = await start({ scenario: { faults: [{ kind: "refuse_connection" }] } })
    const error = await fetch(`${o.url}/api/generate`, { method: "POST", body: JSON.stringify({ model: MISTRAL, prompt: "x" }) }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TypeError)
    expect((error as Error).message).toBe("fetch failed")
    expect(o.requests()[0]).toMatchObject({ status: 0, fault: "refuse_connection" })
    // the emulator itself is fine
    expect((await call(`${o.url}/api/version`, "GET")).status).toBe(200)
  })

  it("garbage: a 200 whose body is not the API's JSON", async () => {
    const { o, client } = await start({ scenario: { faults: [{ on: "generate", kind: "garbage", times: 2 }] } })
    const raw = await post(`${o.url}/api/generate`, { model: MISTRAL, prompt: "x", stream: false })
    expect(raw.status).toBe(200)
    expect(() => raw.json()).toThrow(SyntaxError)
    const stream = await client.generate({ model: MISTRAL, prompt: "x", stream: true })
    const error = await (async () => {
      for await (const _ of stream) {
        // nothing parseable arrives
      }
    })().catch((e: unknown) => e)
    expect((error as Error).message).toBe("Did not receive done or success response in stream.")
  })
})
