/** API guides for a domain's resources: authentication, endpoints with examples, errors. */
import { phrase, type Domain, type Rng } from "@lfai/artifact-kit"
import { DocBuilder, bare, join, mainEntity, resource, sampleObject, asTopic, upper } from "./common.ts"
import type { Generated } from "./types.ts"

const ERRORS: ReadonlyArray<readonly [string, string, string]> = [
  ["400", "bad_request", "The body or a parameter is invalid; `message` names it."],
  ["401", "unauthorized", "The token is missing or expired."],
  ["403", "forbidden", "The token does not allow this action."],
  ["404", "not_found", "No such resource."],
  ["409", "conflict", "The resource changed meanwhile, or the action does not fit its state."],
  ["422", "unprocessable", "The request is well formed but breaks a business rule."],
  ["429", "rate_limited", "Too many requests; wait for `Retry-After` seconds."],
  ["500", "internal", "Our fault: retry later and tell us the `request_id`."]
]

export const apiGuide = (rng: Rng, d: Domain): Generated => {
  const entity = mainEntity(rng, d)
  const noun = phrase(entity.name)
  const collection = resource(entity.name)
  const lifecycle = d.lifecycles.find((l) => l.entity === entity.name)
  const base = `https://${rng.pick(["api.example.com", `${d.id}.api.example.com`, `api.${d.id}.example.org`])}/${rng.pick(["v1", "v2", "api/v1"])}`
  const doc = new DocBuilder()
  const topics: string[] = []
  const section = (text: string, depth = 2) => {
    doc.heading(depth, text)
    if (depth === 2) topics.push(asTopic(text))
  }
  const example = () => sampleObject(rng, entity, rng.int(3, 5))
  const auth = rng.pick([`-H "Authorization: Bearer $TOKEN"`, `--header "Authorization: Bearer $API_TOKEN"`, `-H "Authorization: Bearer \${ACCESS_TOKEN}"`])
  const curl = (method: string, path: string, body?: unknown) =>
    [`curl -X ${method} ${base}${path} \\`, `  ${auth}${body === undefined ? "" : " \\"}`, ...(body === undefined ? [] : [`  -H "Content-Type: application/json" \\`, `  -d '${JSON.stringify(body)}'`])].join("\n")
  doc.heading(1, rng.pick([`${upper(noun)} API guide`, `${upper(bare(d.title))} API`, `${upper(noun)} API`]))
  doc.paragraph(`The ${noun} API lets ${bare(d.title)} partners and apps read and change ${phrase(collection)}. All requests and responses are JSON over HTTPS; the base URL is \`${base}\`.`)
  const withToc = rng.chance(0.2)
  if (withToc) {
    doc.heading(2, "Contents")
    doc.toc()
  }
  section(rng.pick(["Authentication", "Authorization", "Authentication and authorization"]))
  doc.paragraph(rng.pick([
    "Every request carries a bearer token from the identity provider:",
    "Send an OAuth 2.0 access token in the `Authorization` header of each request:",
    "Ask your account manager for client credentials, then exchange them for a token and send it with every call:"
  ]))
  const host = base.replace(/^https:\/\//, "").split("/")[0]
  const prefix = base.slice(`https://${host}`.length)
  doc.code(
    rng.pick(["http", "text"]),
    rng.chance(0.5)
      ? `GET ${prefix}/${collection} HTTP/1.1\nHost: ${host}\nAuthorization: Bearer ${rng.pick(["<token>", "<access-token>", "eyJhbGciOi..."])}`
      : `Authorization: Bearer ${rng.pick(["<token>", "<access-token>", "eyJhbGciOi..."])}\nAccept: application/json`
  )
  const endpoints: Array<{ method: string; path: string; summary: string }> = [
    { method: "GET", path: `/${collection}`, summary: `Lists ${phrase(collection)}, newest first.` },
    { method: "GET", path: `/${collection}/{id}`, summary: `One ${noun} by id.` },
    { method: "POST", path: `/${collection}`, summary: `Creates ${noun === "" ? "one" : `a ${noun}`}.` },
    { method: "PATCH", path: `/${collection}/{id}`, summary: `Changes some fields of a ${noun}.` },
    { method: "DELETE", path: `/${collection}/{id}`, summary: `Deletes a ${noun}.` },
    ...(lifecycle ? rng.sample(lifecycle.transitions, 2).map((t) => ({ method: "POST", path: `/${collection}/{id}/${t.event.replace(/_/g, "-")}`, summary: `Moves a ${noun} from ${t.from} to ${t.to}.` })) : [])
  ]
  const chosen = rng.sample(endpoints, rng.int(2, Math.min(5, endpoints.length)))
  const grouped = rng.chance(0.6)
  if (grouped) section("Endpoints")
  const depth = grouped ? 3 : 2
  for (const endpoint of chosen) {
    doc.heading(depth, rng.chance(0.8) ? `${endpoint.method} ${endpoint.path}` : `${endpoint.method} \`${endpoint.path}\``)
    if (!grouped) topics.push(`${endpoint.method} ${endpoint.path}`)
    doc.paragraph(endpoint.summary)
    if (endpoint.method === "GET" && !endpoint.path.includes("{id}") && rng.chance(0.6)) {
      doc.table(["Parameter", "In", "Description"], [
        ["limit", "query", "How many to return (1–100, default 20)"],
        ["cursor", "query", "Where the previous page ended"],
        ...(rng.chance(0.5) ? [["sort", "query", `A field of the ${noun}, e.g. \`-${entity.attributes[entity.attributes.length - 1].name}\``]] : [])
      ])
    }
    const body = endpoint.method === "POST" && !endpoint.path.includes("{id}") ? Object.fromEntries(Object.entries(example()).slice(1)) : endpoint.method === "PATCH" ? Object.fromEntries(Object.entries(example()).slice(-1)) : undefined
    {
      doc.code(rng.pick(["bash", "shell"]), curl(endpoint.method, endpoint.path.replace("{id}", String(rng.int(100, 9999))), body))
      const one = () => (rng.chance(0.3) ? { data: example() } : example())
      if (endpoint.method !== "DELETE") doc.code("json", JSON.stringify(endpoint.path.includes("{id}") || endpoint.method === "POST" ? one() : { data: [example(), example()], next_cursor: rng.int(1000, 9999).toString(36) }, null, rng.pick([2, 2, 4])))
      else doc.paragraph("Answers `204 No Content`.")
    }
  }
  if (rng.chance(0.4)) {
    section("Pagination")
    doc.paragraph("List endpoints return `next_cursor`; pass it as `cursor` to get the next page. An absent `next_cursor` means the last page.")
  }
  section(rng.pick(["Errors", "Error codes", "Errors and status codes"]))
  doc.paragraph(
    rng.pick([
      "Errors are JSON: `{ \"error\": { \"code\", \"message\", \"request_id\" } }`.",
      "An error answers with its status and a body holding `error.code` and a readable `error.message`.",
      `Every error carries a \`request_id\`; quote it when you contact the ${bare(d.title)} team.`
    ])
  )
  const errors = rng.sample(ERRORS, rng.int(3, 6)).sort((a, b) => Number(a[0]) - Number(b[0]))
  if (rng.chance(0.8) || !doc.render().includes("| Parameter |")) {
    doc.table(rng.pick([["Status", "Code", "Meaning"], ["HTTP status", "Error code", "When"], ["Status", "Error", "Description"]]), errors.map(([status, code, meaning]) => [status, `\`${code}\``, meaning]))
  }
  else doc.list(errors.map(([status, code, meaning]) => `\`${status} ${code}\`: ${meaning}`))
  if (rng.chance(0.4)) {
    section("Rate limits")
    doc.paragraph(`Each client may send ${rng.pick([60, 100, 600])} requests a minute; past it the API answers \`429\` with \`Retry-After\`.`)
  }
  if (rng.chance(0.25)) {
    section("Versioning")
    doc.paragraph("Breaking changes get a new version in the path; the old one keeps working for six months.")
  }
  const asked = rng.sample(topics, Math.min(topics.length, rng.int(2, 4)))
  const intro = rng.pick([
    `Write an API guide for the ${noun} API of ${d.title}`,
    `Document the REST API of our ${collection} for ${d.title}, for partner developers`,
    `API documentation for ${bare(d.title)}, the ${phrase(collection)} endpoints: ${join(chosen.map((e) => `${e.method} ${e.path}`))}`
  ])
  return { kind: "api-guide", text: doc.render(), instruction: `${intro}. Cover ${join(asked)}.`, meta: { endpoints: chosen.length, grouped } }
}
