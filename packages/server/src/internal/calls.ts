/**
 * The one way the server asks the pipeline for an artifact or a verdict: `POST
 * /v1/artifacts/{artifact}` (JSON or its progress stream), `POST /v1/chat/completions` and MCP's
 * `generate_artifact` generate through here; `POST /v1/validate/{artifact}` and MCP's
 * `validate_artifact` validate through here — so routing, limits and the ladder cannot differ
 * between them.
 */
import { Effect } from "effect"
import type { GenerateOptions, PipelineShape, PluginInfo } from "@lfai/core"
import { failure, fromPipelineError, type HttpFailure } from "./errors.ts"

/** The request fields every surface decodes with core's schema. */
export interface GenerationRequest {
  readonly prompt: string
  readonly system?: string | undefined
  readonly temperature?: number | undefined
}

export const findPlugin = (plugins: ReadonlyArray<PluginInfo>, artifact: string): Effect.Effect<PluginInfo, HttpFailure> => {
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

/** A generation of `plugin` for this request, ready to run with or without progress events. */
export const generation =
  (pipeline: PipelineShape, plugin: PluginInfo, request: GenerationRequest, params: Readonly<Record<string, string>>) =>
  (options?: GenerateOptions) =>
    pipeline
      .generate(
        plugin.id,
        {
          prompt: request.prompt,
          ...(request.system === undefined ? {} : { system: request.system }),
          ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
          ...(Object.keys(params).length === 0 ? {} : { params })
        },
        options
      )
      .pipe(Effect.mapError(fromPipelineError))

/** A validation of `content` as `plugin`'s artifact. */
export const validation = (
  pipeline: PipelineShape,
  plugin: PluginInfo,
  request: { readonly content: string; readonly prompt?: string },
  params: Readonly<Record<string, string>>
) =>
  pipeline
    .validate(plugin.id, request.content, Object.keys(params).length === 0 ? undefined : params, request.prompt === undefined ? {} : { prompt: request.prompt })
    .pipe(Effect.mapError(fromPipelineError))
