/** The `lfai-testkit` command: URL on the first line, clean stop on SIGINT/SIGTERM. */
import { spawn, type ChildProcess } from "node:child_process"
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { Ollama } from "ollama"
import { GoogleGenAI } from "@google/genai"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { demoPrompts } from "../src/index.ts"

const bin = join(import.meta.dirname, "..", "bin", "lfai-testkit.js")
const children: Array<ChildProcess> = []
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lfai-testkit-cli-"))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL")
})

const run = (args: ReadonlyArray<string>) => {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] })
  children.push(child)
  let stderr = ""
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
  const firstLine = new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once("line", resolve)
    child.once("exit", () => reject(new Error(`exited before printing a line: ${stderr}`)))
  })
  // the failure cases never read a line; their rejection is expected
  firstLine.catch(() => undefined)
  return { child, firstLine, exited, stderr: () => stderr }
}

// each test starts node processes: generous on a busy machine
describe("lfai-testkit", () => {
  it("ollama: prints its URL first, serves the scenario, stops on SIGTERM with exit 0", async () => {
    const scenario = join(dir, "scenario.yaml")
    await writeFile(scenario, 'ollama:\n  models:\n    "mistral:7b-instruct-q4_K_M":\n      replies: ["erDiagram\\n  A ||--o{ B : has"]\n')
    const p = run(["ollama", "--port", "0", "--scenario", scenario])
    const url = await p.firstLine
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const r = await new Ollama({ host: url }).generate({ model: "mistral:7b-instruct-q4_K_M", prompt: "x" })
    expect(r.response).toBe("erDiagram\n  A ||--o{ B : has")
    p.child.kill("SIGTERM")
    expect(await p.exited).toBe(0)
    expect(p.stderr()).toContain("SIGTERM, stopping")
  })

  it("--scenario demo: the shipped demo, for both emulators; unknown models fail to pull as Ollama's do", async () => {
    const ollama = run(["ollama", "--scenario", "demo"])
    const client = new Ollama({ host: await ollama.firstLine })
    const erd = await client.chat({
      model: "mistral:7b-instruct-q4_K_M",
      messages: [{ role: "system", content: "You are a senior data modeller. …" }, { role: "user", content: demoPrompts.erd }]
    })
    expect(erd.message.content).toContain("erDiagram\n  AUTHOR ||--o{ BOOK : writes")
    await expect(client.pull({ model: "nosuch:model" })).rejects.toThrow("pull model manifest: file does not exist")
    const gemini = run(["gemini", "--scenario", "demo"])
    const ai = new GoogleGenAI({ apiKey: "any", httpOptions: { baseUrl: await gemini.firstLine } })
    const answer = await ai.models.generateContent({ model: "gemini-2.5-flash", contents: demoPrompts.class, config: { systemInstruction: "You are a senior object-oriented designer. …" } })
    expect(answer.text).toContain("class Loan {")
    ollama.child.kill("SIGTERM")
    gemini.child.kill("SIGTERM")
    expect([await ollama.exited, await gemini.exited]).toEqual([0, 0])
  })

  it("gemini: prints its URL first and stops on SIGINT with exit 0", async () => {
    const scenario = join(dir, "gemini.json")
    await writeFile(scenario, JSON.stringify({ gemini: { api_key: "k", replies: ["from the cloud"] } }))
    const p = run(["gemini", "--scenario", scenario])
    const url = await p.firstLine
    const r = await new GoogleGenAI({ apiKey: "k", httpOptions: { baseUrl: url } }).models.generateContent({ model: "gemini-2.5-flash", contents: "x" })
    expect(r.text).toBe("from the cloud")
    p.child.kill("SIGINT")
    expect(await p.exited).toBe(0)
  })

  it("stops cleanly while a request hangs", async () => {
    const scenario = join(dir, "hang.yaml")
    await writeFile(scenario, "ollama:\n  faults:\n    - { on: generate, kind: hang }\n")
    const p = run(["ollama", "--scenario", scenario])
    const url = await p.firstLine
    const hung = fetch(`${url}/api/generate`, { method: "POST", body: JSON.stringify({ model: "m", prompt: "x" }) }).then(
      () => "answered",
      (e: unknown) => e
    )
    for (let i = 0; i < 400; i++) {
      const log = (await (await fetch(`${url}/_emulator/requests`)).json()) as { requests: Array<unknown> }
      if (log.requests.length === 1) break
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    p.child.kill("SIGTERM")
    expect(await p.exited).toBe(0)
    expect(await hung).toBeInstanceOf(TypeError)
  })

  it("exits 2 naming the key of a bad scenario, and on bad usage", async () => {
    const scenario = join(dir, "bad.yaml")
    await writeFile(scenario, "ollama:\n  gpu_gb: lots\n")
    const bad = run(["ollama", "--scenario", scenario])
    expect(await bad.exited).toBe(2)
    expect(bad.stderr()).toContain('ollama.gpu_gb: expected a number ≥ 0, got "lots"')
    const usage = run(["llama"])
    expect(await usage.exited).toBe(2)
    expect(usage.stderr()).toContain('expected "ollama" or "gemini"')
    const port = run(["ollama", "--port", "nine"])
    expect(await port.exited).toBe(2)
  })

  it("the README's example runs", async () => {
    const child = spawn(process.execPath, [join(import.meta.dirname, "..", "examples", "basic.ts")], { stdio: ["ignore", "pipe", "pipe"] })
    children.push(child)
    let out = ""
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()))
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve))
    expect(code).toBe(0)
    expect(out).toContain("first call: 500")
    expect(out).toContain("CUSTOMER ||--o{ ORDER : places")
    expect(out).toContain("mistral:7b-instruct-q4_K_M size_vram=5778720768")
    expect(out).toContain("from the cloud")
  })

  it("prints help", async () => {
    const p = run(["--help"])
    expect(await p.firstLine).toBe("Usage: lfai-testkit <ollama|gemini> [options]")
    expect(await p.exited).toBe(0)
  })
})
