/**
 * Plugins from the config (`plugins:`): loaded at start and then everywhere a built-in is — `lfai
 * plugins`, `lfai validate` (on the validation pool's worker threads), the HTTP service, the
 * datasets — and a bad entry is a config error that names it (exit 2; `serve` never listens).
 * The commands run in another directory than the config's: its entries are relative to its file.
 */
import { spawn } from "node:child_process"
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { BIN, cleanEnv, lfai } from "./run.ts"

const CONFIG = fileURLToPath(new URL("./fixtures/lfai.config.yaml", import.meta.url))
const cwd = mkdtempSync(join(tmpdir(), "lfai-cli-plugins-"))
const GLOSSARY = "Loan: a book lent to a member\nMember: a reader with a library card\n"
writeFileSync(join(cwd, "terms.txt"), GLOSSARY)

describe("a plugin named in the config", () => {
  it("is listed by lfai plugins beside the built-ins, and lfai validate runs it on a worker thread", async () => {
    const plugins = await lfai(["plugins", "--json", "--config", CONFIG], { cwd })
    expect(plugins.code, plugins.stderr).toBe(0)
    const ids = (JSON.parse(plugins.stdout) as Array<{ id: string }>).map((plugin) => plugin.id)
    expect(ids.at(-1)).toBe("glossary")
    expect(ids).toContain("erd")
    const checked = await lfai(["validate", "glossary", "terms.txt", "--json", "--config", CONFIG], { cwd })
    expect(checked.code, checked.stderr).toBe(0)
    expect(JSON.parse(checked.stdout)).toMatchObject({ artifact: "glossary", passed: true, issues: [{ code: "judged-on", message: "a worker thread" }] })
  })

  it("is served over HTTP: /v1/plugins and /v1/validate/glossary", async () => {
    const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--config", CONFIG], { cwd, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once("line", resolve)
        child.once("exit", (code) => reject(new Error(`serve exited with ${code}`)))
      })
      const plugins = (await (await fetch(`${url}/v1/plugins`)).json()) as Array<{ id: string }>
      expect(plugins.map((plugin) => plugin.id)).toContain("glossary")
      const response = await fetch(`${url}/v1/validate/glossary`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ content: GLOSSARY }) })
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({ artifact: "glossary", passed: true })
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve))
      child.kill("SIGTERM")
      await exited
    }
  })

  it("gets a dataset from lfai datasets build", async () => {
    const out = join(cwd, "datasets")
    const run = await lfai(["datasets", "build", "--only", "glossary", "--count", "40", "--out", out, "--json", "--config", CONFIG], { cwd })
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ passed: true, artifacts: [{ artifact: "glossary", examples: 40, passed: true, package: { name: "@acme/lfai-artifact-glossary" } }] })
    expect(readFileSync(join(out, "glossary.jsonl"), "utf8").split("\n").filter(Boolean)).toHaveLength(40)
  })
})

describe("a bad plugins entry is a config error that names it (exit 2)", () => {
  // Every kind of bad entry is checked in @lfai/stack's tests; here, what the command does with one.
  const dir = join(cwd, "bad")
  mkdirSync(join(dir, "plugins"), { recursive: true })
  writeFileSync(join(dir, "plugins", "throws.js"), 'throw new Error("the plugin broke while loading")\n')
  const config = join(dir, "lfai.config.yaml")
  writeFileSync(config, "plugins:\n  - ./plugins/throws.js\n")

  it("lfai plugins exits 2, naming the entry and what is wrong", async () => {
    const run = await lfai(["plugins", "--config", config], { cwd })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`invalid config at plugins.0 (in ${config}): got "./plugins/throws.js", expected an artifact plugin module, but importing`)
    expect(run.stderr).toContain("the plugin broke while loading")
  })

  it("lfai serve does not start", async () => {
    const run = await lfai(["serve", "--port", "0", "--config", config], { cwd })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe("")
    expect(run.stderr).toContain("the plugin broke while loading")
  })
})
