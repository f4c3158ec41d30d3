/** Architecture decision records: a technical choice a domain's team made, in the Nygard or the MADR layout. */
import { phrase, type Domain, type Rng } from "@lfai/artifact-kit"
import { DocBuilder, asTopic, bare, join, lower, mainEntity, plural, role, upper } from "./common.ts"
import type { Generated } from "./types.ts"

interface Option {
  readonly name: string
  readonly good: ReadonlyArray<string>
  readonly bad: ReadonlyArray<string>
}

interface Topic {
  readonly area: string
  readonly purpose: (d: Domain, noun: string, rng: Rng) => string
  readonly options: ReadonlyArray<Option>
}

const TOPICS: ReadonlyArray<Topic> = [
  {
    area: "messaging",
    purpose: (d, noun, rng) => `publish ${noun} events to the ${rng.pick(d.systems)}`,
    options: [
      { name: "Apache Kafka", good: ["events can be replayed", "scales to our peak load"], bad: ["a cluster to run", "the team has not used it"] },
      { name: "RabbitMQ", good: ["simple routing", "the team knows it"], bad: ["no replay of old events"] },
      { name: "Amazon SQS", good: ["nothing to operate", "pay per use"], bad: ["ties us to one cloud", "no ordering across queues"] },
      { name: "NATS JetStream", good: ["small footprint", "fast"], bad: ["smaller community"] }
    ]
  },
  {
    area: "storage",
    purpose: (_d, noun) => `store ${plural(noun)} and their history`,
    options: [
      { name: "PostgreSQL", good: ["transactions across tables", "mature tooling"], bad: ["schema changes need migrations"] },
      { name: "MongoDB", good: ["flexible documents"], bad: ["joins are awkward", "weaker constraints"] },
      { name: "Amazon DynamoDB", good: ["no servers to run", "predictable latency"], bad: ["queries must be designed up front"] },
      { name: "MySQL", good: ["the platform team runs it already"], bad: ["fewer JSON features"] }
    ]
  },
  {
    area: "API style",
    purpose: (d, noun) => `expose ${plural(noun)} to the ${bare(d.title)} clients`,
    options: [
      { name: "REST with OpenAPI", good: ["every client speaks it", "cacheable"], bad: ["chatty for nested data"] },
      { name: "GraphQL", good: ["clients ask for exactly what they need"], bad: ["caching is harder", "query cost must be limited"] },
      { name: "gRPC", good: ["typed contracts", "fast"], bad: ["browsers need a proxy"] }
    ]
  },
  {
    area: "authentication",
    purpose: (d, _noun, rng) => `authenticate ${plural(role(rng.pick(d.roles)))} and partner systems`,
    options: [
      { name: "OAuth 2.0 with OpenID Connect", good: ["single sign-on", "short-lived tokens"], bad: ["an identity provider to integrate"] },
      { name: "API keys", good: ["simple for partners"], bad: ["long-lived secrets", "no user identity"] },
      { name: "mutual TLS", good: ["strong machine identity"], bad: ["certificate rotation to automate"] }
    ]
  },
  {
    area: "caching",
    purpose: (_d, noun) => `cache ${noun} lookups`,
    options: [
      { name: "Redis", good: ["shared across instances", "expiry per key"], bad: ["one more service to run"] },
      { name: "an in-process cache", good: ["no network hop"], bad: ["each instance has its own copy"] },
      { name: "Memcached", good: ["simple and fast"], bad: ["no persistence", "no data structures"] }
    ]
  },
  {
    area: "deployment",
    purpose: (_d, noun) => `run the ${noun} service`,
    options: [
      { name: "Kubernetes", good: ["the platform team supports it", "rolling deploys"], bad: ["more moving parts"] },
      { name: "Amazon ECS", good: ["less to operate"], bad: ["ties us to one cloud"] },
      { name: "virtual machines", good: ["familiar"], bad: ["slow, manual deploys"] }
    ]
  },
  {
    area: "workflow",
    purpose: (d, _noun, rng) => `orchestrate the steps from ${lower(rng.pick(d.activities))} onwards`,
    options: [
      { name: "Temporal", good: ["durable workflows with retries"], bad: ["a new platform to learn"] },
      { name: "a state machine in the database", good: ["no new infrastructure"], bad: ["retries and timers by hand"] },
      { name: "AWS Step Functions", good: ["managed", "visual history"], bad: ["vendor lock-in"] }
    ]
  },
  {
    area: "integration",
    purpose: (d, _noun, rng) => `receive updates from the ${rng.pick(d.systems)}`,
    options: [
      { name: "webhooks", good: ["updates arrive at once"], bad: ["we must handle retries and duplicates"] },
      { name: "polling every minute", good: ["simple", "no public endpoint"], bad: ["up to a minute late", "wasted calls"] },
      { name: "a message queue", good: ["buffers bursts"], bad: ["the vendor must support it"] }
    ]
  }
]

export const adr = (rng: Rng, d: Domain, index: number): Generated => {
  const topic = rng.pick(TOPICS)
  const noun = phrase(mainEntity(rng, d).name)
  const purpose = topic.purpose(d, noun, rng)
  const options = rng.sample(topic.options, rng.int(2, topic.options.length))
  const chosen = options[0]
  const number = rng.int(1, 60) + (index % 7)
  const status = rng.weighted<string>([["Accepted", 6], ["Proposed", 2], ["Superseded", 1], ["Deprecated", 1]])
  const date = `20${rng.int(22, 25)}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`
  const deciders = rng.sample(d.roles, rng.int(1, 2)).map(role)
  const title = rng.pick([`ADR ${number}: Use ${chosen.name} to ${purpose}`, `${number}. Use ${chosen.name} to ${purpose}`, `Use ${chosen.name} to ${purpose}`])
  const doc = new DocBuilder()
  const madr = rng.chance(0.45)
  const topics: string[] = []
  const section = (text: string, depth = 2) => {
    doc.heading(depth, text)
    if (depth === 2) topics.push(asTopic(text))
  }
  const problem = `We need to ${purpose} in ${d.title}. ${rng.pick([
    `Today this is done by hand, and ${plural(role(rng.pick(d.roles)))} lose time on it.`,
    `The current approach does not keep up with the load at peak times.`,
    `The ${rng.pick(d.systems)} integration made the question urgent.`
  ])}`
  const pros = (option: Option) => option.good.map((good) => `Good, because ${good}`)
  const cons = (option: Option) => option.bad.map((bad) => `Bad, because ${bad}`)
  if (madr) {
    doc.raw(["---", `status: ${lower(status)}`, `date: ${date}`, `deciders: ${deciders.join(", ")}`, "---"].join("\n"))
    doc.heading(1, title)
    section(rng.pick(["Context and Problem Statement", "Context"]))
    doc.paragraph(problem)
    if (rng.chance(0.6)) {
      section("Decision Drivers")
      doc.list(rng.sample([`cost of running it`, `what the team already knows`, `how fast ${plural(noun)} must be available`, `vendor lock-in`, `operational effort`], rng.int(2, 4)))
    }
    section(rng.pick(["Considered Options", "Options"]))
    doc.list(options.map((option) => option.name))
    section(rng.pick(["Decision Outcome", "Decision"]))
    doc.paragraph(`Chosen option: "${chosen.name}", because ${join(chosen.good)}.`)
    doc.heading(3, "Consequences")
    doc.list([...pros(chosen), ...cons(chosen)], false, rng.pick(["-", "*"]))
    topics.push("consequences")
    if (rng.chance(0.6)) {
      section("Pros and Cons of the Options")
      for (const option of options) {
        doc.heading(3, upper(option.name))
        doc.list([...pros(option), ...cons(option)])
      }
    }
  } else {
    doc.heading(1, title)
    const dateLine = rng.chance(0.5)
    if (dateLine) doc.paragraph(`Date: ${date}`)
    section("Status")
    doc.paragraph(status === "Superseded" ? `Superseded by ADR ${number + rng.int(1, 9)}.` : status)
    if (!dateLine) {
      section("Date")
      doc.paragraph(date)
    }
    section("Context")
    doc.paragraph(problem)
    if (rng.chance(0.4)) doc.paragraph(`The ${join(deciders)} ${deciders.length > 1 ? "were" : "was"} asked to decide before the next release.`)
    section("Decision")
    doc.paragraph(`We will use ${chosen.name} to ${purpose}.`)
    section(rng.pick(["Alternatives", "Alternatives considered", "Considered options"]))
    if (rng.chance(0.5)) {
      doc.table(["Option", "For", "Against"], options.map((option) => [option.name, option.good.join("; "), option.bad.join("; ")]))
    } else doc.list(options.slice(1).map((option) => `${upper(option.name)}: ${join(option.bad)}.`))
    section("Consequences")
    doc.list([...chosen.good.map((good) => `Positive: ${good}.`), ...chosen.bad.map((bad) => `Negative: ${bad}.`)])
  }
  const asked = rng.sample(topics, Math.min(topics.length, rng.int(2, 4)))
  const intro = rng.pick([
    `Write an ADR for ${d.title}. We decided to use ${chosen.name} to ${purpose}`,
    `Record our architecture decision for ${d.title} to ${purpose} using ${chosen.name}`,
    `Architecture decision record about ${topic.area} in ${d.title}. We chose to ${purpose} using ${chosen.name}. The other options were ${join(options.slice(1).map((option) => option.name.replace(/ with /g, " plus ")))}`
  ])
  return { kind: "adr", text: doc.render(), instruction: `${intro}. Include ${join(asked)}.`, meta: { layout: madr ? "madr" : "nygard", topic: topic.area, options: options.length } }
}
