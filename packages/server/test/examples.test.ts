/** The README's runnable examples run as written, against a server over the Ollama emulator. */
import { execFile } from "node:child_process"
import { tmpdir } from "node:os"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { layer as stackLayer } from "@lfai/stack"
import { startOllama, type OllamaEmulatorHandle } from "@lfai/testkit"
import { start, type StartedServer } from "../src/index.ts"
import { ERD as FENCED_ERD, MISTRAL } from "../bench/erd.ts"

const ERD = FENCED_ERD.split("\n").slice(1, -1).join("\n")
const run = promisify(execFile)
const example = (name: string) => fileURLToPath(new URL(`../examples/${name}`, import.meta.url))

/** A user's shell: nothing lfai, Ollama or Gemini would read from ours. */
const cleanEnv = (extra: Record<string, string>) => {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(GEMINI_|GOOGLE_|LFAI_|OLLAMA_)/.test(name)) env[name] = value
  }
  return { ...env, ...extra }
}

describe("examples/", () => {
  let ollama: OllamaEmulatorHandle
  let server: StartedServer
  const TOKEN = "example-token"
  beforeAll(async () => {
    ollama = await startOllama({ scenario: { gpu_gb: 24, models: { [MISTRAL]: { replies: [FENCED_ERD] } } } })
    server = await start({
      layer: stackLayer({ env: { OLLAMA_HOST: ollama.url }, implicitFile: false, overrides: { ollama: { persistent_models: [] }, validation: { enable_cloud_fallback: false } } }),
      token: TOKEN
    })
  })
  afterAll(async () => {
    await server?.close()
    await ollama?.close()
  })
  const runExample = (name: string) =>
    run(process.execPath, [example(name), "an online shop: customers, orders, line items"], {
      cwd: tmpdir(),
      env: cleanEnv({ LFAI_URL: server.url, LFAI_TOKEN: TOKEN })
    })

  it("service.ts: fetch, the result and a re-validation", async () => {
    const { stdout, stderr } = await runExample("service.ts")
    expect(stdout.trim()).toBe(ERD)
    expect(stderr).toMatch(/^passed: score \d+ from ollama mistral/)
    expect(stderr).toContain("re-validated")
  }, 60_000)

  it("openai.ts: the models, then the artifact streamed through OpenAI's client, with lfai's verdict", async () => {
    const { stdout, stderr } = await runExample("openai.ts")
    expect(stdout.trim()).toBe(ERD)
    expect(stderr).toContain("models: lfai/erd")
    expect(stderr).toMatch(/passed: score \d+ from ollama mistral/)
  }, 60_000)

  it("mcp.ts: the tools, a generation with its progress, a validation, through the MCP SDK's client", async () => {
    const { stdout, stderr } = await runExample("mcp.ts")
    expect(stdout.trim()).toBe(ERD)
    expect(stderr).toContain("tools: list_artifacts, generate_artifact, validate_artifact")
    expect(stderr).toContain("… routing erd to mistral")
    expect(stderr).toMatch(/validated: passed, score \d+/)
  }, 60_000)
})
