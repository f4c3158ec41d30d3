/** ER structure from mermaid's `ErDB` (entities, attributes, relationships with cardinalities). */
import type { ErAttribute, ErDiagram } from "../../types.ts"

interface ErDbView {
  getEntities(): Map<string, { id: string; alias?: string; attributes?: Array<Partial<ErAttribute> & { keys?: string[] }> }>
  getRelationships(): Array<{ entityA: string; entityB: string; roleA?: string; relSpec?: { cardA?: string; cardB?: string; relType?: string } }>
  getDirection?(): string
}

export const readEr = (db: unknown): ErDiagram => {
  const view = db as ErDbView
  const entities = [...view.getEntities()].map(([name, entity]) => ({
    name,
    alias: entity.alias ?? "",
    attributes: (entity.attributes ?? []).map((attribute) => ({
      type: String(attribute.type ?? ""),
      name: String(attribute.name ?? ""),
      keys: [...(attribute.keys ?? [])].map(String),
      comment: String(attribute.comment ?? "")
    }))
  }))
  const nameById = new Map([...view.getEntities()].map(([name, entity]) => [entity.id, name]))
  const relationships = view.getRelationships().map((relationship) => ({
    from: nameById.get(relationship.entityA) ?? relationship.entityA,
    to: nameById.get(relationship.entityB) ?? relationship.entityB,
    label: String(relationship.roleA ?? ""),
    // mermaid stores the marker written next to entityA as cardB, the one next to entityB as cardA
    fromCardinality: String(relationship.relSpec?.cardB ?? ""),
    toCardinality: String(relationship.relSpec?.cardA ?? ""),
    identifying: relationship.relSpec?.relType === "IDENTIFYING"
  }))
  return { family: "er", direction: String(view.getDirection?.() ?? "TB"), entities, relationships }
}
