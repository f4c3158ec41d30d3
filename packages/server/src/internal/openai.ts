/**
 * The OpenAI-compatible endpoints: `GET /v1/models` (one model per artifact, `lfai/<artifact>`) and
 * `POST /v1/chat/completions`, which reads OpenAI's request as an artifact request and runs the
 * same generation as `POST /v1/artifacts/{artifact}` — the answer is a chat completion whose
 * message is the artifact, with lfai's result in `lfai`, or with `stream: true` the same as
 * `chat.completion.chunk` events. Errors are in OpenAI's shape (the guard and {@link answer}).
 */
import { randomUUID } from "node:crypto"
import { Effect } from "effect"
import { HttpServerResponse } from "effect/http"
import { HttpApiBuilder } from "effect/http-api"
import { Pipeline, type GenerateResult, type PipelineEvent, type PluginInfo } from "@lfai/core"
import { CHAT_FIELDS, ChatCompletionRequest, LfaiApi, type ChatCompletion, type ChatMessage } from "../Api.ts"
import { decodeBody, readJsonObject } from "./body.ts"
import { failure, openAiError, toResponse, type HttpFailure } from "./errors.ts"
import { generation } from "./calls.ts"
import { streamGeneration, type StreamFormat } from "./progress.ts"
import type { ServerState } from "./state.ts"

export const MODEL_PREFIX = "lfai/"

export const modelId = (artifact: string) => `${MODEL_PREFIX}${artifact}`

/** Answers an `HttpFailure` with its error in OpenAI's shape instead of failing. */
const answer = <A, R>(effect: Effect.Effect<A, HttpFailure, R>) =>
  Effect.catch(effect, (error) => Effect.succeed(toResponse(error, "openai")))

const findModel = (plugins: ReadonlyArray<PluginInfo>, model: unknown): Effect.Effect<PluginInfo, HttpFailure> => {
  const models = plugins.map((plugin) => modelId(plugin.id))
  if (typeof model !== "string" || model === "") {
    return Effect.fail(
      failure(400, {
        code: "invalid_body",
        field: "model",
        message: `model: expected the name of a model (${models.join(", ") || "none registered"}), got ${JSON.stringify(model) ?? "nothing"}`
      })
    )
  }
  const plugin = model.startsWith(MODEL_PREFIX) ? plugins.find((candidate) => candidate.id === model.slice(MODEL_PREFIX.length)) : undefined
  if (plugin) return Effect.succeed(plugin)
  return Effect.fail(
    failure(404, {
      code: "unknown_artifact",
      field: "model",
      message: `the model "${model}" does not exist; the models are ${models.join(", ") || "(none registered)"}`,
      known: plugins.map((candidate) => candidate.id)
    })
  )
}

const textOf = (message: ChatMessage): string => {
  const content = message.content ?? ""
  return typeof content === "string" ? content : content.map((part) => part.text).join("\n")
}

/** The last user message is the prompt; system (and developer) messages are the extra system text. */
const promptOf = (messages: ReadonlyArray<ChatMessage>): Effect.Effect<{ readonly prompt: string; readonly system?: string }, HttpFailure> => {
  const last = messages.findLast((message) => message.role === "user")
  if (last === undefined) {
    return Effect.fail(
      failure(400, {
        code: "invalid_body",
        field: "messages",
        message: "messages: no user message; the last user message is the prompt (what the artifact should contain)"
      })
    )
  }
  const system = messages
    .filter((message) => message.role === "system" || message.role === "developer")
    .map(textOf)
    .filter((text) => text.trim() !== "")
    .join("\n\n")
  return Effect.succeed({ prompt: textOf(last), ...(system === "" ? {} : { system }) })
}

/** The pipeline names the prompt and system fields; here both come from `messages`. */
const fromMessages = (error: HttpFailure): HttpFailure =>
  error.detail.field === "prompt" || error.detail.field === "system"
    ? failure(error.status, { ...error.detail, field: "messages" }, error.headers)
    : error

/** Tokens the providers reported, over every attempt of the ladder. */
export const usageOf = (result: GenerateResult) => {
  let prompt = 0
  let completion = 0
  for (const attempt of result.attempts) {
    prompt += attempt.usage?.promptTokens ?? 0
    completion += attempt.usage?.completionTokens ?? 0
  }
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion }
}

const completionOf = (id: string, created: number, result: GenerateResult): ChatCompletion => ({
  id,
  object: "chat.completion",
  created,
  model: result.model,
  choices: [{ index: 0, message: { role: "assistant", content: result.content, refusal: null }, finish_reason: "stop", logprobs: null }],
  usage: usageOf(result),
  lfai: result
})

/** The artifact as deltas, a line each (a client sees it arrive as text does). */
const deltasOf = (content: string): ReadonlyArray<string> => content.match(/[^\n]*\n|[^\n]+$/g) ?? []

const data = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`

/**
 * `chat.completion.chunk` events: the role once the request is routed (with the routed model),
 * each step of the ladder as an SSE comment (clients skip them; proxies see a live connection), the
 * artifact once judged, `finish_reason` with lfai's result, usage when asked, then `[DONE]`.
 */
const chunkFormat = (id: string, created: number, includeUsage: boolean): StreamFormat => {
  let roleSent = false
  const chunk = (model: string, choices: ReadonlyArray<unknown>, extra: Record<string, unknown> = {}) =>
    data({ id, object: "chat.completion.chunk", created, model, choices, ...(includeUsage ? { usage: null } : {}), ...extra })
  const role = (model: string) => {
    if (roleSent) return ""
    roleSent = true
    return chunk(model, [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null, logprobs: null }])
  }
  return {
    event: (event: PipelineEvent) => {
      if (event.type === "route") return role(event.model)
      // A token is a piece of a draft that may not be the answer: only the judged artifact is sent.
      if (event.type === "token") return undefined
      return `: ${JSON.stringify(event)}\n\n`
    },
    result: (result) =>
      role(result.model) +
      deltasOf(result.content)
        .map((text) => chunk(result.model, [{ index: 0, delta: { content: text }, finish_reason: null, logprobs: null }]))
        .join("") +
      chunk(result.model, [{ index: 0, delta: {}, finish_reason: "stop", logprobs: null }], { lfai: result }) +
      (includeUsage ? data({ id, object: "chat.completion.chunk", created, model: result.model, choices: [], usage: usageOf(result) }) : "") +
      "data: [DONE]\n\n",
    failure: (error) => data(openAiError(error.status, error.detail))
  }
}

export const openAiGroup = (state: ServerState) =>
  HttpApiBuilder.group(LfaiApi, "openai", (handlers) =>
    Effect.gen(function* () {
      const pipeline = yield* Pipeline
      const since = Math.floor(Date.now() / 1000)
      const models = {
        object: "list" as const,
        data: pipeline.plugins.map((plugin) => ({ id: modelId(plugin.id), object: "model" as const, created: since, owned_by: "lfai" as const }))
      }
      return handlers
        .handle("models", () => Effect.succeed(models))
        .handleRaw("chatCompletions", ({ request }) =>
          answer(
            Effect.gen(function* () {
              const body = yield* readJsonObject(request, state.maxBodyBytes)
              const plugin = yield* findModel(pipeline.plugins, body.model)
              const { value, params } = yield* decodeBody(ChatCompletionRequest, body, { plugin, fields: CHAT_FIELDS })
              const { prompt, system } = yield* promptOf(value.messages)
              const generate = generation(pipeline, plugin, { prompt, system, temperature: value.temperature ?? undefined }, params)
              const id = `chatcmpl-${randomUUID().replaceAll("-", "")}`
              const created = Math.floor(Date.now() / 1000)
              if (value.stream === true) {
                return yield* streamGeneration(
                  request,
                  state,
                  (onEvent) => generate({ onEvent }).pipe(Effect.mapError(fromMessages)),
                  chunkFormat(id, created, value.stream_options?.include_usage === true),
                  { preflight: true }
                )
              }
              const result = yield* generate().pipe(Effect.mapError(fromMessages))
              return HttpServerResponse.jsonUnsafe(completionOf(id, created, result))
            })
          )
        )
    })
  )
