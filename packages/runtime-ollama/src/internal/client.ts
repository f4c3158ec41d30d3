/**
 * The `ollama` client, one call at a time: every call gets an AbortSignal that really cancels the
 * HTTP request (the client itself only aborts streams, so the signal goes in through its `fetch`
 * option), and every failure becomes one of core's typed errors.
 */
import { LocalTransient, ModelNotFound, OllamaUnreachable, UnexpectedResponse, type LocalModelError } from "@lfai/core"
import { Effect } from "effect"
import { Ollama } from "ollama"

/** A body that is not the API's NDJSON/JSON (the `garbage` fault, a proxy's HTML page, …). */
export class GarbageBody extends Error {
  override readonly name = "GarbageBody"
}

/** Our own abort (interruption): never mapped, the fiber is going away. */
const isAbort = (error: unknown): boolean =>
  error instanceof Error && (error.name === "AbortError" || (error as { code?: string }).code === "ABORT_ERR")

const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT", "ECONNABORTED"])

const causeChain = (error: unknown): Array<{ code?: string; message?: string; name?: string }> => {
  const chain: Array<{ code?: string; message?: string; name?: string }> = []
  let current: unknown = error
  for (let depth = 0; current && typeof current === "object" && depth < 6; depth++) {
    chain.push(current as { code?: string; message?: string })
    const next = (current as { cause?: unknown }).cause
    if (next === current) break
    current = next
    if (current instanceof AggregateError && current.errors.length > 0) current = current.errors[0]
  }
  return chain
}

const describe = (error: unknown): string => {
  const chain = causeChain(error)
  const parts = chain.map((e) => [e.code, e.message].filter(Boolean).join(" ")).filter((s) => s.length > 0)
  return [...new Set(parts)].join(": ") || String(error)
}

/**
 * Maps anything the client throws onto core's errors. `model` names the model for the message;
 * `url` the server.
 */
export const mapError = (error: unknown, model: string, url: string): LocalModelError => {
  if (error instanceof GarbageBody) return new UnexpectedResponse({ model, detail: error.message })
  const status = (error as { status_code?: unknown }).status_code
  if (typeof status === "number") {
    const message = (error as { error?: string }).error ?? (error as Error).message
    if (status === 404) return new ModelNotFound({ model, url })
    if (status >= 500) return new LocalTransient({ model, detail: `HTTP ${status}: ${message}` })
    return new UnexpectedResponse({ model, detail: `HTTP ${status}: ${message}` })
  }
  const chain = causeChain(error)
  if (chain.some((e) => e.code !== undefined && UNREACHABLE.has(e.code))) {
    return new OllamaUnreachable({ url, detail: describe(error) })
  }
  if (error instanceof SyntaxError) return new UnexpectedResponse({ model, detail: `not the API's JSON (${error.message})` })
  const text = describe(error)
  if (/Did not receive done or success response in stream/.test(text)) {
    return new LocalTransient({ model, detail: "the stream ended before the final message (truncated)" })
  }
  if (
    chain.some((e) => e.code === "ECONNRESET" || e.code === "UND_ERR_SOCKET" || e.code === "EPIPE") ||
    /terminated|other side closed|socket hang up|fetch failed/i.test(text)
  ) {
    return new LocalTransient({ model, detail: `connection lost: ${text}` })
  }
  // An error message inside a stream ({"error": "..."}), e.g. a runner that crashed.
  return new LocalTransient({ model, detail: text })
}

/**
 * Checks an NDJSON/JSON body as it flows: the first line must be a JSON object and every later
 * line must look like one; anything else fails the body with {@link GarbageBody}. Bytes pass
 * through untouched for the client to parse.
 */
const guardBody = (body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> => {
  const decoder = new TextDecoder()
  let pending = ""
  let first = true
  const check = (line: string) => {
    const trimmed = line.trim()
    if (trimmed === "") return
    if (first) {
      first = false
      let parsed: unknown
      try {
        parsed = JSON.parse(trimmed)
      } catch {
        throw new GarbageBody(`the body is not the API's JSON: ${JSON.stringify(trimmed.slice(0, 80))}`)
      }
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new GarbageBody(`the body is not a JSON object: ${JSON.stringify(trimmed.slice(0, 80))}`)
      }
      return
    }
    if (trimmed[0] !== "{" || trimmed[trimmed.length - 1] !== "}") {
      throw new GarbageBody(`a streamed line is not JSON: ${JSON.stringify(trimmed.slice(0, 80))}`)
    }
  }
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        pending += decoder.decode(chunk, { stream: true })
        let newline = pending.indexOf("\n")
        while (newline >= 0) {
          check(pending.slice(0, newline))
          pending = pending.slice(newline + 1)
          newline = pending.indexOf("\n")
        }
        controller.enqueue(chunk)
      },
      flush() {
        pending += decoder.decode()
        check(pending)
      }
    })
  )
}

/** A fetch that honours `signal` besides the client's own, and guards streamed bodies. */
const fetchWith =
  (signal: AbortSignal | undefined): typeof fetch =>
  async (input, init) => {
    const signals = [init?.signal, signal].filter((s): s is AbortSignal => s !== undefined && s !== null)
    const response = await fetch(input, { ...init, signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0] })
    // Only streamed answers need the guard: the client parses the others with response.json(),
    // which fails loudly (SyntaxError) on garbage, while its NDJSON reader skips bad lines.
    const streamed = typeof init?.body === "string" && init.body.includes('"stream":true')
    if (!streamed || !response.ok || response.body === null) return response
    return new Response(guardBody(response.body), { status: response.status, statusText: response.statusText, headers: response.headers })
  }

export interface OllamaClient {
  readonly url: string
  /**
   * Runs one call with a fresh client bound to the fiber's AbortSignal: interruption cancels the
   * HTTP request. Failures are mapped with {@link mapError}.
   */
  readonly call: <A>(model: string, f: (client: Ollama) => Promise<A>) => Effect.Effect<A, LocalModelError>
}

export const makeClient = (url: string): OllamaClient => ({
  url,
  call: (model, f) =>
    Effect.tryPromise({
      try: (signal) => f(new Ollama({ host: url, fetch: fetchWith(signal) })),
      catch: (error) => (isAbort(error) ? new LocalTransient({ model, detail: "aborted" }) : mapError(error, model, url))
    })
})
