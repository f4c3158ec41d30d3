/**
 * The sequence dataset: each domain's business processes — whole, or a stretch of one — as the
 * messages its people, apps, services and outside systems exchange. A call is answered when the
 * work it started is over (so replies nest as the calls do); a decision that ends the process is a
 * `break` (or an `alt` whose other side carries on), one the process recovers from an `opt` or an
 * `alt`. The request names the participants the answer holds and asks only for what it shows.
 */
import {
  DOMAIN_IDS,
  article,
  domain,
  enumerate,
  gerund,
  lowerFirst,
  methodName,
  partyKind,
  pickRegister,
  processPart,
  uniqueExamples,
  upperFirst,
  words,
  writeRequest,
  type Domain,
  type ProcessDecision,
  type ProcessItem,
  type ProcessStep,
  type Rng
} from "@lfai/artifact-kit"
import type { DatasetExample, DatasetGenerator } from "@lfai/core"

interface Call {
  readonly caller: string
  readonly callee: string
  readonly reply?: string
  readonly activated: boolean
}

interface Style {
  readonly ind: string
  readonly activations: "none" | "inline" | "explicit"
  /** Message text as the model writes the step (`Charge the card`) or lower-cased (`charge the card`). */
  readonly lower: boolean
  /** A step done alone: a message to oneself, or a note over the participant. */
  readonly selfAsNote: boolean
  /** How a decision that ends the process is drawn. */
  readonly endAs: "break" | "alt"
  /** Calls between systems written as method calls (`chargeCard()`), people's messages as words. */
  readonly calls: boolean
  /** Whether answers to calls are drawn. */
  readonly replies: boolean
}

/** Participant ids: the name itself when it is one word, else camelCase or initials. */
const idFor = (name: string, style: "camel" | "initials", taken: Set<string>): string => {
  const parts = words(name)
  let id = parts.length === 1 ? parts[0] : style === "initials" ? parts.map((w) => w.charAt(0).toUpperCase()).join("") : parts.map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())).join("")
  for (let n = 2; taken.has(id); n++) id = `${id}${n}`
  taken.add(id)
  return id
}

const render = (d: Domain, flow: ReadonlyArray<ProcessItem>, style: Style, id: (name: string) => string) => {
  const out: string[] = []
  const failurePaths: string[] = []
  const blocks: string[] = []
  const text = (label: string) => (style.lower ? lowerFirst(label) : label)
  const message = (s: ProcessStep) =>
    style.calls && s.to !== undefined && partyKind(d, s.by) !== "role" && partyKind(d, s.to) !== "role" ? `${methodName(s.label)}()` : text(s.label)
  const pad = (depth: number) => style.ind.repeat(depth)
  // who sends or receives a message: a note over anyone else would leave a participant unused
  const messaged = new Set(flow.flatMap((item) => (item.kind === "decision" ? item.branch : [item])).flatMap((s) => (s.to === undefined ? [] : [s.by, s.to])))

  const unwind = (stack: Call[], downTo: number, depth: number) => {
    while (stack.length > downTo) {
      const call = stack.pop()!
      if (call.reply === undefined) continue
      if (style.activations === "inline" && call.activated) out.push(`${pad(depth)}${id(call.callee)}-->>-${id(call.caller)}: ${call.reply}`)
      else {
        out.push(`${pad(depth)}${id(call.callee)}-->>${id(call.caller)}: ${call.reply}`)
        if (call.activated) out.push(`${pad(depth)}deactivate ${id(call.callee)}`)
      }
    }
  }
  const step = (s: ProcessStep, stack: Call[], floor: number, depth: number) => {
    // the calls this step's party is not working under are over
    let k = -1
    for (let i = stack.length - 1; i >= floor; i--) if (stack[i].callee === s.by) {
      k = i
      break
    }
    unwind(stack, k >= 0 ? k + 1 : floor, depth)
    if (s.to === undefined) {
      // a note is no message: a block needs one, and a party needs one to take part
      out.push(style.selfAsNote && depth === 1 && messaged.has(s.by) ? `${pad(depth)}Note over ${id(s.by)}: ${text(s.label)}` : `${pad(depth)}${id(s.by)}->>${id(s.by)}: ${text(s.label)}`)
      return
    }
    const isCall = partyKind(d, s.to) !== "role"
    const reply = style.replies ? s.reply : undefined
    const activated = isCall && reply !== undefined && style.activations !== "none"
    if (activated && style.activations === "inline") out.push(`${pad(depth)}${id(s.by)}->>+${id(s.to)}: ${message(s)}`)
    else {
      out.push(`${pad(depth)}${id(s.by)}->>${id(s.to)}: ${message(s)}`)
      if (activated) out.push(`${pad(depth)}activate ${id(s.to)}`)
    }
    if (isCall) stack.push({ caller: s.by, callee: s.to, ...(reply !== undefined ? { reply } : {}), activated })
  }
  const branch = (steps: ReadonlyArray<ProcessStep>, stack: Call[], depth: number) => {
    const floor = stack.length
    const inner = [...stack]
    for (const s of steps) step(s, inner, floor, depth)
    unwind(inner, floor, depth)
  }

  const stack: Call[] = []
  for (let i = 0; i < flow.length; i++) {
    const item = flow[i]
    if (item.kind === "step") {
      step(item, stack, 0, 1)
      continue
    }
    // whoever acts next, on either side, has its answers first: what it was waiting for is over
    const next = flow[i + 1]
    const actors = [item.branch[0]?.by, next?.kind === "step" ? next.by : undefined].filter((party) => party !== undefined)
    if (actors.length === 0 && flow[i - 1]?.kind === "step") actors.push((flow[i - 1] as ProcessStep).by)
    const working = (party: string) => {
      for (let j = stack.length - 1; j >= 0; j--) if (stack[j].callee === party) return j
      return -1
    }
    unwind(stack, Math.min(...actors.map(working)) + 1, 1)
    const question = item.question.replace(/\?$/, "")
    const decision: ProcessDecision = item
    if (decision.outcome.kind === "end") failurePaths.push(decision.outcome.label)
    const before = [...stack]
    if (decision.outcome.kind === "end" && (style.endAs === "break" || next?.kind !== "step")) {
      blocks.push("break")
      out.push(`${pad(1)}break ${decision.outcome.label}`)
      branch(decision.branch, before, 2)
      out.push(`${pad(1)}end`)
    } else if (decision.outcome.kind === "rejoin" || next?.kind !== "step") {
      if (decision.branch.length === 0) continue
      blocks.push("opt")
      out.push(`${pad(1)}opt ${decision.exception === "yes" ? question : `${item.question} No`}`)
      branch(decision.branch, before, 2)
      out.push(`${pad(1)}end`)
    } else {
      // the main path's next step on one side, the branch on the other
      blocks.push("alt")
      out.push(`${pad(1)}alt ${decision.exception === "no" ? question : `${item.question} No`}`)
      step(next, stack, 0, 2)
      // its answer comes inside the branch, unless the one it asked carries on with more work
      const call = stack[stack.length - 1]
      const after = flow[i + 2]
      if (call !== undefined && call.caller === next.by && call.callee === next.to && !(after?.kind === "step" && after.by === next.to)) unwind(stack, stack.length - 1, 2)
      out.push(`${pad(1)}else ${decision.outcome.kind === "end" ? decision.outcome.label : "otherwise"}`)
      branch(decision.branch, before, 2)
      out.push(`${pad(1)}end`)
      i++
    }
  }
  unwind(stack, 0, 1)
  return { lines: out, failurePaths, blocks }
}

const make = (rng: Rng, domainId: string): DatasetExample => {
  const d = domain(domainId)
  const process = rng.pick(d.processes)
  const part = processPart(rng, process, { wholeShare: 0.3 })
  const replies = rng.chance(0.75)
  const style: Style = {
    ind: rng.pick(["  ", "    "]),
    activations: replies ? rng.pick(["none", "none", "inline", "explicit"] as const) : "none",
    lower: rng.chance(0.5),
    selfAsNote: rng.chance(0.3),
    endAs: rng.pick(["break", "alt"] as const),
    calls: rng.chance(0.3),
    replies
  }
  const steps = part.flow.flatMap((item) => (item.kind === "step" ? [item] : item.branch))
  const appearing = [...new Set(steps.flatMap((s) => (s.to === undefined ? [s.by] : [s.by, s.to])))]
  // declared as they first appear, or people first, then apps, our services and outside systems
  const byKind = rng.chance(0.4)
  const rank = { role: 0, app: 1, service: 2, system: 3 } as const
  const parties = byKind ? [...appearing].sort((a, b) => rank[partyKind(d, a)!] - rank[partyKind(d, b)!]) : appearing
  const idStyle = rng.pick(["camel", "initials"] as const)
  const taken = new Set<string>()
  const ids = new Map(parties.map((p) => [p, idFor(p, idStyle, taken)]))
  const id = (name: string) => ids.get(name)!
  const { lines, failurePaths, blocks } = render(d, part.flow, style, id)

  const autonumber = rng.chance(0.25)
  const boxed = rng.chance(0.15) && parties.some((p) => partyKind(d, p) === "service")
  const declare = (p: string, depth: number) => {
    const keyword = partyKind(d, p) === "role" ? "actor" : "participant"
    return `${style.ind.repeat(depth)}${keyword} ${id(p)}${id(p) !== p ? ` as ${p}` : ""}`
  }
  const out = ["sequenceDiagram"]
  if (autonumber) out.push(`${style.ind}autonumber`)
  if (boxed) {
    const ours = parties.filter((p) => partyKind(d, p) === "service")
    const firstOurs = parties.indexOf(ours[0])
    out.push(...parties.slice(0, firstOurs).map((p) => declare(p, 1)))
    out.push(`${style.ind}box ${upperFirst(d.title.replace(/^(?:an?|the) /, ""))}`, ...ours.map((p) => declare(p, 2)), `${style.ind}end`)
    out.push(...parties.slice(firstOurs).filter((p) => !ours.includes(p)).map((p) => declare(p, 1)))
  } else out.push(...parties.map((p) => declare(p, 1)))
  out.push(...lines)

  // The request: the interaction, its participants by name, and what the answer shows.
  const who = (party: string) => (partyKind(d, party) === "role" ? `${article(party)} ${party.toLowerCase()}` : `the ${party}`)
  const how =
    part.fromStart && part.toEnd
      ? rng.pick([`${gerund(process.name)} in ${d.title}`, `what happens when ${who(process.starter)} wants to ${lowerFirst(process.name)} in ${d.title}`])
      : rng.pick([
          `the part of ${gerund(process.name)} in ${d.title} that starts when ${who(steps[0].by)} has to ${lowerFirst(steps[0].label)}`,
          `${gerund(process.name)} in ${d.title}, from the moment ${who(steps[0].by)} has to ${lowerFirst(steps[0].label)}`
        ])
  const spell = rng.int(0, 2)
  const names = parties.map((p) => (spell === 0 ? p : spell === 1 ? (partyKind(d, p) === "role" ? `the ${p.toLowerCase()}` : p) : p.toLowerCase()))
  const listed = enumerate(rng, names)
  const diagram = rng.pick(["sequence diagram", "Mermaid sequence diagram", "sequenceDiagram", "UML sequence diagram"])
  const ask = rng.pick([
    { terse: `${diagram} — ${how}. Participants: ${listed}`, plain: `Draw a ${diagram} of ${how}. Participants: ${listed}`, polite: `Could you draw a ${diagram} of ${how}? The participants are ${listed}` },
    { terse: `${upperFirst(how)}, as a ${diagram} (${listed})`, plain: `Show ${how} in a ${diagram} with ${listed}`, polite: `Can you show ${how} in a ${diagram}, please? Participants: ${listed}` },
    { terse: `${diagram} of ${how}, with ${listed}`, plain: `I need a ${diagram} for ${how}, between ${listed}`, polite: `Would you sketch the messages between ${listed} for ${how}?` }
  ])
  const details: string[] = []
  for (const path of failurePaths) if (rng.chance(0.8)) details.push(rng.pick([`Show the early exit (${path.toLowerCase()})`, `Show what happens when it ends as ${path.toLowerCase()}`, `Handle the ${path.toLowerCase()} case as well`]))
  if (blocks.includes("opt") && rng.chance(0.5)) details.push(rng.pick(["Optional steps in an opt block", "Put the optional part in an opt fragment"]))
  const activates = lines.some((line) => /^\s*activate |->>\+/.test(line))
  if (activates && rng.chance(0.7)) details.push(rng.pick(["Show activations", "Activate each participant while it works on a call", "Use activation bars"]))
  if (autonumber) details.push(rng.pick(["Number the messages", "Turn on autonumber"]))
  if (boxed) details.push(rng.pick([`Put our own services in a box`, `Group the ${d.title.replace(/^(?:an?|the) /, "")} services in a box`]))
  if (lines.some((line) => line.includes("-->>")) && rng.chance(0.4)) details.push(rng.pick(["Show the replies as dashed arrows", "Draw the responses too"]))
  if (rng.chance(0.3)) details.push(rng.pick(["Declare the participants first", "Use actor for the people and participant for the systems"]))
  if (byKind && rng.chance(0.5)) details.push(rng.pick(["Put the people first and the outside systems last", "Order the participants by kind, people first"]))
  if (style.calls && lines.some((line) => /: \w+\(\)$/.test(line))) details.push(rng.pick(["Write calls between systems as method calls", "Use method-call notation for the service calls"]))
  if (!replies && steps.some((s) => s.reply !== undefined) && rng.chance(0.5)) details.push(rng.pick(["No need to draw the replies", "Leave out the return messages"]))
  return {
    instruction: writeRequest(rng, { ask, context: d.business, details }, pickRegister(rng)),
    output: out.join("\n"),
    domain: d.id,
    meta: { process: process.name, whole: part.fromStart && part.toEnd, participants: parties.length, activations: style.activations, blocks }
  }
}

export const sequenceDataset: DatasetGenerator = {
  domains: DOMAIN_IDS,
  generate: ({ seed, count }) => uniqueExamples({ seed, count, domains: DOMAIN_IDS, label: "sequence", make: (rng, d) => make(rng, d) })
}
