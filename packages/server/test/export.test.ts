/** POST /v1/export/{artifact}: a passing content rendered as text in the export's own content type. */
import { describe, expect, it } from "vitest"
import { call, services, withServer } from "./fixtures.ts"

describe("POST /v1/export/{artifact}", () => {
  it("answers the export as text with its content type, the content extracted as validate does", async () => {
    await withServer({ layer: services().layer }, async ({ url }) => {
      const csv = await call(`${url}/v1/export/note`, { json: { content: "```\nGOOD news today\n```", as: "csv" } })
      expect(csv.status).toBe(200)
      expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8")
      expect(csv.body).toBe("word\r\nGOOD\r\nnews\r\ntoday\r\n")
      const markdown = await call(`${url}/v1/export/note`, { json: { content: "GOOD news", as: "markdown" } })
      expect(markdown).toMatchObject({ status: 200, body: "> GOOD news\n" })
      expect(markdown.headers.get("content-type")).toBe("text/markdown; charset=utf-8")
    })
  })

  it("an export the artifact does not offer is a 400 naming the ones it does", async () => {
    await withServer({ layer: services().layer }, async ({ url }) => {
      const unknown = await call(`${url}/v1/export/note`, { json: { content: "GOOD", as: "pdf" } })
      expect(unknown.status).toBe(400)
      expect(unknown.body.error).toMatchObject({ code: "unknown_export", artifact: "note", as: "pdf", offered: ["csv", "markdown"], field: "as" })
      expect(unknown.body.error.message).toContain("csv, markdown")
      const none = await call(`${url}/v1/export/snippet`, { json: { content: "ts let a = 1", as: "csv" } })
      expect(none.status).toBe(400)
      expect(none.body.error).toMatchObject({ code: "unknown_export", offered: [] })
    })
  })

  it("content that does not pass is a 422 with the score and the issues", async () => {
    await withServer({ layer: services().layer }, async ({ url }) => {
      const broken = await call(`${url}/v1/export/note`, { json: { content: "garbage here", as: "csv" } })
      expect(broken.status).toBe(422)
      expect(broken.body.error).toMatchObject({
        code: "export_rejected",
        artifact: "note",
        as: "csv",
        threshold: 70,
        issues: [{ code: "parse-error", severity: "error", message: "does not parse", line: 1 }]
      })
      expect(broken.body.error.score).toBeLessThan(70)
      const belowMark = await call(`${url}/v1/export/note`, { json: { content: "MEH", as: "csv" } })
      expect(belowMark).toMatchObject({ status: 422, body: { error: { code: "export_rejected", score: 60, issues: [] } } })
    })
  })

  it("checks the body like every route: a missing field, an unknown artifact, parameters", async () => {
    await withServer({ layer: services().layer }, async ({ url }) => {
      const missing = await call(`${url}/v1/export/note`, { json: { content: "GOOD" } })
      expect(missing.status).toBe(400)
      expect(missing.body.error).toMatchObject({ code: "invalid_body", field: "as" })
      const unknown = await call(`${url}/v1/export/nope`, { json: { content: "GOOD", as: "csv" } })
      expect(unknown).toMatchObject({ status: 404, body: { error: { code: "unknown_artifact" } } })
      const param = await call(`${url}/v1/export/note`, { json: { content: "GOOD", as: "csv", language: "ts" } })
      expect(param.body.error).toMatchObject({ code: "invalid_body", field: "language" })
    })
  })

  it("is in the OpenAPI document, and GET /v1/plugins lists each artifact's exports", async () => {
    await withServer({ layer: services().layer }, async ({ url }) => {
      const spec = await call(`${url}/openapi.json`)
      const operation = spec.body.paths["/v1/export/{artifact}"].post
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(["200", "400", "404", "413", "422"]))
      expect(Object.keys(operation.responses["200"].content)).toEqual(expect.arrayContaining(["text/csv", "text/markdown"]))
      expect(spec.body.components.schemas.ExportRequest.required).toEqual(["content", "as"])
      const plugins = await call(`${url}/v1/plugins`)
      expect(plugins.body.map((plugin: { exports: string[] }) => plugin.exports)).toEqual([["csv", "markdown"], []])
    })
  })
})
