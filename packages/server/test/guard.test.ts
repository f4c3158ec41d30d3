/** The guard's answers, word for word: what a client reads when it is turned away, and why. */
import { request as httpRequest } from "node:http"
import { describe, expect, it } from "vitest"
import { call, gatedServices, services, waitFor, withServer } from "./fixtures.ts"

/** A raw request, for what fetch refuses to send (a body on GET or HEAD). */
const raw = (url: string, method: string, headers: Record<string, string>, body: string) =>
  new Promise<number>((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      res.resume()
      res.on("end", () => resolve(res.statusCode ?? 0))
    })
    req.on("error", reject)
    req.end(body)
  })

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

  it("judges a declared length only where a body is read: GET and HEAD with a large one are served", async () => {
    await withServer({ layer: services(undefined, { server: { max_body_kb: 1 } }).layer }, async ({ url }) => {
      const body = "x".repeat(5000)
      expect(await raw(`${url}/v1/plugins`, "GET", { "content-length": "5000" }, body)).toBe(200)
      expect(await raw(`${url}/v1/plugins`, "HEAD", { "content-length": "5000" }, body)).toBe(200)
    })
  })

  it("429 names how many are in flight and the setting; /healthz is never capped", async () => {
    const { layer, models } = gatedServices({ server: { max_concurrent_per_client: 1 } })
    await withServer({ layer }, async ({ url }) => {
      const held = call(`${url}/v1/artifacts/note`, { json: { prompt: "held" } })
      await waitFor(() => models.totals.calls === 1, "the request in the model")
      expect((await call(`${url}/v1/plugins`)).body.error.message).toBe(
        "this client already has 1 requests in flight, the most allowed (server.max_concurrent_per_client = 1); retry after 1 s"
      )
      expect((await call(`${url}/healthz`)).status).toBe(200)
      models.release()
      expect((await held).status).toBe(200)
      // a duration is measured from the request's start: on average less than the time since this process began
      const metrics = (await call(`${url}/metrics`)).body as string
      const series = (name: string) => [...metrics.matchAll(new RegExp(`^lfai_http_request_duration_ms_${name}\\{([^}]*)\\} ([0-9.e+]+)$`, "gm"))].map((match) => [match[1], Number(match[2])] as const)
      const counts = new Map(series("count").filter(([, count]) => count > 0))
      expect(counts.size).toBeGreaterThan(0)
      for (const [labels, sum] of series("sum")) if (counts.has(labels)) expect(sum / counts.get(labels)!).toBeLessThan(performance.now())
    })
  })
})
