/** READMEs of a domain's services: what the service does, how to install, configure and use it. */
import { phrase, words, type Domain, type Rng } from "@lfai/artifact-kit"
import { DocBuilder, asTopic, STACKS, bare, envName, join, kebab, label, lower, mainEntity, nodeId, plural, resource, role, sampleObject, stackCommands, upper } from "./common.ts"
import type { Generated } from "./types.ts"

export const readme = (rng: Rng, d: Domain): Generated => {
  const entity = mainEntity(rng, d)
  const noun = phrase(entity.name)
  const system = rng.pick(d.systems)
  const name = rng.pick([`${kebab(entity.name)}-service`, `${kebab(d.id)}-${resource(entity.name)}`, `${kebab(system)}-connector`, `${kebab(entity.name)}-api`])
  const stack = rng.pick(STACKS)
  const commands = stackCommands(stack, name)
  // What the service lets people do: the domain's steps that name its entity, else its entity's lifecycle, else a few steps.
  const own = new Set(words(entity.name).map((w) => w.toLowerCase()))
  const related = d.activities.filter((activity) => words(activity).some((w) => own.has(w.toLowerCase()) || own.has(w.toLowerCase().replace(/s$/, ""))))
  const lifecycle = d.lifecycles.find((l) => l.entity === entity.name)
  const activities =
    related.length > 0
      ? related.slice(0, 4)
      : lifecycle
        ? [`Follow each ${phrase(entity.name)} from ${phrase(lifecycle.initial)} to ${join(lifecycle.finals.map(phrase))}`, `See the history of a ${phrase(entity.name)}`]
        : rng.sample(d.activities, rng.int(2, 3))
  const port = rng.pick([3000, 8000, 8080, 5000, 9090])
  const doc = new DocBuilder()
  const topics: string[] = []
  const section = (text: string, depth = 2) => {
    doc.heading(depth, text)
    if (depth === 2) topics.push(asTopic(text))
  }
  const purpose = `${rng.pick(["manages", "keeps track of", "serves"])} ${phrase(entity.name)} records for ${d.title} and lets people ${join(activities.map(lower))}`
  doc.heading(1, rng.chance(0.5) ? name : upper(name.replace(/-/g, " ")))
  if (rng.chance(0.65)) doc.paragraph(`${upper(name)} ${purpose}. It is written in ${commands.lang} and talks to the ${system}.`)
  else {
    section(rng.pick(["Overview", "About", "Introduction"]))
    doc.paragraph(`This service ${purpose}.`)
    if (rng.chance(0.5)) doc.paragraph(`It is written in ${commands.lang}; ${plural(role(rng.pick(d.roles)))} use it every day, mostly through the ${system}.`)
  }
  const withToc = rng.chance(0.25)
  if (withToc) {
    doc.heading(2, rng.pick(["Contents", "Table of contents"]))
    doc.toc()
  }
  if (rng.chance(0.6)) {
    section("Features")
    doc.list(activities.map((activity) => `${activity}${rng.chance(0.3) ? ` through the ${rng.pick(d.systems)}` : ""}`), false, rng.pick(["-", "*"]))
  }
  section(rng.pick(["Installation", "Getting started", "Quick start", "Setup"]))
  if (rng.chance(0.4)) {
    doc.heading(3, "Prerequisites")
    doc.list([{ node: "Node.js 22 or later", python: "Python 3.12", go: "Go 1.23", java: "JDK 21", dotnet: ".NET 8 SDK" }[stack], ...(rng.chance(0.5) ? ["Docker, for the local database"] : []), `Access to the ${system} sandbox`])
    doc.heading(3, rng.pick(["Install", "Steps"]))
  }
  doc.code("bash", `git clone https://git.example.com/${kebab(d.id)}/${name}.git\ncd ${name}\n${commands.install}`)
  if (rng.chance(0.5)) doc.paragraph(`Copy \`.env.example\` to \`.env\` and fill in the ${system} credentials.`)
  const vars = [
    ["PORT", `Port the service listens on`, String(port)],
    ["DATABASE_URL", `Connection string of the ${noun} database`, "(none)"],
    [`${envName(system)}_URL`, `Base URL of the ${system}`, "(none)"],
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
    if (rng.chance(0.6)) doc.code("json", JSON.stringify([sampleObject(rng, entity)], null, 2))
  }
  if (withConfig && !configFirst) configuration()
  if (rng.chance(0.4)) {
    section(rng.pick(["Architecture", "How it works"]))
    const others = rng.sample(d.systems.filter((s) => s !== system), rng.int(0, 2))
    const app = nodeId(name)
    doc.paragraph(`${upper(name)} sits between its clients, its database and the ${join([system, ...others])}.`)
    doc.code(
      "mermaid",
      [
        `flowchart ${rng.pick(["LR", "TD"])}`,
        `  client[${label(rng.pick(d.roles))}] --> ${app}[${label(name)}]`,
        `  ${app} --> db[(${label(upper(noun))} DB)]`,
        ...[system, ...others].map((s) => `  ${app} --> ${nodeId(s)}[${label(s)}]`)
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
