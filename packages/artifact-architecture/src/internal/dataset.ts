/**
 * The architecture dataset: system landscapes for each domain in five styles (layered
 * microservices, modular monolith, event-driven, serverless, data pipeline), with clients, an
 * edge, services, data stores and outside systems, in varied flowchart spellings.
 */
import { DOMAIN_IDS, camelCase, domain, titleCase, uniqueExamples, type Domain, type Rng } from "@lfai/artifact-kit"
import type { DatasetExample, DatasetGenerator } from "@lfai/core"

interface Component {
  readonly id: string
  readonly label: string
  readonly kind: "client" | "edge" | "service" | "store" | "queue" | "external" | "job"
}

interface Link {
  readonly from: string
  readonly to: string
  readonly label: string
  readonly async?: boolean
}

const SHAPES: Readonly<Record<Component["kind"], ReadonlyArray<readonly [string, string]>>> = {
  client: [["[", "]"], ["([", "])"], ["[/", "/]"]],
  edge: [["{{", "}}"], ["[", "]"], ["[[", "]]"]],
  service: [["[", "]"], ["(", ")"], ["[[", "]]"]],
  store: [["[(", ")]"]],
  queue: [["[/", "/]"], [">", "]"], ["[(", ")]"]],
  external: [["{{", "}}"], ["[\\", "\\]"], ["[", "]"]],
  job: [["[", "]"], ["(", ")"], ["[/", "\\]"]]
}

const STORES = ["PostgreSQL", "MySQL", "MongoDB", "DynamoDB", "Cassandra", "SQL Server"]
const CACHES = ["Redis cache", "Memcached", "In-memory cache"]
const QUEUES = ["Kafka", "RabbitMQ", "SQS queue", "NATS", "Event Bus", "Pub/Sub topic"]
const PROTOCOLS = ["HTTPS", "REST", "gRPC", "GraphQL", "WebSocket"]

const clientsFor = (rng: Rng, d: Domain): Component[] => {
  const pool = ["Web App", "Mobile App", "Admin Console", ...d.roles.map((role) => `${role} Portal`)]
  return rng.sample(pool, rng.int(1, 3)).map((label) => ({ id: camelCase(label), label, kind: "client" }))
}

const build = (rng: Rng, d: Domain) => {
  const style = rng.pick(["microservices", "monolith", "event-driven", "serverless", "pipeline"] as const)
  const components: Component[] = []
  const links: Link[] = []
  const add = (c: Component) => {
    if (!components.some((x) => x.id === c.id)) components.push(c)
    return c
  }
  const link = (from: Component, to: Component, label: string, async = false) => {
    if (from.id !== to.id && !links.some((l) => l.from === from.id && l.to === to.id)) links.push({ from: from.id, to: to.id, label, async })
  }
  const clients = clientsFor(rng, d).map(add)
  const entities = rng.sample(d.entities, rng.int(2, 5))
  const externals = rng.sample(d.systems, rng.int(0, 3)).map((label) => add({ id: camelCase(label), label, kind: "external" }))
  const protocol = rng.pick(PROTOCOLS)
  const store = rng.pick(STORES)

  if (style === "monolith") {
    const app = add({ id: "app", label: `${titleCase(d.id)} Application`, kind: "service" })
    const lb = rng.chance(0.6) ? add({ id: "loadBalancer", label: "Load Balancer", kind: "edge" }) : undefined
    for (const c of clients) link(c, lb ?? app, protocol)
    if (lb) link(lb, app, "HTTP")
    const db = add({ id: "mainDb", label: `${store} database`, kind: "store" })
    link(app, db, "SQL")
    if (rng.chance(0.5)) link(app, add({ id: "cache", label: rng.pick(CACHES), kind: "store" }), "read-through")
    if (rng.chance(0.5)) {
      const worker = add({ id: "worker", label: "Background worker", kind: "job" })
      const q = add({ id: "jobQueue", label: rng.pick(QUEUES), kind: "queue" })
      link(app, q, "enqueue jobs", true)
      link(q, worker, "consume", true)
      link(worker, db, "update")
    }
    for (const e of externals) link(rng.chance(0.5) ? app : (components.find((c) => c.id === "worker") ?? app), e, rng.pick(["API call", "webhook", protocol]))
  } else if (style === "pipeline") {
    const sources = [...clients]
    const ingest = add({ id: "ingestApi", label: "Ingestion API", kind: "edge" })
    const stream = add({ id: "stream", label: rng.pick(QUEUES), kind: "queue" })
    for (const s of sources) link(s, ingest, protocol)
    link(ingest, stream, "publish events", true)
    const steps = entities.map((e) => add({ id: `${camelCase(e.name)}Processor`, label: `${titleCase(e.name)} processor`, kind: "job" }))
    steps.forEach((step, i) => link(i === 0 ? stream : steps[i - 1], step, i === 0 ? "consume" : "enriched records", i === 0))
    const lake = add({ id: "dataLake", label: "Data lake", kind: "store" })
    const warehouse = add({ id: "warehouse", label: "Data warehouse", kind: "store" })
    link(steps[steps.length - 1], lake, "write")
    link(lake, warehouse, "nightly load")
    if (rng.chance(0.7)) link(warehouse, add({ id: "dashboards", label: "BI dashboards", kind: "client" }), "queries")
    for (const e of externals) link(e, ingest, "push feed")
  } else {
    const gateway = add({ id: rng.pick(["apiGateway", "gateway", "edgeProxy"]), label: rng.pick(["API Gateway", "Edge proxy", "GraphQL gateway"]), kind: "edge" })
    for (const c of clients) link(c, gateway, protocol)
    if (rng.chance(0.5)) {
      const auth = add({ id: "authService", label: "Auth service", kind: "service" })
      link(gateway, auth, "verify token")
      if (rng.chance(0.5)) link(auth, add({ id: "identityProvider", label: "Identity provider", kind: "external" }), "OIDC")
    }
    const services = entities.map((e) =>
      add({ id: `${camelCase(e.name)}${style === "serverless" ? "Fn" : "Service"}`, label: `${titleCase(e.name)} ${style === "serverless" ? "function" : "service"}`, kind: "service" })
    )
    const bus = style !== "microservices" || rng.chance(0.4) ? add({ id: "eventBus", label: rng.pick(QUEUES), kind: "queue" }) : undefined
    services.forEach((svc, i) => {
      link(gateway, svc, style === "serverless" ? "invoke" : rng.pick(["route", "REST", "gRPC", protocol]))
      const shared = style === "serverless" || rng.chance(0.3)
      const db = shared
        ? add({ id: "sharedStore", label: style === "serverless" ? "DynamoDB tables" : `${store} cluster`, kind: "store" })
        : add({ id: `${camelCase(entities[i].name)}Db`, label: `${titleCase(entities[i].name)} DB`, kind: "store" })
      link(svc, db, rng.pick(["read/write", "SQL", "queries", "persist"]))
      if (bus && (style === "event-driven" || rng.chance(0.5))) {
        if (i % 2 === 0) link(svc, bus, `${entities[i].name} events`, true)
        else link(bus, svc, "subscribe", true)
      }
    })
    if (rng.chance(0.35)) link(services[0], add({ id: "cache", label: rng.pick(CACHES), kind: "store" }), "cache lookups")
    if (rng.chance(0.3)) link(services[services.length - 1], add({ id: "objectStorage", label: "Object storage", kind: "store" }), "files")
    externals.forEach((e, i) => link(services[i % services.length], e, rng.pick(["API call", "webhook", "HTTPS", "SDK"])))
  }
  return { style, components, links }
}

const GROUPS: Readonly<Record<Component["kind"], string>> = {
  client: "Clients",
  edge: "Edge",
  service: "Services",
  job: "Processing",
  queue: "Messaging",
  store: "Data",
  external: "External systems"
}

const INSTRUCTIONS = [
  (title: string, style: string) => `Draw the system architecture of ${title} as a ${style} design in a Mermaid flowchart.`,
  (title: string, style: string) => `Create an architecture diagram (Mermaid flowchart) for ${title}: clients, services, data stores and outside systems, ${style} style.`,
  (title: string) => `Show how the components of ${title} talk to each other, as a Mermaid graph.`,
  (title: string, style: string) => `Design a ${style} architecture for ${title} and present it as a Mermaid flowchart with labelled connections.`,
  (title: string) => `Give me a high-level component diagram for ${title} in Mermaid.`
]

const make = (rng: Rng, domainId: string): DatasetExample => {
  const d = domain(domainId)
  const { style, components, links } = build(rng, d)
  const indent = rng.pick(["  ", "    "])
  const header = `${rng.chance(0.75) ? "flowchart" : "graph"} ${rng.pick(["TD", "TB", "LR", "LR", "RL", "BT"])}`
  const labelRate = rng.pick([1, 1, 0.6, 0])
  const grouped = rng.chance(0.5)
  const inlineDeclare = !grouped && rng.chance(0.4)
  const shapeOf = new Map(components.map((c) => [c.id, rng.pick(SHAPES[c.kind])]))
  const quote = rng.chance(0.5)
  const decl = (c: Component) => {
    const [open, close] = shapeOf.get(c.id) as readonly [string, string]
    const label = quote || /[()/]/.test(c.label) ? `"${c.label}"` : c.label
    return `${c.id}${open}${label}${close}`
  }
  const out = [header]
  if (rng.chance(0.15)) out.push(`${indent}%% ${style} architecture of ${d.title}`)
  const declared = new Set<string>()
  if (grouped) {
    const kinds = [...new Set(components.map((c) => c.kind))]
    for (const kind of kinds) {
      const members = components.filter((c) => c.kind === kind)
      out.push(`${indent}subgraph ${kind}Layer["${GROUPS[kind]}"]`)
      if (rng.chance(0.2)) out.push(`${indent}${indent}direction ${rng.pick(["LR", "TB"])}`)
      for (const c of members) {
        out.push(`${indent}${indent}${decl(c)}`)
        declared.add(c.id)
      }
      out.push(`${indent}end`)
    }
  } else if (!inlineDeclare) {
    for (const c of components) {
      out.push(`${indent}${decl(c)}`)
      declared.add(c.id)
    }
  }
  for (const l of links) {
    const from = declared.has(l.from) ? l.from : decl(components.find((c) => c.id === l.from) as Component)
    declared.add(l.from)
    const to = declared.has(l.to) ? l.to : decl(components.find((c) => c.id === l.to) as Component)
    declared.add(l.to)
    const arrow = l.async ? "-.->" : "-->"
    const labelled = rng.chance(labelRate)
    const text = labelled ? (rng.chance(0.5) ? `${arrow}|${l.label}|` : l.async ? `-. ${l.label} .->` : `-- ${l.label} -->`) : arrow
    out.push(`${indent}${from} ${text} ${to}`)
  }
  if (rng.chance(0.25)) {
    const stores = components.filter((c) => c.kind === "store").map((c) => c.id)
    if (stores.length > 0) out.push(`${indent}classDef datastore fill:#eef,stroke:#557`, `${indent}class ${stores.join(",")} datastore`)
  }
  return {
    instruction: rng.pick(INSTRUCTIONS)(d.title, style),
    output: out.join("\n"),
    domain: d.id,
    meta: { style, components: components.length, connections: links.length, grouped }
  }
}

export const architectureDataset: DatasetGenerator = {
  domains: DOMAIN_IDS,
  generate: ({ seed, count }) => uniqueExamples({ seed, count, domains: DOMAIN_IDS, label: "architecture", make: (rng, d) => make(rng, d) })
}
