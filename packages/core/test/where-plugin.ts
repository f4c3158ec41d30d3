/**
 * A test plugin that says where it was judged: its one issue (an `info`) reads `worker` on a
 * validation worker, `calling thread` otherwise. Its package name is this module's URL, so a pool
 * finds it by name as it finds a published plugin.
 */
import { isMainThread } from "node:worker_threads"
import { defineArtifact } from "@lfai/core"
import { wordArtifact } from "@lfai/core/testing"

export const WHERE_MODULE = import.meta.url

export default defineArtifact({
  ...wordArtifact({ id: "where" }),
  package: { name: WHERE_MODULE, version: "0.0.0" },
  validate: () => ({ score: 100, passed: true, issues: [{ code: "judged-on", severity: "info", message: isMainThread ? "calling thread" : "worker" }] })
})
