/**
 * Core's `CloudFallback` through `@google/genai`: one cloud generation with the
 * system prompt, temperature and prompt carried over, retries with backoff and jitter that honour
 * the server's delay, one deadline for the whole call, interruption that aborts the HTTP request,
 * typed errors, token usage, and an API key that never leaves the `x-goog-api-key` header.
 */
import { GoogleGenAI, type GenerateContentConfig, type GenerateContentResponse } from "@google/genai"
import { Clock, Effect, Layer, Redacted } from "effect"
import {
  CloudFallback,
  CloudTimeout,
  LfaiConfig,
  type ChatRequest,
  type CloudError,
  type CloudFallbackShape,
  type Completion,
  type LfaiConfigShape
} from "@lfai/core"
import { attemptFailure, blocked, blockedBy, classify, type AttemptFailure } from "./internal/failure.ts"
import { makeRedactor, type Redactor } from "./internal/redact.ts"
import { readResponse, type ResponseFacts } from "./internal/response.ts"
import { defaultRetryPolicy, schedule, type RetryEvent, type RetryPolicy } from "./internal/retry.ts"

export const PROVIDER = "gemini"

export interface GeminiFallbackOptions {
  /** Overrides of the retry policy (attempts, backoff, jitter); the deadline is `gemini.request_timeout_s`. */
  readonly retry?: Partial<RetryPolicy>
  /** Sees every decision after a failed attempt (retry after n ms, or give up): for metrics and tests. */
  readonly onRetry?: (event: RetryEvent) => void
  /** The API version path segment (`v1`, `v1beta`); default: the SDK's own. */
  readonly apiVersion?: string
}

/** Why the fallback is off under this config, if it is: no client is built then. */
export const unavailability = (
  config: LfaiConfigShape
): { readonly reason: "disabled" | "no-key"; readonly detail: string } | undefined => {
  if (!config.validation.enable_cloud_fallback) {
    return { reason: "disabled", detail: "cloud fallback disabled (validation.enable_cloud_fallback: false)" }
  }
  if (config.ai_provider.fallback === "none") {
    return { reason: "disabled", detail: "cloud fallback disabled (ai_provider.fallback: none)" }
  }
  if (config.secrets.geminiApiKey === undefined) {
    return { reason: "no-key", detail: "no GEMINI_API_KEY or GOOGLE_API_KEY set" }
  }
  return undefined
}

/** Thrown from inside the SDK call when the caller's `onToken` throws: a defect, not a cloud error. */
class TokenCallbackFailed {
  readonly cause: unknown
  constructor(cause: unknown) {
    this.cause = cause
  }
}

const describeEvent = (event: RetryEvent): string => {
  const what = event.error.message
  if (event.delayMs !== undefined) return `gemini: attempt ${event.attempt} failed (${what}); retrying in ${event.delayMs} ms`
  switch (event.gaveUp) {
    case "attempts":
      return `gemini: attempt ${event.attempt} failed (${what}); no attempts left`
    case "deadline":
      return `gemini: attempt ${event.attempt} failed (${what}); the next wait${event.serverDelayMs === undefined ? "" : ` (server asks ${event.serverDelayMs} ms)`} would pass gemini.request_timeout_s`
    default:
      return `gemini: attempt ${event.attempt} failed (${what}); not retryable`
  }
}

/**
 * Builds the service for a config whose fallback is enabled and has a key. Constructs the client:
 * call it only after {@link unavailability} said the fallback is on (the layers do).
 */
export const makeService = (
  config: LfaiConfigShape,
  apiKey: Redacted.Redacted<string>,
  options: GeminiFallbackOptions = {}
): CloudFallbackShape => {
  const model = config.gemini.model
  const timeoutMs = Math.round(config.gemini.request_timeout_s * 1000)
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry }
  const redact: Redactor = makeRedactor(Redacted.value(apiKey))
  const client = new GoogleGenAI({
    apiKey: Redacted.value(apiKey),
    vertexai: false,
    ...(options.apiVersion === undefined ? {} : { apiVersion: options.apiVersion }),
    ...(config.gemini.base_url === undefined ? {} : { httpOptions: { baseUrl: config.gemini.base_url } })
  })

  const onDecision = (event: RetryEvent): Effect.Effect<void> =>
    Effect.suspend(() => {
      options.onRetry?.(event)
      return Effect.logWarning(redact.text(describeEvent(event)))
    })

  const requestConfig = (request: ChatRequest, signal: AbortSignal, onResponse: (response: Response) => void): GenerateContentConfig => ({
    ...(request.system.trim() === "" ? {} : { systemInstruction: request.system }),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.seed === undefined ? {} : { seed: request.seed }),
    // Structured output: JSON of the plugin's schema (Gemini requires the JSON mime type with it).
    ...(request.format ? { responseMimeType: "application/json", responseJsonSchema: request.format } : {}),
    abortSignal: signal,
    // Our own fetch, only to see each answer's headers (`Retry-After`); the SDK keeps none on errors.
    httpOptions: {
      fetch: async (input: string | URL | Request, init?: RequestInit) => {
        const response = await fetch(input, init)
        onResponse(response)
        return response
      }
    }
  })

  const finish = (facts: ResponseFacts, text: string, usage: Completion["usage"]): Effect.Effect<Completion, AttemptFailure> => {
    const reason = blockedBy({ blockReason: facts.blockReason, finishReason: facts.finishReason, text })
    if (reason !== undefined) return Effect.fail(blocked(model, reason))
    return Effect.succeed({
      text: redact.secret(text),
      model: facts.modelVersion ?? model,
      ...(usage === undefined ? {} : { usage })
    })
  }

  /** One HTTP attempt; `streamed` is set once a token went to the caller (no retry after that). */
  const attempt = (request: ChatRequest, state: { streamed: boolean }): Effect.Effect<Completion, AttemptFailure> =>
    Effect.suspend(() => {
      let retryAfter: string | null = null
      const onResponse = (response: Response) => {
        retryAfter = response.ok ? null : response.headers.get("retry-after")
      }
      const call = Effect.tryPromise({
        try: async (signal: AbortSignal): Promise<{ facts: ResponseFacts; text: string; usage: Completion["usage"] }> => {
          const params = { model, contents: request.prompt, config: requestConfig(request, signal, onResponse) }
          if (request.onToken === undefined) {
            const response = await client.models.generateContent(params)
            const facts = readResponse(response)
            return { facts, text: facts.text, usage: facts.usage }
          }
          const stream: AsyncGenerator<GenerateContentResponse> = await client.models.generateContentStream(params)
          let text = ""
          let last: ResponseFacts | undefined
          let usage: Completion["usage"]
          let blockReason: string | undefined
          // The key may be split across pieces: scrub the stream, not each piece.
          const scrubber = redact.stream()
          const hand = (piece: string) => {
            if (piece.length === 0) return
            state.streamed = true
            try {
              request.onToken!(piece)
            } catch (cause) {
              throw new TokenCallbackFailed(cause)
            }
          }
          for await (const chunk of stream) {
            const facts = readResponse(chunk)
            last = facts
            usage = facts.usage ?? usage
            blockReason = facts.blockReason ?? blockReason
            text += facts.text
            hand(scrubber.push(facts.text))
          }
          hand(scrubber.end())
          const facts: ResponseFacts = {
            text,
            finishReason: last?.finishReason,
            blockReason,
            usage,
            modelVersion: last?.modelVersion
          }
          return { facts, text, usage }
        },
        catch: (thrown) => thrown
      })
      return call.pipe(
        Effect.catch((thrown) =>
          thrown instanceof TokenCallbackFailed
            ? Effect.die(thrown.cause)
            : Effect.flatMap(Clock.currentTimeMillis, (nowMs) => {
                const failure = classify(thrown, { model, redact, retryAfterHeader: retryAfter, nowMs })
                // Tokens already reached the caller: a retry would repeat them.
                return Effect.fail(state.streamed ? attemptFailure(failure.error, false, failure.retryAfterMs) : failure)
              })
        ),
        Effect.flatMap(({ facts, text, usage }) => finish(facts, text, usage))
      )
    })

  const generate = (request: ChatRequest): Effect.Effect<Completion, CloudError> =>
    Effect.gen(function* () {
      const start = yield* Clock.currentTimeMillis
      const state = { streamed: false }
      return yield* attempt(request, state).pipe(
        Effect.retry(schedule(policy, start + timeoutMs, onDecision)),
        Effect.mapError((failure) => failure.error)
      )
    }).pipe(
      Effect.timeoutOrElse({
        duration: timeoutMs,
        orElse: () => Effect.fail(new CloudTimeout({ model, afterMs: timeoutMs }))
      }),
      Effect.withSpan("lfai.gemini.generate", { attributes: { "gen_ai.request.model": model } })
    )

  return { provider: PROVIDER, model, availability: { available: true }, generate }
}

/** The layer, with options: a fallback that is off under the config constructs no client at all. */
export const layerWith = (options: GeminiFallbackOptions = {}): Layer.Layer<CloudFallback, never, LfaiConfig> =>
  Layer.unwrap(
    Effect.gen(function* () {
      const config = yield* LfaiConfig
      const off = unavailability(config)
      const key = config.secrets.geminiApiKey
      if (off !== undefined || key === undefined) {
        return CloudFallback.unavailable(off?.reason ?? "no-key", off?.detail ?? "no GEMINI_API_KEY or GOOGLE_API_KEY set")
      }
      return Layer.succeed(CloudFallback, makeService(config, key, options))
    })
  )

/** `CloudFallback` from `LfaiConfig`: Gemini when enabled and keyed, else the typed unavailable fallback. */
export const layer: Layer.Layer<CloudFallback, never, LfaiConfig> = layerWith()
