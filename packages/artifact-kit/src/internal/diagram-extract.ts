/**
 * Pulling one Mermaid diagram of a wanted family out of raw model text: fenced (```mermaid, ```,
 * ~~~) or not, prose before and after, several blocks (the right type wins), Windows line endings,
 * `%%{init}%%` directives and front matter kept with the diagram they precede.
 */
import { detectDiagram, parseSync, type DiagramFamily } from "@lfai/mermaid"
import { candidateBlocks, normalizeNewlines, type TextBlock } from "../extract.ts"

const isPreamble = (line: string) => {
  const t = line.trim()
  return t === "" || t.startsWith("%%")
}

/** Where a diagram starts in `lines`: its header line, moved up over directives/comments just above it. */
const findStart = (lines: ReadonlyArray<string>, family: DiagramFamily): { start: number; family?: DiagramFamily } | undefined => {
  let fallback: { start: number; family?: DiagramFamily } | undefined
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim()
    if (t === "" || t.startsWith("%%") || t === "---") continue
    const found = detectDiagram(lines.slice(i).join("\n"))
    if (!found) continue
    let start = i
    while (start > 0 && isPreamble(lines[start - 1]) && lines[start - 1].trim() !== "") start--
    // YAML front matter directly above: `---` … `---`
    if (start > 0 && lines[start - 1].trim() === "---") {
      const open = lines.slice(0, start - 1).lastIndexOf("---")
      if (open >= 0) start = open
    }
    const hit = found.family === undefined ? { start } : { start, family: found.family }
    if (found.family === family) return hit
    fallback ??= hit
  }
  return fallback
}

const SYNTAX = /-->|---|==>|-\.|->>|--|[{}[\]()|";:<>=]|^\s*end\s*$/

/** A line that reads as a sentence: three words or more, no diagram syntax. */
const isSentence = (line: string) => !SYNTAX.test(line) && /^\s*(?:[*_#>-]+\s*)?[A-Za-z][\w'’,]*(?:\s+\S+){2,}\s*$/.test(line)

/** Sentence-like lines ending in `.`, `!` or `?` never belong to a diagram. */
const isClosingProse = (line: string) => isSentence(line) && /[.!?]\s*$/.test(line)

const dropTrailing = (lines: string[], drop: (line: string) => boolean): string[] => {
  let end = lines.length
  while (end > 1 && (lines[end - 1].trim() === "" || drop(lines[end - 1]))) end--
  return lines.slice(0, end)
}

const rank = (block: TextBlock, family: DiagramFamily): { score: number; text: string } => {
  const lines = block.body.split("\n")
  const found = findStart(lines, family)
  if (!found) return { score: block.info === "mermaid" ? 1 : 0, text: block.body.trim() }
  let body = lines.slice(found.start)
  if (!block.fenced || block.unterminated) {
    // prose may follow an unfenced diagram: sentences are dropped; other sentence-like lines only
    // when the diagram does not parse with them (a line the diagram needs is never dropped)
    body = dropTrailing(body, isClosingProse)
    if (!parseSync(body.join("\n")).ok) {
      const shorter = dropTrailing(body, isSentence)
      if (shorter.length < body.length && parseSync(shorter.join("\n")).ok) body = shorter
    }
  }
  const text = body.join("\n").trim()
  const score = found.family === family ? 4 : 2
  return { score: score + (block.info === "mermaid" ? 0.5 : 0), text }
}

/**
 * The diagram of `family` in `raw`; failing that, the first Mermaid diagram of any kind (so the
 * validator can say it is the wrong type); failing that, the text itself, trimmed.
 */
export const extractDiagram = (raw: string, family: DiagramFamily): string => {
  try {
    const text = normalizeNewlines(typeof raw === "string" ? raw : String(raw ?? ""))
    let best: { score: number; text: string } | undefined
    for (const block of candidateBlocks(text)) {
      const ranked = rank(block, family)
      if (ranked.score > (best?.score ?? 0)) best = ranked
    }
    return best?.text ?? text.trim()
  } catch {
    return typeof raw === "string" ? raw.trim() : ""
  }
}
