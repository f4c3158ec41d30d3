/**
 * The scenario file: which answers and faults each emulated model gives. YAML or
 * JSON, snake_case keys. Unknown keys are errors (a typo must not silently mean "default").
 */
import { existsSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { fileURLToPath } from "node:url"
import { parse as parseYaml } from "yaml"

/** What a fault does to the request it matches. */
export type FaultKind =
  | "ok"
  | "http_500"
  | "http_503"
  | "http_429"
  | "hang"
  | "truncate_stream"
  | "refuse_connection"
  | "garbage"

export const faultKinds: ReadonlyArray<FaultKind> = [
  "ok",
  "http_500",
  "http_503",
  "http_429",
  "hang",
  "truncate_stream",
  "refuse_connection",
  "garbage"
]

/**
 * The operation a fault applies to. `generate`: /api/generate and /api/chat with a prompt or
 * messages (Gemini: generateContent and streamGenerateContent). Extensions of this package:
 * `load` (the empty load/unload requests), `list` (/api/tags), `ps`, `delete`.
 */
export type FaultOn = "generate" | "pull" | "show" | "load" | "list" | "ps" | "delete"

export const faultOns: ReadonlyArray<FaultOn> = ["generate", "pull", "show", "load", "list", "ps", "delete"]

export interface FaultEntry {
  /** Only requests for this model (Ollama: normalised like the server, so `mistral` = `mistral:latest`). */
  readonly model?: string | undefined
  /** Omitted: every operation. */
  readonly on?: FaultOn | undefined
  readonly kind: FaultKind
  /** Uses before the entry is spent; default 1; -1 = never spent. */
  readonly times?: number | undefined
  /** http_429 (and http_503): the delay the answer asks for (Retry-After header; Gemini: RetryInfo). */
  readonly retry_after_s?: number | undefined
  /**
   * Gemini: the delay goes in a `Retry-After` HTTP header instead of the body's `RetryInfo`, as a
   * gateway in front of the API may answer (429, and 503 with `retry_after_s`). Ollama always
   * sends a header.
   */
  readonly retry_after_header?: boolean | undefined
  /** Wait this long before the fault acts (or, for `ok`, before the request proceeds). */
  readonly delay_ms?: number | undefined
}

/**
 * One scripted answer. A string is used in turn (consumed in order; the last one repeats). A
 * `{ match, reply }` answers only requests whose text — the system prompt and the prompt (chat:
 * every message), joined by a newline — matches `match`, a JavaScript regular expression without
 * flags; such replies are tried first, in list order, and are never consumed.
 */
export type ScenarioReply = string | { readonly match: string; readonly reply: string }

export interface OllamaModelScenario {
  /** false: must be pulled first (404 until then). Default true. */
  readonly present?: boolean | undefined
  /** false: the registry does not have it either; a pull fails as for an unknown name. Default true. */
  readonly pullable?: boolean | undefined
  /** Answers: matched ones first, then the plain ones in order (the last one repeats). */
  readonly replies?: ReadonlyArray<ScenarioReply> | undefined
  /** Before the first token. */
  readonly latency_ms?: number | undefined
  /** 0 = all at once. */
  readonly tokens_per_second?: number | undefined
  /** Take sizes and architecture from this catalogue model (for a name the catalogue does not know). */
  readonly like?: string | undefined
}

export interface OllamaScenario {
  /** The emulated card, GiB. Default 12. */
  readonly gpu_gb?: number | undefined
  readonly models?: Readonly<Record<string, OllamaModelScenario>> | undefined
  /** As OLLAMA_MAX_LOADED_MODELS; default 3 (3 per GPU). */
  readonly max_loaded_models?: number | undefined
  /** As OLLAMA_NUM_PARALLEL; default 1. */
  readonly num_parallel?: number | undefined
  readonly faults?: ReadonlyArray<FaultEntry> | undefined
}

export interface GeminiScenario {
  /** If set, only this key is accepted; otherwise any non-empty key. */
  readonly api_key?: string | undefined
  readonly replies?: ReadonlyArray<ScenarioReply> | undefined
  readonly latency_ms?: number | undefined
  readonly tokens_per_second?: number | undefined
  readonly faults?: ReadonlyArray<FaultEntry> | undefined
}

export interface Scenario {
  readonly ollama?: OllamaScenario | undefined
  readonly gemini?: GeminiScenario | undefined
}

/** A scenario that does not match the contract: `path` names the key, as `ollama.models["x"].latency_ms`. */
export class ScenarioError extends Error {
  readonly path: string
  constructor(path: string, message: string) {
    super(path === "" ? message : `${path}: ${message}`)
    this.name = "ScenarioError"
    this.path = path
  }
}

const describe = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "a list" : typeof value === "string" ? JSON.stringify(value) : `${typeof value} ${String(value)}`

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const key = (path: string, name: string) => (/^[a-z_][a-z0-9_]*$/i.test(name) ? (path ? `${path}.${name}` : name) : `${path}[${JSON.stringify(name)}]`)

const record = (value: unknown, path: string, allowed: ReadonlyArray<string>): Record<string, unknown> => {
  if (!isRecord(value)) throw new ScenarioError(path, `expected a mapping, got ${describe(value)}`)
  for (const name of Object.keys(value)) {
    if (!allowed.includes(name)) throw new ScenarioError(key(path, name), `unknown key (allowed: ${allowed.join(", ")})`)
  }
  return value
}

const optional = <A>(value: unknown, path: string, decode: (value: unknown, path: string) => A): A | undefined =>
  value === undefined || value === null ? undefined : decode(value, path)

const number = (min: number, integer = false) => (value: unknown, path: string): number => {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new ScenarioError(path, `expected ${integer ? "an integer" : "a number"} ≥ ${min}, got ${describe(value)}`)
  }
  return value
}

const boolean = (value: unknown, path: string): boolean => {
  if (typeof value !== "boolean") throw new ScenarioError(path, `expected true or false, got ${describe(value)}`)
  return value
}

const string = (value: unknown, path: string): string => {
  if (typeof value !== "string" || value === "") throw new ScenarioError(path, `expected a non-empty string, got ${describe(value)}`)
  return value
}

const replies = (value: unknown, path: string): ReadonlyArray<ScenarioReply> => {
  if (!Array.isArray(value) || value.length === 0) throw new ScenarioError(path, `expected a non-empty list of replies, got ${describe(value)}`)
  return value.map((reply, i) => {
    const at = `${path}[${i}]`
    if (typeof reply === "string") return reply
    if (!isRecord(reply)) throw new ScenarioError(at, `expected a string or { match, reply }, got ${describe(reply)}`)
    const r = record(reply, at, ["match", "reply"])
    if (r.match === undefined) throw new ScenarioError(`${at}.match`, "required (a regular expression)")
    if (typeof r.reply !== "string") throw new ScenarioError(`${at}.reply`, `expected a string, got ${describe(r.reply)}`)
    const match = string(r.match, `${at}.match`)
    try {
      new RegExp(match)
    } catch (error) {
      throw new ScenarioError(`${at}.match`, `not a valid regular expression: ${(error as Error).message}`)
    }
    return { match, reply: r.reply }
  })
}

const oneOf = <A extends string>(choices: ReadonlyArray<A>) => (value: unknown, path: string): A => {
  if (typeof value !== "string" || !choices.includes(value as A)) {
    throw new ScenarioError(path, `expected one of ${choices.join(", ")}, got ${describe(value)}`)
  }
  return value as A
}

const fault = (value: unknown, path: string): FaultEntry => {
  const r = record(value, path, ["model", "on", "kind", "times", "retry_after_s", "retry_after_header", "delay_ms"])
  if (r.kind === undefined) throw new ScenarioError(`${path}.kind`, `required (one of ${faultKinds.join(", ")})`)
  const times = optional(r.times, `${path}.times`, (v, p) => {
    if (v === -1) return -1
    return number(1, true)(v, p)
  })
  return {
    model: optional(r.model, `${path}.model`, string),
    on: optional(r.on, `${path}.on`, oneOf(faultOns)),
    kind: oneOf(faultKinds)(r.kind, `${path}.kind`),
    times,
    retry_after_s: optional(r.retry_after_s, `${path}.retry_after_s`, number(0)),
    retry_after_header: optional(r.retry_after_header, `${path}.retry_after_header`, boolean),
    delay_ms: optional(r.delay_ms, `${path}.delay_ms`, number(0))
  }
}

const faults = (value: unknown, path: string): ReadonlyArray<FaultEntry> => {
  if (!Array.isArray(value)) throw new ScenarioError(path, `expected a list, got ${describe(value)}`)
  return value.map((entry, i) => fault(entry, `${path}[${i}]`))
}

const ollamaModel = (value: unknown, path: string): OllamaModelScenario => {
  const r = record(value ?? {}, path, ["present", "pullable", "replies", "latency_ms", "tokens_per_second", "like"])
  return {
    present: optional(r.present, `${path}.present`, boolean),
    pullable: optional(r.pullable, `${path}.pullable`, boolean),
    replies: optional(r.replies, `${path}.replies`, replies),
    latency_ms: optional(r.latency_ms, `${path}.latency_ms`, number(0)),
    tokens_per_second: optional(r.tokens_per_second, `${path}.tokens_per_second`, number(0)),
    like: optional(r.like, `${path}.like`, string)
  }
}

export const decodeOllamaScenario = (value: unknown, path = "ollama"): OllamaScenario => {
  const r = record(value ?? {}, path, ["gpu_gb", "models", "max_loaded_models", "num_parallel", "faults"])
  let models: Record<string, OllamaModelScenario> | undefined
  if (r.models !== undefined && r.models !== null) {
    const m = record(r.models, `${path}.models`, Object.keys(isRecord(r.models) ? r.models : {}))
    models = Object.fromEntries(Object.entries(m).map(([name, entry]) => [name, ollamaModel(entry, key(`${path}.models`, name))]))
  }
  return {
    gpu_gb: optional(r.gpu_gb, `${path}.gpu_gb`, (v, p) => {
      const n = number(0)(v, p)
      if (n === 0) throw new ScenarioError(p, "expected a number > 0, got 0")
      return n
    }),
    models,
    max_loaded_models: optional(r.max_loaded_models, `${path}.max_loaded_models`, number(1, true)),
    num_parallel: optional(r.num_parallel, `${path}.num_parallel`, number(1, true)),
    faults: optional(r.faults, `${path}.faults`, faults)
  }
}

export const decodeGeminiScenario = (value: unknown, path = "gemini"): GeminiScenario => {
  const r = record(value ?? {}, path, ["api_key", "replies", "latency_ms", "tokens_per_second", "faults"])
  return {
    api_key: optional(r.api_key, `${path}.api_key`, string),
    replies: optional(r.replies, `${path}.replies`, replies),
    latency_ms: optional(r.latency_ms, `${path}.latency_ms`, number(0)),
    tokens_per_second: optional(r.tokens_per_second, `${path}.tokens_per_second`, number(0)),
    faults: optional(r.faults, `${path}.faults`, faults)
  }
}

/** Checks a parsed scenario document against the contract; throws `ScenarioError` naming the key. */
export const decodeScenario = (value: unknown): Scenario => {
  const r = record(value ?? {}, "", ["ollama", "gemini"])
  return {
    ollama: optional(r.ollama, "ollama", decodeOllamaScenario),
    gemini: optional(r.gemini, "gemini", decodeGeminiScenario)
  }
}

/** Parses scenario text (YAML, of which JSON is a subset). */
export const parseScenario = (text: string, source = "scenario"): Scenario => {
  let document: unknown
  try {
    document = parseYaml(text)
  } catch (error) {
    throw new ScenarioError("", `${source} is not valid YAML or JSON: ${(error as Error).message}`)
  }
  return decodeScenario(document)
}

/** The scenarios shipped in this package's `scenarios/` folder, by name. */
export const shippedScenarios: ReadonlyArray<string> = ["demo"]

/**
 * Where a scenario is: a shipped one's file for its bare name (`demo`) — unless a file of that
 * name exists where the caller is — else the path as given.
 */
export const scenarioPath = (nameOrPath: string): string =>
  shippedScenarios.includes(nameOrPath) && !existsSync(nameOrPath)
    ? fileURLToPath(new URL(`../scenarios/${nameOrPath}.yaml`, import.meta.url))
    : nameOrPath

/** Reads a scenario file (YAML or JSON), or a shipped scenario by name (`demo`). */
export const loadScenario = async (nameOrPath: string): Promise<Scenario> => {
  const path = scenarioPath(nameOrPath)
  return parseScenario(await readFile(path, "utf8"), path)
}
