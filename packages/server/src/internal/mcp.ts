/**
 * lfai's MCP tools, on the official SDK's low-level `Server` (the high-level `McpServer` takes zod
 * schemas only): the tools' input and output schemas are JSON Schema generated from the Effect
 * schemas of the HTTP API — one definition for both — and the arguments are decoded with those
 * same schemas, so a bad argument is a tool error naming the field.
 *
 * - `list_artifacts` → `{ artifacts: PluginInfo[] }`, as GET /v1/plugins
 * - `generate_artifact` `{ artifact, prompt, system?, temperature?, language?, kind?, format? }` →
 *   the generation result, as POST /v1/artifacts/{artifact}; progress notifications while it runs
 *   when the client sends a progress token
 * - `validate_artifact` `{ artifact, content, language?, kind?, format? }` → the validation result,
 *   as POST /v1/validate/{artifact}
 */
import { Effect, Schema } from "effect"
import { Server } from "@modelcontextprotocol/sdk/server/index.js"
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
  type ServerNotification,
  type Tool
} from "@modelcontextprotocol/sdk/types.js"
import { GenerateResult, Pipeline, TEMPERATURE_RANGE, ValidateResult, type PipelineEvent, type PluginInfo as CorePluginInfo } from "@lfai/core"
import pkg from "../../package.json" with { type: "json" }
import { ARTIFACT_PARAMS, GenerateRequest, PluginInfo, ValidateRequest } from "../Api.ts"
import { decodeNamingField, type FieldProblem } from "./body.ts"
import { findPlugin, generation, validation } from "./calls.ts"
import { HttpFailure } from "./errors.ts"

export interface McpTools {
  /** A new MCP server holding lfai's tools (one per stdio session, one per stateless HTTP request). */
  readonly server: () => Server
}

const INSTRUCTIONS =
  "lfai generates software artifacts (Mermaid diagrams and more) with local models and checks every answer with the artifact's real parser: call list_artifacts to see what it makes, generate_artifact for a validated artifact (read `passed`), validate_artifact to check one you wrote."

/** JSON Schema of an Effect schema, self-contained (no `$ref`), as MCP clients expect a tool's schemas. */
export const toolJsonSchema = (schema: Schema.Top, options: { readonly closed?: boolean } = {}): Tool["inputSchema"] => {
  const document = Schema.toJsonSchemaDocument(schema, {
    referencePolicy: () => undefined,
    ...(options.closed ? { onExcessProperty: "error" as const } : {})
  })
  return finiteNumbers(document.schema) as Tool["inputSchema"]
}

/**
 * Effect describes a number's JSON form as a number or the strings "NaN", "Infinity",
 * "-Infinity"; lfai's decoders take finite JSON numbers only, so the tools say just that.
 */
const finiteNumbers = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(finiteNumbers)
  if (node === null || typeof node !== "object") return node
  const record = node as Record<string, unknown>
  const anyOf = record.anyOf
  if (Array.isArray(anyOf) && anyOf.length === 2 && isNonFiniteStrings(anyOf[1]) && (anyOf[0] as { type?: unknown })?.type === "number") {
    const { anyOf: _, ...rest } = record
    return { ...finiteNumbers(anyOf[0]) as object, ...finiteNumbers(rest) as object }
  }
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, finiteNumbers(value)]))
}

const isNonFiniteStrings = (node: unknown) => {
  const values = (node as { type?: unknown; enum?: unknown })?.enum
  return (node as { type?: unknown })?.type === "string" && Array.isArray(values) && values.every((value) => ["NaN", "Infinity", "-Infinity"].includes(value))
}

/** The artifact ids as an enum, so an agent sees what it may ask for. */
const artifactField = (plugins: ReadonlyArray<CorePluginInfo>) => {
  const ids = plugins.map((plugin) => plugin.id)
  const description = `The artifact: ${ids.join(", ") || "(none registered)"}; list_artifacts describes each, with its parameters.`
  return ids.length > 0 ? Schema.Literals(ids as [string, ...Array<string>]).annotate({ description }) : Schema.String.annotate({ description })
}

const ListResult = Schema.Struct({ artifacts: Schema.Array(PluginInfo) })

/** An object with no property (an empty `Struct` would be any non-null value). */
const NoArguments = Schema.Record(Schema.String, Schema.Never)

const paramsOf = (args: Readonly<Record<string, unknown>>): Record<string, string> =>
  Object.fromEntries(ARTIFACT_PARAMS.flatMap((name) => (typeof args[name] === "string" ? [[name, args[name] as string]] : [])))

const structured = (value: object): CallToolResult => ({
  content: [{ type: "text", text: JSON.stringify(value, null, 2) }],
  structuredContent: value as Record<string, unknown>
})

/** A tool error (`isError`): what went wrong in words, and lfai's error as JSON when it says more. */
const toolError = (problem: FieldProblem | HttpFailure): CallToolResult => {
  if (problem instanceof HttpFailure) {
    const { message, ...rest } = problem.detail
    return {
      isError: true,
      content: [
        { type: "text", text: message },
        { type: "text", text: JSON.stringify({ error: { ...rest, message } }, null, 2) }
      ]
    }
  }
  const text = problem.field === "" ? `invalid arguments: ${problem.message}` : `invalid argument "${problem.field}": ${problem.message}`
  return { isError: true, content: [{ type: "text", text }] }
}

/** One line per step of the ladder, for progress notifications. Tokens are drafts' pieces: not progress. */
export const describeEvent = (event: PipelineEvent): string | undefined => {
  switch (event.type) {
    case "route":
      return `routing ${event.artifact} to ${event.model} (num_ctx ${event.numCtx})`
    case "pull": {
      const { model, status, completed, total } = event.progress
      return total ? `pulling ${model}: ${Math.floor(((completed ?? 0) / total) * 100)}%` : `pulling ${model}: ${status}`
    }
    case "lease":
      return `waiting for VRAM for ${event.model}`
    case "leased":
      return `VRAM leased for ${event.model}`
    case "attempt":
      return `${event.kind} with ${event.provider} ${event.model}`
    case "attempted": {
      const attempt = event.attempt
      const outcome = attempt.error ? attempt.error.message : `score ${attempt.score}, ${attempt.passed ? "passed" : "did not pass"}`
      return `${attempt.kind} with ${attempt.provider} ${attempt.model}: ${outcome}`
    }
    case "fallback":
      return `falling back to ${event.provider} ${event.model}`
    case "token":
      return undefined
  }
}

type Notify = (notification: ServerNotification) => Promise<void>

/**
 * Progress notifications for a call whose client sent a progress token (a count of steps; no total
 * is known in advance). Sent in order; `flush` waits for the last, so none arrives after the result.
 */
const progressReporter = (token: string | number | undefined, notify: Notify) => {
  let sent: Promise<void> = Promise.resolve()
  const flush = () => sent
  if (token === undefined) return { onEvent: undefined, flush }
  let step = 0
  let last: string | undefined
  const onEvent = (event: PipelineEvent) => {
    const message = describeEvent(event)
    // Pull progress repeats the same percentage many times: one notification per change.
    if (message === undefined || message === last) return
    last = message
    const progress = ++step
    sent = sent.then(() => notify({ method: "notifications/progress", params: { progressToken: token, progress, message } })).catch(() => undefined)
  }
  return { onEvent, flush }
}

export interface McpToolsOptions {
  /**
   * Completes when calls in flight must give up (a server shutting down past its grace period):
   * each then answers a tool error saying so, instead of leaving its client waiting.
   */
  readonly shutdown?: Effect.Effect<void> | undefined
}

const shuttingDown: CallToolResult = {
  isError: true,
  content: [{ type: "text", text: "the server is shutting down; the call was cancelled (retry on another instance)" }]
}

/** The tools over the pipeline this runs in; their calls run with its services (its logger: stderr). */
export const makeMcpTools = (options: McpToolsOptions = {}): Effect.Effect<McpTools, never, Pipeline> => Effect.gen(function* () {
  const pipeline = yield* Pipeline
  const context = yield* Effect.context<Pipeline>()
  const run = Effect.runPromiseWith(context)
  const artifact = artifactField(pipeline.plugins)
  const GenerateArgs = Schema.Struct({ artifact, ...GenerateRequest.fields })
  const ValidateArgs = Schema.Struct({ artifact, ...ValidateRequest.fields })
  const decode = <S extends Schema.Decoder<unknown>>(schema: S, args: unknown) =>
    decodeNamingField(schema, args, { onExcessProperty: "error" })

  const tools: ReadonlyArray<Tool> = [
    {
      name: "list_artifacts",
      title: "List artifacts",
      description:
        "The artifacts lfai makes and checks: id, title, description, the local model it runs on, its pass mark, and its parameters (language, kind, format) with their allowed values.",
      inputSchema: toolJsonSchema(NoArguments, { closed: true }),
      outputSchema: toolJsonSchema(ListResult),
      annotations: { readOnlyHint: true, openWorldHint: false }
    },
    {
      name: "generate_artifact",
      title: "Generate a validated artifact",
      description:
        `Generates an artifact with the artifact's local model, checks it with the artifact's real parser, repairs it, and falls back to the cloud only when the local answer fails (if the server allows it). Arguments: the artifact, the prompt (what it should contain), optional system text, a temperature from ${TEMPERATURE_RANGE.minimum} to ${TEMPERATURE_RANGE.maximum}, and the artifact's parameters. Answers the result: content, passed, score (0-100), issues, provider, model, every attempt, and reason when it did not pass. Read \`passed\`: a result that did not pass carries the best draft.`,
      inputSchema: toolJsonSchema(GenerateArgs, { closed: true }),
      outputSchema: toolJsonSchema(GenerateResult),
      annotations: { readOnlyHint: true, openWorldHint: true }
    },
    {
      name: "validate_artifact",
      title: "Validate an artifact",
      description:
        "Checks an artifact with its real validator, without any model: score 0-100, passed (at the artifact's pass mark), and issues with their line numbers.",
      inputSchema: toolJsonSchema(ValidateArgs, { closed: true }),
      outputSchema: toolJsonSchema(ValidateResult),
      annotations: { readOnlyHint: true, openWorldHint: false }
    }
  ]

  const calls: Record<string, (args: unknown, onEvent: ((event: PipelineEvent) => void) | undefined) => Effect.Effect<CallToolResult, FieldProblem | HttpFailure>> = {
    list_artifacts: (args) =>
      decode(NoArguments, args).pipe(
        Effect.mapError((problem) => ({ ...problem, message: "list_artifacts takes no arguments" })),
        Effect.as(structured({ artifacts: pipeline.plugins }))
      ),
    generate_artifact: (args, onEvent) =>
      Effect.gen(function* () {
        const value = yield* decode(GenerateArgs, args)
        const plugin = yield* findPlugin(pipeline.plugins, value.artifact)
        const result = yield* generation(pipeline, plugin, value, paramsOf(value))(onEvent ? { onEvent } : undefined)
        return structured(result)
      }),
    validate_artifact: (args) =>
      Effect.gen(function* () {
        const value = yield* decode(ValidateArgs, args)
        const plugin = yield* findPlugin(pipeline.plugins, value.artifact)
        return structured(yield* validation(pipeline, plugin, value, paramsOf(value)))
      })
  }

  const server = () => {
    const mcp = new Server({ name: "lfai", title: "lfai", version: pkg.version }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS })
    mcp.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [...tools] }))
    mcp.setRequestHandler(CallToolRequestSchema, (request, extra) => {
      const call = calls[request.params.name]
      if (call === undefined) {
        throw new McpError(ErrorCode.InvalidParams, `unknown tool "${request.params.name}"; the tools are ${tools.map((tool) => tool.name).join(", ")}`)
      }
      const progress = progressReporter(request.params._meta?.progressToken, extra.sendNotification)
      // The client cancelling the call (or going away) aborts the signal: the generation is interrupted and its VRAM lease returned.
      const answered = call(request.params.arguments ?? {}, progress.onEvent).pipe(Effect.catch((problem) => Effect.succeed(toolError(problem))))
      const shutdown = options.shutdown
      return run(shutdown ? Effect.raceFirst(answered, Effect.as(shutdown, shuttingDown)) : answered, { signal: extra.signal }).then(async (result) => {
        await progress.flush()
        return result
      })
    })
    return mcp
  }
  return { server }
})

