/** The guard's answers, word for word: what a client reads when it is turned away, and why. */
import { describe, expect, it } from "vitest"
import { call, services, withServer } from "./fixtures.ts"

const TOKEN = "t0ken"
const auth = { authorization: `Bearer ${TOKEN}` }

describe("the guard's answers", () => {
  it("401 says whether the token is missing or wrong, and names the scheme and realm", async () => {
    await withServer({ layer: services().layer, token: TOKEN }, async ({ url }) => {
      const missing = await call(`${url}/v1/plugins`)
      expect(missing).toMatchObject({
        status: 401,
        body: { error: { code: "unauthorized", message: "this server requires a bearer token: send `Authorization: Bearer <token>` (the server's LFAI_TOKEN)" } }
      })
      expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="lfai"')
      const wrong = await call(`${url}/v1/plugins`, { headers: { authorization: "Bearer nope" } })
      expect(wrong.body.error.message).toBe("the bearer token is not valid")
      // a padded header with the right token is the right token
      expect((await call(`${url}/v1/plugins`, { headers: { authorization: `  Bearer ${TOKEN}  ` } })).status).toBe(200)
      // on the OpenAI-compatible routes, in OpenAI's shape
      const openai = await call(`${url}/v1/chat/completions`, { json: { model: "note", messages: [{ role: "user", content: "x" }] } })
      expect(openai).toMatchObject({ status: 401, body: { error: { type: "authentication_error", code: "invalid_api_key", param: null } } })
    })
  })

  it("404 names the method and the path and where the API is described; 405 names the methods allowed", async () => {
    await withServer({ layer: services().layer, token: TOKEN }, async ({ url }) => {
      expect(await call(`${url}/v1/nothing?x=1`, { headers: auth })).toMatchObject({
        status: 404,
        body: { error: { code: "not_found", message: "no route for GET /v1/nothing?x=1; the API is described at /openapi.json" } }
      })
      const wrongMethod = await call(`${url}/v1/plugins`, { method: "DELETE", headers: auth })
      expect(wrongMethod).toMatchObject({
        status: 405,
        body: { error: { code: "method_not_allowed", message: "DELETE is not allowed on /v1/plugins; use GET", methods: ["GET"] } }
      })
      expect(wrongMethod.headers.get("allow")).toBe("GET")
      const openai = await call(`${url}/v1/chat/completions`, { headers: auth })
      expect(openai).toMatchObject({ status: 405, body: { error: { type: "invalid_request_error", code: "method_not_allowed" } } })
    })
  })

  it("413 by the declared length names the bytes and the limit and closes the connection; a body of exactly the limit is read", async () => {
    await withServer({ layer: services(undefined, { server: { max_body_kb: 1 } }).layer }, async ({ url }) => {
      const over = await call(`${url}/v1/validate/note`, { method: "POST", headers: { "content-type": "application/json" }, body: `{"content":"${"x".repeat(1011)}"}` })
      expect(over).toMatchObject({
        status: 413,
        body: { error: { code: "body_too_large", message: "the request body (1025 bytes) is over the limit of 1 KiB (server.max_body_kb)", limitKb: 1, bytes: 1025 } }
      })
      expect(over.headers.get("connection")).toBe("close")
      const exact = await call(`${url}/v1/validate/note`, { method: "POST", headers: { "content-type": "application/json" }, body: `{"content":"GOOD${" ".repeat(1024 - 18)}"}` })
      expect(exact.status).toBe(200)
    })
  })

  it("counts each answer under its route in /metrics: the path, or `unmatched` for no route", async () => {
    await withServer({ layer: services().layer }, async ({ url }) => {
      await call(`${url}/v1/nothing`)
      await call(`${url}/v1/plugins`, { method: "DELETE" })
      const metrics = (await call(`${url}/metrics`)).body as string
      expect(metrics).toMatch(/lfai_http_requests_total\{[^}]*route="unmatched"[^}]*status="404"[^}]*\} 1/)
      expect(metrics).toMatch(/lfai_http_requests_total\{[^}]*route="\/v1\/plugins"[^}]*status="405"[^}]*\} 1/)
    })
  })
})
