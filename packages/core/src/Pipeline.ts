/**
 * The generate pipeline: route → ensure → lease → generate → extract → validate,
 * then the escalation ladder — repair with the same model, the configured alternates, the cloud —
 * and the best result with every attempt.
 */
import { Context, Effect, Layer } from "effect"
import type { LfaiConfigShape } from "./Config.ts"
import { LfaiConfig } from "./Config.ts"
import {
  ConfigError,
  EmptyPrompt,
  InvalidParam,
  NoContent,
  PromptTooLarge,
  LocalTimeout,
  UnexpectedResponse,
  CloudTimeout,
  ExportRejected,
  UnknownExport,
  type CloudError,
  type ExportError,
  type GenerateError,
  type LocalModelError,
  type UnknownArtifact
} from "./Errors.ts"
import {
  defaultRepairPrompt,
  type ArtifactPlugin,
  type ArtifactRequest,
  type ValidateOptions,
  type Validation
} from "./Plugin.ts"
import { CloudFallback, LocalModels, type ChatRequest, type Completion, type PullProgress } from "./Providers.ts"
import { Registry } from "./Registry.ts"
import { decodeGenerateRequest } from "./Requests.ts"
import type { Attempt, GenerateResult, ValidateResult } from "./Result.ts"
import { Stats } from "./Stats.ts"
import { ValidationPool } from "./ValidationPool.ts"

export { safeValidate } from "./internal/check.ts"

/** What happens during a request, for callers that show progress. */
export type PipelineEvent =
  | { readonly type: "route"; readonly artifact: string; readonly model: string; readonly numCtx: number }
  | { readonly type: "pull"; readonly progress: PullProgress }
  /** A call starts: the system prompt and the prompt (first, repair or cloud) sent as they are. */
  | { readonly type: "attempt"; readonly provider: string; readonly model: string; readonly kind: Attempt["kind"]; readonly system: string; readonly prompt: string }
  /** Waiting for the GPU budget to make room for a local model; `leased` once it has. */
  | { readonly type: "lease"; readonly model: string; readonly numCtx: number }
  | { readonly type: "leased"; readonly model: string }
  | { readonly type: "token"; readonly text: string }
  /** A call ended; `raw` is the model's answer as received (before extraction), when there was one. */
  | { readonly type: "attempted"; readonly attempt: Attempt; readonly raw?: string }
  | { readonly type: "fallback"; readonly provider: string; readonly model: string }

export interface GenerateOptions {
  readonly onEvent?: (event: PipelineEvent) => void
}

/** How to validate beyond the content itself. */
export interface ValidateCallOptions {
  /**
   * The request the content answers: judged for relevance (the names it asks for must be in the
   * artifact). Absent or blank: only the content is judged. Larger than `validation.max_prompt_kb`:
   * refused, as for generation.
   */
  readonly prompt?: string
}

export interface PluginInfo {
  readonly id: string
  readonly title: string
  readonly description: string
  readonly model: string
  readonly residency: "persistent" | "on-demand"
  readonly alternates: ReadonlyArray<string>
  readonly threshold: number
  readonly params: Readonly<Record<string, ReadonlyArray<string>>>
  /** The named exports the artifact offers (`--as NAME`, `POST /v1/export/{artifact}`). */
  readonly exports: ReadonlyArray<string>
}

/** An export of a passing content: the rendering and its media type. */
export interface ExportResult {
  readonly artifact: string
  readonly as: string
  readonly contentType: string
  readonly text: string
}

export interface PipelineShape {
  readonly generate: (
    artifact: string,
    request: ArtifactRequest,
    options?: GenerateOptions
  ) => Effect.Effect<GenerateResult, GenerateError | UnknownArtifact>
  readonly validate: (
    artifact: string,
    content: string,
    params?: Readonly<Record<string, string>>,
    options?: ValidateCallOptions
  ) => Effect.Effect<ValidateResult, UnknownArtifact | InvalidParam | PromptTooLarge>
  /** Validates the content (extracted as `validate` does) and, when it passes, renders the export `as`. */
  readonly exportAs: (
    artifact: string,
    content: string,
    as: string,
    params?: Readonly<Record<string, string>>
  ) => Effect.Effect<ExportResult, ExportError>
  readonly plugins: ReadonlyArray<PluginInfo>
}

export class Pipeline extends Context.Service<Pipeline, PipelineShape>()("@lfai/core/Pipeline") {}

const DEFAULT_TEMPERATURE = 0.2
/** Tokens reserved for the answer when `num_ctx` is sized from the prompt. */
const ANSWER_TOKENS = 2048
const NUM_CTX_STEP = 2048

/**
 * The context length sent to Ollama: the configured number, or with `auto` the prompt's estimated
 * tokens (≈ 4 bytes a token) plus room for the answer, in steps of 2048, capped at `num_ctx_max`.
 */
export const resolveNumCtx = (ollama: LfaiConfigShape["ollama"], promptText: string): number => {
  if (ollama.num_ctx !== "auto") return ollama.num_ctx
  const tokens = Math.ceil(Buffer.byteLength(promptText, "utf8") / 4) + ANSWER_TOKENS
  return Math.min(ollama.num_ctx_max, Math.max(NUM_CTX_STEP, Math.ceil(tokens / NUM_CTX_STEP) * NUM_CTX_STEP))
}

/** Routing of one artifact under a config: model, alternates, pass mark. Config overrides win. */
export const route = (plugin: ArtifactPlugin, config: LfaiConfigShape) => {
  const settings = config.artifacts[plugin.id]
  const model = settings?.model ?? plugin.model
  return {
    model,
    alternates: (settings?.alternates ?? []).filter((alternate) => alternate !== model),
    threshold: settings?.pass_threshold ?? config.validation.pass_threshold,
    residency: config.ollama.persistent_models.includes(model) ? ("persistent" as const) : ("on-demand" as const)
  }
}

const checkParams = (plugin: ArtifactPlugin, params: Readonly<Record<string, string>> | undefined) =>
  Effect.forEach(Object.entries(params ?? {}), ([param, value]) => {
    const allowed = plugin.params?.[param] ?? []
    return allowed.includes(value)
      ? Effect.void
      : Effect.fail(new InvalidParam({ artifact: plugin.id, param, value, allowed: [...allowed] }))
  }, { discard: true })

// ---- the ladder -------------------------------------------------------------------------------

/** A draft that came back with content, judged. */
interface Draft {
  readonly content: string
  readonly provider: string
  readonly model: string
  readonly validation: Validation
}

/** Where the ladder stands: every attempt so far, the best draft, and notes for the reason. */
interface Ladder {
  readonly attempts: ReadonlyArray<Attempt>
  readonly best: Draft | undefined
  readonly notes: ReadonlyArray<string>
}

type CallError = LocalModelError | CloudError

/** One rung: a model and how to call it. Its first prompt may depend on the ladder so far. */
interface Rung {
  readonly provider: string
  readonly model: string
  readonly local: boolean
  readonly firstPrompt: (ladder: Ladder) => string
  readonly call: (request: ChatRequest) => Effect.Effect<Completion, CallError>
}

interface Outcome {
  readonly attempt: Attempt
  readonly draft: Draft | undefined
  readonly error: CallError | undefined
}

const better = (a: Draft | undefined, b: Draft | undefined): Draft | undefined => {
  if (!a) return b
  if (!b) return a
  if (a.validation.passed !== b.validation.passed) return a.validation.passed ? a : b
  return b.validation.score > a.validation.score ? b : a
}

const absorb = (ladder: Ladder, outcomes: ReadonlyArray<Outcome>): Ladder => ({
  attempts: [...ladder.attempts, ...outcomes.map((outcome) => outcome.attempt)],
  best: outcomes.reduce((best, outcome) => better(best, outcome.draft), ladder.best),
  notes: ladder.notes
})

const note = (ladder: Ladder, text: string): Ladder => ({ ...ladder, notes: [...ladder.notes, text] })

const isTransient = (error: CallError | undefined): boolean => error?._tag === "LocalTransient"

const describeIssues = (validation: Validation): string => {
  const errors = validation.issues.filter((issue) => issue.severity === "error")
  const shown = (errors.length > 0 ? errors : validation.issues).slice(0, 3)
  return shown.length === 0 ? "" : ` (${shown.map((issue) => issue.message).join("; ")})`
}

const makeGenerate = (
  config: LfaiConfigShape,
  registry: Registry["Service"],
  local: LocalModels["Service"],
  cloud: CloudFallback["Service"],
  stats: Stats["Service"],
  pool: ValidationPool["Service"]
): PipelineShape["generate"] =>
  (artifact, given, options = {}) =>
    Effect.gen(function* () {
      const started = performance.now()
      const plugin = yield* registry.get(artifact)
      // The one request schema (temperature range, field types): as the CLI and HTTP decode it.
      const request = yield* decodeGenerateRequest(artifact, given)
      if (request.prompt.trim() === "") return yield* new EmptyPrompt({ artifact })
      // The extra system text goes to the model too: it counts against the same limit.
      const bytes = Buffer.byteLength(request.prompt, "utf8") + Buffer.byteLength(request.system ?? "", "utf8")
      if (bytes > config.validation.max_prompt_kb * 1024) {
        return yield* new PromptTooLarge({ artifact, bytes, limitKb: config.validation.max_prompt_kb, withSystem: request.system !== undefined && request.system !== "" })
      }
      yield* checkParams(plugin, request.params)

      // A watcher's bug must not cost the caller the artifact: a throwing onEvent is not called again.
      let watcher = options.onEvent
      const emit = (event: PipelineEvent) => {
        try {
          watcher?.(event)
        } catch {
          watcher = undefined
        }
      }
      const routing = route(plugin, config)
      const system = request.system ? `${plugin.prompt.system}\n\n${request.system}` : plugin.prompt.system
      const userPrompt = plugin.prompt.user(request)
      const numCtx = resolveNumCtx(config.ollama, `${system}\n${userPrompt}`)
      const temperature = request.temperature ?? DEFAULT_TEMPERATURE
      // Every answer — first, repair, alternate, cloud — is judged against the caller's request.
      const validateOptions: ValidateOptions = {
        threshold: routing.threshold,
        strict: config.validation.strict_mode,
        ...(request.params ? { params: request.params } : {}),
        request: request.prompt
      }
      const repairPrompt = plugin.prompt.repair ?? defaultRepairPrompt
      emit({ type: "route", artifact, model: routing.model, numCtx })

      const localCall = (model: string) => (chat: ChatRequest) =>
        Effect.scoped(
          Effect.gen(function* () {
            yield* local.ensure(model, (progress) => emit({ type: "pull", progress }))
            emit({ type: "lease", model, numCtx })
            // Waiting for VRAM (and the load) plus generating: never longer than both timeouts together.
            const bound = config.ollama.request_timeout_s + config.ollama.queue_timeout_s
            return yield* Effect.gen(function* () {
              yield* local.lease(model, { numCtx })
              emit({ type: "leased", model })
              return yield* local.generate(chat).pipe(
                Effect.timeoutOrElse({
                  duration: `${config.ollama.request_timeout_s} seconds`,
                  orElse: () => Effect.fail(new LocalTimeout({ model, afterMs: config.ollama.request_timeout_s * 1000 }))
                })
              )
            }).pipe(
              Effect.timeoutOrElse({
                duration: `${bound} seconds`,
                orElse: () => Effect.fail(new LocalTimeout({ model, afterMs: bound * 1000 }))
              })
            )
          })
        )

      const cloudCall = (chat: ChatRequest) =>
        cloud.generate(chat).pipe(
          Effect.timeoutOrElse({
            duration: `${config.gemini.request_timeout_s} seconds`,
            orElse: () => Effect.fail(new CloudTimeout({ model: cloud.model, afterMs: config.gemini.request_timeout_s * 1000 }))
          })
        )

      /** One call: never fails; its error, if any, is in the outcome. */
      const attemptOnce = (rung: Rung, prompt: string, kind: Attempt["kind"]): Effect.Effect<Outcome> =>
        Effect.gen(function* () {
          emit({ type: "attempt", provider: rung.provider, model: rung.model, kind, system, prompt })
          // what was asked and answered, for operators (LFAI_LOG=debug); never a key: none is in either
          yield* Effect.logDebug(`${artifact} ${kind} → ${rung.provider} ${rung.model}\n[system]\n${system}\n[prompt]\n${prompt}`)
          const callStarted = performance.now()
          const chat: ChatRequest = {
            model: rung.model,
            system,
            prompt,
            temperature,
            ...(rung.local ? { numCtx } : {}),
            ...(plugin.format ? { format: plugin.format } : {}),
            // Stream only for a caller that watches: a plain call stays a plain request.
            ...(options.onEvent ? { onToken: (text: string) => emit({ type: "token", text }) } : {})
          }
          // A provider bug (a defect) is this attempt's error, never the whole request's crash.
          const result = yield* Effect.result(
            rung.call(chat).pipe(
              Effect.catchDefect((defect) =>
                Effect.fail(new UnexpectedResponse({ model: rung.model, detail: `provider defect: ${String(defect)}` }))
              )
            )
          )
          const durationMs = performance.now() - callStarted
          const provenance = {
            model: rung.model,
            ...(result._tag === "Success" && result.success.digest ? { digest: result.success.digest } : {}),
            options: { temperature, ...(rung.local ? { num_ctx: numCtx } : {}) },
            validator: { package: plugin.package.name, version: plugin.package.version }
          }
          if (result._tag === "Failure") {
            const error = result.failure
            const attempt: Attempt = {
              provider: rung.provider,
              model: rung.model,
              kind,
              passed: false,
              durationMs,
              error: { tag: error._tag, message: error.message },
              provenance
            }
            emit({ type: "attempted", attempt })
            return { attempt, draft: undefined, error }
          }
          const completion = result.success
          yield* Effect.logDebug(`${artifact} ${kind} ← ${rung.provider} ${completion.model || rung.model}\n${completion.text}`)
          // Judged off the main thread, with a deadline: a pathological answer fails, it never stalls the process.
          const { content, validation } = yield* pool.check(plugin, { text: completion.text, extract: request, options: validateOptions })
          const attempt: Attempt = {
            provider: rung.provider,
            model: completion.model || rung.model,
            kind,
            score: validation.score,
            passed: validation.passed,
            issues: validation.issues,
            durationMs,
            ...(completion.usage ? { usage: completion.usage } : {}),
            provenance
          }
          emit({ type: "attempted", attempt, raw: completion.text })
          const draft = content.trim() === "" ? undefined : { content, provider: rung.provider, model: attempt.model, validation }
          return { attempt, draft, error: undefined }
        })

      /** A transient error (connection reset, 5xx, truncated stream) is retried once on the same model. */
      const attempt = (rung: Rung, prompt: string, kind: Attempt["kind"]) =>
        attemptOnce(rung, prompt, kind).pipe(
          Effect.flatMap((first) =>
            isTransient(first.error)
              ? Effect.map(attemptOnce(rung, prompt, "retry"), (second) => [first, second])
              : Effect.succeed([first])
          )
        )

      /** Sends the validator's issues back to the same model, up to `max_repairs` rounds. */
      const repair = (rung: Rung, ladder: Ladder, draft: Draft | undefined, rounds: number): Effect.Effect<Ladder> =>
        draft === undefined || draft.validation.passed || rounds === 0
          ? Effect.succeed(ladder)
          : attempt(rung, repairPrompt(request, draft.content, draft.validation.issues), "repair").pipe(
              Effect.flatMap((outcomes) => {
                const last = outcomes[outcomes.length - 1]
                return repair(rung, absorb(ladder, outcomes), last.error ? undefined : last.draft, rounds - 1)
              })
            )

      const climbRung = (rung: Rung, ladder: Ladder): Effect.Effect<Ladder> =>
        attempt(rung, rung.firstPrompt(ladder), "generate").pipe(
          Effect.flatMap((outcomes) => {
            const last = outcomes[outcomes.length - 1]
            const after = absorb(ladder, outcomes)
            const withNote = last.error ? note(after, `${rung.provider} ${rung.model}: ${last.error.message}`) : after
            return repair(rung, withNote, last.error ? undefined : last.draft, config.validation.max_repairs)
          })
        )

      const fresh = () => userPrompt
      const localRungs: ReadonlyArray<Rung> = [routing.model, ...routing.alternates].map((model) => ({
        provider: "ollama",
        model,
        local: true,
        firstPrompt: fresh,
        call: localCall(model)
      }))

      const fallbackEnabled = config.validation.enable_cloud_fallback && config.ai_provider.fallback === "gemini"
      const cloudBlocked = !fallbackEnabled
        ? `cloud fallback disabled (${config.validation.enable_cloud_fallback ? "ai_provider.fallback is none" : "validation.enable_cloud_fallback is false"})`
        : cloud.availability.available
          ? undefined
          : cloud.availability.error.message
      const cloudRung: Rung = {
        provider: cloud.provider,
        model: cloud.model,
        local: false,
        firstPrompt: (ladder) =>
          config.gemini.send_draft && ladder.best
            ? repairPrompt(request, ladder.best.content, ladder.best.validation.issues)
            : userPrompt,
        call: cloudCall
      }

      const passed = (ladder: Ladder) => ladder.best?.validation.passed === true
      const climbLocal = localRungs.reduce<Effect.Effect<Ladder>>(
        (ladder, rung) => Effect.flatMap(ladder, (state) => (passed(state) ? Effect.succeed(state) : climbRung(rung, state))),
        Effect.succeed({ attempts: [], best: undefined, notes: [] })
      )
      const final = yield* Effect.flatMap(climbLocal, (ladder) => {
        if (passed(ladder)) return Effect.succeed(ladder)
        if (cloudBlocked) return Effect.succeed(note(ladder, cloudBlocked))
        emit({ type: "fallback", provider: cloud.provider, model: cloud.model })
        return climbRung(cloudRung, ladder)
      })

      const durationMs = performance.now() - started
      const best = final.best
      if (!best) {
        yield* stats.recordNoContent(artifact, durationMs)
        return yield* new NoContent({
          artifact,
          reason: final.notes.join("; ") || "no model produced any content",
          attempts: final.attempts
        })
      }
      const result: GenerateResult = {
        artifact,
        content: best.content,
        provider: best.provider,
        model: best.model,
        score: best.validation.score,
        passed: best.validation.passed,
        issues: best.validation.issues,
        attempts: final.attempts,
        durationMs,
        ...explain(best, final, routing.threshold, cloudBlocked)
      }
      yield* stats.record(artifact, result)
      return result
    })

/** The result's `reason`: why the answer did not pass, or why the cloud answered, or why it did not. */
const explain = (best: Draft, ladder: Ladder, threshold: number, cloudBlocked: string | undefined): { reason?: string } => {
  const localTried = ladder.attempts.filter((attempt) => attempt.provider === "ollama")
  if (best.validation.passed) {
    if (best.provider === "ollama") return {}
    const localBest = localTried.reduce<number | undefined>((max, attempt) => Math.max(max ?? 0, attempt.score ?? 0), undefined)
    const why = localTried.every((attempt) => attempt.error)
      ? `every local attempt failed (${ladder.notes.filter((text) => text.startsWith("ollama")).join("; ")})`
      : `the best local answer scored ${localBest ?? 0}, below the pass mark ${threshold}`
    return { reason: `answered by the cloud fallback: ${why}` }
  }
  const verdict = `the best answer (${best.provider} ${best.model}) scored ${best.validation.score} and did not pass (pass mark ${threshold})${describeIssues(best.validation)}`
  const cloudAttempts = ladder.attempts.filter((attempt) => attempt.provider !== "ollama")
  const cloudNote = cloudBlocked
    ? cloudBlocked
    : cloudAttempts.length > 0 && cloudAttempts.every((attempt) => attempt.error)
      ? `the cloud fallback failed too: ${cloudAttempts[cloudAttempts.length - 1].error?.message}`
      : cloudAttempts.length > 0
        ? "the cloud fallback's answer did not pass either"
        : undefined
  return { reason: cloudNote ? `${verdict}; ${cloudNote}` : verdict }
}

export const make = Effect.gen(function* () {
  const config = yield* LfaiConfig
  const registry = yield* Registry
  // A typo in `artifacts.<id>` would otherwise be ignored without a word.
  const known = registry.list.map((plugin) => plugin.id)
  const stray = Object.keys(config.artifacts).find((id) => !known.includes(id))
  if (stray !== undefined) {
    return yield* new ConfigError({
      path: `artifacts.${stray}`,
      expected: `the id of an artifact plugin (${known.join(", ") || "none registered"})`,
      source: config.source ?? "the config"
    })
  }
  const local = yield* LocalModels
  const cloud = yield* CloudFallback
  const stats = yield* Stats
  const pool = yield* ValidationPool
  const plugins: ReadonlyArray<PluginInfo> = registry.list.map((plugin) => {
    const routing = route(plugin, config)
    return {
      id: plugin.id,
      title: plugin.title,
      description: plugin.description,
      model: routing.model,
      residency: routing.residency,
      alternates: routing.alternates,
      threshold: routing.threshold,
      params: plugin.params ?? {},
      exports: Object.keys(plugin.exports ?? {})
    }
  })
  /**
   * The plugin's verdict on `content` (extracted first, as generation does), on the validation
   * pool; judged against `prompt`, the request, when there is one.
   */
  const judge = (plugin: ArtifactPlugin, content: string, params: Readonly<Record<string, string>> | undefined, prompt = "") =>
    Effect.gen(function* () {
      yield* checkParams(plugin, params)
      const threshold = route(plugin, config).threshold
      const checked = yield* pool.check(plugin, {
        text: content,
        extract: { prompt, ...(params ? { params } : {}) },
        options: {
          threshold,
          strict: config.validation.strict_mode,
          ...(params ? { params } : {}),
          ...(prompt.trim() === "" ? {} : { request: prompt })
        }
      })
      return { ...checked, threshold }
    })
  const validate: PipelineShape["validate"] = (artifact, content, params, options = {}) =>
    Effect.gen(function* () {
      const plugin = yield* registry.get(artifact)
      const prompt = options.prompt ?? ""
      const bytes = Buffer.byteLength(prompt, "utf8")
      if (bytes > config.validation.max_prompt_kb * 1024) {
        return yield* new PromptTooLarge({ artifact, bytes, limitKb: config.validation.max_prompt_kb })
      }
      // What people validate is often a model's answer as is (a fence, a line of prose): judge the
      // artifact in it, as generation does.
      const { validation, threshold } = yield* judge(plugin, content, params, prompt)
      return { artifact, score: validation.score, passed: validation.passed, threshold, issues: validation.issues }
    })
  const exportAs: PipelineShape["exportAs"] = (artifact, content, as, params) =>
    Effect.gen(function* () {
      const plugin = yield* registry.get(artifact)
      yield* checkParams(plugin, params)
      const rendering = plugin.exports?.[as]
      if (rendering === undefined) return yield* new UnknownExport({ artifact, as, offered: Object.keys(plugin.exports ?? {}) })
      const { content: extracted, validation, threshold } = yield* judge(plugin, content, params)
      if (!validation.passed) return yield* new ExportRejected({ artifact, as, score: validation.score, threshold, issues: validation.issues })
      try {
        return { artifact, as, contentType: rendering.contentType, text: rendering.render(extracted) }
      } catch (cause) {
        // A renderer that throws on content its own validator passed is the plugin's bug: say so.
        const issue = { code: "export-failed", severity: "error" as const, message: `the ${as} export of ${artifact} failed: ${String(cause)}` }
        return yield* new ExportRejected({ artifact, as, score: validation.score, threshold, issues: [issue] })
      }
    })
  return Pipeline.of({ generate: makeGenerate(config, registry, local, cloud, stats, pool), validate, exportAs, plugins })
})

export const layer: Layer.Layer<Pipeline, ConfigError, LfaiConfig | Registry | LocalModels | CloudFallback | Stats | ValidationPool> = Layer.effect(
  Pipeline,
  make
)
