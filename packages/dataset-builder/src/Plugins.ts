/**
 * Which plugins a build covers comes from one place: the workspace. Every npm-workspace member
 * named `packages/artifact-<id>` is imported and its default export is the plugin, so a new
 * artifact package joins the datasets (and gets its Nx `dataset` target) by existing.
 */
import { pathToFileURL } from "node:url"
import type { ArtifactPlugin } from "@lfai/core"
import { artifactPackages, findWorkspaceRoot, packageEntry, readArtifactPackage, type ArtifactPackage } from "./internal/workspace.ts"
import { resolve } from "node:path"

export { artifactPackages, findWorkspaceRoot, workspaceMembers, type ArtifactPackage } from "./internal/workspace.ts"

/** A plugin package could not be used; the message names the package and what is wrong. */
export class PluginLoadError extends Error {
  override readonly name = "PluginLoadError"
}

const isPlugin = (value: unknown): value is ArtifactPlugin => {
  if (typeof value !== "object" || value === null) return false
  const candidate = value as Partial<ArtifactPlugin>
  return (
    typeof candidate.id === "string" &&
    typeof candidate.model === "string" &&
    typeof candidate.validate === "function" &&
    typeof candidate.extract === "function" &&
    typeof candidate.prompt?.system === "string" &&
    typeof candidate.prompt?.user === "function" &&
    typeof candidate.dataset?.generate === "function" &&
    Array.isArray(candidate.dataset?.domains)
  )
}

export interface LoadedPlugin {
  readonly plugin: ArtifactPlugin
  readonly package: ArtifactPackage
}

/** Imports one artifact package and returns its default export, checked to be a plugin. */
export const loadPluginPackage = async (pkg: ArtifactPackage): Promise<LoadedPlugin> => {
  const entry = packageEntry(pkg.dir)
  let module: Record<string, unknown>
  try {
    module = (await import(pathToFileURL(entry).href)) as Record<string, unknown>
  } catch (error) {
    throw new PluginLoadError(`${pkg.name} (${pkg.root}): cannot import ${entry}: ${error instanceof Error ? error.message : String(error)}`)
  }
  const plugin = module.default
  if (!isPlugin(plugin)) {
    throw new PluginLoadError(`${pkg.name} (${pkg.root}): its default export is not an artifact plugin (defineArtifact(...) from @lfai/core)`)
  }
  return { plugin, package: pkg }
}

export interface DiscoverOptions {
  /** The workspace root; default: the nearest one above the current directory, else this package's. */
  readonly workspaceRoot?: string
  /** Package directories to load instead of discovering (absolute, or relative to the workspace root). */
  readonly from?: ReadonlyArray<string>
}

export const resolveWorkspaceRoot = (explicit?: string): string => {
  const root = explicit ?? findWorkspaceRoot(process.cwd()) ?? findWorkspaceRoot(import.meta.dirname)
  if (root === undefined) throw new PluginLoadError("no npm workspace root found (a package.json with `workspaces`) above the current directory")
  return root
}

/** The artifact packages a build covers, without importing them. */
export const discoverPackages = (options: DiscoverOptions = {}): ReadonlyArray<ArtifactPackage> => {
  const root = resolveWorkspaceRoot(options.workspaceRoot)
  if (options.from === undefined) return artifactPackages(root)
  return options.from.map((dir) => {
    const found = readArtifactPackage(root, resolve(root, dir))
    if (found === undefined) throw new PluginLoadError(`${dir}: not an artifact package (a directory named artifact-<id> with a package.json)`)
    return found
  })
}

/**
 * Imports every artifact package of the workspace. Two plugins with one id are refused, and so is
 * a plugin whose id differs from its directory's (`packages/artifact-<id>`): the Nx target's
 * declared outputs are named after the directory.
 */
export const loadPlugins = async (options: DiscoverOptions = {}): Promise<ReadonlyArray<LoadedPlugin>> => {
  const loaded: LoadedPlugin[] = []
  for (const pkg of discoverPackages(options)) loaded.push(await loadPluginPackage(pkg))
  const byId = new Map<string, LoadedPlugin>()
  for (const entry of loaded) {
    if (entry.plugin.id !== entry.package.id) {
      throw new PluginLoadError(
        `${entry.package.name} (${entry.package.root}): the plugin's id is "${entry.plugin.id}" but the directory promises "${entry.package.id}"; name the directory artifact-${entry.plugin.id}`
      )
    }
    const existing = byId.get(entry.plugin.id)
    if (existing) throw new PluginLoadError(`two plugins with the id "${entry.plugin.id}": ${existing.package.name} and ${entry.package.name}`)
    byId.set(entry.plugin.id, entry)
  }
  return loaded
}
