/** Hostile input over HTTP: a document the validator cannot finish, oversized system text, a padded token. */
import { describe, expect, it } from "vitest"
import { Redacted } from "effect"
import { CloudFallback } from "@lfai/core"
import { pipelineLayer, scriptedLocalModels, STUCK_ARTIFACT_MODULE, stuckArtifact } from "@lfai/core/testing"
import { call, NOTE_MODEL, services, withServer } from "./fixtures.ts"

describe("hostile input over HTTP", () => {
  it("a document the validator cannot finish is a validator-timeout verdict, and /healthz answers meanwhile", async () => {
    const stuck = await stuckArtifact()
    const layer = pipelineLayer({
      plugins: [stuck],
      local: scriptedLocalModels({}).layer,
      cloud: CloudFallback.unavailable("disabled", "off"),
      pool: { size: 1, deadline: "3 seconds", modules: [STUCK_ARTIFACT_MODULE] }
    })
    await withServer({ layer }, async ({ url }) => {
      // The worker is started and the plugin imported before the stuck document arrives.
      expect((await call(`${url}/v1/validate/stuck`, { json: { content: "GOOD" } })).body).toMatchObject({ passed: true })
      const order: string[] = []
      const validating = call(`${url}/v1/validate/stuck`, { json: { content: "STUCK forever" } }).then((reply) => {
        order.push("validate")
        return reply
      })
      const health = await call(`${url}/healthz`)
      order.push("healthz")
      expect(health.status).toBe(200)
      const verdict = await validating
      expect(order).toEqual(["healthz", "validate"])
      expect(verdict.status).toBe(200)
      expect(verdict.body).toMatchObject({ artifact: "stuck", passed: false })
      expect(verdict.body.issues).toEqual([expect.objectContaining({ code: "validator-timeout", severity: "error" })])
    })
  })

  it("the system text counts against validation.max_prompt_kb, and the temperature range is core's", async () => {
    const { layer, local } = services({ [NOTE_MODEL]: ["GOOD"] }, { validation: { max_prompt_kb: 1 } })
    await withServer({ layer }, async ({ url }) => {
      const large = await call(`${url}/v1/artifacts/note`, { json: { prompt: "a note", system: "s".repeat(1100) } })
      expect(large.status).toBe(413)
      expect(large.body.error).toMatchObject({ code: "prompt_too_large", field: "system", limitKb: 1 })
      expect(large.body.error.message).toContain("prompt and system text")
      const cold = await call(`${url}/v1/artifacts/note`, { json: { prompt: "a note", temperature: -5 } })
      expect(cold.status).toBe(400)
      expect(cold.body.error).toMatchObject({ code: "invalid_body", field: "temperature" })
      expect(cold.body.error.message).toContain("from 0 to 2")
      expect(local.calls).toHaveLength(0)
    })
  })

  it("a token given with surrounding spaces is trimmed, as LFAI_TOKEN is", async () => {
    const { layer } = services()
    await withServer({ layer, token: Redacted.make(" tok ") }, async ({ url }) => {
      expect((await call(`${url}/v1/plugins`, { headers: { authorization: "Bearer tok" } })).status).toBe(200)
      expect((await call(`${url}/v1/plugins`)).status).toBe(401)
    })
  })
})
