/**
 * Class-diagram scoring (floor: `classDiagram`; ≥ 2 classes; ≥ 1 relation; members
 * declared, i.e. at least one class declares an attribute or a method). See README.md.
 */
import { isPlaceholderName, mixedNamingStyles } from "@lfai/artifact-kit"
import type { ScoreContext } from "@lfai/artifact-kit/diagram"
import { blockLine, lineOf, linesMentioning, type ClassDiagram } from "@lfai/mermaid"

export const scoreClass = (diagram: ClassDiagram, { text, headerLine, sheet }: ScoreContext): void => {
  const at = (id: string) => blockLine(text, id) ?? lineOf(text, id, headerLine + 1)
  const { classes, relations } = diagram
  const members = (id: string) => {
    const c = classes.find((x) => x.id === id)
    return c ? c.attributes.length + c.methods.length : 0
  }
  if (classes.length < 2) sheet.error("too-few-classes", `A class diagram needs at least 2 classes; this one has ${classes.length}.`, 35, headerLine)
  if (relations.length === 0) sheet.error("no-relations", "A class diagram needs at least one relation, e.g. `Order *-- OrderLine` or `Animal <|-- Dog`.", 35, headerLine)
  if (classes.length > 0 && classes.every((c) => members(c.id) === 0)) {
    sheet.error("no-members", "No class declares members: add attributes and methods, e.g. `class Order {\\n  +int id\\n  +place() bool\\n}`.", 30, headerLine)
  } else {
    sheet.each(
      "warning",
      "class-without-members",
      classes.filter((c) => members(c.id) === 0).map((c) => ({ message: `Class ${c.label} declares no attributes or methods.`, line: at(c.id) })),
      3,
      12
    )
  }
  const related = new Set(relations.flatMap((r) => [r.from, r.to]))
  if (relations.length > 0) {
    sheet.each("warning", "orphan-class", classes.filter((c) => !related.has(c.id)).map((c) => ({ message: `Class ${c.label} has no relation.`, line: at(c.id) })), 4, 12)
  }
  const seen = new Map<string, number>()
  const duplicates = relations.flatMap((r) => {
    const key = `${[r.from, r.to].sort().join("\u0000")}\u0000${r.kind}\u0000${r.label.trim().toLowerCase()}`
    const times = seen.get(key) ?? 0
    seen.set(key, times + 1)
    return times === 0 ? [] : [{ message: `The ${r.kind} between ${r.from} and ${r.to} is declared twice.`, line: linesMentioning(text, [r.from, r.to], headerLine + 1)[times] }]
  })
  sheet.each("warning", "duplicate-relation", duplicates, 3, 9)
  const enumLike = (annotations: ReadonlyArray<string>) => annotations.some((a) => a.startsWith("enum"))
  sheet.each(
    "warning",
    "untyped-attribute",
    classes
      .filter((c) => !enumLike(c.annotations))
      .flatMap((c) => c.attributes.filter((a) => a.type === "").map((a) => ({ message: `Attribute ${c.id}.${a.name} has no type.`, line: at(c.id) }))),
    1,
    5
  )
  sheet.each(
    "warning",
    "duplicate-member",
    classes.flatMap((c) => {
      const names = [...c.attributes.map((a) => `a:${a.name}`), ...c.methods.map((m) => `m:${m.name}(${m.parameters ?? ""})`)]
      return names.filter((n, i) => names.indexOf(n) !== i).map((n) => ({ message: `Class ${c.id} declares ${n.slice(2)} twice.`, line: at(c.id) }))
    }),
    2,
    6
  )
  sheet.each("warning", "placeholder-name", classes.filter((c) => isPlaceholderName(c.id)).map((c) => ({ message: `Class name "${c.id}" says nothing about what it models.`, line: at(c.id) })), 3, 9)
  const styles = mixedNamingStyles(classes.map((c) => c.id))
  if (styles.length > 0) sheet.warn("inconsistent-naming", `Class names mix naming styles (${styles.join(", ")}).`, 4)
}
