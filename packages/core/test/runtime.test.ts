import { describe, expect, it } from "vitest"
import { Effect } from "effect"
import { makeRuntime, Pipeline } from "@lfai/core"
import { scriptedCloud, scriptedLocalModels } from "@lfai/core/testing"
import { MODEL, pipelineLayer } from "./fixtures.ts"

// Plain async code, no Effect in sight: the way an Express handler or a script uses lfai.
describe("the long-lived runtime", () => {
  it("serves 200 concurrent calls in several batches on one runtime", async () => {
    const local = scriptedLocalModels({ [MODEL]: ["GOOD"] })
    const runtime = makeRuntime(pipelineLayer({ local: local.layer, cloud: scriptedCloud([]).layer }))
    try {
      for (const batch of [50, 100, 50]) {
        const results = await Promise.all(
          Array.from({ length: batch }, (_, i) => runtime.generate("note", { prompt: `note ${i}` }))
        )
        expect(results.every((result) => result.passed && result.provider === "ollama")).toBe(true)
      }
      expect(local.calls).toHaveLength(200)
      expect(local.leases).toEqual({ acquired: 200, released: 200 })
      const stats = await runtime.stats()
      expect(stats.note.total_requests).toBe(200)
    } finally {
      await runtime.dispose()
    }
  })

  it("rejects with the typed error of the call", async () => {
    const runtime = makeRuntime(pipelineLayer({ local: scriptedLocalModels({}).layer, cloud: scriptedCloud([]).layer }))
    try {
      await expect(runtime.generate("nope", { prompt: "x" })).rejects.toMatchObject({ _tag: "UnknownArtifact" })
      await expect(runtime.validate("note", "GOOD")).resolves.toMatchObject({ passed: true })
      expect((await runtime.plugins()).map((plugin) => plugin.id)).toEqual(["note"])
    } finally {
      await runtime.dispose()
    }
  })

  it("a call after dispose fails with a clear error", async () => {
    const runtime = makeRuntime(pipelineLayer({ local: scriptedLocalModels({ [MODEL]: ["GOOD"] }).layer, cloud: scriptedCloud([]).layer }))
    await runtime.generate("note", { prompt: "x" })
    await runtime.dispose()
    expect(runtime.isDisposed()).toBe(true)
    await expect(runtime.generate("note", { prompt: "x" })).rejects.toMatchObject({
      _tag: "RuntimeDisposed",
      message: expect.stringContaining("has been disposed")
    })
    await expect(runtime.run(Effect.succeed(1))).rejects.toMatchObject({ _tag: "RuntimeDisposed" })
    await runtime.dispose() // idempotent
  })

  it("dispose interrupts calls in flight and returns their leases", async () => {
    const local = scriptedLocalModels({ [MODEL]: [{ hang: true }] })
    const runtime = makeRuntime(pipelineLayer({ local: local.layer, cloud: scriptedCloud([]).layer }))
    const pending = runtime.generate("note", { prompt: "x" })
    while (local.leases.acquired === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    await runtime.dispose()
    await expect(pending).rejects.toMatchObject({ _tag: "RuntimeDisposed" })
    expect(local.leases).toEqual({ acquired: 1, released: 1 })
  })

  it("an aborted signal interrupts one call and returns its lease", async () => {
    const local = scriptedLocalModels({ [MODEL]: [{ hang: true }] })
    const runtime = makeRuntime(pipelineLayer({ local: local.layer, cloud: scriptedCloud([]).layer }))
    try {
      const controller = new AbortController()
      const pending = runtime.generate("note", { prompt: "x" }, { signal: controller.signal })
      while (local.leases.acquired === 0) await new Promise((resolve) => setTimeout(resolve, 5))
      controller.abort()
      await expect(pending).rejects.toMatchObject({ name: "AbortError" })
      expect(local.leases).toEqual({ acquired: 1, released: 1 })
      // the runtime still serves after one call was aborted
      expect(await runtime.run(Pipeline.useSync((pipeline) => pipeline.plugins.length))).toBe(1)
    } finally {
      await runtime.dispose()
    }
  })
})
