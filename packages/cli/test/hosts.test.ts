/** `lfai` with several Ollama hosts (`ollama.hosts`): every command shows every host. */
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startOllama, type OllamaEmulatorHandle } from "@lfai/testkit"
import { lfai } from "./run.ts"

const MISTRAL = "mistral:7b-instruct-q4_K_M"
const ANSWER = "```mermaid\nerDiagram\n  BOOK }o--|| AUTHOR : written_by\n  BOOK {\n    int id PK\n    int author_id FK\n  }\n  AUTHOR {\n    int id PK\n  }\n```"

describe("lfai over two Ollama hosts", () => {
  const dir = mkdtempSync(join(tmpdir(), "lfai-hosts-"))
  const config = join(dir, "lfai.config.yaml")
  let a: OllamaEmulatorHandle
  let b: OllamaEmulatorHandle
  // no OLLAMA_HOST: with ollama.hosts it would be a configuration error
  const env = { OLLAMA_HOST: "" }
  beforeAll(async () => {
    const scenario = { gpu_gb: 24, models: { [MISTRAL]: { replies: [ANSWER] } } }
    a = await startOllama({ scenario })
    b = await startOllama({ scenario })
    writeFileSync(config, `ollama:\n  persistent_models: []\n  hosts:\n    - url: ${a.url}\n    - url: ${b.url}\n      vram_limit_gb: 16\n`)
  })
  afterAll(async () => {
    await a.close()
    await b.close()
  })

  // each `lfai` run starts a process: a few seconds apiece on a busy machine
  const SLOW = 150_000

  it("generate runs on the host with the most room; models status shows both hosts, in text and JSON", async () => {
    // the second host has more budget: the model loads there
    const generated = await lfai(["generate", "erd", "--prompt", "books and authors", "--config", config], { env })
    expect(generated.code, generated.stderr).toBe(0)
    expect(b.state().loaded.map((m) => m.name)).toEqual([MISTRAL])
    expect(a.state().loaded).toEqual([])

    const status = await lfai(["models", "status", "--config", config], { env })
    expect(status.code, status.stderr).toBe(0)
    const lines = status.stdout.trimEnd().split("\n")
    expect(lines[0]).toMatch(/^MODEL +HOST +PRESENT +LOADED +VRAM$/)
    expect(lines.filter((line) => line.startsWith(MISTRAL))).toEqual([
      expect.stringMatching(new RegExp(`^${MISTRAL} +${a.url} +yes +no +-$`)),
      expect.stringMatching(new RegExp(`^${MISTRAL} +${b.url} +yes +yes +5\\.38 GiB$`))
    ])
    const statusJson = JSON.parse((await lfai(["models", "status", "--json", "--config", config], { env })).stdout)
    expect(statusJson.models.find((m: { name: string }) => m.name === MISTRAL).hosts).toEqual([
      { url: a.url, up: true, present: true, loaded: false, sizeVramGb: 0 },
      { url: b.url, up: true, present: true, loaded: true, sizeVramGb: 5.38 }
    ])
  }, SLOW)

  it("vram keeps the totals and shows each host, in JSON and text", async () => {
    // a new process finds mistral loaded on the second host and books it there (adopted)
    const vram = JSON.parse((await lfai(["vram", "--json", "--config", config], { env })).stdout)
    expect(vram).toMatchObject({ usedGb: 5.38, totalGb: 28, ollama: "reachable", activeModels: [MISTRAL] })
    expect(vram.hosts.map((host: { url: string; up: boolean; totalGb: number; activeModels: string[] }) => [host.url, host.up, host.totalGb, host.activeModels])).toEqual([
      [a.url, true, 12, []],
      [b.url, true, 16, [MISTRAL]]
    ])
    const text = (await lfai(["vram", "--config", config], { env })).stdout
    expect(text).toMatch(/^VRAM: 5\.38 GiB \/ 28\.00 GiB \(19\.2%\), Ollama reachable$/m)
    expect(text).toContain(`  ${a.url}: 0.00 GiB / 12.00 GiB (0.0%), up`)
    expect(text).toContain(`  ${b.url}: 5.38 GiB / 16.00 GiB (33.6%), up`)
    // idle since the first test's generation ended: this process tells it from the server's expiry
    const [mistral] = vram.hosts[1].models
    expect(mistral).toMatchObject({ name: MISTRAL, residency: "on-demand", leases: 0, idleSeconds: expect.any(Number) })
    expect(Number.isInteger(mistral.idleSeconds) && mistral.idleSeconds >= 0 && mistral.idleSeconds < 300).toBe(true)
    expect(text).toMatch(new RegExp(`^ +${MISTRAL} +5\\.38 GiB +on-demand, idle \\d+ (s|min)$`, "m"))
  }, SLOW)

  it("a host that goes down says so in vram, models status and doctor; the other goes on", async () => {
    await a.close()
    const down = JSON.parse((await lfai(["vram", "--json", "--config", config], { env })).stdout)
    expect(down.hosts.map((host: { up: boolean }) => host.up)).toEqual([false, true])
    expect(down.ollama).toBe("reachable")
    const downText = (await lfai(["models", "status", "--config", config], { env })).stdout
    expect(downText).toMatch(new RegExp(`^${MISTRAL} +${a.url} +down +- +-$`, "m"))
    const doctor = JSON.parse((await lfai(["doctor", "--json", "--config", config], { env })).stdout)
    expect(doctor.checks.filter((check: { name: string }) => check.name.startsWith("ollama"))).toEqual([
      expect.objectContaining({ name: `ollama ${a.url}`, ok: false, fix: expect.stringContaining("ollama.hosts") }),
      expect.objectContaining({ name: `ollama ${b.url}`, ok: true })
    ])
  }, SLOW)

  it("ollama.hosts with OLLAMA_HOST set is a configuration error that says so (exit 2)", async () => {
    const run = await lfai(["vram", "--config", config], { env: { OLLAMA_HOST: "127.0.0.1:11434" } })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("OLLAMA_HOST")
    expect(run.stderr).toContain("ollama.hosts")
  })
})
