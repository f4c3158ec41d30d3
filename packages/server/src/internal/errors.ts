/**
 * Every error answer of the server: `{ error: { code, message, ... } }` with a 4xx/5xx status, or
 * on the OpenAI-compatible routes the same error in OpenAI's shape.
 */
import { Data } from "effect"
import { HttpServerResponse } from "effect/http"
import type { ExportError, GenerateError, InvalidParam, UnknownArtifact } from "@lfai/core"
import type { ErrorDetail, OpenAiErrorBody } from "../Api.ts"

/** A request that ends in an error answer. Handlers fail with it; the guard turns it into a response. */
export class HttpFailure extends Data.TaggedError("HttpFailure")<{
  readonly status: number
  readonly detail: ErrorDetail
  readonly headers?: Readonly<Record<string, string>>
}> {}

export const failure = (status: number, detail: ErrorDetail, headers?: Readonly<Record<string, string>>) =>
  new HttpFailure({ status, detail, ...(headers ? { headers } : {}) })

/** How a route words its errors: lfai's `{ error: { code, message, ... } }`, or OpenAI's `{ error: { message, type, code, param } }`. */
export type ErrorDialect = "lfai" | "openai"

export const toResponse = (failure: HttpFailure, dialect: ErrorDialect = "lfai"): HttpServerResponse.HttpServerResponse =>
  errorResponse(failure.status, failure.detail, failure.headers, dialect)

export const errorResponse = (
  status: number,
  detail: ErrorDetail,
  headers?: Readonly<Record<string, string>>,
  dialect: ErrorDialect = "lfai"
): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.jsonUnsafe(dialect === "openai" ? openAiError(status, detail) : { error: detail }, { status, ...(headers ? { headers } : {}) })

/** OpenAI's error types by status, as its clients expect them. */
const openAiType = (status: number): string =>
  status === 401 ? "authentication_error" : status === 429 ? "rate_limit_error" : status >= 500 ? "server_error" : "invalid_request_error"

/** lfai's codes that OpenAI's clients know by another name. */
const OPENAI_CODES: Readonly<Record<string, string>> = { unknown_artifact: "model_not_found", unauthorized: "invalid_api_key" }

/** An lfai error in OpenAI's shape; lfai's own error rides along in `lfai`, so nothing is lost. */
export const openAiError = (status: number, detail: ErrorDetail): OpenAiErrorBody => ({
  error: {
    message: detail.message,
    type: openAiType(status),
    code: OPENAI_CODES[detail.code] ?? detail.code,
    param: detail.field ?? detail.param ?? null,
    lfai: detail
  }
})

/** The pipeline's typed request errors, as HTTP failures (4xx with a JSON error; 502 only when no content came back). */
export const fromPipelineError = (error: GenerateError | UnknownArtifact | InvalidParam | ExportError): HttpFailure => {
  switch (error._tag) {
    case "UnknownArtifact":
      return failure(404, { code: "unknown_artifact", message: error.message, artifact: error.artifact, known: error.known })
    case "EmptyPrompt":
      return failure(400, { code: "empty_prompt", message: error.message, field: "prompt", artifact: error.artifact })
    case "PromptTooLarge":
      return failure(413, {
        code: "prompt_too_large",
        message: error.message,
        field: error.withSystem ? "system" : "prompt",
        artifact: error.artifact,
        bytes: error.bytes,
        limitKb: error.limitKb
      })
    case "InvalidRequest":
      return failure(400, {
        code: "invalid_body",
        message: error.field === "" ? error.detail : `${error.field}: ${error.detail}`,
        artifact: error.artifact,
        ...(error.field === "" ? {} : { field: error.field })
      })
    case "InvalidParam":
      return failure(400, {
        code: "invalid_param",
        message: error.message,
        field: error.param,
        artifact: error.artifact,
        param: error.param,
        value: error.value,
        allowed: error.allowed
      })
    case "UnknownExport":
      return failure(400, { code: "unknown_export", message: error.message, field: "as", artifact: error.artifact, as: error.as, offered: error.offered })
    case "ExportRejected":
      return failure(422, {
        code: "export_rejected",
        message: error.message,
        artifact: error.artifact,
        as: error.as,
        score: error.score,
        threshold: error.threshold,
        issues: error.issues
      })
    case "NoContent":
      return failure(502, {
        code: "no_content",
        message: error.message,
        artifact: error.artifact,
        reason: error.reason,
        attempts: error.attempts as ErrorDetail["attempts"]
      })
  }
}
