/**
 * The Gemini emulator: `POST /v1beta/models/{model}:generateContent` and
 * `:streamGenerateContent` (`?alt=sse` for server-sent events, else a streamed JSON array), as the
 * Gemini API documents them (ai.google.dev/api/generate-content), with Google's error shape
 * (`{"error":{"code","message","status","details"}}`) and its API-key rules.
 */
import { randomBytes } from "node:crypto"
import type { IncomingMessage, ServerResponse } from "node:http"
import { decodeGeminiScenario, type FaultEntry, type GeminiScenario } from "../Scenario.ts"
import { FaultBook } from "./faults.ts"
import { BodyTooLarge, clientGone, readBody, refuse, sleep, truncatedBody } from "./http.ts"
import { RequestLog, type RequestLogEntry } from "./log.ts"
import { countTokens, Replies, tokenize } from "./text.ts"

export interface GeminiEmulatorOptions {
  readonly scenario?: GeminiScenario | undefined
  readonly port?: number | undefined
  readonly host?: string | undefined
  readonly now?: (() => number) | undefined
  readonly requestLogLimit?: number | undefined
}

const DEFAULT_REPLY = "Hello! This is the lfai-testkit Gemini emulator; no reply was scripted."

/** Google answers JSON pretty-printed, two spaces. */
const googleJson = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body, null, 2) + "\n"
  res.writeHead(status, {
    "Content-Type": "application/json; charset=UTF-8",
    "Content-Length": String(Buffer.byteLength(text)),
    Vary: "Origin, X-Origin, Referer"
  })
  res.end(text)
}

const STATUS: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  413: "INVALID_ARGUMENT",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE"
}

const googleError = (res: ServerResponse, code: number, message: string, details?: ReadonlyArray<unknown>): void =>
  googleJson(res, code, { error: { code, message, status: STATUS[code] ?? "UNKNOWN", ...(details ? { details } : {}) } })

const nonEmpty = <A>(items: ReadonlyArray<A>): ReadonlyArray<A> | undefined => (items.length === 0 ? undefined : items)

/**
 * The delay a 429/503 fault asks for: `RetryInfo` in the body, as Google answers; with
 * `retry_after_header` a `Retry-After` header instead (whole seconds, rounded up), as a gateway in
 * front of the API may. Returns the body's details.
 */
const askDelay = (res: ServerResponse, fault: FaultEntry, seconds: number | undefined): ReadonlyArray<unknown> => {
  if (seconds === undefined) return []
  if (fault.retry_after_header) {
    res.setHeader("Retry-After", String(Math.ceil(seconds)))
    return []
  }
  return [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${seconds}s` }]
}

const badRequest = (res: ServerResponse, message: string): void =>
  googleError(res, 400, message, [{ "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [{ description: message }] }])

/** The 404 page Google's front end serves for a URL no API owns. */
const notFoundPage = (res: ServerResponse, path: string): void => {
  const html = `<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  <title>Error 404 (Not Found)!!1</title>\n  <p><b>404.</b> <ins>That’s an error.</ins>\n  <p>The requested URL <code>${path.replace(/[<>&]/g, "")}</code> was not found on this server.  <ins>That’s all we know.</ins>\n`
  res.writeHead(404, { "Content-Type": "text/html; charset=UTF-8", "Content-Length": String(Buffer.byteLength(html)) })
  res.end(html)
}

/** The request fields GenerateContentRequest has (proto JSON accepts camelCase and snake_case). */
const REQUEST_FIELDS = new Set([
  "model",
  "contents",
  "systemInstruction",
  "system_instruction",
  "tools",
  "toolConfig",
  "tool_config",
  "safetySettings",
  "safety_settings",
  "generationConfig",
  "generation_config",
  "cachedContent",
  "cached_content"
])

const GENERATION_CONFIG_FIELDS = new Set(
  [
    "stopSequences",
    "responseMimeType",
    "responseSchema",
    "responseJsonSchema",
    "responseModalities",
    "candidateCount",
    "maxOutputTokens",
    "temperature",
    "topP",
    "topK",
    "seed",
    "presencePenalty",
    "frequencyPenalty",
    "responseLogprobs",
    "logprobs",
    "enableEnhancedCivicAnswers",
    "speechConfig",
    "thinkingConfig",
    "imageConfig",
    "mediaResolution"
  ].flatMap((f) => [f, f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)])
)

/** The request's text — system instruction, then every content part — joined by newlines. */
const requestText = (body: Record<string, unknown>): string => {
  const texts: Array<string> = []
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(collect)
    else if (typeof v === "object" && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        if (k === "text" && typeof x === "string") texts.push(x)
        else collect(x)
      }
    } else if (typeof v === "string") texts.push(v)
  }
  collect(body.systemInstruction ?? body.system_instruction)
  collect(body.contents)
  return texts.join("\n")
}

const MODEL_PREFIXES = ["gemini-", "gemma-", "learnlm-"]

export class GeminiApi {
  readonly scenario: GeminiScenario
  readonly now: () => number
  readonly log: RequestLog
  readonly faults: FaultBook
  private readonly replies: Replies
  private readonly closing = new AbortController()

  constructor(options: GeminiEmulatorOptions = {}) {
    this.scenario = options.scenario ?? {}
    this.now = options.now ?? Date.now
    this.log = new RequestLog(options.requestLogLimit)
    this.faults = new FaultBook(this.scenario.faults, (m) => m.replace(/^models\//, ""))
    this.replies = new Replies(this.scenario.replies ?? [], DEFAULT_REPLY)
  }

  shutdown(): void {
    this.closing.abort()
  }

  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://emulator")
    const path = url.pathname
    const method = req.method ?? "GET"
    if (path.startsWith("/_emulator/")) return this.control(req, res, method, path)
    const entry = this.log.track(req, res, path, this.now())
    const match = /^\/(v1beta|v1|v1alpha)\/models\/([^/:]+):(generateContent|streamGenerateContent)$/.exec(path)
    if (match === null) return notFoundPage(res, path)
    const model = decodeURIComponent(match[2])
    Object.assign(entry, { model })
    if (method !== "POST") return notFoundPage(res, path)
    const stream = match[3] === "streamGenerateContent"
    const sse = url.searchParams.get("alt") === "sse"
    const key = req.headers["x-goog-api-key"] ?? url.searchParams.get("key") ?? undefined
    let text: string
    try {
      text = await readBody(req)
    } catch (e) {
      if (e instanceof BodyTooLarge) return googleError(res, 413, "Request payload size exceeds the limit: 20971520 bytes.")
      res.destroy()
      return
    }
    // the key is checked before the body, as Google's front end does
    const apiKey = Array.isArray(key) ? key[0] : key
    if (apiKey === undefined || apiKey === "") {
      return googleError(
        res,
        403,
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API."
      )
    }
    if (this.scenario.api_key !== undefined && apiKey !== this.scenario.api_key) {
      return googleError(res, 400, "API key not valid. Please pass a valid API key.", [
        {
          "@type": "type.googleapis.com/google.rpc.ErrorInfo",
          reason: "API_KEY_INVALID",
          domain: "googleapis.com",
          metadata: { service: "generativelanguage.googleapis.com" }
        },
        { "@type": "type.googleapis.com/google.rpc.LocalizedMessage", locale: "en-US", message: "API key not valid. Please pass a valid API key." }
      ])
    }
    let body: Record<string, unknown>
    try {
      const parsed: unknown = text.trim() === "" ? {} : JSON.parse(text)
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        return badRequest(res, `Invalid JSON payload received. Expected an object, got ${Array.isArray(parsed) ? "a list" : typeof parsed}.`)
      }
      body = parsed as Record<string, unknown>
    } catch (e) {
      return badRequest(res, `Invalid JSON payload received. ${(e as Error).message}`)
    }
    const config = (body.generationConfig ?? body.generation_config) as Record<string, unknown> | undefined
    const schema = config?.responseJsonSchema ?? config?.response_json_schema
    if (schema !== undefined && schema !== null) Object.assign(entry, { format: schema })
    const invalid = this.validate(body)
    if (invalid !== undefined) return invalid.kind === "field" ? badRequest(res, invalid.message) : googleError(res, 400, invalid.message)
    const asked = requestText(body)
    const sample = () => this.chunks(model, this.replies.peek(asked), body, stream)
    const fault = this.faults.take("generate", model)
    if (await this.fault(fault, req, res, entry, { stream, sse, sample })) return
    if (!MODEL_PREFIXES.some((p) => model.startsWith(p))) {
      return googleError(
        res,
        404,
        `models/${model} is not found for API version ${match[1]}, or is not supported for ${match[3]}. Call ListModels to see the list of available models and their supported methods.`
      )
    }
    const signal = AbortSignal.any([clientGone(req, res), this.closing.signal])
    const chunks = this.chunks(model, this.replies.take(asked), body, stream)
    if (!(await sleep(this.scenario.latency_ms ?? 0, signal))) return
    const tps = this.scenario.tokens_per_second ?? 0
    if (!stream) return googleJson(res, 200, chunks[0].body)
    res.writeHead(200, { "Content-Type": sse ? "text/event-stream" : "application/json; charset=UTF-8", "Cache-Control": "no-cache" })
    if (!sse) res.write("[")
    for (let i = 0; i < chunks.length; i++) {
      if (i > 0 && tps > 0) {
        const tokensBefore = chunks[i - 1].tokens
        if (!(await sleep((1000 * tokensBefore) / tps, signal))) return
      }
      if (signal.aborted) return
      const data = JSON.stringify(chunks[i].body)
      res.write(sse ? `data: ${data}\r\n\r\n` : `${i > 0 ? ",\r\n" : ""}${data}`)
    }
    res.end(sse ? undefined : "]")
  }

  private async control(req: IncomingMessage, res: ServerResponse, method: string, path: string): Promise<void> {
    const plain = (status: number, body: unknown) => {
      const text = JSON.stringify(body)
      res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": String(Buffer.byteLength(text)) })
      res.end(text)
    }
    if (path === "/_emulator/requests" && method === "GET") return plain(200, { requests: this.log.list() })
    if (path === "/_emulator/requests" && method === "DELETE") {
      this.log.clear()
      return plain(200, { requests: [] })
    }
    if (path === "/_emulator/faults" && method === "GET") return plain(200, { faults: this.faults.pending() })
    if (path === "/_emulator/faults" && method === "POST") {
      try {
        const body = JSON.parse(await readBody(req)) as { faults?: unknown }
        this.faults.add(decodeGeminiScenario({ faults: body.faults }, "").faults ?? [])
        return plain(200, { faults: this.faults.pending() })
      } catch (e) {
        return plain(400, { error: (e as Error).message })
      }
    }
    plain(404, { error: `no emulator control route ${method} ${path}` })
  }

  /** The request checks Google makes before generating (a subset: shape, roles, unknown fields). */
  private validate(body: Record<string, unknown>): { readonly kind: "field" | "plain"; readonly message: string } | undefined {
    for (const k of Object.keys(body)) {
      if (!REQUEST_FIELDS.has(k)) return { kind: "field", message: `Invalid JSON payload received. Unknown name "${k}": Cannot find field.` }
    }
    const config = (body.generationConfig ?? body.generation_config) as unknown
    if (config !== undefined && config !== null) {
      if (typeof config !== "object" || Array.isArray(config)) {
        return { kind: "field", message: `Invalid value at 'generation_config' (type.googleapis.com/google.ai.generativelanguage.v1beta.GenerationConfig), ${JSON.stringify(config)}` }
      }
      for (const k of Object.keys(config as Record<string, unknown>)) {
        if (!GENERATION_CONFIG_FIELDS.has(k)) {
          return { kind: "field", message: `Invalid JSON payload received. Unknown name "${k}" at 'generation_config': Cannot find field.` }
        }
      }
    }
    const contents = body.contents
    if (contents === undefined || contents === null || (Array.isArray(contents) && contents.length === 0)) {
      return { kind: "plain", message: "* GenerateContentRequest.contents: contents is not specified\n" }
    }
    if (!Array.isArray(contents)) {
      return { kind: "field", message: `Invalid value at 'contents' (type.googleapis.com/google.ai.generativelanguage.v1beta.Content), ${JSON.stringify(contents)}` }
    }
    for (const [i, content] of contents.entries()) {
      const c = content as { role?: unknown; parts?: unknown }
      if (typeof c !== "object" || c === null) {
        return { kind: "field", message: `Invalid value at 'contents[${i}]' (type.googleapis.com/google.ai.generativelanguage.v1beta.Content), ${JSON.stringify(content)}` }
      }
      if (c.role !== undefined && c.role !== "" && c.role !== "user" && c.role !== "model" && c.role !== "function") {
        return { kind: "plain", message: "Please use a valid role: user, model." }
      }
      if (!Array.isArray(c.parts) || c.parts.length === 0) {
        return { kind: "plain", message: `* GenerateContentRequest.contents[${i}].parts: contents.parts must not be empty.\n` }
      }
    }
    return undefined
  }

  /** The response bodies: one for generateContent, token-sized chunks for the streaming method. */
  private chunks(model: string, reply: string, body: Record<string, unknown>, stream: boolean): Array<{ readonly body: Record<string, unknown>; readonly tokens: number }> {
    const config = ((body.generationConfig ?? body.generation_config) ?? {}) as Record<string, unknown>
    const maxTokens = (config.maxOutputTokens ?? config.max_output_tokens) as number | undefined
    let tokens = tokenize(reply)
    let finishReason = "STOP"
    if (typeof maxTokens === "number" && maxTokens > 0 && tokens.length > maxTokens) {
      tokens = tokens.slice(0, maxTokens)
      finishReason = "MAX_TOKENS"
    }
    const promptTokenCount = Math.max(1, countTokens(requestText(body)))
    const responseId = randomBytes(12).toString("base64url")
    const usage = (candidates: number | undefined) => ({
      promptTokenCount,
      ...(candidates !== undefined ? { candidatesTokenCount: candidates } : {}),
      totalTokenCount: promptTokenCount + (candidates ?? 0),
      promptTokensDetails: [{ modality: "TEXT", tokenCount: promptTokenCount }]
    })
    const candidate = (text: string, finish: string | undefined) => ({
      content: { parts: [{ text }], role: "model" },
      ...(finish !== undefined ? { finishReason: finish } : {}),
      index: 0
    })
    if (!stream) {
      return [{ body: { candidates: [candidate(tokens.join(""), finishReason)], usageMetadata: usage(tokens.length), modelVersion: model, responseId }, tokens: tokens.length }]
    }
    // a few tokens per chunk, as the service streams
    const perChunk = 8
    const out: Array<{ body: Record<string, unknown>; tokens: number }> = []
    for (let i = 0; i < Math.max(1, tokens.length); i += perChunk) {
      const slice = tokens.slice(i, i + perChunk)
      const last = i + perChunk >= tokens.length
      out.push({
        body: {
          candidates: [candidate(slice.join(""), last ? finishReason : undefined)],
          usageMetadata: usage(last ? tokens.length : undefined),
          modelVersion: model,
          responseId
        },
        tokens: slice.length
      })
    }
    return out
  }

  private async fault(
    fault: FaultEntry | undefined,
    req: IncomingMessage,
    res: ServerResponse,
    entry: RequestLogEntry,
    shape: { readonly stream: boolean; readonly sse: boolean; readonly sample: () => ReadonlyArray<{ readonly body: Record<string, unknown> }> }
  ): Promise<boolean> {
    if (fault === undefined) return false
    entry.fault = fault.kind
    if (fault.delay_ms !== undefined && fault.delay_ms > 0) {
      if (!(await sleep(fault.delay_ms, AbortSignal.any([clientGone(req, res), this.closing.signal])))) return true
    }
    switch (fault.kind) {
      case "ok":
        return false
      case "http_500":
        googleError(res, 500, "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting")
        return true
      case "http_503":
        googleError(res, 503, "The model is overloaded. Please try again later.", nonEmpty(askDelay(res, fault, fault.retry_after_s)))
        return true
      case "http_429": {
        const seconds = fault.retry_after_s ?? 1
        googleError(res, 429, "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.", [
          {
            "@type": "type.googleapis.com/google.rpc.QuotaFailure",
            violations: [
              {
                quotaMetric: "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                quotaId: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
                quotaDimensions: { location: "global", model: String(entry.model ?? "") },
                quotaValue: "10"
              }
            ]
          },
          { "@type": "type.googleapis.com/google.rpc.Help", links: [{ description: "Learn more about Gemini API quotas", url: "https://ai.google.dev/gemini-api/docs/rate-limits" }] },
          ...askDelay(res, fault, seconds)
        ])
        return true
      }
      case "hang":
        return true
      case "refuse_connection":
        refuse(res)
        return true
      case "garbage":
        res.writeHead(200, { "Content-Type": shape.sse ? "text/event-stream" : "application/json; charset=UTF-8" })
        res.end(shape.sse ? "data: <html><body>502 Bad Gateway</body></html>\r\n\r\n" : "<html><body>502 Bad Gateway</body></html>")
        return true
      case "truncate_stream": {
        const chunks = shape.sample()
        if (shape.stream && shape.sse) {
          res.writeHead(200, { "Content-Type": "text/event-stream" })
          const half = chunks.slice(0, Math.max(1, Math.floor(chunks.length / 2)))
          // the last event is cut in the middle, so the client sees an incomplete segment
          const text = half.map((c) => `data: ${JSON.stringify(c.body)}\r\n\r\n`).join("")
          res.write(text.slice(0, text.length - 7), () => res.destroy())
        } else {
          truncatedBody(res, 200, "application/json; charset=UTF-8", JSON.stringify(shape.stream ? chunks.map((c) => c.body) : chunks[0].body, null, 2))
        }
        return true
      }
    }
  }
}
