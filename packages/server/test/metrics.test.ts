/** /metrics: Prometheus text from Effect's metrics — core's lfai_* and the server's own — present from the start. */
import { describe, expect, it } from "vitest"
import { call, gatedServices, services, waitFor, withServer } from "./fixtures.ts"

/** `name{labels} value` lines, by series. */
const series = (text: string): Map<string, number> =>
  new Map(
    text
      .split("\n")
      .filter((line) => line !== "" && !line.startsWith("#"))
      .map((line) => {
        const space = line.lastIndexOf(" ")
        return [line.slice(0, space), Number(line.slice(space + 1))] as const
      })
  )

describe("/metrics", () => {
  it("exports every lfai_* series at zero before the first request", async () => {
    await withServer({ layer: services().layer }, async ({ url }) => {
      const reply = await fetch(`${url}/metrics`)
      expect(reply.status).toBe(200)
      expect(reply.headers.get("content-type")).toContain("text/plain")
      const text = await reply.text()
      const values = series(text)
      for (const artifact of ["note", "snippet"]) {
        for (const outcome of ["passed", "failed", "no_content"]) {
          expect(values.get(`lfai_requests_total{artifact="${artifact}",outcome="${outcome}"}`), `${artifact} ${outcome}`).toBe(0)
        }
        expect(values.get(`lfai_score_count{artifact="${artifact}"}`)).toBe(0)
        expect(values.get(`lfai_request_duration_ms_count{artifact="${artifact}"}`)).toBe(0)
        expect(values.get(`lfai_cloud_tokens_total{artifact="${artifact}",direction="prompt"}`)).toBe(0)
      }
      for (const [route, method] of [["/v1/artifacts/:artifact", "POST"], ["/v1/validate/:artifact", "POST"], ["/v1/plugins", "GET"], ["/v1/vram", "GET"], ["/healthz", "GET"]]) {
        expect(values.get(`lfai_http_requests_total{route="${route}",method="${method}",status="200"}`), route).toBe(0)
      }
      // per Ollama host: the scripted one is memory://local
      expect(values.get('lfai_vram_used_gb{host="memory://local"}')).toBe(0)
      expect(values.get('lfai_vram_limit_gb{host="memory://local"}')).toBe(12)
      expect(values.get('lfai_vram_queue_length{host="memory://local"}')).toBe(0)
      expect(values.get('lfai_ollama_up{host="memory://local"}')).toBe(1)
      for (const line of text.split("\n").filter((line) => line !== "" && !line.startsWith("#"))) {
        expect(line.startsWith("lfai_"), line).toBe(true)
      }
      expect(text).toContain("# TYPE lfai_requests_total counter")
      expect(text).toContain("# TYPE lfai_request_duration_ms histogram")
      expect(text).toContain("# TYPE lfai_vram_used_gb gauge")
    })
  })

  it("counts requests by route and status, outcomes by provider, and scores", async () => {
    const { layer } = services({ "mistral:7b-instruct-q4_K_M": ["GOOD", "GOOD", "MEH"], "codellama:7b-instruct-q4_K_M": ["ts x"] })
    await withServer({ layer }, async ({ url }) => {
      await call(`${url}/v1/artifacts/note`, { json: { prompt: "1" } })
      await call(`${url}/v1/artifacts/note`, { json: { prompt: "2" } })
      await call(`${url}/v1/artifacts/snippet`, { json: { prompt: "3" } })
      await call(`${url}/v1/artifacts/nope`, { json: { prompt: "4" } })
      await call(`${url}/v1/artifacts/note`, { method: "POST", body: "{" })
      await call(`${url}/v1/plugins`, { method: "PUT" })
      await call(`${url}/no/such/thing`)
      const values = series(await (await fetch(`${url}/metrics`)).text())
      expect(values.get('lfai_http_requests_total{route="/v1/artifacts/:artifact",method="POST",status="200"}')).toBe(3)
      expect(values.get('lfai_http_requests_total{route="/v1/artifacts/:artifact",method="POST",status="404"}')).toBe(1)
      expect(values.get('lfai_http_requests_total{route="/v1/artifacts/:artifact",method="POST",status="400"}')).toBe(1)
      expect(values.get('lfai_http_requests_total{route="/v1/plugins",method="PUT",status="405"}')).toBe(1)
      expect(values.get('lfai_http_requests_total{route="unmatched",method="GET",status="404"}')).toBe(1)
      expect(values.get('lfai_requests_total{artifact="note",outcome="passed"}')).toBe(2)
      expect(values.get('lfai_requests_total{artifact="snippet",outcome="passed"}')).toBe(1)
      expect(values.get('lfai_results_total{artifact="note",provider="ollama",model="mistral:7b-instruct-q4_K_M"}')).toBe(2)
      expect(values.get('lfai_score_count{artifact="note"}')).toBe(2)
      expect(values.get('lfai_score_sum{artifact="note"}')).toBe(180)
      expect(values.get('lfai_score_bucket{artifact="note",le="90"}')).toBe(2)
      expect(values.get('lfai_score_bucket{artifact="note",le="+Inf"}')).toBe(2)
      expect(values.get('lfai_http_request_duration_ms_count{route="/v1/artifacts/:artifact"}')).toBe(5)
    })
  })

  it("reports VRAM used and the queue from the budget at scrape time", async () => {
    const { layer, models } = gatedServices()
    await withServer({ layer }, async ({ url }) => {
      const pending = [call(`${url}/v1/artifacts/note`, { json: { prompt: "a" } }), call(`${url}/v1/artifacts/snippet`, { json: { prompt: "b" } })]
      await waitFor(() => models.held() === 2, "two leases")
      const during = series(await (await fetch(`${url}/metrics`)).text())
      expect(during.get('lfai_vram_used_gb{host="memory://gated"}')).toBe(8)
      expect(during.get('lfai_vram_loaded_models{host="memory://gated"}')).toBe(2)
      expect(during.get("lfai_http_requests_in_flight")).toBe(3)
      models.release()
      await Promise.all(pending)
      const after = series(await (await fetch(`${url}/metrics`)).text())
      expect(after.get('lfai_vram_used_gb{host="memory://gated"}')).toBe(0)
      expect(after.get('lfai_vram_loaded_models{host="memory://gated"}')).toBe(0)
    })
  })
})
