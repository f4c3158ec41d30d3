/** Flowchart structure from mermaid's `FlowDB` (vertices, edges, subgraphs). */
import type { FlowchartDiagram, FlowNode } from "../../types.ts"

interface FlowDbView {
  getVertices(): Map<string, { id: string; text?: string; type?: string }>
  getEdges(): Array<{ start: string; end: string; text?: string; type?: string; stroke?: string }>
  getSubGraphs(): Array<{ id: string; title?: string; nodes?: string[] }>
  getDirection?(): string
}

export const readFlowchart = (db: unknown): FlowchartDiagram => {
  const view = db as FlowDbView
  const rawSubgraphs = view.getSubGraphs()
  const subgraphIds = new Set(rawSubgraphs.map((subgraph) => subgraph.id))
  // mermaid lists subgraphs innermost first; a member's innermost holder is the first one naming it
  const holder = new Map<string, string>()
  for (const subgraph of rawSubgraphs) for (const member of subgraph.nodes ?? []) if (!holder.has(member)) holder.set(member, subgraph.id)
  const nodes: FlowNode[] = []
  for (const vertex of view.getVertices().values()) {
    if (subgraphIds.has(vertex.id)) continue
    const text = vertex.text ?? ""
    const subgraph = holder.get(vertex.id)
    const node = { id: vertex.id, label: text === "" ? vertex.id : text, labelled: text !== "" && text !== vertex.id, shape: vertex.type ?? "default" }
    nodes.push(subgraph === undefined ? node : { ...node, subgraph })
  }
  const edges = view.getEdges().map((edge) => ({
    from: edge.start,
    to: edge.end,
    label: edge.text ?? "",
    arrow: edge.type ?? "arrow_point",
    stroke: edge.stroke ?? "normal"
  }))
  const subgraphs = [...rawSubgraphs].reverse().map((subgraph) => {
    const parent = holder.get(subgraph.id)
    const base = { id: subgraph.id, title: subgraph.title ?? subgraph.id, members: [...new Set(subgraph.nodes ?? [])] }
    return parent === undefined ? base : { ...base, parent }
  })
  return { family: "flowchart", direction: String(view.getDirection?.() ?? "TB"), nodes, edges, subgraphs }
}
