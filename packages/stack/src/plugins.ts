/**
 * Which artifact plugins lfai has — one list, read by every surface:
 *
 * - the built-ins: the packages named in `lfai.plugins` of this package's package.json, in that
 *   order (each is also one of its dependencies, so npm installs it). The CLI, the server and the
 *   dataset builder import them from here; the Nx `dataset` targets read the same field.
 * - the config's `plugins`: npm package names or paths relative to the config file, loaded and
 *   checked at start, then registered beside the built-ins.
 *
 * A plugin is a module whose default export is the plugin value. Each one is recorded with the
 * module it came from, because the validation pool's worker threads import plugins themselves.
 */
import { existsSync, readFileSync, statSync } from "node:fs"
import { findPackageJSON } from "node:module"
import { dirname, isAbsolute, join, resolve } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { Effect, Schema } from "effect"
import { ConfigError, SPEC_VERSION, type ArtifactPlugin, type LfaiConfigShape } from "@lfai/core"

/** A plugin and where it came from. */
export interface LoadedPlugin {
  readonly plugin: ArtifactPlugin
  /** The file URL of the module whose default export it is; absent for a plugin given by value. */
  readonly module?: string
  /** A built-in's package name, or the config entry as written. */
  readonly source: string
}

/** A plugin module could not be used; `detail` says what is wrong with it. */
export class PluginLoadError extends Schema.TaggedError<PluginLoadError>()("PluginLoadError", {
  entry: Schema.String,
  detail: Schema.String
}) {
  override get message() {
    return `${this.entry}: ${this.detail}`
  }
}

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null

/**
 * What is wrong with a module's default export as an artifact plugin, or `undefined` when it is
 * one: the contract's fields, a `specVersion` this lfai supports, a kebab-case id.
 */
export const pluginProblem = (value: unknown): string | undefined => {
  if (value === undefined) return "it has no default export (export default defineArtifact({ … }) from @lfai/core)"
  if (!isRecord(value)) return `its default export is ${value === null ? "null" : `a ${typeof value}`}, not an artifact plugin (defineArtifact({ … }) from @lfai/core)`
  if (value.specVersion === undefined) return "its default export has no specVersion: declare it with defineArtifact({ … }) from @lfai/core"
  if (value.specVersion !== SPEC_VERSION) return `its specVersion is ${JSON.stringify(value.specVersion)}; this lfai supports spec version ${SPEC_VERSION}`
  const prompt = isRecord(value.prompt) ? value.prompt : {}
  const dataset = isRecord(value.dataset) ? value.dataset : {}
  const pkg = isRecord(value.package) ? value.package : {}
  const missing = [
    typeof value.id === "string" ? undefined : "id",
    typeof value.title === "string" ? undefined : "title",
    typeof value.description === "string" ? undefined : "description",
    typeof value.model === "string" && value.model.trim() !== "" ? undefined : "model",
    typeof pkg.name === "string" && typeof pkg.version === "string" ? undefined : "package { name, version }",
    typeof prompt.system === "string" ? undefined : "prompt.system",
    typeof prompt.user === "function" ? undefined : "prompt.user()",
    typeof value.extract === "function" ? undefined : "extract()",
    typeof value.validate === "function" ? undefined : "validate()",
    typeof dataset.generate === "function" && Array.isArray(dataset.domains) ? undefined : "dataset { domains, generate() }"
  ].filter((field) => field !== undefined)
  if (missing.length > 0) return `its default export is not an artifact plugin: it lacks ${missing.join(", ")}`
  if (!KEBAB.test(value.id as string)) return `its id ${JSON.stringify(value.id)} is not kebab-case`
  return undefined
}

/** The default export of the module at `url`, checked to be a plugin. */
const importModule = (entry: string, url: string): Effect.Effect<LoadedPlugin, PluginLoadError> =>
  Effect.tryPromise({
    try: () => import(url) as Promise<{ default?: unknown }>,
    catch: (error) => new PluginLoadError({ entry, detail: `importing ${fileURLToPath(url)} failed: ${error instanceof Error ? error.message : String(error)}` })
  }).pipe(
    Effect.flatMap((module) => {
      const problem = pluginProblem(module.default)
      return problem === undefined
        ? Effect.succeed({ plugin: module.default as ArtifactPlugin, module: url, source: entry })
        : Effect.fail(new PluginLoadError({ entry, detail: problem }))
    })
  )

// ---- resolving an entry ----------------------------------------------------------------------

/**
 * Export conditions, as Node's ESM loader matches them; with the repository's source condition
 * when this very module runs from its TypeScript source (the monorepo).
 */
const CONDITIONS = new Set([...(import.meta.url.endsWith(".ts") ? ["@lfai/source"] : []), "node", "import", "module-sync", "default"])

const exportTarget = (value: unknown): string | undefined => {
  if (typeof value === "string") return value
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = exportTarget(item)
      if (found !== undefined) return found
    }
    return undefined
  }
  if (isRecord(value)) {
    for (const [condition, inner] of Object.entries(value)) {
      if (!CONDITIONS.has(condition)) continue
      const found = exportTarget(inner)
      if (found !== undefined) return found
    }
  }
  return undefined
}

/** The file a package directory exports as `subpath` (`.` or `./x`), or why there is none. */
const packageEntry = (dir: string, subpath: string): { file: string } | { problem: string } => {
  let manifest: Record<string, unknown>
  try {
    manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Record<string, unknown>
  } catch (error) {
    return { problem: `cannot read ${join(dir, "package.json")}: ${error instanceof Error ? error.message : String(error)}` }
  }
  const exportsField = manifest.exports
  let target: string | undefined
  if (exportsField === undefined) {
    target = subpath === "." ? (typeof manifest.main === "string" ? manifest.main : "index.js") : subpath
  } else {
    const bySubpath = isRecord(exportsField) && Object.keys(exportsField).some((key) => key.startsWith(".")) ? exportsField : { ".": exportsField }
    target = exportTarget(bySubpath[subpath])
    if (target === undefined) return { problem: `${join(dir, "package.json")} exports no "${subpath}" for import` }
  }
  const file = resolve(dir, target)
  if (existsSync(file) && statSync(file).isFile()) return { file }
  if (existsSync(`${file}.js`)) return { file: `${file}.js` }
  return { problem: `its entry ${file} does not exist${/(^|\/)dist\//.test(target) ? " (is the package built?)" : ""}` }
}

const isPath = (entry: string) => entry.startsWith("./") || entry.startsWith("../") || entry === "." || entry === ".." || isAbsolute(entry) || entry.startsWith("file:")

const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/

/** `@scope/name/sub` → `{ name: "@scope/name", subpath: "./sub" }`. */
const splitSpecifier = (specifier: string) => {
  const parts = specifier.split("/")
  const size = specifier.startsWith("@") ? 2 : 1
  const rest = parts.slice(size).join("/")
  return { name: parts.slice(0, size).join("/"), subpath: rest === "" ? "." : `./${rest}` }
}

/** The package.json of `name` as seen from the file `base`, or undefined. */
const packageJsonFrom = (name: string, base: string): string | undefined => {
  try {
    return findPackageJSON(name, base)
  } catch {
    return undefined
  }
}

/**
 * The module an entry names: a path (relative to `from`: a file, or a package directory), or a
 * package name looked up from `from` first, then from where lfai is installed.
 */
const resolveEntry = (entry: string, from: string): Effect.Effect<string, PluginLoadError> =>
  Effect.suspend(() => {
    const fail = (detail: string) => Effect.fail(new PluginLoadError({ entry, detail }))
    if (isPath(entry)) {
      const path = entry.startsWith("file:") ? fileURLToPath(entry) : resolve(from, entry)
      if (!existsSync(path)) return fail(`there is no file or directory ${path}`)
      if (statSync(path).isFile()) return Effect.succeed(pathToFileURL(path).href)
      const found = packageEntry(path, ".")
      return "file" in found ? Effect.succeed(pathToFileURL(found.file).href) : fail(found.problem)
    }
    const { name, subpath } = splitSpecifier(entry)
    if (!PACKAGE_NAME.test(name)) return fail("it is neither an npm package name nor a path (a path starts with ./, ../ or /)")
    const manifest = packageJsonFrom(name, join(from, "package.json")) ?? packageJsonFrom(name, import.meta.url)
    if (manifest === undefined) {
      return fail(`no package ${name} is installed in ${from} or beside lfai (npm install ${name}; a path starts with ./ or ../)`)
    }
    const found = packageEntry(dirname(manifest), subpath)
    return "file" in found ? Effect.succeed(pathToFileURL(found.file).href) : fail(found.problem)
  })

/**
 * Imports one plugin module — a package name, or a path relative to `from` (a file, or a package
 * directory) — and checks its default export.
 */
export const importPlugin = (entry: string, from: string): Effect.Effect<LoadedPlugin, PluginLoadError> =>
  Effect.flatMap(resolveEntry(entry, from), (url) => importModule(entry, url))

// ---- the built-ins ---------------------------------------------------------------------------

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  readonly name: string
  readonly dependencies?: Readonly<Record<string, string>>
  readonly lfai?: { readonly plugins?: ReadonlyArray<string> }
}

/** The built-in plugin packages: `lfai.plugins` of @lfai/stack's package.json, in order. */
export const builtinPluginPackages: ReadonlyArray<string> = manifest.lfai?.plugins ?? []

const importBuiltin = (name: string): Effect.Effect<LoadedPlugin, PluginLoadError> =>
  manifest.dependencies?.[name] === undefined
    ? Effect.fail(new PluginLoadError({ entry: name, detail: `${manifest.name} lists it in lfai.plugins but does not depend on it (add it to dependencies)` }))
    : Effect.flatMap(
        Effect.try({
          // resolved from here, as the stack's own import of it would be (the source condition included)
          try: () => import.meta.resolve(name),
          catch: (error) => new PluginLoadError({ entry: name, detail: `it is not installed: ${error instanceof Error ? error.message : String(error)}` })
        }),
        (url) => importModule(name, url)
      )

/** The built-in plugins, each with its module. */
export const builtins: ReadonlyArray<LoadedPlugin> = await Effect.runPromise(
  Effect.forEach(builtinPluginPackages, importBuiltin, { concurrency: "unbounded" })
)

/** The built-in artifact plugins, in the order of `lfai.plugins`. */
export const builtinPlugins: ReadonlyArray<ArtifactPlugin> = builtins.map((loaded) => loaded.plugin)

// ---- a configuration's plugins ----------------------------------------------------------------

/** Where a config's relative `plugins` entries start from: its file's directory, else the working directory. */
const entriesBase = (config: Pick<LfaiConfigShape, "source">) => (config.source === undefined ? process.cwd() : dirname(resolve(config.source)))

/**
 * The plugins under a configuration: `base` (default: the built-ins), then each entry of its
 * `plugins`, imported and checked, its id unique. A bad entry is a `ConfigError` at
 * `plugins.<index>` that names the entry and what is wrong with it.
 */
export const loadPlugins = (
  config: Pick<LfaiConfigShape, "plugins" | "source">,
  base: ReadonlyArray<LoadedPlugin> = builtins
): Effect.Effect<ReadonlyArray<LoadedPlugin>, ConfigError> =>
  Effect.gen(function* () {
    const loaded = [...base]
    const from = entriesBase(config)
    const source = config.source ?? "the configuration"
    for (const [index, entry] of config.plugins.entries()) {
      const invalid = (detail: string) =>
        new ConfigError({ path: `plugins.${index}`, value: JSON.stringify(entry), expected: `an artifact plugin module, but ${detail}`, source })
      const plugin = yield* importPlugin(entry, from).pipe(Effect.mapError((error) => invalid(error.detail)))
      const taken = loaded.find((other) => other.plugin.id === plugin.plugin.id)
      if (taken !== undefined) {
        return yield* invalid(`its id "${plugin.plugin.id}" is already taken by ${taken.source === taken.plugin.package.name ? taken.source : `${taken.source} (${taken.plugin.package.name})`}`)
      }
      loaded.push(plugin)
    }
    return loaded
  })
