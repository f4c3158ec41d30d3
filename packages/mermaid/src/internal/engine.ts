/**
 * The mermaid engine: loads mermaid 12 once, preloads the diagram families we read, and parses
 * synchronously through mermaid's own pipeline (`mermaidAPI.getDiagramFromText`: front matter,
 * directives, comments, entity encoding, type detection, the diagram's parser and database).
 *
 * Why synchronous: validators are synchronous (core's contract), and a synchronous parse can never
 * interleave with another — mermaid's shared state (the jison parser's `yy`, the config, our shim)
 * is only ever seen by one parse at a time. For a preloaded type everything in
 * `getDiagramFromText` up to and including the parser call runs synchronously; we hook the
 * diagram's parser to capture, during that call, the database mermaid created for this parse and
 * any error it threw.
 */
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import type { DiagramFamily } from "../types.ts"
import { withParserEnvironment, withPurifyStubs } from "./shim.ts"

interface JisonHash {
  text?: string
  token?: string | null
  line?: number
  loc?: { first_line?: number; first_column?: number; last_line?: number; last_column?: number }
  expected?: string[]
}

interface ParserDefinition {
  parse: (text: string) => unknown
  parser?: ParserDefinition & { yy?: unknown }
  yy?: unknown
}

interface MermaidApi {
  registerExternalDiagrams(diagrams: unknown[]): Promise<void>
  detectType(text: string): string
  mermaidAPI: {
    getDiagramFromText(text: string): Promise<{ type: string; db: unknown; parser: ParserDefinition }>
    defaultConfig: Record<string, unknown>
    globalReset(): void
  }
}

/** The config sections parsing reads: the five families' own, and the sanitizer's settings. */
const PARSE_SECTIONS = new Set(["flowchart", "sequence", "class", "state", "er", "secure", "dompurifyConfig"])

/**
 * A parse-only configuration. Mermaid's `getConfig()` deep-copies its whole configuration (about
 * 24 KB: theme variables and a section per diagram type) on every call, and its diagram databases
 * call it for every node, member and label: a 40-line class diagram took about 60 ms, 80% of it
 * copying. Parsing reads only the top-level settings and its own family's section, so the
 * render-only parts (theme variables, the sections of diagram types never loaded here) are emptied
 * in mermaid's defaults and the current config is reset to them. Nothing here ever renders.
 */
const useParseOnlyConfig = (mermaid: MermaidApi) => {
  const defaults = mermaid.mermaidAPI.defaultConfig
  for (const [key, value] of Object.entries(defaults)) {
    if (PARSE_SECTIONS.has(key) || value === null || typeof value !== "object" || Array.isArray(value) || Object.isFrozen(value)) continue
    for (const inner of Object.keys(value)) delete (value as Record<string, unknown>)[inner]
  }
  mermaid.mermaidAPI.globalReset()
}

/** What one synchronous parse captured from inside mermaid. */
export interface RawParse {
  /** Mermaid's diagram type id, or undefined when no type was detected. */
  readonly type?: string
  readonly db?: unknown
  /** The exact text the grammar saw (after mermaid's own clean-up). */
  readonly parsedText?: string
  readonly error?: unknown
  readonly hash?: JisonHash
  /** False when mermaid never reached a parser (no type, or a type we did not preload). */
  readonly reachedParser: boolean
}

/** Mermaid type ids → our families. */
export const FAMILY_OF_TYPE: Readonly<Record<string, DiagramFamily>> = {
  er: "er",
  flowchart: "flowchart",
  "flowchart-v2": "flowchart",
  "flowchart-elk": "flowchart",
  sequence: "sequence",
  class: "class",
  classDiagram: "class",
  state: "state",
  stateDiagram: "state"
}

/** One small diagram per header keyword, parsed once at load to register and hook each type. */
const PRELOAD = [
  "erDiagram\n  A ||--o{ B : has\n",
  "flowchart TD\n  A --> B\n",
  "graph TD\n  A --> B\n",
  "flowchart-elk TD\n  A --> B\n",
  "sequenceDiagram\n  A->>B: hi\n",
  "classDiagram\n  A <|-- B\n",
  "classDiagram-v2\n  A <|-- B\n",
  "stateDiagram\n  [*] --> A\n",
  "stateDiagram-v2\n  [*] --> A\n"
]

interface Capture {
  reached: boolean
  db?: unknown
  parsedText?: string
  error?: unknown
}

let current: Capture | undefined
const hooked = new WeakSet<object>()

const hook = (definition: ParserDefinition | undefined) => {
  if (!definition || typeof definition.parse !== "function" || hooked.has(definition)) return
  hooked.add(definition)
  const original = definition.parse
  definition.parse = function (this: unknown, text: string) {
    const capture = current
    if (capture === undefined) return original.call(this, text)
    capture.reached = true
    // the innermost call sees the text the grammar parses; `yy` is the database for this parse
    capture.parsedText = text
    if (capture.db === undefined) capture.db = definition.parser?.yy ?? definition.yy
    try {
      return original.call(this, text)
    } catch (error) {
      if (capture.error === undefined) capture.error = error
      throw error
    }
  }
  if (definition.parser && definition.parser !== definition) hook(definition.parser)
}

export interface Engine {
  readonly version: string
  /** Milliseconds spent importing mermaid and preloading the diagram families. */
  readonly loadMs: number
  /** Mermaid type ids that parse synchronously. */
  readonly types: ReadonlySet<string>
  readonly detectType: (text: string) => string | undefined
  readonly parseRaw: (text: string) => RawParse
}

const findPurify = async (): Promise<object> => {
  // the DOMPurify instance mermaid itself imported: resolved from mermaid's own location
  const requireFromMermaid = createRequire(fileURLToPath(import.meta.resolve("mermaid")))
  let dir = dirname(requireFromMermaid.resolve("dompurify"))
  while (!readdirHasPackageJson(dir)) dir = dirname(dir)
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    exports?: { ".": { import?: { default?: string } | string } }
    module?: string
  }
  const entry = manifest.exports?.["."]?.import
  const file = (typeof entry === "string" ? entry : entry?.default) ?? manifest.module ?? "dist/purify.es.mjs"
  return ((await import(pathToFileURL(join(dir, file)).href)) as { default: object }).default
}

const readdirHasPackageJson = (dir: string): boolean => {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string }
    return manifest.name === "dompurify"
  } catch {
    if (dirname(dir) === dir) throw new Error("cannot locate the dompurify package mermaid uses")
    return false
  }
}

export const loadEngine = async (): Promise<Engine> => {
  const started = performance.now()
  const mermaid = ((await import("mermaid")) as unknown as { default: MermaidApi }).default
  const purify = await findPurify()
  const version = (JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.resolve("mermaid"))), "..", "package.json"), "utf8")) as { version: string }).version
  // registers mermaid's diagram detectors (what `initialize` would do, without rebuilding the config)
  await mermaid.registerExternalDiagrams([])
  useParseOnlyConfig(mermaid)
  const types = new Set<string>()
  for (const sample of PRELOAD) {
    // the first parse of a type loads its chunk (asynchronously); hook its parser afterwards
    const diagram = await withPurifyStubs(purify, () => mermaid.mermaidAPI.getDiagramFromText(sample))
    hook(diagram.parser)
    types.add(diagram.type)
  }

  const detectType = (text: string): string | undefined => {
    try {
      return mermaid.detectType(text)
    } catch {
      return undefined
    }
  }

  const parseRaw = (text: string): RawParse => {
    const type = detectType(text)
    if (type === undefined || !types.has(type)) return { type, reachedParser: false }
    const capture: Capture = { reached: false }
    let thrown: unknown
    withParserEnvironment(purify, () => {
      current = capture
      try {
        // runs synchronously up to the end of the parser call for a preloaded type; the promise's
        // outcome is what `capture` recorded, so it is only observed to keep it from being unhandled
        mermaid.mermaidAPI.getDiagramFromText(text).catch(() => undefined)
      } catch (error) {
        thrown = error
      } finally {
        current = undefined
      }
    })
    const error = capture.error ?? thrown
    const hash = (error as { hash?: JisonHash } | undefined)?.hash
    return { type, db: capture.db, parsedText: capture.parsedText, error, hash, reachedParser: capture.reached }
  }

  return { version, loadMs: performance.now() - started, types, detectType, parseRaw }
}
