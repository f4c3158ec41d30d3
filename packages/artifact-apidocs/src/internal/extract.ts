/**
 * Pulling API documentation out of raw model text: an OpenAPI document (```yaml, ```json or no
 * fence; prose before and after dropped) or Markdown docs (```markdown, whose own code blocks may
 * close the outer fence too early when it has only three backticks), of the format asked for.
 */
import { candidateBlocks, normalizeNewlines } from "@lfai/artifact-kit"
import type { ArtifactRequest } from "@lfai/core"
import { firstKey, isFormat, type Format } from "./format.ts"

interface Candidate {
  readonly format: Format | undefined
  readonly rank: number
  readonly text: string
}

/** A line of prose after a document: a sentence at the left margin, not a key or a list item. */
const isProse = (line: string) => /^[A-Z][^:]*\s\S+.*[.!?)]\s*$/.test(line) || /^(?:Here|This|These|The|I|Note|Let me|Feel free|Hope)\b[^:]*$/.test(line)

const openApiIn = (body: string, info: string): Candidate | undefined => {
  const lines = body.split("\n")
  const json = lines.findIndex((line) => /^\s*\{\s*$|^\s*\{\s*"/.test(line))
  const yaml = lines.findIndex((line) => /^["']?(?:openapi|swagger|asyncapi)["']?\s*:/.test(line))
  const start = yaml >= 0 && (json < 0 || yaml < json) ? yaml : json
  if (start < 0) return undefined
  let end = lines.length
  if (start === json) {
    // a JSON document ends with the last line that closes it
    const close = lines.findLastIndex((line) => /^\s*\}\s*,?\s*$/.test(line))
    if (close >= start) end = close + 1
  } else {
    while (end > start + 1 && (lines[end - 1].trim() === "" || isProse(lines[end - 1]))) end--
  }
  const text = lines.slice(start, end).join("\n").trim()
  const key = start === json ? (/"(openapi|swagger|asyncapi)"\s*:/.exec(text)?.[1] ?? "") : firstKey(text) ?? ""
  const rank = (key === "openapi" ? 6 : key ? 4 : 2) + (["yaml", "yml", "json", "openapi"].includes(info) ? 0.5 : 0)
  return { format: "openapi", rank, text }
}

const markdownIn = (body: string, info: string): Candidate | undefined => {
  const lines = body.split("\n")
  const start = lines.findIndex((line) => /^#\s+\S/.test(line))
  const from = start >= 0 ? start : lines.findIndex((line) => /^#{2,6}\s+\S/.test(line))
  if (from < 0) return undefined
  const text = lines.slice(from).join("\n").trim()
  const endpoints = (text.match(/^#{2,6}\s.*\b(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b\s*`?\//gm) ?? []).length
  return { format: "markdown", rank: (endpoints > 0 ? 5 : 1) + (start >= 0 ? 0.5 : 0) + (["markdown", "md"].includes(info) ? 0.5 : 0), text }
}

/**
 * The body of a ```markdown fence opened at `open`, reading its inner fences in pairs: a fence
 * line with a language opens an inner block, a bare one closes it, and only a bare fence with no
 * inner block open closes the outer one.
 */
const nestedFence = (lines: ReadonlyArray<string>, open: number): string => {
  const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(lines[open])![1]
  let inner = false
  for (let i = open + 1; i < lines.length; i++) {
    const fence = /^\s{0,3}(`{3,}|~{3,})\s*(\S*)/.exec(lines[i])
    if (!fence || fence[1][0] !== marker[0] || fence[1].length < marker.length) continue
    if (fence[2] !== "") inner = true
    else if (inner) inner = false
    else return lines.slice(open + 1, i).join("\n")
  }
  return lines.slice(open + 1).join("\n")
}

/** The documentation in `raw`, of the format the request asks for when it names one. Never throws. */
export const extractApiDocs = (raw: string, request?: ArtifactRequest): string => {
  try {
    const text = normalizeNewlines(typeof raw === "string" ? raw : String(raw ?? ""))
    const wanted = isFormat(request?.params?.format) ? request.params.format : undefined
    const lines = text.split("\n")
    const candidates: Candidate[] = []
    for (const block of candidateBlocks(text)) {
      for (const found of [openApiIn(block.body, block.info), markdownIn(block.body, block.info)]) if (found) candidates.push(found)
    }
    // a ```markdown fence whose inner code blocks closed it early
    lines.forEach((line, i) => {
      if (/^\s{0,3}(?:`{3,}|~{3,})\s*(?:markdown|md)\s*$/i.test(line)) {
        const found = markdownIn(nestedFence(lines, i), "markdown")
        if (found) candidates.push({ ...found, rank: found.rank + 0.25 })
      }
    })
    // documentation written outside any fence, next to fenced snippets (examples, a closing note)
    if (candidateBlocks(text).some((block) => block.fenced)) {
      for (const found of [openApiIn(text, ""), markdownIn(text, "")]) if (found) candidates.push({ ...found, rank: found.rank - 0.75 })
    }
    let best: Candidate | undefined
    for (const candidate of candidates) {
      const rank = candidate.rank + (wanted !== undefined && candidate.format === wanted ? 10 : 0)
      if (best === undefined || rank > best.rank) best = { ...candidate, rank }
    }
    return best?.text ?? text.trim()
  } catch {
    return typeof raw === "string" ? raw.trim() : ""
  }
}
