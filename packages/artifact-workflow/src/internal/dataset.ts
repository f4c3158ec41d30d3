/**
 * The workflow dataset: each domain's business processes — whole, or from a later step to their
 * end — as flowcharts: a start, the steps, each decision with both branches labelled, the steps
 * taken when a check fails and where they lead (an end of their own, back to an earlier step, or
 * on with the main path), and the main path's outcome as the end. Optionally a swimlane per party.
 * The request names the checks, outcomes and lanes the answer holds and asks only for what it shows.
 */
import {
  DOMAIN_IDS,
  camelCase,
  domain,
  enumerate,
  gerund,
  lowerFirst,
  pickRegister,
  processPart,
  uniqueExamples,
  upperFirst,
  withoutArticles,
  words,
  writeRequest,
  type ProcessItem,
  type ProcessStep,
  type Rng
} from "@lfai/artifact-kit"
import type { DatasetExample, DatasetGenerator } from "@lfai/core"

interface Node {
  readonly id: string
  readonly text: string
  readonly shape: "start" | "end" | "step" | "decision"
  /** The party whose lane the node is in (steps and the decisions after them). */
  readonly lane?: string
}

const SHAPES: Readonly<Record<Node["shape"], ReadonlyArray<(id: string, text: string) => string>>> = {
  start: [(id, text) => `${id}([${text}])`, (id, text) => `${id}((${text}))`],
  end: [(id, text) => `${id}([${text}])`, (id, text) => `${id}(((${text})))`],
  step: [(id, text) => `${id}[${text}]`, (id, text) => `${id}(${text})`],
  decision: [(id, text) => `${id}{${text}}`, (id, text) => `${id}{"${text}"}`]
}

/** Words an id leaves out, so three words carry the meaning: `Report the device as faulty` → `reportDeviceFaulty`. */
const LINKING = new Set(["on", "in", "to", "for", "of", "as", "at", "by", "with", "from", "into", "onto", "what", "is", "are", "that", "and", "or", "it", "its"])

const make = (rng: Rng, domainId: string): DatasetExample => {
  const d = domain(domainId)
  const process = rng.pick(d.processes)
  const part = processPart(rng, process, { wholeShare: 0.55, toEnd: true })
  const shortIds = rng.chance(0.3)
  const taken = new Set<string>()
  let counter = 0
  const idFor = (text: string, prefix: string) => {
    let id = shortIds ? `${prefix}${++counter}` : camelCase(words(withoutArticles(text.replace(/\?$/, ""))).filter((w) => !LINKING.has(w.toLowerCase())).slice(0, 3).join(" "))
    for (let n = 2; taken.has(id) || ["end", "graph", "subgraph", "style", "class", "click"].includes(id); n++) id = `${id}${n}`
    taken.add(id)
    return id
  }
  const namedOutcome = rng.chance(0.75)
  const start: Node = { id: idFor(shortIds ? "start" : "Start", "start"), text: rng.pick(["Start", "Start", "Begin", process.name]), shape: "start" }
  const done: Node = { id: idFor(shortIds ? "done" : "Done", "end"), text: namedOutcome ? process.done : rng.pick(["Done", "End"]), shape: "end" }
  const nodes: Node[] = [start]
  const edges: Array<{ from: string; to: string; label?: string }> = []
  const stepNodes = new Map<string, Node>()
  const stepNode = (s: ProcessStep) => {
    const node: Node = { id: idFor(s.label, "s"), text: s.label, shape: "step", lane: s.by }
    nodes.push(node)
    stepNodes.set(s.label, node)
    return node
  }
  const yes = rng.pick([["Yes", "No"], ["yes", "no"]])
  // first the main path's nodes, so an edge can point forward
  const main: Node[] = part.flow.map((item: ProcessItem, i) =>
    item.kind === "step" ? stepNode(item) : ((): Node => {
      const node: Node = { id: idFor(item.question, "d"), text: item.question, shape: "decision", lane: (part.flow[i - 1] as ProcessStep | undefined)?.by }
      nodes.push(node)
      return node
    })()
  )
  const failureEnds: string[] = []
  const decisions: string[] = []
  edges.push({ from: start.id, to: main[0].id })
  part.flow.forEach((item, i) => {
    const node = main[i]
    const next = main[i + 1] ?? done
    if (item.kind === "step") {
      edges.push({ from: node.id, to: next.id })
      return
    }
    decisions.push(item.question)
    const happy = item.exception === "no" ? yes[0] : yes[1]
    const other = item.exception === "no" ? yes[1] : yes[0]
    edges.push({ from: node.id, to: next.id, label: happy })
    const branch = item.branch.map(stepNode)
    const target =
      item.outcome.kind === "end"
        ? ((): Node => {
            const end: Node = { id: idFor(item.outcome.label, "end"), text: item.outcome.label, shape: "end" }
            nodes.push(end)
            failureEnds.push(item.outcome.label)
            return end
          })()
        : item.outcome.kind === "retry"
          ? stepNodes.get(item.outcome.step)!
          : next
    const chain = [...branch, target]
    edges.push({ from: node.id, to: chain[0].id, label: other })
    for (let j = 0; j + 1 < chain.length; j++) edges.push({ from: chain[j].id, to: chain[j + 1].id })
  })
  nodes.push(done)

  const direction = rng.chance(0.15) ? "LR" : "TD"
  const ind = rng.pick(["  ", "    "])
  const pipes = rng.chance(0.65)
  const shapeOf = new Map(Object.entries(SHAPES).map(([shape, forms]) => [shape, rng.pick(forms)]))
  const declare = (node: Node) => shapeOf.get(node.shape)!(node.id, node.text)
  const lanes = rng.chance(0.25) ? [...new Set(nodes.flatMap((n) => (n.lane ? [n.lane] : [])))] : []
  const inlane = lanes.length >= 2
  const out = [`flowchart ${direction}`]
  const declared = new Set<string>()
  if (inlane) {
    for (const lane of lanes) {
      out.push(`${ind}subgraph ${camelCase(lane)}Lane [${lane}]`)
      for (const node of nodes.filter((n) => n.lane === lane)) {
        out.push(`${ind}${ind}${declare(node)}`)
        declared.add(node.id)
      }
      out.push(`${ind}end`)
    }
  }
  const upfront = inlane || rng.chance(0.4)
  if (upfront) for (const node of nodes) if (!declared.has(node.id)) {
    out.push(`${ind}${declare(node)}`)
    declared.add(node.id)
  }
  const ref = (id: string) => {
    if (declared.has(id)) return id
    declared.add(id)
    return declare(nodes.find((n) => n.id === id)!)
  }
  for (const edge of edges) {
    const from = ref(edge.from)
    const to = ref(edge.to)
    out.push(edge.label === undefined ? `${ind}${from} --> ${to}` : pipes ? `${ind}${from} -->|${edge.label}| ${to}` : `${ind}${from} -- ${edge.label} --> ${to}`)
  }

  // The request: the process, and what the answer holds, by name.
  const whole = part.fromStart
  const firstStep = part.flow[0] as ProcessStep
  const labelWords = new Set(nodes.flatMap((n) => words(n.text).map((w) => w.toLowerCase())))
  const quotable = words(withoutArticles(process.name)).every((w) => labelWords.has(w.toLowerCase()))
  const subject = rng.pick([
    `the process of ${gerund(process.name)} in ${d.title}`,
    `how ${d.title} handles ${gerund(process.name)}`,
    ...(quotable ? [`the "${process.name}" process of ${d.title}`] : [])
  ])
  const scope = whole ? "" : rng.pick([`, from the step "${lowerFirst(firstStep.label)}" on`, `, starting at "${lowerFirst(firstStep.label)}"`])
  const diagram = rng.pick(["flowchart", "Mermaid flowchart", "process flow", "workflow diagram", "process diagram"])
  const ask = rng.pick([
    { terse: `${diagram} of ${subject}${scope}`, plain: `Draw ${subject}${scope} as a ${diagram}`, polite: `Could you draw ${subject}${scope} as a ${diagram}?` },
    { terse: `${upperFirst(subject)}${scope} as a ${diagram}`, plain: `Map ${subject}${scope} in a ${diagram}`, polite: `Can you map ${subject}${scope} as a ${diagram}, please?` }
  ])
  const details: string[] = []
  const checks = decisions.map((q) => (rng.chance(0.5) ? `"${q}"` : q.replace(/\?$/, "")))
  if (rng.chance(0.8)) details.push(rng.pick([`Include the checks ${enumerate(rng, checks)}`, `Decisions: ${enumerate(rng, checks)}`, `It has ${decisions.length === 1 ? "one decision" : `${decisions.length} decisions`} (${enumerate(rng, checks)})`.replace(/\((.*)\)/, decisions.length === 1 ? "— $1" : "($1)")]))
  if (failureEnds.length > 0 && rng.chance(0.7)) details.push(rng.pick([`Give each early exit its own end (${enumerate(rng, failureEnds)})`, `The other outcomes end separately: ${enumerate(rng, failureEnds)}`]))
  if (namedOutcome && rng.chance(0.6)) details.push(rng.pick([`It ends with "${process.done}"`, `The end node says ${process.done.toLowerCase()}`]))
  if (edges.some((e) => e.label !== undefined) && rng.chance(0.4)) details.push(rng.pick([`Label the decision branches ${yes[0]} and ${yes[1]}`, `${yes[0]}/${yes[1]} on every decision branch`]))
  if (inlane) details.push(rng.pick([`One swimlane per party (${enumerate(rng, lanes)})`, `Use subgraphs as lanes for ${enumerate(rng, lanes)}`, `Swimlanes: ${enumerate(rng, lanes)}`]))
  if (direction === "LR") details.push(rng.pick(["Left to right, please", "Lay it out horizontally", "Use LR direction"]))
  if (part.flow.some((item) => item.kind === "decision" && item.outcome.kind === "retry") && rng.chance(0.5)) details.push(rng.pick(["Show the loop back when a check fails", "A failed check goes back to the earlier step"]))
  return {
    instruction: writeRequest(rng, { ask, context: d.business, details }, pickRegister(rng)),
    output: out.join("\n"),
    domain: d.id,
    meta: { process: process.name, whole, steps: nodes.filter((n) => n.shape === "step").length, decisions: decisions.length, lanes: inlane ? lanes.length : 0 }
  }
}

export const workflowDataset: DatasetGenerator = {
  domains: DOMAIN_IDS,
  generate: ({ seed, count }) => uniqueExamples({ seed, count, domains: DOMAIN_IDS, label: "workflow", make: (rng, d) => make(rng, d) })
}
