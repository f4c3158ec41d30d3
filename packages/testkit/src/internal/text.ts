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

/** A reply script: consumed in order, the last one repeats. */
export class Replies {
  private readonly replies: ReadonlyArray<string>
  private index = 0
  constructor(replies: ReadonlyArray<string>) {
    this.replies = replies
  }
  peek(): string {
    return this.replies[Math.min(this.index, this.replies.length - 1)]
  }
  take(): string {
    const reply = this.peek()
    if (this.index < this.replies.length - 1) this.index++
    return reply
  }
}
