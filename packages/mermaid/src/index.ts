/**
 * @lfai/mermaid — the real Mermaid (12.x) parser in Node, structure read from mermaid's own diagram
 * databases, extraction of diagrams from model text, and the factory the diagram plugins share.
 *
 * Importing this module loads mermaid once (top-level await; see `mermaidInfo.loadMs`).
 */
export * from "./types.ts"
export { parse, parseSync, detectDiagram, mermaidInfo } from "./parse.ts"
export { extractDiagram } from "./extract.ts"
export { defineDiagramArtifact, validateDiagram, SHARED_PENALTIES, type DiagramManifest, type DiagramLogic, type ScoreContext } from "./artifact.ts"
export { reachable, components, type Arc } from "./graph.ts"
export { lineOf, linesMentioning, blockLine } from "./internal/lines.ts"
export { diagramPrompt, type DiagramPromptSpec } from "./prompt.ts"
