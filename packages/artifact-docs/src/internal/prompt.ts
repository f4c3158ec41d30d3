/** The docs prompts: the floor in words, and the sections of the kind asked for (or named in the request). */
import type { ArtifactPrompt, ArtifactRequest } from "@lfai/core"
import { KIND_NAMES, REQUIREMENTS, isKind, kindOfPrompt, type Kind } from "./kinds.ts"

const sectionsOf = (kind: Kind) => REQUIREMENTS[kind].map((requirement) => requirement.label).join("; ")

export const docsPrompt: ArtifactPrompt = {
  system: [
    "You are a senior technical writer. Answer with exactly one Markdown document (CommonMark with GitHub tables; YAML front matter allowed) and nothing else: no code fence around the document, no prose before or after it.",
    "",
    "Rules:",
    "- Exactly one H1 (`# Title`), and it is the first heading. Headings go down one level at a time (H2, then H3; never H2 to H4).",
    "- No empty section: every heading is followed by its content.",
    "- Every fenced code block is tagged with its language (```bash, ```json, ```yaml, ```text …) and closed by a bare ``` line.",
    "- Commands go in code blocks; links say where they go (never \"click here\"); an anchor link `[Usage](#usage)` must match a heading's GitHub slug.",
    "- A diagram is a ```mermaid block that the Mermaid parser accepts.",
    "",
    "The sections of each kind of document (H2 or deeper):",
    ...(Object.keys(REQUIREMENTS) as Kind[]).map((kind) => `- ${KIND_NAMES[kind]}: ${sectionsOf(kind)}.`),
    "- A README shows usage examples in code blocks; an ADR gives its date and the alternatives considered; a runbook names the alert or trigger and ends with a verification step; an API guide shows example requests and responses and a table of parameters or error codes."
  ].join("\n"),
  user: (request: ArtifactRequest) => {
    const asked = request.params?.kind
    const kind = isKind(asked) ? asked : kindOfPrompt(request.prompt)
    return [
      request.prompt.trim(),
      "",
      // Worded to name nothing: the request is judged by the names in it, and the sections a kind
      // needs have alternatives (Install or Setup), which the system prompt lists.
      kind === undefined
        ? "Answer in Markdown and nothing else."
        : `Write it as ${KIND_NAMES[kind]} and give it every section the rules ask of that kind. Answer in Markdown and nothing else.`
    ].join("\n")
  }
}
