/**
 * MCP over stdio through the SDK's own client and transport, spawning a process that serves with
 * `serveStdio` (the same as `lfai mcp`, whose own test runs the binary): cancellation.
 */
import { fileURLToPath } from "node:url"
import { Client } from "@modelcontextprotocol/sdk/client/index.js"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js"
import { describe, expect, it } from "vitest"
import { waitFor } from "./fixtures.ts"

const PROCESS = fileURLToPath(new URL("./support/mcp-stdio-process.ts", import.meta.url))

describe("MCP over stdio", () => {
  it("a call the client cancels is aborted: its lease comes back while the session goes on", async () => {
    // The SDK passes the child only a few environment variables (HOME, PATH…), not NODE_OPTIONS:
    // without the condition given here, `@lfai/*` would resolve to dist/ — absent in a fresh clone,
    // half-written while the pack test builds it, stale otherwise — and the child die at startup.
    const transport = new StdioClientTransport({ command: process.execPath, args: ["--conditions=@lfai/source", PROCESS], stderr: "pipe" })
    let stderr = ""
    transport.stderr?.on("data", (chunk) => (stderr += String(chunk)))
    const client = new Client({ name: "lfai-stdio-test", version: "0.0.0" })
    try {
      await client.connect(transport)
      await cancelledCall(client, () => stderr)
    } catch (error) {
      // what the process said is the only clue to why a session ended early
      throw new Error(`${String(error)}\n--- the process's stderr\n${stderr}`)
    } finally {
      await client.close()
    }
    // Closing the client closes the process's stdin: it ends the session and exits.
    await waitFor(() => stderr.includes("exit held"), "the process's last line")
    expect(stderr).toMatch(/exit held 0 acquired 1 released 1/)
  })
})

/** A generation the client aborts while it holds its lease; then the session still answers. */
const cancelledCall = async (client: Client, stderr: () => string) => {
  const controller = new AbortController()
  const pending = client.callTool({ name: "generate_artifact", arguments: { artifact: "note", prompt: "a note" } }, undefined, { signal: controller.signal })
  await waitFor(() => stderr().includes("held 1"), "the call's lease")
  controller.abort()
  await expect(pending).rejects.toThrow()
  await waitFor(() => stderr().includes("held 0"), "the lease back after the cancellation")
  const listed: any = await client.callTool({ name: "list_artifacts", arguments: {} })
  expect(listed.structuredContent.artifacts.map((plugin: any) => plugin.id)).toEqual(["note", "snippet"])
}
