/**
 * What the stack leaves on the GPU: it pre-warms only persistent models a registered plugin routes
 * to, and hands what it pinned back to a finite keep-alive on `dispose()` — also after a
 * background pre-warm (`prewarm: true`, as `lfai serve` runs it).
 */
import { afterEach, describe, expect, it } from "vitest"
import { wordArtifact } from "@lfai/core/testing"
import { startOllama, type OllamaEmulatorHandle } from "@lfai/testkit"
import { builtinPlugins, createLfai } from "@lfai/stack"

const LLAMA3 = "llama3:8b-instruct-q4_K_M"
const CODELLAMA = "codellama:7b-instruct-q4_K_M"
const probe = wordArtifact({ id: "probe", model: LLAMA3 })

const emulators: OllamaEmulatorHandle[] = []
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()))
})
const emulator = async () => {
  const started = await startOllama({ scenario: { gpu_gb: 24 } })
  emulators.push(started)
  return started
}
/** Milliseconds until each loaded model expires. */
const expiries = (ollama: OllamaEmulatorHandle) => Object.fromEntries(ollama.state().loaded.map((m) => [m.name, Date.parse(m.expiresAt) - Date.now()]))
const YEAR_MS = 365 * 24 * 3600 * 1000

describe("residency", () => {
  it("warm() loads the persistent models the plugins use, pinned while lfai runs; dispose() hands them back to idle_unload_s", async () => {
    const ollama = await emulator()
    // the defaults: persistent codellama and llama3; only llama3 is routed to (by the probe)
    const lfai = await createLfai({ env: { OLLAMA_HOST: ollama.url }, implicitFile: false, plugins: [probe] })
    expect(await lfai.models.warm()).toEqual([LLAMA3])
    expect(Object.keys(expiries(ollama))).toEqual([LLAMA3])
    expect(expiries(ollama)[LLAMA3]).toBeGreaterThan(100 * YEAR_MS)
    await lfai.dispose()
    expect(expiries(ollama)[LLAMA3]).toBeLessThanOrEqual(300_000)
    expect(expiries(ollama)[LLAMA3]).toBeGreaterThan(200_000)
    expect(ollama.state().loaded.map((m) => m.name)).not.toContain(CODELLAMA)
  })

  it("a background pre-warm (prewarm: true) is handed back too", async () => {
    const ollama = await emulator()
    const lfai = await createLfai({ env: { OLLAMA_HOST: ollama.url }, implicitFile: false, plugins: [probe], prewarm: true, overrides: { ollama: { idle_unload_s: 60 } } })
    for (let i = 0; i < 1500 && ollama.state().loaded.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(Object.keys(expiries(ollama))).toEqual([LLAMA3])
    await lfai.dispose()
    expect(expiries(ollama)[LLAMA3]).toBeLessThanOrEqual(60_000)
  })
})

describe("stats", () => {
  it("list every registered artifact from the start, as /v1/stats does", async () => {
    const ollama = await emulator()
    const lfai = await createLfai({ env: { OLLAMA_HOST: ollama.url }, implicitFile: false })
    try {
      const ids = builtinPlugins.map((plugin) => plugin.id).sort()
      const before = await lfai.stats()
      expect(Object.keys(before).sort()).toEqual(ids)
      expect(before.erd).toMatchObject({ total_requests: 0, local_share: null, score: null })
    } finally {
      await lfai.dispose()
    }
  })
})
