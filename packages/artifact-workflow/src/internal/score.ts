/**
 * Workflow scoring (floor: `flowchart`/`graph`; a start node and an end node, known
 * by shape or by word; ≥ 1 decision whose outgoing edges are all labelled; every node reachable
 * from the start, an edge into a subgraph reaching its members). See README.md.
 */
import { isPlaceholderName, words } from "@lfai/artifact-kit"
import type { ScoreContext } from "@lfai/artifact-kit/diagram"
import { lineOf, linesMentioning, reachable, type FlowNode, type FlowchartDiagram } from "@lfai/mermaid"

/**
 * Terminal shapes: stadium `([…])`, circle `((…))`, double circle `(((…)))` and their `@{ shape }`
 * names, mermaid's "Start" and "Stop" shapes among them. Where a terminal stands in the flow says
 * which end it is: no way in, a start; no way out, an end — whatever its shape. Mermaid's name for
 * the shape decides only for a terminal that has both (a loop back to the start, a step after the end).
 */
const START_SHAPES = new Set(["circle", "circ", "sm-circ", "start", "small-circle"])
const END_SHAPES = new Set(["doublecircle", "dbl-circ", "double-circle", "fr-circ", "stop", "framed-circle"])
const TERMINAL_SHAPES = new Set(["stadium", "terminal", "pill", ...START_SHAPES, ...END_SHAPES])
const DECISION_SHAPES = new Set(["diamond", "diam", "decision", "question"])

const START_WORDS = /^(start|starts|started|begin|begins|beginning)$/i
const END_WORDS = /^(end|ends|ended|done|stop|stopped|finish|finished|complete|completed|exit)$/i

const hasWord = (node: FlowNode, pattern: RegExp) => [...words(node.id), ...node.label.split(/[^A-Za-z]+/)].some((w) => pattern.test(w))

export const scoreWorkflow = (diagram: FlowchartDiagram, { text, headerLine, sheet }: ScoreContext): void => {
  const at = (id: string) => lineOf(text, id, headerLine + 1)
  const { nodes, edges, subgraphs } = diagram
  const subgraphIds = new Set(subgraphs.map((s) => s.id))
  const incoming = (id: string) => edges.filter((e) => e.to === id)
  const outgoing = (id: string) => edges.filter((e) => e.from === id)

  // a step such as "Start the payroll run" has a way in: only a node without one is a start by its word
  const byWordStart = nodes.filter((n) => hasWord(n, START_WORDS) && incoming(n.id).length === 0)
  const byWordEnd = nodes.filter((n) => hasWord(n, END_WORDS) && !hasWord(n, START_WORDS))
  const terminals = nodes.filter((n) => TERMINAL_SHAPES.has(n.shape))
  const entries = terminals.filter((n) => incoming(n.id).length === 0 && outgoing(n.id).length > 0)
  const exits = terminals.filter((n) => outgoing(n.id).length === 0 && incoming(n.id).length > 0)
  const throughStart = terminals.filter((n) => START_SHAPES.has(n.shape) && incoming(n.id).length > 0 && outgoing(n.id).length > 0)
  const throughEnd = terminals.filter((n) => END_SHAPES.has(n.shape) && incoming(n.id).length > 0 && outgoing(n.id).length > 0)
  const starts = byWordStart.length > 0 ? byWordStart : entries.length > 0 ? entries : throughStart
  // an end is known by its word or by a terminal shape with no way out: a process may end in several places
  const ends = byWordEnd.length > 0 || exits.length > 0 ? [...new Set([...byWordEnd, ...exits])] : throughEnd
  if (starts.length === 0) sheet.error("no-start-node", "The workflow has no start node: add one such as `start([Start])`.", 25, headerLine)
  if (ends.length === 0) sheet.error("no-end-node", "The workflow has no end node: add one such as `done([Done])`.", 25, headerLine)

  const decisions = nodes.filter((n) => DECISION_SHAPES.has(n.shape))
  const qualifies = (n: FlowNode) => outgoing(n.id).length >= 2 && outgoing(n.id).every((e) => e.label.trim() !== "")
  if (decisions.length === 0) sheet.error("no-decision", "The workflow has no decision: add a diamond such as `ok{Approved?}` with labelled branches.", 25, headerLine)
  else if (!decisions.some(qualifies)) {
    sheet.error("unlabeled-decision", "No decision has two or more outgoing edges that are all labelled (e.g. `ok -->|Yes| next` and `ok -->|No| other`).", 25, at(decisions[0].id))
  } else {
    sheet.each(
      "warning",
      "unlabeled-branch",
      decisions.filter((d) => outgoing(d.id).length >= 2 && !qualifies(d)).map((d) => ({ message: `Decision ${d.label} has a branch without a label.`, line: at(d.id) })),
      3,
      9
    )
  }
  sheet.each(
    "warning",
    "single-branch-decision",
    decisions.filter((d) => outgoing(d.id).length < 2).map((d) => ({ message: `Decision ${d.label} has ${outgoing(d.id).length} way(s) out; a decision needs two or more.`, line: at(d.id) })),
    4,
    8
  )

  // what holds each node and subgraph: the flow leaves a member through any subgraph around it
  const holder = new Map<string, string>()
  for (const n of nodes) if (n.subgraph) holder.set(n.id, n.subgraph)
  for (const s of subgraphs) if (s.parent) holder.set(s.id, s.parent)

  if (starts.length > 0) {
    // graph: an edge into subgraph S enters it (all members, and S's own outgoing edges); a
    // member reached lets the flow leave through S's outgoing edges, but does not enter its siblings
    const endpoint = (id: string, entering: boolean) => (subgraphIds.has(id) ? `${entering ? "in" : "out"}:${id}` : id)
    const arcs = edges.map((e) => ({ from: endpoint(e.from, false), to: endpoint(e.to, true) }))
    const enter = (id: string): string[] => {
      if (id.startsWith("in:")) {
        const s = subgraphs.find((x) => x.id === id.slice(3))
        return [...(s?.members ?? []).map((m) => (subgraphIds.has(m) ? `in:${m}` : m)), `out:${id.slice(3)}`]
      }
      const sub = id.startsWith("out:") ? id.slice(4) : id
      const parent = holder.get(sub)
      return parent === undefined ? [] : [`out:${parent}`]
    }
    const reached = reachable(starts.map((n) => n.id), arcs, enter)
    sheet.each(
      "error",
      "unreachable-node",
      nodes.filter((n) => !reached.has(n.id)).map((n) => ({ message: `Step ${n.label} cannot be reached from the start.`, line: at(n.id) })),
      10,
      30
    )
  }
  const endIds = new Set(ends.map((n) => n.id))
  const leaves = (n: FlowNode) => {
    for (let id: string | undefined = n.id; id !== undefined; id = holder.get(id)) if (outgoing(id).length > 0) return true
    return false
  }
  sheet.each(
    "warning",
    "dead-end",
    nodes.filter((n) => !endIds.has(n.id) && !leaves(n)).map((n) => ({ message: `Step ${n.label} leads nowhere and is not an end node.`, line: at(n.id) })),
    4,
    12
  )
  const seen = new Map<string, number>()
  const duplicates = edges.flatMap((e) => {
    const key = `${e.from}\u0000${e.to}\u0000${e.label.trim().toLowerCase()}`
    const times = seen.get(key) ?? 0
    seen.set(key, times + 1)
    return times === 0 ? [] : [{ message: `The edge ${e.from} → ${e.to} is drawn twice.`, line: linesMentioning(text, [e.from, e.to], headerLine + 1)[times] }]
  })
  sheet.each("warning", "duplicate-edge", duplicates, 3, 9)
  sheet.each(
    "warning",
    "unlabeled-node",
    nodes.filter((n) => !n.labelled && isPlaceholderName(n.id)).map((n) => ({ message: `Step ${n.id} has neither a label nor a descriptive id.`, line: at(n.id) })),
    2,
    10
  )
}
