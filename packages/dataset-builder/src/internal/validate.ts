/**
 * Re-validating one example with its own plugin, the way the pipeline checks an answer:
 * `validate(extract(output))`. Shared by the build's main thread and its worker threads, so both
 * judge alike.
 */
import type { ArtifactPlugin, ArtifactRequest } from "@lfai/core"

export interface ValidationJob {
  readonly output: string
  readonly request: ArtifactRequest
}

export interface ValidationOutcome {
  readonly passed: boolean
  readonly score: number
  /** Why it failed: the first error issue's code, the score, or the validator's throw. */
  readonly reason: string
}

export const validateJob = (plugin: ArtifactPlugin, job: ValidationJob): ValidationOutcome => {
  try {
    const content = plugin.extract(job.output, job.request)
    const validation = plugin.validate(content, job.request.params ? { params: job.request.params } : {})
    const score = Number.isFinite(validation.score) ? validation.score : 0
    if (validation.passed === true) return { passed: true, score, reason: "" }
    const issue = validation.issues.find((candidate) => candidate.severity === "error") ?? validation.issues[0]
    return { passed: false, score, reason: issue ? issue.code : `score ${score}` }
  } catch (error) {
    return { passed: false, score: 0, reason: `validator threw: ${error instanceof Error ? error.message : String(error)}` }
  }
}
