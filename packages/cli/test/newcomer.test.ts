/**
 * What a newcomer sees, against the testkit's demo scenario: the attempt list, --verbose, stdout
 * only for an artifact that passed, `lfai doctor`, `serve --json`, LFAI_LOG=debug, GiB, aligned
 * columns, and no model left pinned when a command ends.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { demoPrompts, startDemo, type DemoHandles, type OllamaEmulatorHandle } from "@lfai/testkit"
import { BIN, cleanEnv, lfai, lfaiOnTty } from "./run.ts"

const MISTRAL = "mistral:7b-instruct-q4_K_M"
const KEY = "demo-secret-key-7f3a"
const dir = mkdtempSync(join(tmpdir(), "lfai-newcomer-"))

/** Starts `lfai serve` and resolves with its first stdout line; the caller stops it. */
const serve = (args: ReadonlyArray<string>, env: Record<string, string>) => {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", ...args], { env: cleanEnv(env), stdio: ["ignore", "pipe", "pipe"] })
  let stderr = ""
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
  const firstLine = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve)
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)))
  })
  const stop = (signal: NodeJS.Signals) =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode)
      child.once("exit", (code) => resolve(code))
      child.kill(signal)
    })
  return { child: child as ChildProcess, firstLine, stop, stderr: () => stderr }
}

/** Milliseconds until the model expires on the emulated server (undefined: not loaded). */
const expiresIn = (ollama: OllamaEmulatorHandle, model: string) => {
  const loaded = ollama.state().loaded.find((m) => m.name === model)
  return loaded === undefined ? undefined : Date.parse(loaded.expiresAt) - Date.now()
}

// every test runs the real bin in a child process: generous on a busy machine
describe("a newcomer's first hour, with the demo emulators", () => {
  let demo: DemoHandles
  let ollama: OllamaEmulatorHandle
  beforeAll(async () => {
    demo = await startDemo()
    ollama = demo.ollama
  })
  afterAll(async () => {
    await demo?.close()
  })
  const env = (extra: Record<string, string> = {}) => ({ OLLAMA_HOST: demo.ollama.url, GEMINI_BASE_URL: demo.gemini.url, ...extra })

  it("generate: the artifact on stdout, every attempt and why the cloud was not needed on stderr", async () => {
    const run = await lfai(["generate", "erd", "--prompt", demoPrompts.erd], { env: env() })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^erDiagram\n {2}AUTHOR \|\|--o\{ BOOK : writes\n/)
    expect(run.stderr).toMatch(/^✓ erd: score 100\/100 from ollama mistral:7b-instruct-q4_K_M in \d+\.\d s\n/)
    expect(run.stderr).toMatch(/\n {2}1\. generate ollama mistral:7b-instruct-q4_K_M: ✓ score 100 \(\d+\.\d s\)\n/)
    expect(run.stderr).toContain("cloud fallback not needed: the local answer passed")
    expect(run.stderr).not.toMatch(/attempt\(s\)/)
  })

  it("generate on a terminal lists each attempt as it ends, with why it did not pass", async () => {
    const run = await lfaiOnTty(["generate", "sequence", "--prompt", demoPrompts.sequence], env())
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/generate ollama mistral:7b-instruct-q4_K_M: ✗ score \d+ \(\d+\.\d s\) — line 11: Mermaid cannot parse the diagram: Trying to inactivate an inactive participant \(LoanService\)\. \[parse-error\]/)
    expect(run.stdout).toMatch(/repair ollama mistral:7b-instruct-q4_K_M: ✓ score 100/)
    expect(run.stdout).toContain("✓ sequence: score 100/100")
  })

  it("stdout holds the artifact only when it passed; --best-effort prints the draft; --json always the result", async () => {
    const failed = await lfai(["generate", "class", "--prompt", demoPrompts.class, "--out", join(dir, "class.mmd")], { env: env() })
    expect(failed.code).toBe(1)
    expect(failed.stdout).toBe("")
    expect(existsSync(join(dir, "class.mmd"))).toBe(false)
    expect(failed.stderr).toContain("no GEMINI_API_KEY or GOOGLE_API_KEY set")
    expect(failed.stderr).toMatch(/1\. generate ollama .*: ✗ score 69 .*\[no-members\]/)
    expect(failed.stderr).toMatch(/2\. repair ollama .*: ✗ score 69/)
    const draft = await lfai(["generate", "class", "--prompt", demoPrompts.class, "--best-effort", "--out", join(dir, "draft.mmd")], { env: env() })
    expect(draft.code).toBe(1)
    expect(draft.stdout).toMatch(/^classDiagram\n/)
    expect(readFileSync(join(dir, "draft.mmd"), "utf8")).toMatch(/^classDiagram\n/)
    const asJson = await lfai(["generate", "class", "--prompt", demoPrompts.class, "--json"], { env: env() })
    expect(asJson.code).toBe(1)
    expect(JSON.parse(asJson.stdout)).toMatchObject({ artifact: "class", passed: false, score: 69 })
  })

  it("the cloud answers what the local model could not; --verbose shows every prompt and raw answer, never the key", async () => {
    const run = await lfai(["generate", "class", "--prompt", demoPrompts.class, "--verbose"], { env: env({ GEMINI_API_KEY: KEY }) })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("class Loan {")
    expect(run.stderr).toContain("answered by the cloud fallback: the best local answer scored 69, below the pass mark 70")
    const sent = run.stderr.split("\n").filter((line) => line.startsWith("── "))
    expect(sent).toEqual([
      `── generate → ollama ${MISTRAL}`,
      `── answer ← ollama ${MISTRAL}`,
      `── repair → ollama ${MISTRAL}`,
      `── answer ← ollama ${MISTRAL}`,
      "── generate → gemini gemini-2.5-flash",
      "── answer ← gemini gemini-2.5-flash"
    ])
    expect(run.stderr).toContain(`[prompt]\n${demoPrompts.class}\n`)
    expect(run.stderr).toContain("Your previous answer did not pass validation.")
    expect(run.stderr).toContain("You are a senior object-oriented designer")
    expect(run.stderr).toContain("  Book --> Author : written by")
    expect(run.stderr).not.toContain(KEY)
  })

  it("doctor: every check with a fix when it fails; exit 1 without a key, 0 with one; loads and pulls nothing", async () => {
    ollama.clearRequests()
    const loadedBefore = ollama.state().loaded
    const keyless = await lfai(["doctor"], { env: env() })
    expect(keyless.code).toBe(1)
    expect(keyless.stdout).toMatch(/^✓ config +defaults/m)
    expect(keyless.stdout).toMatch(/^✓ ollama +Ollama 0\.12\.10 at http:\/\/127\.0\.0\.1:\d+$/m)
    expect(keyless.stdout).toMatch(new RegExp(`^✓ model ${MISTRAL} +present \\(used by erd, architecture, sequence, class, state, workflow\\)$`, "m"))
    expect(keyless.stdout).toMatch(/^✗ gemini +no GEMINI_API_KEY or GOOGLE_API_KEY set/m)
    expect(keyless.stdout).toMatch(/^ +fix: export GEMINI_API_KEY=/m)
    expect(keyless.stdout).toMatch(/^✓ validator workflow +@lfai\/artifact-workflow/m)
    expect(keyless.stdout).toMatch(/1 of \d+ checks failed\n$/)
    const keyed = await lfai(["doctor", "--json"], { env: env({ GEMINI_API_KEY: KEY }) })
    expect(keyed.code).toBe(0)
    const { checks } = JSON.parse(keyed.stdout) as { checks: Array<{ name: string; ok: boolean; detail: string; fix?: string }> }
    expect(checks.every((check) => check.ok && check.fix === undefined)).toBe(true)
    expect(checks.map((check) => check.name)).toEqual(
      expect.arrayContaining(["config", "ollama", `model ${MISTRAL}`, "persistent models", "gpu budget", "gemini", "validator erd"])
    )
    expect(keyed.stdout).not.toContain(KEY)
    const paths = new Set(ollama.requests().map((request) => request.path))
    for (const path of ["/api/pull", "/api/generate", "/api/chat"]) expect(paths.has(path), path).toBe(false)
    expect(ollama.state().loaded.map((m) => [m.name, m.expiresAt])).toEqual(loadedBefore.map((m) => [m.name, m.expiresAt]))
  })

  it("doctor: a model nobody can pull fails, with --pull as Ollama says; no Ollama at all says how to start one", async () => {
    const config = join(dir, "nosuch.yaml")
    writeFileSync(config, "artifacts:\n  erd:\n    model: nosuch:model\n")
    const missing = await lfai(["doctor", "--config", config, "--json"], { env: env({ GEMINI_API_KEY: KEY }) })
    expect(missing.code).toBe(1)
    const find = (stdout: string) => (JSON.parse(stdout) as { checks: Array<{ name: string; ok: boolean; detail: string; fix?: string }> }).checks.find((check) => check.name === "model nosuch:model")
    expect(find(missing.stdout)).toMatchObject({ ok: false, detail: "not pulled (used by erd)", fix: expect.stringContaining("lfai doctor --pull") })
    const pulled = await lfai(["doctor", "--config", config, "--json", "--pull"], { env: env({ GEMINI_API_KEY: KEY }) })
    expect(pulled.code).toBe(1)
    expect(find(pulled.stdout)).toMatchObject({ ok: false, detail: expect.stringContaining("pull model manifest: file does not exist") })
    const down = await lfai(["doctor"])
    expect(down.code).toBe(1)
    expect(down.stdout).toMatch(/^✗ ollama +no Ollama answers at http:\/\/127\.0\.0\.1:2/m)
    expect(down.stdout).toContain("fix: start Ollama (`ollama serve`)")
  })

  it("models warm pins only while lfai runs: when the command ends the model expires after idle_unload_s", async () => {
    const config = join(dir, "persistent.yaml")
    writeFileSync(config, `ollama:\n  persistent_models: ["${MISTRAL}"]\n  idle_unload_s: 90\n`)
    const warm = await lfai(["models", "warm", "--config", config], { env: env() })
    expect(warm.code).toBe(0)
    expect(warm.stderr).toContain(`warm: ${MISTRAL} (loaded; 90 s after this command ends`)
    const left = expiresIn(ollama, MISTRAL)
    expect(left).toBeGreaterThan(0)
    expect(left).toBeLessThanOrEqual(90_000)
    // the status table: aligned columns, sizes in GiB
    const status = await lfai(["models", "status", "--config", config], { env: env() })
    const lines = status.stdout.trimEnd().split("\n")
    expect(lines[0]).toMatch(/^MODEL +PRESENT +LOADED +VRAM$/)
    const column = lines[0].indexOf("PRESENT")
    for (const line of lines.slice(1)) expect(line.slice(column - 2, column), line).toBe("  ")
    expect(lines.find((line) => line.startsWith(MISTRAL))).toMatch(/ yes +yes +\d+\.\d\d GiB$/)
    const vram = await lfai(["vram", "--config", config], { env: env() })
    expect(vram.stdout).toMatch(/^VRAM: \d+\.\d\d GiB \/ 12\.00 GiB/)
  })

  it("serve --json prints { url }; /v1/stats lists every plugin; LFAI_LOG=debug logs prompts and answers; SIGTERM unpins", async () => {
    const config = join(dir, "serve.yaml")
    writeFileSync(config, `ollama:\n  persistent_models: ["${MISTRAL}"]\n  idle_unload_s: 120\n`)
    const server = serve(["--json", "--config", config], { ...env({ GEMINI_API_KEY: KEY }), LFAI_LOG: "debug" })
    try {
      const { url } = JSON.parse(await server.firstLine) as { url: string }
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const plugins = (await (await fetch(`${url}/v1/plugins`)).json()) as Array<{ id: string }>
      const stats = (await (await fetch(`${url}/v1/stats`)).json()) as Record<string, unknown>
      expect(Object.keys(stats).sort()).toEqual(plugins.map((plugin) => plugin.id).sort())
      const answer = await fetch(`${url}/v1/artifacts/sequence`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ prompt: demoPrompts.sequence }) })
      expect(await answer.json()).toMatchObject({ passed: true })
      // the background pre-warm pinned mistral, the persistent model the plugins use
      for (let i = 0; i < 500 && !((expiresIn(ollama, MISTRAL) ?? 0) > 1e12); i++) await new Promise((resolve) => setTimeout(resolve, 20))
      expect(expiresIn(ollama, MISTRAL)).toBeGreaterThan(1e12)
    } finally {
      expect(await server.stop("SIGTERM")).toBe(143)
    }
    expect(server.stderr()).toContain(`sequence generate → ollama ${MISTRAL}`)
    expect(server.stderr()).toContain(demoPrompts.sequence)
    expect(server.stderr()).toContain("Trying to inactivate an inactive participant")
    expect(server.stderr()).toContain(`sequence repair ← ollama ${MISTRAL}`)
    expect(server.stderr()).not.toContain(KEY)
    const left = expiresIn(ollama, MISTRAL)
    expect(left).toBeGreaterThan(0)
    expect(left).toBeLessThanOrEqual(120_000)
  })

  it("serve stopped by SIGINT (exit 130) hands its pinned model back too", async () => {
    const config = join(dir, "sigint.yaml")
    writeFileSync(config, `ollama:\n  persistent_models: ["${MISTRAL}"]\n  idle_unload_s: 45\n`)
    const server = serve(["--config", config], env())
    await server.firstLine
    for (let i = 0; i < 500 && !((expiresIn(ollama, MISTRAL) ?? 0) > 1e12); i++) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(expiresIn(ollama, MISTRAL)).toBeGreaterThan(1e12)
    expect(await server.stop("SIGINT")).toBe(130)
    expect(expiresIn(ollama, MISTRAL)).toBeLessThanOrEqual(45_000)
  })

  it("--help at the top has examples; datasets says `1 artifact`", async () => {
    const help = await lfai(["--help"])
    expect(help.stdout).toContain("EXAMPLES")
    expect(help.stdout).toContain("lfai doctor")
    const build = await lfai(["datasets", "build", "--out", join(dir, "ds"), "--only", "erd", "--count", "20"])
    expect(build.code).toBe(0)
    expect(build.stderr).toContain(`datasets: wrote 1 artifact to ${join(dir, "ds")}/`)
  })
})
