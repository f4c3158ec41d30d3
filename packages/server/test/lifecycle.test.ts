/** Starting and stopping: the Effect entry point, one build of the services, failures to start. */
import { createServer } from "node:net"
import { describe, expect, it } from "vitest"
import { Effect, Layer } from "effect"
import { ConfigError, Configs, LfaiConfig } from "@lfai/core"
import { ListenFailed, serve, start } from "../src/index.ts"
import { call, services } from "./fixtures.ts"

describe("lifecycle", () => {
  it("serve() runs in a scope: the services are built once and released when the scope closes", async () => {
    const events: Array<string> = []
    const tracked = Layer.effectDiscard(
      Effect.acquireRelease(
        Effect.sync(() => void events.push("built")),
        () => Effect.sync(() => void events.push("released"))
      )
    )
    const layer = Layer.merge(services().layer, tracked)
    const statuses = await Effect.runPromise(
      Effect.scoped(
        Effect.gen(function* () {
          const server = yield* serve({ layer })
          const replies = yield* Effect.promise(() =>
            Promise.all(Array.from({ length: 5 }, (_, index) => call(`${server.url}/v1/artifacts/note`, { json: { prompt: `p${index}` } })))
          )
          expect(events).toEqual(["built"])
          return replies.map((reply) => reply.status)
        })
      )
    )
    expect(statuses).toEqual([200, 200, 200, 200, 200])
    expect(events).toEqual(["built", "released"])
  })

  it("a port in use is ListenFailed, saying so, and the services are released", async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve))
    const port = (blocker.address() as { port: number }).port
    const { layer, local } = services()
    try {
      const error = await start({ layer, port }).then(
        () => undefined,
        (error: unknown) => error
      )
      expect(error).toBeInstanceOf(ListenFailed)
      expect((error as ListenFailed).message).toContain("in use")
      expect(local.leases).toEqual({ acquired: 0, released: 0 })
    } finally {
      blocker.close()
    }
  })

  it("a layer that fails to build rejects start with its error (e.g. a bad config)", async () => {
    const badConfig = Layer.effect(LfaiConfig, Configs.defaultConfig({ server: { max_body_kb: -1 } }))
    const layer = Layer.provideMerge(badConfig, services().layer)
    const error = await start({ layer }).then(
      () => undefined,
      (error: unknown) => error
    )
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).path).toBe("server.max_body_kb")
  })
})
