/**
 * Architecture scoring (floor: `flowchart`/`graph`; ≥ 3 nodes; ≥ 2 edges).
 * The table in README.md lists every code and its points.
 */
import { isPlaceholderName } from "@lfai/artifact-kit"
import type { ScoreContext } from "@lfai/artifact-kit/diagram"
import { components, lineOf, linesMentioning, type FlowchartDiagram } from "@lfai/mermaid"

export const scoreArchitecture = (diagram: FlowchartDiagram, { text, headerLine, sheet }: ScoreContext): void => {
  const at = (id: string) => lineOf(text, id, headerLine + 1)
  const { nodes, edges, subgraphs } = diagram
  if (nodes.length < 3) sheet.error("too-few-nodes", `An architecture diagram needs at least 3 components; this one has ${nodes.length}.`, 35, headerLine)
  if (edges.length < 2) sheet.error("too-few-edges", `An architecture diagram needs at least 2 connections; this one has ${edges.length}.`, 35, headerLine)

  // a node is connected when an edge touches it or a subgraph holding it
  const parentOf = new Map<string, string>()
  for (const node of nodes) if (node.subgraph) parentOf.set(node.id, node.subgraph)
  for (const subgraph of subgraphs) if (subgraph.parent) parentOf.set(subgraph.id, subgraph.parent)
  const touched = new Set(edges.flatMap((e) => [e.from, e.to]))
  const connected = (id: string): boolean => {
    for (let cur: string | undefined = id; cur !== undefined; cur = parentOf.get(cur)) if (touched.has(cur)) return true
    return false
  }
  if (edges.length > 0) {
    sheet.each("warning", "orphan-node", nodes.filter((n) => !connected(n.id)).map((n) => ({ message: `Component ${n.label} is connected to nothing.`, line: at(n.id) })), 4, 16)
    const containment = [...parentOf].map(([child, parent]) => ({ from: child, to: parent }))
    const parts = components([...nodes.map((n) => n.id), ...subgraphs.map((s) => s.id)], [...edges, ...containment]).filter((part) =>
      [...part].some((id) => nodes.some((n) => n.id === id) && connected(id))
    )
    if (parts.length > 1) sheet.warn("disconnected", `The diagram falls apart into ${parts.length} groups with no connection between them.`, 6, headerLine)
  }
  sheet.each(
    "warning",
    "unlabeled-node",
    nodes.filter((n) => !n.labelled && isPlaceholderName(n.id)).map((n) => ({ message: `Node ${n.id} has neither a label nor a descriptive id.`, line: at(n.id) })),
    2,
    10
  )
  const seen = new Map<string, number>()
  const duplicates = edges.flatMap((e) => {
    const key = `${e.from}\u0000${e.to}\u0000${e.label.trim().toLowerCase()}`
    const times = seen.get(key) ?? 0
    seen.set(key, times + 1)
    // the line of this occurrence: the times-th line naming both ends
    return times === 0 ? [] : [{ message: `The connection ${e.from} → ${e.to} is drawn twice.`, line: linesMentioning(text, [e.from, e.to], headerLine + 1)[times] ?? at(e.from) }]
  })
  sheet.each("warning", "duplicate-edge", duplicates, 3, 9)
  // a self-loop's line names its node twice: the k-th such line for the k-th loop on that node
  const lines = text.split(/\r\n|\r|\n/)
  const loopLines = (id: string) => linesMentioning(text, [id], headerLine + 1).filter((n) => lines[n - 1].split(/[^\w-]+/).filter((word) => word === id).length >= 2)
  const loops = new Map<string, number>()
  sheet.each(
    "warning",
    "self-loop",
    edges
      .filter((e) => e.from === e.to)
      .map((e) => {
        const k = loops.get(e.from) ?? 0
        loops.set(e.from, k + 1)
        return { message: `${e.from} is connected to itself.`, line: loopLines(e.from)[k] ?? at(e.from) }
      }),
    2,
    6
  )
  sheet.each(
    "warning",
    "empty-subgraph",
    subgraphs.filter((s) => s.members.length === 0).map((s) => ({ message: `Subgraph ${s.title} is empty.`, line: at(s.id) })),
    4,
    8
  )
  if (edges.length >= 4 && edges.every((e) => e.label.trim() === "")) {
    sheet.info("unlabeled-edges", "No connection says what flows over it (protocol, data, call); labels make an architecture readable.")
  }
}
