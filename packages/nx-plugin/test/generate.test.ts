/**
 * `nx g @lfai/nx-plugin:artifact` end to end, in a copy of this workspace: a dry run and a refusal
 * write nothing; then the real command, and right after it what the package promises — `lfai
 * plugins` lists it, `lfai validate <name> FILE` runs it, its own tests pass, `nx run
 * artifact-<name>:dataset` builds its dataset under every rule, the package layout check passes,
 * and nothing in packages/core changed.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { copyWorkspace, type WorkspaceCopy } from "./workspace.ts"

const NAME = "release-notes"
const DIR = `packages/artifact-${NAME}`

let copy: WorkspaceCopy
const node = (script: string, ...args: string[]) => copy.run(process.execPath, [join(copy.root, script), ...args])
const nx = (...args: string[]) => node("node_modules/nx/dist/bin/nx.js", ...args)
const lfai = (...args: string[]) => node("packages/cli/bin/lfai.js", ...args)
const show = (run: { code: number | null; stdout: string; stderr: string }) => `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`

/** What the generator may touch, as it is now: to tell that a refusal or a dry run wrote nothing. */
const snapshot = () =>
  ["package-lock.json", "tsconfig.build.json", "packages/stack/package.json", "packages/stack/tsconfig.build.json"].map((file) => readFileSync(join(copy.root, file), "utf8"))

beforeAll(() => {
  copy = copyWorkspace()
})
afterAll(() => copy?.remove())

describe(`nx g @lfai/nx-plugin:artifact in a copy of the workspace`, () => {
  it("--dry-run prints the files it would write and writes nothing", () => {
    const before = snapshot()
    const run = nx("g", "@lfai/nx-plugin:artifact", NAME, "--dry-run", "--no-interactive")
    expect(run.code, show(run)).toBe(0)
    for (const file of ["package.json", "README.md", "LICENSE", "src/index.ts", "src/internal/score.ts", "src/internal/dataset.ts", `test/${NAME}.test.ts`, "test/contract.test.ts", "test/contract.json"]) {
      expect(run.stdout).toContain(`CREATE ${DIR}/${file}`)
    }
    expect(run.stdout).toContain("UPDATE packages/stack/package.json")
    expect(existsSync(join(copy.root, DIR))).toBe(false)
    expect(snapshot()).toEqual(before)
  })

  it("refuses an id that exists, with a clear error, writing nothing", () => {
    const before = snapshot()
    const run = nx("g", "@lfai/nx-plugin:artifact", "erd", "--no-interactive")
    expect(run.code).not.toBe(0)
    expect(run.stdout + run.stderr).toContain('the artifact id "erd" exists already: @lfai/artifact-erd')
    expect(snapshot()).toEqual(before)
  })

  it("generates the package, registered in the plugin list and linked", () => {
    const core = readFileSync(join(copy.root, "packages/core/src/Plugin.ts"), "utf8")
    const run = nx("g", "@lfai/nx-plugin:artifact", NAME, "--no-interactive")
    expect(run.code, show(run)).toBe(0)
    expect(JSON.parse(readFileSync(join(copy.root, "packages/stack/package.json"), "utf8")).lfai.plugins).toContain(`@lfai/artifact-${NAME}`)
    expect(readFileSync(join(copy.root, "package-lock.json"), "utf8")).toContain(`"node_modules/@lfai/artifact-${NAME}": {\n      "resolved": "${DIR}",\n      "link": true`)
    expect(existsSync(join(copy.root, "node_modules/@lfai", `artifact-${NAME}`, "package.json"))).toBe(true)
    expect(readFileSync(join(copy.root, "packages/core/src/Plugin.ts"), "utf8")).toBe(core)
  })

  it("lfai plugins lists it, and lfai validate runs it", () => {
    const plugins = lfai("plugins", "--json")
    expect(plugins.code, show(plugins)).toBe(0)
    expect(JSON.parse(plugins.stdout)).toContainEqual(expect.objectContaining({ id: NAME, title: "Release notes", model: "llama3:8b-instruct-q4_K_M" }))
    writeFileSync(join(copy.root, "notes.yaml"), "title: Release 2.4\nitems:\n  - name: Dark mode\n    description: Every screen follows the system theme.\n  - name: Faster search\n    description: Results come back twice as fast.\n")
    const good = lfai("validate", NAME, "notes.yaml", "--json")
    expect(good.code, show(good)).toBe(0)
    expect(JSON.parse(good.stdout)).toMatchObject({ artifact: NAME, passed: true, score: 100 })
    writeFileSync(join(copy.root, "one.yaml"), "title: Release 2.4\nitems:\n  - name: Dark mode\n    description: Every screen follows the system theme.\n")
    const bad = lfai("validate", NAME, "one.yaml")
    expect(bad.code, show(bad)).toBe(1)
    expect(bad.stdout + bad.stderr).toContain("too-few-items")
  })

  it("its tests pass: the shared contract, relevance, and its own", () => {
    const run = node("node_modules/vitest/vitest.mjs", "run", DIR)
    expect(run.code, show(run)).toBe(0)
    expect(run.stdout).toMatch(/Tests\s+\d+ passed/)
  })

  it("nx run artifact-<name>:dataset builds 1000 examples that pass every dataset rule", () => {
    const run = nx("run", `artifact-${NAME}:dataset`, "--output-style=static")
    expect(run.code, show(run)).toBe(0)
    const manifest = JSON.parse(readFileSync(join(copy.root, "datasets", `${NAME}.manifest.json`), "utf8")) as { artifacts: Array<{ artifact: string; examples: number; passed: boolean; domains: number }> }
    expect(manifest.artifacts).toEqual([expect.objectContaining({ artifact: NAME, examples: 1000, passed: true })])
    expect(manifest.artifacts[0].domains).toBeGreaterThanOrEqual(20)
  })

  it("follows the package layout (test/layout.test.ts) and type-checks", () => {
    const layout = node("node_modules/vitest/vitest.mjs", "run", "test/layout.test.ts", "-t", DIR)
    expect(layout.code, show(layout)).toBe(0)
    expect(layout.stdout).toMatch(/Tests\s+\d+ passed/)
    const typecheck = node("node_modules/typescript/bin/tsc", "--noEmit", "-p", `${DIR}/tsconfig.json`)
    expect(typecheck.code, show(typecheck)).toBe(0)
  })
})
