/**
 * The mermaid engine: loads mermaid 12 once, preloads the diagram families we read, and parses
 * synchronously through mermaid's own pipeline as `mermaid.parse` runs it: front matter,
 * directives, comments, the config they set (the diagram's own `config:` / `%%{init}%%` applied
 * for its parse only), entity encoding, type detection, the diagram's parser and database.
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

interface JisonLocation {
  first_line?: number
}

interface JisonLexer {
  setInput: (input: string, yy: unknown) => unknown
  yylloc?: JisonLocation
}

interface ParserDefinition {
  parse: (text: string) => unknown
  parser?: ParserDefinition & { yy?: unknown }
  yy?: unknown
  lexer?: JisonLexer
  performAction?: (this: { $?: unknown; _$?: JisonLocation }, ...args: unknown[]) => unknown
}

interface MermaidApi {
  registerExternalDiagrams(diagrams: unknown[]): Promise<void>
  detectType(text: string): string
  mermaidAPI: {
    parse(text: string): Promise<unknown>
    getDiagramFromText(text: string): Promise<{ type: string; db: unknown; parser: ParserDefinition }>
    defaultConfig: Record<string, unknown>
    updateSiteConfig(config: Record<string, unknown>): Record<string, unknown>
    reset(): void
  }
}

/** The config sections parsing reads: the five families' own, and the sanitizer's settings. */
const PARSE_SECTIONS = new Set(["flowchart", "sequence", "class", "state", "er", "secure", "dompurifyConfig"])

/**
 * A parse-only configuration. Mermaid's `getConfig()` deep-copies its whole configuration (about
 * 24 KB: theme variables and a section per diagram type) on every call, and its diagram databases
 * call it for every node, member and label: a 40-line class diagram took about 60 ms, 80% of it
 * copying. Parsing reads only the top-level settings and its own family's section, so the
 * render-only parts (theme variables, the sections of diagram types never loaded here, the
 * families' own themes) are emptied in mermaid's defaults and in its site config — the copy of the defaults `parse` resets to before
 * each diagram — and the current config is reset to them. Nothing here ever renders.
 */
const useParseOnlyConfig = (mermaid: MermaidApi) => {
  const trim = (config: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(config)) {
      if (value === null || typeof value !== "object" || Array.isArray(value) || Object.isFrozen(value)) continue
      const section = value as Record<string, unknown>
      // a family's own theme (mermaid 12 gives flowchart, er and sequence one) makes every parse
      // recompute the theme's colours; parsing never reads them
      if (PARSE_SECTIONS.has(key)) delete section.theme
      else for (const inner of Object.keys(section)) delete section[inner]
    }
  }
  trim(mermaid.mermaidAPI.defaultConfig)
  // `updateSiteConfig` answers mermaid's own site config object (merging nothing into it)
  trim(mermaid.mermaidAPI.updateSiteConfig({}))
  mermaid.mermaidAPI.reset()
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
  /**
   * For an error mermaid raised itself rather than through the grammar's parse error (a diagram
   * database refusing a statement, a lexer rule): the 1-based line, in `parsedText`, of the
   * statement being handled when it was raised.
   */
  readonly statementLine?: number
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
  /** The lexer of this parse (jison makes one per parse, from the parser's lexer). */
  lexer?: JisonLexer
  /** Where each value a grammar rule produced starts (1-based line of the parsed text). */
  readonly origins: WeakMap<object, number>
  statementLine?: number
}

let current: Capture | undefined
const hooked = new WeakSet<object>()

const lineOf = (location: JisonLocation | undefined): number | undefined =>
  typeof location?.first_line === "number" ? location.first_line : undefined

/**
 * Records, during a parse, where each grammar rule's value starts and which rule was being reduced
 * when a database method threw: mermaid's own errors (a participant deactivated while inactive, a
 * shape that does not exist) carry no position of their own, or a made-up one.
 */
const hookActions = (parser: ParserDefinition) => {
  const original = parser.performAction
  if (typeof original !== "function" || hooked.has(original)) return
  const wrapped = function (this: { $?: unknown; _$?: JisonLocation }, ...args: unknown[]) {
    const capture = current
    if (capture === undefined) return original.apply(this, args)
    try {
      const result = original.apply(this, args)
      const line = lineOf(this._$)
      if (line !== undefined) {
        // a rule's value may be a list of statements built in the same action (a sequence message)
        for (const value of Array.isArray(this.$) ? [this.$, ...this.$] : [this.$]) {
          if (typeof value === "object" && value !== null && !capture.origins.has(value)) capture.origins.set(value, line)
        }
      }
      return result
    } catch (error) {
      capture.statementLine ??= lineOf(this._$)
      throw error
    }
  }
  hooked.add(wrapped)
  parser.performAction = wrapped
}

/** Keeps this parse's lexer (for errors thrown by a lexer rule: its position is the statement's). */
const hookLexer = (lexer: JisonLexer | undefined) => {
  if (!lexer || typeof lexer.setInput !== "function" || hooked.has(lexer)) return
  hooked.add(lexer)
  const original = lexer.setInput
  lexer.setInput = function (this: JisonLexer, input: string, yy: unknown) {
    if (current !== undefined) current.lexer = this
    return original.call(this, input, yy)
  }
}

/**
 * The sequence database applies the statements after the whole text parsed (`yy.apply(document)`
 * at the end): the statement it was applying when it threw is found from the value's origin.
 */
const withApplyTracked = <T>(db: unknown, capture: Capture, body: () => T): T => {
  const target = db as { apply?: unknown } | undefined
  const own = target !== undefined && target !== null && Object.hasOwn(target, "apply")
  const original = target?.apply
  if (typeof original !== "function") return body()
  target!.apply = function (this: unknown, param: unknown) {
    try {
      return (original as (param: unknown) => unknown).call(this, param)
    } catch (error) {
      if (capture.statementLine === undefined && typeof param === "object" && param !== null && !Array.isArray(param)) {
        capture.statementLine = capture.origins.get(param)
      }
      throw error
    }
  }
  try {
    return body()
  } finally {
    if (own) target!.apply = original
    else delete target!.apply
  }
}

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
      return withApplyTracked(capture.db, capture, () => original.call(this, text))
    } catch (error) {
      if (capture.error === undefined) capture.error = error
      throw error
    }
  }
  if (definition.parser && definition.parser !== definition) hook(definition.parser)
  hookActions(definition)
  hookLexer(definition.lexer)
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

/** Whether the text can set config: front matter (only at the very start) or a `%%{…}%%` directive. */
const carriesConfig = (text: string) => /^[ \t]*---/.test(text) || text.includes("%%{")

/** Mermaid's comment clean-up before detection (`%%` lines, but not `%%{` directives). */
const withoutComments = (text: string) => text.replace(/^\s*%%(?!\{)[^\n]+\n?/gm, "").trimStart()

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

  /**
   * The type `mermaid.parse` detects: it drops `%%` comment lines before detecting, so front
   * matter after a comment is seen as front matter there (and then fails the grammar).
   */
  const detectType = (text: string): string | undefined => {
    try {
      return mermaid.detectType(withoutComments(text))
    } catch {
      return undefined
    }
  }

  /** Runs `start` with a capture in place; whatever mermaid does past its first await is not waited for. */
  const captured = (start: () => Promise<unknown>): { readonly capture: Capture; readonly thrown: unknown } => {
    const capture: Capture = { reached: false, origins: new WeakMap() }
    let thrown: unknown
    withParserEnvironment(purify, () => {
      current = capture
      try {
        // runs synchronously up to the end of the parser call for a preloaded type; the promise's
        // outcome is what `capture` recorded, so it is only observed to keep it from being unhandled
        start().catch(() => undefined)
      } catch (error) {
        thrown = error
      } finally {
        current = undefined
      }
    })
    return { capture, thrown }
  }

  const parseRaw = (text: string): RawParse => {
    const type = detectType(text)
    if (type === undefined || !types.has(type)) return { type, reachedParser: false }
    // `parse` resets the config and applies the diagram's own; without front matter or a
    // directive that is the config already in force, and `getDiagramFromText` (the same
    // preprocessing and parser, without the config steps) gives the same answer in half the time
    const configured = carriesConfig(text)
    let { capture, thrown } = captured(() => (configured ? mermaid.mermaidAPI.parse(text) : mermaid.mermaidAPI.getDiagramFromText(text)))
    if (configured) {
      // the next diagram starts from the site config, not from this one's
      mermaid.mermaidAPI.reset()
      if (!capture.reached) {
        // `parse` is async from its first line, so what stopped it before the grammar (broken
        // front matter YAML) is a rejection we cannot wait for; the same preprocessing throws at once here
        ;({ capture, thrown } = captured(() => mermaid.mermaidAPI.getDiagramFromText(text)))
      }
    }
    const error = capture.error ?? thrown
    const hash = (error as { hash?: JisonHash } | undefined)?.hash
    const statementLine = capture.statementLine ?? (error !== undefined ? lineOf(capture.lexer?.yylloc) : undefined)
    return {
      type,
      db: capture.db,
      parsedText: capture.parsedText,
      error,
      hash,
      ...(statementLine === undefined ? {} : { statementLine }),
      reachedParser: capture.reached
    }
  }

  return { version, loadMs: performance.now() - started, types, detectType, parseRaw }
}
