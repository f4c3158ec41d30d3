/**
 * Every workspace package follows the package checklist of CONTRIBUTING.md, so a package that
 * forgets a piece (its build config, its LICENSE, the exports shape) fails here by name instead of
 * failing for a user after `npm install`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import ts from "typescript"
import { describe, expect, it } from "vitest"

const root = join(import.meta.dirname, "..")
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"))

/** Test peers: in the workspace for tests and benchmarks, never published. */
const TEST_PEERS = new Set(["@lfai/testkit"])
/** Folders a published package never holds: sources, tests, benches, examples, fixtures. */
const UNPUBLISHED = new Set(["src", "test", "bench", "examples", "fixtures"])

interface Manifest {
  name: string
  version: string
  private?: boolean
  type?: string
  license?: string
  engines?: { node?: string }
  main?: string
  types?: string
  bin?: Record<string, string>
  exports: Record<string, unknown>
  files?: string[]
  dependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  publishConfig?: Record<string, unknown>
}

const rootManifest = readJson(join(root, "package.json")) as Manifest & { engines: { node: string } }
const packages = readdirSync(join(root, "packages"))
  .filter((dir) => existsSync(join(root, "packages", dir, "package.json")))
  .map((dir) => ({ dir, path: join(root, "packages", dir), manifest: readJson(join(root, "packages", dir, "package.json")) as Manifest }))
const versions = new Map(packages.map((p) => [p.manifest.name, p.manifest.version]))

const filesUnder = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir).flatMap((name) => {
        const path = join(dir, name)
        return statSync(path).isDirectory() ? filesUnder(path) : [path]
      })
    : []

/** `@lfai/*` packages a source file imports (static, type-only and dynamic imports alike; not comments). */
const importedPackages = (file: string): string[] =>
  ts
    .preProcessFile(readFileSync(file, "utf8"), true, true)
    .importedFiles.map((ref) => /^@lfai\/[a-z0-9-]+/.exec(ref.fileName)?.[0])
    .filter((name): name is string => name !== undefined)

describe.each(packages)("packages/$dir", ({ dir, path, manifest }) => {
  const isPeer = TEST_PEERS.has(manifest.name)

  it("is named after its folder, an ES module under the MIT license, on the Node the repository runs", () => {
    expect(manifest.name).toBe(`@lfai/${dir}`)
    expect(manifest.type).toBe("module")
    expect(manifest.license).toBe("MIT")
    expect(manifest.engines?.node).toBe(rootManifest.engines.node)
    expect(readFileSync(join(path, "LICENSE"), "utf8")).toBe(readFileSync(join(root, "LICENSE"), "utf8"))
    expect(existsSync(join(path, "README.md"))).toBe(true)
  })

  it("is private exactly when it is a test peer; the others publish publicly", () => {
    expect(manifest.private === true).toBe(isPeer)
    if (isPeer) expect(manifest.publishConfig).toBeUndefined()
    else expect(manifest.publishConfig).toEqual({ access: "public" })
  })

  it('exports each entry as { "@lfai/source": src/X.ts, types: dist/X.d.ts, default: dist/X.js }, and nothing else', () => {
    expect(manifest.main).toBeUndefined()
    expect(manifest.types).toBeUndefined()
    expect(manifest.exports["./package.json"]).toBe("./package.json")
    const entries = Object.entries(manifest.exports).filter(([key]) => key !== "./package.json")
    expect(entries.map(([key]) => key)).toContain(".")
    for (const [key, target] of entries) {
      const stem = /^\.\/src\/(.+)\.ts$/.exec((target as Record<string, string>)["@lfai/source"] ?? "")?.[1]
      expect(stem, `exports["${key}"]["@lfai/source"]`).toBeDefined()
      expect(target, `exports["${key}"]`).toStrictEqual({ "@lfai/source": `./src/${stem}.ts`, types: `./dist/${stem}.d.ts`, default: `./dist/${stem}.js` })
      expect(Object.keys(target as object), `exports["${key}"]: the source condition first, then types, then default`).toEqual(["@lfai/source", "types", "default"])
      expect(existsSync(join(path, "src", `${stem}.ts`)), `src/${stem}.ts`).toBe(true)
    }
  })

  it("publishes dist/ (bin/ when it has commands, folders of run-time files), no sources, tests or fixtures", () => {
    expect(manifest.files).toContain("dist")
    expect((manifest.files ?? []).includes("bin")).toBe(manifest.bin !== undefined)
    for (const entry of (manifest.files ?? []).filter((entry) => entry !== "dist" && entry !== "bin")) {
      expect(UNPUBLISHED.has(entry), `files: "${entry}"`).toBe(false)
      expect(existsSync(join(path, entry)) && statSync(join(path, entry)).isDirectory(), `files: "${entry}" is a folder of the package`).toBe(true)
      expect(filesUnder(join(path, entry)).filter((file) => file.endsWith(".ts")), `files: "${entry}" holds no TypeScript (it would not run installed)`).toEqual([])
    }
  })

  it("has bins that run dist/ when installed and the sources (with the source condition) in the repository", () => {
    for (const [name, target] of Object.entries(manifest.bin ?? {})) {
      expect(target, `bin ${name}`).toBe(`./bin/${name}.js`)
      const text = readFileSync(join(path, target), "utf8")
      expect(text.startsWith("#!/usr/bin/env node\n"), `${target}: shebang`).toBe(true)
      const source = /import\("\.\.\/src\/(.+)\.ts"\)/.exec(text)?.[1]
      expect(source, `${target} imports ../src/<entry>.ts`).toBeDefined()
      expect(text, target).toContain(`import("../dist/${source}.js")`)
      expect(text, target).toContain('import("../../../scripts/source-condition.js")')
      expect(existsSync(join(path, "src", `${source}.ts`))).toBe(true)
    }
  })

  it("declares every @lfai package its sources import, at the exact version of the workspace", () => {
    const declared = { ...manifest.dependencies, ...manifest.peerDependencies }
    const imported = new Set(filesUnder(join(path, "src")).filter((f) => f.endsWith(".ts")).flatMap(importedPackages))
    imported.delete(manifest.name)
    for (const name of imported) expect(declared, `${name} is imported by src/ but not a dependency`).toHaveProperty([name])
    for (const deps of [manifest.dependencies, manifest.peerDependencies, manifest.devDependencies]) {
      for (const [name, range] of Object.entries(deps ?? {})) if (versions.has(name)) expect(range, `${name}`).toBe(versions.get(name))
    }
    for (const peer of TEST_PEERS) expect(manifest.dependencies ?? {}, `a test peer is a devDependency at most`).not.toHaveProperty([peer])
  })

  it("builds with tsconfig.build.json, referencing exactly its @lfai dependencies", () => {
    const config = readJson(join(path, "tsconfig.build.json")) as { extends: string; references?: Array<{ path: string }> }
    expect(config.extends).toBe("../../tsconfig.build.base.json")
    const expected = Object.keys(manifest.dependencies ?? {})
      .filter((name) => versions.has(name))
      .map((name) => `../${name.slice("@lfai/".length)}/tsconfig.build.json`)
      .sort()
    expect((config.references ?? []).map((r) => r.path).sort()).toEqual(expected)
    const solution = readJson(join(root, "tsconfig.build.json")) as { references: Array<{ path: string }> }
    expect(solution.references.map((r) => r.path)).toContain(`packages/${dir}/tsconfig.build.json`)
    expect((readJson(join(path, "tsconfig.json")) as { extends: string }).extends).toBe("../../tsconfig.base.json")
  })

  it("runs its tests through the shared vitest project (the source condition)", () => {
    const config = readFileSync(join(path, "vitest.config.ts"), "utf8")
    expect(config).toContain('from "../../vitest.shared.ts"')
    expect(config).toContain(`lfaiProject({ name: "${manifest.name}"`)
  })
})

describe("the repository", () => {
  it("versions the published packages together", () => {
    const published = packages.filter((p) => !p.manifest.private)
    expect(new Set(published.map((p) => p.manifest.version)).size).toBe(1)
    const changesets = readJson(join(root, ".changeset", "config.json")) as { fixed: string[][]; access: string }
    expect(changesets.fixed).toEqual([["@lfai/*"]])
    expect(changesets.access).toBe("public")
  })

  it("@lfai/mermaid stands alone: no @lfai dependency", () => {
    const mermaid = packages.find((p) => p.manifest.name === "@lfai/mermaid")!.manifest
    const all = { ...mermaid.dependencies, ...mermaid.peerDependencies }
    expect(Object.keys(all).filter((name) => name.startsWith("@lfai/"))).toEqual([])
  })

  it("user-facing text names no document the user does not have (DESIGN.md, § sections)", () => {
    const userFacing = [
      join(root, "README.md"),
      join(root, "CONTRIBUTING.md"),
      ...filesUnder(join(root, "docs")),
      ...packages.flatMap(({ path }) => [
        join(path, "README.md"),
        ...["src", "bin", "examples"].flatMap((folder) => filesUnder(join(path, folder)))
      ])
    ].filter((file) => existsSync(file))
    const offending = userFacing.filter((file) => /DESIGN\.md|§/.test(readFileSync(file, "utf8"))).map((file) => relative(root, file))
    expect(offending).toEqual([])
  })
})
