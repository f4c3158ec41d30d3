/**
 * The ecosystem's protocols through the real `lfai` binary and the ecosystem's own clients: the
 * `openai` package against `lfai serve`, the MCP SDK's `Client` spawning `lfai mcp` over stdio and
 * talking to `lfai serve` at /mcp — over the testkit's Ollama emulator.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { Client } from "@modelcontextprotocol/sdk/client/index.js"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js"
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js"
import OpenAI from "openai"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { builtinPlugins } from "@lfai/stack"
import { startOllama, type OllamaEmulatorHandle } from "@lfai/testkit"
import { BIN, cleanEnv, lfai } from "./run.ts"

const MISTRAL = "mistral:7b-instruct-q4_K_M"
const PROMPT = "a library: members, books, loans"
const ERD = [
  "erDiagram",
  "  MEMBER ||--o{ LOAN : borrows",
  "  BOOK ||--o{ LOAN : \"is lent in\"",
  "  MEMBER {",
  "    string id PK",
  "    string name",
  "  }",
  "  BOOK {",
  "    string isbn PK",
  "    string title",
  "  }",
  "  LOAN {",
  "    string member_id FK",
  "    string isbn FK",
  "    date due",
  "  }"
].join("\n")
const BROKEN_ERD = "erDiagram\n  MEMBER ||--o{ LOAN :\n  MEMBER {\n"
const TOKEN = "protocols-s3cret"

const leasesIn = (vram: any): number => vram.models.reduce((sum: number, model: any) => sum + model.leases, 0)

/** Polls until the condition holds (a state to reach, not a duration); fails after `timeoutMs`. */
const waitFor = async (condition: () => Promise<boolean>, what: string, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const textOf = (result: any): string => result.content.map((part: any) => part.text).join("\n")

describe("the ecosystem's protocols through the lfai binary", () => {
  let ollama: OllamaEmulatorHandle
  const env = () => ({ OLLAMA_HOST: ollama.url, LFAI_TOKEN: TOKEN })
  let serve: ChildProcess
  let url: string
  const vram = async () => (await fetch(`${url}/v1/vram`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()

  beforeAll(async () => {
    ollama = await startOllama({ scenario: { gpu_gb: 24, models: { [MISTRAL]: { replies: [`Here is the diagram:\n\`\`\`mermaid\n${ERD}\n\`\`\``] } } } })
    serve = spawn(process.execPath, [BIN, "serve", "--port", "0"], { env: cleanEnv(env()), stdio: ["ignore", "pipe", "pipe"] })
    url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: serve.stdout! }).once("line", resolve)
      serve.once("exit", (code) => reject(new Error(`serve exited with ${code}`)))
    })
  })
  afterAll(async () => {
    if (serve && serve.exitCode === null) {
      const exited = new Promise((resolve) => serve.once("exit", resolve))
      serve.kill("SIGTERM")
      await exited
    }
    await ollama?.close()
  })

  it("lfai serve speaks OpenAI: models, a completion that is the ERD, the same streamed, a 404 naming the models, a hang-up that returns its lease", async () => {
    const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: TOKEN, maxRetries: 0, timeout: 30_000 })
    const models = await openai.models.list()
    // every artifact of the one plugin list is a model, the diagrams and the others alike
    expect(models.data.map((model) => model.id)).toEqual(builtinPlugins.map((plugin) => `lfai/${plugin.id}`))

    const completion = await openai.chat.completions.create({ model: "lfai/erd", messages: [{ role: "user", content: PROMPT }] })
    expect(completion.choices[0].message.content).toBe(ERD)
    expect(completion.model).toBe(MISTRAL)
    expect((completion as any).lfai).toMatchObject({ passed: true, provider: "ollama" })

    const stream = await openai.chat.completions.create({ model: "lfai/erd", messages: [{ role: "user", content: PROMPT }], stream: true })
    let content = ""
    for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? ""
    expect(content).toBe(ERD)

    const unknown = openai.chat.completions.create({ model: "lfai/gantt", messages: [{ role: "user", content: "a plan" }] })
    await expect(unknown).rejects.toBeInstanceOf(OpenAI.NotFoundError)
    await expect(unknown).rejects.toMatchObject({ status: 404, code: "model_not_found", message: expect.stringContaining("lfai/erd") })

    const stranger = new OpenAI({ baseURL: `${url}/v1`, apiKey: "nope", maxRetries: 0 }).models.list()
    await expect(stranger).rejects.toBeInstanceOf(OpenAI.AuthenticationError)

    ollama.injectFaults([{ model: MISTRAL, on: "generate", kind: "hang", times: 1 }])
    const controller = new AbortController()
    const hanging = await openai.chat.completions.create(
      { model: "lfai/erd", messages: [{ role: "user", content: PROMPT }], stream: true },
      { signal: controller.signal }
    )
    const first = await hanging[Symbol.asyncIterator]().next()
    expect(first.value.choices[0].delta.role).toBe("assistant")
    await waitFor(async () => leasesIn(await vram()) > 0, "the stream's lease in /v1/vram")
    controller.abort()
    await waitFor(async () => leasesIn(await vram()) === 0, "the lease back in /v1/vram")
  })

  it("lfai serve speaks MCP at /mcp behind its token", async () => {
    const client = new Client({ name: "lfai-cli-test", version: "0.0.0" })
    await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } }))
    try {
      const validated: any = await client.callTool({ name: "validate_artifact", arguments: { artifact: "erd", content: ERD } })
      expect(validated.structuredContent).toMatchObject({ artifact: "erd", passed: true })
    } finally {
      await client.close()
    }
    const anonymous = new Client({ name: "anonymous", version: "0.0.0" })
    await expect(anonymous.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)))).rejects.toMatchObject({ code: 401 })
  })

  it("lfai mcp serves MCP over stdio: tools, a good and a broken ERD, a generation with progress, a bad argument; nothing but MCP on stdout", async () => {
    const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, "mcp"], env: cleanEnv(env()) as Record<string, string>, stderr: "pipe" })
    let stderr = ""
    transport.stderr?.on("data", (chunk) => (stderr += String(chunk)))
    const client = new Client({ name: "lfai-stdio-test", version: "0.0.0" })
    const errors: Array<Error> = []
    client.onerror = (error) => void errors.push(error)
    await client.connect(transport)
    try {
      const { tools } = await client.listTools()
      expect(tools.map((tool) => tool.name).sort()).toEqual(["generate_artifact", "list_artifacts", "validate_artifact"])
      const listed: any = await client.callTool({ name: "list_artifacts", arguments: {} })
      expect(listed.structuredContent.artifacts.map((plugin: any) => plugin.id)).toEqual(builtinPlugins.map((plugin) => plugin.id))
      expect(listed.structuredContent.artifacts.find((plugin: any) => plugin.id === "code").params).toEqual({ language: ["typescript", "csharp"] })

      const good: any = await client.callTool({ name: "validate_artifact", arguments: { artifact: "erd", content: ERD } })
      expect(good.structuredContent).toMatchObject({ artifact: "erd", passed: true, threshold: 70 })
      const broken: any = await client.callTool({ name: "validate_artifact", arguments: { artifact: "erd", content: BROKEN_ERD } })
      expect(broken.structuredContent.passed).toBe(false)
      expect(broken.structuredContent.issues.length).toBeGreaterThan(0)

      const progress: Array<string> = []
      const generated: any = await client.callTool({ name: "generate_artifact", arguments: { artifact: "erd", prompt: PROMPT } }, undefined, {
        onprogress: (notification) => void progress.push(notification.message ?? "")
      })
      expect(generated.structuredContent).toMatchObject({ passed: true, content: ERD, provider: "ollama", model: MISTRAL })
      expect(JSON.parse(generated.content[0].text)).toEqual(generated.structuredContent)
      expect(progress.length).toBeGreaterThanOrEqual(3)
      expect(progress[0]).toContain("routing erd")

      const bad: any = await client.callTool({ name: "generate_artifact", arguments: { artifact: "erd", prompt: 42 } })
      expect(bad.isError).toBe(true)
      expect(textOf(bad)).toContain('"prompt"')
      // A stray line on stdout would have been an error of the client's transport. The SDK's client
      // handles notifications a microtask late: when the last progress and the result arrive in one
      // read, it has already forgotten the token and reports that progress as unknown — its race, not a
      // stray line (the notification is well-formed and came before the result).
      const late = /^Received a progress notification for an unknown token: (\{.*\})$/
      const stray = errors.filter((error) => {
        const match = late.exec(error.message)
        return match === null || JSON.parse(match[1]).method !== "notifications/progress"
      })
      expect(stray).toEqual([])
    } finally {
      await client.close()
    }
    expect(stderr).toContain("lfai mcp: serving MCP")
  })

  it("lfai mcp exits 0 when its client closes stdin, and reports a broken config on stderr with exit 2", async () => {
    const child = spawn(process.execPath, [BIN, "mcp"], { env: cleanEnv(env()), stdio: ["pipe", "pipe", "pipe"] })
    let stdout = ""
    child.stdout.setEncoding("utf8").on("data", (chunk) => (stdout += chunk))
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve))
    child.stdin.end(`${JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" })}\n`)
    expect(await exited).toBe(0)
    expect(JSON.parse(stdout.trim())).toMatchObject({ jsonrpc: "2.0", id: 1, result: { tools: expect.any(Array) } })

    const dir = mkdtempSync(join(tmpdir(), "lfai-mcp-"))
    const config = join(dir, "lfai.config.yaml")
    writeFileSync(config, "ollama:\n  vram_limit_gb: lots\n")
    const broken = await lfai(["mcp", "--config", config], { env: env() })
    expect(broken.code).toBe(2)
    expect(broken.stdout).toBe("")
    expect(broken.stderr).toContain("invalid config at ollama.vram_limit_gb")

    const help = await lfai(["mcp", "--help"])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain("DESCRIPTION")
    expect(help.stdout).toContain("EXAMPLES")
  })
})
