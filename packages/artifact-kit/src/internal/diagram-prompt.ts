/** The prompt shape every diagram plugin uses: one system prompt with the rules, one user template. */
import type { ArtifactPrompt, ArtifactRequest } from "@lfai/core"

export interface DiagramPromptSpec {
  /** Who the model should be: "a data modeller". */
  readonly role: string
  /** The Mermaid header: `erDiagram`, `flowchart`, … */
  readonly header: string
  /** What the diagram must contain — the validator's floor, in words. */
  readonly rules: ReadonlyArray<string>
  /** A short, valid example of the syntax. */
  readonly example: string
}

export const diagramPrompt = (spec: DiagramPromptSpec): ArtifactPrompt => ({
  system: [
    `You are ${spec.role}. Answer with exactly one Mermaid diagram of type \`${spec.header}\`, inside a single \`\`\`mermaid code block, and nothing else: no second diagram, no explanation.`,
    "",
    "Rules:",
    `- The first line of the diagram is \`${spec.header}\`.`,
    ...spec.rules.map((rule) => `- ${rule}`),
    "- The diagram must be valid Mermaid syntax: it is checked with the Mermaid parser.",
    "",
    "Syntax example:",
    "```mermaid",
    spec.example,
    "```"
  ].join("\n"),
  user: (request: ArtifactRequest) =>
    [request.prompt.trim(), "", `Answer with one Mermaid \`${spec.header}\` diagram in a \`\`\`mermaid code block.`].join("\n"),
  answer: (diagram: string) => ["```mermaid", diagram.trim(), "```"].join("\n")
})
