// docs/examples/note-plugin.ts — a whole artifact plugin (the tests import and check it)
import { defineArtifact, verdict } from "@lfai/core"

export default defineArtifact({
  id: "note",
  title: "Note",
  description: "A short Markdown note with a heading",
  model: "llama3:8b-instruct-q4_K_M",
  package: { name: "@acme/artifact-note", version: "1.0.0" },
  prompt: {
    system: "Write one short Markdown note that starts with a # heading. Answer with the note only.",
    user: (request) => request.prompt
  },
  extract: (raw) => raw.trim(),
  validate: (content, options) =>
    verdict(
      content.startsWith("# ")
        ? { score: 100, issues: [] }
        : { score: 0, issues: [{ code: "no-heading", severity: "error", message: "Start with a # heading.", line: 1 }] },
      options
    ),
  dataset: {
    domains: ["general"],
    generate: ({ count }) => Array.from({ length: count }, (_, i) => ({ instruction: `A note about topic ${i}`, output: `# Topic ${i}\n\nA note.`, domain: "general", meta: {} }))
  }
})
