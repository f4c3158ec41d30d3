/**
 * The standard stack (`@lfai/stack`: the real plugins, the Ollama client and VRAM budget) over the
 * testkit's Ollama emulator answering with the bench's ERD: what the protocol tests run against.
 */
import { afterAll, beforeAll } from "vitest"
import { layer as stackLayer } from "@lfai/stack"
import { startOllama, type OllamaEmulatorHandle } from "@lfai/testkit"
import { ERD as FENCED_ERD, MISTRAL } from "../../bench/erd.ts"

export { MISTRAL }

/** The artifact inside the emulator's fenced reply: what a generation's content must be. */
export const ERD = FENCED_ERD.split("\n").slice(1, -1).join("\n")

/**
 * For the describe block: the emulator, started before its tests and stopped after them, and the
 * stack over it (nothing persistent, no cloud) — a fresh layer per server.
 */
export const emulated = () => {
  let ollama: OllamaEmulatorHandle | undefined
  beforeAll(async () => {
    ollama = await startOllama({ scenario: { gpu_gb: 24, models: { [MISTRAL]: { replies: [`Here is the diagram:\n${FENCED_ERD}`] } } } })
  })
  afterAll(async () => {
    await ollama?.close()
  })
  const emulator = () => {
    if (ollama === undefined) throw new Error("the emulator is started in beforeAll")
    return ollama
  }
  const layer = () =>
    stackLayer({ env: { OLLAMA_HOST: emulator().url }, implicitFile: false, overrides: { ollama: { persistent_models: [] }, validation: { enable_cloud_fallback: false } } })
  return { emulator, layer }
}

/** Leases held now, over every model of a `/v1/vram` report. */
export const leasesIn = (vram: { readonly models: ReadonlyArray<{ readonly leases: number }> }): number =>
  vram.models.reduce((sum, model) => sum + model.leases, 0)
