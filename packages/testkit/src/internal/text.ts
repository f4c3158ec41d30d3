import type { ScenarioReply } from "../Scenario.ts"

/**
 * Approximate tokens: a word with its leading whitespace, or one punctuation character. Real
 * tokenizers differ; counts are of the right order (about 0.75 words per token for English), and
 * streaming splits replies where a model's tokens would.
 */
const TOKEN = /\s*[\p{L}\p{N}_]+|\s*[^\s\p{L}\p{N}_]|\s+/gu

export const tokenize = (text: string): Array<string> => text.match(TOKEN) ?? []

export const countTokens = (text: string): number => {
  let n = 0
  TOKEN.lastIndex = 0
  while (TOKEN.exec(text) !== null) n++
  return n
}

/** Deterministic token ids for the deprecated `context` field of /api/generate. */
export const tokenIds = (tokens: ReadonlyArray<string>, vocab: number): Array<number> =>
  tokens.map((t) => {
    let h = 2166136261
    for (let i = 0; i < t.length; i++) h = Math.imul(h ^ t.charCodeAt(i), 16777619)
    return (h >>> 0) % vocab
  })

/**
 * A reply script: `{ match, reply }` entries answer the requests whose text matches, first match
 * first, never consumed; plain replies are consumed in order and the last one repeats; with
 * neither, `fallback`.
 */
export class Replies {
  private readonly matched: ReadonlyArray<{ readonly pattern: RegExp; readonly reply: string }>
  private readonly plain: ReadonlyArray<string>
  private readonly fallback: string
  private index = 0
  constructor(replies: ReadonlyArray<ScenarioReply>, fallback: string) {
    this.matched = replies.flatMap((r) => (typeof r === "string" ? [] : [{ pattern: new RegExp(r.match), reply: r.reply }]))
    this.plain = replies.filter((r): r is string => typeof r === "string")
    this.fallback = fallback
  }
  /** The reply the request with this text would get, without consuming it. */
  peek(text: string): string {
    const hit = this.matched.find((m) => m.pattern.test(text))
    if (hit !== undefined) return hit.reply
    return this.plain.length === 0 ? this.fallback : this.plain[Math.min(this.index, this.plain.length - 1)]
  }
  take(text: string): string {
    const hit = this.matched.find((m) => m.pattern.test(text))
    if (hit !== undefined) return hit.reply
    if (this.plain.length === 0) return this.fallback
    const reply = this.plain[Math.min(this.index, this.plain.length - 1)]
    if (this.index < this.plain.length - 1) this.index++
    return reply
  }
}
