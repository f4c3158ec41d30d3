/**
 * Pulling the stories JSON out of a model's answer: a fenced block (```json or any other), or the
 * object in prose around it. A candidate that parses and has `stories` wins; otherwise the first
 * object-looking text is returned as it is (cut off, commented…) for the validator to name the fault.
 */
import { candidateBlocks, normalizeNewlines } from "@lfai/artifact-kit"

/** Candidate starts tried per block: enough for prose with a stray brace, bounded for garbage. */
const MAX_STARTS = 20

/** The text from `start` (a `{`) to its matching `}` (strings respected), or to the end when it never closes. */
const objectSpan = (text: string, start: number): { readonly span: string; readonly closed: boolean } => {
  let depth = 0
  let inString = false
  for (let i = start; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === "\\") i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === "{" || c === "[") depth++
    else if (c === "}" || c === "]") {
      depth--
      if (depth === 0) return { span: text.slice(start, i + 1), closed: true }
    }
  }
  return { span: text.slice(start).trimEnd(), closed: false }
}

/** Every `{`-started span of the text (the first few), parsed where it parses. */
const objectSpans = (text: string): Array<{ readonly text: string; readonly value: unknown }> => {
  const out: Array<{ text: string; value: unknown }> = []
  for (let start = text.indexOf("{"); start !== -1 && out.length < MAX_STARTS; start = text.indexOf("{", start + 1)) {
    const found = objectSpan(text, start)
    out.push({ text: found.span, value: found.closed ? parses(found.span) : undefined })
  }
  return out
}

const parses = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const hasStories = (value: unknown): boolean => value !== null && typeof value === "object" && !Array.isArray(value) && "stories" in value

export const extractStories = (raw: string): string => {
  const text = normalizeNewlines(typeof raw === "string" ? raw : String(raw ?? ""))
  const blocks = candidateBlocks(text)
  const spans = blocks.flatMap((block) => {
    const body = block.body.trim()
    const whole = parses(body)
    if (whole !== undefined && typeof whole === "object") return [{ text: body, value: whole, info: block.info }]
    return objectSpans(body).map((span) => ({ ...span, info: block.info }))
  })
  const best = spans.find((span) => hasStories(span.value))
  if (best) return best.text
  // Nothing parses as a stories document: hand back the likeliest attempt at one (the first
  // object, or the json block) as it is, so the validator can say what is wrong with it.
  const attempt = spans.find((span) => span.info === "json") ?? spans[0]
  return attempt ? attempt.text : text.trim()
}
