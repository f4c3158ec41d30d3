/**
 * The endpoint implementations: thin adapters from HTTP to the pipeline and the model control.
 */
import { Effect, Layer } from "effect"
import { HttpServerResponse } from "effect/http"
import { HttpApiBuilder } from "effect/http-api"
import { PrometheusMetrics } from "effect/observability"
import { Pipeline, Stats, type GenerateOptions, type PluginInfo } from "@lfai/core"
import { Authorization, EXPORT_FIELDS, ExportRequest, GENERATE_FIELDS, GenerateRequest, LfaiApi, VALIDATE_FIELDS, ValidateRequest } from "../Api.ts"
import { decodeBody, readJsonObject } from "./body.ts"
import { failure, fromPipelineError, toResponse, type HttpFailure } from "./errors.ts"
import { recordVram } from "./metrics.ts"
import { eventStream, wantsEvents } from "./progress.ts"
import type { ServerState } from "./state.ts"

const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

/** Answers an `HttpFailure` with its JSON error instead of failing. */
const answer = <A, R>(effect: Effect.Effect<A, HttpFailure, R>) =>
  Effect.catch(effect, (error) => Effect.succeed(toResponse(error)))

const findPlugin = (plugins: ReadonlyArray<PluginInfo>, artifact: string): Effect.Effect<PluginInfo, HttpFailure> => {
  const plugin = plugins.find((candidate) => candidate.id === artifact)
  if (plugin) return Effect.succeed(plugin)
  const known = plugins.map((candidate) => candidate.id)
  return Effect.fail(
    failure(404, {
      code: "unknown_artifact",
      message: `unknown artifact "${artifact}"; known artifacts: ${known.join(", ") || "(none registered)"}`,
      artifact,
      known
    })
  )
}

const artifactsGroup = (state: ServerState) =>
  HttpApiBuilder.group(LfaiApi, "artifacts", (handlers) =>
    Effect.gen(function* () {
      const pipeline = yield* Pipeline
      return handlers
        .handleRaw("generate", ({ params, request }) =>
          answer(
            Effect.gen(function* () {
              const plugin = yield* findPlugin(pipeline.plugins, params.artifact)
              const body = yield* readJsonObject(request, state.maxBodyBytes)
              const { value, params: artifactParams } = yield* decodeBody(GenerateRequest, body, { plugin, fields: GENERATE_FIELDS })
              const generate = (options?: GenerateOptions) =>
                pipeline
                  .generate(
                    plugin.id,
                    {
                      prompt: value.prompt,
                      ...(value.system === undefined ? {} : { system: value.system }),
                      ...(value.temperature === undefined ? {} : { temperature: value.temperature }),
                      ...(Object.keys(artifactParams).length === 0 ? {} : { params: artifactParams })
                    },
                    options
                  )
                  .pipe(Effect.mapError(fromPipelineError))
              if (wantsEvents(request)) return eventStream(request, state, (onEvent) => generate({ onEvent }))
              return yield* generate()
            })
          )
        )
        .handleRaw("validate", ({ params, request }) =>
          answer(
            Effect.gen(function* () {
              const plugin = yield* findPlugin(pipeline.plugins, params.artifact)
              const body = yield* readJsonObject(request, state.maxBodyBytes)
              const { value, params: artifactParams } = yield* decodeBody(ValidateRequest, body, { plugin, fields: VALIDATE_FIELDS })
              return yield* pipeline
                .validate(plugin.id, value.content, Object.keys(artifactParams).length === 0 ? undefined : artifactParams)
                .pipe(Effect.mapError(fromPipelineError))
            })
          )
        )
        .handleRaw("export", ({ params, request }) =>
          answer(
            Effect.gen(function* () {
              const plugin = yield* findPlugin(pipeline.plugins, params.artifact)
              const body = yield* readJsonObject(request, state.maxBodyBytes)
              const { value, params: artifactParams } = yield* decodeBody(ExportRequest, body, { plugin, fields: EXPORT_FIELDS })
              const exported = yield* pipeline
                .exportAs(plugin.id, value.content, value.as, Object.keys(artifactParams).length === 0 ? undefined : artifactParams)
                .pipe(Effect.mapError(fromPipelineError))
              return HttpServerResponse.text(exported.text, { contentType: exported.contentType })
            })
          )
        )
        .handle("plugins", () => Effect.succeed(pipeline.plugins))
    })
  )

const systemGroup = (state: ServerState) =>
  HttpApiBuilder.group(LfaiApi, "system", (handlers) =>
    Effect.gen(function* () {
      const stats = yield* Stats
      return handlers
        .handle("vram", () => state.vram)
        .handle("stats", () => stats.snapshot)
        .handle("metrics", () =>
          Effect.gen(function* () {
            yield* recordVram(yield* state.vram)
            const text = yield* PrometheusMetrics.format()
            return HttpServerResponse.text(text, { contentType: PROMETHEUS_CONTENT_TYPE })
          })
        )
        .handle("health", () => Effect.map(state.health, (ollama) => ({ status: "ok" as const, ollama })))
    })
  )

/** The bearer check runs in the guard, before routing; this only satisfies the declared security scheme. */
const authorizationLayer = Layer.succeed(Authorization, { bearer: (httpEffect) => httpEffect })

/** Every group, built from the services (pipeline, stats, model control, config). */
export const handlersLayer = (state: ServerState) =>
  Layer.mergeAll(artifactsGroup(state), systemGroup(state)).pipe(Layer.provide(authorizationLayer))
