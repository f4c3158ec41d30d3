/**
 * lfai's MCP tools through the MCP SDK's own client, over Streamable HTTP.
 *
 *   npx lfai serve --port 8787 &
 *   LFAI_URL=http://127.0.0.1:8787 node packages/server/examples/mcp.ts "a library: books, members, loans"
 *
 * Over stdio instead, the client starts `lfai mcp` itself:
 *   new StdioClientTransport({ command: "npx", args: ["lfai", "mcp"] })
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js"
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js"

const token = process.env.LFAI_TOKEN
const client = new Client({ name: "lfai-example", version: "1.0.0" })
await client.connect(
  new StreamableHTTPClientTransport(new URL(`${process.env.LFAI_URL ?? "http://127.0.0.1:8787"}/mcp`), {
    ...(token ? { requestInit: { headers: { authorization: `Bearer ${token}` } } } : {})
  })
)
try {
  const { tools } = await client.listTools()
  console.error(`tools: ${tools.map((tool) => tool.name).join(", ")}`)

  const generated = await client.callTool(
    { name: "generate_artifact", arguments: { artifact: "erd", prompt: process.argv[2] ?? "a library: books, members, loans" } },
    undefined,
    { onprogress: (progress) => console.error(`… ${progress.message}`) }
  )
  const result = generated.structuredContent as { content: string; passed: boolean; score: number } | undefined
  if (generated.isError || !result) throw new Error(JSON.stringify(generated.content))
  console.log(result.content)

  const checked = await client.callTool({ name: "validate_artifact", arguments: { artifact: "erd", content: result.content } })
  const verdict = checked.structuredContent as { passed: boolean; score: number }
  console.error(`validated: ${verdict.passed ? "passed" : "did not pass"}, score ${verdict.score}`)
  process.exitCode = result.passed ? 0 : 1
} finally {
  await client.close()
}
