/**
 * Mapping positions in the text mermaid's parser saw back to the text the caller gave. Mermaid
 * drops front matter, `%%{…}%%` directives, `%%` comments and leading blank lines before parsing
 * (and the flowchart parser folds blank lines after `}`), but never reorders or merges the lines
 * that carry content. So the n-th content line of one is the n-th content line of the other.
 */

const isContent = (line: string): boolean => {
  const t = line.trim()
  return t !== "" && !t.startsWith("%%")
}

/** 0-based indexes of the content lines, front matter skipped. */
const contentLines = (lines: ReadonlyArray<string>, skipFrontMatter: boolean): number[] => {
  let start = 0
  if (skipFrontMatter) {
    const first = lines.findIndex((line) => line.trim() !== "")
    if (first >= 0 && lines[first].trim() === "---") {
      const close = lines.findIndex((line, i) => i > first && line.trim() === "---")
      if (close > first) start = close + 1
    }
  }
  const out: number[] = []
  for (let i = start; i < lines.length; i++) if (isContent(lines[i])) out.push(i)
  return out
}

export const splitLines = (text: string): string[] => text.split(/\r\n|\r|\n/)

/**
 * The 1-based line of `original` matching 1-based `line` of `parsed`; past the last content
 * line (an error at the end of input) it is the last content line.
 */
export const mapLine = (original: string, parsed: string, line: number): number | undefined => {
  const originalContent = contentLines(splitLines(original), true)
  if (originalContent.length === 0) return undefined
  const parsedLines = splitLines(parsed)
  const parsedContent = contentLines(parsedLines, false)
  let rank = parsedContent.findIndex((index) => index >= line - 1)
  if (rank === -1) rank = parsedContent.length - 1
  else if (parsedContent[rank] !== line - 1 && rank > 0) rank -= 1
  return originalContent[Math.min(Math.max(rank, 0), originalContent.length - 1)] + 1
}

/** The 1-based line of the first content line (the diagram header), skipping front matter. */
export const headerLine = (text: string): number | undefined => {
  const first = contentLines(splitLines(text), true)[0]
  return first === undefined ? undefined : first + 1
}

const wordPattern = (word: string) => new RegExp(`(^|[^\\w-])${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\w-])`)

/** Every 1-based content line, from line `from` on, that mentions all of `words` as whole words. */
export const linesMentioning = (text: string, words: ReadonlyArray<string>, from = 1): number[] => {
  if (words.length === 0 || words.some((word) => word === "")) return []
  const patterns = words.map(wordPattern)
  const lines = splitLines(text)
  const out: number[] = []
  for (let i = Math.max(0, from - 1); i < lines.length; i++) if (isContent(lines[i]) && patterns.every((p) => p.test(lines[i]))) out.push(i + 1)
  return out
}

/** The 1-based line of the first content line, from line `from` on, mentioning `word` as a whole word. */
export const lineOf = (text: string, word: string, from = 1): number | undefined => linesMentioning(text, [word], from)[0]

/** The 1-based line where `name` opens a block (`NAME {`, `NAME["alias"] {`, `class NAME {`, `state NAME {`). */
export const blockLine = (text: string, name: string): number | undefined => {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  const pattern = new RegExp(`^\\s*(?:class\\s+|state\\s+)?${escaped}(?:\\s*\\[[^\\]]*\\])?(?:~[^~]*~)?\\s*\\{`)
  const index = splitLines(text).findIndex((line) => pattern.test(line))
  return index === -1 ? undefined : index + 1
}

/** Keywords that open a block closed by `end` (flowchart subgraphs, sequence fragments and boxes). */
const END_BLOCKS = new Set(["subgraph", "loop", "alt", "opt", "par", "critical", "break", "rect", "box"])

/**
 * How deep blocks nest, read line by line without parsing: a block opens with a keyword closed by
 * `end`, or with a line ending in `{`; it closes with `end` or a line starting with `}`. A rough
 * count by design: it only has to tell a real diagram from an absurd one, cheaply.
 */
export const nestingDepth = (text: string): number => {
  let depth = 0
  let deepest = 0
  for (const raw of splitLines(text)) {
    const line = raw.trim()
    if (line === "" || line.startsWith("%%")) continue
    const keyword = line.split(/[\s{]/, 1)[0].toLowerCase()
    if (END_BLOCKS.has(keyword) || line.endsWith("{")) deepest = Math.max(deepest, ++depth)
    else if ((keyword === "end" || line.startsWith("}")) && depth > 0) depth--
  }
  return deepest
}
