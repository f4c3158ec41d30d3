import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber } from "effect"
import { CloudFallback, Pipeline, ValidationPools } from "@lfai/core"
import { pipelineLayer, scriptedLocalModels, STUCK_ARTIFACT_MODULE as STUCK_MODULE, stuckArtifact, wordArtifact } from "@lfai/core/testing"

const stuck = await stuckArtifact()
const job = (text: string) => ({ text, options: {} })

describe("the validation pool", () => {
  it.live("judges on a worker thread as the calling thread would", () =>
    Effect.gen(function* () {
      const pool = yield* ValidationPools.make({ size: 2, modules: [STUCK_MODULE] })
      const results = yield* Effect.forEach(["GOOD day", "OK then", "MEH", "nonsense"], (text) => pool.check(stuck, job(text)), { concurrency: 4 })
      expect(results.map((checked) => checked.validation)).toEqual(
        ["GOOD day", "OK then", "MEH", "nonsense"].map((text) => stuck.validate(text, {}))
      )
      const extracted = yield* pool.check(stuck, { text: "```\nGOOD fenced\n```", extract: { prompt: "x" }, options: {} })
      expect(extracted.content).toBe("GOOD fenced")
      expect(extracted.validation.passed).toBe(true)
    }),
    60_000
  )

  it.live("a validator that never returns is a validator-timeout error past the deadline, the event loop free meanwhile, the worker replaced", () =>
    Effect.gen(function* () {
      const pool = yield* ValidationPools.make({ size: 1, deadline: "2 seconds", modules: [STUCK_MODULE] })
      // The worker is ready (plugin imported) before the stuck document arrives.
      expect((yield* pool.check(stuck, job("GOOD"))).validation.passed).toBe(true)
      let ticks = 0
      const timer = setInterval(() => ticks++, 10)
      const verdict = yield* pool.check(stuck, job("STUCK forever")).pipe(Effect.ensuring(Effect.sync(() => clearInterval(timer))))
      expect(ticks).toBeGreaterThan(0)
      expect(verdict.validation.passed).toBe(false)
      expect(verdict.validation.issues).toEqual([expect.objectContaining({ code: "validator-timeout", severity: "error" })])
      expect(verdict.validation.issues[0].message).toContain("did not finish within 2 s")
      // The next document gets a fresh worker.
      expect((yield* pool.check(stuck, job("GOOD again"))).validation.passed).toBe(true)
    }),
    60_000
  )

  it.live("a worker that dies is a validator-crashed error, and the next document still gets judged", () =>
    Effect.gen(function* () {
      const pool = yield* ValidationPools.make({ size: 1, modules: [STUCK_MODULE] })
      const crashed = yield* pool.check(stuck, job("CRASH now"))
      expect(crashed.validation.issues[0]).toMatchObject({ code: "validator-crashed", severity: "error" })
      expect((yield* pool.check(stuck, job("GOOD"))).validation.passed).toBe(true)
    }),
    60_000
  )

  it.live("a caller that leaves while queued gives its place up", () =>
    Effect.gen(function* () {
      const pool = yield* ValidationPools.make({ size: 1, deadline: "2 seconds", modules: [STUCK_MODULE] })
      const first = yield* Effect.forkChild(pool.check(stuck, job("STUCK")))
      const second = yield* Effect.forkChild(pool.check(stuck, job("STUCK too")))
      yield* Fiber.interrupt(second)
      expect((yield* Fiber.join(first)).validation.issues[0].code).toBe("validator-timeout")
      expect((yield* pool.check(stuck, job("GOOD"))).validation.passed).toBe(true)
    }),
    60_000
  )

  it.live("a plugin with no module (defined inline) is judged on the calling thread", () =>
    Effect.gen(function* () {
      const pool = yield* ValidationPools.make({ size: 2 })
      const inline = wordArtifact({ id: "inline" })
      expect((yield* pool.check(inline, job("GOOD"))).validation).toEqual(inline.validate("GOOD", {}))
    }),
    60_000
  )
})

describe("the pipeline judges answers in the pool", () => {
  it.live("a model answer the validator cannot finish fails with validator-timeout instead of stalling the request", () =>
    Effect.gen(function* () {
      const local = scriptedLocalModels({ [stuck.model]: ["STUCK forever"] })
      const layer = pipelineLayer({
        plugins: [stuck],
        local: local.layer,
        cloud: CloudFallback.unavailable("disabled", "cloud fallback disabled"),
        config: { validation: { max_repairs: 0 } },
        pool: { size: 1, deadline: "2 seconds", modules: [STUCK_MODULE] }
      })
      const result = yield* Pipeline.use((pipeline) => pipeline.generate("stuck", { prompt: "anything" })).pipe(Effect.provide(layer))
      expect(result.passed).toBe(false)
      expect(result.issues.map((issue) => issue.code)).toEqual(["validator-timeout"])
      expect(result.attempts).toHaveLength(1)
    }),
    60_000
  )
})
