/**
 * The sequence dataset: request flows through each domain's systems, with the domain's own steps
 * and checks, in varied shapes (alt/else, opt, loop, par, critical, break, rect, notes,
 * activations, boxes, autonumber, declared or implicit participants).
 */
import { DOMAIN_IDS, camelCase, domain, snakeCase, titleCase, uniqueExamples, type Domain, type Rng } from "@lfai/artifact-kit"
import type { DatasetExample, DatasetGenerator } from "@lfai/core"

interface Party {
  readonly id: string
  readonly label: string
  readonly kind: "actor" | "participant"
  readonly group: "front" | "back" | "data" | "outside"
}

const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)

const parties = (rng: Rng, d: Domain) => {
  const role = rng.pick(d.roles)
  const user: Party = { id: rng.pick([camelCase(role), "user", "u"]) === "u" ? "U" : camelCase(role), label: role, kind: rng.chance(0.7) ? "actor" : "participant", group: "front" }
  const app: Party = { id: rng.pick(["app", "ui", "client", "web"]), label: rng.pick(["Web App", "Mobile App", "Portal", "Client"]), kind: "participant", group: "front" }
  const api: Party = { id: rng.pick(["api", "gateway", "backend"]), label: rng.pick(["API", "API Gateway", "Backend"]), kind: "participant", group: "back" }
  const services = rng.sample(d.entities, rng.int(1, 3)).map((e): Party => ({ id: `${camelCase(e.name)}Svc`, label: `${titleCase(e.name)} Service`, kind: "participant", group: "back" }))
  const db: Party = { id: rng.pick(["db", "store", "database"]), label: rng.pick(["Database", "Primary DB", "Data store"]), kind: "participant", group: "data" }
  const outside = rng.sample(d.systems, rng.int(0, 2)).map((s): Party => ({ id: camelCase(s), label: s, kind: "participant", group: "outside" }))
  return { user, app, api, services, db, outside }
}

const INSTRUCTIONS = [
  (what: string, title: string) => `Draw a Mermaid sequence diagram of how "${what}" works in ${title}.`,
  (what: string, title: string) => `Show the message flow between the user and the systems of ${title} when they ${lower(what)}.`,
  (what: string, title: string) => `Create a sequenceDiagram for the "${what}" use case of ${title}, including the failure path.`,
  (what: string, title: string) => `Document the interaction "${what}" in ${title} as a Mermaid sequence diagram with participants and messages.`
]

const make = (rng: Rng, domainId: string): DatasetExample => {
  const d = domain(domainId)
  const p = parties(rng, d)
  const steps = rng.sample(d.activities, 5)
  const checks = rng.sample(d.checks, 2)
  const ind = rng.pick(["  ", "    "])
  const sync = rng.pick(["->>", "->>", "->"])
  const reply = sync === "->" ? "-->" : "-->>"
  const activations = rng.pick(["none", "inline", "explicit"] as const)
  const body: string[] = []
  const used = new Set<string>()
  const say = (depth: number, from: Party, arrow: string, to: Party, text: string) => {
    used.add(from.id)
    used.add(to.id)
    body.push(`${ind.repeat(depth)}${from.id}${arrow}${to.id}: ${text}`)
  }
  const call = (depth: number, from: Party, to: Party, text: string, answer: string, inner?: () => void) => {
    if (activations === "inline") {
      say(depth, from, `${sync}+`, to, text)
      inner?.()
      say(depth, to, `${reply}-`, from, answer)
    } else {
      say(depth, from, sync, to, text)
      if (activations === "explicit") body.push(`${ind.repeat(depth)}activate ${to.id}`)
      inner?.()
      say(depth, to, reply, from, answer)
      if (activations === "explicit") body.push(`${ind.repeat(depth)}deactivate ${to.id}`)
    }
  }
  const [svc] = p.services
  const method = rng.pick(["POST", "PUT", "GET", "PATCH"])
  const path = `/${snakeCase(svc.label.replace(/ Service$/, "")).replace(/_/g, "-")}s`
  say(1, p.user, sync, p.app, steps[0])
  call(1, p.app, p.api, `${method} ${path}`, rng.pick(["200 OK", "201 Created", "result"]), () => {
    call(2, p.api, svc, steps[1], rng.pick(["done", "ok", `${lower(steps[1])} done`]), () => {
      const sections = rng.sample(["alt", "opt", "loop", "par", "critical", "break", "note", "rect", "db"], rng.int(1, 4))
      if (!sections.includes("db")) sections.unshift("db")
      for (const section of sections) {
        const other = p.services[1] ?? p.db
        const outside = p.outside[0]
        switch (section) {
          case "db":
            say(3, svc, sync, p.db, rng.pick(["INSERT record", "SELECT by id", "UPDATE status", "load current state"]))
            say(3, p.db, reply, svc, rng.pick(["row", "1 row affected", "current state"]))
            break
          case "alt":
            body.push(`${ind.repeat(3)}alt ${checks[0].replace(/\?$/, "")}`)
            say(4, svc, sync, outside ?? other, steps[2])
            say(4, outside ?? other, reply, svc, "confirmed")
            body.push(`${ind.repeat(3)}else ${rng.pick(["otherwise", "not " + lower(checks[0].replace(/\?$/, "")), "failure"])}`)
            say(4, svc, reply, p.api, rng.pick(["422 rejected", "error", "declined"]))
            body.push(`${ind.repeat(3)}end`)
            break
          case "opt":
            body.push(`${ind.repeat(3)}opt ${checks[1].replace(/\?$/, "")}`)
            say(4, svc, rng.pick(["-)", "->>"]), other, steps[3])
            body.push(`${ind.repeat(3)}end`)
            break
          case "loop":
            body.push(`${ind.repeat(3)}loop ${rng.pick(["Every 5 seconds", "Until complete", "For each item", "Up to 3 retries"])}`)
            say(4, svc, sync, other, rng.pick(["poll status", steps[4], "process next item"]))
            say(4, other, reply, svc, rng.pick(["status", "ack", "next"]))
            body.push(`${ind.repeat(3)}end`)
            break
          case "par":
            body.push(`${ind.repeat(3)}par ${steps[2]}`)
            say(4, svc, "-)", other, steps[2])
            body.push(`${ind.repeat(3)}and ${steps[3]}`)
            say(4, svc, "-)", outside ?? p.db, steps[3])
            body.push(`${ind.repeat(3)}end`)
            break
          case "critical":
            body.push(`${ind.repeat(3)}critical ${steps[4]}`)
            say(4, svc, sync, p.db, rng.pick(["begin transaction", "lock record"]))
            body.push(`${ind.repeat(3)}option ${rng.pick(["Timeout", "Conflict", "Deadlock"])}`)
            say(4, svc, "-x", p.db, "roll back")
            body.push(`${ind.repeat(3)}end`)
            break
          case "break":
            body.push(`${ind.repeat(3)}break ${rng.pick(["validation fails", "quota exceeded", "duplicate request"])}`)
            say(4, svc, reply, p.api, rng.pick(["400 Bad Request", "409 Conflict", "429 Too Many Requests"]))
            body.push(`${ind.repeat(3)}end`)
            break
          case "rect":
            body.push(`${ind.repeat(3)}rect ${rng.pick(["rgb(240, 248, 255)", "rgba(200, 150, 255, 0.2)", "rgb(255, 250, 230)"])}`)
            say(4, svc, sync, other, steps[3])
            say(4, other, reply, svc, "ok")
            body.push(`${ind.repeat(3)}end`)
            break
          default:
            body.push(`${ind.repeat(3)}Note ${rng.pick([`over ${svc.id},${p.db.id}`, `right of ${svc.id}`, `left of ${svc.id}`])}: ${rng.pick(["idempotent by request id", "runs in one transaction", "audited", "may take a few seconds"])}`)
        }
      }
    })
  })
  say(1, p.app, reply, p.user, rng.pick(["show confirmation", "display result", "done", "show status"]))
  if (rng.chance(0.3)) body.push(`${ind}Note over ${p.user.id},${p.app.id}: ${rng.pick(["happy path shown first", "all calls over HTTPS", "user sees progress"])}`)

  const all = [p.user, p.app, p.api, ...p.services, p.db, ...p.outside].filter((x) => used.has(x.id))
  const out = ["sequenceDiagram"]
  if (rng.chance(0.3)) out.push(`${ind}autonumber`)
  if (rng.chance(0.15)) out.push(`${ind}title ${titleCase(steps[0])}`)
  const declare = rng.pick(["all", "all", "aliases", "none"] as const)
  const decl = (x: Party, depth: number) => `${ind.repeat(depth)}${x.kind} ${x.id}${x.label !== x.id ? ` as ${x.label}` : ""}`
  if (declare !== "none") {
    const boxed = declare === "all" && rng.chance(0.3)
    if (boxed) {
      for (const group of ["front", "back", "data", "outside"] as const) {
        const members = all.filter((x) => x.group === group)
        if (members.length === 0) continue
        out.push(`${ind}box ${rng.pick(["", "Aqua ", "LightYellow ", "rgb(230, 240, 255) "])}${{ front: "Front end", back: "Back end", data: "Data", outside: "Outside" }[group]}`)
        out.push(...members.map((x) => decl(x, 2)))
        out.push(`${ind}end`)
      }
    } else out.push(...all.filter((x) => declare === "all" || x.label !== x.id).map((x) => decl(x, 1)))
  }
  // the body was written at depth 1..4 relative to the diagram
  out.push(...body)
  return {
    instruction: rng.pick(INSTRUCTIONS)(steps[0], d.title),
    output: out.join("\n"),
    domain: d.id,
    meta: { participants: all.length, messages: body.filter((l) => l.includes(": ")).length, activations, declare }
  }
}

export const sequenceDataset: DatasetGenerator = {
  domains: DOMAIN_IDS,
  generate: ({ seed, count }) => uniqueExamples({ seed, count, domains: DOMAIN_IDS, label: "sequence", make: (rng, d) => make(rng, d) })
}
