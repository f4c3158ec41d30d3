/**
 * Turning whatever `@google/genai` throws into core's typed cloud errors, with the facts the retry
 * policy needs (may it be retried, and how long the server asked us to wait).
 *
 * What the SDK throws (read from @google/genai 3.x):
 * - `ApiError` (`name === "ApiError"`, numeric `status`) for a non-2xx answer; its `message` is the
 *   JSON error body (`{"error":{"code","message","status","details"}}`), or for an error inside an
 *   SSE stream `got status: X. {json}`. Headers are not kept, hence `Retry-After` is read by our own
 *   `fetch` wrapper and handed in here.
 * - `TypeError("fetch failed")` from undici, the reason in `cause` (ECONNREFUSED, socket closed…).
 * - `SyntaxError` / plain `Error`s for bodies that are not the API's JSON, or a stream cut short.
 */
import { CloudBlocked, CloudNetworkError, CloudQuotaExhausted, CloudRejected, type CloudError } from "@lfai/core"
import type { Redactor } from "./redact.ts"

/** One failed attempt: the typed error, plus what the retry policy needs to know about it. */
export interface AttemptFailure {
  readonly _tag: "AttemptFailure"
  readonly error: CloudError
  readonly retryable: boolean
  /** The server's own delay (`RetryInfo.retryDelay` or `Retry-After`), in ms. */
  readonly retryAfterMs: number | undefined
}

export const attemptFailure = (error: CloudError, retryable: boolean, retryAfterMs?: number): AttemptFailure => ({
  _tag: "AttemptFailure",
  error,
  retryable,
  retryAfterMs
})

/** HTTP statuses worth another attempt: quota/rate (429), and transient server-side trouble. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504])

interface GoogleErrorBody {
  readonly code?: number
  readonly message?: string
  readonly status?: string
  readonly details?: ReadonlyArray<Record<string, unknown>>
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object"

/** The `error` object of Google's JSON error body, from an `ApiError` message. */
export const parseErrorBody = (message: string): GoogleErrorBody | undefined => {
  const start = message.indexOf("{")
  if (start === -1) return undefined
  try {
    const parsed: unknown = JSON.parse(message.slice(start))
    const error = isRecord(parsed) ? parsed.error : undefined
    return isRecord(error) ? (error as GoogleErrorBody) : undefined
  } catch {
    return undefined
  }
}

/** A protobuf JSON `Duration` ("30s", "1.5s") or `{ seconds, nanos }`, in ms. */
export const parseProtoDuration = (value: unknown): number | undefined => {
  if (typeof value === "string") {
    const match = /^\s*(\d+(?:\.\d+)?)s\s*$/.exec(value)
    return match ? Math.round(Number(match[1]) * 1000) : undefined
  }
  if (isRecord(value)) {
    const seconds = Number(value.seconds ?? 0)
    const nanos = Number(value.nanos ?? 0)
    return Number.isFinite(seconds) && Number.isFinite(nanos) ? Math.round(seconds * 1000 + nanos / 1e6) : undefined
  }
  return undefined
}

const detailOfType = (body: GoogleErrorBody | undefined, type: string): Record<string, unknown> | undefined =>
  body?.details?.find((detail) => typeof detail["@type"] === "string" && (detail["@type"] as string).endsWith(type))

/** `google.rpc.RetryInfo.retryDelay`, in ms. */
export const retryInfoDelay = (body: GoogleErrorBody | undefined): number | undefined =>
  parseProtoDuration(detailOfType(body, "google.rpc.RetryInfo")?.retryDelay)

/** `Retry-After`: delta-seconds or an HTTP-date (relative to `nowMs`), in ms. */
export const parseRetryAfter = (header: string | null | undefined, nowMs: number): number | undefined => {
  if (header === null || header === undefined || header.trim() === "") return undefined
  const trimmed = header.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs)
}

/** Google's own words for an error: the message, then status and reason (`API_KEY_INVALID`). */
const describeBody = (body: GoogleErrorBody | undefined, fallback: string): string => {
  const reason = detailOfType(body, "google.rpc.ErrorInfo")?.reason
  const tags = [body?.status, typeof reason === "string" ? reason : undefined].filter((tag) => tag !== undefined && tag !== "")
  const message = body?.message?.trim() || fallback
  return tags.length === 0 ? message : `${message} [${tags.join(", ")}]`
}

const maxDefined = (...values: ReadonlyArray<number | undefined>): number | undefined => {
  const defined = values.filter((value): value is number => value !== undefined)
  return defined.length === 0 ? undefined : Math.max(...defined)
}

export interface ClassifyContext {
  readonly model: string
  readonly redact: Redactor
  /** The `Retry-After` header of the last HTTP answer, if any. */
  readonly retryAfterHeader?: string | null | undefined
  readonly nowMs: number
}

const causeOf = (error: Error): string | undefined => {
  const cause = (error as { cause?: unknown }).cause
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code
    return code ? `${code}: ${cause.message}` : cause.message
  }
  return cause === undefined ? undefined : String(cause)
}

/** Maps anything the SDK (or fetch) threw onto a typed, redacted, classified failure. */
export const classify = (thrown: unknown, context: ClassifyContext): AttemptFailure => {
  const { model, redact } = context
  const error = thrown instanceof Error ? thrown : new Error(String(thrown))
  const status = (error as { status?: unknown }).status
  if (error.name === "ApiError" && typeof status === "number") {
    const body = parseErrorBody(error.message)
    const retryAfterMs = maxDefined(retryInfoDelay(body), parseRetryAfter(context.retryAfterHeader, context.nowMs))
    const detail = redact.text(describeBody(body, error.message))
    if (status === 429) {
      return attemptFailure(new CloudQuotaExhausted({ model, detail }), true, retryAfterMs)
    }
    return attemptFailure(new CloudRejected({ model, status, detail }), RETRYABLE_STATUSES.has(status), retryAfterMs)
  }
  if (error.name === "TypeError" && /fetch failed|terminated|network/i.test(error.message)) {
    const cause = causeOf(error)
    const detail = redact.text(cause ? `${error.message} (${cause})` : error.message)
    return attemptFailure(new CloudNetworkError({ model, detail }), true)
  }
  if (error.name === "SyntaxError" || /JSON|stream|response body|socket|ECONN|EPIPE/i.test(error.message)) {
    const cause = causeOf(error)
    const detail = redact.text(`unreadable answer from the server: ${error.message}${cause ? ` (${cause})` : ""}`)
    return attemptFailure(new CloudNetworkError({ model, detail }), true)
  }
  const cause = causeOf(error)
  return attemptFailure(
    new CloudNetworkError({ model, detail: redact.text(`${error.name}: ${error.message}${cause ? ` (${cause})` : ""}`) }),
    false
  )
}

/** A `finishReason` (or prompt `blockReason`) that means the answer was withheld, not finished. */
export const BLOCKING_REASONS: ReadonlySet<string> = new Set([
  "SAFETY",
  "RECITATION",
  "LANGUAGE",
  "BLOCKLIST",
  "PROHIBITED_CONTENT",
  "SPII",
  "IMAGE_SAFETY",
  "IMAGE_PROHIBITED_CONTENT",
  "IMAGE_RECITATION"
])

/** Finish reasons of an answer that is complete (or merely long): its text is the result. */
const FINISHED_REASONS: ReadonlySet<string> = new Set(["STOP", "MAX_TOKENS", "FINISH_REASON_UNSPECIFIED"])

/**
 * Whether an answer was blocked: a prompt `blockReason`, a blocking `finishReason`, or any other
 * non-finishing reason (OTHER, MALFORMED_RESPONSE, …) that left no text at all.
 */
export const blockedBy = (input: {
  readonly blockReason: string | undefined
  readonly finishReason: string | undefined
  readonly text: string
}): string | undefined => {
  if (input.blockReason !== undefined && input.blockReason !== "BLOCKED_REASON_UNSPECIFIED") return input.blockReason
  const reason = input.finishReason
  if (reason === undefined) return undefined
  if (BLOCKING_REASONS.has(reason)) return reason
  if (!FINISHED_REASONS.has(reason) && input.text.length === 0) return reason
  return undefined
}

export const blocked = (model: string, finishReason: string): AttemptFailure =>
  attemptFailure(new CloudBlocked({ model, finishReason }), false)
