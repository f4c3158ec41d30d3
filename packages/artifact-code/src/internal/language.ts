/**
 * Which language a text is in, when nobody said: from the request for generation, from the code
 * itself for validation. These are cues for choosing a parser, never a verdict: the parsers judge.
 */

export const LANGUAGES = ["typescript", "csharp"] as const
export type CodeLanguage = (typeof LANGUAGES)[number]

export const LANGUAGE_TITLE: Readonly<Record<CodeLanguage, string>> = { typescript: "TypeScript", csharp: "C#" }

export const isCodeLanguage = (value: unknown): value is CodeLanguage => value === "typescript" || value === "csharp"

type Cue = readonly [RegExp, number]

// Words in a request that point at one stack or the other.
const PROMPT_CUES: Readonly<Record<CodeLanguage, ReadonlyArray<Cue>>> = {
  typescript: [
    [/\bangular\b/i, 4],
    [/\btype ?script\b|\bts\b/i, 4],
    [/\brxjs\b|\bobservables?\b|\bngrx\b|\bsignals?\b/i, 2],
    [/\b(?:component|directive|pipe|guard|interceptor|resolver|standalone)s?\b/i, 1],
    [/\breactive forms?\b|\bform ?group\b/i, 2],
    [/\bfront[- ]?end\b|\bspa\b/i, 1]
  ],
  csharp: [
    [/\bc#|\bc sharp\b|\bcsharp\b/i, 4],
    [/\.net\b|\bdotnet\b|\basp\.?net\b/i, 4],
    [/\bef ?core\b|\bentity ?framework\b|\bdb ?context\b/i, 3],
    [/\bminimal api\b|\bcontroller\b|\bbackground ?service\b|\bhosted service\b|\bworker service\b/i, 2],
    [/\brecords?\b|\bdtos?\b|\bmiddleware\b|\bxunit\b/i, 1],
    [/\bback[- ]?end\b|\bweb api\b/i, 1]
  ]
}

const score = (text: string, cues: ReadonlyArray<Cue>): number => cues.reduce((sum, [cue, weight]) => sum + (cue.test(text) ? weight : 0), 0)

/** The language a request asks for, when its words say so clearly; otherwise undefined. */
export const languageOfPrompt = (prompt: string): CodeLanguage | undefined => {
  const ts = score(prompt, PROMPT_CUES.typescript)
  const cs = score(prompt, PROMPT_CUES.csharp)
  if (ts === cs) return undefined
  return ts > cs ? "typescript" : "csharp"
}

// Line shapes that only one of the two languages writes.
const CODE_CUES: Readonly<Record<CodeLanguage, ReadonlyArray<Cue>>> = {
  typescript: [
    [/^\s*import\s+(?:type\s+)?(?:[\w*{][^;]*\s+from\s+)?['"][^'"]+['"]/, 3],
    [/^\s*export\s+(?:default\s+)?(?:abstract\s+)?(?:class|interface|const|let|function|async\s+function|type|enum)\b/, 3],
    [/^\s*@(?:Component|Injectable|NgModule|Directive|Pipe|Input|Output|HostListener|ViewChild)\s*\(/, 3],
    [/\b\w+\??\s*:\s*(?:string|number|boolean|void|unknown|any|never)\b/, 1],
    [/^\s*(?:const|let)\s+[\w{[]/, 1],
    [/\bconstructor\s*\(/, 2],
    [/^\s*(?:export\s+)?(?:async\s+)?function\s*\*?\s*\w+\s*[(<]/, 2],
    [/^\s*(?:(?:private|public|protected)\s+)?readonly\s+\w+\s*=/, 2]
  ],
  csharp: [
    [/^\s*(?:global\s+)?using\s+(?:static\s+)?[\w.]+(?:\s*=\s*[\w.<>]+)?\s*;/, 3],
    [/^\s*namespace\s+[\w.]+\s*[;{]?\s*$/, 3],
    [/\{\s*(?:(?:public|private|protected|internal)\s+)?get\s*;\s*(?:(?:private\s+|protected\s+|internal\s+)?(?:set|init)\s*;\s*)?\}/, 3],
    [/^\s*\[(?:ApiController|Route|Http(?:Get|Post|Put|Delete|Patch)|Required|Key|FromBody|FromQuery|Authorize|Table|Column|MaxLength|StringLength)\b/, 3],
    [
      /\b(?:public|private|protected|internal)\s+(?:(?:static|async|override|virtual|sealed|abstract|partial|readonly|required|new)\s+)*(?:class|record|struct|interface|enum|void|Task|string|int|long|bool|decimal|double|Guid|DateTime|[A-Z]\w*(?:<[^>()]*>)?\??)\s+[A-Za-z_]\w*\s*(?:[({;=]|$)/,
      2
    ],
    [/\basync\s+Task\b|\bTask<|\bValueTask\b/, 2],
    [/^\s*var\s+\w+\s*=/, 1]
  ]
}

/** Evidence for each language in a text: weighted counts of lines only that language writes. */
export const languageCues = (text: string): Readonly<Record<CodeLanguage, number>> => {
  const totals = { typescript: 0, csharp: 0 }
  const lines = text.split("\n")
  for (const line of lines.length > 2000 ? lines.slice(0, 2000) : lines) {
    for (const language of LANGUAGES) for (const [cue, weight] of CODE_CUES[language]) if (cue.test(line)) totals[language] += weight
  }
  return totals
}

/** The language the code is clearly in (enough cues, twice the other's); otherwise undefined. */
export const clearLanguage = (text: string): CodeLanguage | undefined => {
  const cues = languageCues(text)
  if (cues.typescript >= 3 && cues.typescript >= 2 * cues.csharp) return "typescript"
  if (cues.csharp >= 3 && cues.csharp >= 2 * cues.typescript) return "csharp"
  return undefined
}

/** `ts`, `typescript`, `cs`, `c#`, … (a fence's info string) → the language, when it names one. */
export const languageOfInfo = (info: string): CodeLanguage | "jsx" | "other" | undefined => {
  const word = info.trim().toLowerCase().split(/[\s{:,]/)[0] ?? ""
  if (word === "") return undefined
  if (["ts", "typescript", "mts", "cts", "angular"].includes(word)) return "typescript"
  if (["cs", "csharp", "c#", "c-sharp", "dotnet", "aspnet"].includes(word)) return "csharp"
  if (["tsx", "jsx"].includes(word)) return "jsx"
  return "other"
}

/** A file's language by its extension. */
export const languageOfPath = (path: string): CodeLanguage | "jsx" | "json" | "other" => {
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? ""
  if (["ts", "mts", "cts"].includes(extension)) return "typescript"
  if (extension === "cs") return "csharp"
  if (extension === "tsx" || extension === "jsx") return "jsx"
  if (extension === "json") return "json"
  return "other"
}

/** Markup rather than code: the first meaningful line opens an element (`<div …>`, `<MyList …/>`). */
export const markupKind = (text: string): "jsx" | "html" | undefined => {
  const first = text.split("\n").find((line) => line.trim() !== "" && !/^\s*\/\//.test(line))?.trim() ?? ""
  if (!/^<(?:!doctype\b|[A-Za-z][\w.-]*)/i.test(first)) return undefined
  return /\bclassName=|\bon[A-Z]\w*=\{|=\{[^}]*\}|<>|<\/>/.test(text) ? "jsx" : "html"
}
