/**
 * A test plugin served as a module (its default export), so the validation pool's workers can
 * import it. `STUCK` never finishes validating — a stand-in for a parser lost in a pathological
 * document; `CRASH` ends its worker thread; anything else is judged by its first word, as
 * `wordArtifact` judges. Judge `STUCK` only through a pool that knows this module
 * (`STUCK_ARTIFACT_MODULE`): on the calling thread it would never return.
 */
import { isMainThread } from "node:worker_threads"
import { defineArtifact } from "../Plugin.ts"
import { wordArtifact } from "../testing.ts"

const words = wordArtifact({ id: "stuck" })

export default defineArtifact({
  ...words,
  description: "A test artifact whose validator never returns on STUCK",
  package: { name: "@lfai/core/testing", version: "0.0.0" },
  validate: (content, options) => {
    if (content.startsWith("STUCK")) for (;;) {}
    if (content.startsWith("CRASH")) {
      if (isMainThread) throw new Error("CRASH on the calling thread")
      process.exit(3)
    }
    return words.validate(content, options)
  }
})
