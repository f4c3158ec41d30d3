/**
 * Scrubbing the API key out of any text that may leave the layer: error details, log lines, the
 * model's answer. The key is sent only in the `x-goog-api-key` header, but a proxy, an SDK error or
 * a server may still echo it (`?key=…` in a URL, a header dump), so every string is scrubbed.
 */

export const REDACTED = "[redacted]"

export interface Redactor {
  /** For error details and log lines: the key, key parameters, key headers, anything key-shaped. */
  readonly text: (text: string) => string
  /** For the model's answer: only this key itself (an answer may legitimately show a sample key). */
  readonly secret: (text: string) => string
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/** `?key=…` / `&key=…` (also `api_key`, `apiKey`), and `x-goog-api-key: …` in any quoting. */
const QUERY_KEY = /([?&](?:key|api_key|apiKey)=)[^&#\s"'<>]+/gi
const HEADER_KEY = /(x-goog-api-key["']?\s*[:=]\s*["']?)[^\s"',;}]+/gi
/** The shape of a Google API key (`AIza` + 35 characters), whoever's it is. */
const GOOGLE_KEY = /AIza[0-9A-Za-z_-]{35}/g

/** A redactor for this secret (and for anything shaped like a Google key or a key parameter). */
export const makeRedactor = (secret: string | undefined): Redactor => {
  const literals = secret === undefined || secret.length === 0 ? [] : [...new Set([secret, encodeURIComponent(secret)])]
  const exact = literals.length === 0 ? undefined : new RegExp(literals.map(escapeRegExp).join("|"), "g")
  const secretOnly = (text: string): string => (exact === undefined ? text : text.replace(exact, REDACTED))
  return {
    secret: secretOnly,
    text: (text) =>
      secretOnly(text).replace(QUERY_KEY, `$1${REDACTED}`).replace(HEADER_KEY, `$1${REDACTED}`).replace(GOOGLE_KEY, REDACTED)
  }
}
