/**
 * @lfai/artifact-apidocs — HTTP API documentation: OpenAPI 3.0/3.1 (YAML or JSON), validated with
 * `@readme/openapi-parser`, or Markdown docs with a section per endpoint, parsed with mdast.
 */
import { defineArtifact, type ArtifactPlugin } from "@lfai/core"
import manifest from "../package.json" with { type: "json" }
import { apiDocsDataset } from "./internal/dataset/index.ts"
import { extractApiDocs } from "./internal/extract.ts"
import { FORMATS } from "./internal/format.ts"
import { apiNames } from "./internal/names.ts"
import { apiDocsPrompt } from "./internal/prompt.ts"
import { validateApiDocs } from "./internal/validate.ts"

export { FORMATS, type Format } from "./internal/format.ts"
export { MARKDOWN_PENALTIES } from "./internal/markdown/validate.ts"
export { OPENAPI_PENALTIES } from "./internal/openapi/validate.ts"

/**
 * The names API documentation is made of (paths, resources, operations, tags, schemas; for
 * Markdown the endpoint headings and sections): what a request for it would name. Never throws.
 */
export const namesOfApiDocs = (content: string): string[] => {
  try {
    return apiNames(typeof content === "string" ? content : String(content ?? ""))
  } catch {
    return []
  }
}

/** Id, title, description and model come from the `lfai` block of package.json. */
export const apidocs: ArtifactPlugin = defineArtifact({
  id: manifest.lfai.id,
  title: manifest.lfai.title,
  description: manifest.lfai.description,
  model: manifest.lfai.model,
  package: { name: manifest.name, version: manifest.version },
  params: { format: FORMATS },
  prompt: apiDocsPrompt,
  extract: (raw, request) => extractApiDocs(raw, request),
  validate: (content, options) => validateApiDocs(content, options),
  dataset: apiDocsDataset
})

export default apidocs
