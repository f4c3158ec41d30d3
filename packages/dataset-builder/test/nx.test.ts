/**
 * The Nx wiring: the inferred `dataset` targets (inputs, outputs, cache), on a throwaway
 * workspace end to end, and on this repository's own projects. Daemon off.
 */
import { execFileSync } from "node:child_process"
import { appendFileSync, existsSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { createNodes } from "../src/nx-plugin.ts"
import { artifactPackages, findWorkspaceRoot } from "../src/index.ts"
import { makeWorkspace } from "./workspace.ts"

const repoRoot = findWorkspaceRoot(import.meta.dirname)!
const nxBin = join(repoRoot, "node_modules", "nx", "dist", "bin", "nx.js")
const pluginFile = join(import.meta.dirname, "..", "src", "nx-plugin.ts")
const env = { ...process.env, NX_DAEMON: "false", NX_TUI: "false", NX_NO_CLOUD: "true", NX_SKIP_NX_CACHE: undefined, FORCE_COLOR: "0", CI: "true" }
const nx = (cwd: string, ...args: string[]) => execFileSync(process.execPath, [nxBin, ...args], { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })

const root = makeWorkspace({ broken: false })
symlinkSync(join(repoRoot, "node_modules"), join(root, "node_modules"))
writeFileSync(join(root, "nx.json"), JSON.stringify({ plugins: [{ plugin: pluginFile, options: { outDir: "data" } }] }))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe("createNodes", () => {
  it("gives every artifact package the plugin list names (and only those) a cacheable dataset target with inputs and outputs", async () => {
    const files = [
      "package.json",
      "packages/artifact-toy/package.json",
      "packages/artifact-kit/package.json",
      "packages/artifact-unlisted/package.json",
      "packages/other/package.json",
      "packages/stack/package.json",
      "tools/artifact-extra/package.json",
      "stray/artifact-stray/package.json"
    ]
    const results = await createNodes[1](files, { targetName: "dataset" }, { workspaceRoot: root, nxJsonConfiguration: { namedInputs: { production: ["default"] } } })
    const projects = Object.fromEntries(results.flatMap(([, result]) => Object.entries(result.projects ?? {})))
    expect(Object.keys(projects).sort()).toEqual(["packages/artifact-toy", "tools/artifact-extra"])
    const target = projects["packages/artifact-toy"].targets!.dataset
    expect(target.cache).toBe(true)
    expect(target.inputs).toEqual(["production", "^production"]) // the builder is not a project of that workspace
    expect(target.outputs).toEqual(["toy.jsonl", "toy.train.jsonl", "toy.val.jsonl", "toy.manifest.json"].map((file) => `{workspaceRoot}/datasets/${file}`))
    expect(target.command).toMatch(/bin\/lfai-datasets\.js build --from packages\/artifact-toy --only toy --out datasets --no-manifest$/)
  })
})

describe("nx on a throwaway workspace", () => {
  it("runs every dataset target, serves the second run from the cache, and rebuilds only a changed plugin's", () => {
    const shown = JSON.parse(nx(root, "show", "project", "@fixture/artifact-toy", "--json")) as { targets: Record<string, { outputs: string[]; cache: boolean }> }
    expect(shown.targets.dataset).toMatchObject({ cache: true, outputs: expect.arrayContaining(["{workspaceRoot}/data/toy.jsonl"]) })

    const first = nx(root, "run-many", "-t", "dataset", "--parallel=2")
    expect(first).toContain("Successfully ran target dataset for 2 projects")
    expect(first).not.toContain("from the cache")
    const built = readFileSync(join(root, "data", "toy.jsonl"))
    expect(built.toString().split("\n").filter(Boolean)).toHaveLength(1000)

    unlinkSync(join(root, "data", "toy.val.jsonl"))
    const second = nx(root, "run-many", "-t", "dataset")
    expect(second).toContain("Nx read the output from the cache instead of running the command for 2 out of 2 tasks")
    expect(existsSync(join(root, "data", "toy.val.jsonl"))).toBe(true) // restored from the cache

    appendFileSync(join(root, "tools", "artifact-extra", "src", "index.ts"), "// a change to one plugin\n")
    const third = nx(root, "run-many", "-t", "dataset", "--output-style=static")
    expect(third).toContain("for 1 out of 2 tasks")
    expect(third).toMatch(/extra: 1000 examples/)
    expect(readFileSync(join(root, "data", "toy.jsonl")).equals(built)).toBe(true)
  })
})

describe("nx on this repository", () => {
  it("every artifact package of the plugin list has the dataset target; the builder joins them and depends on them", async () => {
    const packages = artifactPackages(repoRoot)
    // the one list: every built-in the stack loads is a package of this workspace with its target
    const { builtinPluginPackages } = await import("@lfai/stack")
    expect(packages.map((pkg) => pkg.name).sort()).toEqual([...builtinPluginPackages].sort())
    const builder = JSON.parse(nx(repoRoot, "show", "project", "@lfai/dataset-builder", "--json")) as {
      implicitDependencies: string[]
      targets: Record<string, { dependsOn?: string[]; outputs?: string[]; inputs?: unknown[] }>
    }
    expect(builder.implicitDependencies.sort()).toEqual(packages.map((pkg) => pkg.name).sort())
    if (packages.length === 0) {
      expect(builder.targets.dataset).toBeUndefined()
      return
    }
    expect(builder.targets.dataset).toMatchObject({ dependsOn: ["^dataset"], outputs: ["{workspaceRoot}/datasets/manifest.json"] })
    const [first] = packages
    const shown = JSON.parse(nx(repoRoot, "show", "project", first.name, "--json")) as { targets: Record<string, { inputs: unknown[]; outputs: string[]; cache: boolean }> }
    expect(shown.targets.dataset.cache).toBe(true)
    expect(shown.targets.dataset.inputs).toEqual(["production", "^production", { input: "production", projects: ["@lfai/dataset-builder"] }])
    expect(shown.targets.dataset.outputs).toEqual(["jsonl", "train.jsonl", "val.jsonl", "manifest.json"].map((ext) => `{workspaceRoot}/datasets/${first.id}.${ext}`))
    // A change to one plugin affects its own dataset and the manifest join, no other dataset.
    const affected = JSON.parse(
      nx(repoRoot, "show", "projects", "--affected", `--files=${first.root}/src/index.ts`, "--withTarget=dataset", "--json")
    ) as string[]
    expect(affected.sort()).toEqual([first.name, "@lfai/dataset-builder"].sort())
  })
})
