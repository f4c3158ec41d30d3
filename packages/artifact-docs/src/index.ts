/**
 * @lfai/artifact-docs — technical documentation in Markdown (README, ADR, runbook, API guide),
 * parsed with mdast (CommonMark + GFM + front matter), anchors checked with github-slugger and
 * Mermaid blocks with the real Mermaid parser.
 */
import { defineArtifact, type ArtifactPlugin } from "@lfai/core"
import manifest from "../package.json" with { type: "json" }
import { docsDataset } from "./internal/dataset.ts"
import { extractDocument } from "./internal/extract.ts"
import { KINDS } from "./internal/kinds.ts"
import { docsPrompt } from "./internal/prompt.ts"
import { validateDocument } from "./internal/validate.ts"

export { KINDS, kindOfPrompt, type Kind } from "./internal/kinds.ts"
export { docNames } from "./internal/validate.ts"

export const docs: ArtifactPlugin = defineArtifact({
  id: "docs",
  title: "Technical documentation",
  description: "A README, an architecture decision record, a runbook or an API guide in Markdown, with the sections its kind calls for.",
  model: "llama3:8b-instruct-q4_K_M",
  package: { name: manifest.name, version: manifest.version },
  params: { kind: KINDS },
  prompt: docsPrompt,
  extract: extractDocument,
  validate: validateDocument,
  dataset: docsDataset
})

export default docs
