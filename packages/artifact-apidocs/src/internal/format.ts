/**
 * Which of the two formats a text is (or asks to be): OpenAPI (YAML or JSON) or Markdown HTTP API
 * docs. From content: a document whose first key is `openapi`, `swagger` or `asyncapi` (or JSON)
 * is judged as OpenAPI; one with Markdown headings as Markdown. From a prompt: what it names.
 */

export const FORMATS = ["openapi", "markdown"] as const
export type Format = (typeof FORMATS)[number]

export const isFormat = (value: unknown): value is Format => value === "openapi" || value === "markdown"

/** The first key of a YAML document (`openapi`, `swagger` …), if the text reads as one. */
export const firstKey = (text: string): string | undefined => {
  for (const line of text.split("\n")) {
    if (line.trim() === "" || /^\s*#/.test(line) || /^---\s*$/.test(line) || /^%%/.test(line)) continue
    return /^["']?([A-Za-z_$][\w$-]*)["']?\s*:(?:\s|$)/.exec(line)?.[1]
  }
  return undefined
}

export type Detected =
  | { readonly format: Format }
  /** An OpenAPI document wrapped in a Markdown code fence. */
  | { readonly format: "fenced"; readonly line: number }
  | { readonly format: "unknown" }

export const detectFormat = (text: string): Detected => {
  const first = text.split("\n").find((line) => line.trim() !== "" && !/^\s*<!--.*-->\s*$/.test(line)) ?? ""
  if (/^\s*(?:```|~~~)/.test(first)) {
    const inner = text.slice(text.indexOf(first) + first.length)
    const key = firstKey(inner)
    if (/^\s*[{[]/.test(inner) || (key !== undefined && ["openapi", "swagger", "asyncapi"].includes(key))) return { format: "fenced", line: text.split("\n").findIndex((line) => line === first) + 1 }
  }
  if (/^\s*[{[]/.test(text)) return { format: "openapi" }
  const key = firstKey(text)
  if (key !== undefined && ["openapi", "swagger", "asyncapi"].includes(key)) return { format: "openapi" }
  if (key !== undefined && /^(?:paths|info|components|servers)\s*:/m.test(text)) return { format: "openapi" }
  if (/^#{1,6}\s+\S/m.test(text)) return { format: "markdown" }
  return { format: "unknown" }
}

/** The format a request asks for: its `format` parameter, else what its prompt names. */
export const requestedFormat = (prompt: string, params?: Readonly<Record<string, string>>): Format => {
  if (isFormat(params?.format)) return params.format
  if (/\bmarkdown\b|\breadme\b|\.md\b/i.test(prompt) && !/\bopen\s?api\b|\bswagger\b/i.test(prompt)) return "markdown"
  return "openapi"
}

/** JSON rather than YAML, when the prompt asks for it. */
export const wantsJson = (prompt: string): boolean => /\bjson\b/i.test(prompt) && !/\byaml\b/i.test(prompt) && /\b(?:in|as|format)\s+json\b|\bjson\s+(?:format|document|file|spec)/i.test(prompt)
