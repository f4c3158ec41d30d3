// What an artifact is (for rendering and highlighting), and its source highlighted line by line.
import hljs from "./vendor/hljs/core.min.js"

const MERMAID_START =
  /^(erDiagram|flowchart|graph|sequenceDiagram|classDiagram(-v2)?|stateDiagram(-v2)?|journey|gantt|pie|mindmap|timeline|gitGraph|quadrantChart|requirementDiagram|C4\w+|sankey(-beta)?|xychart(-beta)?|block(-beta)?|packet(-beta)?|architecture(-beta)?|kanban|radar(-beta)?)\b/

/** The first line that is not blank, a `%%` comment, or front matter. */
const firstMeaningfulLine = (content) => {
  const lines = content.split("\n")
  let index = 0
  if (lines[0]?.trim() === "---") {
    index = lines.findIndex((line, i) => i > 0 && line.trim() === "---") + 1
  }
  for (; index < lines.length; index++) {
    const line = lines[index].trim()
    if (line && !line.startsWith("%%")) return line
  }
  return ""
}

/**
 * How to show an artifact, judged from its content (so a new plugin needs no change here):
 * `view` is `mermaid`, `html` or `source`; `language` names the highlighter; `extension` the download.
 */
export const classify = (content, params = {}) => {
  const trimmed = content.trimStart()
  if (MERMAID_START.test(firstMeaningfulLine(content))) return { view: "mermaid", language: "mermaid", extension: "mmd" }
  if (/^(<!doctype html|<html[\s>])/i.test(trimmed)) return { view: "html", language: "xml", extension: "html" }
  if (/^[[{]/.test(trimmed)) {
    try {
      JSON.parse(trimmed)
      return { view: "source", language: "json", extension: "json" }
    } catch {
      // not JSON after all
    }
  }
  if (params.language === "typescript") return { view: "source", language: "typescript", extension: "ts" }
  if (params.language === "csharp") return { view: "source", language: "csharp", extension: "cs" }
  if (/^(openapi|swagger|asyncapi)\s*:/m.test(trimmed) || /^[\w-]+:(\s|$)/.test(trimmed)) return { view: "source", language: "yaml", extension: "yaml" }
  if (/^(#{1,6}\s|---\n)/.test(trimmed) || /^```/m.test(trimmed)) return { view: "source", language: "markdown", extension: "md" }
  if (/^\s*(using\s+[\w.]+;|namespace\s+[\w.]+|public\s+(sealed\s+)?(class|record|interface|struct)\b)/m.test(content)) {
    return { view: "source", language: "csharp", extension: "cs" }
  }
  if (/^\s*(import\s|export\s|@Component|const\s|function\s|class\s|interface\s)/m.test(content)) {
    return { view: "source", language: "typescript", extension: "ts" }
  }
  if (/^\s*Feature:/m.test(content)) return { view: "source", language: "gherkin", extension: "feature" }
  return { view: "source", language: "plaintext", extension: "txt" }
}

// A small Mermaid grammar: highlight.js has none.
hljs.registerLanguage("mermaid", () => ({
  name: "Mermaid",
  keywords: {
    keyword:
      "erDiagram flowchart graph sequenceDiagram classDiagram stateDiagram stateDiagram-v2 subgraph end participant actor note over left right of as loop alt else opt par and rect critical break activate deactivate direction class classDef style linkStyle click TB TD BT RL LR",
    type: "string int integer float double decimal boolean bool date datetime timestamp uuid text varchar char number"
  },
  contains: [
    { scope: "comment", begin: /%%/, end: /$/ },
    { scope: "string", begin: /"/, end: /"/ },
    { scope: "meta", begin: /\b(PK|FK|UK)\b/ },
    { scope: "operator", begin: /[|}o][|o]?(--|\.\.)[|o]?[|{o]|-->>|->>|-->|---|-\.->|==>|--x|--o|<\|--|\*--|o--|\.\.>|-->|->|--/ },
    { scope: "punctuation", begin: /[{}[\]()]/ }
  ]
}))

const loaded = new Map()
/** Loads a highlight.js grammar once (served by the lfai server beside this file). */
const ensureLanguage = (language) => {
  if (language === "mermaid" || hljs.getLanguage(language)) return Promise.resolve()
  if (!loaded.has(language)) {
    loaded.set(
      language,
      import(`./vendor/hljs/languages/${language}.min.js`).then((module) => hljs.registerLanguage(language, module.default))
    )
  }
  return loaded.get(language)
}

const escapeHtml = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

/**
 * Splits highlighted HTML into lines, closing the spans still open at each line break and opening
 * them again on the next line, so each line stands alone (and can be linked to and marked).
 */
const splitLines = (html) => {
  const lines = []
  const open = []
  let current = ""
  for (const [, start, close, newline, text] of html.matchAll(/(<span[^>]*>)|(<\/span>)|(\n)|([^<\n]+)/g)) {
    if (start) {
      open.push(start)
      current += start
    } else if (close) {
      open.pop()
      current += close
    } else if (newline) {
      lines.push(current + "</span>".repeat(open.length))
      current = open.join("")
    } else {
      current += text
    }
  }
  lines.push(current)
  return lines
}

/** The content as one HTML string per line, highlighted for its language. */
export const highlightLines = async (content, language) => {
  try {
    await ensureLanguage(language)
    return splitLines(hljs.highlight(content, { language, ignoreIllegals: true }).value)
  } catch {
    return content.split("\n").map(escapeHtml)
  }
}
