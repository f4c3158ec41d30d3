/**
 * A worker thread of the validation pool. A plugin is code and cannot be sent between threads, so
 * each job names the module whose default export is the plugin; the worker imports it once, then
 * says `begin` (the deadline runs from there, not from the import) and answers `done`.
 */
import { parentPort } from "node:worker_threads"
import type { ArtifactPlugin } from "../Plugin.ts"
import { checkDocument, type DocumentJob } from "./check.ts"

export interface JobMessage {
  readonly id: number
  readonly module: string
  readonly artifact: string
  readonly job: DocumentJob
}

export type WorkerReply =
  | { readonly type: "begin"; readonly id: number }
  | { readonly type: "done"; readonly id: number; readonly checked: ReturnType<typeof checkDocument> }
  | { readonly type: "unavailable"; readonly id: number; readonly reason: string }

const port = parentPort!
const plugins = new Map<string, Promise<ArtifactPlugin | string>>()

const load = (module: string, artifact: string): Promise<ArtifactPlugin | string> => {
  const key = `${module}\u0000${artifact}`
  let loading = plugins.get(key)
  if (!loading) {
    loading = import(module).then(
      (imported: { default?: Partial<ArtifactPlugin> }) =>
        imported.default?.id === artifact && typeof imported.default.validate === "function"
          ? (imported.default as ArtifactPlugin)
          : `${module} has no default export with the id "${artifact}"`,
      (error: unknown) => `cannot import ${module}: ${error instanceof Error ? error.message : String(error)}`
    )
    plugins.set(key, loading)
  }
  return loading
}

const reply = (message: WorkerReply) => port.postMessage(message)

port.on("message", async (message: JobMessage) => {
  const plugin = await load(message.module, message.artifact)
  if (typeof plugin === "string") return reply({ type: "unavailable", id: message.id, reason: plugin })
  reply({ type: "begin", id: message.id })
  reply({ type: "done", id: message.id, checked: checkDocument(plugin, message.job) })
})
