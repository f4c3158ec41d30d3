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
const LOCAL_TAGS = new Set(["OllamaUnreachable", "ModelNotFound", "PullFailed", "OutOfBudget", "VramQueueTimeout", "LocalTimeout", "LocalTransient", "UnexpectedResponse"])

export const mapError = (error: unknown, model: string, url: string): LocalModelError => {
  const tag = (error as { _tag?: unknown } | null)?._tag
  if (typeof tag === "string" && LOCAL_TAGS.has(tag)) return error as LocalModelError
  if (error instanceof GarbageBody) return new UnexpectedResponse({ model, detail: error.message })
  const status = (error as { status_code?: unknown }).status_code
  if (typeof status === "number") {
    const message = (error as { error?: string }).error ?? (error as Error).message
    if (status === 404) return new ModelNotFound({ model, url })
    if (status >= 500) return new LocalTransient({ model, detail: `HTTP ${status}: ${message}` })
    return new UnexpectedResponse({ model, detail: `HTTP ${status}: ${message}` })
  }
  const chain = causeChain(error)
  if (chain.some((e) => (e.code !== undefined && UNREACHABLE.has(e.code)) || /bad port|Invalid URL/i.test(e.message ?? ""))) {
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
 * Checks a streamed (NDJSON) body's first line before handing the body on: it must be a JSON
 * object, else the call fails with {@link GarbageBody} (the client's own reader would skip it with
 * a console warning and then report a truncated stream). The rest passes through untouched.
 */
const guardBody = async (body: ReadableStream<Uint8Array>): Promise<ReadableStream<Uint8Array>> => {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  const head: Uint8Array[] = []
  let text = ""
  let done = false
  while (!done && !text.includes("\n")) {
    const next = await reader.read()
    done = next.done
    if (next.value) {
      head.push(next.value)
      text += decoder.decode(next.value, { stream: true })
    }
  }
  const first = text.split("\n")[0].trim()
  if (first !== "") {
    let parsed: unknown
    try {
      parsed = JSON.parse(first)
    } catch {
      parsed = undefined
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      void reader.cancel().catch(() => {})
      throw new GarbageBody(`the body is not the API's JSON: ${JSON.stringify(first.slice(0, 80))}`)
    }
  }
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of head) controller.enqueue(chunk)
      if (done) controller.close()
    },
    async pull(controller) {
      const next = await reader.read()
      if (next.done) controller.close()
      else controller.enqueue(next.value)
    },
    cancel(reason) {
      return reader.cancel(reason)
    }
  })
}

/** A fetch that honours `signal` besides the client's own, and guards streamed bodies. */
const fetchWith =
  (signal: AbortSignal | undefined): typeof fetch =>
  async (input, init) => {
    // Our signal (the fiber's) replaces the client's own: we never call the client's abort().
    const response = await fetch(input, signal ? { ...init, signal } : init)
    // Only streamed answers need the guard: the client parses the others with response.json(),
    // which fails loudly (SyntaxError) on garbage, while its NDJSON reader skips bad lines.
    const streamed = typeof init?.body === "string" && init.body.includes('"stream":true')
    if (!streamed || !response.ok || response.body === null) return response
    return new Response(await guardBody(response.body), { status: response.status, statusText: response.statusText, headers: response.headers })
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
