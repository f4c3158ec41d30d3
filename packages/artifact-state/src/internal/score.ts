/**
 * State-diagram scoring (floor: `stateDiagram(-v2)`; a start transition from `[*]`;
 * ≥ 2 states besides `[*]`; ≥ 2 transitions). See README.md.
 */
import type { ScoreContext } from "@lfai/artifact-kit/diagram"
import { blockLine, lineOf, linesMentioning, reachable, type StateDiagram } from "@lfai/mermaid"

const START = (scope: string | undefined) => `[*]start:${scope ?? ""}`
const END = (scope: string | undefined) => `[*]end:${scope ?? ""}`

export const scoreState = (diagram: StateDiagram, { text, headerLine, sheet }: ScoreContext): void => {
  const at = (id: string) => blockLine(text, id) ?? lineOf(text, id, headerLine + 1)
  const { states, transitions } = diagram
  const real = states.filter((s) => s.kind === "state" || s.kind === "composite")
  if (!transitions.some((t) => t.from === "[*]" && t.scope === undefined)) {
    sheet.error("no-start-transition", "The diagram needs a start transition from `[*]`, e.g. `[*] --> Idle`.", 30, headerLine)
  }
  if (real.length < 2) sheet.error("too-few-states", `A state diagram needs at least 2 states besides [*]; this one has ${real.length}.`, 30, headerLine)
  if (transitions.length < 2) sheet.error("too-few-transitions", `A state diagram needs at least 2 transitions; this one has ${transitions.length}.`, 30, headerLine)

  const node = (id: string, scope: string | undefined, end: boolean) => (id === "[*]" ? (end ? END(scope) : START(scope)) : id)
  const arcs = transitions.map((t) => ({ from: node(t.from, t.scope, false), to: node(t.to, t.scope, true) }))
  const children = (id: string) => states.filter((s) => s.parent === id).map((s) => s.id)
  const hasStart = (scope: string) => transitions.some((t) => t.from === "[*]" && t.scope === scope)
  // entering a composite enters its start; a composite without one is entered everywhere
  const enter = (id: string) => {
    const state = states.find((s) => s.id === id)
    if (state?.kind !== "composite") return []
    return hasStart(id) ? [START(id)] : children(id)
  }
  if (transitions.some((t) => t.from === "[*]" && t.scope === undefined)) {
    const reached = reachable([START(undefined)], arcs, enter)
    // being in a state inside a composite is being in the composite, however the flow got there
    const holdsReached = (id: string): boolean => states.some((s) => s.parent === id && (reached.has(s.id) || holdsReached(s.id)))
    sheet.each(
      "warning",
      "unreachable-state",
      states.filter((s) => !reached.has(s.id) && !holdsReached(s.id)).map((s) => ({ message: `State ${s.label} cannot be reached from the start.`, line: at(s.id) })),
      5,
      20
    )
  }
  const leaves = new Set(transitions.map((t) => node(t.from, t.scope, false)))
  sheet.each(
    "warning",
    "dead-end-state",
    states.filter((s) => s.kind === "state" && !leaves.has(s.id)).map((s) => ({ message: `State ${s.label} has no way out (add a transition, or \`${s.id} --> [*]\` if it is final).`, line: at(s.id) })),
    3,
    12
  )
  sheet.each(
    "warning",
    "composite-without-start",
    states.filter((s) => s.kind === "composite" && children(s.id).length > 0 && !hasStart(s.id)).map((s) => ({ message: `Composite state ${s.label} has no inner start (\`[*] --> …\`).`, line: at(s.id) })),
    3,
    6
  )
  const choices = new Set(states.filter((s) => s.kind === "choice").map((s) => s.id))
  sheet.each(
    "warning",
    "unguarded-choice",
    [...choices].filter((id) => transitions.some((t) => t.from === id && t.label === "")).map((id) => ({ message: `Choice ${id} has a branch without a guard label.`, line: at(id) })),
    3,
    9
  )
  // the lines of a transition: both ends named, `from` before the arrow and `to` after it (not the way back)
  const lines = text.split(/\r\n|\r|\n/)
  const transitionLines = (from: string, to: string) =>
    linesMentioning(text, [from, to], headerLine + 1).filter((n) => {
      const [before, after] = lines[n - 1].split("-->")
      return after !== undefined && before.includes(from) && after.includes(to)
    })
  const seen = new Map<string, number>()
  const duplicates = transitions.flatMap((t) => {
    const key = `${t.scope ?? ""}\u0000${t.from}\u0000${t.to}\u0000${t.label.toLowerCase()}`
    const times = seen.get(key) ?? 0
    seen.set(key, times + 1)
    return times === 0 ? [] : [{ message: `The transition ${t.from} → ${t.to} is declared twice.`, line: transitionLines(t.from, t.to)[times] }]
  })
  sheet.each("warning", "duplicate-transition", duplicates, 3, 9)
  const events = transitions.filter((t) => t.from !== "[*]" && t.to !== "[*]" && !choices.has(t.from))
  const unlabeled = events.filter((t) => t.label === "")
  if (events.length >= 3 && unlabeled.length / events.length > 0.5) {
    sheet.warn("unlabeled-transitions", `${unlabeled.length} of ${events.length} transitions name no event; label them (\`Idle --> Running : start\`).`, 5)
  }
  if (!transitions.some((t) => t.to === "[*]" && t.scope === undefined)) sheet.info("no-final-state", "No transition reaches a final state (`… --> [*]`).")
}
