/**
 * Text measures behind the quality rules, all on the assistant message:
 * whitespace-collapsed form (exact duplicates), word shingles (near duplicates) and a masked
 * structure (one template with the names swapped).
 */

/** Exact-duplicate key: trimmed, every whitespace run collapsed to one space. */
export const collapseWhitespace = (text: string): string => text.trim().replace(/\s+/g, " ")

/**
 * The distinct k-word shingles of a text: lower-cased, whitespace-separated words, every run of
 * `size` consecutive words joined by one space. A text shorter than `size` words is one shingle.
 */
export const shingles = (text: string, size: number): ReadonlyArray<string> => {
  const collapsed = collapseWhitespace(text).toLowerCase()
  if (collapsed === "") return []
  const words = collapsed.split(" ")
  if (words.length <= size) return [words.join(" ")]
  const out = new Set<string>()
  for (let i = 0; i + size <= words.length; i++) out.add(words.slice(i, i + size).join(" "))
  return [...out]
}

// One pass: a quoted string, an identifier (letters, digits, `_`, `$`, starting with a non-digit),
// or a number. Everything else (punctuation, operators, brackets) is structure and is kept.
const TOKEN = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`\n]*`|[\p{L}_$][\p{L}\p{N}_$]*|\p{N}+(?:\.\p{N}+)?/gu

/**
 * The structure of a text with every identifier and every number masked: each quoted string,
 * identifier or number becomes `w`, a run of such tokens separated only by spaces becomes one `w`
 * (so a two-word label is not a different structure from a one-word label), whitespace inside a
 * line collapses, and blank lines drop. Keywords are masked too: the rule asks whether outputs
 * differ in shape, and a keyword sits at the same place in every output of one template.
 */
export const structureOf = (text: string): string => {
  const lines: string[] = []
  for (const line of text.split(/\r\n|\r|\n/)) {
    const masked = line
      .replace(TOKEN, "w")
      .replace(/[ \t]+/g, " ")
      .trim()
      .replace(/w(?: w)+/g, "w")
    if (masked !== "") lines.push(masked)
  }
  return lines.join("\n")
}
