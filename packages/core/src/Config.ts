/**
 * `lfai.config.yaml`: every key with its default (docs/configuration.md), decoded with `effect/Schema`.
 * Precedence: overrides (command-line flags) > environment > file > defaults.
 */
import { readFile } from "node:fs/promises"
import { isIP } from "node:net"
import { Cause, Context, Effect, Exit, Layer, Redacted, Schema, SchemaIssue } from "effect"
import { parseDocument } from "yaml"
import { ConfigError } from "./Errors.ts"
import { DEFAULT_PASS_THRESHOLD } from "./Plugin.ts"

const withDefault = <S extends Schema.Top>(schema: S, value: S["Encoded"]) =>
  schema.pipe(Schema.withDecodingDefaultKey(Effect.succeed(value)))

/**
 * A number within a sane range: finite (`.inf`, `.nan` and `1e21` are refused), and the error
 * names the range. `above` is an exclusive lower bound, `from` an inclusive one.
 */
const ranged = (
  bounds: { readonly from: number; readonly to: number; readonly integer?: boolean } | { readonly above: number; readonly to: number },
  unit = ""
) => {
  const integer = "integer" in bounds && bounds.integer === true
  const lower = "above" in bounds ? `greater than ${bounds.above}` : `from ${bounds.from}`
  const expected = `${integer ? "an integer" : "a number"}${unit} ${lower} ${"above" in bounds ? "and at most" : "to"} ${bounds.to}`
  const within = (n: number) =>
    Number.isFinite(n) &&
    (!integer || Number.isInteger(n)) &&
    ("above" in bounds ? n > bounds.above : n >= bounds.from) &&
    n <= bounds.to
  return Schema.Number.pipe(Schema.check(Schema.makeFilter(within, { expected })))
}

/** Timeouts and intervals: at least 0.1 s (less can never succeed), at most a day. */
const Seconds = ranged({ from: 0.1, to: 86_400 }, " of seconds")
const Score = ranged({ from: 0, to: 100 })
/** A context length Ollama can be asked for (it reads num_ctx as a 32-bit count of tokens). */
const ContextLength = ranged({ from: 1, to: 1_048_576, integer: true })
const ModelName = Schema.String.pipe(Schema.check(Schema.isMinLength(1)))
const Url = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s: string) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), {
      expected: "an http(s) URL"
    })
  )
)

export const DEFAULT_OLLAMA_URL = "http://127.0.0.1:11434"
export const DEFAULT_VRAM_LIMIT_GB = 12
export const DEFAULT_GEMINI_MODEL = "gemini-2.5-flash"

const VramLimit = ranged({ above: 0, to: 1024 }, " of GiB")

/** One Ollama server of `ollama.hosts`; its budget defaults to `ollama.vram_limit_gb`. */
const OllamaHostEntry = Schema.Struct({
  url: Url,
  vram_limit_gb: Schema.optionalKey(VramLimit),
  persistent_models: Schema.optionalKey(Schema.Array(ModelName))
})

/**
 * One entry of `plugins`: an npm package name (`@acme/lfai-artifact-terraform`) or a path relative
 * to the config file (`./plugins/glossary.ts`). Loading and checking them is the stack's job.
 */
const PluginEntry = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s: string) => s.trim() !== "", {
      expected: "an npm package name or a path relative to the config file"
    })
  )
)

const ArtifactSettings = Schema.Struct({
  model: Schema.optionalKey(ModelName),
  alternates: withDefault(Schema.Array(ModelName), []),
  pass_threshold: Schema.optionalKey(Score)
})

/** The file's schema: every key optional, every key with its default. */
export const ConfigFile = Schema.Struct({
  ai_provider: withDefault(
    Schema.Struct({
      default: withDefault(Schema.Literal("ollama"), "ollama"),
      fallback: withDefault(Schema.Literals(["gemini", "none"]), "gemini")
    }),
    {}
  ),
  ollama: withDefault(
    Schema.Struct({
      base_url: withDefault(Url, DEFAULT_OLLAMA_URL),
      hosts: Schema.optionalKey(Schema.Array(OllamaHostEntry)),
      vram_limit_gb: withDefault(VramLimit, DEFAULT_VRAM_LIMIT_GB),
      auto_download: withDefault(Schema.Boolean, true),
      persistent_models: withDefault(Schema.Array(ModelName), [
        "codellama:7b-instruct-q4_K_M",
        "llama3:8b-instruct-q4_K_M"
      ]),
      num_ctx: withDefault(Schema.Union([ContextLength, Schema.Literal("auto")]), 4096),
      num_ctx_max: withDefault(ContextLength, 16384),
      num_parallel: withDefault(ranged({ from: 1, to: 64, integer: true }), 1),
      idle_unload_s: withDefault(ranged({ from: 0.1, to: 604_800 }, " of seconds"), 300),
      request_timeout_s: withDefault(Seconds, 120),
      queue_timeout_s: withDefault(Seconds, 60),
      max_overtakes: withDefault(ranged({ from: 0, to: 1000, integer: true }), 4)
    }),
    {}
  ),
  validation: withDefault(
    Schema.Struct({
      pass_threshold: withDefault(Score, DEFAULT_PASS_THRESHOLD),
      strict_mode: withDefault(Schema.Boolean, false),
      enable_cloud_fallback: withDefault(Schema.Boolean, true),
      max_repairs: withDefault(ranged({ from: 0, to: 10, integer: true }), 1),
      max_prompt_kb: withDefault(ranged({ above: 0, to: 16_384 }, " of KiB"), 64)
    }),
    {}
  ),
  artifacts: withDefault(Schema.Record(Schema.String, ArtifactSettings), {}),
  gemini: withDefault(
    Schema.Struct({
      model: withDefault(ModelName, DEFAULT_GEMINI_MODEL),
      base_url: Schema.optionalKey(Url),
      request_timeout_s: withDefault(Seconds, 60),
      send_draft: withDefault(Schema.Boolean, true)
    }),
    {}
  ),
  server: withDefault(
    Schema.Struct({
      max_body_kb: withDefault(ranged({ above: 0, to: 65_536 }, " of KiB"), 256),
      max_concurrent_per_client: withDefault(ranged({ from: 1, to: 100_000, integer: true }), 64)
    }),
    {}
  ),
  plugins: withDefault(Schema.Array(PluginEntry), [])
})

type DecodedFile = typeof ConfigFile.Type

/** One Ollama server with its own GPU budget, as lfai uses it (`ollama.hosts`, or the one default host). */
export interface OllamaHost {
  /** The server's URL, normalised (lower-case host, no trailing slash). */
  readonly url: string
  readonly vram_limit_gb: number
  /** Which of `ollama.persistent_models` this host pre-warms; absent: it takes part in the spread. */
  readonly persistent_models?: ReadonlyArray<string>
}

/**
 * The decoded file with `ollama.hosts` resolved: the servers lfai spreads its work over, each with
 * its budget — a list of one (`ollama.base_url` with `ollama.vram_limit_gb`) unless the file lists
 * several.
 */
export type ConfigFile = Omit<DecodedFile, "ollama"> & {
  readonly ollama: Omit<DecodedFile["ollama"], "hosts"> & { readonly hosts: ReadonlyArray<OllamaHost> }
}

/** The resolved configuration: the file's keys plus the secrets that only come from the environment. */
export interface LfaiConfigShape extends ConfigFile {
  readonly secrets: {
    /** `GEMINI_API_KEY`, else `GOOGLE_API_KEY`. Never logged: it is `Redacted`. */
    readonly geminiApiKey: Redacted.Redacted<string> | undefined
    /** `LFAI_TOKEN`: the bearer token of the HTTP service. */
    readonly token: Redacted.Redacted<string> | undefined
  }
  /** Where the file came from (`undefined`: defaults only). */
  readonly source: string | undefined
}

export class LfaiConfig extends Context.Service<LfaiConfig, LfaiConfigShape>()("@lfai/core/LfaiConfig") {}

/** The file's input shape (every key optional), for command-line and in-code overrides. */
export type ConfigOverrides = typeof ConfigFile.Encoded

export interface LoadConfigOptions {
  /** `--config`; else `LFAI_CONFIG`; else `./lfai.config.yaml` when it exists; else defaults. */
  readonly path?: string | undefined
  /** The environment to read (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Command-line flags: they win over everything. */
  readonly overrides?: ConfigOverrides
  /** Read `./lfai.config.yaml` when no path is given and it exists (default true). */
  readonly implicitFile?: boolean
}

const decodeFile = Schema.decodeUnknownExit(ConfigFile, { onExcessProperty: "error", errors: "all" })
const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1()

const render = (value: unknown): string | undefined => {
  if (value === undefined) return undefined
  // JSON has no infinity or NaN (it would say "null"): name them as YAML writes them.
  if (typeof value === "number" && !Number.isFinite(value)) return Number.isNaN(value) ? ".nan" : value > 0 ? ".inf" : "-.inf"
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

const valueAt = (input: unknown, path: ReadonlyArray<PropertyKey>): unknown =>
  path.reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as any)[key] : undefined), input)

const ARTIFACT_KEYS = ["model", "alternates", "pass_threshold"]
const HOST_KEYS = ["url", "vram_limit_gb", "persistent_models"]
const OPTIONAL_KEYS: Record<string, ReadonlyArray<string>> = { gemini: ["base_url"], ollama: ["hosts"] }

/** The keys allowed beside an unknown one, read off the defaults (the schema's own output). */
const knownKeys = (parent: ReadonlyArray<PropertyKey>): ReadonlyArray<string> => {
  if (parent[0] === "artifacts" && parent.length === 2) return ARTIFACT_KEYS
  if (parent[0] === "ollama" && parent[1] === "hosts" && parent.length === 3) return HOST_KEYS
  const defaults = decodeFile({})
  const node = Exit.isSuccess(defaults) ? valueAt(defaults.value, parent) : undefined
  return isPlainObject(node) ? [...Object.keys(node), ...(OPTIONAL_KEYS[parent.join(".")] ?? [])] : []
}

const expectedFrom = (message: string, path: ReadonlyArray<PropertyKey>, excess: boolean): string => {
  if (!excess) return message.replace(/^Expected /, "")
  const known = knownKeys(path.slice(0, -1))
  return `a known key (this one does not exist${known.length > 0 ? `; the keys here are ${known.join(", ")}` : ""})`
}

/** A URL as a key: what two spellings of one server have in common (`HTTP://Box:11434/` is `http://box:11434`). */
const normaliseUrl = (url: string): string => new URL(url).toString().replace(/\/+$/, "")

/**
 * `ollama.hosts`, resolved: the listed servers, or one from `ollama.base_url` (OLLAMA_HOST) with
 * `ollama.vram_limit_gb`. Both given is an error, as is an empty list, a server listed twice, or a
 * host's persistent model that `ollama.persistent_models` does not name.
 */
const resolveHosts = (decoded: DecodedFile, input: unknown, source: string): Effect.Effect<ConfigFile, ConfigError> => {
  const { hosts, ...ollama } = decoded.ollama
  if (hosts === undefined) {
    return Effect.succeed({ ...decoded, ollama: { ...ollama, hosts: [{ url: ollama.base_url, vram_limit_gb: ollama.vram_limit_gb }] } })
  }
  const fail = (path: string, expected: string, value?: unknown) =>
    Effect.fail(new ConfigError({ path, ...(value === undefined ? {} : { value: render(value) }), expected, source }))
  if (valueAt(input, ["ollama", "base_url"]) !== undefined) {
    return fail("ollama.hosts", "either ollama.hosts or ollama.base_url, not both: with several Ollama servers, list every server's url under ollama.hosts")
  }
  if (hosts.length === 0) return fail("ollama.hosts", "at least one host ({ url, vram_limit_gb })", [])
  const seen = new Map<string, number>()
  const resolved: OllamaHost[] = []
  for (const [index, host] of hosts.entries()) {
    const url = normaliseUrl(host.url)
    const first = seen.get(url)
    if (first !== undefined) return fail(`ollama.hosts.${index}.url`, `a server not listed already (it is ollama.hosts.${first})`, host.url)
    seen.set(url, index)
    const unknown = (host.persistent_models ?? []).findIndex((model) => !ollama.persistent_models.includes(model))
    if (unknown >= 0) {
      return fail(
        `ollama.hosts.${index}.persistent_models.${unknown}`,
        `one of ollama.persistent_models (${ollama.persistent_models.join(", ") || "none"}): a host only chooses where a persistent model is pre-warmed`,
        host.persistent_models![unknown]
      )
    }
    resolved.push({ url, vram_limit_gb: host.vram_limit_gb ?? ollama.vram_limit_gb, ...(host.persistent_models ? { persistent_models: host.persistent_models } : {}) })
  }
  return Effect.succeed({ ...decoded, ollama: { ...ollama, hosts: resolved } })
}

/** Decodes an already-parsed config document. Exposed for tests and for callers with config in hand. */
export const decodeConfig = (input: unknown, source: string): Effect.Effect<ConfigFile, ConfigError> => {
  const exit = decodeFile(input ?? {})
  if (Exit.isSuccess(exit)) return resolveHosts(exit.value, input, source)
  const error = Cause.squash(exit.cause)
  if (!SchemaIssue.isIssue((error as any)?.issue)) {
    return Effect.fail(new ConfigError({ path: "", value: render(input), expected: String(error), source }))
  }
  const [first] = formatIssues((error as any).issue).issues
  const path = (first?.path ?? []).map((key) => (typeof key === "object" ? (key as any).key : key))
  const excess = (first?.message ?? "").includes("excess property")
  return Effect.fail(
    new ConfigError({
      path: path.join("."),
      value: excess ? undefined : render(valueAt(input, path)),
      expected: expectedFrom(first?.message ?? "a valid value", path, excess),
      source
    })
  )
}

/** Go's net.SplitHostPort: `host:port` or `[host]:port`; undefined where Go fails (no port, a bare IPv6 address). */
const splitHostPort = (hostport: string): { host: string; port: string } | undefined => {
  if (hostport.startsWith("[")) {
    const close = hostport.indexOf("]:")
    return close === -1 ? undefined : { host: hostport.slice(1, close), port: hostport.slice(close + 2) }
  }
  const colon = hostport.lastIndexOf(":")
  if (colon === -1 || hostport.slice(0, colon).includes(":")) return undefined
  return { host: hostport.slice(0, colon), port: hostport.slice(colon + 1) }
}

/**
 * `OLLAMA_HOST` as Ollama's own client reads it (its envconfig `Host()` and `ConnectableHost()`):
 * quotes and spaces trimmed; no scheme is http with port 11434, `http://` and `https://` without a
 * port mean 80 and 443; no host (`:11434`) is 127.0.0.1; a bare IPv6 address (`::1`) gets its
 * brackets and the default port; a port that is not one falls back to the default; an unspecified
 * bind address (0.0.0.0, ::) is reached on loopback. Only http and https are accepted.
 */
export const ollamaHostUrl = (value: string): string => {
  const text = value.trim().replace(/^["']+|["']+$/g, "").trim()
  const cut = text.indexOf("://")
  const scheme = cut === -1 ? "http" : text.slice(0, cut).toLowerCase()
  if (scheme !== "http" && scheme !== "https") throw new TypeError(`unsupported scheme ${scheme}://`)
  const defaultPort = cut === -1 ? "11434" : scheme === "https" ? "443" : "80"
  const rest = cut === -1 ? text : text.slice(cut + 3)
  const slash = rest.indexOf("/")
  const hostport = slash === -1 ? rest : rest.slice(0, slash)
  const path = slash === -1 ? "" : rest.slice(slash).replace(/\/+$/, "")
  const split = splitHostPort(hostport)
  const bare = hostport.replace(/^\[|\]$/g, "")
  let host = split?.host ?? (hostport === "" ? "127.0.0.1" : isIP(bare) !== 0 ? bare : hostport)
  const port = split !== undefined && /^\d{1,5}$/.test(split.port) && Number(split.port) <= 65535 ? split.port : defaultPort
  if (host === "" || host === "0.0.0.0") host = "127.0.0.1"
  if (host === "::" || /^(0*:)+0*$/.test(host)) host = "::1"
  const url = new URL(`${scheme}://${host.includes(":") ? `[${host}]` : host}:${port}${path}`)
  return url.toString().replace(/\/+$/, "")
}

const envOverrides = (env: Readonly<Record<string, string | undefined>>): Effect.Effect<ConfigOverrides, ConfigError> =>
  Effect.gen(function* () {
    const ollama: Record<string, unknown> = {}
    const gemini: Record<string, unknown> = {}
    const host = env.OLLAMA_HOST?.trim()
    if (host) {
      const url = yield* Effect.try({
        try: () => ollamaHostUrl(host),
        catch: () => new ConfigError({ path: "", value: render(host), expected: "a host or URL such as 127.0.0.1:11434", source: "OLLAMA_HOST" })
      })
      ollama.base_url = url
    }
    const geminiUrl = env.GEMINI_BASE_URL?.trim()
    if (geminiUrl) {
      if (!URL.canParse(geminiUrl) || !/^https?:$/.test(new URL(geminiUrl).protocol)) {
        return yield* new ConfigError({ path: "", value: render(geminiUrl), expected: "an http(s) URL", source: "GEMINI_BASE_URL" })
      }
      gemini.base_url = geminiUrl
    }
    return { ollama, gemini } as ConfigOverrides
  })

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value)

const merge = (base: unknown, over: unknown): unknown => {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over
  const out: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(over)) {
    if (value !== undefined) out[key] = merge(base[key], value)
  }
  return out
}

/** Aliases a config may expand: a real one has a few (shared model lists); a bomb has millions. */
const MAX_ALIAS_COUNT = 100

const readDocument = (path: string): Effect.Effect<unknown, ConfigError> =>
  Effect.gen(function* () {
    const text = yield* Effect.tryPromise({
      try: () => readFile(path, "utf8"),
      catch: (cause) =>
        new ConfigError({
          path: "",
          expected: `a readable config file (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`,
          source: path
        })
    })
    const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true })
    const [problem] = document.errors
    if (problem) {
      const line = problem.linePos?.[0]
      return yield* new ConfigError({
        path: "",
        expected: `valid YAML (${problem.message.split("\n")[0].replace(/:$/, "")}${line && !problem.message.includes("at line") ? ` at line ${line.line}, column ${line.col}` : ""})`,
        source: path
      })
    }
    // An alias bomb (a billion laughs) is refused by yaml past maxAliasCount with a ReferenceError.
    const value = yield* Effect.try({
      try: () => document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }),
      catch: (cause) =>
        new ConfigError({
          path: "",
          expected: `a config without runaway YAML aliases (${cause instanceof Error ? cause.message : String(cause)})`,
          source: path
        })
    })
    if (value !== null && value !== undefined && !isPlainObject(value)) {
      return yield* new ConfigError({ path: "", value: render(value), expected: "a mapping of config keys at the top level", source: path })
    }
    return value ?? {}
  })

/**
 * The bearer token, wherever it comes from (`LFAI_TOKEN`, `lfai serve --token`, code): surrounding
 * whitespace is not part of it — HTTP trims header values, so a padded token could never match —
 * and a blank one is no token.
 */
export const bearerToken = (value: string | Redacted.Redacted<string> | undefined): Redacted.Redacted<string> | undefined => {
  const text = (Redacted.isRedacted(value) ? Redacted.value(value) : value)?.trim()
  return text ? Redacted.make(text, { label: "LFAI_TOKEN" }) : undefined
}

/** Reads, merges and decodes the configuration. */
export const loadConfig = (options: LoadConfigOptions = {}): Effect.Effect<LfaiConfigShape, ConfigError> =>
  Effect.gen(function* () {
    const env = options.env ?? process.env
    const explicit = options.path ?? (env.LFAI_CONFIG?.trim() || undefined)
    const implicit =
      explicit === undefined && options.implicitFile !== false && (yield* Effect.promise(() => fileExists("lfai.config.yaml")))
    const path = explicit ?? (implicit ? "lfai.config.yaml" : undefined)
    const document = path === undefined ? {} : yield* readDocument(path)
    const source = path ?? "defaults"
    // The file is decoded alone first, so its errors name the file; then env and flags go on top.
    yield* decodeConfig(document, source)
    const fromEnv = yield* envOverrides(env)
    if (fromEnv.ollama?.base_url !== undefined && (valueAt(document, ["ollama", "hosts"]) ?? options.overrides?.ollama?.hosts) !== undefined) {
      return yield* new ConfigError({
        path: "",
        value: render(env.OLLAMA_HOST?.trim()),
        expected: "no OLLAMA_HOST while ollama.hosts lists the Ollama servers: unset it, or list it under ollama.hosts",
        source: "OLLAMA_HOST"
      })
    }
    const layered = merge(merge(document, fromEnv), options.overrides ?? {})
    const config = yield* decodeConfig(layered, "command-line flags")
    const key = env.GEMINI_API_KEY?.trim() || env.GOOGLE_API_KEY?.trim()
    return {
      ...config,
      secrets: {
        geminiApiKey: key ? Redacted.make(key, { label: "GEMINI_API_KEY" }) : undefined,
        token: bearerToken(env.LFAI_TOKEN)
      },
      source: path
    }
  })

const fileExists = (path: string): Promise<boolean> =>
  readFile(path).then(
    () => true,
    () => false
  )

/** The defaults alone, with no environment: for tests and for callers that build config in code. */
export const defaultConfig = (overrides: ConfigOverrides = {}): Effect.Effect<LfaiConfigShape, ConfigError> =>
  loadConfig({ env: {}, overrides, implicitFile: false })

export const layer = (options: LoadConfigOptions = {}): Layer.Layer<LfaiConfig, ConfigError> =>
  Layer.effect(LfaiConfig, loadConfig(options))

export const layerValue = (config: LfaiConfigShape): Layer.Layer<LfaiConfig> => Layer.succeed(LfaiConfig, config)
