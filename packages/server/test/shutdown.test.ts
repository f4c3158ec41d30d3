/**
 * Graceful shutdown: stop accepting, let in-flight requests finish within the grace period,
 * cancel the rest with a 503, and return every VRAM lease — in-process and in a real process
 * stopped with SIGTERM.
 */
import { spawn } from "node:child_process"
import { createInterface } from "node:readline"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { start } from "../src/index.ts"
import { call, gatedServices, waitFor } from "./fixtures.ts"

const refused = (url: string) =>
  fetch(`${url}/healthz`).then(
    () => false,
    () => true
  )

describe("graceful shutdown (in-process)", () => {
  it("in-flight requests finish, new connections are refused, every lease comes back", async () => {
    const { layer, models } = gatedServices()
    const server = await start({ layer, shutdownTimeout: 60_000 })
    const before = await call(`${server.url}/v1/vram`)
    expect(before.body).toMatchObject({ usedGb: 0, activeModels: [] })

    const inFlight = Array.from({ length: 3 }, (_, index) => call(`${server.url}/v1/artifacts/note`, { json: { prompt: `in flight ${index}` } }))
    await waitFor(() => models.totals.calls === 3, "three requests in the model")
    const during = await call(`${server.url}/v1/vram`)
    expect(during.body.models).toEqual([{ name: "mistral:7b-instruct-q4_K_M", sizeVramGb: 4, residency: "on-demand", leases: 3, idleSeconds: null, host: "memory://gated" }])

    const closing = server.close()
    await waitFor(() => refused(server.url), "the listener to close")
    expect(models.held()).toBe(3)

    models.release()
    const replies = await Promise.all(inFlight)
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200])
    expect(replies.every((reply) => reply.body.passed === true)).toBe(true)
    await closing
    expect(models.held()).toBe(0)
    expect(models.totals).toMatchObject({ acquired: 3, released: 3 })
  })

  it("past the grace period in-flight requests are cancelled with 503 and their leases returned", async () => {
    const { layer, models } = gatedServices()
    const server = await start({ layer, shutdownTimeout: 50 })
    const inFlight = Array.from({ length: 4 }, (_, index) => call(`${server.url}/v1/artifacts/note`, { json: { prompt: `stuck ${index}` } }))
    await waitFor(() => models.held() === 4, "four leases")
    await server.close()
    const replies = await Promise.all(inFlight)
    for (const reply of replies) {
      expect(reply.status).toBe(503)
      expect(reply.body.error.code).toBe("shutting_down")
    }
    expect(models.held()).toBe(0)
    expect(models.totals).toMatchObject({ acquired: 4, released: 4 })
    expect(await refused(server.url)).toBe(true)
  })

  it("close is idempotent", async () => {
    const { layer } = gatedServices()
    const server = await start({ layer })
    await Promise.all([server.close(), server.close()])
    await server.close()
    expect(await refused(server.url)).toBe(true)
  })
})

const script = join(import.meta.dirname, "support", "serve-process.ts")

const spawnServer = (env: Record<string, string>) => {
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] })
  const lines: Array<string> = []
  let stderr = ""
  child.stderr.on("data", (chunk) => (stderr += chunk))
  createInterface({ input: child.stdout }).on("line", (line) => lines.push(line))
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
  return { child, lines, exited, stderr: () => stderr }
}

describe("a real server process", () => {
  it("serves concurrent clients, exports metrics from start, and on SIGTERM finishes in-flight requests and exits 0 with no leaked lease", async () => {
    const server = spawnServer({ SHUTDOWN_MS: "60000" })
    try {
      await waitFor(() => server.lines.length > 0, `the URL on stdout (stderr: ${server.stderr()})`, 30000)
      const url = server.lines[0]
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)

      const metrics = await call(`${url}/metrics`)
      expect(metrics.status).toBe(200)
      expect(metrics.body).toContain('lfai_requests_total{artifact="note",outcome="passed"} 0')
      expect(metrics.body).toContain('lfai_http_requests_total{route="/v1/artifacts/:artifact",method="POST",status="200"} 0')
      expect(metrics.body).toContain(`lfai_vram_limit_gb{host="memory://gated"} 12`)

      const before = await call(`${url}/v1/vram`)
      expect(before.body).toMatchObject({ usedGb: 0, activeModels: [] })

      const inFlight = Array.from({ length: 8 }, (_, index) =>
        call(`${url}/v1/artifacts/${index % 2 === 0 ? "note" : "snippet"}`, { json: { prompt: `client ${index}` } })
      )
      await waitFor(async () => (await call(`${url}/v1/vram`)).body.models.reduce((sum: number, model: any) => sum + model.leases, 0) === 8, "eight leases in /v1/vram")

      server.child.kill("SIGTERM")
      await waitFor(() => refused(url), "the listener to close")
      server.child.stdin.write("release\n")

      const replies = await Promise.all(inFlight)
      expect(replies.map((reply) => reply.status)).toEqual(Array(8).fill(200))
      expect(await server.exited).toBe(0)
      const summary = JSON.parse(server.lines[server.lines.length - 1])
      expect(summary).toEqual({ leases: { acquired: 8, released: 8, calls: 8 }, held: 0 })
    } finally {
      server.child.kill("SIGKILL")
    }
  })

  it("on SIGTERM past the grace period cancels stuck requests with 503 and still returns every lease", async () => {
    const server = spawnServer({ SHUTDOWN_MS: "100" })
    try {
      await waitFor(() => server.lines.length > 0, `the URL on stdout (stderr: ${server.stderr()})`, 30000)
      const url = server.lines[0]
      const stuck = Array.from({ length: 3 }, (_, index) => call(`${url}/v1/artifacts/note`, { json: { prompt: `stuck ${index}` } }))
      await waitFor(async () => (await call(`${url}/v1/vram`)).body.usedGb > 0, "a lease in /v1/vram")
      await waitFor(async () => (await call(`${url}/v1/vram`)).body.models[0]?.leases === 3, "three leases")
      server.child.kill("SIGTERM")
      const replies = await Promise.all(stuck)
      expect(replies.map((reply) => [reply.status, reply.body.error?.code])).toEqual(Array(3).fill([503, "shutting_down"]))
      expect(await server.exited).toBe(0)
      expect(JSON.parse(server.lines[server.lines.length - 1])).toEqual({ leases: { acquired: 3, released: 3, calls: 3 }, held: 0 })
    } finally {
      server.child.kill("SIGKILL")
    }
  })
})
