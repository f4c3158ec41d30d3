/**
 * Deterministic fuzz inputs for validators and extractors: random text, and mutations of real
 * artifacts (cut, doubled, shuffled, truncated, sprinkled with the syntax's own tokens).
 */
import { createRng, type Rng } from "./rng.ts"

const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \t\n{}[]()<>|-=.:;,\"'`~*%#@!?/\\+&^$_"
const EXOTIC = ["\u0000", "\uFEFF", "\r", "\r\n", "\u2028", "😀", "é", "中文", "\uD800", "&#35;", "#quot;", "\\n", "<br/>", "<script>"]

const randomText = (rng: Rng, max: number): string => {
  const length = rng.int(0, max)
  let out = ""
  for (let i = 0; i < length; i++) out += rng.chance(0.05) ? rng.pick(EXOTIC) : ALPHABET[rng.int(0, ALPHABET.length - 1)]
  return out
}

const mutate = (rng: Rng, text: string, tokens: ReadonlyArray<string>): string => {
  const lines = text.split("\n")
  switch (rng.int(0, 11)) {
    case 0:
      return text.slice(0, rng.int(0, text.length))
    case 1: {
      const at = rng.int(0, text.length)
      return text.slice(0, at) + text.slice(Math.min(text.length, at + rng.int(1, 20)))
    }
    case 2: {
      const at = rng.int(0, text.length)
      return text.slice(0, at) + rng.pick(tokens) + text.slice(at)
    }
    case 3:
      return rng.shuffle(lines).join("\n")
    case 4: {
      const i = rng.int(0, lines.length - 1)
      lines.splice(i, 0, ...lines.slice(i, i + rng.int(1, 4)))
      return lines.join("\n")
    }
    case 5:
      return lines.filter(() => rng.chance(0.7)).join("\n")
    case 6:
      return text.replace(/\n/g, () => (rng.chance(0.5) ? "\r\n" : "\n"))
    case 7: {
      const at = rng.int(0, text.length)
      return text.slice(0, at) + randomText(rng, 30) + text.slice(at)
    }
    case 8:
      return text.replace(/[A-Za-z]/g, (c) => (rng.chance(0.1) ? rng.pick(tokens) : c))
    case 9:
      return `${randomText(rng, 40)}\n${text}\n${randomText(rng, 40)}`
    case 10:
      return text.repeat(rng.int(2, 6))
    default:
      return lines.map((line) => (rng.chance(0.2) ? line.trim() : rng.chance(0.1) ? `   ${line}` : line)).join("\n")
  }
}

/**
 * `count` inputs: about a quarter random text, the rest one to three mutations of the seeds,
 * sometimes wrapped in fences or prose. Same seed, same inputs.
 */
export const fuzzInputs = (seed: number, count: number, seeds: ReadonlyArray<string>, tokens: ReadonlyArray<string> = []): string[] => {
  const rng = createRng(seed, "fuzz")
  const pool = [...tokens, "\n", "{", "}", "[", "]", "(", ")", "\"", ":", "|", "%%", "```", "--", ";"]
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    if (seeds.length === 0 || rng.chance(0.25)) {
      out.push(randomText(rng, 400))
      continue
    }
    let text = rng.pick(seeds)
    for (let n = rng.int(1, 3); n > 0; n--) text = mutate(rng, text, pool)
    if (rng.chance(0.15)) text = `Here you go:\n\`\`\`${rng.pick(["mermaid", "", "text"])}\n${text}\n${rng.chance(0.7) ? "```" : ""}`
    out.push(text)
  }
  return out
}
