/**
 * The state dataset: the lifecycles of each domain's main entities — whole, or the main path with
 * some of its exits, or from a later state on — with a phase of the lifecycle as a composite state
 * when the view holds all of it, readable display names, and the events as transition labels. The
 * request names the states the answer holds and asks only for what it shows.
 */
import {
  article,
  DOMAIN_IDS,
  domain,
  enumerate,
  phrase,
  pickRegister,
  sentenceCase,
  uniqueExamples,
  upperFirst,
  writeRequest,
  type Lifecycle,
  type LifecyclePhase,
  type LifecycleTransition,
  type Rng
} from "@lfai/artifact-kit"
import type { DatasetExample, DatasetGenerator } from "@lfai/core"

interface View {
  readonly kind: "whole" | "main" | "from"
  readonly initial: string
  readonly states: ReadonlyArray<string>
  readonly transitions: ReadonlyArray<LifecycleTransition>
  readonly finals: ReadonlyArray<string>
}

/** The shortest run of transitions from `from` to a final state, the lifecycle's first final preferred. */
const mainPath = (lifecycle: Lifecycle, from: string): string[] => {
  const previous = new Map<string, string>([[from, ""]])
  const queue = [from]
  while (queue.length > 0) {
    const state = queue.shift()!
    for (const t of lifecycle.transitions) {
      if (t.from === state && !previous.has(t.to)) {
        previous.set(t.to, state)
        queue.push(t.to)
      }
    }
  }
  const target = lifecycle.finals.find((f) => previous.has(f)) ?? from
  const path = [target]
  while (path[0] !== from) path.unshift(previous.get(path[0])!)
  return path
}

const reachableFrom = (lifecycle: Lifecycle, from: string): Set<string> => {
  const seen = new Set([from])
  for (let grew = true; grew; ) {
    grew = false
    for (const t of lifecycle.transitions) if (seen.has(t.from) && !seen.has(t.to)) grew = seen.add(t.to) !== undefined
  }
  return seen
}

/** A part of a lifecycle in which every state is reached from the start and is final or has a way out. */
const pickView = (rng: Rng, lifecycle: Lifecycle): View => {
  const kind = rng.weighted<View["kind"]>([["whole", 5], ["main", 4], ["from", 2]])
  if (kind === "from") {
    const candidates = lifecycle.states.filter((s) => s !== lifecycle.initial && !lifecycle.finals.includes(s) && reachableFrom(lifecycle, s).size >= 3)
    if (candidates.length > 0) {
      const initial = rng.pick(candidates)
      const states = lifecycle.states.filter((s) => reachableFrom(lifecycle, initial).has(s))
      return { kind, initial, states, transitions: lifecycle.transitions.filter((t) => states.includes(t.from) && states.includes(t.to)), finals: lifecycle.finals.filter((f) => states.includes(f)) }
    }
  }
  if (kind === "main") {
    const path = mainPath(lifecycle, lifecycle.initial)
    const states = new Set(path)
    for (const t of lifecycle.transitions) if (states.has(t.from) && !states.has(t.to) && lifecycle.finals.includes(t.to) && rng.chance(0.6)) states.add(t.to)
    const kept = lifecycle.states.filter((s) => states.has(s))
    const transitions = lifecycle.transitions.filter(
      (t) => states.has(t.from) && states.has(t.to) && (path.indexOf(t.to) === path.indexOf(t.from) + 1 || !path.includes(t.to) || rng.chance(0.7))
    )
    if (kept.length > path.length || kept.length >= 3) return { kind, initial: lifecycle.initial, states: kept, transitions, finals: lifecycle.finals.filter((f) => states.has(f)) }
  }
  return { kind: "whole", initial: lifecycle.initial, states: lifecycle.states, transitions: lifecycle.transitions, finals: lifecycle.finals }
}

/** A phase drawn as a composite: all its states in the view, entered only at its first, left only from its last. */
const compositeFor = (view: View, phases: ReadonlyArray<LifecyclePhase>): LifecyclePhase | undefined =>
  phases.find((phase) => {
    const inside = new Set(phase.states)
    if (!phase.states.every((s) => view.states.includes(s)) || inside.has(view.initial)) return false
    const [first] = phase.states
    const last = phase.states[phase.states.length - 1]
    return view.transitions.every(
      (t) => (inside.has(t.from) === inside.has(t.to)) || (!inside.has(t.from) && t.to === first) || (t.from === last && !inside.has(t.to))
    ) && !phase.states.some((s) => view.finals.includes(s))
  })

const make = (rng: Rng, domainId: string): DatasetExample => {
  const d = domain(domainId)
  const lifecycle = rng.pick(d.lifecycles)
  const view = pickView(rng, lifecycle)
  const composite = rng.chance(0.6) ? compositeFor(view, lifecycle.phases) : undefined
  const inside = new Set(composite?.states ?? [])
  const displayNames = rng.chance(0.3) && view.states.some((s) => sentenceCase(s).includes(" "))
  const snakeEvents = rng.chance(0.4)
  const direction = rng.chance(0.2) ? "LR" : undefined
  const ind = rng.pick(["  ", "    "])
  const label = (t: LifecycleTransition) => (snakeEvents ? t.event : phrase(t.event))

  // a decision after a state that leads two ways: a choice point with the events as guards
  const forks = view.states.filter((st) => {
    if (inside.has(st) || st === view.initial) return false
    const exits = view.transitions.filter((t) => t.from === st && !inside.has(t.to))
    return exits.length === 2 && exits[0].to !== exits[1].to && !exits.some((t) => t.to === st)
  })
  const choiceAt = forks.length > 0 && rng.chance(0.35) ? rng.pick(forks) : undefined
  const choiceId = choiceAt === undefined ? undefined : `${choiceAt}Outcome`
  const out = ["stateDiagram-v2"]
  if (direction) out.push(`${ind}direction ${direction}`)
  if (displayNames) for (const s of view.states) if (!inside.has(s) && sentenceCase(s).includes(" ")) out.push(`${ind}state "${sentenceCase(s)}" as ${s}`)
  const outer = (name: string) => (inside.has(name) && composite ? composite.name : name)
  const edges = view.transitions.filter((t) => !(inside.has(t.from) && inside.has(t.to)))
  const order = rng.pick(["by-state", "ends-last", "main-first"] as const)
  const lines: string[] = [`${ind}[*] --> ${view.initial}`]
  const endLine = (s: string) => `${ind}${outer(s)} --> [*]`
  const finals = view.finals.filter((f) => !inside.has(f))
  const edgeLine = (t: LifecycleTransition) =>
    t.from === choiceAt ? `${ind}${choiceId} --> ${outer(t.to)} : [${phrase(t.event)}]` : `${ind}${outer(t.from)} --> ${outer(t.to)} : ${label(t)}`
  if (order === "by-state") {
    for (const s of view.states.filter((x) => !inside.has(x) || x === composite?.states[composite.states.length - 1])) {
      lines.push(...edges.filter((t) => t.from === s).map(edgeLine))
      if (finals.includes(s)) lines.push(endLine(s))
    }
  } else if (order === "main-first") {
    // the main path first, then the other ways, then where it ends
    const path = mainPath(lifecycle, view.initial)
    const onPath = (t: LifecycleTransition) => path.indexOf(t.to) === path.indexOf(t.from) + 1 && path.includes(t.from)
    lines.push(...edges.filter(onPath).map(edgeLine), ...edges.filter((t) => !onPath(t)).map(edgeLine), ...finals.map(endLine))
  } else {
    lines.push(...edges.map(edgeLine), ...finals.map(endLine))
  }
  if (choiceId && choiceAt) {
    // the choice is declared, and entered, just before its first branch
    const first = lines.findIndex((line) => line.startsWith(`${ind}${choiceId} --> `))
    lines.splice(first, 0, `${ind}state ${choiceId} <<choice>>`, `${ind}${outer(choiceAt)} --> ${choiceId}`)
  }
  out.push(...lines)
  if (composite) {
    const pad = ind + ind
    out.push(`${ind}state ${composite.name} {`)
    if (displayNames) for (const s of composite.states) if (sentenceCase(s).includes(" ")) out.push(`${pad}state "${sentenceCase(s)}" as ${s}`)
    out.push(`${pad}[*] --> ${composite.states[0]}`)
    for (const t of view.transitions.filter((x) => inside.has(x.from) && inside.has(x.to))) out.push(`${pad}${t.from} --> ${t.to} : ${label(t)}`)
    out.push(`${pad}${composite.states[composite.states.length - 1]} --> [*]`)
    out.push(`${ind}}`)
  }

  // The request: the entity and the states by name, and what the answer shows.
  const entity = sentenceCase(lifecycle.entity).toLowerCase()
  // a request that names no state asks for all of them
  const named = view.kind !== "whole" || rng.chance(0.85)
  const spelling = rng.int(0, 2)
  const stateWords = view.states.map((s) => [s, sentenceCase(s).toLowerCase(), sentenceCase(s)][spelling])
  const states = enumerate(rng, stateWords)
  const diagram = rng.pick(["state diagram", "state machine", "Mermaid state diagram", "stateDiagram-v2", "lifecycle diagram"])
  const the = `the ${entity}`
  const ask = named
    ? rng.pick([
        { terse: `${entity} lifecycle in ${d.title} as a ${diagram}: ${states}`, plain: `Draw the lifecycle of ${the} in ${d.title} as a ${diagram}: ${states}`, polite: `Could you draw the states of ${the} in ${d.title} as a ${diagram}? It goes through ${states}` },
        { terse: `${diagram} for ${the} — states ${states}`, plain: `Model the ${entity} states of ${d.title} as a ${diagram} with ${states}`, polite: `Can you model ${the} lifecycle of ${d.title} (${states}) as a ${diagram}?` },
        { terse: `${entity} states: ${states}`, plain: `I need a ${diagram} for ${the} in ${d.title}, with the states ${states}`, polite: `Would you sketch a ${diagram} of ${the} states, please? ${upperFirst(states)}` }
      ])
    : rng.pick([
        { terse: `${entity} lifecycle as a ${diagram}`, plain: `Draw the whole lifecycle of ${the} in ${d.title} as a ${diagram}`, polite: `Could you show every state ${the} goes through in ${d.title}, as a ${diagram}?` },
        { terse: `${diagram} of the ${entity} status flow in ${d.title}`, plain: `Model every status ${the} can have in ${d.title} as a ${diagram}, from creation to its final states`, polite: `Can you draw the complete ${entity} lifecycle of ${d.title} as a ${diagram}?` }
      ])
  const details: string[] = []
  if (view.kind === "from") details.push(rng.pick([`Start at ${sentenceCase(view.initial).toLowerCase()}`, `Begin from the ${sentenceCase(view.initial).toLowerCase()} state`, `Only the part from ${view.initial} onwards`]))
  if (view.kind === "main" && rng.chance(0.6)) details.push(rng.pick(["Keep it to the main path and its exits", "Just the main flow, not every corner case", "Main path only, plus the ways it can end early"]))
  if (composite) details.push(rng.pick([`Group ${enumerate(rng, composite.states)} in ${article(composite.name)} ${composite.name} composite state`, `Put ${enumerate(rng, composite.states)} inside a composite state called ${composite.name}`, `Nest the ${composite.name} phase as a composite state`]))
  if (displayNames && rng.chance(0.7)) details.push(rng.pick(["Give every multi-word state a readable display name", "Spell out multi-word state names in their labels", "Readable labels for the states, please"]))
  if (direction) details.push(rng.pick(["Lay it out left to right", "Left-to-right direction", "Horizontal layout, please"]))
  if (choiceAt) details.push(rng.pick([`Use a choice point for the outcome of ${choiceAt}`, `After ${sentenceCase(choiceAt).toLowerCase()}, branch through a <<choice>> state with guards`, `Model what follows ${choiceAt} as a choice`]))
  if (rng.chance(0.35)) details.push(snakeEvents ? rng.pick(["Use the snake_case event names as transition labels", "Use the event identifiers as the transition labels"]) : rng.pick(["Label each transition by its event in plain words", "Write the events on the transitions as words"]))
  if (rng.chance(0.25)) details.push(rng.pick(["Final states end in [*]", "Mark where it ends", "Every end state leads to [*]"]))
  const register = pickRegister(rng)
  return {
    instruction: writeRequest(rng, { ask, context: d.business, details }, register),
    output: out.join("\n"),
    domain: d.id,
    meta: { entity: lifecycle.entity, view: view.kind, states: view.states.length, composite: composite?.name ?? null, choice: choiceAt ?? null, displayNames, register }
  }
}

export const stateDataset: DatasetGenerator = {
  domains: DOMAIN_IDS,
  generate: ({ seed, count }) => uniqueExamples({ seed, count, domains: DOMAIN_IDS, label: "state", make: (rng, d) => make(rng, d) })
}
