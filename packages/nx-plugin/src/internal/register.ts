/**
 * Registering the new package where every surface finds plugins: lfai's one plugin list
 * (`lfai.plugins` of @lfai/stack's package.json, which the CLI, the server, the dataset builder and
 * the Nx `dataset` targets read) with the dependency npm needs to install it, and the build's
 * project references.
 */
import { posix } from "node:path"
import { updateJson, type Tree } from "@nx/devkit"
import type { ArtifactPlan } from "./plan.ts"

interface References {
  readonly references?: ReadonlyArray<{ readonly path: string }>
}

/** `tsconfig.build.json` with one more reference, in path order. */
const addReference = (tree: Tree, file: string, path: string) =>
  updateJson<References>(tree, file, (config) => ({
    ...config,
    references: [...(config.references ?? []).filter((reference) => reference.path !== path), { path }].sort((a, b) => (a.path < b.path ? -1 : 1))
  }))

export const registerArtifact = (tree: Tree, plan: ArtifactPlan): void => {
  updateJson(tree, `${plan.stackDir}/package.json`, (manifest: Record<string, any>) => ({
    ...manifest,
    dependencies: Object.fromEntries(Object.entries({ ...manifest.dependencies, [plan.packageName]: plan.version }).sort(([a], [b]) => (a < b ? -1 : 1))),
    lfai: { ...manifest.lfai, plugins: [...(manifest.lfai?.plugins ?? []), plan.packageName] }
  }))
  addReference(tree, `${plan.stackDir}/tsconfig.build.json`, `${posix.relative(plan.stackDir, plan.dir)}/tsconfig.build.json`)
  addReference(tree, "tsconfig.build.json", `${plan.dir}/tsconfig.build.json`)
}
