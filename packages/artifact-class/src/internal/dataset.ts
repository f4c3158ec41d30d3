/**
 * The class-diagram dataset: each domain's entities as classes with typed attributes and methods
 * (from their lifecycles), status enumerations, base classes, interfaces, generic repositories and
 * services, related by composition, aggregation, association with multiplicities, inheritance,
 * realization and dependency — in block or one-line member syntax, with namespaces and notes.
 */
import { DOMAIN_IDS, camelCase, connectedSlice, domain, pascalCase, phrase, snakeCase, uniqueExamples, upperSnakeCase, type Domain, type DomainEntity, type Rng } from "@lfai/artifact-kit"
import type { DatasetExample, DatasetGenerator } from "@lfai/core"

const TYPES: Readonly<Record<string, ReadonlyArray<string>>> = {
  int: ["int", "Integer", "long"],
  string: ["String", "string"],
  text: ["String", "Text"],
  decimal: ["BigDecimal", "decimal", "Money"],
  float: ["double", "float"],
  boolean: ["bool", "boolean"],
  date: ["LocalDate", "Date"],
  datetime: ["DateTime", "Instant", "LocalDateTime"],
  uuid: ["UUID", "Guid"]
}

interface ClassSpec {
  name: string
  annotation?: string
  generic?: string
  attributes: string[]
  methods: string[]
}

const INSTRUCTIONS = [
  (title: string, names: string) => `Design the domain model of ${title} as a Mermaid class diagram with the classes ${names}.`,
  (title: string, names: string) => `Create a classDiagram for ${title}: ${names}, with attributes, methods and relationships.`,
  (title: string) => `Model the core classes of ${title} in UML as a Mermaid class diagram, with visibility and types.`,
  (title: string, names: string) => `Draw a UML class diagram (Mermaid) of the ${names} classes used by ${title}, including inheritance and multiplicities.`
]

const lifecycleOf = (d: Domain, entity: string) => d.lifecycles.find((l) => l.entity === entity)

const make = (rng: Rng, domainId: string): DatasetExample => {
  const d = domain(domainId)
  const { entities, relations } = connectedSlice(rng, d, rng.int(2, 6))
  const typeStyle = rng.int(0, 2)
  const typeOf = (t: string) => (TYPES[t] ?? ["String"])[Math.min(typeStyle, (TYPES[t] ?? ["String"]).length - 1)]
  const blockSyntax = rng.chance(0.75)
  // `name : Type` members only exist inside a class block
  const colonTypes = blockSyntax && rng.chance(0.3)
  const vis = () => rng.pick(["-", "-", "+", "#"])
  const attr = (name: string, type: string, v = vis()) => (colonTypes ? `${v}${camelCase(name)} : ${type}` : `${v}${type} ${camelCase(name)}`)
  const classes: ClassSpec[] = []
  const lines: string[] = []

  const entityClass = (e: DomainEntity): ClassSpec => {
    const keep = rng.sample(e.attributes, rng.int(1, e.attributes.length))
    const attributes = e.attributes.filter((a) => keep.includes(a)).map((a) => attr(a.name, typeOf(a.type)))
    const lifecycle = lifecycleOf(d, e.name)
    const events = lifecycle ? rng.sample([...new Set(lifecycle.transitions.map((t) => t.event))], rng.int(1, 3)) : []
    const methods = [
      ...events.map((ev) => `+${camelCase(ev)}()${rng.chance(0.5) ? " void" : " bool"}`),
      ...(rng.chance(0.5) ? [`+get${pascalCase(e.attributes[1]?.name ?? "id")}() ${typeOf(e.attributes[1]?.type ?? "int")}`] : []),
      ...(events.length === 0 || rng.chance(0.3) ? [`+validate() bool`] : [])
    ]
    if (lifecycle && rng.chance(0.5)) attributes.push(attr("status", `${e.name}Status`))
    return { name: e.name, attributes, methods }
  }
  for (const e of entities) classes.push(entityClass(e))

  // status enumerations from lifecycles
  for (const e of entities) {
    const lifecycle = lifecycleOf(d, e.name)
    if (lifecycle && classes.find((c) => c.name === e.name)?.attributes.some((a) => a.includes(`${e.name}Status`))) {
      classes.push({ name: `${e.name}Status`, annotation: "enumeration", attributes: lifecycle.states.map((s) => upperSnakeCase(s)), methods: [] })
      lines.push(`${e.name} --> ${e.name}Status : status`)
    }
  }
  // relations between entities
  for (const r of relations) {
    const kind = r.kind === "1n" ? rng.pick(["composition", "association"]) : r.kind === "0n" ? rng.pick(["aggregation", "association"]) : "association"
    const many = r.kind === "1n" || r.kind === "0n" || r.kind === "nn"
    const cards = rng.chance(0.6) ? [r.kind === "nn" ? "*" : "1", many ? rng.pick(["*", "0..*", "1..*"]) : rng.pick(["1", "0..1"])] : undefined
    const arrow = kind === "composition" ? "*--" : kind === "aggregation" ? "o--" : rng.pick(["-->", "--"])
    const label = rng.chance(0.7) ? ` : ${phrase(r.verb).split(" ")[0]}` : ""
    lines.push(cards ? `${r.from} "${cards[0]}" ${arrow} "${cards[1]}" ${r.to}${label}` : `${r.from} ${arrow} ${r.to}${label}`)
  }
  // a base class, an interface, a repository or service
  const extras = rng.sample(["base", "interface", "repository", "service", "none"], rng.int(1, 3))
  if (extras.includes("base")) {
    const base = rng.pick(["BaseEntity", "AuditedEntity", "DomainObject"])
    classes.push({ name: base, annotation: "abstract", attributes: [attr("id", typeOf("uuid"), "#"), attr("created_at", typeOf("datetime"), "#")], methods: ["+equals(other Object) bool"] })
    for (const e of rng.sample(entities, rng.int(1, entities.length))) lines.push(`${base} <|-- ${e.name}`)
  }
  if (extras.includes("interface")) {
    const [name, method] = rng.pick([["Auditable", "+auditTrail() List~String~"], ["Notifiable", "+notify(message String) void"], ["Exportable", "+toJson() String"], ["Versioned", "+version() int"]] as const)
    classes.push({ name, annotation: "interface", attributes: [], methods: [method] })
    for (const e of rng.sample(entities, rng.int(1, 2))) lines.push(`${e.name} ..|> ${name}`)
  }
  if (extras.includes("repository")) {
    const e = rng.pick(entities)
    const generic = rng.chance(0.5)
    const name = generic ? "Repository" : `${e.name}Repository`
    classes.push({
      name,
      annotation: "interface",
      generic: generic ? "T" : undefined,
      attributes: [],
      methods: generic ? ["+findById(id UUID) T", "+save(entity T) void", "+findAll() List~T~"] : [`+findById(id UUID) ${e.name}`, `+save(${camelCase(e.name)} ${e.name}) void`]
    })
    lines.push(`${name} ..> ${e.name} : stores`)
  }
  if (extras.includes("service")) {
    const e = rng.pick(entities)
    const activity = rng.pick(d.activities)
    classes.push({ name: `${e.name}Service`, annotation: rng.chance(0.5) ? "service" : undefined, attributes: [], methods: [`+${camelCase(activity)}(${camelCase(e.name)} ${e.name}) ${rng.pick(["void", "bool", e.name])}`] })
    lines.push(`${e.name}Service ..> ${e.name} : uses`)
  }

  const ind = rng.pick(["  ", "    "])
  const out = ["classDiagram"]
  if (rng.chance(0.15)) out.push(`${ind}direction ${rng.pick(["LR", "RL", "BT", "TB"])}`)
  const body: string[] = []
  const write = (c: ClassSpec, depth: number) => {
    const pad = ind.repeat(depth)
    const head = `class ${c.name}${c.generic ? `~${c.generic}~` : ""}`
    if (blockSyntax || c.annotation || c.generic) {
      body.push(`${pad}${head} {`)
      if (c.annotation) body.push(`${pad}${ind}<<${c.annotation}>>`)
      for (const m of [...c.attributes, ...c.methods]) body.push(`${pad}${ind}${m}`)
      body.push(`${pad}}`)
    } else {
      body.push(`${pad}${head}`)
      for (const m of [...c.attributes, ...c.methods]) body.push(`${pad}${c.name} : ${m}`)
    }
  }
  const namespaced = rng.chance(0.2) && classes.length >= 3
  if (namespaced) {
    const core = classes.filter((c) => entities.some((e) => e.name === c.name))
    body.push(`${ind}namespace ${pascalCase(d.id)} {`)
    // members of a namespace are declared with the block syntax
    for (const c of core) {
      body.push(`${ind}${ind}class ${c.name} {`)
      for (const m of [...c.attributes, ...c.methods]) body.push(`${ind}${ind}${ind}${m}`)
      body.push(`${ind}${ind}}`)
    }
    body.push(`${ind}}`)
    for (const c of classes.filter((x) => !core.includes(x))) write(c, 1)
  } else for (const c of rng.chance(0.3) ? rng.shuffle(classes) : classes) write(c, 1)
  const relationsFirst = rng.chance(0.3)
  const relLines = lines.map((l) => `${ind}${l}`)
  out.push(...(relationsFirst ? [...relLines, ...body] : [...body, ...relLines]))
  if (rng.chance(0.2)) out.push(`${ind}note for ${entities[0].name} "${rng.pick(["Aggregate root", "Persisted in one table", "Immutable once closed", `Owned by the ${snakeCase(d.id).replace(/_/g, " ")} team`])}"`)
  return {
    instruction: rng.pick(INSTRUCTIONS)(d.title, entities.map((e) => e.name).join(", ")),
    output: out.join("\n"),
    domain: d.id,
    meta: { classes: classes.length, relations: lines.length, extras: extras.filter((x) => x !== "none"), namespaced }
  }
}

export const classDataset: DatasetGenerator = {
  domains: DOMAIN_IDS,
  generate: ({ seed, count }) => uniqueExamples({ seed, count, domains: DOMAIN_IDS, label: "class", make: (rng, d) => make(rng, d) })
}
