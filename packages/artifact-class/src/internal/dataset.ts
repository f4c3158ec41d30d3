/**
 * The class-diagram dataset: connected parts of each domain's model as classes — attributes typed
 * in one language's style, an entity's lifecycle as a status enumeration and as methods for its
 * events, the domain service that owns the entities with an operation per step it performs in the
 * domain's processes, now and then a repository interface — related as the model says (a part is
 * composed into its whole, references are associations with their multiplicities). The request
 * names the classes the answer holds and asks only for what it shows.
 */
import {
  DOMAIN_IDS,
  article,
  camelCase,
  connectedSlice,
  domain,
  enumerate,
  methodName,
  pascalCase,
  phrase,
  pickRegister,
  processSteps,
  sentenceCase,
  uniqueExamples,
  upperSnakeCase,
  writeRequest,
  words,
  type AttributeType,
  type Domain,
  type DomainEntity,
  type DomainRelation,
  type DomainService,
  type Rng
} from "@lfai/artifact-kit"
import type { DatasetExample, DatasetGenerator } from "@lfai/core"

type Flavour = "java" | "csharp" | "typescript"

const TYPES: Readonly<Record<Flavour, Readonly<Record<AttributeType, string>>>> = {
  java: { int: "int", string: "String", text: "String", decimal: "BigDecimal", float: "double", boolean: "boolean", date: "LocalDate", datetime: "Instant", uuid: "UUID" },
  csharp: { int: "int", string: "string", text: "string", decimal: "decimal", float: "double", boolean: "bool", date: "DateOnly", datetime: "DateTime", uuid: "Guid" },
  typescript: { int: "number", string: "string", text: "string", decimal: "number", float: "number", boolean: "boolean", date: "Date", datetime: "Date", uuid: "string" }
}
const VOID: Readonly<Record<Flavour, string>> = { java: "void", csharp: "void", typescript: "void" }
const LIST: Readonly<Record<Flavour, (type: string) => string>> = {
  java: (type) => `List~${type}~`,
  csharp: (type) => `List~${type}~`,
  typescript: (type) => `${type}[]`
}
const FLAVOUR_WORDS: Readonly<Record<Flavour, ReadonlyArray<string>>> = {
  java: ["Java types", "Use Java types for the attributes", "Type the attributes the way Java would"],
  csharp: ["C# types", "Use C# types for the attributes", "Type the attributes the way C# would"],
  typescript: ["TypeScript types", "Use TypeScript types for the attributes", "Type the attributes the way TypeScript would"]
}

/** Verbs of a whole holding its parts: drawn as composition. */
const CONTAINS = new Set(["contains", "has", "holds", "includes", "consists_of", "lists", "covers"])

interface ClassSpec {
  readonly name: string
  readonly stereotype?: "enumeration" | "interface" | "service"
  readonly members: ReadonlyArray<string>
}

type Detail = "lean" | "essential" | "full"

const attributesOf = (entity: DomainEntity, detail: Detail) => {
  const [key, ...rest] = entity.attributes
  return [key, ...rest.slice(0, detail === "full" ? rest.length : detail === "essential" ? 2 : 1)]
}

const relationLine = (r: DomainRelation, multiplicities: boolean): string => {
  const composed = r.kind === "1n" && CONTAINS.has(r.verb)
  const arrow = composed ? "*--" : r.kind === "nn" ? "--" : "-->"
  const [left, right] = { "1n": ["1", "1..*"], "0n": ["1", "*"], "11": ["1", "1"], "01": ["1", "0..1"], nn: ["*", "*"] }[r.kind]
  const label = ` : ${phrase(r.verb)}`
  return multiplicities ? `${r.from} "${left}" ${arrow} "${right}" ${r.to}${label}` : `${r.from} ${arrow} ${r.to}${label}`
}

/** The operations a service performs in the domain's processes: the steps asked of it, and the ones it does alone. */
const serviceOperations = (d: Domain, service: DomainService): string[] => {
  const labels = d.processes.flatMap(processSteps).filter((step) => step.to === service.name || (step.by === service.name && step.to === undefined)).map((step) => step.label)
  return [...new Set(labels)]
}

const make = (rng: Rng, domainId: string): DatasetExample => {
  const d = domain(domainId)
  // every association among the chosen classes: a model of them leaves none out
  const { entities, relations } = connectedSlice(rng, d, rng.weighted<number>([[2, 3], [3, 5], [4, 5], [5, 3], [6, 2]]))
  const flavour = rng.pick<Flavour>(["java", "csharp", "typescript"])
  const type = (t: AttributeType) => TYPES[flavour][t]
  const detail = rng.weighted<Detail>([["lean", 2], ["essential", 4], ["full", 4]])
  const multiplicities = rng.chance(0.7)
  const ind = rng.pick(["  ", "    "])

  const classes: ClassSpec[] = []
  const lines: string[] = relations.map((r) => relationLine(r, multiplicities))
  const enums: string[] = []
  const eventMethods: string[] = []
  for (const entity of entities) {
    const lifecycle = d.lifecycles.find((l) => l.entity === entity.name)
    const withLifecycle = lifecycle !== undefined && rng.chance(0.7)
    const statusEnum = withLifecycle && rng.chance(0.75) ? `${entity.name}Status` : undefined
    const attributes = attributesOf(entity, detail).map((a) => (a.name === "status" && statusEnum ? `-${statusEnum} status` : `-${type(a.type)} ${camelCase(a.name)}`))
    if (statusEnum && !attributes.some((a) => a.endsWith(" status"))) attributes.push(`-${statusEnum} status`)
    // what someone does to it is a method (pay, ship); what happens on its own (time_out) is not
    const events = withLifecycle ? [...new Set(lifecycle.transitions.filter((t) => t.command).map((t) => t.event))].slice(0, rng.int(2, 4)) : []
    eventMethods.push(...events)
    // a lifecycle event changes the state: it returns nothing
    const methods = events.map((event) => `+${camelCase(event)}() ${VOID[flavour]}`)
    classes.push({ name: entity.name, members: [...attributes, ...methods] })
    if (statusEnum && lifecycle) {
      classes.push({ name: statusEnum, stereotype: "enumeration", members: lifecycle.states.map((s) => upperSnakeCase(s)) })
      enums.push(statusEnum)
      lines.push(`${entity.name} --> ${statusEnum} : status`)
    }
  }
  // the service owning the part (or one of them), with what the processes ask of it
  const owning = d.services.filter((service) => service.owns.some((owned) => entities.some((e) => e.name === owned)))
  const services = rng.chance(0.5) ? rng.sample(owning, rng.int(1, Math.min(2, owning.length))) : []
  // one way of drawing services per diagram: the stereotype on all or none, one word for what they keep
  const serviceStereotype = rng.chance(0.4)
  const keeps = rng.pick(["manages", "persists", "stores"])
  for (const service of services) {
    const operations = serviceOperations(d, service).slice(0, rng.int(2, 4))
    if (operations.length === 0) continue
    const owned = entities.filter((e) => service.owns.includes(e.name))
    const returns = (label: string) => owned.find((e) => words(e.name).every((w) => label.toLowerCase().includes(w.toLowerCase())))?.name
    const name = pascalCase(service.name)
    classes.push({ name, stereotype: serviceStereotype ? "service" : undefined, members: operations.map((label) => `+${methodName(label)}() ${returns(label) ?? VOID[flavour]}`) })
    for (const e of owned) lines.push(`${name} ..> ${e.name} : ${keeps}`)
  }
  const repositoryOf = rng.chance(0.2) ? rng.pick(entities) : undefined
  if (repositoryOf) {
    const name = `${repositoryOf.name}Repository`
    const id = type(repositoryOf.attributes[0].type)
    const owner = relations.find((r) => r.to === repositoryOf.name && r.kind !== "nn")
    classes.push({
      name,
      stereotype: "interface",
      members: [
        `+findById(${id} id) ${repositoryOf.name}`,
        ...(owner ? [`+findBy${owner.from}(${id} ${camelCase(owner.from)}Id) ${LIST[flavour](repositoryOf.name)}`] : []),
        `+save(${repositoryOf.name} ${camelCase(repositoryOf.name)}) ${VOID[flavour]}`
      ]
    })
    lines.push(`${name} ..> ${repositoryOf.name}`)
  }

  const body: string[] = []
  for (const c of rng.chance(0.25) ? rng.shuffle(classes) : classes) {
    body.push(`${ind}class ${c.name} {`)
    if (c.stereotype) body.push(`${ind}${ind}<<${c.stereotype}>>`)
    for (const m of c.members) body.push(`${ind}${ind}${m}`)
    body.push(`${ind}}`)
  }
  const relationLines = lines.map((line) => `${ind}${line}`)
  const out = ["classDiagram", ...(rng.chance(0.3) ? [...relationLines, ...body] : [...body, ...relationLines])]

  // The request: the classes by name, and what the answer shows.
  const pascal = rng.chance(0.85)
  const entityNames = entities.map((e) => (pascal ? e.name : sentenceCase(e.name).toLowerCase()))
  const named = enumerate(rng, entityNames)
  const diagram = rng.pick(["class diagram", "UML class diagram", "Mermaid class diagram", "classDiagram", "domain model"])
  const ask = rng.pick([
    { terse: `${diagram} for ${d.title}: ${named}`, plain: `Draw a ${diagram} for ${d.title} with the classes ${named}`, polite: `Could you draw a ${diagram} of ${named} for ${d.title}?` },
    { terse: `${named} as a ${diagram}`, plain: `Model ${named} of ${d.title} as a ${diagram}`, polite: `Can you model ${named} from ${d.title} as a ${diagram}, please?` },
    { terse: `${d.title} — ${diagram} (${named})`, plain: `I need a ${diagram} of ${d.title}: ${named}`, polite: `Would you put together a ${diagram} for ${d.title}? The classes are ${named}` }
  ])
  const details: string[] = []
  if (enums.length > 0) details.push(rng.pick([`Add ${enumerate(rng, enums)} as ${enums.length === 1 ? "an enumeration" : "enumerations"} of the states`, `Model the statuses as enums (${enumerate(rng, enums)})`, `Each lifecycle as a status enumeration (${enumerate(rng, enums)})`]))
  if (eventMethods.length > 0 && rng.chance(0.7)) details.push(rng.pick([`Give the classes methods for their lifecycle events`, `Methods for the events ${enumerate(rng, [...new Set(eventMethods)].slice(0, 4).map(camelCase))}`, `Turn the lifecycle events into methods`]))
  const serviceNames = classes.filter((c) => services.some((s) => pascalCase(s.name) === c.name)).map((c) => c.name)
  const their = serviceNames.length > 1 ? "their" : "its"
  if (serviceNames.length > 0) details.push(rng.pick([`Include ${enumerate(rng, serviceNames)} and ${their} operations`, `Add the ${enumerate(rng, serviceNames)} class${serviceNames.length > 1 ? "es" : ""} too`, `Show ${enumerate(rng, serviceNames)} and what ${serviceNames.length > 1 ? "they do" : "it does"}`]))
  if (repositoryOf) details.push(rng.pick([`Add ${article(repositoryOf.name)} ${repositoryOf.name}Repository interface`, `Plus a repository interface for ${repositoryOf.name}`]))
  if (rng.chance(0.5)) details.push(rng.pick(FLAVOUR_WORDS[flavour]))
  if (multiplicities && rng.chance(0.4)) details.push(rng.pick(["Show multiplicities on the associations", "Put multiplicities on every association"]))
  if (!multiplicities && rng.chance(0.5)) details.push(rng.pick(["No multiplicities needed", "Leave out the multiplicities"]))
  if (detail === "lean" && rng.chance(0.7)) details.push(rng.pick(["Keep the attributes to the essentials", "Only the key attribute and one more per class"]))
  if (detail === "full" && rng.chance(0.5)) details.push(rng.pick(["List all the attributes", "Every attribute, typed"]))
  if (relations.some((r) => r.kind === "1n" && CONTAINS.has(r.verb)) && multiplicities && rng.chance(0.3)) details.push("Use composition where a part belongs to its whole")
  return {
    instruction: writeRequest(rng, { ask, context: d.business, details }, pickRegister(rng)),
    output: out.join("\n"),
    domain: d.id,
    meta: { classes: classes.length, relations: lines.length, flavour, detail, enums: enums.length, services: serviceNames.length, repository: repositoryOf !== undefined }
  }
}

export const classDataset: DatasetGenerator = {
  domains: DOMAIN_IDS,
  generate: ({ seed, count }) => uniqueExamples({ seed, count, domains: DOMAIN_IDS, label: "class", make: (rng, d) => make(rng, d) })
}
