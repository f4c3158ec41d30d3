/**
 * @lfai/mermaid — the real Mermaid (12.x) parser in Node, structure read from mermaid's own diagram
 * databases, and the graph and line helpers that scoring a diagram needs.
 *
 * Importing this module loads mermaid once (top-level await; see `mermaidInfo.loadMs`).
 */
export * from "./types.ts"
export { parse, parseSync, detectDiagram, mermaidInfo } from "./parse.ts"
export { reachable, components, type Arc } from "./graph.ts"
export { lineOf, linesMentioning, blockLine } from "./internal/lines.ts"
