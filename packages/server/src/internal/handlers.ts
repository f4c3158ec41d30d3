/**
 * The endpoint implementations: thin adapters from HTTP to the pipeline and the model control.
 */
import { Effect, Layer } from "effect"
import { HttpServerResponse } from "effect/http"
import { HttpApiBuilder } from "effect/http-api"
import { PrometheusMetrics } from "effect/observability"
import { Pipeline, Stats } from "@lfai/core"
import { Authorization, EXPORT_FIELDS, ExportRequest, GENERATE_FIELDS, GenerateRequest, LfaiApi, VALIDATE_FIELDS, ValidateRequest } from "../Api.ts"
import { decodeBody, readJsonObject } from "./body.ts"
import { findPlugin, generation, validation } from "./calls.ts"
import { fromPipelineError, toResponse, type HttpFailure } from "./errors.ts"
import { recordVram } from "./metrics.ts"
import { openAiGroup } from "./openai.ts"
import { progressFormat, streamGeneration, wantsEvents } from "./progress.ts"
import type { ServerState } from "./state.ts"

const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

/** Answers an `HttpFailure` with its JSON error instead of failing. */
const answer = <A, R>(effect: Effect.Effect<A, HttpFailure, R>) =>
  Effect.catch(effect, (error) => Effect.succeed(toResponse(error)))

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
              const generate = generation(pipeline, plugin, value, artifactParams)
              if (wantsEvents(request)) {
                return yield* streamGeneration(request, state, (onEvent) => generate({ onEvent }), progressFormat, { preflight: false })
              }
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
              return yield* validation(pipeline, plugin, value, artifactParams)
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
        .handle("health", () => Effect.map(state.health, (health) => ({ status: "ok" as const, ...health })))
    })
  )

/** The bearer check runs in the guard, before routing; this only satisfies the declared security scheme. */
const authorizationLayer = Layer.succeed(Authorization, { bearer: (httpEffect) => httpEffect })

/** Every group, built from the services (pipeline, stats, model control, config). */
export const handlersLayer = (state: ServerState) =>
  Layer.mergeAll(artifactsGroup(state), systemGroup(state), openAiGroup(state)).pipe(Layer.provide(authorizationLayer))
