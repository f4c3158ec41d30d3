/**
 * @lfai/artifact-jira — JIRA user stories as one JSON document, decoded with `effect/Schema`,
 * acceptance criteria parsed with the real Gherkin parser; exported as Markdown or as CSV for
 * Jira's importer.
 */
import { defineArtifact, type ArtifactPlugin } from "@lfai/core"
import manifest from "../package.json" with { type: "json" }
import { jiraDataset } from "./internal/dataset.ts"
import { jiraExports } from "./internal/exports.ts"
import { extractStories } from "./internal/extract.ts"
import { jiraPrompt } from "./internal/prompt.ts"
import { storiesJsonSchema } from "./internal/schema.ts"
import { validateStories } from "./internal/validate.ts"

export { PRIORITIES, STORY_POINTS, StoriesDocument, Story, Epic, storiesJsonSchema } from "./internal/schema.ts"
export { renderCsv, renderMarkdown, userStorySentence } from "./internal/exports.ts"
export { storyNames } from "./internal/validate.ts"

export const jira: ArtifactPlugin = defineArtifact({
  id: "jira",
  title: "JIRA user stories",
  description: "An epic's user stories as JSON: the user-story sentence, Gherkin acceptance criteria, story points, priority and labels.",
  model: "llama3:8b-instruct-q4_K_M",
  package: { name: manifest.name, version: manifest.version },
  prompt: jiraPrompt,
  extract: extractStories,
  validate: validateStories,
  dataset: jiraDataset,
  format: storiesJsonSchema,
  exports: jiraExports
})

export default jira
