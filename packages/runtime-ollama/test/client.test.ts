import { LocalTimeout } from "@lfai/core"
import { describe, expect, it } from "vitest"
import { GarbageBody, mapError } from "../src/internal/client.ts"

const URL = "http://127.0.0.1:11434"
const fetchFailed = (code: string, message = code) => Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error(message), { code }) })
const responseError = (status: number, error: string) => Object.assign(new Error(error), { name: "ResponseError", error, status_code: status })
const tag = (error: unknown) => mapError(error, "m:latest", URL)._tag

describe("mapError: every failure of the client becomes one of core's errors", () => {
  it("a refused or unresolvable connection: Ollama is not reachable (with the URL)", () => {
    expect(mapError(fetchFailed("ECONNREFUSED"), "m:latest", URL)).toMatchObject({ _tag: "OllamaUnreachable", url: URL })
    expect(tag(fetchFailed("ENOTFOUND"))).toBe("OllamaUnreachable")
    expect(tag(Object.assign(new TypeError("fetch failed"), { cause: new Error("bad port") }))).toBe("OllamaUnreachable")
  })
  it("a connection lost mid-answer or a truncated stream: transient", () => {
    expect(tag(fetchFailed("UND_ERR_SOCKET", "other side closed"))).toBe("LocalTransient")
    expect(tag(fetchFailed("ECONNRESET"))).toBe("LocalTransient")
    expect(tag(new TypeError("terminated"))).toBe("LocalTransient")
    expect(tag(new Error("Did not receive done or success response in stream."))).toBe("LocalTransient")
  })
  it("HTTP statuses: 404 is a missing model, 5xx transient, other 4xx unexpected", () => {
    expect(tag(responseError(404, 'model "m" not found, try pulling it first'))).toBe("ModelNotFound")
    expect(mapError(responseError(500, "llama runner process has terminated"), "m:latest", URL)).toMatchObject({
      _tag: "LocalTransient",
      detail: "HTTP 500: llama runner process has terminated"
    })
    expect(tag(responseError(503, "server busy"))).toBe("LocalTransient")
    expect(tag(responseError(400, "invalid options"))).toBe("UnexpectedResponse")
  })
  it("a body that is not the API's JSON: unexpected response", () => {
    expect(tag(new SyntaxError("Unexpected token '<'"))).toBe("UnexpectedResponse")
    expect(tag(new GarbageBody("not JSON"))).toBe("UnexpectedResponse")
  })
  it("core's own errors pass through untouched", () => {
    const timeout = new LocalTimeout({ model: "m:latest", afterMs: 5 })
    expect(mapError(timeout, "other", URL)).toBe(timeout)
  })
})
