/**
 * The Nx plugin (registered in nx.json `plugins`) that gives every artifact package a cacheable
 * `dataset` target without touching its package.json, and this package a `dataset` target that
 * joins their manifests into `datasets/manifest.json`.
 *
 * - `<artifact package>:dataset` runs the builder for that one artifact; inputs: the package's
 *   production files and its dependencies' (core, mermaid, …), plus this package's; outputs:
 *   `{workspaceRoot}/datasets/<artifact>.{jsonl,train.jsonl,val.jsonl,manifest.json}`.
 * - `@lfai/dataset-builder:dataset` depends on `^dataset`: this package is given an implicit
 *   dependency on every artifact package (it does import them all at run time), so a change to
 *   one plugin makes `nx affected -t dataset` rebuild that plugin's dataset (the others come from
 *   the cache) and re-join the manifest.
 *
 * Which packages are artifacts comes from lfai's one plugin list (`lfai.plugins` of @lfai/stack's
 * package.json): the workspace members it names, each in a directory `artifact-<id>` (see
 * internal/workspace.ts). Only `node:` modules are imported here.
 */
import { readFileSync } from "node:fs"
import { dirname, join, relative, resolve, sep } from "node:path"
import type { CreateNodes, CreateNodesResult, TargetConfiguration } from "@nx/devkit"
import { artifactFiles, DEFAULT_OUT, manifestFile } from "./Manifest.ts"
import { artifactPackages } from "./internal/workspace.ts"

export interface DatasetPluginOptions {
  /** Default `dataset`. */
  readonly targetName?: string
  /** Output directory relative to the workspace root; default `datasets`. */
  readonly outDir?: string
}

const toPosix = (path: string): string => path.split(sep).join("/")

const packageDir = resolve(import.meta.dirname, "..")
const ownName = (JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { name: string }).name

export const createNodes: CreateNodes<DatasetPluginOptions> = [
  "**/package.json",
  (configFiles, options, context) => {
    const root = context.workspaceRoot
    const targetName = options?.targetName ?? "dataset"
    const outDir = toPosix(options?.outDir ?? DEFAULT_OUT).replace(/\/+$/, "")
    const builderRoot = toPosix(relative(root, packageDir))
    const bin = `${builderRoot}/bin/lfai-datasets.js`
    const named = context.nxJsonConfiguration.namedInputs ?? {}
    const production = "production" in named ? "production" : "default"
    // The builder's own files are inputs of every dataset (when it is a project of this workspace).
    const builderInputs = builderRoot.startsWith("..") ? [] : [{ input: production, projects: [ownName] }]
    const listed = new Map(artifactPackages(root).map((pkg) => [pkg.root, pkg]))

    const artifacts = configFiles.flatMap((file) => {
      const pkg = listed.get(toPosix(dirname(file)))
      return pkg ? [{ file, pkg }] : []
    })

    const results: Array<readonly [string, CreateNodesResult]> = artifacts.map(({ file, pkg }) => {
      const files = artifactFiles(pkg.id)
      const target: TargetConfiguration = {
        command: `node ${bin} build --from ${pkg.root} --only ${pkg.id} --out ${outDir} --no-manifest`,
        cache: true,
        inputs: [production, `^${production}`, ...builderInputs],
        outputs: [files.all, files.train, files.val, files.manifest].map((name) => `{workspaceRoot}/${outDir}/${name}`),
        metadata: {
          description: `Builds and checks the "${pkg.id}" fine-tuning dataset (${outDir}/${files.all}, its train/val split and manifest)`,
          technologies: ["lfai"]
        }
      }
      return [file, { projects: { [pkg.root]: { targets: { [targetName]: target } } } }] as const
    })

    const ownFile = configFiles.find((file) => toPosix(dirname(file)) === builderRoot)
    if (ownFile !== undefined && artifacts.length > 0) {
      const aggregate: TargetConfiguration = {
        command: `node ${bin} manifest --out ${outDir}`,
        dependsOn: [`^${targetName}`],
        cache: true,
        inputs: [production, { dependentTasksOutputFiles: `**/*.manifest.json`, transitive: false }],
        outputs: [`{workspaceRoot}/${outDir}/${manifestFile}`],
        metadata: {
          description: `Joins every artifact's dataset manifest into ${outDir}/${manifestFile} (runs each artifact's ${targetName} target first)`,
          technologies: ["lfai"]
        }
      }
      results.push([
        ownFile,
        {
          projects: {
            [builderRoot]: {
              targets: { [targetName]: aggregate },
              implicitDependencies: artifacts.map(({ pkg }) => pkg.name)
            }
          }
        }
      ])
    }
    return results
  }
]
