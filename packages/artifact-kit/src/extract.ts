/**
 * Pulling an artifact out of raw model text: code fences (``` and ~~~, any length, any info
 * string, unterminated when the answer was cut off), prose around them, Windows line endings.
 */

/** One candidate piece of an answer. */
export interface TextBlock {
  /** The fence's info string, lower-cased (`mermaid`, `json`, …); empty for unfenced text. */
  readonly info: string
  readonly body: string
  readonly fenced: boolean
  /** True when the fence was never closed (a truncated answer). */
  readonly unterminated: boolean
  /** 1-based line of the block's first body line in the normalized text. */
  readonly startLine: number
}

/** Strips a byte-order mark and turns CRLF / CR into LF. */
export const normalizeNewlines = (raw: string): string => raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n")

/** Removes the indentation every non-blank line shares (answers nested in Markdown lists). */
export const dedent = (text: string): string => {
  const lines = text.split("\n")
  let common = Number.POSITIVE_INFINITY
  for (const line of lines) {
    if (line.trim() === "") continue
    const indent = /^[ \t]*/.exec(line)?.[0].length ?? 0
    if (indent < common) common = indent
  }
  if (!Number.isFinite(common) || common === 0) return text
  return lines.map((line) => line.slice(Math.min(common, /^[ \t]*/.exec(line)?.[0].length ?? 0))).join("\n")
}

const FENCE = /^([ \t]{0,3})(`{3,}|~{3,})[ \t]*([^\n`]*)$/

/** Every fenced block of the (normalized) text, in order. */
export const fencedBlocks = (raw: string): TextBlock[] => {
  const lines = normalizeNewlines(raw).split("\n")
  const blocks: TextBlock[] = []
  let i = 0
  while (i < lines.length) {
    const open = FENCE.exec(lines[i])
    if (!open) {
      i++
      continue
    }
    const marker = open[2]
    const info = open[3].trim().toLowerCase()
    const body: string[] = []
    let j = i + 1
    let closed = false
    for (; j < lines.length; j++) {
      const close = /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*$/.exec(lines[j])
      if (close && close[1][0] === marker[0] && close[1].length >= marker.length) {
        closed = true
        break
      }
      body.push(lines[j])
    }
    blocks.push({ info, body: dedent(body.join("\n")), fenced: true, unterminated: !closed, startLine: i + 2 })
    i = closed ? j + 1 : j
  }
  return blocks
}

/**
 * The candidates of an answer: its fenced blocks, or, when it has none, the whole text as one
 * unfenced block.
 */
export const candidateBlocks = (raw: string): TextBlock[] => {
  const text = normalizeNewlines(typeof raw === "string" ? raw : String(raw ?? ""))
  const fenced = fencedBlocks(text)
  if (fenced.length > 0) return fenced
  return [{ info: "", body: text, fenced: false, unterminated: false, startLine: 1 }]
}
