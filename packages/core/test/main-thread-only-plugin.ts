/** A test plugin whose module cannot be imported on a worker thread: the pool must judge it where it is. */
import { isMainThread } from "node:worker_threads"
import { defineArtifact } from "@lfai/core"
import { wordArtifact } from "@lfai/core/testing"

if (!isMainThread) throw new Error("this module loads on the main thread only")

export const MAIN_THREAD_ONLY_MODULE = import.meta.url

export default defineArtifact({
  ...wordArtifact({ id: "main-only" }),
  validate: () => ({ score: 100, passed: true, issues: [{ code: "judged-on", severity: "info", message: isMainThread ? "calling thread" : "worker" }] })
})
