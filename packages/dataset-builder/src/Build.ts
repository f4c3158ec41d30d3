/**
 * `buildDatasets`: every artifact plugin's dataset, checked and written, with the manifest.
 *
 * Per artifact it writes `<artifact>.jsonl` (all examples, generation order), the 95/5 split
 * `<artifact>.train.jsonl` / `<artifact>.val.jsonl`, and `<artifact>.manifest.json` (a manifest
 * of that one artifact, which is what an Nx `dataset` task caches); then `manifest.json` for the
 * whole build. Files are written even when a rule fails — the report's example indices point
 * into them — and the manifest says `passed: false`.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs"
import { availableParallelism } from "node:os"
import { join, resolve } from "node:path"
import { Effect, Exit, Scope } from "effect"
import { ValidationPools, type ArtifactPlugin } from "@lfai/core"
import {
  artifactFiles,
  DEFAULT_COUNT,
  DEFAULT_OUT,
  DEFAULT_RULES,
  DEFAULT_SEED,
  makeManifest,
  manifestFile,
  renderManifest,
  type ArtifactEntry,
  type Manifest,
  type QualityRules
} from "./Manifest.ts"
import { loadPlugins, type PluginOptions } from "./Plugins.ts"
import { checkArtifact, sha256, type ArtifactProgress, type CheckOptions } from "./Quality.ts"
import { prepareOutDir } from "./internal/out.ts"
import { artifactPackages, findWorkspaceRoot } from "./internal/workspace.ts"

export { BuildUsageError } from "./internal/out.ts"
import { BuildUsageError } from "./internal/out.ts"

/** Default pool size: the machine's parallelism, at most 4. */
const defaultWorkers = (): number => Math.max(1, Math.min(4, availableParallelism()))

export interface BuildOptions extends PluginOptions {
  /** The plugins to build; default: every plugin lfai has (the built-ins and the config's `plugins`), or those of `from`. */
  readonly plugins?: ReadonlyArray<ArtifactPlugin>
  /**
   * With `plugins`: module specifiers (file URLs, package names) whose default exports are among
   * them, for the validation pool's workers to import (see `@lfai/core`'s `ValidationPool`).
   */
  readonly modules?: ReadonlyArray<string>
  /** Only these artifact ids. */
  readonly only?: ReadonlyArray<string>
  /** Output directory (relative to the current directory); default `datasets`. */
  readonly out?: string
  /** Examples per artifact; default 1000. */
  readonly count?: number
  /** Default 42. */
  readonly seed?: number
  /** Overrides of the quality thresholds (recorded in the manifest). */
  readonly rules?: Partial<QualityRules>
  /** Write `manifest.json` for the build (default true); the per-artifact manifests are always written. */
  readonly manifest?: boolean
  /**
   * Worker threads of core's validation pool that re-validate examples (default: the machine's
   * parallelism, at most 4; 1: none). Each imports the plugin from the module it was loaded from
   * (or `modules`, or its package name); a plugin with none of those is validated on the calling
   * thread.
   */
  readonly workers?: number
}

export type BuildEvent =
  | { readonly type: "start"; readonly artifacts: ReadonlyArray<string>; readonly seed: number; readonly count: number; readonly out: string }
  | ({ readonly type: "progress" } & ArtifactProgress)
  | { readonly type: "artifact"; readonly entry: ArtifactEntry; readonly seconds: number; readonly validationThreads: number }
  | { readonly type: "done"; readonly manifest: Manifest; readonly seconds: number }

export interface BuildHooks {
  readonly onProgress?: (event: BuildEvent) => void
}

const checkInteger = (name: string, value: number, min: number): number => {
  if (!Number.isSafeInteger(value) || value < min) throw new BuildUsageError(`--${name} must be an integer ≥ ${min}, got ${value}`)
  return value
}

const writeAtomically = (file: string, content: string): void => {
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, content)
  renameSync(temporary, file)
}

/** Builds, checks and writes the datasets; resolves with the manifest (`passed: false` when a rule failed). */
export const buildDatasets = async (options: BuildOptions = {}, hooks: BuildHooks = {}): Promise<Manifest> => {
  const started = performance.now()
  const emit = hooks.onProgress ?? (() => {})
  const count = checkInteger("count", options.count ?? DEFAULT_COUNT, 1)
  const seed = checkInteger("seed", options.seed ?? DEFAULT_SEED, 0)
  const rules: QualityRules = { ...DEFAULT_RULES, ...options.rules }
  const out = resolve(options.out ?? DEFAULT_OUT)

  const workers = checkInteger("workers", options.workers ?? defaultWorkers(), 1)
  const loaded = options.plugins === undefined ? await loadPlugins(options) : undefined
  const all = options.plugins ?? loaded!.map((entry) => entry.plugin)
  // The pool's workers import each plugin from the module it was loaded from.
  const sources = loaded?.flatMap((entry) => (entry.module === undefined ? [] : [entry.module])) ?? options.modules ?? []
  const known = all.map((plugin) => plugin.id)
  const seen = new Set<string>()
  for (const id of known) {
    if (seen.has(id)) throw new BuildUsageError(`two plugins with the id "${id}"`)
    seen.add(id)
  }
  const unknown = (options.only ?? []).filter((id) => !seen.has(id))
  if (unknown.length > 0) {
    throw new BuildUsageError(`unknown artifact${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; known: ${known.join(", ") || "(none)"}`)
  }
  const only = options.only ? new Set(options.only) : undefined
  const plugins = all.filter((plugin) => only === undefined || only.has(plugin.id)).sort((a, b) => (a.id < b.id ? -1 : 1))
  if (plugins.length === 0) throw new BuildUsageError("no artifact plugins to build")

  await prepareOutDir(options.out ?? DEFAULT_OUT, { manifest: options.manifest !== false })
  emit({ type: "start", artifacts: plugins.map((plugin) => plugin.id), seed, count, out })

  // One validation pool for the whole build: its workers import each plugin once.
  const scope = Effect.runSync(Scope.make())
  const pool = await Effect.runPromise(Scope.provide(ValidationPools.make({ size: workers > 1 ? workers : 0, modules: sources }), scope))
  const entries: ArtifactEntry[] = []
  try {
    for (const plugin of plugins) entries.push(await buildArtifact(plugin, { seed, count, rules, pool, out }, emit))
  } finally {
    await Effect.runPromise(Scope.close(scope, Exit.void))
  }
  const manifest = makeManifest(seed, count, rules, entries)
  if (options.manifest !== false) writeAtomically(join(out, manifestFile), renderManifest(manifest))
  emit({ type: "done", manifest, seconds: (performance.now() - started) / 1000 })
  return manifest
}

/** One artifact: checked, its files and its own manifest written; its manifest entry. */
const buildArtifact = async (
  plugin: ArtifactPlugin,
  settings: CheckOptions & { readonly out: string },
  emit: (event: BuildEvent) => void
): Promise<ArtifactEntry> => {
  const started = performance.now()
  const { seed, count, rules, out } = settings
  const checked = await checkArtifact(plugin, settings, (progress) => emit({ type: "progress", ...progress }))
  const files = artifactFiles(plugin.id)
  const join_ = (lines: ReadonlyArray<string>) => (lines.length === 0 ? "" : lines.join("\n") + "\n")
  const allText = join_(checked.lines)
  const trainText = join_(checked.lines.filter((_, i) => !checked.inVal[i]))
  const valText = join_(checked.lines.filter((_, i) => checked.inVal[i]))
  const entry: ArtifactEntry = {
    artifact: plugin.id,
    file: files.all,
    examples: checked.lines.length,
    domains: checked.domains,
    passed: checked.failures.length === 0,
    sha256: sha256(allText),
    train: { file: files.train, examples: checked.quality.split.train, sha256: sha256(trainText) },
    val: { file: files.val, examples: checked.quality.split.val, sha256: sha256(valText) },
    model: plugin.model,
    package: { name: plugin.package.name, version: plugin.package.version },
    quality: checked.quality,
    failures: checked.failures
  }
  writeAtomically(join(out, files.all), allText)
  writeAtomically(join(out, files.train), trainText)
  writeAtomically(join(out, files.val), valText)
  writeAtomically(join(out, files.manifest), renderManifest(makeManifest(seed, count, rules, [entry])))
  emit({ type: "artifact", entry, seconds: (performance.now() - started) / 1000, validationThreads: checked.validationThreads })
  return entry
}

/** A per-artifact manifest is missing, stale or disagrees with the others. */
export class ManifestMergeError extends Error {
  override readonly name = "ManifestMergeError"
}

/**
 * Joins the per-artifact manifests in `out` into `manifest.json` — what the Nx `dataset` target
 * of this package does after every artifact's own target ran (or came from the cache). By default
 * it covers the artifacts those targets build: the workspace's packages in lfai's plugin list;
 * each file's SHA-256 is checked again, and all must share one seed, count and rule set.
 */
export const mergeManifests = (options: { readonly out?: string; readonly artifacts?: ReadonlyArray<string>; readonly workspaceRoot?: string } = {}): Manifest => {
  const out = resolve(options.out ?? DEFAULT_OUT)
  const root = options.workspaceRoot ?? findWorkspaceRoot(process.cwd())
  if (options.artifacts === undefined && root === undefined) throw new ManifestMergeError("no npm workspace (a package.json with `workspaces`) above the working directory: the join covers a workspace's artifact packages, run it there")
  const ids = options.artifacts ?? artifactPackages(root!).map((pkg) => pkg.id)
  if (ids.length === 0) throw new ManifestMergeError("no artifacts to merge")
  const parts = ids.map((id) => {
    const file = join(out, artifactFiles(id).manifest)
    let part: Manifest
    try {
      part = JSON.parse(readFileSync(file, "utf8")) as Manifest
    } catch (error) {
      throw new ManifestMergeError(`${file}: ${error instanceof Error ? error.message : String(error)} (build the artifact first)`)
    }
    const entry = part.artifacts?.find((candidate) => candidate.artifact === id)
    if (entry === undefined) throw new ManifestMergeError(`${file} has no entry for "${id}"`)
    for (const { file: name, sha256: expected } of [entry, entry.train, entry.val]) {
      let actual: string
      try {
        actual = sha256(readFileSync(join(out, name)))
      } catch {
        throw new ManifestMergeError(`${join(out, name)} is missing; rebuild "${id}"`)
      }
      if (actual !== expected) throw new ManifestMergeError(`${join(out, name)} does not match its manifest (sha256 ${actual}, expected ${expected}); rebuild "${id}"`)
    }
    return { part, entry }
  })
  const [first] = parts
  for (const { part, entry } of parts) {
    if (part.seed !== first.part.seed || part.count !== first.part.count || JSON.stringify(part.rules) !== JSON.stringify(first.part.rules)) {
      throw new ManifestMergeError(
        `"${entry.artifact}" was built with seed ${part.seed}, count ${part.count}; "${first.entry.artifact}" with seed ${first.part.seed}, count ${first.part.count} (or other rules): rebuild them alike`
      )
    }
  }
  const manifest = makeManifest(
    first.part.seed,
    first.part.count,
    first.part.rules,
    parts.map(({ entry }) => entry)
  )
  writeAtomically(join(out, manifestFile), renderManifest(manifest))
  return manifest
}
