/**
 * Pulling one HTML page out of raw model text: fenced (```html, ```, ~~~) or not, prose before
 * and after, several blocks (a complete page beats a CSS or JSX block), Windows line endings.
 */
import { candidateBlocks, normalizeNewlines } from "@lfai/artifact-kit"

const START = [/<!doctype\s+html/i, /<html[\s>]/i, /<head[\s>]/i, /<body[\s>]/i]
const END = /<\/html\s*>/i

/** The page in one block: from its doctype (or first page tag) to its `</html>`, with a rank. */
const pageIn = (body: string, info: string): { rank: number; text: string } => {
  const found = START.map((pattern, rank) => ({ rank, match: pattern.exec(body) })).find((candidate) => candidate.match !== null)
  const bonus = info === "html" || info === "htm" ? 0.5 : 0
  if (!found?.match) {
    const tagged = /<[A-Za-z!]/.test(body)
    return { rank: (tagged ? 1 : 0) + bonus, text: body.trim() }
  }
  const start = found.match.index
  const end = END.exec(body.slice(start))
  const text = end ? body.slice(start, start + end.index + end[0].length) : body.slice(start)
  return { rank: 10 - found.rank + bonus, text: text.trim() }
}

/** The best page in `raw`; failing any, the text itself, trimmed, for the validator to judge. */
export const extractPage = (raw: string): string => {
  try {
    const text = normalizeNewlines(typeof raw === "string" ? raw : String(raw ?? ""))
    const blocks = candidateBlocks(text)
    // a page written outside any fence, next to fenced snippets, still counts
    const candidates = blocks.some((block) => block.fenced) ? [...blocks, { info: "", body: text }] : blocks
    let best: { rank: number; text: string } | undefined
    for (const block of candidates) {
      const page = pageIn(block.body, block.info)
      if (page.rank > (best?.rank ?? 0)) best = page
    }
    return best?.text ?? text.trim()
  } catch {
    return typeof raw === "string" ? raw.trim() : ""
  }
}
