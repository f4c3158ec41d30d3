/**
 * The workspace's artifact packages, found one way for both the builder and the Nx plugin: every
 * npm-workspace member whose directory is named `artifact-<id>` and whose entry module has a
 * default export (the plugin). Shared helper packages such as `artifact-kit` export no default and
 * are not artifacts. Only `node:` modules here, so the Nx plugin that imports this stays light.
 */
import { existsSync, globSync, readFileSync, statSync } from "node:fs"
import { basename, dirname, join, relative, resolve, sep } from "node:path"

export const ARTIFACT_DIR_PREFIX = "artifact-"

export interface ArtifactPackage {
  /** The package name, e.g. `@lfai/artifact-erd` (also its Nx project name). */
  readonly name: string
  readonly version: string
  /** Absolute directory. */
  readonly dir: string
  /** Directory relative to the workspace root, with `/` separators. */
  readonly root: string
  /** The artifact id the directory name promises (`artifact-erd` → `erd`). */
  readonly id: string
}

const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>

const toPosix = (path: string): string => path.split(sep).join("/")

/** The nearest directory at or above `from` whose package.json declares `workspaces`. */
export const findWorkspaceRoot = (from: string): string | undefined => {
  let dir = resolve(from)
  for (;;) {
    const file = join(dir, "package.json")
    if (existsSync(file)) {
      try {
        if (readJson(file).workspaces !== undefined) return dir
      } catch {
        // an unreadable package.json is not a workspace root; keep looking
      }
    }
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/** The workspace patterns of a root package.json (`["packages/*"]` or `{ packages: [...] }`). */
const workspacePatterns = (root: string): ReadonlyArray<string> => {
  const workspaces = readJson(join(root, "package.json")).workspaces
  if (Array.isArray(workspaces)) return workspaces.filter((entry): entry is string => typeof entry === "string")
  if (typeof workspaces === "object" && workspaces !== null) {
    const packages = (workspaces as { packages?: unknown }).packages
    if (Array.isArray(packages)) return packages.filter((entry): entry is string => typeof entry === "string")
  }
  return []
}

/** Every workspace member directory (absolute, sorted), as npm expands the root's `workspaces` globs. */
export const workspaceMembers = (root: string): ReadonlyArray<string> => {
  const members = new Set<string>()
  const excluded = new Set<string>()
  for (const pattern of workspacePatterns(root)) {
    const negated = pattern.startsWith("!")
    const glob = negated ? pattern.slice(1) : pattern
    for (const match of globSync(glob.replace(/\/+$/, ""), { cwd: root })) {
      const dir = resolve(root, match)
      if (toPosix(relative(root, dir)).split("/").includes("node_modules")) continue
      if (!existsSync(join(dir, "package.json")) || !statSync(dir).isDirectory()) continue
      ;(negated ? excluded : members).add(dir)
    }
  }
  return [...members].filter((dir) => !excluded.has(dir)).sort()
}

// `export default …`, `export { plugin as default }`, `export { default } from "…"`.
const DEFAULT_EXPORT = /\bexport\s+default\b|\bexport\s*\{[^}]*\bdefault\b[^}]*\}/

/** Whether a module's source declares a default export (a text check: nothing is imported). */
export const hasDefaultExport = (file: string): boolean => {
  try {
    return DEFAULT_EXPORT.test(readFileSync(file, "utf8"))
  } catch {
    return false
  }
}

/**
 * Reads one package directory as an artifact package, if it is one: named `artifact-<id>`, a
 * package.json with a name, and an entry module with a default export.
 */
export const readArtifactPackage = (root: string, dir: string): ArtifactPackage | undefined => {
  const base = basename(dir)
  if (!base.startsWith(ARTIFACT_DIR_PREFIX) || base.length === ARTIFACT_DIR_PREFIX.length) return undefined
  const file = join(dir, "package.json")
  if (!existsSync(file)) return undefined
  const pkg = readJson(file)
  if (typeof pkg.name !== "string") return undefined
  if (!hasDefaultExport(packageEntry(dir))) return undefined
  return {
    name: pkg.name,
    version: typeof pkg.version === "string" ? pkg.version : "0.0.0",
    dir,
    root: toPosix(relative(root, dir)),
    id: base.slice(ARTIFACT_DIR_PREFIX.length)
  }
}

/** Every artifact package of the workspace: members named `artifact-*`, sorted by directory. */
export const artifactPackages = (root: string): ReadonlyArray<ArtifactPackage> =>
  workspaceMembers(root).flatMap((dir) => {
    const found = readArtifactPackage(root, dir)
    return found ? [found] : []
  })

/**
 * The module a package exports as `.` (exports string; the `@lfai/source` condition — a workspace
 * member's TypeScript entry — then `import`/`node`/`default`; or `main`).
 */
export const packageEntry = (dir: string): string => {
  const pkg = readJson(join(dir, "package.json"))
  const exportsField = pkg.exports as unknown
  const pick = (value: unknown): string | undefined => {
    if (typeof value === "string") return value
    if (typeof value === "object" && value !== null) {
      const conditions = value as Record<string, unknown>
      return pick(conditions["@lfai/source"]) ?? pick(conditions.import) ?? pick(conditions.node) ?? pick(conditions.default)
    }
    return undefined
  }
  let entry: string | undefined
  if (typeof exportsField === "string") entry = exportsField
  else if (typeof exportsField === "object" && exportsField !== null) {
    const map = exportsField as Record<string, unknown>
    entry = "." in map ? pick(map["."]) : pick(map)
  }
  entry ??= typeof pkg.main === "string" ? pkg.main : "index.js"
  return resolve(dir, entry)
}
