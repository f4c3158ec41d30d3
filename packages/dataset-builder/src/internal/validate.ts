/**
 * Re-validating one example with its own plugin, the way the pipeline checks an answer:
 * `validate(extract(output))` — core's `checkDocument`, on this thread or on the validation pool's
 * workers, so both judge alike.
 */
import { checkDocument, type ArtifactPlugin, type ArtifactRequest, type Checked, type DocumentJob } from "@lfai/core"

export interface ValidationJob {
  readonly output: string
  readonly request: ArtifactRequest
}

export interface ValidationOutcome {
  readonly passed: boolean
  readonly score: number
  /** Why it failed: the first error issue's code, or the score. */
  readonly reason: string
}

export const documentJob = (job: ValidationJob): DocumentJob => ({
  text: job.output,
  extract: job.request,
  options: job.request.params ? { params: job.request.params } : {}
})

export const outcomeOf = ({ validation }: Checked): ValidationOutcome => {
  const score = Number.isFinite(validation.score) ? validation.score : 0
  if (validation.passed === true) return { passed: true, score, reason: "" }
  const issue = validation.issues.find((candidate) => candidate.severity === "error") ?? validation.issues[0]
  return { passed: false, score, reason: issue ? issue.code : `score ${score}` }
}

export const validateJob = (plugin: ArtifactPlugin, job: ValidationJob): ValidationOutcome => outcomeOf(checkDocument(plugin, documentJob(job)))
