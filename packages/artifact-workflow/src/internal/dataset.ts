/**
 * The workflow dataset: each domain's processes as flowcharts from a start to one or more ends,
 * with its activities as steps and its checks as decisions whose branches continue, detour and
 * rejoin, loop back for a retry, or end the process; optional phases as subgraphs.
 */
import { DOMAIN_IDS, camelCase, domain, uniqueExamples, type Rng } from "@lfai/artifact-kit"
import type { DatasetExample, DatasetGenerator } from "@lfai/core"

interface Step {
  readonly id: string
  readonly label: string
  readonly decision: boolean
}

const START_FORMS = [
  (id: string, label: string) => `${id}([${label}])`,
  (id: string, label: string) => `${id}((${label}))`,
  (id: string, label: string) => `${id}@{ shape: sm-circ, label: "${label}" }`,
  (id: string, label: string) => `${id}@{ shape: stadium, label: "${label}" }`
]
const END_FORMS = [
  (id: string, label: string) => `${id}([${label}])`,
  (id: string, label: string) => `${id}(((${label})))`,
  (id: string, label: string) => `${id}@{ shape: fr-circ, label: "${label}" }`,
  (id: string, label: string) => `${id}@{ shape: stadium, label: "${label}" }`
]
const DECISION_FORMS = [
  (id: string, label: string) => `${id}{${label}}`,
  (id: string, label: string) => `${id}{"${label}"}`,
  (id: string, label: string) => `${id}@{ shape: diam, label: "${label}" }`
]
const STEP_FORMS = [
  (id: string, label: string) => `${id}[${label}]`,
  (id: string, label: string) => `${id}(${label})`,
  (id: string, label: string) => `${id}[/${label}/]`
]

const INSTRUCTIONS = [
  (what: string, title: string) => `Draw the "${what}" process of ${title} as a Mermaid flowchart with a start, decisions and an end.`,
  (what: string, title: string) => `Create a workflow diagram for ${title}: how staff ${what.toLowerCase()}, including the checks and what happens when they fail.`,
  (what: string, title: string) => `Map the business process behind "${what}" in ${title} as a Mermaid flowchart with labelled yes/no branches.`,
  (what: string) => `Give me a process flow (Mermaid flowchart) for: ${what}. Show the start, each step, every decision, and the end.`
]

const make = (rng: Rng, domainId: string): DatasetExample => {
  const d = domain(domainId)
  const activities = rng.sample(d.activities, rng.int(3, 7))
  const checks = rng.sample(d.checks, rng.int(1, Math.min(3, activities.length - 1)))
  const shortIds = rng.chance(0.3)
  let counter = 0
  const idFor = (label: string, prefix: string) => (shortIds ? `${prefix}${++counter}` : camelCase(label.replace(/\?$/, "")).slice(0, 40))
  const steps: Step[] = activities.map((a) => ({ id: idFor(a, "s"), label: a, decision: false }))
  // put each check after a random step (never after the last one)
  const flow: Step[] = [...steps]
  for (const c of checks) {
    const positions = flow.map((s, i) => i).filter((i) => i < flow.length - 1 && !flow[i].decision && !flow[i + 1].decision)
    const at = rng.pick(positions.length > 0 ? positions : [0])
    flow.splice(at + 1, 0, { id: idFor(c, "d"), label: c, decision: true })
  }
  const startId = rng.pick(["start", "begin", "startNode"])
  const startLabel = rng.pick(["Start", "Begin", `Start: ${activities[0].toLowerCase()}`])
  const endId = rng.pick(["done", "finish", "endNode", "stop"])
  const endLabel = rng.pick(["Done", "End", "Finished", "Process complete"])
  const failEnd = rng.chance(0.5) ? { id: rng.pick(["rejected", "cancelled", "failed"]), label: rng.pick(["Rejected", "Cancelled", "Stopped"]) } : undefined
  const yes = rng.pick([["Yes", "No"], ["yes", "no"], ["Y", "N"], ["OK", "Not OK"], ["true", "false"]])

  const ind = rng.pick(["  ", "    "])
  const pipeLabels = rng.chance(0.6)
  const edge = (from: string, to: string, label?: string) =>
    label === undefined ? `${ind}${from} --> ${to}` : pipeLabels ? `${ind}${from} -->|${label}| ${to}` : `${ind}${from} -- ${label} --> ${to}`
  const decl = new Map<string, string>()
  decl.set(startId, rng.pick(START_FORMS)(startId, startLabel))
  decl.set(endId, rng.pick(END_FORMS)(endId, endLabel))
  if (failEnd) decl.set(failEnd.id, rng.pick(END_FORMS)(failEnd.id, failEnd.label))
  const stepForm = rng.pick(STEP_FORMS)
  const decisionForm = rng.pick(DECISION_FORMS)
  for (const s of flow) decl.set(s.id, s.decision ? decisionForm(s.id, s.label) : stepForm(s.id, s.label))

  const lines: string[] = []
  let failUsed = false
  lines.push(edge(startId, flow[0].id))
  for (let i = 0; i < flow.length; i++) {
    const s = flow[i]
    const next = flow[i + 1]?.id ?? endId
    if (!s.decision) {
      if (!flow[i + 1]?.decision || rng.chance(1)) lines.push(edge(s.id, next, rng.chance(0.1) ? "then" : undefined))
      continue
    }
    lines.push(edge(s.id, next, yes[0]))
    const branch = rng.pick(["retry", "detour", "end", failEnd ? "fail" : "detour"])
    const previous = flow.slice(0, i).filter((x) => !x.decision)
    if (branch === "retry" && previous.length > 0) lines.push(edge(s.id, rng.pick(previous).id, yes[1]))
    else if (branch === "fail" && failEnd) {
      failUsed = true
      lines.push(edge(s.id, failEnd.id, yes[1]))
    }
    else if (branch === "end") lines.push(edge(s.id, endId, yes[1]))
    else {
      const fix = rng.pick(["Escalate to supervisor", "Request missing information", "Log exception", "Notify requester", "Put on hold"])
      const fixId = idFor(fix, "x")
      if (!decl.has(fixId)) decl.set(fixId, stepForm(fixId, fix))
      lines.push(edge(s.id, fixId, yes[1]))
      const rejoin = rng.chance(0.5) ? next : (failEnd?.id ?? endId)
      failUsed ||= rejoin === failEnd?.id
      lines.push(edge(fixId, rejoin))
    }
  }
  if (failEnd && !failUsed) decl.delete(failEnd.id)

  const out = [`${rng.chance(0.75) ? "flowchart" : "graph"} ${rng.pick(["TD", "TB", "LR", "TD"])}`]
  if (rng.chance(0.15)) out.push(`${ind}%% ${activities[0]} process`)
  const phases = rng.chance(0.3) && flow.length >= 4
  const where = rng.int(0, 2)
  if (phases) {
    // the middle steps grouped into one phase, entered by the edge from the first step
    const middle = flow.slice(1, Math.min(flow.length, 4)).filter((s) => !s.decision)
    const phaseId = rng.pick(["processing", "review", "fulfilment", "handling"])
    out.push(`${ind}subgraph ${phaseId} [${rng.pick(["Processing", "Review", "Fulfilment", "Handling"])}]`)
    for (const s of middle) {
      out.push(`${ind}${ind}${decl.get(s.id)}`)
      decl.delete(s.id)
    }
    out.push(`${ind}end`)
  }
  if (where === 0) {
    out.push(...[...decl.values()].map((x) => `${ind}${x}`), ...lines)
  } else {
    // declare each node where it first appears in an edge
    const pending = new Map(decl)
    for (const l of lines) {
      let line = l
      for (const [id, form] of pending) {
        const pattern = new RegExp(`(^\\s*|\\| |-- [^>]*--> |--> )${id}(?=\\s|$)`)
        if (pattern.test(line)) {
          line = line.replace(pattern, (_, lead: string) => `${lead}${form}`)
          pending.delete(id)
        }
      }
      out.push(line)
    }
    out.push(...[...pending.values()].map((x) => `${ind}${x}`))
  }
  if (rng.chance(0.2)) out.push(`${ind}classDef decision fill:#ffd,stroke:#aa0`, `${ind}class ${flow.filter((s) => s.decision).map((s) => s.id).join(",")} decision`)
  return {
    instruction: rng.pick(INSTRUCTIONS)(activities[0], d.title),
    output: out.join("\n"),
    domain: d.id,
    meta: { steps: activities.length, decisions: checks.length, phases, failEnd: failUsed }
  }
}

export const workflowDataset: DatasetGenerator = {
  domains: DOMAIN_IDS,
  generate: ({ seed, count }) => uniqueExamples({ seed, count, domains: DOMAIN_IDS, label: "workflow", make: (rng, d) => make(rng, d) })
}
