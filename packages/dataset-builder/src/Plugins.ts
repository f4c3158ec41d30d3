/**
 * Which plugins a build covers: every plugin lfai has — the built-ins of `@lfai/stack` (its one
 * plugin list) and the config's `plugins` — or, with `from`, the artifact packages in the given
 * directories (what each Nx `dataset` target builds: its own package).
 */
import { basename, resolve } from "node:path"
import { Effect } from "effect"
import { loadConfig } from "@lfai/core"
import { importPlugin, loadPlugins as pluginsUnder, PluginLoadError, type LoadedPlugin } from "@lfai/stack"
import { ARTIFACT_DIR_PREFIX } from "./internal/workspace.ts"

export { artifactPackages, findWorkspaceRoot, pluginList, workspaceMembers, type ArtifactPackage } from "./internal/workspace.ts"
export { PluginLoadError, type LoadedPlugin } from "@lfai/stack"

export interface PluginOptions {
  /** Artifact package directories (relative to the working directory) to build instead of lfai's plugins. */
  readonly from?: ReadonlyArray<string>
  /** The config whose `plugins` join the built-ins (default: `$LFAI_CONFIG`, else `./lfai.config.yaml` when present). */
  readonly config?: string
}

/**
 * Imports the artifact package in `dir`. A directory named `artifact-<id>` must hold the plugin
 * with that id: the Nx target's declared outputs are named after the directory.
 */
const loadDirectory = async (dir: string): Promise<LoadedPlugin> => {
  const loaded = await Effect.runPromise(importPlugin(resolve(dir), process.cwd()))
  const promised = basename(resolve(dir)).startsWith(ARTIFACT_DIR_PREFIX) ? basename(resolve(dir)).slice(ARTIFACT_DIR_PREFIX.length) : undefined
  if (promised !== undefined && loaded.plugin.id !== promised) {
    throw new PluginLoadError({
      entry: dir,
      detail: `the plugin's id is "${loaded.plugin.id}" but the directory promises "${promised}"; name the directory artifact-${loaded.plugin.id}`
    })
  }
  return loaded
}

/**
 * The plugins to build: those of `from`, else lfai's (built-ins and the config's `plugins`). Two
 * plugins with one id are refused. Rejects with a `PluginLoadError` or the config's `ConfigError`.
 */
export const loadPlugins = async (options: PluginOptions = {}): Promise<ReadonlyArray<LoadedPlugin>> => {
  if (options.from === undefined) {
    return Effect.runPromise(Effect.flatMap(loadConfig({ path: options.config }), (config) => pluginsUnder(config)))
  }
  const loaded: LoadedPlugin[] = []
  for (const dir of options.from) {
    const entry = await loadDirectory(dir)
    const existing = loaded.find((other) => other.plugin.id === entry.plugin.id)
    if (existing) throw new PluginLoadError({ entry: dir, detail: `two plugins with the id "${entry.plugin.id}": ${existing.source} and ${dir}` })
    loaded.push(entry)
  }
  return loaded
}
