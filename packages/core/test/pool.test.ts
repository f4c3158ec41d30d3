import { availableParallelism } from "node:os"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Fiber, Scope } from "effect"
import { CloudFallback, Pipeline, ValidationPools } from "@lfai/core"
import { pipelineLayer, scriptedLocalModels, STUCK_ARTIFACT_MODULE as STUCK_MODULE, stuckArtifact, wordArtifact } from "@lfai/core/testing"
import mainThreadOnly, { MAIN_THREAD_ONLY_MODULE } from "./main-thread-only-plugin.ts"
import wherePlugin, { WHERE_MODULE } from "./where-plugin.ts"

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

describe("the pool's bookkeeping", () => {
  const where = (checked: { validation: { issues: ReadonlyArray<{ message: string }> } }) => checked.validation.issues[0]?.message

  it.live("takes the size it is given, whole and at least 0, else the machine's parallelism", () =>
    Effect.gen(function* () {
      expect((yield* ValidationPools.make({ size: 1 })).size).toBe(1)
      expect((yield* ValidationPools.make({ size: 2.7 })).size).toBe(2)
      expect((yield* ValidationPools.make({ size: -3 })).size).toBe(0)
      expect((yield* ValidationPools.make()).size).toBe(availableParallelism())
    })
  )

  it.live("judges on a worker a plugin found by its package name; on the calling thread with size 0, or once the pool is closed", () =>
    Effect.gen(function* () {
      expect(where(yield* (yield* ValidationPools.make({ size: 1 })).check(wherePlugin, job("x")))).toBe("worker")
      expect(where(yield* (yield* ValidationPools.make({ size: 0 })).check(wherePlugin, job("x")))).toBe("calling thread")
      const scope = yield* Scope.make()
      const closing = yield* ValidationPools.make({ size: 1 }).pipe(Scope.provide(scope))
      yield* Scope.close(scope, Exit.void)
      expect(where(yield* closing.check(wherePlugin, job("x")))).toBe("calling thread")
    }),
    60_000
  )

  it.live("finds a plugin among its modules by identity, past modules that do not import and other plugins' modules", () =>
    Effect.gen(function* () {
      const pool = yield* ValidationPools.make({ size: 1, modules: [STUCK_MODULE, "@lfai/no-such-package", WHERE_MODULE] })
      expect(where(yield* pool.check(wherePlugin, job("x")))).toBe("worker")
      // a plugin whose package name leads nowhere is judged where it is
      const nameless = { ...wherePlugin, package: { name: "@lfai/no-such-package", version: "0.0.0" } }
      expect(where(yield* pool.check(nameless, job("x")))).toBe("calling thread")
    }),
    60_000
  )

  it.live("judges on the calling thread a plugin whose module a worker cannot import", () =>
    Effect.gen(function* () {
      const pool = yield* ValidationPools.make({ size: 1, modules: [MAIN_THREAD_ONLY_MODULE] })
      expect(where(yield* pool.check(mainThreadOnly, job("x")))).toBe("calling thread")
      expect(where(yield* pool.check(mainThreadOnly, job("y")))).toBe("calling thread")
    }),
    60_000
  )

  it.live("a crashed or timed-out document's verdict: its trimmed text, score 0, failed, and why", () =>
    Effect.gen(function* () {
      const pool = yield* ValidationPools.make({ size: 1, deadline: "2 seconds", modules: [STUCK_MODULE] })
      expect(yield* pool.check(stuck, job("CRASH now \n"))).toEqual({
        content: "CRASH now",
        validation: { score: 0, passed: false, issues: [{ code: "validator-crashed", severity: "error", message: "the stuck validator's worker died: it exited with code 3" }] }
      })
      expect(yield* pool.check(stuck, job("STUCK \n"))).toMatchObject({ content: "STUCK", validation: { score: 0, passed: false } })
    }),
    60_000
  )

  it.live("one worker judges one document at a time; the next waits, and goes on after a timeout or a crash", () =>
    Effect.gen(function* () {
      const pool = yield* ValidationPools.make({ size: 1, deadline: "2 seconds", modules: [STUCK_MODULE] })
      const finished: Array<string> = []
      const results = yield* Effect.forEach(
        ["STUCK", "GOOD after the timeout", "CRASH", "GOOD after the crash"],
        (text) => pool.check(stuck, job(text)).pipe(Effect.tap(() => Effect.sync(() => void finished.push(text)))),
        { concurrency: "unbounded" }
      )
      expect(finished).toEqual(["STUCK", "GOOD after the timeout", "CRASH", "GOOD after the crash"])
      expect(results.map((checked) => checked.validation.issues[0]?.code ?? "passed")).toEqual(["validator-timeout", "passed", "validator-crashed", "passed"])
    }),
    60_000
  )

  it.live("a finished document's deadline ends with it: it never cuts the next document on that worker short", () =>
    Effect.gen(function* () {
      const pool = yield* ValidationPools.make({ size: 1, deadline: "3 seconds", modules: [STUCK_MODULE] })
      expect((yield* pool.check(stuck, job("GOOD"))).validation.passed).toBe(true)
      // Not a wait for an event: it puts the next document inside the window the first one's deadline would have had.
      yield* Effect.sleep("1 second")
      expect((yield* pool.check(stuck, job("STUCK"))).validation.issues[0].code).toBe("validator-timeout")
    }),
    60_000
  )
})
