/**
 * A generation's progress as server-sent events (`Accept: text/event-stream`).
 */
import { describe, expect, it } from "vitest"
import { call, gatedServices, NOTE_MODEL, services, waitFor, withServer } from "./fixtures.ts"

const readEvents = async (response: Response): Promise<Array<{ event: string; data: any }>> =>
  (await response.text())
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => ({
      event: /^event: (.*)$/m.exec(block)?.[1] ?? "",
      data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? "null")
    }))

const streamed = (url: string, body: unknown, signal?: AbortSignal) =>
  fetch(url, { method: "POST", headers: { accept: "text/event-stream", "content-type": "application/json" }, body: JSON.stringify(body), ...(signal ? { signal } : {}) })

describe("progress events", () => {
  it("streams the pipeline's events, then the result", async () => {
    await withServer({ layer: services({ [NOTE_MODEL]: ["MEH draft", "GOOD note"] }).layer }, async ({ url }) => {
      const response = await streamed(`${url}/v1/artifacts/note`, { prompt: "a note" })
      expect(response.status).toBe(200)
      expect(response.headers.get("content-type")).toContain("text/event-stream")
      const events = await readEvents(response)
      const types = events.map((event) => event.event)
      expect(types[0]).toBe("route")
      expect(types.filter((type) => type === "attempted")).toHaveLength(2)
      expect(events.find((event) => event.event === "attempt" && event.data.kind === "repair")).toBeDefined()
      const last = events.at(-1)!
      expect(last.event).toBe("result")
      expect(last.data).toMatchObject({ artifact: "note", passed: true, score: 90 })
      expect(last.data.attempts).toHaveLength(2)
    })
  })

  it("answers a malformed request with its JSON error; an error of the pipeline comes as the stream's one error event", async () => {
    await withServer({ layer: services().layer }, async ({ url }) => {
      // Routing and the body are checked before anything streams.
      const unknown = await streamed(`${url}/v1/artifacts/nope`, { prompt: "x" })
      expect(unknown.status).toBe(404)
      expect(((await unknown.json()) as any).error.code).toBe("unknown_artifact")
      const invalid = await streamed(`${url}/v1/artifacts/note`, { prompt: 42 })
      expect(invalid.status).toBe(400)
      // What the pipeline refuses is the stream's error event, with the status the JSON answer would have had.
      const events = await readEvents(await streamed(`${url}/v1/artifacts/note`, { prompt: "  " }))
      expect(events).toEqual([{ event: "error", data: { status: 400, error: expect.objectContaining({ code: "empty_prompt" }) } }])
    })
  })

  it("cancels the generation and returns its VRAM lease when the client goes away mid-stream", async () => {
    const { layer, models } = gatedServices()
    await withServer({ layer }, async ({ url }) => {
      const controller = new AbortController()
      const response = await streamed(`${url}/v1/artifacts/note`, { prompt: "a note" }, controller.signal)
      expect(response.status).toBe(200)
      await waitFor(() => models.held() > 0, "the stream's lease")
      const vram = await call(`${url}/v1/vram`)
      expect(vram.body.models[0].leases).toBe(1)
      controller.abort()
      await waitFor(() => models.held() === 0, "the lease back after the client left")
      expect(models.totals.acquired).toBe(models.totals.released)
    })
  })
})
