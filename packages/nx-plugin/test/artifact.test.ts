/**
 * The generator on this repository's files, in memory (an Nx tree that is never flushed): what it
 * writes, where it registers the plugin, and what it refuses — each refusal with nothing written.
 */
import { existsSync } from "node:fs"
import { join } from "node:path"
import { readJson, type Tree } from "@nx/devkit"
import { FsTree } from "nx/src/generators/tree.js"
import { describe, expect, it } from "vitest"
import { ArtifactGeneratorError, artifactGenerator, DEFAULT_MODEL } from "../src/index.ts"
import { REPOSITORY } from "./workspace.ts"

const tree = (): Tree => new FsTree(REPOSITORY, false)
const VERSION = (readJson(tree(), "packages/stack/package.json") as { version: string }).version
const changed = (t: Tree) => t.listChanges().map((change) => `${change.type} ${change.path}`)
const text = (t: Tree, path: string) => t.read(path, "utf8") ?? ""

describe("artifact generator", () => {
  it("writes packages/artifact-<name> in the package layout, adds it to the plugin list and the build, and links it only when run", async () => {
    const t = tree()
    const link = await artifactGenerator(t, { name: "release-notes" })
    const dir = "packages/artifact-release-notes"
    expect(changed(t).filter((change) => !change.startsWith(`CREATE ${dir}/`))).toEqual([
      "UPDATE packages/stack/package.json",
      "UPDATE packages/stack/tsconfig.build.json",
      "UPDATE tsconfig.build.json"
    ])
    const files = changed(t).filter((change) => change.startsWith("CREATE")).map((change) => change.slice(`CREATE ${dir}/`.length))
    expect(files).toEqual(expect.arrayContaining(["package.json", "README.md", "LICENSE", "tsconfig.json", "tsconfig.build.json", "vitest.config.ts", "src/index.ts", "test/release-notes.test.ts", "test/contract.test.ts", "test/contract.json"]))
    expect(files.filter((file) => file.startsWith("test/fixtures/valid-")).length).toBeGreaterThanOrEqual(3)
    expect(files.filter((file) => file.startsWith("test/fixtures/fail-")).length).toBeGreaterThanOrEqual(3)
    expect(files.every((file) => !file.endsWith(".template"))).toBe(true)

    const manifest = readJson(t, `${dir}/package.json`)
    expect(manifest).toMatchObject({
      name: "@lfai/artifact-release-notes",
      version: VERSION,
      type: "module",
      license: "MIT",
      files: ["dist"],
      exports: { ".": { "@lfai/source": "./src/index.ts", types: "./dist/index.d.ts", default: "./dist/index.js" }, "./package.json": "./package.json" },
      dependencies: { "@lfai/artifact-kit": VERSION, "@lfai/core": VERSION }
    })
    expect(text(t, `${dir}/LICENSE`)).toBe(text(t, "LICENSE"))
    expect(text(t, `${dir}/src/index.ts`)).toContain('export const releaseNotes: ArtifactPlugin = defineArtifact({\n  id: "release-notes",')
    expect(text(t, `${dir}/src/index.ts`)).toContain(`model: ${JSON.stringify(DEFAULT_MODEL)}`)

    const stack = readJson(t, "packages/stack/package.json")
    expect(stack.lfai.plugins.at(-1)).toBe("@lfai/artifact-release-notes")
    expect(stack.dependencies["@lfai/artifact-release-notes"]).toBe(VERSION)
    expect(readJson(t, "packages/stack/tsconfig.build.json").references).toContainEqual({ path: "../artifact-release-notes/tsconfig.build.json" })
    expect(readJson(t, "tsconfig.build.json").references).toContainEqual({ path: `${dir}/tsconfig.build.json` })

    // nothing on disk until Nx flushes the tree and runs the returned link task
    expect(typeof link).toBe("function")
    expect(existsSync(join(REPOSITORY, dir))).toBe(false)
  })

  it("takes the model, the title and the description, and makes a valid identifier of any id", async () => {
    const t = tree()
    await artifactGenerator(t, { name: "new", model: "qwen2.5-coder:7b-instruct-q4_K_M", title: "What's new", description: 'Changes, "quoted".' })
    const index = text(t, "packages/artifact-new/src/index.ts")
    expect(index).toContain("export const newArtifact: ArtifactPlugin")
    expect(index).toContain('const TITLE = "What\'s new"')
    expect(index).toContain('description: "Changes, \\"quoted\\".",')
    expect(index).toContain('model: "qwen2.5-coder:7b-instruct-q4_K_M"')
    expect(readJson(t, "packages/artifact-new/test/contract.json").model).toBe("qwen2.5-coder:7b-instruct-q4_K_M")
  })

  describe("refuses, writing nothing", () => {
    const refused = async (schema: Parameters<typeof artifactGenerator>[1], message: RegExp, prepare: (t: Tree) => void = () => {}) => {
      const t = tree()
      prepare(t)
      const before = changed(t)
      const error = await artifactGenerator(t, schema).then(
        () => undefined,
        (cause: unknown) => cause
      )
      expect(error).toBeInstanceOf(ArtifactGeneratorError)
      expect((error as Error).message).toMatch(message)
      expect(changed(t)).toEqual(before)
    }

    it.each(["Glossary", "release_notes", "release notes", "1st-release", "notes-", ""])("a name that is not kebab-case: %j", (name) =>
      refused({ name }, /is not a valid artifact id: use kebab-case/)
    )

    it("an id a built-in of the plugin list has", () => refused({ name: "erd" }, /the artifact id "erd" exists already: @lfai\/artifact-erd, a built-in/))

    it("an id an artifact package of the workspace has, listed or not", () =>
      refused({ name: "terraform" }, /the artifact id "terraform" exists already: @acme\/artifact-terraform \(packages\/artifact-terraform\), a package of this workspace/, (t) =>
        t.write("packages/artifact-terraform/package.json", JSON.stringify({ name: "@acme/artifact-terraform", version: "1.0.0" }))
      ))

    it("a package folder that exists", () =>
      refused({ name: "draft" }, /packages\/artifact-draft exists already; the generator never writes into an existing folder/, (t) =>
        t.write("packages/artifact-draft/notes.md", "# not a package yet\n")
      ))

    it("a blank option or a model name with spaces", async () => {
      await refused({ name: "notes", title: "  " }, /--title is empty/)
      await refused({ name: "notes", model: "llama 3" }, /--model "llama 3" is not an Ollama model name/)
    })
  })
})
