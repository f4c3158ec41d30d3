/**
 * Reading and decoding request bodies: a size limit (413), JSON (400 bad_json), the endpoint's
 * schema (400 invalid_body naming the field), and artifact parameters as top-level fields.
 */
import { ByteSize, Cause, Effect, Exit, Schema, type SchemaAST, SchemaIssue } from "effect"
import { HttpIncomingMessage, type HttpServerRequest } from "effect/http"
import type { PluginInfo } from "@lfai/core"
import { failure, type HttpFailure } from "./errors.ts"

const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1()

const tooLarge = (limitBytes: number, bytes?: number) =>
  failure(
    413,
    {
      code: "body_too_large",
      message: `the request body${bytes === undefined ? "" : ` (${bytes} bytes)`} is over the limit of ${formatKb(limitBytes)} KiB (server.max_body_kb)`,
      limitKb: limitBytes / 1024,
      ...(bytes === undefined ? {} : { bytes })
    },
    { connection: "close" }
  )

const formatKb = (bytes: number) => Number((bytes / 1024).toFixed(2)).toString()

/** 413 before a byte is read when the declared length is over the limit. */
export const checkDeclaredLength = (request: HttpServerRequest.HttpServerRequest, limitBytes: number): HttpFailure | undefined => {
  const declared = request.headers["content-length"]
  if (declared === undefined) return undefined
  const bytes = Number(declared)
  return Number.isFinite(bytes) && bytes > limitBytes ? tooLarge(limitBytes, bytes) : undefined
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value)

/** Reads the body (never more than the limit) and parses it as a JSON object. */
export const readJsonObject = (
  request: HttpServerRequest.HttpServerRequest,
  limitBytes: number
): Effect.Effect<Record<string, unknown>, HttpFailure> =>
  Effect.gen(function* () {
    const declared = checkDeclaredLength(request, limitBytes)
    if (declared) return yield* declared
    const text = yield* request.text.pipe(
      Effect.provideService(HttpIncomingMessage.MaxBodySize, ByteSize.bytes(limitBytes)),
      Effect.mapError((error) =>
        error.reason._tag === "RequestParseError" && error.reason.reason === "BodyTooLarge"
          ? tooLarge(limitBytes)
          : failure(400, { code: "bad_body", message: `the request body could not be read: ${error.message}` })
      )
    )
    if (text.trim() === "") {
      return yield* failure(400, { code: "bad_json", message: "the request body is empty; send a JSON object (Content-Type: application/json)" })
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (cause) {
      return yield* failure(400, {
        code: "bad_json",
        message: `the request body is not valid JSON (${cause instanceof Error ? cause.message : String(cause)}); send a JSON object (Content-Type: application/json)`
      })
    }
    if (!isPlainObject(parsed)) {
      return yield* failure(400, {
        code: "invalid_body",
        message: `the request body must be a JSON object, not ${parsed === null ? "null" : Array.isArray(parsed) ? "an array" : typeof parsed}`
      })
    }
    return parsed
  })

const pathOf = (path: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined): string =>
  (path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment)).join(".")

/**
 * Decodes a body with the endpoint's schema, then takes every other top-level field as an
 * artifact parameter: it must be one the plugin declares (`PluginInfo.params`) and a string.
 */
export const decodeBody = <S extends Schema.Decoder<unknown>>(
  schema: S,
  body: Record<string, unknown>,
  options: { readonly plugin: PluginInfo; readonly fields: ReadonlyArray<string> }
): Effect.Effect<{ readonly value: S["Type"]; readonly params: Record<string, string> }, HttpFailure> =>
  Effect.gen(function* () {
    const params: Record<string, string> = {}
    const declared = Object.keys(options.plugin.params)
    for (const [key, value] of Object.entries(body)) {
      if (options.fields.includes(key)) continue
      if (!declared.includes(key)) {
        const accepted = [...options.fields, ...declared].join(", ")
        return yield* failure(400, {
          code: "invalid_body",
          field: key,
          message: `unknown field "${key}": "${options.plugin.id}" accepts ${accepted}`
        })
      }
      if (typeof value !== "string") {
        return yield* failure(400, {
          code: "invalid_body",
          field: key,
          message: `${key}: expected a string (one of ${(options.plugin.params[key] ?? []).join(", ")}), got ${JSON.stringify(value)}`
        })
      }
      params[key] = value
    }
    const value = yield* decodeNamingField(schema, body).pipe(
      Effect.mapError(({ field, message }) =>
        failure(400, { code: "invalid_body", message: field === "" ? message : `${field}: ${message}`, ...(field === "" ? {} : { field }) })
      )
    )
    return { value, params }
  })

/** The first problem found decoding a value: the field at fault (a dotted path, "" for the value as a whole) and what is wrong. */
export interface FieldProblem {
  readonly field: string
  readonly message: string
}

/** Decodes with a schema; a failure names the first field at fault (MCP's tool arguments and the request bodies alike). */
export const decodeNamingField = <S extends Schema.Decoder<unknown>>(
  schema: S,
  input: unknown,
  options?: SchemaAST.ParseOptions
): Effect.Effect<S["Type"], FieldProblem> => {
  const exit = Schema.decodeUnknownExit(schema as Schema.Decoder<S["Type"]>, options)(input)
  if (Exit.isSuccess(exit)) return Effect.succeed(exit.value)
  const error = Cause.squash(exit.cause)
  const issue = (error as { issue?: unknown })?.issue
  if (!SchemaIssue.isIssue(issue)) return Effect.fail({ field: "", message: `does not match the schema: ${String(error)}` })
  const [first] = formatIssues(issue).issues
  return Effect.fail({ field: pathOf(first?.path as ReadonlyArray<PropertyKey>), message: first?.message ?? "invalid value" })
}
