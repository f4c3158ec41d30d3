/**
 * The files of a code answer. A model asked for "a component and its service" answers several
 * fenced blocks, each named in the fence's info string (```ts title="x.ts"```, ```typescript
 * src/app/x.ts```, ```csharp:Models/Order.cs```), on a heading or label line just above the
 * fence (`### src/app/x.ts`, `**Order.cs**`), or by a comment on the block's first line
 * (`// File: src/app/x.ts`). Content handed to `validate` is either one file as plain code or
 * the files in that fenced form, as `extract` writes it.
 */
import { fencedBlocks, normalizeNewlines } from "@lfai/artifact-kit"
import { languageOfInfo, languageOfPath, type CodeLanguage } from "./language.ts"

export type FileKind = CodeLanguage | "jsx" | "json" | "other"

export interface CodeFile {
  /** The path the answer gives the file, when it names one. */
  readonly name?: string
  /** What the file's name or fence says it is; undefined when only its content can tell. */
  readonly declared?: FileKind
  /** Whether the kind comes from the name's extension (stronger than a fence's info string). */
  readonly byExtension: boolean
  readonly text: string
  /** 1-based line of the file's first line in the text it came from. */
  readonly startLine: number
  /** The fence was never closed: the answer was cut off. */
  readonly unterminated: boolean
}

const EXTENSIONS = "ts|tsx|mts|cts|cs|html|css|scss|sass|less|json|jsx|js|mjs|cjs|csproj|sln|md|ya?ml|xml|razor|cshtml|config|txt|sql|sh|ps1|http"
const PATH = new RegExp(`(?:^|[\\s\`'"*(\\[:=])((?:[\\w@.~-]+[/\\\\])*[\\w@.-]*\\w\\.(?:${EXTENSIONS}))(?=$|[\\s\`'"*):,\\]])`, "gi")

/** The last file path on a line, if any. */
export const pathIn = (line: string): string | undefined => {
  let found: string | undefined
  for (const match of line.matchAll(PATH)) found = match[1]
  return found?.replace(/\\/g, "/")
}

/** A file named in a fence's info string: `title="x.ts"`, `file=x.ts`, `ts:x.ts`, `typescript x.ts`. */
const nameInInfo = (info: string): string | undefined => {
  const attribute = /\b(?:title|file(?:name)?|name|path)\s*=\s*(?:"([^"]+)"|'([^']+)'|(\S+))/i.exec(info)
  if (attribute) return (attribute[1] ?? attribute[2] ?? attribute[3]).trim().replace(/\\/g, "/")
  return pathIn(info.replace(/^[\w#+-]+:/, (lang) => `${lang.slice(0, -1)} `))
}

// A line that only names a file: `### src/app/x.ts`, `**Order.cs**`, `File: x.ts`, `1. \`x.ts\`:`.
const LABEL_MAX = 160
const isLabelLine = (line: string): boolean => line.trim().length <= LABEL_MAX

/** A comment on the first line of a block that names its file: `// src/app/x.ts`, `// File: x.cs`. */
const nameInTopComment = (body: string): string | undefined => {
  const first = body.split("\n").find((line) => line.trim() !== "") ?? ""
  const comment = /^\s*(?:\/\/+|\/\*+|<!--|#)\s*(?:(?:file(?:name)?|path)\s*[:=]\s*)?(\S+)\s*(?:\*+\/|-->)?\s*$/i.exec(first)
  return comment ? pathIn(` ${comment[1]}`) : undefined
}


const blockLines = (block: { readonly startLine: number; readonly body: string; readonly unterminated: boolean }): number[] => {
  const bodyLines = block.body === "" ? 0 : block.body.split("\n").length
  const out: number[] = []
  // the opening fence, the body, and the closing fence (0-based line indices)
  for (let i = block.startLine - 2; i < block.startLine - 1 + bodyLines + (block.unterminated ? 0 : 1); i++) out.push(i)
  return out
}

/** Every fenced block of a text as a file: its name and kind from the info string, a label line above it, or a top comment. */
const blocksOf = (text: string): CodeFile[] => {
  const lines = text.split("\n")
  const blocks = fencedBlocks(text)
  const inside = new Set(blocks.flatMap(blockLines))
  return blocks.map((block) => {
    const fenceLine = block.startLine - 2
    const info = /^\s*(?:`{3,}|~{3,})(.*)$/.exec(lines[fenceLine] ?? "")?.[1]?.trim() ?? block.info
    let above = fenceLine - 1
    while (above >= 0 && lines[above].trim() === "" && !inside.has(above)) above--
    const label = above >= 0 && !inside.has(above) && isLabelLine(lines[above]) ? pathIn(lines[above]) : undefined
    const name = nameInInfo(info) ?? label ?? nameInTopComment(block.body)
    const byName = name === undefined ? undefined : languageOfPath(name)
    const byInfo = languageOfInfo(info)
    const declared = byName !== undefined && byName !== "other" ? byName : (byInfo ?? (byName === "other" ? "other" : undefined))
    return {
      ...(name === undefined ? {} : { name }),
      ...(declared === undefined ? {} : { declared }),
      byExtension: byName !== undefined && byName !== "other",
      text: block.body.replace(/^(?:[ \t]*\n)+/, ""),
      startLine: block.startLine + (block.body.match(/^(?:[ \t]*\n)+/)?.[0].split("\n").length ?? 1) - 1,
      unterminated: block.unterminated
    }
  })
}

const NOT_CODE_OUTSIDE = /^\s*(?:import\b|export\b|using\s+[\w.]+\s*;|namespace\b|@\w+\(|\[\w+)|[;{}]\s*$/

/** Fenced blocks, when the text is made of them (prose and labels between them, no code outside). */
const fencedFiles = (text: string): CodeFile[] | undefined => {
  const blocks = fencedBlocks(text)
  if (blocks.length === 0) return undefined
  const inside = new Set(blocks.flatMap(blockLines))
  if (text.split("\n").some((line, i) => !inside.has(i) && NOT_CODE_OUTSIDE.test(line))) return undefined
  return blocksOf(text)
}

/**
 * The files of validated content: its fenced blocks when it is made of them, otherwise the whole
 * text as one file.
 */
export const splitFiles = (content: string): CodeFile[] => {
  const text = normalizeNewlines(content)
  return fencedFiles(text) ?? [{ byExtension: false, text, startLine: 1, unterminated: false }]
}

/** The files of a raw answer's fences, a fence wrapped around fenced files opened up (```` around ```). */
export const answerFiles = (text: string): CodeFile[] =>
  blocksOf(text).flatMap((block) => {
    const inner = fencedFiles(block.text)
    return inner !== undefined && inner.length > 0 ? inner : [block]
  })

const FENCE_LANGUAGE: Readonly<Record<string, string>> = {
  typescript: "typescript",
  csharp: "csharp",
  jsx: "tsx",
  json: "json"
}

/** How a file is fenced in the content `extract` returns: its language and its name. */
export const fenceFile = (file: { readonly name?: string; readonly kind: FileKind; readonly text: string }): string => {
  const extension = file.name === undefined ? "" : (/\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? "")
  const language = FENCE_LANGUAGE[file.kind] ?? (extension === "" ? "text" : extension)
  const body = file.text.replace(/\s+$/, "")
  const longest = Math.max(2, ...[...body.matchAll(/^\s*(`{3,})/gm)].map((m) => m[1].length))
  const fence = "`".repeat(longest + 1)
  return `${fence}${language}${file.name === undefined ? "" : ` title="${file.name}"`}\n${body}\n${fence}`
}
