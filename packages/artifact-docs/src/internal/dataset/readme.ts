/** READMEs of a domain's services: what the service does, how to install, configure and use it. */
import { phrase, type Domain, type Rng } from "@lfai/artifact-kit"
import { DocBuilder, asTopic, STACKS, bare, envName, join, kebab, label, lower, nodeId, plural, resource, role, sampleObject, serviceContext, stackCommands, upper } from "./common.ts"
import type { Generated } from "./types.ts"

/** A README documents one of the domain's own services that keeps data, about one entity it keeps. */
const serviceOf = (rng: Rng, d: Domain) => {
  const keeping = d.services.filter((service) => service.owns.length > 0)
  const service = rng.pick(keeping)
  const owned = d.entities.filter((entity) => service.owns.includes(entity.name))
  const withLifecycle = owned.filter((entity) => d.lifecycles.some((l) => l.entity === entity.name))
  const entity = rng.pick(withLifecycle.length > 0 && rng.chance(0.7) ? withLifecycle : owned)
  return { entity, ...serviceContext(d, entity) }
}

export const readme = (rng: Rng, d: Domain): Generated => {
  const { service, entity, operations, calls, apps } = serviceOf(rng, d)
  const noun = phrase(entity.name)
  const system = calls.length > 0 ? rng.pick(calls) : undefined
  const serviceSlug = kebab(service.name.replace(/\s+Service$/, ""))
  const repository = resource(entity.name).startsWith(kebab(d.id)) ? resource(entity.name) : `${kebab(d.id)}-${resource(entity.name)}`
  const name = rng.pick([`${serviceSlug}-service`, repository, `${kebab(entity.name)}-api`])
  const stack = rng.pick(STACKS)
  const commands = stackCommands(stack, name)
  // What the service lets people do: what the processes ask of it, else its entity's lifecycle.
  const lifecycle = d.lifecycles.find((l) => l.entity === entity.name)
  const activities =
    operations.length > 0
      ? rng.sample(operations, Math.min(operations.length, rng.int(2, 4)))
      : lifecycle
        ? [`Follow each ${phrase(entity.name)} from ${phrase(lifecycle.initial)} to ${join(lifecycle.finals.map(phrase))}`, `See the history of a ${phrase(entity.name)}`]
        : [`Keep the ${phrase(entity.name)} records`, `Answer questions about ${plural(phrase(entity.name))}`]
  const app = apps.length > 0 ? rng.pick(apps) : undefined
  const port = rng.pick([3000, 8000, 8080, 5000, 9090])
  const doc = new DocBuilder()
  const topics: string[] = []
  const section = (text: string, depth = 2) => {
    doc.heading(depth, text)
    if (depth === 2) topics.push(asTopic(text))
  }
  // two sentences, no colon: a list after a colon is read as names the answer must show as headings
  const purpose = `is the ${service.name} of ${d.title}. It ${rng.pick(["manages", "keeps track of", "serves"])} ${phrase(entity.name)} records and lets ${app === undefined ? "the other services" : `the ${app.name}`} ${join(activities.map(lower))}`
  doc.heading(1, rng.chance(0.5) ? name : upper(name.replace(/-/g, " ")))
  const talksTo = system === undefined ? "" : ` and talks to the ${system}`
  if (rng.chance(0.65)) doc.paragraph(`${upper(name)} ${purpose}. It is written in ${commands.lang}${talksTo}.`)
  else {
    section(rng.pick(["Overview", "About", "Introduction"]))
    doc.paragraph(`This service ${purpose}.`)
    if (app !== undefined && app.users.length > 0 && rng.chance(0.5)) doc.paragraph(`It is written in ${commands.lang}; ${join(app.users.map((user) => plural(role(user))))} use it every day through the ${app.name}.`)
  }
  const withToc = rng.chance(0.25)
  if (withToc) {
    doc.heading(2, rng.pick(["Contents", "Table of contents"]))
    doc.toc()
  }
  if (rng.chance(0.6)) {
    section("Features")
    doc.list(activities, false, rng.pick(["-", "*"]))
  }
  section(rng.pick(["Installation", "Getting started", "Quick start", "Setup"]))
  if (rng.chance(0.4)) {
    doc.heading(3, "Prerequisites")
    doc.list([{ node: "Node.js 22 or later", python: "Python 3.12", go: "Go 1.23", java: "JDK 21", dotnet: ".NET 8 SDK" }[stack], ...(rng.chance(0.5) ? ["Docker, for the local database"] : []), ...(system !== undefined ? [`Access to the ${system} sandbox`] : [])])
    doc.heading(3, rng.pick(["Install", "Steps"]))
  }
  doc.code("bash", `git clone https://git.example.com/${kebab(d.id)}/${name}.git\ncd ${name}\n${commands.install}`)
  if (system !== undefined && rng.chance(0.5)) doc.paragraph(`Copy \`.env.example\` to \`.env\` and fill in the ${system} credentials.`)
  const vars = [
    ["PORT", `Port the service listens on`, String(port)],
    ["DATABASE_URL", `Connection string of the ${noun} database`, "(none)"],
    ...(system !== undefined ? [[`${envName(system)}_URL`, `Base URL of the ${system}`, "(none)"]] : []),
    ["LOG_LEVEL", "One of debug, info, warn, error", "info"]
  ]
  const configFirst = rng.chance(0.5)
  const configuration = () => {
    section(rng.pick(["Configuration", "Environment variables", "Settings"]))
    doc.paragraph(rng.pick(["The service reads its settings from the environment:", "Every setting comes from an environment variable.", "Set these before you start it:"]))
    doc.table(["Variable", "Description", "Default"], rng.sample(vars, rng.int(2, 4)))
  }
  const withConfig = rng.chance(0.55)
  if (withConfig && configFirst) configuration()
  section(rng.pick(["Usage", "Examples", "Usage examples"]))
  doc.paragraph(rng.pick([`Start it locally:`, `Run the service:`, `To run it on your machine:`]))
  doc.code(rng.pick(["bash", "sh", "shell"]), commands.run)
  const collection = resource(entity.name)
  if (rng.chance(0.75)) {
    if (rng.chance(0.4)) doc.heading(3, `List ${phrase(collection)}`)
    doc.paragraph(rng.pick([`Then ask it for ${phrase(collection)}:`, `Fetch the ${phrase(collection)} it holds:`]))
    doc.code("bash", `curl -s http://localhost:${port}/${collection}${rng.chance(0.4) ? "?limit=2" : ""}`)
    if (rng.chance(0.6)) doc.code("json", JSON.stringify([sampleObject(rng, entity, 4, lifecycle)], null, 2))
  }
  if (withConfig && !configFirst) configuration()
  if (rng.chance(0.4)) {
    section(rng.pick(["Architecture", "How it works"]))
    const self = nodeId(name)
    const clients = apps.length > 0 ? apps.map((a) => a.name) : [rng.pick(d.roles)]
    doc.paragraph(`${upper(name)} sits between ${join(clients.map((c) => `the ${c}`))}, its database${calls.length > 0 ? ` and the ${join(calls)}` : ""}.`)
    doc.code(
      "mermaid",
      [
        `flowchart ${rng.pick(["LR", "TD"])}`,
        ...clients.map((c) => `  ${nodeId(c)}[${label(c)}] --> ${self}[${label(name)}]`),
        `  ${self} --> db[(${label(upper(noun))} DB)]`,
        ...calls.map((c) => `  ${self} --> ${nodeId(c)}[${label(c)}]`)
      ].join("\n")
    )
  }
  if (rng.chance(0.4)) {
    section(rng.pick(["Development", "Running tests", "Testing"]))
    doc.code("bash", rng.chance(0.5) ? commands.test : `${commands.build}\n${commands.test}`)
  }
  if (rng.chance(0.3)) {
    section("Contributing")
    doc.paragraph(rng.pick([`Open a merge request against \`main\`; the ${bare(d.title)} team reviews within two days.`, "Run the tests before you push, and describe the change in the merge request."]))
  }
  if (rng.chance(0.35)) {
    section("License")
    doc.paragraph(rng.pick(["MIT", "Apache-2.0", "Proprietary: for internal use only."]))
  }
  const asked = rng.sample(topics, Math.min(topics.length, rng.int(2, 4)))
  const intro = rng.pick([
    `Write a README for ${name}, a ${commands.lang} service for ${d.title}`,
    `I need a README.md for our ${name} repository, a ${commands.lang} service for ${d.title}`,
    `Draft the README of the ${name} service in ${d.title}`
  ])
  const instruction = `${intro}. It ${purpose}. Cover ${join(asked)}${withToc ? ", with a table of contents" : ""}.`
  return { kind: "readme", text: doc.render(), instruction, meta: { stack, sections: topics.length } }
}
