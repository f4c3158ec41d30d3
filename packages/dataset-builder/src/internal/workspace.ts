/**
 * The workspace's artifact packages, for the Nx plugin and the manifest join: the packages named
 * in lfai's one plugin list (`lfai.plugins` of @lfai/stack's package.json) that are members of the
 * workspace, each in a directory named `artifact-<id>`. Nothing is imported to find them, and only
 * `node:` modules are used here, so the Nx plugin that imports this stays light.
 */
import { existsSync, globSync, readFileSync, realpathSync, statSync } from "node:fs"
import { findPackageJSON } from "node:module"
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

/**
 * Reads one package directory as an artifact package, if it is one: named `artifact-<id>`, with
 * a package.json that has a name.
 */
export const readArtifactPackage = (root: string, dir: string): ArtifactPackage | undefined => {
  const base = basename(dir)
  if (!base.startsWith(ARTIFACT_DIR_PREFIX) || base.length === ARTIFACT_DIR_PREFIX.length) return undefined
  const file = join(dir, "package.json")
  if (!existsSync(file)) return undefined
  const pkg = readJson(file)
  if (typeof pkg.name !== "string") return undefined
  return {
    name: pkg.name,
    version: typeof pkg.version === "string" ? pkg.version : "0.0.0",
    dir,
    root: toPosix(relative(root, dir)),
    id: base.slice(ARTIFACT_DIR_PREFIX.length)
  }
}

/** The package that holds lfai's plugin list. */
export const STACK_PACKAGE = "@lfai/stack"

const packageJsonOf = (name: string, from: string): string | undefined => {
  try {
    return findPackageJSON(name, join(from, "package.json"))
  } catch {
    return undefined
  }
}

/**
 * lfai's plugin list as this workspace has it: `lfai.plugins` of @lfai/stack — the workspace's
 * own member of that name, else the one installed at the root — and the package directory of each
 * name (a workspace member of that name, else where it is installed; undefined when it is neither).
 */
export const pluginList = (root: string): ReadonlyArray<{ readonly name: string; readonly dir: string | undefined }> => {
  const members = new Map(
    workspaceMembers(root).flatMap((dir) => {
      const name = readJson(join(dir, "package.json")).name
      return typeof name === "string" ? [[name, dir] as const] : []
    })
  )
  const stackJson = members.has(STACK_PACKAGE) ? join(members.get(STACK_PACKAGE)!, "package.json") : packageJsonOf(STACK_PACKAGE, root)
  if (stackJson === undefined) return []
  const listed = (readJson(stackJson).lfai as { plugins?: unknown } | undefined)?.plugins
  const names = Array.isArray(listed) ? listed.filter((name): name is string => typeof name === "string") : []
  return names.map((name) => {
    const installed = members.has(name) ? undefined : packageJsonOf(name, dirname(stackJson))
    return { name, dir: members.get(name) ?? (installed === undefined ? undefined : dirname(realpathSync(installed))) }
  })
}

/**
 * The artifact packages of this workspace that lfai's plugin list names ({@link pluginList}),
 * sorted by directory: what the Nx `dataset` targets and the manifest join cover.
 */
export const artifactPackages = (root: string): ReadonlyArray<ArtifactPackage> => {
  const members = new Set(workspaceMembers(root))
  return pluginList(root)
    .flatMap(({ dir }) => {
      const found = dir !== undefined && members.has(dir) ? readArtifactPackage(root, dir) : undefined
      return found ? [found] : []
    })
    .sort((a, b) => (a.dir < b.dir ? -1 : 1))
}
