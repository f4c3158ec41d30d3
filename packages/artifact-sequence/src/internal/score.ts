/**
 * Sequence scoring (floor: `sequenceDiagram`; ≥ 2 participants, declared or
 * implicit; ≥ 2 messages, notes not counted). The table in README.md lists every code.
 */
import { isPlaceholderName } from "@lfai/artifact-kit"
import type { ScoreContext } from "@lfai/artifact-kit/diagram"
import { lineOf, linesMentioning, type SequenceDiagram } from "@lfai/mermaid"

export const scoreSequence = (diagram: SequenceDiagram, { text, headerLine, sheet }: ScoreContext): void => {
  const at = (id: string) => lineOf(text, id, headerLine + 1)
  const { participants, messages, blocks } = diagram
  if (participants.length < 2) sheet.error("too-few-participants", `A sequence diagram needs at least 2 participants; this one has ${participants.length}.`, 35, headerLine)
  if (messages.length < 2) sheet.error("too-few-messages", `A sequence diagram needs at least 2 messages (notes do not count); this one has ${messages.length}.`, 35, headerLine)

  const lines = text.split(/\r\n|\r|\n/)
  const empties = new Map<string, number>()
  const talking = new Set(messages.flatMap((m) => [m.from, m.to]))
  if (messages.length > 0) {
    sheet.each(
      "warning",
      "unused-participant",
      participants.filter((p) => !talking.has(p.id)).map((p) => ({ message: `Participant ${p.label} sends and receives nothing.`, line: at(p.id) })),
      4,
      12
    )
  }
  sheet.each(
    "warning",
    "empty-message",
    messages
      .filter((m) => m.text.trim() === "")
      .map((m) => {
        // the k-th line naming both ends before a colon with nothing after it, for the k-th such message between them
        // (an arrow touches the names, `A->>B:`, so they are not whole words there)
        const pair = `${m.from}\u0000${m.to}`
        const k = empties.get(pair) ?? 0
        empties.set(pair, k + 1)
        const line = lines.flatMap((raw, i) => {
          const [ends, said] = raw.split(":")
          return i >= headerLine && said !== undefined && said.trim() === "" && ends.includes(m.from) && ends.includes(m.to) ? [i + 1] : []
        })[k]
        return { message: `The message ${m.from} → ${m.to} says nothing.`, line: line ?? at(m.from) }
      }),
    2,
    8
  )
  sheet.each(
    "warning",
    "empty-block",
    blocks.filter((b) => b.messages === 0).map((b) => ({ message: `The ${b.kind} block "${b.label}" holds no message.`, line: b.label ? linesMentioning(text, b.label.split(/\s+/), headerLine + 1)[0] : undefined })),
    4,
    8
  )
  sheet.each(
    "warning",
    "open-activation",
    diagram.openActivations.map((a) => ({ message: `${a.id} is activated ${a.open} time(s) more than it is deactivated.`, line: at(a.id) })),
    2,
    6
  )
  sheet.each(
    "warning",
    "placeholder-name",
    participants.filter((p) => p.label === p.id && isPlaceholderName(p.id)).map((p) => ({ message: `Participant "${p.id}" says nothing about who it is; give it a name or an alias.`, line: at(p.id) })),
    2,
    6
  )
  const labels = new Map<string, number>()
  for (const p of participants) labels.set(p.label.toLowerCase(), (labels.get(p.label.toLowerCase()) ?? 0) + 1)
  sheet.each(
    "warning",
    "duplicate-participant",
    participants.filter((p, i) => (labels.get(p.label.toLowerCase()) ?? 0) > 1 && participants.findIndex((q) => q.label.toLowerCase() === p.label.toLowerCase()) !== i).map((p) => ({ message: `Two participants are both called "${p.label}".`, line: at(p.id) })),
    3,
    6
  )
}
