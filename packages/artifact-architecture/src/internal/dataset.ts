/**
 * The architecture dataset: each domain's system as its apps, its own services (each with the
 * database of the entities it owns) and the outside systems they call — the whole system, the part
 * one business process goes through, or one service and its neighbours — connected as the domain's
 * processes and services say, each connection labelled with what it carries or its protocol; an
 * API gateway and layers when the request asks for them. The request names the components the
 * answer holds and asks only for what it shows.
 */
import {
  DOMAIN_IDS,
  article,
  camelCase,
  domain,
  enumerate,
  gerund,
  lowerFirst,
  partyKind,
  pickRegister,
  pluralPhrase,
  processSteps,
  uniqueExamples,
  upperFirst,
  writeRequest,
  type Domain,
  type Rng
} from "@lfai/artifact-kit"
import type { DatasetExample, DatasetGenerator } from "@lfai/core"

type Kind = "person" | "app" | "gateway" | "service" | "store" | "system"

interface Component {
  readonly id: string
  readonly label: string
  readonly kind: Kind
}

interface Link {
  readonly from: string
  readonly to: string
  readonly what: string
  readonly protocol: string
}

/** `Order Service` → `Order`; a store's name from its service's. */
const stem = (service: string) => service.replace(/\s+Service$/, "")

/** Which services, apps and people a view holds. */
const scopeOf = (rng: Rng, d: Domain) => {
  const kind = rng.weighted<"whole" | "process" | "around">([["whole", 5], ["process", 4], ["around", 2]])
  if (kind === "process") {
    const process = rng.pick(d.processes)
    const parties = new Set(processSteps(process).flatMap((s) => (s.to === undefined ? [s.by] : [s.by, s.to])))
    return { kind, process: process.name, parties }
  }
  if (kind === "around") {
    const center = rng.pick(d.services.filter((s) => s.uses.length + d.services.filter((o) => o.uses.includes(s.name)).length >= 2))
    if (center) {
      const parties = new Set([center.name, ...center.uses, ...d.services.filter((o) => o.uses.includes(center.name)).map((o) => o.name)])
      for (const step of d.processes.flatMap(processSteps)) if (step.to === center.name && partyKind(d, step.by) === "app") parties.add(step.by)
      return { kind, center: center.name, parties }
    }
  }
  const parties = new Set([...d.roles, ...d.apps.map((a) => a.name), ...d.services.map((s) => s.name), ...d.systems])
  return { kind: "whole" as const, parties }
}

const make = (rng: Rng, domainId: string): DatasetExample => {
  const d = domain(domainId)
  const scope = scopeOf(rng, d)
  const inScope = (name: string) => scope.parties.has(name)
  const services = d.services.filter((s) => inScope(s.name))
  const steps = d.processes.flatMap(processSteps)
  // an app that calls none of the services shown would stand apart with its users: left out
  const apps = d.apps.filter((a) => inScope(a.name) && services.some((s) => steps.some((step) => step.by === a.name && step.to === s.name)))
  const systems = d.systems.filter((s) => inScope(s) && services.some((svc) => svc.uses.includes(s)))
  const people = rng.chance(0.2) ? d.roles.filter((r) => apps.some((a) => a.users.includes(r))) : []
  const gateway = apps.length > 0 && rng.chance(0.45)
  const stores = rng.chance(0.75)
  const storeWord = rng.pick(["DB", "database", "store"])

  const components: Component[] = []
  const add = (label: string, kind: Kind) => {
    let id = camelCase(label)
    if (components.some((c) => c.id === id)) id = `${id}${kind.charAt(0).toUpperCase()}${kind.slice(1)}`
    components.push({ id, label, kind })
    return id
  }
  const ids = new Map<string, string>()
  for (const p of people) ids.set(p, add(p, "person"))
  for (const a of apps) ids.set(a.name, add(a.name, "app"))
  const gatewayId = gateway ? add(rng.pick(["API Gateway", "API gateway", "Gateway"]), "gateway") : undefined
  for (const s of services) ids.set(s.name, add(s.name, "service"))
  const storeOf = new Map<string, string>()
  if (stores) for (const s of services) if (s.owns.length > 0) storeOf.set(s.name, add(`${stem(s.name)} ${storeWord}`, "store"))
  for (const s of systems) ids.set(s, add(s, "system"))

  // what flows between two parties: the first step of the domain's processes between them
  const what = (from: string, to: string) => steps.find((s) => s.by === from && s.to === to)?.label
  const links: Link[] = []
  const link = (from: string | undefined, to: string | undefined, carried: string, protocol: string) => {
    if (from === undefined || to === undefined || from === to || links.some((l) => l.from === from && l.to === to)) return
    links.push({ from, to, what: lowerFirst(carried), protocol })
  }
  const rpc = rng.pick(["REST", "gRPC", "HTTP"])
  for (const p of people) for (const a of apps.filter((app) => app.users.includes(p))) link(ids.get(p), ids.get(a.name), "uses", "browser")
  for (const a of apps) {
    const targets = services.filter((s) => what(a.name, s.name) !== undefined)
    if (gatewayId) {
      if (targets.length > 0) link(ids.get(a.name), gatewayId, "API calls", "HTTPS")
    } else for (const s of targets) link(ids.get(a.name), ids.get(s.name), what(a.name, s.name)!, "HTTPS")
  }
  if (gatewayId) for (const s of services) {
    const from = apps.find((a) => what(a.name, s.name) !== undefined)
    if (from) link(gatewayId, ids.get(s.name), what(from.name, s.name)!, rpc)
  }
  for (const s of services) {
    for (const used of s.uses) {
      if (!inScope(used)) continue
      const kind = partyKind(d, used)
      link(ids.get(s.name), ids.get(used), what(s.name, used) ?? (kind === "system" ? "API calls" : "requests"), kind === "system" ? "HTTPS" : rpc)
    }
    for (const system of systems) {
      const back = what(system, s.name)
      if (back) link(ids.get(system), ids.get(s.name), back, "webhook")
    }
    const store = storeOf.get(s.name)
    if (store) link(ids.get(s.name), store, `${enumerate(rng, s.owns.map(pluralPhrase))}`, "SQL")
  }
  // a component nothing reaches (an app whose steps go to services out of scope) is left out
  const linked = new Set(links.flatMap((l) => [l.from, l.to]))
  const shown = components.filter((c) => linked.has(c.id))

  const labelStyle = rng.pick(["what", "what", "protocol"] as const)
  const direction = rng.pick(["LR", "LR", "TD"])
  const ind = rng.pick(["  ", "    "])
  const SHAPES: Readonly<Record<Kind, ReadonlyArray<readonly [string, string]>>> = {
    person: [["((", "))"], ["([", "])"]],
    app: [["[", "]"], ["([", "])"]],
    gateway: [["{{", "}}"], ["[", "]"]],
    service: [["[", "]"], ["[[", "]]"]],
    store: [["[(", ")]"]],
    system: [["{{", "}}"], ["[/", "/]"], ["[\\", "\\]"]]
  }
  const shapes = new Map(Object.entries(SHAPES).map(([kind, forms]) => [kind, rng.pick(forms)]))
  const declare = (c: Component) => {
    const [open, close] = shapes.get(c.kind)!
    return `${c.id}${open}${c.label}${close}`
  }
  const layered = rng.chance(0.4)
  const out = [`flowchart ${direction}`]
  const LAYERS: ReadonlyArray<readonly [string, ReadonlyArray<Kind>, ReadonlyArray<string>]> = [
    ["users", ["person"], ["Users", "People"]],
    ["clients", ["app"], ["Clients", "Frontends", "Apps"]],
    ["edge", ["gateway"], ["Edge", "Entry point"]],
    ["services", ["service"], ["Services", "Backend", `${upperFirst(d.title.replace(/^(?:an?|the) /, ""))} services`]],
    ["data", ["store"], ["Data", "Databases", "Storage"]],
    ["external", ["system"], ["External systems", "Third parties", "Outside systems"]]
  ]
  const layers: string[] = []
  if (layered) {
    for (const [id, kinds, titles] of LAYERS) {
      const members = shown.filter((c) => kinds.includes(c.kind))
      if (members.length === 0 || (kinds.includes("gateway") && members.length === 1 && rng.chance(0.5))) {
        for (const m of members) out.push(`${ind}${declare(m)}`)
        continue
      }
      const title = rng.pick(titles)
      layers.push(title)
      out.push(`${ind}subgraph ${id}[${title}]`, ...members.map((m) => `${ind}${ind}${declare(m)}`), `${ind}end`)
    }
  } else for (const c of shown) out.push(`${ind}${declare(c)}`)
  const arrow = rng.pick(["pipe", "inline"] as const)
  for (const l of links) {
    const text = labelStyle === "what" ? l.what : l.protocol
    out.push(arrow === "pipe" ? `${ind}${l.from} -->|${text}| ${l.to}` : `${ind}${l.from} -- ${text} --> ${l.to}`)
  }

  // The request: the components by name, and what the answer shows.
  const shownNames = (kind: Kind) => shown.filter((c) => c.kind === kind).map((c) => c.label)
  const serviceNames = shownNames("service")
  const short = rng.chance(0.5) && serviceNames.every((n) => /\sService$/.test(n))
  const servicesText = short ? `the ${enumerate(rng, serviceNames.map((n) => stem(n).toLowerCase()))} services` : enumerate(rng, serviceNames)
  const parts: string[] = []
  const appNames = shownNames("app")
  if (appNames.length > 0) parts.push(appNames.length === 1 ? `the ${appNames[0]}` : enumerate(rng, appNames))
  parts.push(servicesText)
  const systemNames = shownNames("system")
  const subject =
    scope.kind === "whole"
      ? rng.pick([`${d.title}`, `all of ${d.title}`, `our ${d.title.replace(/^(?:an?|the) /, "")}`])
      : scope.kind === "process"
        ? `the part of ${d.title} that ${rng.pick(["handles", "takes care of"])} ${gerund(scope.process!)}`
        : `${d.title}'s ${scope.center} and what it talks to`
  const diagram = rng.pick(["architecture diagram", "component diagram", "system architecture", "Mermaid flowchart of the architecture", "high-level architecture diagram"])
  const listed = `${parts.join("; ")}${systemNames.length > 0 ? rng.pick([`; outside: ${enumerate(rng, systemNames)}`, `, and the outside systems ${enumerate(rng, systemNames)}`]) : ""}`
  const ask = rng.pick([
    { terse: `${diagram} for ${subject}: ${listed}`, plain: `Draw ${article(diagram)} ${diagram} for ${subject}: ${listed}`, polite: `Could you sketch the ${diagram} of ${subject}? Components: ${listed}` },
    { terse: `${subject} — ${diagram}. Components: ${listed}`, plain: `I need the ${diagram} of ${subject}, with ${listed}`, polite: `Can you draw ${subject} as ${article(diagram)} ${diagram}, please? It has ${listed}` }
  ])
  const details: string[] = []
  if (storeOf.size > 0 && rng.chance(0.8)) details.push(rng.pick(["Each service has its own database", "Give every service that keeps data its own database", "Show the databases behind the services"]))
  if (gatewayId) details.push(rng.pick(["Put an API gateway in front of the services", "Apps go through an API gateway", "Route the apps through a gateway"]))
  if (people.length > 0) details.push(rng.pick([`Show who uses which app (${enumerate(rng, people)})`, `Show the people using the apps: ${enumerate(rng, people)}`]))
  if (layered && layers.length > 0) details.push(rng.pick(["Group the components into layers", "Use subgraphs for the layers", `Layers as subgraphs (${enumerate(rng, layers)})`]))
  if (direction === "TD" && rng.chance(0.6)) details.push(rng.pick(["Top to bottom", "Lay it out top-down"]))
  if (direction === "LR" && rng.chance(0.3)) details.push(rng.pick(["Left to right", "Horizontal layout"]))
  if (rng.chance(0.6)) details.push(labelStyle === "what" ? rng.pick(["Label every arrow by what it carries", "Say on each connection what goes over it"]) : rng.pick(["Label the connections by protocol", "Put the protocol on each arrow"]))
  return {
    instruction: writeRequest(rng, { ask, context: d.business, details }, pickRegister(rng)),
    output: out.join("\n"),
    domain: d.id,
    meta: { scope: scope.kind, components: shown.length, connections: links.length, gateway, layered, labels: labelStyle }
  }
}

export const architectureDataset: DatasetGenerator = {
  domains: DOMAIN_IDS,
  generate: ({ seed, count }) => uniqueExamples({ seed, count, domains: DOMAIN_IDS, label: "architecture", make: (rng, d) => make(rng, d) })
}
