/**
 * Judging one document with its plugin, never throwing: what the pipeline, the validation pool's
 * workers and the dataset builder all run, so every one of them judges alike.
 */
import type { ArtifactPlugin, ArtifactRequest, ValidateOptions, Validation } from "../Plugin.ts"

/** One document to judge. Plain data: it crosses to a worker thread as it is. */
export interface DocumentJob {
  /** The text as given: a model's answer, or content sent to be validated. */
  readonly text: string
  /** When present, the artifact is extracted from `text` first (fences, prose), for this request. */
  readonly extract?: ArtifactRequest
  readonly options: ValidateOptions
}

/** The judged document: what was extracted, and the verdict on it. */
export interface Checked {
  readonly content: string
  readonly validation: Validation
}

/** Runs a plugin's validator; a validator that throws is a bug, reported as an issue, never a crash. */
export const safeValidate = (plugin: ArtifactPlugin, content: string, options: ValidateOptions | undefined): Validation => {
  try {
    return plugin.validate(content, options)
  } catch (cause) {
    return {
      score: 0,
      passed: false,
      issues: [{ code: "validator-crashed", severity: "error", message: `the ${plugin.id} validator threw: ${String(cause)}` }]
    }
  }
}

export const safeExtract = (plugin: ArtifactPlugin, raw: string, request: ArtifactRequest): string => {
  try {
    return plugin.extract(raw, request)
  } catch {
    return raw.trim()
  }
}

export const checkDocument = (plugin: ArtifactPlugin, job: DocumentJob): Checked => {
  const content = job.extract ? safeExtract(plugin, job.text, job.extract) : job.text
  return { content, validation: safeValidate(plugin, content, job.options) }
}
