/**
 * @lfai/artifact-html — HTML/CSS prototypes: one complete HTML5 page, judged with parse5 (a
 * spec-compliant HTML parser) and its source locations.
 */
import { defineArtifact, type ArtifactPlugin } from "@lfai/core"
import manifest from "../package.json" with { type: "json" }
import { htmlDataset } from "./internal/dataset/index.ts"
import { extractPage } from "./internal/extract.ts"
import { pageNames } from "./internal/names.ts"
import { parsePage } from "./internal/parse.ts"
import { htmlPrompt } from "./internal/prompt.ts"
import { validatePage } from "./internal/validate.ts"

export { MIN_BODY_ELEMENTS, PENALTIES } from "./internal/validate.ts"

/**
 * The names a page is made of (title, headings, landmark and form-field labels, table columns,
 * navigation links): what a request for the page would name. Never throws.
 */
export const namesOfPage = (content: string): string[] => {
  try {
    return pageNames(parsePage(typeof content === "string" ? content : String(content ?? "")))
  } catch {
    return []
  }
}

/** Id, title, description and model come from the `lfai` block of package.json. */
export const html: ArtifactPlugin = defineArtifact({
  id: manifest.lfai.id,
  title: manifest.lfai.title,
  description: manifest.lfai.description,
  model: manifest.lfai.model,
  package: { name: manifest.name, version: manifest.version },
  prompt: htmlPrompt,
  extract: (raw) => extractPage(raw),
  validate: (content, options) => validatePage(content, options),
  dataset: htmlDataset
})

export default html
