/** Class structure from mermaid's `ClassDB` (classes, members, relations, notes, namespaces). */
import type { ClassDiagram, ClassMember, ClassRelation } from "../../types.ts"

interface RawMember {
  memberType?: string
  visibility?: string
  classifier?: string
  id?: string
  parameters?: string
  returnType?: string
}

interface ClassDbView {
  getClasses(): Map<string, { id: string; label?: string; type?: string; annotations?: string[]; members?: RawMember[]; methods?: RawMember[]; parent?: string }>
  getRelations(): Array<{ id1: string; id2: string; title?: string; relationTitle1?: string; relationTitle2?: string; relation?: { type1?: number | string; type2?: number | string; lineType?: number } }>
  getNotes?(): Map<string, { class?: string; text?: string }> | Array<{ class?: string; text?: string }>
  getNamespaces?(): Map<string, unknown>
  getDirection?(): string
  relationType: Record<string, number>
  lineType: Record<string, number>
}

const attribute = (raw: RawMember): ClassMember => {
  const text = String(raw.id ?? "").trim()
  const colon = /^([^:]+?)\s*:\s*(.+)$/.exec(text)
  let name = text
  let type = ""
  if (colon) {
    name = colon[1].trim()
    type = colon[2].trim()
  } else {
    const parts = text.split(/\s+/)
    if (parts.length > 1) {
      name = parts[parts.length - 1]
      type = parts.slice(0, -1).join(" ")
    }
  }
  return { name, type, visibility: raw.visibility ?? "", classifier: raw.classifier ?? "" }
}

const method = (raw: RawMember): ClassMember => ({
  name: String(raw.id ?? "").trim(),
  type: String(raw.returnType ?? "").trim(),
  visibility: raw.visibility ?? "",
  classifier: raw.classifier ?? "",
  parameters: String(raw.parameters ?? "").trim()
})

const card = (value: string | undefined) => (value === undefined || value === "none" ? "" : value)

export const readClass = (db: unknown): ClassDiagram => {
  const view = db as ClassDbView
  const markerName = new Map(Object.entries(view.relationType).map(([name, code]) => [code, name]))
  const dottedLine = view.lineType.DOTTED_LINE ?? 1
  const classes = [...view.getClasses().values()].map((node) => {
    const base = {
      id: node.id,
      label: node.label ?? node.id,
      generic: node.type ?? "",
      annotations: [...(node.annotations ?? [])].map((a) => String(a).toLowerCase()),
      attributes: (node.members ?? []).map(attribute),
      methods: (node.methods ?? []).map(method)
    }
    return node.parent ? { ...base, namespace: node.parent } : base
  })
  const relations: ClassRelation[] = view.getRelations().map((relation) => {
    const ends = [relation.relation?.type1, relation.relation?.type2].map((t) => (typeof t === "number" ? markerName.get(t) : undefined))
    const dotted = relation.relation?.lineType === dottedLine
    const has = (name: string) => ends.includes(name)
    const kind = has("EXTENSION")
      ? dotted
        ? "realization"
        : "inheritance"
      : has("COMPOSITION")
        ? "composition"
        : has("AGGREGATION")
          ? "aggregation"
          : has("LOLLIPOP")
            ? "lollipop"
            : has("DEPENDENCY")
              ? dotted
                ? "dependency"
                : "association"
              : dotted
                ? "dashed-link"
                : "link"
    return {
      from: relation.id1,
      to: relation.id2,
      kind,
      label: relation.title ?? "",
      fromCardinality: card(relation.relationTitle1),
      toCardinality: card(relation.relationTitle2),
      dotted
    }
  })
  const rawNotes = view.getNotes?.() ?? []
  const notes = [...(rawNotes instanceof Map ? rawNotes.values() : rawNotes)].map((note) =>
    note.class ? { for: note.class, text: note.text ?? "" } : { text: note.text ?? "" }
  )
  return {
    family: "class",
    direction: String(view.getDirection?.() ?? "TB"),
    classes,
    relations,
    notes,
    namespaces: [...(view.getNamespaces?.()?.keys() ?? [])]
  }
}
