/** Hostile input and signals through the real `lfai` bin, as a user (or a script) would hit them. */
import { spawn } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startOllama, type OllamaEmulatorHandle } from "@lfai/testkit"
import { BIN, cleanEnv, lfai } from "./run.ts"

const MISTRAL = "mistral:7b-instruct-q4_K_M"
const ERD = "erDiagram\n  BOOK }o--|| AUTHOR : written_by\n  BOOK {\n    int id PK\n    string title\n  }\n  AUTHOR {\n    int id PK\n    string name\n  }"
const dir = mkdtempSync(join(tmpdir(), "lfai-cli-hostile-"))

/**
 * Starts the bin reading its prompt from a stdin that is never closed, and stops it with a signal
 * once it is reading: the write of more than a pipe's buffer (64 KiB) completes only when the bin
 * has read most of it.
 */
const stopWhileReading = async (signal: NodeJS.Signals, args: ReadonlyArray<string>, env: Record<string, string>) => {
  const config = join(dir, "large-prompts.yaml")
  writeFileSync(config, "validation:\n  max_prompt_kb: 4096\n")
  const child = spawn(process.execPath, [BIN, ...args, "--config", config], { env: cleanEnv(env), stdio: ["pipe", "pipe", "pipe"] })
  let stdout = ""
  let stderr = ""
  child.stdout.setEncoding("utf8").on("data", (chunk) => (stdout += chunk))
  child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, sig) => resolve({ code, signal: sig })))
  await new Promise<void>((resolve, reject) => child.stdin.write(Buffer.alloc(512 * 1024, "a"), (error) => (error ? reject(error) : resolve())))
  child.kill(signal)
  const result = await exited
  child.stdin.destroy()
  return { ...result, stdout, stderr }
}

describe("lfai against hostile input and signals", () => {
  let ollama: OllamaEmulatorHandle
  beforeAll(async () => {
    ollama = await startOllama({ scenario: { models: { [MISTRAL]: { replies: [`\`\`\`mermaid\n${ERD}\n\`\`\``] } } } })
  })
  afterAll(async () => {
    await ollama.close()
  })
  const env = () => ({ OLLAMA_HOST: ollama.url })
  const chats = () => ollama.requests().filter((entry) => entry.path === "/api/chat").length

  it("SIGTERM ends generate with 143 while stdin is still open; --json prints an { error } naming the signal", async () => {
    const run = await stopWhileReading("SIGTERM", ["generate", "erd", "--json"], env())
    expect(run.code).toBe(143)
    expect(JSON.parse(run.stdout)).toEqual({ error: { code: "Interrupted", signal: "SIGTERM", message: "stopped by SIGTERM before the command finished" } })
    expect(run.stderr).toContain("stopped by SIGTERM")
  })

  it("SIGINT ends it with 130", async () => {
    const run = await stopWhileReading("SIGINT", ["generate", "erd"], env())
    expect(run.code).toBe(130)
    expect(run.stdout).toBe("")
  })

  it("stdin is read up to validation.max_prompt_kb, then refused with exit 2 (a writer that never stops is not followed)", async () => {
    const child = spawn(process.execPath, [BIN, "generate", "erd"], { env: cleanEnv(env()), stdio: ["pipe", "pipe", "pipe"] })
    let stderr = ""
    child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk))
    child.stdin.on("error", () => {}) // EPIPE once the bin stops reading, as `yes` gets
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve))
    const line = Buffer.from("y\n".repeat(8192))
    let open = true
    void exited.then(() => (open = false))
    while (open) {
      if (!child.stdin.write(line)) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    expect(await exited).toBe(2)
    expect(stderr).toContain("the prompt on stdin is over the limit of 64 KiB")
  })

  it("--out is checked before generating: a missing directory is bad input and no model is called", async () => {
    const before = chats()
    const run = await lfai(["generate", "erd", "--prompt", "books and authors", "--out", join(dir, "missing", "x.mmd")], { env: env() })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("its directory does not exist")
    expect(chats()).toBe(before)
    const folder = await lfai(["generate", "erd", "--prompt", "books", "--out", dir], { env: env() })
    expect(folder.code).toBe(2)
    expect(folder.stderr).toContain("it is a directory")
  })

  it("a write that still fails prints the result anyway and exits 1; --out - is stdout", async () => {
    const full = await lfai(["generate", "erd", "--prompt", "books and authors", "--json", "--out", "/dev/full"], { env: env() })
    expect(full.code).toBe(1)
    expect(JSON.parse(full.stdout)).toMatchObject({ passed: true, content: ERD })
    expect(full.stderr).toContain("could not write /dev/full (ENOSPC)")
    const dash = await lfai(["generate", "erd", "--prompt", "books and authors", "--out", "-"], { env: env(), cwd: dir })
    expect(dash.code).toBe(0)
    expect(dash.stdout.trim()).toBe(ERD)
    expect(existsSync(join(dir, "-"))).toBe(false)
  })

  it("flags go through the one request schema: --temperature -5 is refused before any model call", async () => {
    const before = chats()
    const run = await lfai(["generate", "erd", "--prompt", "books", "--temperature", "-5", "--json"], { env: env() })
    expect(run.code).toBe(2)
    expect(JSON.parse(run.stdout).error).toMatchObject({ code: "InvalidRequest" })
    expect(run.stderr).toContain("temperature: expected a number from 0 to 2")
    expect(chats()).toBe(before)
  })

  it("a config alias bomb and an infinite number are ConfigErrors (exit 2, { error } with --json)", async () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]`)
    const bomb = join(dir, "bomb.yaml")
    writeFileSync(bomb, `${levels.join("\n")}\n`)
    const run = await lfai(["plugins", "--json", "--config", bomb], { env: env() })
    expect(run.code).toBe(2)
    expect(JSON.parse(run.stdout).error).toMatchObject({ code: "ConfigError" })
    expect(run.stderr).not.toContain("ReferenceError")
    const infinite = join(dir, "inf.yaml")
    writeFileSync(infinite, "server:\n  max_body_kb: .inf\n")
    const inf = await lfai(["plugins", "--config", infinite], { env: env() })
    expect(inf.code).toBe(2)
    expect(inf.stderr).toContain("server.max_body_kb")
    expect(inf.stderr).toContain("got .inf")
  })

  it("OLLAMA_HOST=:PORT reaches 127.0.0.1:PORT, as Ollama's own client reads it", async () => {
    const run = await lfai(["vram", "--json"], { env: { OLLAMA_HOST: `:${new URL(ollama.url).port}` } })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).ollama).toBe("reachable")
  })

  it("a blank --token is bad usage", async () => {
    const run = await lfai(["serve", "--port", "0", "--token", "   "], { env: env() })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("--token is blank")
  })

  it("datasets build refuses an empty --out, a file, and a path it cannot create, before building (exit 2)", async () => {
    const file = join(dir, "a-file")
    writeFileSync(file, "not a directory")
    for (const [out, why] of [["", "names no directory"], [file, "is a file"], ["/proc/lfai-test/x", "cannot be created"]] as const) {
      const run = await lfai(["datasets", "build", "--out", out, "--count", "5", "--only", "erd"], { env: env(), cwd: dir })
      expect(run.code, out).toBe(2)
      expect(run.stderr, out).toContain(why)
    }
    expect(readFileSync(file, "utf8")).toBe("not a directory")
  })
})
