import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Logger, References } from "effect"
import { TestClock } from "effect/testing"
import {
  type Attempt,
  CloudFallback,
  CloudRejected,
  CloudUnavailable,
  LocalModels,
  LocalTransient,
  MISSING_NAME,
  OFF_TOPIC,
  OllamaUnreachable,
  Pipeline,
  Stats,
  defaultRepairPrompt,
  defineArtifact,
  verdict,
  type ArtifactPlugin,
  type ValidateOptions
} from "@lfai/core"
import { scriptedCloud, scriptedLocalModels } from "@lfai/core/testing"
import { MODEL, note, pipelineLayer } from "./fixtures.ts"

const generate = (prompt = "the weekly meeting", params?: Record<string, string>) =>
  Pipeline.use((pipeline) => pipeline.generate("note", { prompt, ...(params ? { params } : {}) }))

describe("the generate pipeline", () => {
  it.effect("passes on the first try and never calls the cloud", () => {
    const local = scriptedLocalModels({ [MODEL]: ["```\nGOOD note\n```"] })
    const cloud = scriptedCloud(["GOOD cloud"])
    return Effect.gen(function* () {
      const result = yield* generate()
      expect(result).toMatchObject({ artifact: "note", content: "GOOD note", provider: "ollama", model: MODEL, score: 90, passed: true })
      expect(result.reason).toBeUndefined()
      expect(result.attempts).toHaveLength(1)
      expect(result.attempts[0].provenance).toMatchObject({
        model: MODEL,
        options: { temperature: 0.2, num_ctx: 4096 },
        validator: { package: "@lfai/core/testing", version: "0.0.0" }
      })
      expect(local.calls[0]).toMatchObject({ system: "Write a note.", prompt: "Note about: the weekly meeting", numCtx: 4096 })
      expect(local.ensured).toEqual([MODEL])
      expect(cloud.calls).toHaveLength(0)
      expect(local.leases).toEqual({ acquired: 1, released: 1 })
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: cloud.layer })))
  })

  it.effect("tells a watching caller what happens: route, attempt, waiting for VRAM, leased, tokens, result", () => {
    const local = scriptedLocalModels({ [MODEL]: ["GOOD"] })
    const events: Array<string> = []
    return Effect.gen(function* () {
      yield* Pipeline.use((pipeline) => pipeline.generate("note", { prompt: "x" }, { onEvent: (event) => events.push(event.type) }))
      expect(events).toEqual(["route", "attempt", "lease", "leased", "attempted"])
      expect(local.calls[0].onToken).toBeTypeOf("function")
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: scriptedCloud([]).layer })))
  })

  it.effect("shows a watcher each prompt sent (first and repair) and each raw answer; logs them at debug level", () => {
    const local = scriptedLocalModels({ [MODEL]: ["Sure! bad note", "```\nGOOD note\n```"] })
    const events: Array<{ type: string; prompt?: string; raw?: string }> = []
    const logged: Array<string> = []
    const logger = Logger.make(({ logLevel, message }) => {
      if (logLevel === "Debug") logged.push((Array.isArray(message) ? message : [message]).join(" "))
    })
    return Effect.gen(function* () {
      yield* Pipeline.use((pipeline) =>
        pipeline.generate("note", { prompt: "the weekly meeting" }, { onEvent: (event) => void events.push(event as never) })
      ).pipe(Effect.provide(Logger.layer([logger])), Effect.provideService(References.MinimumLogLevel, "Debug"))
      const sent = events.filter((event) => event.type === "attempt").map((event) => event.prompt)
      expect(sent[0]).toBe("Note about: the weekly meeting")
      expect(sent[1]).toContain("Your previous answer did not pass validation.")
      expect(sent[1]).toContain("Sure! bad note")
      expect(events.filter((event) => event.type === "attempted").map((event) => event.raw)).toEqual(["Sure! bad note", "```\nGOOD note\n```"])
      expect(logged).toHaveLength(4)
      expect(logged[0]).toMatch(/^note generate → ollama .+\n\[system\]\nWrite a note\.\n\[prompt\]\nNote about: the weekly meeting$/)
      expect(logged[3]).toMatch(/^note repair ← ollama .+\n```\nGOOD note\n```$/)
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: scriptedCloud([]).layer })))
  })

  it.effect("a watcher that throws does not cost the caller the artifact", () => {
    const local = scriptedLocalModels({ [MODEL]: ["GOOD"] })
    return Effect.gen(function* () {
      let calls = 0
      const result = yield* Pipeline.use((pipeline) =>
        pipeline.generate("note", { prompt: "x" }, { onEvent: () => { calls++; throw new Error("watcher bug") } })
      )
      expect(result.passed).toBe(true)
      expect(calls).toBe(1)
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: scriptedCloud([]).layer })))
  })

  it.effect("repairs with the same model, sending the validator's issues back", () => {
    const local = scriptedLocalModels({ [MODEL]: ["BAD draft", "GOOD repaired"] })
    const cloud = scriptedCloud(["GOOD cloud"])
    return Effect.gen(function* () {
      const result = yield* generate()
      expect(result).toMatchObject({ content: "GOOD repaired", provider: "ollama", passed: true })
      expect(result.attempts.map((attempt) => [attempt.kind, attempt.passed])).toEqual([["generate", false], ["repair", true]])
      expect(local.calls[1].prompt).toContain("BAD draft")
      expect(local.calls[1].prompt).toContain("parse-error (line 1): does not parse")
      expect(local.calls[1].model).toBe(MODEL)
      expect(cloud.calls).toHaveLength(0)
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: cloud.layer })))
  })

  it.effect("falls back to the cloud when the repair fails too, and gives it the best draft", () => {
    const local = scriptedLocalModels({ [MODEL]: ["BAD first", "MEH second"] })
    const cloud = scriptedCloud(["GOOD from the cloud"])
    return Effect.gen(function* () {
      const result = yield* generate()
      expect(result).toMatchObject({ content: "GOOD from the cloud", provider: "gemini", model: "gemini-2.5-flash", passed: true })
      expect(result.attempts.map((attempt) => `${attempt.provider}:${attempt.kind}`)).toEqual([
        "ollama:generate",
        "ollama:repair",
        "gemini:generate"
      ])
      expect(cloud.calls[0].prompt).toContain("MEH second")
      expect(cloud.calls[0].numCtx).toBeUndefined()
      expect(result.reason).toContain("below the pass mark 70")
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: cloud.layer })))
  })

  it.effect("sends the cloud the plain request when gemini.send_draft is off", () => {
    const local = scriptedLocalModels({ [MODEL]: ["MEH draft"] })
    const cloud = scriptedCloud(["GOOD"])
    return Effect.gen(function* () {
      yield* generate()
      expect(cloud.calls[0].prompt).toBe("Note about: the weekly meeting")
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: cloud.layer }, { gemini: { send_draft: false } })))
  })

  it.effect("with the fallback disabled returns the best local answer, says why, and never calls the cloud", () => {
    const local = scriptedLocalModels({ [MODEL]: ["BAD first", "MEH second"] })
    const cloud = scriptedCloud(["GOOD"])
    return Effect.gen(function* () {
      const result = yield* generate()
      expect(result).toMatchObject({ content: "MEH second", provider: "ollama", score: 60, passed: false })
      expect(result.reason).toContain("cloud fallback disabled (validation.enable_cloud_fallback is false)")
      expect(cloud.calls).toHaveLength(0)
    }).pipe(
      Effect.provide(pipelineLayer({ local: local.layer, cloud: cloud.layer }, { validation: { enable_cloud_fallback: false } }))
    )
  })

  it.effect("with ai_provider.fallback none, the cloud is never called either", () => {
    const local = scriptedLocalModels({ [MODEL]: ["MEH"] })
    const cloud = scriptedCloud(["GOOD"])
    return Effect.gen(function* () {
      const result = yield* generate()
      expect(result.reason).toContain("ai_provider.fallback is none")
      expect(cloud.calls).toHaveLength(0)
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: cloud.layer }, { ai_provider: { fallback: "none" } })))
  })

  it.effect("without a key returns the best local answer and says so", () => {
    const local = scriptedLocalModels({ [MODEL]: ["MEH"] })
    return Effect.gen(function* () {
      const result = yield* generate()
      expect(result).toMatchObject({ provider: "ollama", passed: false })
      expect(result.reason).toContain("no GEMINI_API_KEY or GOOGLE_API_KEY set")
    }).pipe(
      Effect.provide(
        pipelineLayer({ local: local.layer, cloud: CloudFallback.unavailable("no-key", "no GEMINI_API_KEY or GOOGLE_API_KEY set") })
      )
    )
  })

  it.effect("retries a transient local error once, then moves on to the cloud", () => {
    const transient = new LocalTransient({ model: MODEL, detail: "connection reset" })
    const local = scriptedLocalModels({ [MODEL]: [{ fail: transient }] })
    const cloud = scriptedCloud(["GOOD cloud"])
    return Effect.gen(function* () {
      const result = yield* generate()
      expect(result).toMatchObject({ provider: "gemini", passed: true })
      expect(result.attempts.map((attempt) => [attempt.kind, attempt.error?.tag])).toEqual([
        ["generate", "LocalTransient"],
        ["retry", "LocalTransient"],
        ["generate", undefined]
      ])
      expect(result.reason).toContain("every local attempt failed")
      expect(local.leases.acquired).toBe(local.leases.released)
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: cloud.layer })))
  })

  it.effect("a transient error followed by a good answer stays local", () => {
    const local = scriptedLocalModels({ [MODEL]: [{ fail: new LocalTransient({ model: MODEL, detail: "HTTP 500" }) }, "GOOD"] })
    const cloud = scriptedCloud(["GOOD cloud"])
    return Effect.gen(function* () {
      const result = yield* generate()
      expect(result).toMatchObject({ provider: "ollama", passed: true })
      expect(result.attempts.map((attempt) => attempt.kind)).toEqual(["generate", "retry"])
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: cloud.layer })))
  })

  it.effect("a local timeout (request_timeout_s) goes to the cloud and returns the lease", () => {
    const local = scriptedLocalModels({ [MODEL]: [{ hang: true }] })
    const cloud = scriptedCloud(["GOOD cloud"])
    return Effect.gen(function* () {
      const fiber = yield* Effect.forkChild(generate())
      yield* TestClock.adjust("121 seconds")
      const result = yield* Fiber.join(fiber)
      expect(result).toMatchObject({ provider: "gemini", passed: true })
      expect(result.attempts[0].error).toMatchObject({ tag: "LocalTimeout" })
      expect(result.attempts[0].error?.message).toContain("120000 ms")
      expect(local.leases).toEqual({ acquired: 1, released: 1 })
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: cloud.layer })))
  })

  it.effect("when the cloud fails too, returns the best local answer and lists both errors", () => {
    const local = scriptedLocalModels({ [MODEL]: ["MEH local"] })
    const cloud = scriptedCloud([{ fail: new CloudRejected({ model: "gemini-2.5-flash", status: 400, detail: "bad request" }) }])
    return Effect.gen(function* () {
      const result = yield* generate()
      expect(result).toMatchObject({ content: "MEH local", provider: "ollama", passed: false })
      expect(result.reason).toContain("the cloud fallback failed too")
      expect(result.reason).toContain("HTTP 400")
      expect(result.attempts.map((attempt) => attempt.error?.tag)).toEqual([undefined, undefined, "CloudRejected"])
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: cloud.layer })))
  })

  it.effect("fails with NoContent, naming both errors, when no attempt produced anything", () => {
    const down = new OllamaUnreachable({ url: "http://127.0.0.1:11434", detail: "ECONNREFUSED" })
    const local = scriptedLocalModels({ [MODEL]: [{ fail: down }] })
    const cloud = scriptedCloud([{ fail: new CloudUnavailable({ reason: "no-key", detail: "no key" }) }])
    return Effect.gen(function* () {
      const error = yield* Effect.flip(generate())
      expect(error._tag).toBe("NoContent")
      if (error._tag !== "NoContent") return
      expect(error.message).toContain("ollama serve")
      expect(error.attempts).toHaveLength(2)
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: cloud.layer })))
  })

  describe("the privacy switch holds when there is no local draft at all (Ollama down)", () => {
    const down = () => scriptedLocalModels({ [MODEL]: [{ fail: new OllamaUnreachable({ url: "http://127.0.0.1:11434", detail: "ECONNREFUSED" }) }] })
    const cases = [
      ["validation.enable_cloud_fallback: false", { validation: { enable_cloud_fallback: false } }, "cloud fallback disabled (validation.enable_cloud_fallback is false)"],
      ["ai_provider.fallback: none", { ai_provider: { fallback: "none" } }, "cloud fallback disabled (ai_provider.fallback is none)"]
    ] as const
    for (const [name, overrides, reason] of cases) {
      it.effect(`${name}: NoContent saying why, and not one call to the cloud`, () => {
        const local = down()
        const cloud = scriptedCloud(["GOOD cloud"])
        return Effect.gen(function* () {
          const error = yield* Effect.flip(generate())
          expect(error._tag).toBe("NoContent")
          if (error._tag !== "NoContent") return
          expect(error.reason).toContain(reason)
          expect((error.attempts as ReadonlyArray<Attempt>).map((attempt) => attempt.provider)).toEqual(["ollama"])
          expect(cloud.calls).toHaveLength(0)
        }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: cloud.layer }, overrides)))
      })
    }

    it.effect("enabled: the cloud gets the plain request (there is no draft to send) and the reason says every local attempt failed", () => {
      const local = down()
      const cloud = scriptedCloud(["GOOD cloud"])
      return Effect.gen(function* () {
        const result = yield* generate()
        expect(result).toMatchObject({ provider: "gemini", passed: true })
        expect(cloud.calls.map((call) => call.prompt)).toEqual(["Note about: the weekly meeting"])
        expect(result.reason).toMatch(/^answered by the cloud fallback: every local attempt failed \(ollama .+ECONNREFUSED/)
      }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: cloud.layer })))
    })
  })

  it.effect("tries the configured alternates, with their own repairs, before the cloud", () => {
    const local = scriptedLocalModels({ [MODEL]: ["BAD"], "llama3:8b": ["MEH", "GOOD alt"] })
    const cloud = scriptedCloud(["GOOD cloud"])
    return Effect.gen(function* () {
      const result = yield* generate()
      expect(result).toMatchObject({ content: "GOOD alt", provider: "ollama", model: "llama3:8b", passed: true })
      expect(result.attempts.map((attempt) => `${attempt.model}:${attempt.kind}`)).toEqual([
        `${MODEL}:generate`,
        `${MODEL}:repair`,
        "llama3:8b:generate",
        "llama3:8b:repair"
      ])
      expect(cloud.calls).toHaveLength(0)
    }).pipe(
      Effect.provide(pipelineLayer({ local: local.layer, cloud: cloud.layer }, { artifacts: { note: { alternates: ["llama3:8b"] } } }))
    )
  })

  it.effect("a config model override wins, and max_repairs 0 skips repairs", () => {
    const local = scriptedLocalModels({ "qwen:7b": ["MEH"] })
    const cloud = scriptedCloud(["GOOD"])
    return Effect.gen(function* () {
      const result = yield* generate()
      expect(local.calls.map((call) => call.model)).toEqual(["qwen:7b"])
      expect(result.attempts.map((attempt) => attempt.kind)).toEqual(["generate", "generate"])
      const plugins = yield* Pipeline.useSync((pipeline) => pipeline.plugins)
      expect(plugins[0]).toMatchObject({ id: "note", model: "qwen:7b", residency: "on-demand" })
    }).pipe(
      Effect.provide(
        pipelineLayer({ local: local.layer, cloud: cloud.layer }, { artifacts: { note: { model: "qwen:7b" } }, validation: { max_repairs: 0 } })
      )
    )
  })

  it.effect("a per-artifact pass mark and strict mode change the verdict", () => {
    const local = scriptedLocalModels({ [MODEL]: ["OK fine"] })
    const cloud = scriptedCloud(["OK cloud"])
    return Effect.gen(function* () {
      const result = yield* generate()
      // OK scores 75 with a warning: strict mode makes the warning an error.
      expect(result.passed).toBe(false)
      expect(result.issues[0]).toMatchObject({ code: "meh-style", severity: "error" })
      expect(result.score).toBeLessThan(80)
    }).pipe(
      Effect.provide(
        pipelineLayer({ local: local.layer, cloud: cloud.layer }, { validation: { strict_mode: true }, artifacts: { note: { pass_threshold: 80 } } })
      )
    )
  })

  it.effect("num_ctx auto sizes the context from the prompt, capped by num_ctx_max", () => {
    const local = scriptedLocalModels({ [MODEL]: ["GOOD"] })
    return Effect.gen(function* () {
      yield* generate("x".repeat(30_000))
      yield* generate("short")
      expect(local.calls.map((call) => call.numCtx)).toEqual([8192, 4096])
    }).pipe(
      Effect.provide(
        pipelineLayer({ local: local.layer, cloud: scriptedCloud([]).layer }, { ollama: { num_ctx: "auto", num_ctx_max: 8192 } })
      )
    )
  })

  it.effect("decodes every request with the one request schema: a temperature out of range, extra system text over max_prompt_kb", () => {
    const local = scriptedLocalModels({ [MODEL]: ["GOOD"] })
    const run = (request: Parameters<Pipeline["Service"]["generate"]>[1]) => Pipeline.use((pipeline) => pipeline.generate("note", request))
    return Effect.gen(function* () {
      const cold = yield* Effect.flip(run({ prompt: "x", temperature: -5 }))
      expect(cold._tag).toBe("InvalidRequest")
      expect(cold.message).toContain("temperature: expected a number from 0 to 2")
      const nan = yield* Effect.flip(run({ prompt: "x", temperature: Number.NaN }))
      expect(nan._tag).toBe("InvalidRequest")
      const system = yield* Effect.flip(run({ prompt: "x", system: "s".repeat(2 * 1024) }))
      expect(system._tag).toBe("PromptTooLarge")
      expect(system.message).toContain("the prompt and system text")
      expect(local.calls).toHaveLength(0)
      expect(yield* run({ prompt: "x", system: "short", temperature: 2 })).toMatchObject({ passed: true })
    }).pipe(
      Effect.provide(pipelineLayer({ local: local.layer, cloud: scriptedCloud([]).layer }, { validation: { max_prompt_kb: 2 } }))
    )
  })

  it.effect("refuses an empty prompt, an oversized prompt, an unknown artifact and a bad parameter with typed errors", () => {
    const local = scriptedLocalModels({ [MODEL]: ["GOOD"] })
    return Effect.gen(function* () {
      expect((yield* Effect.flip(generate("   \n"))).message).toContain("empty")
      const large = yield* Effect.flip(generate("y".repeat(2 * 1024 + 1)))
      expect(large._tag).toBe("PromptTooLarge")
      expect(large.message).toContain("limit of 2 KiB")
      const unknown = yield* Effect.flip(Pipeline.use((pipeline) => pipeline.generate("nope", { prompt: "x" })))
      expect(unknown.message).toBe('unknown artifact "nope"; known artifacts: note')
      const param = yield* Effect.flip(generate("x", { tone: "loud" }))
      expect(param.message).toContain("expected one of: dry, warm")
      expect(yield* generate("x", { tone: "dry" })).toMatchObject({ passed: true })
      expect(local.calls).toHaveLength(1)
    }).pipe(
      Effect.provide(pipelineLayer({ local: local.layer, cloud: scriptedCloud([]).layer }, { validation: { max_prompt_kb: 2 } }))
    )
  })

  it.effect("interruption mid-generation returns the lease", () => {
    const local = scriptedLocalModels({ [MODEL]: [{ hang: true }] })
    return Effect.gen(function* () {
      const fiber = yield* Effect.forkChild(generate())
      yield* TestClock.adjust("1 second")
      expect(local.leases).toEqual({ acquired: 1, released: 0 })
      yield* Fiber.interrupt(fiber)
      expect(local.leases).toEqual({ acquired: 1, released: 1 })
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: scriptedCloud([]).layer })))
  })

  it.effect("keeps per-artifact stats as metrics: totals, local share, models, scores, cloud tokens", () => {
    const local = scriptedLocalModels({ [MODEL]: ["GOOD", "MEH", "MEH"] })
    const cloud = scriptedCloud(["GOOD cloud"])
    return Effect.gen(function* () {
      yield* generate()
      yield* generate()
      const stats = yield* Stats.use((service) => service.snapshot)
      expect(stats.note).toMatchObject({
        total_requests: 2,
        successful_requests: 2,
        failed_requests: 0,
        local: 1,
        fallback: 1,
        local_share: 0.5,
        models_used: { [MODEL]: 1, "gemini-2.5-flash": 1 },
        cloud_tokens: { prompt: 10, completion: "GOOD cloud".length }
      })
      expect(stats.note.score).toMatchObject({ count: 2, min: 90, max: 90 })
      expect(stats.note.latency_ms?.count).toBe(2)
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: cloud.layer })))
  })

  it.effect("validate runs the validator alone with the configured pass mark", () => {
    const local = scriptedLocalModels({})
    return Effect.gen(function* () {
      const result = yield* Pipeline.use((pipeline) => pipeline.validate("note", "OK thing"))
      expect(result).toEqual({
        artifact: "note",
        score: 75,
        passed: false,
        threshold: 80,
        issues: [{ code: "meh-style", severity: "warning", message: "could be better", line: 1 }]
      })
      expect(local.calls).toHaveLength(0)
    }).pipe(
      Effect.provide(
        pipelineLayer({ local: local.layer, cloud: scriptedCloud([]).layer }, { artifacts: { note: { pass_threshold: 80 } } })
      )
    )
  })

  it.effect("validate judges the artifact inside a model's answer (fences, prose), as generation does", () => {
    const local = scriptedLocalModels({})
    return Effect.gen(function* () {
      const result = yield* Pipeline.use((pipeline) => pipeline.validate("note", "```\nGOOD thing\n```"))
      expect(result).toMatchObject({ score: 90, passed: true })
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: scriptedCloud([]).layer })))
  })

  it.effect("a plugin whose validator throws is reported, not a crash", () => {
    const local = scriptedLocalModels({ [MODEL]: ["anything"] })
    const throwing = { ...note, validate: () => { throw new Error("boom") } }
    return Effect.gen(function* () {
      const result = yield* generate()
      expect(result.passed).toBe(false)
      expect(result.issues[0]).toMatchObject({ code: "validator-crashed" })
    }).pipe(
      Effect.provide(
        pipelineLayer({ local: local.layer, cloud: scriptedCloud([]).layer }, { validation: { enable_cloud_fallback: false } }, [throwing])
      )
    )
  })

  it.effect("a config for an artifact no plugin provides is a typed error naming the key", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        Layer.build(pipelineLayer({ local: scriptedLocalModels({}).layer, cloud: scriptedCloud([]).layer }, { artifacts: { nto: { model: "x" } } }))
      )
      expect(error._tag).toBe("ConfigError")
      expect(error.message).toContain("artifacts.nto")
      expect(error.message).toContain("the id of an artifact plugin (note)")
    }).pipe(Effect.scoped)
  )

  it.effect("two plugins with one id are a typed error", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        Layer.build(pipelineLayer({ local: scriptedLocalModels({}).layer, cloud: scriptedCloud([]).layer }, {}, [note, { ...note, package: { name: "@other/pkg", version: "1.0.0" } }]))
      )
      expect(error._tag).toBe("DuplicateArtifactId")
      expect(error.message).toContain('"note" (@lfai/core/testing and @other/pkg)')
    }).pipe(Effect.scoped)
  )
})

describe("a provider that throws", () => {
  it.effect("is an attempt's error, and the ladder goes on", () => {
    const cloud = scriptedCloud(["GOOD cloud"])
    const broken = Layer.succeed(LocalModels, {
      url: "memory://broken",
      ensure: () => Effect.void,
      lease: () => Effect.void,
      generate: () => Effect.sync(() => { throw new TypeError("cannot read properties of undefined") })
    })
    return Effect.gen(function* () {
      const result = yield* generate()
      expect(result).toMatchObject({ provider: "gemini", passed: true })
      expect(result.attempts[0].error).toMatchObject({ tag: "UnexpectedResponse" })
      expect(result.attempts[0].error?.message).toContain("cannot read properties of undefined")
    }).pipe(Effect.provide(pipelineLayer({ local: broken, cloud: cloud.layer })))
  })
})

describe("relevance: every answer is judged against the caller's request", () => {
  /** `note`, recording the request each validation was given. */
  const recording = (seen: Array<string | undefined>): ArtifactPlugin => ({
    ...note,
    validate: (content: string, options?: ValidateOptions) => {
      seen.push(options?.request)
      return note.validate(content, options)
    }
  })

  /** Judged against a request, off topic unless the content names "patients", as a plugin's relevance check says. */
  const clinic = defineArtifact({
    ...note,
    id: "clinic",
    validate: (content, options) =>
      verdict(
        {
          score: 95,
          issues: options?.request === undefined || content.includes("patients")
            ? []
            : [{ code: OFF_TOPIC, severity: "error", message: 'The answer is off topic: the request asks for "patients". Missing: "patients".' }]
        },
        options
      )
  })

  it.effect("passes the request to the first answer, the repairs, the alternates and the cloud", () => {
    const seen: Array<string | undefined> = []
    const local = scriptedLocalModels({ [MODEL]: ["BAD", "MEH"], "llama3:8b": ["BAD", "MEH"] })
    const cloud = scriptedCloud(["GOOD cloud"])
    return Effect.gen(function* () {
      const result = yield* generate("a clinic: patients, doctors")
      expect(result.attempts.map((attempt) => `${attempt.provider}:${attempt.model}:${attempt.kind}`)).toEqual([
        `ollama:${MODEL}:generate`,
        `ollama:${MODEL}:repair`,
        "ollama:llama3:8b:generate",
        "ollama:llama3:8b:repair",
        "gemini:gemini-2.5-flash:generate"
      ])
      expect(seen).toEqual(Array(5).fill("a clinic: patients, doctors"))
    }).pipe(
      Effect.provide(
        pipelineLayer({ local: local.layer, cloud: cloud.layer }, { artifacts: { note: { alternates: ["llama3:8b"] } } }, [recording(seen)])
      )
    )
  })

  it.effect("repairs an off-topic answer: the repair prompt names what is missing", () => {
    const local = scriptedLocalModels({ [MODEL]: ["a library: books and loans", "patients and their visits"] })
    const cloud = scriptedCloud(["patients from the cloud"])
    return Effect.gen(function* () {
      const result = yield* Pipeline.use((pipeline) => pipeline.generate("clinic", { prompt: "a clinic: patients" }))
      expect(result).toMatchObject({ provider: "ollama", passed: true, content: "patients and their visits" })
      expect(result.attempts.map((attempt) => [attempt.kind, attempt.issues?.map((issue) => issue.code)])).toEqual([
        ["generate", [OFF_TOPIC]],
        ["repair", []]
      ])
      const repair = local.calls[1].prompt
      expect(repair).toContain('Missing: "patients"')
      expect(repair).toContain("include every name the validator lists as missing")
      expect(cloud.calls).toHaveLength(0)
    }).pipe(Effect.provide(pipelineLayer({ local: local.layer, cloud: cloud.layer }, {}, [clinic])))
  })

  it("asks for the missing names only when relevance is what failed", () => {
    const relevance = defaultRepairPrompt({ prompt: "p" }, "draft", [{ code: MISSING_NAME, severity: "warning", message: 'The request asks for "doctors".' }])
    expect(relevance).toContain("include every name the validator lists as missing")
    const syntax = defaultRepairPrompt({ prompt: "p" }, "draft", [{ code: "parse-error", severity: "error", message: "bad" }])
    expect(syntax).not.toContain("missing")
  })

  it.effect("validate takes the request as an optional prompt; without it only the content is judged", () => {
    const seen: Array<string | undefined> = []
    return Effect.gen(function* () {
      const judged = yield* Pipeline.use((pipeline) => pipeline.validate("clinic", "a library", undefined, { prompt: "a clinic: patients" }))
      expect(judged).toMatchObject({ passed: false, issues: [{ code: OFF_TOPIC }] })
      const alone = yield* Pipeline.use((pipeline) => pipeline.validate("clinic", "a library"))
      expect(alone).toMatchObject({ passed: true, issues: [] })
      yield* Pipeline.use((pipeline) => pipeline.validate("note", "GOOD", undefined, { prompt: "a clinic: patients" }))
      yield* Pipeline.use((pipeline) => pipeline.validate("note", "GOOD", undefined, { prompt: "  " }))
      yield* Pipeline.use((pipeline) => pipeline.validate("note", "GOOD"))
      expect(seen).toEqual(["a clinic: patients", undefined, undefined])
      const large = yield* Effect.flip(Pipeline.use((pipeline) => pipeline.validate("note", "GOOD", undefined, { prompt: "y".repeat(2 * 1024 + 1) })))
      expect(large._tag).toBe("PromptTooLarge")
    }).pipe(
      Effect.provide(
        pipelineLayer({ local: scriptedLocalModels({}).layer, cloud: scriptedCloud([]).layer }, { validation: { max_prompt_kb: 2 } }, [recording(seen), clinic])
      )
    )
  })
})
