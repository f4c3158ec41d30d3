/**
 * Every typed error of lfai. Providers map their failures onto these, so the pipeline (and every
 * caller) reasons about one vocabulary, whatever the provider.
 */
import { Schema } from "effect"
import { Issue } from "./Result.ts"

// ---- request errors: the caller asked for something we cannot do -------------------------

export class UnknownArtifact extends Schema.TaggedError<UnknownArtifact>()("UnknownArtifact", {
  artifact: Schema.String,
  known: Schema.Array(Schema.String)
}) {
  override get message() {
    return `unknown artifact "${this.artifact}"; known artifacts: ${this.known.join(", ") || "(none registered)"}`
  }
}

export class DuplicateArtifactId extends Schema.TaggedError<DuplicateArtifactId>()("DuplicateArtifactId", {
  artifact: Schema.String,
  packages: Schema.Array(Schema.String)
}) {
  override get message() {
    return `two plugins register the artifact id "${this.artifact}" (${this.packages.join(" and ")}); ids must be unique`
  }
}

export class EmptyPrompt extends Schema.TaggedError<EmptyPrompt>()("EmptyPrompt", {
  artifact: Schema.String
}) {
  override get message() {
    return `the prompt for "${this.artifact}" is empty; say what the artifact should contain`
  }
}

export class PromptTooLarge extends Schema.TaggedError<PromptTooLarge>()("PromptTooLarge", {
  artifact: Schema.String,
  /** The prompt's bytes, with the extra system text's when there is one. */
  bytes: Schema.Number,
  limitKb: Schema.Number,
  /** True when extra system text was sent: it counts against the limit too. */
  withSystem: Schema.optional(Schema.Boolean)
}) {
  override get message() {
    return `the prompt${this.withSystem ? " and system text" : ""} for "${this.artifact}" ${this.withSystem ? "are" : "is"} ${(this.bytes / 1024).toFixed(1)} KiB, over the limit of ${this.limitKb} KiB (validation.max_prompt_kb)`
  }
}

/** A request that does not match its schema (a temperature out of range, a field of the wrong type). */
export class InvalidRequest extends Schema.TaggedError<InvalidRequest>()("InvalidRequest", {
  artifact: Schema.String,
  /** The offending field, as a dotted path (empty: the request as a whole). */
  field: Schema.String,
  detail: Schema.String
}) {
  override get message() {
    return `invalid request for "${this.artifact}": ${this.field === "" ? "" : `${this.field}: `}${this.detail}`
  }
}

export class InvalidParam extends Schema.TaggedError<InvalidParam>()("InvalidParam", {
  artifact: Schema.String,
  param: Schema.String,
  value: Schema.String,
  allowed: Schema.Array(Schema.String)
}) {
  override get message() {
    return this.allowed.length === 0
      ? `artifact "${this.artifact}" takes no parameter "${this.param}"`
      : `"${this.value}" is not a valid ${this.param} for "${this.artifact}"; expected one of: ${this.allowed.join(", ")}`
  }
}

/** An export the artifact does not offer (`--as NAME`, `{ as }`). */
export class UnknownExport extends Schema.TaggedError<UnknownExport>()("UnknownExport", {
  artifact: Schema.String,
  as: Schema.String,
  offered: Schema.Array(Schema.String)
}) {
  override get message() {
    return this.offered.length === 0
      ? `artifact "${this.artifact}" offers no exports`
      : `"${this.as}" is not an export of "${this.artifact}"; it offers: ${this.offered.join(", ")}`
  }
}

/** Only a content that passes its validator is exported; this one did not. */
export class ExportRejected extends Schema.TaggedError<ExportRejected>()("ExportRejected", {
  artifact: Schema.String,
  as: Schema.String,
  score: Schema.Number,
  threshold: Schema.Number,
  issues: Schema.Array(Issue)
}) {
  override get message() {
    const errors = this.issues.filter((issue) => issue.severity === "error")
    const shown = (errors.length > 0 ? errors : this.issues).slice(0, 3).map((issue) => `${issue.code}${issue.line ? ` (line ${issue.line})` : ""}: ${issue.message}`)
    return `the ${this.artifact} content does not pass validation (score ${this.score}, pass mark ${this.threshold}), so it is not exported as ${this.as}${shown.length > 0 ? `: ${shown.join("; ")}` : ""}`
  }
}

export class RuntimeDisposed extends Schema.TaggedError<RuntimeDisposed>()("RuntimeDisposed", {}) {
  override get message() {
    return "the lfai runtime has been disposed; create a new one to make more calls"
  }
}

export class ConfigError extends Schema.TaggedError<ConfigError>()("ConfigError", {
  /** Dotted key path, e.g. `ollama.vram_limit_gb`; empty for a file-level problem. */
  path: Schema.String,
  /** The offending value, rendered as it appeared (JSON). */
  value: Schema.optional(Schema.String),
  expected: Schema.String,
  /** The file the value came from, or the environment variable. */
  source: Schema.String
}) {
  override get message() {
    const where = this.path === "" ? this.source : `${this.path} (in ${this.source})`
    return this.value === undefined
      ? `invalid config at ${where}: expected ${this.expected}`
      : `invalid config at ${where}: got ${this.value}, expected ${this.expected}`
  }
}

// ---- local model errors: what a local provider can fail with --------------------------------

export class OllamaUnreachable extends Schema.TaggedError<OllamaUnreachable>()("OllamaUnreachable", {
  url: Schema.String,
  detail: Schema.String
}) {
  override get message() {
    return `no Ollama answers at ${this.url} (${this.detail}); start one with \`ollama serve\`, or point OLLAMA_HOST / ollama.base_url at a running server`
  }
}

export class ModelNotFound extends Schema.TaggedError<ModelNotFound>()("ModelNotFound", {
  model: Schema.String,
  url: Schema.String,
  /** False when the model was not pulled because `ollama.auto_download` is off. */
  autoDownload: Schema.optional(Schema.Boolean)
}) {
  override get message() {
    const why = this.autoDownload === false ? " and ollama.auto_download is off" : ""
    return `model "${this.model}" is not present at ${this.url}${why}; run \`lfai models pull ${this.model}\` or \`ollama pull ${this.model}\``
  }
}

export class PullFailed extends Schema.TaggedError<PullFailed>()("PullFailed", {
  model: Schema.String,
  layer: Schema.optional(Schema.String),
  reason: Schema.String
}) {
  override get message() {
    return `pulling "${this.model}" failed${this.layer ? ` at layer ${this.layer}` : ""}: ${this.reason}`
  }
}

export class OutOfBudget extends Schema.TaggedError<OutOfBudget>()("OutOfBudget", {
  model: Schema.String,
  needGb: Schema.Number,
  limitGb: Schema.Number
}) {
  override get message() {
    return `model "${this.model}" needs ${this.needGb.toFixed(2)} GB of VRAM, more than the whole budget of ${this.limitGb} GB (ollama.vram_limit_gb); lower ollama.num_ctx or pick a smaller model`
  }
}

export class VramQueueTimeout extends Schema.TaggedError<VramQueueTimeout>()("VramQueueTimeout", {
  model: Schema.String,
  waitedMs: Schema.Number
}) {
  override get message() {
    return `waited ${Math.round(this.waitedMs)} ms for VRAM to load "${this.model}" without getting it (ollama.queue_timeout_s)`
  }
}

export class LocalTimeout extends Schema.TaggedError<LocalTimeout>()("LocalTimeout", {
  model: Schema.String,
  afterMs: Schema.Number
}) {
  override get message() {
    return `local model "${this.model}" did not answer within ${Math.round(this.afterMs)} ms (ollama.request_timeout_s)`
  }
}

/** A failure worth one retry on the same model: connection reset, 5xx, truncated stream. */
export class LocalTransient extends Schema.TaggedError<LocalTransient>()("LocalTransient", {
  model: Schema.String,
  detail: Schema.String
}) {
  override get message() {
    return `local model "${this.model}" failed: ${this.detail}`
  }
}

export class UnexpectedResponse extends Schema.TaggedError<UnexpectedResponse>()("UnexpectedResponse", {
  model: Schema.String,
  detail: Schema.String
}) {
  override get message() {
    return `unexpected response for "${this.model}": ${this.detail}`
  }
}

export type LocalModelError =
  | OllamaUnreachable
  | ModelNotFound
  | PullFailed
  | OutOfBudget
  | VramQueueTimeout
  | LocalTimeout
  | LocalTransient
  | UnexpectedResponse

// ---- cloud errors: what the fallback can fail with -------------------------------------------

export class CloudUnavailable extends Schema.TaggedError<CloudUnavailable>()("CloudUnavailable", {
  reason: Schema.Literals(["disabled", "no-key"]),
  detail: Schema.String
}) {
  override get message() {
    return this.detail
  }
}

export class CloudQuotaExhausted extends Schema.TaggedError<CloudQuotaExhausted>()("CloudQuotaExhausted", {
  model: Schema.String,
  detail: Schema.String
}) {
  override get message() {
    return `cloud quota exhausted for "${this.model}": ${this.detail}`
  }
}

export class CloudTimeout extends Schema.TaggedError<CloudTimeout>()("CloudTimeout", {
  model: Schema.String,
  afterMs: Schema.Number
}) {
  override get message() {
    return `cloud model "${this.model}" did not answer within ${Math.round(this.afterMs)} ms (gemini.request_timeout_s)`
  }
}

export class CloudRejected extends Schema.TaggedError<CloudRejected>()("CloudRejected", {
  model: Schema.String,
  status: Schema.Number,
  detail: Schema.String
}) {
  override get message() {
    return `cloud model "${this.model}" rejected the request (HTTP ${this.status}): ${this.detail}`
  }
}

export class CloudBlocked extends Schema.TaggedError<CloudBlocked>()("CloudBlocked", {
  model: Schema.String,
  finishReason: Schema.String
}) {
  override get message() {
    return `cloud model "${this.model}" blocked the answer (finishReason ${this.finishReason})`
  }
}

export class CloudNetworkError extends Schema.TaggedError<CloudNetworkError>()("CloudNetworkError", {
  model: Schema.String,
  detail: Schema.String
}) {
  override get message() {
    return `cloud model "${this.model}" could not be reached: ${this.detail}`
  }
}

export type CloudError =
  | CloudUnavailable
  | CloudQuotaExhausted
  | CloudTimeout
  | CloudRejected
  | CloudBlocked
  | CloudNetworkError

// ---- the pipeline's own outcome errors --------------------------------------------------------

/** Every attempt failed and not one produced content: there is nothing to hand back. */
export class NoContent extends Schema.TaggedError<NoContent>()("NoContent", {
  artifact: Schema.String,
  reason: Schema.String,
  /** Every attempt of the generation, as plain JSON. */
  attempts: Schema.Array(Schema.Unknown)
}) {
  override get message() {
    return `no attempt for "${this.artifact}" produced any content: ${this.reason}`
  }
}

export type RequestError = UnknownArtifact | EmptyPrompt | PromptTooLarge | InvalidParam | InvalidRequest

export type GenerateError = RequestError | NoContent

export type ExportError = UnknownArtifact | InvalidParam | UnknownExport | ExportRejected
