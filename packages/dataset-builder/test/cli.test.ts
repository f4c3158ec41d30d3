import { spawnSync } from "node:child_process"
import { existsSync, readFileSync, rmSync } from "node:fs"
import { join, relative } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { artifactPackages, loadPlugins, pluginList, progressReporter, type BuildEvent, type Manifest } from "../src/index.ts"
import { parseModelfile } from "./ollama-modelfile.ts"
import { makeWorkspace } from "./workspace.ts"

const bin = join(import.meta.dirname, "..", "bin", "lfai-datasets.js")
const root = makeWorkspace()
afterAll(() => rmSync(root, { recursive: true, force: true }))

const run = (...args: string[]) => {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe("which plugins: lfai's one list", () => {
  it("the workspace's artifact packages are the members its @lfai/stack lists, in directories named artifact-<id>", () => {
    expect(artifactPackages(root).map((pkg) => [pkg.root, pkg.id, pkg.name])).toEqual([
      ["packages/artifact-broken", "broken", "@fixture/artifact-broken"],
      ["packages/artifact-toy", "toy", "@fixture/artifact-toy"],
      ["tools/artifact-extra", "extra", "@fixture/artifact-extra"]
    ])
    expect(pluginList(root).map((entry) => [entry.name, entry.dir === undefined ? undefined : relative(root, entry.dir)])).toEqual([
      ["@fixture/artifact-toy", "packages/artifact-toy"],
      ["@fixture/artifact-broken", "packages/artifact-broken"],
      ["@fixture/artifact-extra", "tools/artifact-extra"],
      ["@fixture/not-installed", undefined]
    ])
  })

  it("by default, the stack's built-ins and the config's plugins; with from, the packages in those directories", async () => {
    const { builtinPlugins } = await import("@lfai/stack")
    const all = await loadPlugins({ config: join(root, "lfai.config.yaml") })
    expect(all.map((entry) => entry.plugin.id)).toEqual([...builtinPlugins.map((plugin) => plugin.id), "toy", "broken", "extra"])
    expect(all.slice(0, builtinPlugins.length).map((entry) => entry.plugin)).toEqual(builtinPlugins)
    for (const entry of all) expect(entry.module).toMatch(/^file:\/\//)
    const from = await loadPlugins({ from: [join(root, "packages/artifact-toy"), join(root, "tools/artifact-extra")] })
    expect(from.map((entry) => [entry.plugin.id, entry.plugin.package.name])).toEqual([
      ["toy", "@test/artifact-toy"],
      ["extra", "@test/artifact-extra"]
    ])
  })

  it("refuses a package that is not an artifact, or whose plugin id is not its directory's", async () => {
    await expect(loadPlugins({ from: [join(root, "packages/other")] })).rejects.toThrow(/packages\/other: its entry .* does not exist|packages\/other: it has no default export/)
    await expect(loadPlugins({ from: [join(root, "packages/artifact-kit")] })).rejects.toThrow(/artifact-kit: it has no default export/)
    const { cpSync } = await import("node:fs")
    cpSync(join(root, "packages/artifact-toy"), join(root, "stray/artifact-renamed"), { recursive: true })
    await expect(loadPlugins({ from: [join(root, "stray/artifact-renamed")] })).rejects.toThrow(
      /the plugin's id is "toy" but the directory promises "renamed"/
    )
  })
})

describe("lfai-datasets (the bin)", () => {
  it("build: quiet lines on stderr when not a TTY, nothing on stdout, exit 0", () => {
    const result = run("build", "--only", "toy,extra", "--count", "60", "--seed", "5", "--out", "out")
    expect(result.code).toBe(0)
    expect(result.stdout).toBe("")
    expect(result.stderr).not.toContain("\r")
    expect(result.stderr).toContain("datasets: 2 artifacts × 60 examples, seed 5")
    expect(result.stderr).toContain("note: --count 60 is below the 1000 examples per artifact a dataset needs")
    expect(result.stderr).toMatch(/^toy: 60 examples, 24 domains, train \d+ \/ val \d+, passed/m)
    expect(result.stderr).toContain("datasets: all passed")
    const manifest = JSON.parse(readFileSync(join(root, "out", "manifest.json"), "utf8")) as Manifest
    expect(manifest).toMatchObject({ seed: 5, count: 60, passed: true })
    expect(manifest.artifacts.map((entry) => entry.artifact)).toEqual(["extra", "toy"])
  })

  it("build --json prints the manifest only", () => {
    const result = run("build", "--only", "toy", "--count", "40", "--out", "json-out", "--json")
    expect(result.code).toBe(0)
    const manifest = JSON.parse(result.stdout) as Manifest
    expect(manifest.seed).toBe(42)
    expect(manifest.artifacts).toHaveLength(1)
    expect(result.stdout).toBe(readFileSync(join(root, "json-out", "manifest.json"), "utf8"))
  })

  it("a broken plugin fails the build: exit 1 and a report naming the artifact, the rule, the figures and the examples", () => {
    const result = run("build", "--only", "broken", "--count", "50", "--out", "broken-out", "--json")
    expect(result.code).toBe(1)
    expect((JSON.parse(result.stdout) as Manifest).passed).toBe(false)
    expect(result.stderr).toContain("datasets: the build failed its quality rules:")
    // Every 7th example is invalid, and #49 repeats the invalid #48.
    expect(result.stderr).toContain(
      "broken: [validation] 8 of 50 examples fail their own plugin's validator: wrong-type ×8 (failed=8, examples=50, minScore=30) — examples #6, #13, #20, #27, #34, #41, #48, #49"
    )
    expect(result.stderr).toMatch(/broken: \[exact-duplicates\] 2 assistant messages repeat an earlier one .* — examples #24, #49/)
  })

  it("usage errors exit 2 with a message", () => {
    for (const args of [["build", "--count", "x"], ["build", "--bogus"], ["frobnicate"], ["modelfile", "toy"], []]) {
      const result = run(...args)
      expect(result.code, args.join(" ")).toBe(2)
    }
    const unknown = run("build", "--only", "nope")
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/unknown artifact nope; known: erd, .*, toy, broken, extra\n/)
    const badConfig = run("build", "--config", "missing.yaml")
    expect(badConfig.code).toBe(2)
    expect(badConfig.stderr).toContain("missing.yaml")
    expect(run("--help").code).toBe(0)
  })

  it("manifest joins the per-artifact manifests of every artifact package the workspace lists", () => {
    expect(run("build", "--only", "toy,broken,extra", "--count", "30", "--out", "joined", "--no-manifest").code).toBe(1) // broken fails
    expect(existsSync(join(root, "joined", "manifest.json"))).toBe(false)
    const result = run("manifest", "--out", "joined", "--json")
    expect(result.code).toBe(1)
    const manifest = JSON.parse(result.stdout) as Manifest
    expect(manifest.artifacts.map((entry) => [entry.artifact, entry.passed])).toEqual([
      ["broken", false],
      ["extra", true],
      ["toy", true]
    ])
    expect(readFileSync(join(root, "joined", "manifest.json"), "utf8")).toBe(result.stdout)
  })

  it("modelfile writes an Ollama Modelfile for the artifact", () => {
    const result = run("modelfile", "toy", "--adapter", "adapters/toy", "--out", "models/Modelfile", "--num-ctx", "8192")
    expect(result.code).toBe(0)
    expect(result.stderr).toContain("ollama create lfai-toy")
    const commands = parseModelfile(readFileSync(join(root, "models", "Modelfile"), "utf8"))
    expect(commands.slice(0, 4)).toEqual([
      { name: "model", args: "mistral:7b-instruct-q4_K_M" },
      { name: "adapter", args: "../adapters/toy" },
      { name: "num_ctx", args: "8192" },
      { name: "temperature", args: "0.2" }
    ])
    const printed = run("modelfile", "toy", "--adapter", "/abs/adapter.gguf", "--out", "-")
    expect(parseModelfile(printed.stdout)[1]).toEqual({ name: "adapter", args: "/abs/adapter.gguf" })
    expect(run("modelfile", "nope", "--adapter", "x").code).toBe(2)
  })
})

describe("progress", () => {
  const events: BuildEvent[] = [
    { type: "start", artifacts: ["toy"], seed: 1, count: 100, out: "/tmp/x" },
    { type: "progress", artifact: "toy", phase: "validate", done: 50, total: 100 },
    { type: "progress", artifact: "toy", phase: "validate", done: 50, total: 100 }
  ]
  it("draws a bar per artifact on a TTY, repainting in place", () => {
    let text = ""
    const report = progressReporter({ isTTY: true, write: (chunk) => (text += chunk) })
    events.forEach(report)
    expect(text).toBe("\r\x1b[2Ktoy  [############------------]  50% validate")
  })
  it("prints only quiet lines otherwise", () => {
    let text = ""
    const report = progressReporter({ isTTY: false, write: (chunk) => (text += chunk) })
    events.forEach(report)
    expect(text).toBe("datasets: 1 artifact × 100 examples, seed 1 → /tmp/x\n")
  })
})
