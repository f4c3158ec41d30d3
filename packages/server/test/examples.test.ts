/** The README's runnable examples run as written, against a server over the Ollama emulator. */
import { execFile } from "node:child_process"
import { tmpdir } from "node:os"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { start, type StartedServer } from "../src/index.ts"
import { emulated, ERD } from "./support/stack.ts"

const run = promisify(execFile)
const example = (name: string) => fileURLToPath(new URL(`../examples/${name}`, import.meta.url))

describe("examples/", () => {
  const { layer } = emulated()
  let server: StartedServer
  const TOKEN = "example-token"
  beforeAll(async () => {
    server = await start({ layer: layer(), token: TOKEN })
  })
  afterAll(async () => {
    await server?.close()
  })
  const runExample = (name: string) =>
    run(process.execPath, [example(name), "an online shop: customers, orders, line items"], {
      cwd: tmpdir(),
      // A user's shell, with nothing of ours that lfai, Ollama or OpenAI's client would read.
      env: { LFAI_URL: server.url, LFAI_TOKEN: TOKEN }
    })

  it("service.ts: fetch, the result and a re-validation", async () => {
    const { stdout, stderr } = await runExample("service.ts")
    expect(stdout.trim()).toBe(ERD)
    expect(stderr).toMatch(/^passed: score \d+ from ollama mistral/)
    expect(stderr).toContain("re-validated")
  })

  it("openai.ts: the models, then the artifact streamed through OpenAI's client, with lfai's verdict", async () => {
    const { stdout, stderr } = await runExample("openai.ts")
    expect(stdout.trim()).toBe(ERD)
    expect(stderr).toContain("models: lfai/erd")
    expect(stderr).toMatch(/passed: score \d+ from ollama mistral/)
  })

  it("mcp.ts: the tools, a generation with its progress, a validation, through the MCP SDK's client", async () => {
    const { stdout, stderr } = await runExample("mcp.ts")
    expect(stdout.trim()).toBe(ERD)
    expect(stderr).toContain("tools: list_artifacts, generate_artifact, validate_artifact")
    expect(stderr).toContain("… routing erd to mistral")
    expect(stderr).toMatch(/validated: passed, score \d+/)
  })
})
