/** Sequence structure from mermaid's `SequenceDB` (participants, messages, notes, blocks, activations). */
import type { SequenceBlock, SequenceDiagram, SequenceMessage, SequenceNote } from "../../types.ts"

interface SequenceDbView {
  getActors(): Map<string, { name: string; description?: string; type?: string; box?: { name?: string } }>
  getMessages(): Array<{ from?: string | { actor: string }; to?: string | { actor: string }; message?: string; type?: number; placement?: number }>
  showSequenceNumbers?(): boolean
  LINETYPE: Record<string, number>
  PLACEMENT?: Record<string, number>
}

const BLOCK_STARTS: Readonly<Record<string, string>> = {
  LOOP_START: "loop",
  ALT_START: "alt",
  OPT_START: "opt",
  PAR_START: "par",
  PAR_OVER_START: "par",
  CRITICAL_START: "critical",
  BREAK_START: "break",
  RECT_START: "rect"
}
const BLOCK_ENDS = new Set(["LOOP_END", "ALT_END", "OPT_END", "PAR_END", "CRITICAL_END", "BREAK_END", "RECT_END"])
const BRANCHES = new Set(["ALT_ELSE", "PAR_AND", "CRITICAL_OPTION"])
const CONTROL = new Set([...Object.keys(BLOCK_STARTS), ...BLOCK_ENDS, ...BRANCHES, "NOTE", "ACTIVE_START", "ACTIVE_END", "AUTONUMBER"])

const actorOf = (value: string | { actor: string } | undefined): string | undefined =>
  typeof value === "string" ? value : value?.actor

export const readSequence = (db: unknown): SequenceDiagram => {
  const view = db as SequenceDbView
  const names = new Map(Object.entries(view.LINETYPE).map(([name, code]) => [code, name]))
  const placements = new Map(Object.entries(view.PLACEMENT ?? { LEFTOF: 0, RIGHTOF: 1, OVER: 2 }).map(([name, code]) => [code, name]))
  const participants = [...view.getActors()].map(([id, actor]) => {
    const base = { id, label: actor.description ?? id, kind: actor.type ?? "participant" }
    return actor.box?.name ? { ...base, box: actor.box.name } : base
  })
  const messages: SequenceMessage[] = []
  const notes: SequenceNote[] = []
  const blocks: Array<{ -readonly [K in keyof SequenceBlock]: SequenceBlock[K] }> = []
  const stack: number[] = []
  const active = new Map<string, number>()
  let autonumber = view.showSequenceNumbers?.() ?? false
  for (const entry of view.getMessages()) {
    const kind = names.get(entry.type ?? -1) ?? "UNKNOWN"
    const from = actorOf(entry.from)
    const to = actorOf(entry.to)
    if (kind in BLOCK_STARTS) {
      const id = blocks.length
      const parent = stack.at(-1)
      const block = { id, kind: BLOCK_STARTS[kind], label: entry.message ?? "", branches: 1, messages: 0, closed: false }
      blocks.push(parent === undefined ? block : { ...block, parent })
      stack.push(id)
    } else if (BLOCK_ENDS.has(kind)) {
      const id = stack.pop()
      if (id !== undefined) blocks[id].closed = true
    } else if (BRANCHES.has(kind)) {
      const id = stack.at(-1)
      if (id !== undefined) blocks[id].branches += 1
    } else if (kind === "NOTE") {
      const actors = [from, to].filter((actor): actor is string => actor !== undefined && actor !== "")
      notes.push({ actors: [...new Set(actors)], text: entry.message ?? "", placement: (placements.get(entry.placement ?? -1) ?? "OVER").toLowerCase().replace("of", " of") })
    } else if (kind === "ACTIVE_START" && from) {
      active.set(from, (active.get(from) ?? 0) + 1)
    } else if (kind === "ACTIVE_END" && from) {
      active.set(from, Math.max(0, (active.get(from) ?? 0) - 1))
    } else if (kind === "AUTONUMBER") {
      autonumber = true
    } else if (!CONTROL.has(kind) && from !== undefined && to !== undefined) {
      for (const id of stack) blocks[id].messages += 1
      messages.push({ from, to, text: entry.message ?? "", arrow: kind, index: messages.length, blocks: [...stack] })
    }
  }
  const openActivations = [...active].filter(([, open]) => open > 0).map(([id, open]) => ({ id, open }))
  return { family: "sequence", participants, messages, notes, blocks, openActivations, autonumber }
}
