/**
 * What a domain is: a small model of one business — its data (entities, attributes, relations),
 * the lifecycles of its main entities, the people who use it (roles) through its applications,
 * its own services (each owning some entities) and the outside systems they call, and its business
 * processes, step by step, with the decisions they take and what happens when one goes the wrong
 * way. Every artifact's examples are views of subsets of one model, so an ERD, a class diagram, a
 * lifecycle, an architecture and a process of one domain tell the same story.
 *
 * Each domain is written once, as data, in a module of its own (`./<id>.ts`) with
 * {@link defineDomain}, which parses the compact notation below and checks that every name it
 * uses is declared (a mistake is a programming error: it throws at module load).
 */

export type AttributeType = "int" | "string" | "text" | "decimal" | "float" | "boolean" | "date" | "datetime" | "uuid"

export interface DomainAttribute {
  readonly name: string
  readonly type: AttributeType
  readonly key?: "PK" | "UK"
}

export interface DomainEntity {
  /** PascalCase, e.g. `OrderLine`. */
  readonly name: string
  /**
   * In order of importance: the key first, then what the entity is about (a donation's amount, a
   * loan's principal). A view that keeps only some attributes keeps a prefix, never drops these.
   */
  readonly attributes: ReadonlyArray<DomainAttribute>
}

/** `1n` one-to-many, `0n` one-to-zero-or-many, `11` one-to-one, `01` one-to-zero-or-one, `nn` many-to-many. */
export type RelationKind = "1n" | "0n" | "11" | "01" | "nn"

export interface DomainRelation {
  readonly from: string
  readonly to: string
  readonly kind: RelationKind
  /** A verb phrase in snake_case, e.g. `places`. */
  readonly verb: string
}

export interface LifecycleTransition {
  readonly from: string
  readonly to: string
  /** snake_case, e.g. `pay_deposit`. */
  readonly event: string
  /**
   * Whether someone does it (`pay`, `ship`: a method, an API action, a story) or it happens on its
   * own (`hold_expires`, `time_out`, `defect_found`: something the system notices).
   */
  readonly command: boolean
}

/** A named stretch of a lifecycle: states a composite state may group (`Fulfilment` = Paid, Packed, Shipped). */
export interface LifecyclePhase {
  readonly name: string
  readonly states: ReadonlyArray<string>
}

export interface Lifecycle {
  readonly entity: string
  readonly initial: string
  /** Every state, the initial one first, then in the order the transitions reach them. */
  readonly states: ReadonlyArray<string>
  readonly transitions: ReadonlyArray<LifecycleTransition>
  readonly finals: ReadonlyArray<string>
  readonly phases: ReadonlyArray<LifecyclePhase>
}

/** An application people use: the storefront, the back office, the driver app. */
export interface DomainApp {
  readonly name: string
  /** The roles that use it. */
  readonly users: ReadonlyArray<string>
}

/** One of the domain's own services. */
export interface DomainService {
  /** `Order Service`. */
  readonly name: string
  /** The entities whose data it keeps (each entity belongs to exactly one service). */
  readonly owns: ReadonlyArray<string>
  /** The other services and the outside systems it calls. */
  readonly uses: ReadonlyArray<string>
}

export type PartyKind = "role" | "app" | "service" | "system"

/**
 * One step of a process: `by` does it, alone (`Warehouse Clerk: Pick the items`), or by asking
 * `to` (`Order Service -> Payment Gateway: Charge the card => authorization code`).
 */
export interface ProcessStep {
  readonly kind: "step"
  /** Imperative, sentence case: `Charge the card`. */
  readonly label: string
  readonly by: string
  readonly to?: string
  /** What `to` answers, when the answer is worth saying. */
  readonly reply?: string
}

/**
 * How a decision's other branch ends: the process stops (`end`, with its outcome), goes back to
 * an earlier step (`retry`), or carries on where the main path does (`rejoin`).
 */
export type DecisionOutcome =
  | { readonly kind: "end"; readonly label: string }
  | { readonly kind: "retry"; readonly step: string }
  | { readonly kind: "rejoin" }

export interface ProcessDecision {
  readonly kind: "decision"
  /** `Payment approved?` */
  readonly question: string
  /** The answer that leaves the main path (usually `no`). */
  readonly exception: "yes" | "no"
  /** The steps taken on that answer, before its outcome. */
  readonly branch: ReadonlyArray<ProcessStep>
  readonly outcome: DecisionOutcome
}

export type ProcessItem = ProcessStep | ProcessDecision

export interface DomainProcess {
  /** What the process achieves, imperative: `Place an order`. */
  readonly name: string
  /** Who starts it: the party of the first step. */
  readonly starter: string
  readonly flow: ReadonlyArray<ProcessItem>
  /** The outcome of the main path: `Order placed`. */
  readonly done: string
}

export interface Domain {
  readonly id: string
  /** With its article: `an online store`. */
  readonly title: string
  /**
   * The business in a sentence or two, as its people would tell it. Plain prose: it names no list
   * of things (no colon, no "with …"), so a request that quotes it asks for nothing it cannot hold.
   */
  readonly business: string
  readonly entities: ReadonlyArray<DomainEntity>
  readonly relations: ReadonlyArray<DomainRelation>
  readonly lifecycles: ReadonlyArray<Lifecycle>
  /** People who use the system. */
  readonly roles: ReadonlyArray<string>
  /** Systems outside it that it talks to. */
  readonly systems: ReadonlyArray<string>
  readonly apps: ReadonlyArray<DomainApp>
  readonly services: ReadonlyArray<DomainService>
  readonly processes: ReadonlyArray<DomainProcess>
  /** Every step label of its processes, each once: imperative steps. */
  readonly activities: ReadonlyArray<string>
  /** Every decision of its processes, each once: yes/no questions. */
  readonly checks: ReadonlyArray<string>
}

/** A domain as its module writes it. */
export interface DomainSource {
  readonly title: string
  readonly business: string
  /** `Name: "attr:type[:PK|UK] …"`, the key first, then the attributes by importance. */
  readonly entities: Readonly<Record<string, string>>
  /** `From kind To verb`, comma-separated: `Customer 1n Order places, …`. */
  readonly relations: string
  /**
   * `Entity|Initial|From>To:event …|Final …[|Phase=State,State …]`, e.g.
   * `Order|Pending|Pending>Paid:pay Paid>Shipped:ship|Shipped|Fulfilment=Paid,Shipped`; an event
   * that happens on its own rather than being done is written `~event` (`Pending>Expired:~time_out`).
   */
  readonly lifecycles: ReadonlyArray<string>
  /** Comma-separated. */
  readonly roles: string
  /** Comma-separated. */
  readonly systems: string
  /** `App: Role, Role; App: Role`. */
  readonly apps: string
  /** `Service Name: "owns Entity Entity; uses Other Service, Outside System"` (either part optional). */
  readonly services: Readonly<Record<string, string>>
  /**
   * `Process name: "…lines…"`. A line is a step, a decision, a branch line or the outcome:
   * - `By -> To: Label` or `By -> To: Label => reply` — `By` asks `To`; `By: Label` — `By` alone;
   * - `? Question?` (the `no` answer leaves the main path) or `? Question? (yes)`;
   * - `- <step>` lines right after a decision: that branch's steps, closed by `- end: Outcome`,
   *   `- retry: Earlier step label` or `- rejoin`;
   * - `done: Outcome` — the last line: the main path's outcome.
   */
  readonly processes: Readonly<Record<string, string>>
}

const list = (text: string, separator = ","): string[] =>
  text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== "")

const TYPES = new Set<AttributeType>(["int", "string", "text", "decimal", "float", "boolean", "date", "datetime", "uuid"])

const fail = (id: string, message: string): never => {
  throw new Error(`domain ${id}: ${message}`)
}

const parseEntity = (id: string, name: string, spec: string): DomainEntity => ({
  name,
  attributes: spec
    .trim()
    .split(/\s+/)
    .map((field): DomainAttribute => {
      const [attr, type, key] = field.split(":")
      if (!TYPES.has(type as AttributeType)) fail(id, `${name}.${attr} has the unknown type "${type}"`)
      if (key === undefined) return { name: attr, type: type as AttributeType }
      if (key !== "PK" && key !== "UK") return fail(id, `${name}.${attr} has the unknown key "${key}"`)
      return { name: attr, type: type as AttributeType, key }
    })
})

const parseLifecycle = (id: string, entities: ReadonlySet<string>, spec: string): Lifecycle => {
  const [entity, initial, moves, finals, phases = ""] = spec.split("|").map((part) => part.trim())
  if (!entities.has(entity)) fail(id, `the lifecycle of "${entity}" names no entity`)
  const transitions = moves.split(/\s+/).map((move) => {
    const [path, written] = move.split(":")
    const [from, to] = path.split(">")
    if (!from || !to || !written) fail(id, `${entity} lifecycle: "${move}" is not From>To:event`)
    const event = written.replace(/^~/, "")
    if (!/^[a-z][a-z_]*$/.test(event)) fail(id, `${entity} lifecycle: the event "${written}" is not snake_case`)
    return { from, to, event, command: !written.startsWith("~") }
  })
  const states = [initial]
  for (const t of transitions) for (const s of [t.from, t.to]) if (!states.includes(s)) states.push(s)
  const known = new Set(states)
  const reached = new Set([initial])
  for (let grew = true; grew; ) {
    grew = false
    for (const t of transitions) if (reached.has(t.from) && !reached.has(t.to)) grew = reached.add(t.to) !== undefined
  }
  for (const s of states) if (!reached.has(s)) fail(id, `${entity} lifecycle: ${s} cannot be reached from ${initial}`)
  const finalStates = finals.split(/\s+/)
  for (const f of finalStates) if (!known.has(f)) fail(id, `${entity} lifecycle: the final state ${f} is not a state`)
  for (const s of states) {
    if (!finalStates.includes(s) && !transitions.some((t) => t.from === s)) fail(id, `${entity} lifecycle: ${s} has no way out and is not final`)
  }
  const parsedPhases = list(phases, " ").map((phase) => {
    const [name, members] = phase.split("=")
    const inside = list(members ?? "")
    if (inside.length < 2) fail(id, `${entity} lifecycle: phase "${phase}" needs at least two states`)
    for (const s of inside) if (!known.has(s) || s === initial) fail(id, `${entity} lifecycle: phase ${name} holds "${s}", not a later state`)
    if (known.has(name)) fail(id, `${entity} lifecycle: phase ${name} has the name of a state`)
    return { name, states: inside }
  })
  return { entity, initial, states, transitions, finals: finalStates, phases: parsedPhases }
}

const STEP = /^(?<by>[^:>-][^:]*?)\s*(?:->\s*(?<to>[^:]+?)\s*)?:\s*(?<label>.+?)(?:\s*=>\s*(?<reply>.+))?$/

const parseStep = (id: string, where: string, line: string): ProcessStep => {
  const match = STEP.exec(line)
  if (!match?.groups) return fail(id, `${where}: "${line}" is not "By -> To: Label" or "By: Label"`)
  const { by, to, label, reply } = match.groups
  return {
    kind: "step",
    label: label.trim(),
    by: by.trim(),
    ...(to !== undefined ? { to: to.trim() } : {}),
    ...(reply !== undefined ? { reply: reply.trim() } : {})
  }
}

const parseProcess = (id: string, name: string, text: string): DomainProcess => {
  const where = `process "${name}"`
  const lines = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
  const flow: ProcessItem[] = []
  let done: string | undefined
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (done !== undefined) fail(id, `${where}: "${line}" comes after done:`)
    if (line.startsWith("done:")) {
      done = line.slice(5).trim()
      continue
    }
    if (line.startsWith("- ")) fail(id, `${where}: the branch line "${line}" follows no decision`)
    if (!line.startsWith("?")) {
      flow.push(parseStep(id, where, line))
      continue
    }
    const question = /^\?\s*(?<question>.+?\?)\s*(?:\((?<exception>yes|no)\))?$/.exec(line)?.groups
    if (!question) fail(id, `${where}: "${line}" is not "? Question?" or "? Question? (yes)"`)
    const branch: ProcessStep[] = []
    let outcome: DecisionOutcome | undefined
    while (outcome === undefined) {
      const next = lines[++i]
      if (next === undefined || !next.startsWith("- ")) return fail(id, `${where}: the decision "${question!.question}" has no "- end:", "- retry:" or "- rejoin" line`)
      const body = next.slice(2).trim()
      if (body.startsWith("end:")) outcome = { kind: "end", label: body.slice(4).trim() }
      else if (body.startsWith("retry:")) outcome = { kind: "retry", step: body.slice(6).trim() }
      else if (body === "rejoin") outcome = { kind: "rejoin" }
      else branch.push(parseStep(id, where, body))
    }
    flow.push({ kind: "decision", question: question!.question, exception: (question!.exception as "yes" | "no" | undefined) ?? "no", branch, outcome })
  }
  if (done === undefined) return fail(id, `${where} has no "done:" line`)
  const first = flow[0]
  if (first === undefined || first.kind !== "step") return fail(id, `${where} must begin with a step`)
  return { name, starter: first.by, flow, done }
}

/** Every step of a process, the branches' included, in order. */
export const processSteps = (process: DomainProcess): ProcessStep[] =>
  process.flow.flatMap((item) => (item.kind === "step" ? [item] : item.branch))

/** The kind of a party a process step names, or undefined when the domain does not declare it. */
export const partyKind = (d: Pick<Domain, "roles" | "apps" | "services" | "systems">, name: string): PartyKind | undefined =>
  d.roles.includes(name)
    ? "role"
    : d.apps.some((app) => app.name === name)
      ? "app"
      : d.services.some((service) => service.name === name)
        ? "service"
        : d.systems.includes(name)
          ? "system"
          : undefined

/** Checks what the notation cannot: every name declared, every message between parties that know each other. */
const check = (d: Domain): void => {
  const names = new Set(d.entities.map((entity) => entity.name))
  const owners = new Map<string, string>()
  for (const service of d.services) {
    for (const entity of service.owns) {
      if (!names.has(entity)) fail(d.id, `${service.name} owns "${entity}", which is no entity`)
      if (owners.has(entity)) fail(d.id, `${entity} is owned by both ${owners.get(entity)} and ${service.name}`)
      owners.set(entity, service.name)
    }
    for (const used of service.uses) {
      const kind = partyKind(d, used)
      if (kind !== "service" && kind !== "system") fail(d.id, `${service.name} uses "${used}", which is neither a service nor an outside system`)
      if (used === service.name) fail(d.id, `${service.name} uses itself`)
    }
  }
  for (const entity of names) if (!owners.has(entity)) fail(d.id, `no service owns ${entity}`)
  for (const app of d.apps) for (const user of app.users) if (!d.roles.includes(user)) fail(d.id, `${app.name} is used by "${user}", who is no role`)
  const uses = (from: string, to: string) => d.services.find((service) => service.name === from)?.uses.includes(to) === true
  for (const process of d.processes) {
    const where = `process "${process.name}"`
    const labels: string[] = []
    for (const item of process.flow) {
      for (const step of item.kind === "step" ? [item] : item.branch) {
        const by = partyKind(d, step.by)
        if (by === undefined) fail(d.id, `${where}: "${step.by}" is not declared`)
        labels.push(step.label)
        if (step.to === undefined) continue
        const to = partyKind(d, step.to)
        if (to === undefined) fail(d.id, `${where}: "${step.to}" is not declared`)
        const ok =
          (by === "role" && (to === "role" || (to === "app" && d.apps.some((app) => app.name === step.to && app.users.includes(step.by))))) ||
          (by === "app" && (to === "role" ? d.apps.some((app) => app.name === step.by && app.users.includes(step.to!)) : to === "service")) ||
          (by === "service" && (to === "app" || ((to === "service" || to === "system") && uses(step.by, step.to)))) ||
          (by === "system" && to === "service" && uses(step.to, step.by))
        if (!ok) fail(d.id, `${where}: "${step.by} -> ${step.to}" is not a message these two exchange (an app's user, a service it uses, …)`)
      }
      if (item.kind === "decision" && item.outcome.kind === "retry") {
        const target = item.outcome.step
        if (!labels.includes(target)) fail(d.id, `${where}: "${item.question}" retries "${target}", which is no earlier step`)
      }
    }
    if (process.flow.filter((item) => item.kind === "decision").length === 0) fail(d.id, `${where} takes no decision`)
    if (new Set(labels).size !== labels.length) fail(d.id, `${where} has two steps with one label`)
  }
  // everything declared takes part: an architecture of the domain has no loose component
  const parties = new Set(d.processes.flatMap(processSteps).flatMap((step) => (step.to === undefined ? [step.by] : [step.by, step.to])))
  for (const app of d.apps) if (!parties.has(app.name)) fail(d.id, `the app ${app.name} takes part in no process`)
  for (const role of d.roles) if (!parties.has(role)) fail(d.id, `the role ${role} takes part in no process`)
  const used = new Set(d.services.flatMap((service) => service.uses))
  for (const service of d.services) if (!parties.has(service.name) && !used.has(service.name)) fail(d.id, `${service.name} takes part in no process and no service uses it`)
  for (const system of d.systems) if (!used.has(system)) fail(d.id, `no service uses the outside system ${system}`)
}

/** Parses and checks a domain written in the notation of {@link DomainSource}. */
export const defineDomain = (id: string, source: DomainSource): Domain => {
  const entities = Object.entries(source.entities).map(([name, spec]) => parseEntity(id, name, spec))
  const names = new Set(entities.map((entity) => entity.name))
  const relations = list(source.relations).map((item) => {
    const [from, kind, to, verb] = item.split(/\s+/)
    if (!names.has(from) || !names.has(to)) fail(id, `relation "${item}" names an unknown entity`)
    if (!["1n", "0n", "11", "01", "nn"].includes(kind)) fail(id, `relation "${item}" has the unknown kind "${kind}"`)
    return { from, to, kind: kind as RelationKind, verb }
  })
  const apps = list(source.apps, ";").map((spec) => {
    const [name, users = ""] = spec.split(":")
    return { name: name.trim(), users: list(users) }
  })
  const services = Object.entries(source.services).map(([name, spec]) => {
    const parts = list(spec, ";")
    const owns = parts.find((part) => part.startsWith("owns "))?.slice(5) ?? ""
    const uses = parts.find((part) => part.startsWith("uses "))?.slice(5) ?? ""
    return { name, owns: list(owns, " "), uses: list(uses) }
  })
  const processes = Object.entries(source.processes).map(([name, text]) => parseProcess(id, name, text))
  const steps = processes.flatMap(processSteps)
  const d: Domain = {
    id,
    title: source.title,
    business: source.business.trim(),
    entities,
    relations,
    lifecycles: source.lifecycles.map((spec) => parseLifecycle(id, names, spec)),
    roles: list(source.roles),
    systems: list(source.systems),
    apps,
    services,
    processes,
    activities: [...new Set(steps.map((step) => step.label))],
    checks: [...new Set(processes.flatMap((process) => process.flow.flatMap((item) => (item.kind === "decision" ? [item.question] : []))))]
  }
  check(d)
  return d
}
