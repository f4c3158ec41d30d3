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
  /** For a streamed answer, whose pieces may split the key: see {@link StreamScrubber}. */
  readonly stream: () => StreamScrubber
}

/**
 * Scrubs the key from text that arrives in pieces. A piece's tail that could be the start of the
 * key is held back until the next piece shows whether it is; `end` hands over what is left.
 */
export interface StreamScrubber {
  readonly push: (piece: string) => string
  readonly end: () => string
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
  const heldBack = (buffer: string): number => {
    let hold = 0
    for (const literal of literals) {
      for (let k = Math.min(literal.length - 1, buffer.length); k > hold; k--) {
        if (buffer.endsWith(literal.slice(0, k))) {
          hold = k
          break
        }
      }
    }
    return hold
  }
  const stream = (): StreamScrubber => {
    let buffer = ""
    return {
      push: (piece) => {
        buffer = secretOnly(buffer + piece)
        const hold = heldBack(buffer)
        const out = buffer.slice(0, buffer.length - hold)
        buffer = buffer.slice(buffer.length - hold)
        return out
      },
      end: () => {
        const out = buffer
        buffer = ""
        return out
      }
    }
  }
  return {
    secret: secretOnly,
    stream,
    text: (text) =>
      secretOnly(text).replace(QUERY_KEY, `$1${REDACTED}`).replace(HEADER_KEY, `$1${REDACTED}`).replace(GOOGLE_KEY, REDACTED)
  }
}
