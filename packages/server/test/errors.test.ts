/** Every bad input gets a 4xx with a JSON error `{ error: { code, message } }` — never a 500, never a hang. */
import { request as httpRequest } from "node:http"
import { describe, expect, it } from "vitest"
import { call, services, withServer } from "./fixtures.ts"

const expectError = (reply: { status: number; headers: Headers; body: any }, status: number, code: string) => {
  expect(reply.status).toBe(status)
  expect(reply.headers.get("content-type")).toContain("application/json")
  expect(reply.body.error.code).toBe(code)
  expect(typeof reply.body.error.message).toBe("string")
  expect(reply.body.error.message.length).toBeGreaterThan(0)
}

/** A raw request with a chunked body (no Content-Length), as a streaming client sends it. */
const chunked = (url: string, path: string, chunks: ReadonlyArray<string>) =>
  new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
      let text = ""
      res.on("data", (chunk) => (text += chunk))
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }))
    })
    req.on("error", reject)
    const write = (index: number) => {
      if (index === chunks.length) return void req.end()
      if (req.destroyed) return
      req.write(chunks[index], () => write(index + 1))
    }
    write(0)
  })

describe("bad input", () => {
  it("a body over server.max_body_kb is 413, by Content-Length or while streaming", async () => {
    await withServer({ layer: services(undefined, { server: { max_body_kb: 4 } }).layer }, async ({ url }) => {
      const declared = await call(`${url}/v1/artifacts/note`, { json: { prompt: "x".repeat(5000) } })
      expectError(declared, 413, "body_too_large")
      expect(declared.body.error.limitKb).toBe(4)
      expect(declared.body.error.message).toContain("server.max_body_kb")

      const streamed = await chunked(url, "/v1/validate/note", ['{"content":"', "y".repeat(3000), "y".repeat(3000), '"}'])
      expect(streamed.status).toBe(413)
      expect(streamed.body.error.code).toBe("body_too_large")

      // The server keeps serving after both.
      expect((await call(`${url}/v1/artifacts/note`, { json: { prompt: "small" } })).status).toBe(200)
      expect((await chunked(url, "/v1/validate/note", ['{"content":', '"GOOD"}'])).status).toBe(200)
    })
  })

  it("bad JSON, an empty body and a non-object body are 400", async () => {
    await withServer({ layer: services().layer }, async ({ url }) => {
      const headers = { "content-type": "application/json" }
      expectError(await call(`${url}/v1/artifacts/note`, { method: "POST", headers, body: '{"prompt": "unterminated' }), 400, "bad_json")
      expectError(await call(`${url}/v1/artifacts/note`, { method: "POST", headers, body: "" }), 400, "bad_json")
      expectError(await call(`${url}/v1/validate/note`, { method: "POST", headers, body: "not json at all" }), 400, "bad_json")
      const array = await call(`${url}/v1/artifacts/note`, { json: ["prompt"] })
      expectError(array, 400, "invalid_body")
      expect(array.body.error.message).toContain("an array")
    })
  })

  it("a body that does not match the schema is 400 naming the field", async () => {
    await withServer({ layer: services().layer }, async ({ url }) => {
      const missing = await call(`${url}/v1/artifacts/note`, { json: { system: "x" } })
      expectError(missing, 400, "invalid_body")
      expect(missing.body.error.field).toBe("prompt")

      const wrongType = await call(`${url}/v1/artifacts/note`, { json: { prompt: 42 } })
      expectError(wrongType, 400, "invalid_body")
      expect(wrongType.body.error).toMatchObject({ field: "prompt", message: expect.stringContaining("prompt") })

      const temperature = await call(`${url}/v1/artifacts/note`, { json: { prompt: "x", temperature: 7 } })
      expectError(temperature, 400, "invalid_body")
      expect(temperature.body.error.field).toBe("temperature")

      const content = await call(`${url}/v1/validate/note`, { json: { content: null } })
      expectError(content, 400, "invalid_body")
      expect(content.body.error.field).toBe("content")

      const unknownField = await call(`${url}/v1/artifacts/note`, { json: { prompt: "x", promt: "typo" } })
      expectError(unknownField, 400, "invalid_body")
      expect(unknownField.body.error.field).toBe("promt")
      expect(unknownField.body.error.message).toContain("prompt, system, temperature")

      const paramType = await call(`${url}/v1/artifacts/snippet`, { json: { prompt: "x", language: 3 } })
      expectError(paramType, 400, "invalid_body")
      expect(paramType.body.error.field).toBe("language")

      const paramValue = await call(`${url}/v1/artifacts/snippet`, { json: { prompt: "x", language: "cobol" } })
      expectError(paramValue, 400, "invalid_param")
      expect(paramValue.body.error).toMatchObject({ param: "language", value: "cobol", allowed: ["ts", "cs"] })
    })
  })

  it("an empty prompt is 400, a prompt over validation.max_prompt_kb is 413", async () => {
    const { layer, local } = services(undefined, { validation: { max_prompt_kb: 1 } })
    await withServer({ layer }, async ({ url }) => {
      expectError(await call(`${url}/v1/artifacts/note`, { json: { prompt: "   " } }), 400, "empty_prompt")
      const large = await call(`${url}/v1/artifacts/note`, { json: { prompt: "z".repeat(2048) } })
      expectError(large, 413, "prompt_too_large")
      expect(large.body.error).toMatchObject({ limitKb: 1, bytes: 2048 })
      expect(local.calls).toHaveLength(0)
    })
  })

  it("an unknown artifact is 404 with the list of known ones", async () => {
    await withServer({ layer: services().layer }, async ({ url }) => {
      for (const path of ["/v1/artifacts/erdd", "/v1/validate/erdd"]) {
        const reply = await call(`${url}${path}`, { json: { prompt: "x", content: "y" } })
        expectError(reply, 404, "unknown_artifact")
        expect(reply.body.error).toMatchObject({ artifact: "erdd", known: ["note", "snippet"] })
      }
      // Even with a body that is not JSON: the artifact is checked first.
      expectError(await call(`${url}/v1/artifacts/erdd`, { method: "POST", body: "{" }), 404, "unknown_artifact")
    })
  })

  it("a wrong method is 405 with Allow; an unknown path is 404", async () => {
    await withServer({ layer: services().layer }, async ({ url }) => {
      const get = await call(`${url}/v1/artifacts/note`)
      expectError(get, 405, "method_not_allowed")
      expect(get.headers.get("allow")).toBe("POST")
      expect(get.body.error.methods).toEqual(["POST"])
      const del = await call(`${url}/v1/plugins`, { method: "DELETE" })
      expectError(del, 405, "method_not_allowed")
      expect(del.headers.get("allow")).toBe("GET")
      expectError(await call(`${url}/healthz`, { method: "POST", body: "{}" }), 405, "method_not_allowed")
      expectError(await call(`${url}/v2/anything`), 404, "not_found")
      expectError(await call(`${url}/v1/artifacts`), 404, "not_found")
    })
  })

  it("no bad input produces a 500 (a mixed barrage)", async () => {
    await withServer({ layer: services().layer }, async ({ url }) => {
      const bodies: ReadonlyArray<string> = ["", "null", "[]", "1", '"s"', "{", '{"prompt":null}', '{"prompt":{"a":1}}', '{"prompt":"x","temperature":"hot"}', '{"prompt":"x","system":5}', "\u0000\u0001", '{"__proto__":{"prompt":"x"}}']
      const replies = await Promise.all(
        ["/v1/artifacts/note", "/v1/validate/note", "/v1/artifacts/snippet"].flatMap((path) =>
          bodies.map((body) => call(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body }))
        )
      )
      for (const reply of replies) {
        expect(reply.status).toBeGreaterThanOrEqual(400)
        expect(reply.status).toBeLessThan(500)
        expect(reply.body.error.code).toMatch(/^[a-z_]+$/)
      }
    })
  })
})
