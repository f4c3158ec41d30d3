/**
 * The HTTP API of lfai, as one `effect/http-api` definition: the server is built
 * from it, `/openapi.json` and the docs page are generated from it, and a typed client can be
 * derived from it (`HttpApiClient.make(LfaiApi, { baseUrl })`).
 */
import { Schema } from "effect"
import { HttpApi, HttpApiEndpoint, HttpApiGroup, HttpApiMiddleware, HttpApiSchema, HttpApiSecurity, OpenApi } from "effect/http-api"
import { Attempt, exportFields, GenerateResult, generateFields, Issue, Temperature, ValidateResult, validateFields } from "@lfai/core"

// ---- errors ------------------------------------------------------------------------------------

/** The body of every error: `{ error: { code, message, ... } }`. The extra members depend on the code. */
export const ErrorDetail = Schema.Struct({
  /** Stable, snake_case: `bad_json`, `invalid_body`, `unknown_artifact`, `too_many_requests`, … */
  code: Schema.String,
  message: Schema.String,
  /** `invalid_body`: the offending field, as a dotted path. */
  field: Schema.optionalKey(Schema.String),
  /** `unknown_artifact`, `empty_prompt`, `invalid_param`, `no_content`, `prompt_too_large`. */
  artifact: Schema.optionalKey(Schema.String),
  /** `unknown_artifact`: the artifacts this server knows. */
  known: Schema.optionalKey(Schema.Array(Schema.String)),
  /** `invalid_param`: the parameter, the value given and the values allowed (empty: the artifact takes no such parameter). */
  param: Schema.optionalKey(Schema.String),
  value: Schema.optionalKey(Schema.String),
  allowed: Schema.optionalKey(Schema.Array(Schema.String)),
  /** `body_too_large`, `prompt_too_large`: the limit in KiB (and the size sent, in bytes, when known). */
  limitKb: Schema.optionalKey(Schema.Number),
  bytes: Schema.optionalKey(Schema.Number),
  /** `too_many_requests`: the per-client cap (`server.max_concurrent_per_client`). */
  limit: Schema.optionalKey(Schema.Number),
  /** `method_not_allowed`: the methods the path answers to. */
  methods: Schema.optionalKey(Schema.Array(Schema.String)),
  /** `no_content`: why nothing came back, and every attempt. */
  reason: Schema.optionalKey(Schema.String),
  attempts: Schema.optionalKey(Schema.Array(Attempt)),
  /** `unknown_export`, `export_rejected`: the export asked for; `unknown_export`: the ones the artifact offers. */
  as: Schema.optionalKey(Schema.String),
  offered: Schema.optionalKey(Schema.Array(Schema.String)),
  /** `export_rejected`: the content's score, the pass mark, and the validator's issues. */
  score: Schema.optionalKey(Schema.Number),
  threshold: Schema.optionalKey(Schema.Number),
  issues: Schema.optionalKey(Schema.Array(Issue))
}).annotate({ identifier: "ErrorDetail" })
export type ErrorDetail = typeof ErrorDetail.Type

export const ErrorBody = Schema.Struct({ error: ErrorDetail })
export type ErrorBody = typeof ErrorBody.Type

const errorAt = (status: number, description: string) =>
  ErrorBody.pipe(HttpApiSchema.status(status)).annotate({ description })

/** 400: bad JSON, a body that does not match the schema (naming the field), an empty prompt, an invalid parameter, an unknown export. */
export const BadRequest = errorAt(400, "bad_json, invalid_body (names the field), empty_prompt, invalid_param, unknown_export (lists the exports offered)")
/** 401: a token is set and the request has no valid `Authorization: Bearer …`. */
export const Unauthorized = errorAt(401, "unauthorized: a bearer token is required")
/** 404: unknown artifact (with the known ones), or no such route. */
export const NotFound = errorAt(404, "unknown_artifact (lists the known artifacts) or not_found")
/** 413: the body is over `server.max_body_kb`, or the prompt over `validation.max_prompt_kb`. */
export const PayloadTooLarge = errorAt(413, "body_too_large (server.max_body_kb) or prompt_too_large (validation.max_prompt_kb)")
/** 422: the content to export does not pass its validator. */
export const Unprocessable = errorAt(422, "export_rejected: the content does not pass validation; carries the score, the pass mark and the issues")
/** 429: the client has `server.max_concurrent_per_client` requests in flight; see `Retry-After`. */
export const TooManyRequests = errorAt(429, "too_many_requests: the per-client concurrency cap; retry after Retry-After seconds")
/** 502: every attempt failed and not one produced content. */
export const NoContent = errorAt(502, "no_content: every attempt failed and none produced content; carries the attempts")
/** 503: the server is shutting down. */
export const ShuttingDown = errorAt(503, "shutting_down: the server is draining and takes no new work")

// ---- requests ------------------------------------------------------------------------------------

const paramFields = {
  language: Schema.optionalKey(
    Schema.String.annotate({
      description:
        "code: `typescript` or `csharp`. When given, an answer in the other language is the wrong type; when absent it is inferred. Any parameter an artifact declares (see GET /v1/plugins, `params`) is accepted as a top-level field like this one."
    })
  ),
  kind: Schema.optionalKey(
    Schema.String.annotate({ description: "docs: `readme`, `adr`, `runbook` or `api-guide`; inferred when absent." })
  ),
  format: Schema.optionalKey(Schema.String.annotate({ description: "apidocs: `openapi` or `markdown`; inferred when absent." }))
}

/** The artifact parameters every surface documents (a plugin may declare others; HTTP bodies accept those too). */
export const ARTIFACT_PARAMS: ReadonlyArray<string> = Object.keys(paramFields)

/** Core's request fields (the one schema the CLI and the pipeline decode with too), the artifact's parameters beside them. */
export const GenerateRequest = Schema.Struct({ ...generateFields, ...paramFields }).annotate({ identifier: "GenerateRequest" })
export type GenerateRequest = typeof GenerateRequest.Type

export const ValidateRequest = Schema.Struct({ ...validateFields, ...paramFields }).annotate({ identifier: "ValidateRequest" })
export type ValidateRequest = typeof ValidateRequest.Type

export const ExportRequest = Schema.Struct({ ...exportFields, ...paramFields }).annotate({ identifier: "ExportRequest" })
export type ExportRequest = typeof ExportRequest.Type

/** The top-level fields that are not artifact parameters. */
export const GENERATE_FIELDS: ReadonlyArray<string> = Object.keys(generateFields)
export const VALIDATE_FIELDS: ReadonlyArray<string> = Object.keys(validateFields)
export const EXPORT_FIELDS: ReadonlyArray<string> = Object.keys(exportFields)

// ---- responses ------------------------------------------------------------------------------------

export const PluginInfo = Schema.Struct({
  id: Schema.String,
  title: Schema.String,
  description: Schema.String,
  model: Schema.String,
  residency: Schema.Literals(["persistent", "on-demand"]),
  alternates: Schema.Array(Schema.String),
  threshold: Schema.Number,
  params: Schema.Record(Schema.String, Schema.Array(Schema.String)),
  exports: Schema.Array(Schema.String).annotate({ description: "The exports `POST /v1/export/{artifact}` renders" })
}).annotate({ identifier: "PluginInfo" })

export const LoadedModel = Schema.Struct({
  name: Schema.String,
  sizeVramGb: Schema.Number,
  residency: Schema.Literals(["persistent", "on-demand", "foreign"]),
  leases: Schema.Number.annotate({ description: "Requests holding the model now" }),
  idleSeconds: Schema.NullOr(Schema.Number).annotate({
    description:
      "Whole seconds since the model was last used (its last request ended, or it finished loading); null while a request holds it, while it loads or unloads, and for foreign models. On-demand models are unloaded once it reaches ollama.idle_unload_s"
  }),
  host: Schema.String.annotate({ description: "The Ollama server the model is loaded on" })
}).annotate({ identifier: "LoadedModel", description: "A model loaded on an Ollama server, as the GPU budget sees it" })

/** What a budget holds: one host's, or the totals. */
const vramFigures = {
  usedGb: Schema.Number,
  totalGb: Schema.Number,
  usagePercent: Schema.Number,
  activeModels: Schema.Array(Schema.String),
  models: Schema.Array(LoadedModel),
  queued: Schema.Number
}

export const HostVram = Schema.Struct({
  url: Schema.String,
  up: Schema.Boolean.annotate({ description: "Whether the server answered; a host that stops answering is left alone until a probe finds it again" }),
  ...vramFigures
}).annotate({ identifier: "HostVram", description: "One Ollama server's GPU budget (ollama.hosts)" })

export const VramReport = Schema.Struct({
  ...vramFigures,
  ollama: Schema.Literals(["reachable", "unreachable"]).annotate({ description: "reachable when at least one host answers" }),
  hosts: Schema.Array(HostVram).annotate({ description: "Every Ollama server, in the config's order; the top-level figures are their totals" }),
  warnings: Schema.Array(Schema.String)
}).annotate({ identifier: "VramReport", description: "The GPU budgets' own view (totals, and each host's), reconciled with each Ollama's /api/ps when it answers" })

const Distribution = Schema.Struct({
  count: Schema.Number,
  mean: Schema.Number,
  min: Schema.Number,
  max: Schema.Number,
  buckets: Schema.Array(Schema.Tuple([Schema.Number, Schema.Number]))
})

export const ArtifactStats = Schema.Struct({
  total_requests: Schema.Number,
  successful_requests: Schema.Number,
  failed_requests: Schema.Number,
  local: Schema.Number,
  fallback: Schema.Number,
  local_share: Schema.NullOr(Schema.Number),
  models_used: Schema.Record(Schema.String, Schema.Number),
  cloud_tokens: Schema.Struct({ prompt: Schema.Number, completion: Schema.Number }),
  score: Schema.NullOr(Distribution),
  latency_ms: Schema.NullOr(Distribution)
})

export const StatsSnapshot = Schema.Record(Schema.String, ArtifactStats).annotate({
  identifier: "Stats",
  description: "Per artifact: totals, local vs fallback, models used, score and latency distributions"
})

export const Health = Schema.Struct({
  status: Schema.Literal("ok"),
  ollama: Schema.Literals(["reachable", "unreachable"]).annotate({ description: "reachable when at least one host answers" }),
  hosts: Schema.Array(Schema.Struct({ url: Schema.String, up: Schema.Boolean })).annotate({ description: "Whether each Ollama server answers now" })
}).annotate({ identifier: "Health" })

/** An export is text in its own media type: jira's `csv` is text/csv, `markdown` text/markdown. */
export const ExportText = [
  Schema.String.pipe(HttpApiSchema.asText({ contentType: "text/csv" })).annotate({ description: "CSV (RFC 4180), e.g. jira's `csv` for Jira's importer" }),
  Schema.String.pipe(HttpApiSchema.asText({ contentType: "text/markdown" })).annotate({ description: "Markdown, e.g. jira's `markdown`" }),
  Schema.String.pipe(HttpApiSchema.asText({ contentType: "application/json" })).annotate({ description: "JSON, e.g. jira's `json`" })
] as const

export const PrometheusText = Schema.String.pipe(
  HttpApiSchema.asText({ contentType: "text/plain; version=0.0.4; charset=utf-8" })
).annotate({ description: "Prometheus text exposition format; every metric is named lfai_*" })

// ---- security ------------------------------------------------------------------------------------

/**
 * Declares the bearer scheme in the OpenAPI document. The check itself runs before routing, in
 * the server's guard (so it also covers /openapi.json and /docs, and comes before any body is
 * read); it applies only when the server has a token.
 */
export class Authorization extends HttpApiMiddleware.Service<Authorization>()("@lfai/server/Authorization", {
  security: {
    bearer: HttpApiSecurity.bearer.pipe(
      HttpApiSecurity.annotate(OpenApi.Description, "LFAI_TOKEN (or `lfai serve --token`); required when the server has a token, always when it binds beyond loopback")
    )
  }
}) {}

// ---- the OpenAI-compatible endpoints ----------------------------------------------------------------

/**
 * An error of the OpenAI-compatible routes, in OpenAI's shape (what OpenAI's clients read), with
 * lfai's own error beside it (`lfai`: the code and every detail of the error table).
 */
export const OpenAiErrorDetail = Schema.Struct({
  message: Schema.String,
  type: Schema.String.annotate({
    description: "`invalid_request_error` (400, 404, 405, 413), `authentication_error` (401), `rate_limit_error` (429), `server_error` (5xx)"
  }),
  code: Schema.NullOr(Schema.String).annotate({ description: "`model_not_found`, `invalid_api_key`, or lfai's code (`invalid_body`, `empty_prompt`, …)" }),
  param: Schema.NullOr(Schema.String).annotate({ description: "The request field at fault (`model`, `messages`, `temperature`, …), when there is one." }),
  lfai: Schema.optionalKey(ErrorDetail)
}).annotate({ identifier: "OpenAiErrorDetail" })
export type OpenAiErrorDetail = typeof OpenAiErrorDetail.Type

export const OpenAiErrorBody = Schema.Struct({ error: OpenAiErrorDetail })
export type OpenAiErrorBody = typeof OpenAiErrorBody.Type

const openAiErrorAt = (status: number, description: string) =>
  OpenAiErrorBody.pipe(HttpApiSchema.status(status)).annotate({ description })

const OpenAiErrors = [
  openAiErrorAt(400, "invalid_request_error: bad JSON, a field of the wrong type or range (`param` names it), no user message, an empty prompt, an invalid parameter"),
  openAiErrorAt(401, "authentication_error (`invalid_api_key`): the server has a token and the request has no valid `Authorization: Bearer …`"),
  openAiErrorAt(404, "invalid_request_error (`model_not_found`): no such model; the message names the models"),
  openAiErrorAt(413, "invalid_request_error: the body is over `server.max_body_kb`, or the prompt over `validation.max_prompt_kb`"),
  openAiErrorAt(429, "rate_limit_error: this client has `server.max_concurrent_per_client` requests in flight; retry after Retry-After seconds"),
  openAiErrorAt(502, "server_error (`no_content`): every attempt failed and none produced content"),
  openAiErrorAt(503, "server_error (`shutting_down`): the server is draining")
] as const

/** The text of a chat message: a string, or text parts (other parts — images, audio — are refused). */
const ChatContent = Schema.NullOr(
  Schema.Union([Schema.String, Schema.Array(Schema.Struct({ type: Schema.Literal("text"), text: Schema.String }))])
)

export const ChatMessage = Schema.Struct({
  role: Schema.Literals(["system", "developer", "user", "assistant", "tool"]),
  content: Schema.optionalKey(ChatContent),
  name: Schema.optionalKey(Schema.String)
}).annotate({ identifier: "ChatMessage" })
export type ChatMessage = typeof ChatMessage.Type

const NOT_USED = "Accepted for compatibility with OpenAI's clients, not used: lfai generates the whole artifact with its config's settings."
const notUsed = <S extends Schema.Top>(schema: S) => Schema.optionalKey(Schema.NullOr(schema).annotate({ description: NOT_USED }))

/**
 * `POST /v1/chat/completions`: OpenAI's request, read as an artifact request. The artifact's
 * parameters (`language`, `kind`, `format`) come as extra top-level fields, as on
 * `POST /v1/artifacts/{artifact}`.
 */
export const ChatCompletionRequest = Schema.Struct({
  model: Schema.String.annotate({ description: "`lfai/<artifact>`, e.g. `lfai/erd`; GET /v1/models lists them." }),
  messages: Schema.Array(ChatMessage).annotate({
    description:
      "The last user message is the prompt; system (and developer) messages are appended to the artifact's system prompt; assistant and tool messages are not used. Content is a string or text parts."
  }),
  temperature: Schema.optionalKey(Schema.NullOr(Temperature).annotate({ description: "Sampling temperature, 0..2 (default 0.2)." })),
  stream: Schema.optionalKey(
    Schema.NullOr(Schema.Boolean).annotate({
      description:
        "true: answer with server-sent `chat.completion.chunk` events: a role chunk once the request is routed, the artifact once it is judged (as one or more deltas), a chunk with `finish_reason` and `lfai`, then `data: [DONE]`."
    })
  ),
  stream_options: Schema.optionalKey(
    Schema.NullOr(
      Schema.Struct({
        include_usage: Schema.optionalKey(Schema.Boolean.annotate({ description: "true: one more chunk before `[DONE]`, with `usage` and no choices." }))
      })
    )
  ),
  n: Schema.optionalKey(Schema.NullOr(Schema.Literal(1)).annotate({ description: "One choice: the artifact." })),
  user: notUsed(Schema.String),
  top_p: notUsed(Schema.Number),
  max_tokens: notUsed(Schema.Number),
  max_completion_tokens: notUsed(Schema.Number),
  presence_penalty: notUsed(Schema.Number),
  frequency_penalty: notUsed(Schema.Number),
  seed: notUsed(Schema.Number),
  stop: notUsed(Schema.Union([Schema.String, Schema.Array(Schema.String)])),
  ...paramFields
}).annotate({ identifier: "ChatCompletionRequest" })
export type ChatCompletionRequest = typeof ChatCompletionRequest.Type

/** The top-level fields of a chat completion request that are not artifact parameters. */
export const CHAT_FIELDS: ReadonlyArray<string> = Object.keys(ChatCompletionRequest.fields).filter((field) => !ARTIFACT_PARAMS.includes(field))

export const ChatCompletionUsage = Schema.Struct({
  prompt_tokens: Schema.Number,
  completion_tokens: Schema.Number,
  total_tokens: Schema.Number
}).annotate({ description: "Tokens the providers reported, summed over every attempt of the ladder (0 when a provider reports none)." })

export const ChatCompletion = Schema.Struct({
  id: Schema.String,
  object: Schema.Literal("chat.completion"),
  created: Schema.Number,
  model: Schema.String.annotate({ description: "The model that produced the answer, e.g. `mistral:7b-instruct-q4_K_M` or the cloud model." }),
  choices: Schema.Array(
    Schema.Struct({
      index: Schema.Number,
      message: Schema.Struct({
        role: Schema.Literal("assistant"),
        content: Schema.String.annotate({ description: "The artifact (the best draft when it did not pass: read `lfai.passed`)." }),
        refusal: Schema.Null
      }),
      finish_reason: Schema.Literal("stop"),
      logprobs: Schema.Null
    })
  ),
  usage: ChatCompletionUsage,
  lfai: GenerateResult.annotate({ description: "lfai's full result: provider, score, passed, issues, every attempt, reason." })
}).annotate({ identifier: "ChatCompletion" })
export type ChatCompletion = typeof ChatCompletion.Type

export const ChatCompletionEvents = Schema.String.pipe(HttpApiSchema.asText({ contentType: "text/event-stream" })).annotate({
  description:
    "With `stream: true`: `data: {chat.completion.chunk}` events, then `data: [DONE]`. An error after the stream opened comes as one `data: {\"error\": {…}}` event and ends it."
})

export const OpenAiModel = Schema.Struct({
  id: Schema.String.annotate({ description: "`lfai/<artifact>`" }),
  object: Schema.Literal("model"),
  created: Schema.Number.annotate({ description: "When this server started (Unix seconds)." }),
  owned_by: Schema.Literal("lfai")
}).annotate({ identifier: "OpenAiModel" })

export const OpenAiModelList = Schema.Struct({
  object: Schema.Literal("list"),
  data: Schema.Array(OpenAiModel)
}).annotate({ identifier: "OpenAiModelList" })

export const OpenAiGroup = HttpApiGroup.make("openai")
  .add(
    HttpApiEndpoint.get("models", "/v1/models", {
      success: OpenAiModelList,
      error: OpenAiErrors
    }).annotateMerge(OpenApi.annotations({ summary: "List the models (OpenAI-compatible)", description: "One model per artifact plugin: `lfai/<artifact>`." })),
    HttpApiEndpoint.post("chatCompletions", "/v1/chat/completions", {
      payload: ChatCompletionRequest,
      success: [ChatCompletion, ChatCompletionEvents],
      error: OpenAiErrors
    }).annotateMerge(
      OpenApi.annotations({
        summary: "Chat completions (OpenAI-compatible)",
        description:
          "The full flow of POST /v1/artifacts/{artifact} for `model: lfai/<artifact>`, answered as a chat completion whose message content is the artifact, with lfai's result in `lfai`. 200 whether the artifact passed or not (read `lfai.passed`). Errors are in OpenAI's shape."
      })
    )
  )
  .middleware(Authorization)
  .annotate(OpenApi.Title, "openai")

// ---- the API ------------------------------------------------------------------------------------

const artifactParam = { artifact: Schema.String.annotate({ description: "The artifact id, e.g. `erd` (GET /v1/plugins lists them)." }) }

export const ArtifactsGroup = HttpApiGroup.make("artifacts")
  .add(
    HttpApiEndpoint.post("generate", "/v1/artifacts/:artifact", {
      params: artifactParam,
      payload: GenerateRequest,
      success: GenerateResult.annotate({ identifier: "GenerateResult" }),
      error: [BadRequest, Unauthorized, NotFound, PayloadTooLarge, TooManyRequests, NoContent, ShuttingDown]
    }).annotateMerge(
      OpenApi.annotations({
        summary: "Generate an artifact",
        description:
          "The full flow: the artifact's local model first, validated, repaired, then the configured alternates and the cloud fallback. 200 with the result whether it passed or not (read `passed`); 502 only when no attempt produced any content."
      })
    ),
    HttpApiEndpoint.post("validate", "/v1/validate/:artifact", {
      params: artifactParam,
      payload: ValidateRequest,
      success: ValidateResult.annotate({ identifier: "ValidateResult" }),
      error: [BadRequest, Unauthorized, NotFound, PayloadTooLarge, TooManyRequests, ShuttingDown]
    }).annotateMerge(
      OpenApi.annotations({
        summary: "Validate an artifact",
        description: "Runs the artifact's validator only, as `lfai validate --json`; with `prompt`, also judges the content against that request."
      })
    ),
    HttpApiEndpoint.post("export", "/v1/export/:artifact", {
      params: artifactParam,
      payload: ExportRequest,
      success: ExportText,
      error: [BadRequest, Unauthorized, NotFound, PayloadTooLarge, Unprocessable, TooManyRequests, ShuttingDown]
    }).annotateMerge(
      OpenApi.annotations({
        summary: "Export an artifact",
        description:
          "Validates the content and, when it passes, answers the export `as` as text in the export's own content type (jira: `csv` as text/csv for Jira's importer, `markdown` as text/markdown, `json`). An export the artifact does not offer is a 400 that lists the ones it does; content that does not pass is a 422 with the issues."
      })
    ),
    HttpApiEndpoint.get("plugins", "/v1/plugins", {
      success: Schema.Array(PluginInfo),
      error: [Unauthorized, TooManyRequests, ShuttingDown]
    }).annotateMerge(OpenApi.annotations({ summary: "List the artifact plugins" }))
  )
  .middleware(Authorization)
  .annotate(OpenApi.Title, "artifacts")

export const SystemGroup = HttpApiGroup.make("system")
  .add(
    HttpApiEndpoint.get("vram", "/v1/vram", {
      success: VramReport,
      error: [Unauthorized, TooManyRequests, ShuttingDown]
    })
      .middleware(Authorization)
      .annotateMerge(
        OpenApi.annotations({
          summary: "The GPU budget",
          description: "Always 200. The totals over every Ollama host, and `hosts`: each host's budget and whether it answered; `ollama` says whether any did."
        })
      ),
    HttpApiEndpoint.get("stats", "/v1/stats", {
      success: StatsSnapshot,
      error: [Unauthorized, TooManyRequests, ShuttingDown]
    })
      .middleware(Authorization)
      .annotateMerge(OpenApi.annotations({ summary: "Per-artifact stats" })),
    HttpApiEndpoint.get("metrics", "/metrics", {
      success: PrometheusText,
      error: [Unauthorized, ShuttingDown]
    })
      .middleware(Authorization)
      .annotateMerge(OpenApi.annotations({ summary: "Prometheus metrics (lfai_*)" })),
    HttpApiEndpoint.get("health", "/healthz", { success: Health }).annotateMerge(
      OpenApi.annotations({ summary: "Liveness", description: "200 while the process serves; says which Ollama hosts answer. Never needs a token." })
    )
  )
  .annotate(OpenApi.Title, "system")

export const LfaiApi = HttpApi.make("lfai")
  .add(ArtifactsGroup, SystemGroup, OpenAiGroup)
  .annotateMerge(
    OpenApi.annotations({
      title: "lfai",
      version: "0.1.0",
      description:
        "Local-first artifact generation: local Ollama models first, every answer validated, Gemini only as a fallback. When the server runs with a token, every route but /healthz needs `Authorization: Bearer <token>`. Every error is `{ error: { code, message, ... } }`; on the OpenAI-compatible routes in OpenAI's shape, `{ error: { message, type, code, param } }`."
    })
  )

export type LfaiApi = typeof LfaiApi
