/**
 * `lfai.config.yaml`: every key with its default (docs/configuration.md), decoded with `effect/Schema`.
 * Precedence: overrides (command-line flags) > environment > file > defaults.
 */
import { readFile } from "node:fs/promises"
import { Cause, Context, Effect, Exit, Layer, Redacted, Schema, SchemaIssue } from "effect"
import { parseDocument } from "yaml"
import { ConfigError } from "./Errors.ts"
import { DEFAULT_PASS_THRESHOLD } from "./Plugin.ts"

const withDefault = <S extends Schema.Top>(schema: S, value: S["Encoded"]) =>
  schema.pipe(Schema.withDecodingDefaultKey(Effect.succeed(value)))

const Positive = Schema.Number.pipe(Schema.check(Schema.isGreaterThan(0)))
const PositiveInt = Schema.Int.pipe(Schema.check(Schema.isGreaterThan(0)))
const NonNegativeInt = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))
const Score = Schema.Number.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 100 })))
const ModelName = Schema.String.pipe(Schema.check(Schema.isMinLength(1)))
const Url = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s: string) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), {
      expected: "an http(s) URL"
    })
  )
)

export const DEFAULT_OLLAMA_URL = "http://127.0.0.1:11434"
export const DEFAULT_GEMINI_MODEL = "gemini-2.5-flash"

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
      vram_limit_gb: withDefault(Positive, 12),
      auto_download: withDefault(Schema.Boolean, true),
      persistent_models: withDefault(Schema.Array(ModelName), [
        "codellama:7b-instruct-q4_K_M",
        "llama3:8b-instruct-q4_K_M"
      ]),
      num_ctx: withDefault(Schema.Union([PositiveInt, Schema.Literal("auto")]), 4096),
      num_ctx_max: withDefault(PositiveInt, 16384),
      num_parallel: withDefault(PositiveInt, 1),
      idle_unload_s: withDefault(Positive, 300),
      request_timeout_s: withDefault(Positive, 120),
      queue_timeout_s: withDefault(Positive, 60),
      max_overtakes: withDefault(NonNegativeInt, 4)
    }),
    {}
  ),
  validation: withDefault(
    Schema.Struct({
      pass_threshold: withDefault(Score, DEFAULT_PASS_THRESHOLD),
      strict_mode: withDefault(Schema.Boolean, false),
      enable_cloud_fallback: withDefault(Schema.Boolean, true),
      max_repairs: withDefault(NonNegativeInt, 1),
      max_prompt_kb: withDefault(Positive, 64)
    }),
    {}
  ),
  artifacts: withDefault(Schema.Record(Schema.String, ArtifactSettings), {}),
  gemini: withDefault(
    Schema.Struct({
      model: withDefault(ModelName, DEFAULT_GEMINI_MODEL),
      base_url: Schema.optionalKey(Url),
      request_timeout_s: withDefault(Positive, 60),
      send_draft: withDefault(Schema.Boolean, true)
    }),
    {}
  ),
  server: withDefault(
    Schema.Struct({
      max_body_kb: withDefault(Positive, 256),
      max_concurrent_per_client: withDefault(PositiveInt, 64)
    }),
    {}
  )
})

export type ConfigFile = typeof ConfigFile.Type

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
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

const valueAt = (input: unknown, path: ReadonlyArray<PropertyKey>): unknown =>
  path.reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as any)[key] : undefined), input)

const ARTIFACT_KEYS = ["model", "alternates", "pass_threshold"]
const OPTIONAL_KEYS: Record<string, ReadonlyArray<string>> = { gemini: ["base_url"] }

/** The keys allowed beside an unknown one, read off the defaults (the schema's own output). */
const knownKeys = (parent: ReadonlyArray<PropertyKey>): ReadonlyArray<string> => {
  if (parent[0] === "artifacts" && parent.length === 2) return ARTIFACT_KEYS
  const defaults = decodeFile({})
  const node = Exit.isSuccess(defaults) ? valueAt(defaults.value, parent) : undefined
  return isPlainObject(node) ? [...Object.keys(node), ...(OPTIONAL_KEYS[parent.join(".")] ?? [])] : []
}

const expectedFrom = (message: string, path: ReadonlyArray<PropertyKey>, excess: boolean): string => {
  if (!excess) return message.replace(/^Expected /, "")
  const known = knownKeys(path.slice(0, -1))
  return `a known key (this one does not exist${known.length > 0 ? `; the keys here are ${known.join(", ")}` : ""})`
}

/** Decodes an already-parsed config document. Exposed for tests and for callers with config in hand. */
export const decodeConfig = (input: unknown, source: string): Effect.Effect<ConfigFile, ConfigError> => {
  const exit = decodeFile(input ?? {})
  if (Exit.isSuccess(exit)) return Effect.succeed(exit.value)
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

/**
 * `OLLAMA_HOST` as Ollama reads it: a bare host (or host:port) means http on port 11434; with a
 * scheme, the scheme's own port applies unless one is given (a TLS proxy at https://host works).
 */
const normaliseHost = (host: string): string => {
  const trimmed = host.trim().replace(/\/+$/, "")
  const schemed = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)
  const url = new URL(schemed ? trimmed : `http://${trimmed}`)
  if (!/^https?:$/.test(url.protocol)) throw new TypeError(`unsupported scheme ${url.protocol}`)
  if (!schemed && url.port === "" && !/:\d+$/.test(trimmed)) url.port = "11434"
  return url.toString().replace(/\/+$/, "")
}

const envOverrides = (env: Readonly<Record<string, string | undefined>>): Effect.Effect<ConfigOverrides, ConfigError> =>
  Effect.gen(function* () {
    const ollama: Record<string, unknown> = {}
    const gemini: Record<string, unknown> = {}
    const host = env.OLLAMA_HOST?.trim()
    if (host) {
      const url = yield* Effect.try({
        try: () => normaliseHost(host),
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
    const value = document.toJS()
    if (value !== null && value !== undefined && !isPlainObject(value)) {
      return yield* new ConfigError({ path: "", value: render(value), expected: "a mapping of config keys at the top level", source: path })
    }
    return value ?? {}
  })

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
    const layered = merge(merge(document, yield* envOverrides(env)), options.overrides ?? {})
    const config = yield* decodeConfig(layered, "command-line flags")
    const key = env.GEMINI_API_KEY?.trim() || env.GOOGLE_API_KEY?.trim()
    const token = env.LFAI_TOKEN?.trim()
    return {
      ...config,
      secrets: {
        geminiApiKey: key ? Redacted.make(key, { label: "GEMINI_API_KEY" }) : undefined,
        token: token ? Redacted.make(token, { label: "LFAI_TOKEN" }) : undefined
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
