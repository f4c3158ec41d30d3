/**
 * Pulling a Markdown document out of a model's answer. Models often wrap the document in a
 * ```markdown fence although it holds fences of its own; CommonMark would end the wrapper at the
 * first inner closing fence, so the wrapper is read here with its inner fences balanced: a fence
 * with an info string opens an inner block, a bare one closes the inner block, or else the wrapper.
 * Without a wrapper, prose before the document (before its front matter or H1) is dropped.
 */
import { normalizeNewlines } from "@lfai/artifact-kit"

const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^`\n]*)$/

interface Wrapped {
  readonly body: string
  readonly info: string
}

/** Every top-level fenced block, with inner fences balanced. */
const wrappers = (lines: ReadonlyArray<string>): Wrapped[] => {
  const out: Wrapped[] = []
  let i = 0
  while (i < lines.length) {
    const open = FENCE.exec(lines[i])
    if (!open) {
      i++
      continue
    }
    const marker = open[1]
    let inner: string | undefined
    let j = i + 1
    for (; j < lines.length; j++) {
      const fence = FENCE.exec(lines[j])
      if (!fence) continue
      const bare = fence[2].trim() === ""
      if (inner !== undefined) {
        if (bare && fence[1][0] === inner[0] && fence[1].length >= inner.length) inner = undefined
      } else if (bare && fence[1][0] === marker[0] && fence[1].length >= marker.length) break
      else inner = fence[1]
    }
    out.push({ body: lines.slice(i + 1, j).join("\n"), info: open[2].trim().toLowerCase() })
    i = j + 1
  }
  return out
}

/** Where a document starts: front matter on its first line, or its H1 (outside code). */
const documentStart = (lines: ReadonlyArray<string>): number | undefined => {
  let inFence: string | undefined
  for (let i = 0; i < lines.length; i++) {
    const fence = FENCE.exec(lines[i])
    if (fence) {
      if (inFence === undefined) inFence = fence[1]
      else if (fence[2].trim() === "" && fence[1][0] === inFence[0] && fence[1].length >= inFence.length) inFence = undefined
      continue
    }
    if (inFence !== undefined) continue
    if (/^#\s+\S/.test(lines[i])) return i
    if (lines[i] === "---" && lines.slice(i + 1).some((line) => line === "---" || line === "...")) {
      const next = lines.slice(i + 1).findIndex((line) => line === "---" || line === "...")
      if (lines.slice(i + 1, i + 1 + next).every((line) => line === "" || /^[\w-]+\s*:/.test(line) || /^\s+\S/.test(line) || /^-\s/.test(line))) return i
    }
  }
  return undefined
}

const looksLikeDocument = (text: string): boolean => documentStart(text.split("\n")) !== undefined

export const extractDocument = (raw: string): string => {
  const text = normalizeNewlines(typeof raw === "string" ? raw : String(raw ?? ""))
  const lines = text.split("\n")
  const start = documentStart(lines)
  // A document that starts outside any fence is the answer itself: only the prose before it goes.
  if (start !== undefined) {
    const before = lines.slice(0, start).join("\n")
    if (!wrappers(before.split("\n")).some((block) => looksLikeDocument(block.body))) {
      const fencedDocs = wrappers(lines).filter((block) => looksLikeDocument(block.body))
      if (fencedDocs.length === 0 || start < lines.findIndex((line) => FENCE.test(line))) return lines.slice(start).join("\n").trim()
    }
  }
  const wrapped = wrappers(lines).find((block) => looksLikeDocument(block.body))
  if (wrapped) {
    const body = wrapped.body.split("\n")
    return body.slice(documentStart(body) ?? 0).join("\n").trim()
  }
  return text.trim()
}
