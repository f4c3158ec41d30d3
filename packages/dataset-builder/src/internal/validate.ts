/**
 * Re-validating one example with its own plugin, the way the pipeline checks an answer:
 * `validate(extract(output), { request: prompt })` — core's `checkDocument`, on this thread or on
 * the validation pool's workers, so both judge alike; the example's own user prompt is the request,
 * so the verdict says too whether the answer holds what the prompt asks for.
 */
import { MISSING_NAME, OFF_TOPIC, checkDocument, type ArtifactPlugin, type ArtifactRequest, type Checked, type DocumentJob } from "@lfai/core"

export interface ValidationJob {
  readonly output: string
  /** What the answer is extracted for (the example's request). */
  readonly request: ArtifactRequest
  /** The example's user prompt, as the chat line holds it: the validator judges relevance against it. */
  readonly prompt: string
}

export interface ValidationOutcome {
  readonly passed: boolean
  readonly score: number
  /** Why it failed: the first error issue's code, or the score. */
  readonly reason: string
  /** The answer lacks what its prompt asks for: an `off-topic` issue. */
  readonly offTopic: boolean
  /** Names its prompt asks for that the answer lacks (`missing-name` issues). */
  readonly missingNames: number
}

/** The job core's pool runs: plain data (it crosses to a worker thread as it is). */
export const documentJob = (job: ValidationJob): DocumentJob => ({
  text: job.output,
  extract: job.request,
  options: { ...(job.request.params ? { params: job.request.params } : {}), request: job.prompt }
})

export const outcomeOf = ({ validation }: Checked): ValidationOutcome => {
  const score = Number.isFinite(validation.score) ? validation.score : 0
  const offTopic = validation.issues.some((issue) => issue.code === OFF_TOPIC)
  const missingNames = validation.issues.filter((issue) => issue.code === MISSING_NAME).length
  if (validation.passed === true) return { passed: true, score, reason: "", offTopic, missingNames }
  const issue = validation.issues.find((candidate) => candidate.severity === "error") ?? validation.issues[0]
  return { passed: false, score, reason: issue ? issue.code : `score ${score}`, offTopic, missingNames }
}

export const validateJob = (plugin: ArtifactPlugin, job: ValidationJob): ValidationOutcome => outcomeOf(checkDocument(plugin, documentJob(job)))
