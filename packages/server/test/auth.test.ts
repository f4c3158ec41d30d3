/** Safety: loopback by default; beyond loopback only with a token; with a token every route but /healthz needs it. */
import { describe, expect, it } from "vitest"
import { Redacted } from "effect"
import { isLoopback, start, TokenRequired } from "../src/index.ts"
import { call, services, withServer } from "./fixtures.ts"

describe("binding and tokens", () => {
  it("binds 127.0.0.1 by default and needs no token there", async () => {
    await withServer({ layer: services().layer }, async (server) => {
      expect(server.host).toBe("127.0.0.1")
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(server.port).toBeGreaterThan(0)
      expect(server.authenticated).toBe(false)
      expect((await call(`${server.url}/v1/plugins`)).status).toBe(200)
    })
  })

  it("refuses to bind beyond loopback without a token, before listening", async () => {
    const { layer, local } = services()
    const error = await start({ layer, host: "0.0.0.0" }).then(
      () => undefined,
      (error: unknown) => error
    )
    expect(error).toBeInstanceOf(TokenRequired)
    expect((error as TokenRequired).message).toContain("LFAI_TOKEN")
    expect(local.leases).toEqual({ acquired: 0, released: 0 })
  })

  it("binds beyond loopback with a token", async () => {
    await withServer({ layer: services().layer, host: "0.0.0.0", token: "s3cret" }, async (server) => {
      expect(server.authenticated).toBe(true)
      const local = `http://127.0.0.1:${server.port}`
      expect((await call(`${local}/v1/plugins`)).status).toBe(401)
      expect((await call(`${local}/v1/plugins`, { headers: { authorization: "Bearer s3cret" } })).status).toBe(200)
    })
  })

  it("with a token, every route but /healthz answers 401 JSON without it", async () => {
    const { layer, local } = services()
    await withServer({ layer, token: Redacted.make("t0ken") }, async ({ url }) => {
      const routes: ReadonlyArray<[string, string]> = [
        ["POST", "/v1/artifacts/note"],
        ["POST", "/v1/validate/note"],
        ["GET", "/v1/plugins"],
        ["GET", "/v1/vram"],
        ["GET", "/v1/stats"],
        ["GET", "/metrics"],
        ["GET", "/openapi.json"],
        ["GET", "/docs"],
        ["GET", "/no/such/route"]
      ]
      for (const [method, path] of routes) {
        // The token is compared exactly: another case, a prefix or an extension of it is refused.
        for (const authorization of [undefined, "Bearer wrong", "Basic dDBrZW4=", "t0ken", "Bearer ", "Bearer T0KEN", "Bearer t0ke", "Bearer t0ken0"]) {
          const reply = await call(`${url}${path}`, {
            method,
            ...(method === "POST" ? { body: JSON.stringify({ prompt: "x", content: "GOOD" }) } : {}),
            headers: authorization === undefined ? {} : { authorization }
          })
          expect(reply.status, `${method} ${path} with ${authorization}`).toBe(401)
          expect(reply.body.error.code).toBe("unauthorized")
          expect(reply.headers.get("www-authenticate")).toContain("Bearer")
        }
      }
      expect(local.calls).toHaveLength(0)

      const health = await call(`${url}/healthz`)
      expect(health).toMatchObject({ status: 200, body: { status: "ok" } })

      const auth = { authorization: "Bearer t0ken" }
      expect((await call(`${url}/v1/artifacts/note`, { json: { prompt: "x" }, headers: auth })).status).toBe(200)
      expect((await call(`${url}/v1/plugins`, { headers: { authorization: "bearer   t0ken" } })).status).toBe(200)
      expect((await call(`${url}/metrics`, { headers: auth })).status).toBe(200)
      expect((await call(`${url}/openapi.json`, { headers: auth })).status).toBe(200)
    })
  })

  it("takes the token from the config (LFAI_TOKEN) when none is passed", async () => {
    const { Configs, LfaiConfig } = await import("@lfai/core")
    const { Effect, Layer } = await import("effect")
    const withToken = Layer.effect(
      LfaiConfig,
      Effect.map(Configs.loadConfig({ env: { LFAI_TOKEN: "from-env" }, implicitFile: false }), (config) => config)
    )
    const layer = Layer.provideMerge(withToken, services().layer)
    await withServer({ layer }, async ({ url, authenticated }) => {
      expect(authenticated).toBe(true)
      expect((await call(`${url}/v1/plugins`)).status).toBe(401)
      expect((await call(`${url}/v1/plugins`, { headers: { authorization: "Bearer from-env" } })).status).toBe(200)
    })
  })

  it("knows loopback from everything else", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]", "::ffff:127.0.0.1"]) expect(isLoopback(host), host).toBe(true)
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.com", "::ffff:10.0.0.1"]) expect(isLoopback(host), host).toBe(false)
  })
})
