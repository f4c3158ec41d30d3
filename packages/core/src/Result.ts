/**
 * The result of a generation, as schemas so the HTTP API and its OpenAPI
 * document are derived from the same definition the pipeline returns.
 */
import { Schema } from "effect"

export const Issue = Schema.Struct({
  code: Schema.String,
  severity: Schema.Literals(["error", "warning", "info"]),
  message: Schema.String,
  line: Schema.optionalKey(Schema.Number)
})

/** What it takes to replay an attempt. */
export const Provenance = Schema.Struct({
  model: Schema.String,
  digest: Schema.optionalKey(Schema.String),
  options: Schema.Struct({
    temperature: Schema.optionalKey(Schema.Number),
    num_ctx: Schema.optionalKey(Schema.Number),
    seed: Schema.optionalKey(Schema.Number)
  }),
  validator: Schema.Struct({ package: Schema.String, version: Schema.String })
})
export type Provenance = typeof Provenance.Type

export const AttemptError = Schema.Struct({ tag: Schema.String, message: Schema.String })

export const Attempt = Schema.Struct({
  provider: Schema.String,
  model: Schema.String,
  /** `generate`: a first answer; `repair`: the validator's issues sent back; `retry`: the same call again after a transient error. */
  kind: Schema.Literals(["generate", "repair", "retry"]),
  score: Schema.optionalKey(Schema.Number),
  passed: Schema.Boolean,
  issues: Schema.optionalKey(Schema.Array(Issue)),
  durationMs: Schema.Number,
  error: Schema.optionalKey(AttemptError),
  usage: Schema.optionalKey(
    Schema.Struct({ promptTokens: Schema.optionalKey(Schema.Number), completionTokens: Schema.optionalKey(Schema.Number) })
  ),
  provenance: Provenance
})
export type Attempt = typeof Attempt.Type

export const GenerateResult = Schema.Struct({
  artifact: Schema.String,
  content: Schema.String,
  provider: Schema.String,
  model: Schema.String,
  score: Schema.Number,
  passed: Schema.Boolean,
  issues: Schema.Array(Issue),
  attempts: Schema.Array(Attempt),
  durationMs: Schema.Number,
  reason: Schema.optionalKey(Schema.String)
})
export type GenerateResult = typeof GenerateResult.Type

/** `lfai validate --json` and `POST /v1/validate/{artifact}`. */
export const ValidateResult = Schema.Struct({
  artifact: Schema.String,
  score: Schema.Number,
  passed: Schema.Boolean,
  threshold: Schema.Number,
  issues: Schema.Array(Issue)
})
export type ValidateResult = typeof ValidateResult.Type
