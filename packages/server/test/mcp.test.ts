/**
 * MCP over Streamable HTTP at /mcp, through the MCP SDK's own `Client`, against the server over the
 * standard stack (the real `erd` plugin, the Ollama client and VRAM budget) and the testkit's Ollama
 * emulator. (Over stdio, `lfai mcp`: the CLI's tests.)
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js"
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js"
import { describe, expect, it } from "vitest"
import { start } from "../src/index.ts"
import { call, gatedServices, waitFor, withServer } from "./fixtures.ts"
import { emulated, ERD, leasesIn, MISTRAL } from "./support/stack.ts"

const BROKEN_ERD = "erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  CUSTOMER {\n    string id PK\n"
const TOKEN = "mcp-s3cret"

const connect = async (url: string, token: string | null = TOKEN) => {
  const client = new Client({ name: "lfai-test", version: "0.0.0" })
  const errors: Array<Error> = []
  client.onerror = (error) => void errors.push(error)
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${url}/mcp`), token ? { requestInit: { headers: { authorization: `Bearer ${token}` } } } : {})
  )
  return { client, errors }
}

const textOf = (result: any): string => result.content.map((part: any) => part.text).join("\n")

describe("MCP over Streamable HTTP: the SDK's Client against /mcp", () => {
  const { emulator, layer } = emulated()

  it("lists the tools with schemas from the API's definitions, validates a good and a broken ERD, generates one with progress, and names a bad argument", async () => {
    await withServer({ layer: layer(), token: TOKEN }, async ({ url }) => {
      const { client, errors } = await connect(url)
      try {
        expect(client.getServerVersion()).toMatchObject({ name: "lfai" })
        const { tools } = await client.listTools()
        expect(tools.map((tool) => tool.name).sort()).toEqual(["generate_artifact", "list_artifacts", "validate_artifact"])
        const generate = tools.find((tool) => tool.name === "generate_artifact")!
        expect(generate.inputSchema).toMatchObject({
          type: "object",
          required: ["artifact", "prompt"],
          additionalProperties: false,
          properties: {
            artifact: { type: "string", enum: expect.arrayContaining(["erd", "sequence"]) },
            prompt: { type: "string", description: expect.any(String) },
            system: { type: "string" },
            temperature: { type: "number" },
            language: { type: "string" },
            kind: { type: "string" },
            format: { type: "string" }
          }
        })
        expect(generate.outputSchema).toMatchObject({
          type: "object",
          required: expect.arrayContaining(["content", "passed", "score", "issues", "attempts"]),
          properties: { score: { type: "number" }, passed: { type: "boolean" } }
        })
        const validate = tools.find((tool) => tool.name === "validate_artifact")!
        expect(validate.inputSchema.required).toEqual(["artifact", "content"])

        const listed: any = await client.callTool({ name: "list_artifacts", arguments: {} })
        expect(listed.structuredContent.artifacts.map((plugin: any) => plugin.id)).toContain("erd")

        const good: any = await client.callTool({ name: "validate_artifact", arguments: { artifact: "erd", content: ERD } })
        expect(good.isError).toBeFalsy()
        expect(good.structuredContent).toMatchObject({ artifact: "erd", passed: true, threshold: 70 })
        expect(JSON.parse(good.content[0].text)).toEqual(good.structuredContent)

        const broken: any = await client.callTool({ name: "validate_artifact", arguments: { artifact: "erd", content: BROKEN_ERD } })
        expect(broken.isError).toBeFalsy()
        expect(broken.structuredContent.passed).toBe(false)
        expect(broken.structuredContent.issues.some((issue: any) => issue.severity === "error")).toBe(true)

        const progress: Array<string> = []
        const generated: any = await client.callTool(
          { name: "generate_artifact", arguments: { artifact: "erd", prompt: "an online shop: customers, orders, line items", temperature: 0.1 } },
          undefined,
          { onprogress: (notification) => void progress.push(notification.message ?? "") }
        )
        expect(generated.isError).toBeFalsy()
        expect(generated.structuredContent).toMatchObject({ artifact: "erd", provider: "ollama", model: MISTRAL, passed: true, content: ERD })
        expect(progress[0]).toMatch(/^routing erd to mistral/)
        expect(progress).toEqual(expect.arrayContaining([expect.stringMatching(/^generate with ollama mistral/), expect.stringMatching(/score \d+, passed$/)]))

        const hot: any = await client.callTool({ name: "generate_artifact", arguments: { artifact: "erd", prompt: "a shop", temperature: 5 } })
        expect(hot.isError).toBe(true)
        expect(textOf(hot)).toMatch(/"temperature".*0.*2/)
        const unknown: any = await client.callTool({ name: "generate_artifact", arguments: { artifact: "gantt", prompt: "a plan" } })
        expect(unknown.isError).toBe(true)
        expect(textOf(unknown)).toContain('"artifact"')
        const extra: any = await client.callTool({ name: "validate_artifact", arguments: { artifact: "erd", content: ERD, colour: "red" } })
        expect(extra.isError).toBe(true)
        expect(textOf(extra)).toContain("colour")
        const missing: any = await client.callTool({ name: "validate_artifact", arguments: { artifact: "erd" } })
        expect(missing.isError).toBe(true)
        expect(textOf(missing)).toContain('"content"')
        const param: any = await client.callTool({ name: "validate_artifact", arguments: { artifact: "erd", content: ERD, language: "csharp" } })
        expect(param.isError).toBe(true)
        expect(textOf(param)).toContain("language")
        const blank: any = await client.callTool({ name: "generate_artifact", arguments: { artifact: "erd", prompt: "  " } })
        expect(blank.isError).toBe(true)
        expect(textOf(blank)).toContain("empty")
        expect(errors).toEqual([])
      } finally {
        await client.close()
      }

      // The same token as the rest of the API.
      await expect(connect(url, null)).rejects.toMatchObject({ code: 401, message: expect.stringContaining("bearer token") })
      await expect(connect(url, "wrong")).rejects.toMatchObject({ code: 401 })
      const get = await call(`${url}/mcp`, { headers: { authorization: `Bearer ${TOKEN}` } })
      expect(get.status).toBe(405)
    })
  })

  it("refuses a web page's origin when the server has no token (DNS rebinding), and takes local ones", async () => {
    await withServer({ layer: layer() }, async ({ url }) => {
      const initialize = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "page", version: "0" } } }
      const post = (origin: string) =>
        call(`${url}/mcp`, { json: initialize, headers: { origin, accept: "application/json, text/event-stream" } })
      const page = await post("http://attacker.example:8787")
      expect(page.status).toBe(403)
      expect(page.body.error.code).toBe("forbidden_origin")
      expect((await post("http://localhost:5173")).status).toBe(200)
      expect((await post("http://127.0.0.1:6274")).status).toBe(200)
    })
  })

  it("returns the VRAM lease when the client goes away mid-generation", async () => {
    await withServer({ layer: layer() }, async ({ url }) => {
      const { client } = await connect(url, null)
      emulator().injectFaults([{ model: MISTRAL, on: "generate", kind: "hang", times: 1 }])
      const pending = client.callTool({ name: "generate_artifact", arguments: { artifact: "erd", prompt: "a library" } }).catch((error: unknown) => error)
      await waitFor(async () => leasesIn((await call(`${url}/v1/vram`)).body) > 0, "the call's lease in /v1/vram")
      await client.close()
      expect(await pending).toBeInstanceOf(Error)
      await waitFor(async () => leasesIn((await call(`${url}/v1/vram`)).body) === 0, "the lease back after the client left")
    })
  })

  it("answers a call still running at shutdown with a tool error, and returns its lease", async () => {
    const { layer, models } = gatedServices()
    const server = await start({ layer, shutdownTimeout: 100 })
    const { client } = await connect(server.url, null)
    try {
      const pending = client.callTool({ name: "generate_artifact", arguments: { artifact: "note", prompt: "a note" } })
      await waitFor(() => models.held() > 0, "the call's lease")
      await server.close()
      const answered: any = await pending
      expect(answered.isError).toBe(true)
      expect(textOf(answered)).toContain("shutting down")
      expect(models.held()).toBe(0)
      expect(models.totals.acquired).toBe(models.totals.released)
    } finally {
      await client.close()
    }
  })
})
