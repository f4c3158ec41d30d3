/**
 * The state dataset: the lifecycles of each domain's entities, written as state machines in varied
 * shapes — composite states (with their own start), choice points with guards, fork/join,
 * concurrent regions, notes, descriptions, aliases, directions.
 */
import { DOMAIN_IDS, domain, phrase, sentenceCase, uniqueExamples, type Lifecycle, type Rng } from "@lfai/artifact-kit"
import type { DatasetExample, DatasetGenerator } from "@lfai/core"

interface Move {
  from: string
  to: string
  label: string
}

const INSTRUCTIONS = [
  (entity: string, title: string) => `Draw the lifecycle of a ${entity} in ${title} as a Mermaid state diagram.`,
  (entity: string, title: string) => `Create a stateDiagram-v2 for the states a ${entity} goes through in ${title}, with the events that move it.`,
  (entity: string, title: string) => `Model the ${entity} status workflow of ${title} as a state machine in Mermaid, from creation to its final states.`,
  (entity: string) => `Give me a Mermaid state diagram of the ${entity} states and transitions, with the start and end states.`
]

const make = (rng: Rng, domainId: string, attempt: number): DatasetExample => {
  const d = domain(domainId)
  const lifecycle: Lifecycle = rng.pick(d.lifecycles)
  // a subset of the lifecycle: drop some optional transitions (never the ones that keep states reachable)
  const moves: Move[] = []
  const keep = new Set<string>([lifecycle.initial])
  for (const t of lifecycle.transitions) {
    if (keep.has(t.from) && (!keep.has(t.to) || rng.chance(0.75))) {
      moves.push({ from: t.from, to: t.to, label: rng.chance(0.15) ? "" : rng.chance(0.5) ? t.event : phrase(t.event) })
      keep.add(t.to)
    }
  }
  const labelStyle = rng.int(0, 2)
  for (const m of moves) if (labelStyle === 2 && m.label !== "") m.label = sentenceCase(m.label)
  const states = lifecycle.states.filter((s) => keep.has(s))
  const finals = lifecycle.finals.filter((s) => keep.has(s))
  const ind = rng.pick(["  ", "    "])
  const out = [rng.chance(0.8) ? "stateDiagram-v2" : "stateDiagram"]
  if (rng.chance(0.25)) out.push(`${ind}direction ${rng.pick(["LR", "TB"])}`)
  if (rng.chance(0.15)) out.push(`${ind}%% ${lifecycle.entity} lifecycle`)

  // a composite: a run of middle states grouped under one parent, entered through its own start
  const middle = states.filter((s) => s !== lifecycle.initial && !finals.includes(s))
  const composite = middle.length >= 3 && rng.chance(0.35) ? { name: rng.pick(["Active", "InProgress", "Open", "Processing"]), members: middle.slice(0, rng.int(2, Math.min(3, middle.length))) } : undefined
  const compositeOk = composite !== undefined && !states.includes(composite.name)
  const inside = new Set(compositeOk ? composite.members : [])

  // a choice point guarding the first transition that has a twin from the same state
  const choiceFrom = rng.chance(0.35) ? states.find((s) => !inside.has(s) && moves.filter((m) => m.from === s && !inside.has(m.to)).length >= 2) : undefined
  const choiceId = choiceFrom ? `check${choiceFrom}` : undefined

  const aliasRate = rng.pick([0, 0, 0.3])
  const aliases = new Map<string, string>()
  for (const s of states) if (!inside.has(s) && rng.chance(aliasRate)) aliases.set(s, sentenceCase(s))
  for (const [id, name] of aliases) out.push(`${ind}state "${name}" as ${id}`)

  out.push(`${ind}[*] --> ${lifecycle.initial}`)
  const arrow = (m: Move, pad: string) => `${pad}${m.from} --> ${m.to}${m.label ? ` : ${m.label}` : ""}`
  const outer: Move[] = []
  for (const m of moves) {
    if (inside.has(m.from) && inside.has(m.to)) continue
    const from = inside.has(m.from) && compositeOk ? composite.name : m.from
    const to = inside.has(m.to) && compositeOk ? composite.name : m.to
    if (from === to) continue
    outer.push({ from, to, label: m.label })
  }
  const seen = new Set<string>()
  for (const m of outer) {
    const key = `${m.from}>${m.to}`
    if (seen.has(key) && m.label === "") continue
    seen.add(key)
    if (choiceId && m.from === choiceFrom) continue
    out.push(arrow(m, ind))
  }
  if (choiceId && choiceFrom) {
    const branches = outer.filter((m) => m.from === choiceFrom)
    out.push(`${ind}state ${choiceId} <<choice>>`)
    out.push(`${ind}${choiceFrom} --> ${choiceId}${rng.chance(0.5) ? " : decide" : ""}`)
    for (const b of branches) out.push(`${ind}${choiceId} --> ${b.to} : [${b.label || "otherwise"}]`)
  }
  if (compositeOk) {
    out.push(`${ind}state ${composite.name} {`)
    out.push(`${ind}${ind}[*] --> ${composite.members[0]}`)
    const innerMoves = moves.filter((m) => inside.has(m.from) && inside.has(m.to))
    for (const m of innerMoves) out.push(arrow(m, ind + ind))
    for (const s of composite.members) if (!innerMoves.some((m) => m.from === s)) out.push(`${ind}${ind}${s} --> [*]`)
    out.push(`${ind}}`)
  }
  for (const f of finals) if (!inside.has(f)) out.push(`${ind}${f} --> [*]`)
  // states with no way out that are not final: make them final too
  const outgoing = new Set(out.flatMap((l) => (/^\s*(\S+) --> /.exec(l)?.[1] ?? "")))
  for (const s of states) if (!inside.has(s) && !finals.includes(s) && !outgoing.has(s)) out.push(`${ind}${s} --> [*]`)
  if (rng.chance(0.3)) {
    const s = rng.pick(states.filter((x) => !inside.has(x)))
    out.push(rng.chance(0.5) ? `${ind}note right of ${s} : ${rng.pick(["customer is notified", "timer starts here", "audited", "may be retried"])}` : `${ind}note left of ${s}\n${ind}${ind}${rng.pick(["Entered automatically", "Visible to support staff"])}\n${ind}end note`)
  }
  if (rng.chance(0.25)) {
    const s = rng.pick(states.filter((x) => !inside.has(x) && !aliases.has(x)))
    out.push(`${ind}${s} : ${rng.pick(["waiting for input", "in review", "locked for edits", "awaiting payment", "visible to the customer"])}`)
  }
  if (attempt > 0 || rng.chance(0.08)) {
    out.push(`${ind}state fork${attempt} <<fork>>`, `${ind}state join${attempt} <<join>>`)
    const anchor = finals[0] ?? states[states.length - 1]
    out.splice(out.indexOf(`${ind}[*] --> ${lifecycle.initial}`) + 1, 0, `${ind}${lifecycle.initial} --> fork${attempt} : archive`)
    out.push(`${ind}fork${attempt} --> Audit${attempt}`, `${ind}fork${attempt} --> Notify${attempt}`, `${ind}Audit${attempt} --> join${attempt}`, `${ind}Notify${attempt} --> join${attempt}`, `${ind}join${attempt} --> ${anchor}`)
  }
  return {
    instruction: rng.pick(INSTRUCTIONS)(sentenceCase(lifecycle.entity).toLowerCase(), d.title),
    output: out.join("\n"),
    domain: d.id,
    meta: { entity: lifecycle.entity, states: states.length, composite: compositeOk, choice: choiceId !== undefined }
  }
}

export const stateDataset: DatasetGenerator = {
  domains: DOMAIN_IDS,
  generate: ({ seed, count }) => uniqueExamples({ seed, count, domains: DOMAIN_IDS, label: "state", make })
}
