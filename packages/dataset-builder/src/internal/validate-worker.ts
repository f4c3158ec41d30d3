/**
 * A worker thread of the validation pool: imports the plugin's module itself (a plugin is code,
 * it cannot be sent between threads), checks its default export is the plugin with the expected
 * id, then validates the chunks it is sent.
 */
import { parentPort, workerData } from "node:worker_threads"
import type { ArtifactPlugin } from "@lfai/core"
import { validateJob, type ValidationJob } from "./validate.ts"

const { source, id } = workerData as { source: string; id: string }
const port = parentPort!

let plugin: ArtifactPlugin | undefined
try {
  const candidate = ((await import(source)) as { default?: ArtifactPlugin }).default
  if (candidate?.id === id && typeof candidate.validate === "function") plugin = candidate
  else port.postMessage({ type: "unavailable", reason: `${source} has no default export with id "${id}"` })
} catch (error) {
  port.postMessage({ type: "unavailable", reason: error instanceof Error ? error.message : String(error) })
}

if (plugin !== undefined) {
  const ready = plugin
  port.on("message", (message: { start: number; jobs: ReadonlyArray<ValidationJob> }) => {
    port.postMessage({ type: "results", start: message.start, outcomes: message.jobs.map((job) => validateJob(ready, job)) })
  })
  port.postMessage({ type: "ready" })
}
