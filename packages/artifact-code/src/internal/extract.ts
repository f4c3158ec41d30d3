/**
 * Pulling the code out of a model's answer: the named files of a multi-file answer, kept together
 * in order and each fenced with its name; otherwise the one block that is best the code asked for
 * (its language, a clean parse); otherwise the code in unfenced text, prose before and after cut.
 */
import { normalizeNewlines } from "@lfai/artifact-kit"
import type { ArtifactRequest } from "@lfai/core"
import { answerFiles, fenceFile, type CodeFile } from "./files.ts"
import { clearLanguage, isCodeLanguage, languageOfPrompt, type CodeLanguage } from "./language.ts"
import { validateCode } from "./validate.ts"

const CODE_START =
  /^\s*(?:import\b|export\b|using\s+[\w.]+|global\s+using\b|namespace\s|@[A-Z]\w*|\[[A-Z]\w*|(?:public|private|internal|protected|abstract|sealed|static|partial|async|readonly|file|declare)\s|(?:class|interface|record|struct|enum|const|let|var|type)\s+[\w{[]|function\b|\/\/|\/\*|#nullable\b|#region\b)/

/** A line that reads as a closing sentence ("This component lists the orders."). */
const isClosingProse = (line: string): boolean => /^\s*[A-Z][\w'’,]*(?:\s+\S+){2,}[.!?:]\s*$/.test(line) && !/[;{}()=<>]\s*$|=>|\/\//.test(line)

/** Code in an unfenced answer: from the first line that starts code to the last line that is not prose. */
const unfencedCode = (text: string): string => {
  const lines = text.split("\n")
  const start = lines.findIndex((line) => CODE_START.test(line))
  if (start < 0) return text.trim()
  let end = lines.length
  while (end > start + 1 && (lines[end - 1].trim() === "" || isClosingProse(lines[end - 1]))) end--
  return lines.slice(start, end).join("\n").trim()
}

const wantedLanguage = (request: ArtifactRequest | undefined): CodeLanguage | undefined => {
  const given = request?.params?.language
  if (isCodeLanguage(given)) return given
  return typeof request?.prompt === "string" ? languageOfPrompt(request.prompt) : undefined
}

/** How well a block answers: the wanted language, code at all, a passing parse, then size. */
const rank = (block: CodeFile, wanted: CodeLanguage | undefined): number => {
  const declared = block.declared === "typescript" || block.declared === "csharp" ? block.declared : undefined
  const language = clearLanguage(block.text) ?? declared
  let score = 0
  if (language !== undefined) score += 4
  if (wanted !== undefined && language === wanted) score += 4
  if (block.declared === "other" || block.declared === "json") score -= 4
  const validation = validateCode(block.text, wanted === undefined ? {} : { params: { language: wanted } })
  if (!validation.issues.some((issue) => issue.code === "parse-error" || issue.code === "not-code" || issue.code === "wrong-type")) score += 2
  if (validation.passed) score += 1
  return score + Math.min(1, block.text.split("\n").length / 400)
}

export const extractCode = (raw: string, request?: ArtifactRequest): string => {
  try {
    const text = normalizeNewlines(typeof raw === "string" ? raw : String(raw ?? ""))
    const blocks = answerFiles(text)
    if (blocks.length === 0) return unfencedCode(text)
    const named = blocks.filter((block) => block.name !== undefined)
    const wanted = wantedLanguage(request)
    if (named.length >= 2) {
      return named
        .map((block) => fenceFile({ ...(block.name === undefined ? {} : { name: block.name }), kind: block.declared ?? clearLanguage(block.text) ?? wanted ?? "other", text: block.text }))
        .join("\n\n")
    }
    let best = blocks[0]
    let bestRank = Number.NEGATIVE_INFINITY
    for (const block of blocks) {
      const score = rank(block, wanted)
      if (score > bestRank) {
        best = block
        bestRank = score
      }
    }
    return best.text.trim()
  } catch {
    return typeof raw === "string" ? raw.trim() : ""
  }
}
