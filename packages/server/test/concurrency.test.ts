/** Concurrent clients, the per-client cap (429 + Retry-After), and a client that goes away. */
import { describe, expect, it } from "vitest"
import { call, gatedServices, services, waitFor, withServer } from "./fixtures.ts"

describe("concurrency", () => {
  it("serves many concurrent clients on one runtime", async () => {
    const { layer, local } = services()
    await withServer({ layer }, async ({ url }) => {
      const replies = await Promise.all(
        Array.from({ length: 60 }, (_, index) =>
          index % 3 === 2
            ? call(`${url}/v1/validate/note`, { json: { content: index % 2 === 0 ? "GOOD" : "MEH" } })
            : call(`${url}/v1/artifacts/note`, { json: { prompt: `request ${index}` } })
        )
      )
      expect(replies.every((reply) => reply.status === 200)).toBe(true)
      const generated = replies.filter((reply) => "content" in reply.body)
      expect(generated).toHaveLength(40)
      expect(new Set(local.calls.map((request) => request.prompt)).size).toBe(40)
      expect(local.leases).toEqual({ acquired: 40, released: 40 })
      const stats = await call(`${url}/v1/stats`)
      expect(stats.body.note.total_requests).toBe(40)
    })
  })

  it("past server.max_concurrent_per_client a client gets 429 with Retry-After, and its slots come back", async () => {
    const { layer, models } = gatedServices({ server: { max_concurrent_per_client: 3 } })
    await withServer({ layer }, async ({ url }) => {
      const held = Array.from({ length: 3 }, (_, index) => call(`${url}/v1/artifacts/note`, { json: { prompt: `held ${index}` } }))
      await waitFor(() => models.totals.calls === 3, "three requests in the model")

      const refused = await call(`${url}/v1/artifacts/note`, { json: { prompt: "one too many" } })
      expect(refused.status).toBe(429)
      expect(refused.headers.get("retry-after")).toMatch(/^\d+$/)
      expect(refused.body.error).toMatchObject({ code: "too_many_requests", limit: 3 })
      expect((await call(`${url}/v1/plugins`)).status).toBe(429)

      // Liveness and metrics stay reachable on a busy server.
      expect((await call(`${url}/healthz`)).status).toBe(200)
      const metrics = await call(`${url}/metrics`)
      expect(metrics.status).toBe(200)
      expect(metrics.body).toContain('lfai_http_requests_total{route="/v1/artifacts/:artifact",method="POST",status="429"} 1')
      expect(metrics.body).toMatch(/lfai_http_requests_in_flight 4\b/)

      models.release()
      const done = await Promise.all(held)
      expect(done.map((reply) => reply.status)).toEqual([200, 200, 200])
      expect((await call(`${url}/v1/artifacts/note`, { json: { prompt: "after" } })).status).toBe(200)
      expect(models.totals).toMatchObject({ acquired: 4, released: 4 })
    })
  })

  it("a client that disconnects mid-request releases its lease and its slot", async () => {
    const { layer, models } = gatedServices({ server: { max_concurrent_per_client: 1 } })
    await withServer({ layer }, async ({ url }) => {
      const controller = new AbortController()
      const aborted = fetch(`${url}/v1/artifacts/note`, { method: "POST", body: JSON.stringify({ prompt: "leaving" }), signal: controller.signal }).catch(
        (error: unknown) => error
      )
      await waitFor(() => models.held() === 1, "the lease to be taken")
      const during = await call(`${url}/v1/vram`)
      expect(during.status).toBe(429)

      controller.abort()
      expect(await aborted).toBeInstanceOf(Error)
      await waitFor(() => models.held() === 0, "the lease to come back")
      expect(models.totals.released).toBe(models.totals.acquired)

      const vram = await call(`${url}/v1/vram`)
      expect(vram.status).toBe(200)
      expect(vram.body).toMatchObject({ usedGb: 0, activeModels: [] })
      const metrics = await call(`${url}/metrics`)
      expect(metrics.body).toContain('lfai_http_requests_total{route="/v1/artifacts/:artifact",method="POST",status="499"} 1')
    })
  })
})
