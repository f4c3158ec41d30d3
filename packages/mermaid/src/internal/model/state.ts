/**
 * State structure from mermaid's `StateDB`: the document tree its parser built (`getRootDocV2`),
 * walked into states (composites and concurrent regions included) and transitions.
 */
import type { StateDiagram, StateNode, StateTransition } from "../../types.ts"

interface StateStmt {
  stmt: string
  id?: string
  type?: string
  description?: string | string[]
  descriptions?: string[]
  doc?: Stmt[]
  note?: { text?: string }
  start?: boolean
}
interface RelationStmt {
  stmt: "relation"
  state1: StateStmt
  state2: StateStmt
  description?: string
}
type Stmt = StateStmt | RelationStmt

interface StateDbView {
  getRootDocV2(): { doc?: Stmt[] }
  getDirection?(): string
}

const KINDS = new Set(["choice", "fork", "join"])

export const readState = (db: unknown): StateDiagram => {
  const view = db as StateDbView
  const states = new Map<string, { id: string; kind: string; parent?: string; descriptions: string[]; notes: string[] }>()
  const transitions: StateTransition[] = []

  const isPseudo = (s: StateStmt) => typeof s.start === "boolean"
  const touch = (s: StateStmt, parent: string | undefined) => {
    const id = String(s.id ?? "").trim()
    if (id === "" || isPseudo(s)) return
    let node = states.get(id)
    if (!node) {
      node = parent === undefined ? { id, kind: "state", descriptions: [], notes: [] } : { id, kind: "state", parent, descriptions: [], notes: [] }
      states.set(id, node)
    }
    if (s.type && KINDS.has(s.type)) node.kind = s.type
    if (s.doc && s.doc.length > 0) node.kind = "composite"
    const texts = [...(Array.isArray(s.description) ? s.description : s.description ? [s.description] : []), ...(s.descriptions ?? [])]
    for (const text of texts) if (text.trim() !== "" && !node.descriptions.includes(text.trim())) node.descriptions.push(text.trim())
    if (s.note?.text) node.notes.push(s.note.text)
  }
  const endpoint = (s: StateStmt) => (isPseudo(s) ? "[*]" : String(s.id ?? "").trim())

  const walk = (doc: ReadonlyArray<Stmt>, scope: string | undefined) => {
    for (const stmt of doc) {
      if (stmt.stmt === "relation") {
        const relation = stmt as RelationStmt
        touch(relation.state1, scope)
        touch(relation.state2, scope)
        const label = (relation.description ?? "").trim()
        transitions.push(scope === undefined ? { from: endpoint(relation.state1), to: endpoint(relation.state2), label } : { from: endpoint(relation.state1), to: endpoint(relation.state2), label, scope })
      } else if (stmt.stmt === "state") {
        const state = stmt as StateStmt
        if (state.type === "divider") {
          // a concurrent region (`--`): its content belongs to the enclosing composite
          walk(state.doc ?? [], scope)
          continue
        }
        touch(state, scope)
        if (state.doc && state.doc.length > 0) walk(state.doc, String(state.id ?? "").trim())
      }
    }
  }
  walk(view.getRootDocV2().doc ?? [], undefined)

  const out: StateNode[] = [...states.values()].map((node) => ({
    ...node,
    label: node.descriptions[0] ?? node.id
  }))
  return { family: "state", direction: String(view.getDirection?.() ?? "TB"), states: out, transitions }
}
