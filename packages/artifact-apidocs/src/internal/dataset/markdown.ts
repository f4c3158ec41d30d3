/**
 * An API written as Markdown reference docs, from the same OpenAPI object the other format is
 * written from: one section per endpoint (heading with its method and path, a description, a
 * parameters table, examples, its responses) in one of several house styles, and the usual
 * overview, authentication, pagination, webhooks and errors sections.
 */
import type { Rng } from "@lfai/artifact-kit"
import { isObject, METHODS, resolveLocal, type Json, type JsonObject } from "../openapi/document.ts"
import type { Api } from "./model.ts"

const REASON: Readonly<Record<string, string>> = {
  "200": "OK", "201": "Created", "202": "Accepted", "204": "No Content", "400": "Bad Request", "401": "Unauthorized", "403": "Forbidden",
  "404": "Not Found", "409": "Conflict", "413": "Payload Too Large", "422": "Unprocessable Entity", "429": "Too Many Requests", "503": "Service Unavailable"
}

/** Ways of saying what each error status means. */
const ERROR_WORDS: ReadonlyArray<Readonly<Record<string, string>>> = [
  {},
  { "400": "The request is malformed or a field is invalid", "401": "The credentials are missing or wrong", "403": "The credentials do not allow this", "404": "The resource does not exist", "409": "The resource is in a state that does not allow this", "413": "The upload is too large", "422": "The body failed validation", "429": "Too many requests: slow down" },
  { "400": "Invalid request", "401": "Not authenticated", "403": "Not allowed", "404": "Unknown id", "409": "State conflict", "413": "File too big", "422": "Validation failed", "429": "Rate limit reached" },
  { "400": "Fix the request before retrying", "401": "Sign in again", "403": "Ask an admin for access", "404": "Check the id", "409": "Reload the resource and retry", "413": "Send a smaller file", "422": "Correct the fields listed in the body", "429": "Wait and retry" }
]

export interface MarkdownStyle {
  /** Endpoints under a `##` heading per resource (as `###`), or each at `##`. */
  readonly grouped: boolean
  readonly heading: "plain" | "code" | "summary-first" | "path-first"
  readonly table: "full" | "short" | "notes"
  readonly request: "curl" | "http" | "body"
  readonly responses: "table" | "list" | "headings" | "sentence"
  /** `~~~` fences instead of backticks. */
  readonly tildes: boolean
}

const deref = (doc: JsonObject, node: Json | undefined): Json | undefined => {
  let at = node
  for (let hops = 0; isObject(at) && typeof at.$ref === "string" && hops < 8; hops++) at = resolveLocal(doc, at.$ref)
  return at
}

const typeOf = (doc: JsonObject, schema: Json | undefined): string => {
  const s = deref(doc, schema)
  if (!isObject(s)) return "object"
  if (Array.isArray(s.type)) return s.type.filter((t) => t !== "null").join(" | ") + (s.type.includes("null") ? " (nullable)" : "")
  if (s.type === "array") return `array of ${typeOf(doc, s.items)}`
  if (Array.isArray(s.enum)) return `${String(s.type ?? "string")} (${s.enum.map(String).join(", ")})`
  return `${String(s.type ?? "object")}${typeof s.format === "string" ? ` (${s.format})` : ""}`
}

/** An example value for a schema: its own example, else one built from its properties. */
const exampleFor = (doc: JsonObject, schema: Json | undefined, depth = 0): Json => {
  const s = deref(doc, schema)
  if (!isObject(s) || depth > 4) return null
  if (s.example !== undefined) return s.example
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0]
  if (Array.isArray(s.enum)) return s.enum[0] ?? null
  const type = Array.isArray(s.type) ? s.type[0] : s.type
  if (type === "array") return [exampleFor(doc, s.items, depth + 1)]
  if (type === "integer") return 1
  if (type === "number") return 12.5
  if (type === "boolean") return true
  if (type === "string") return s.format === "date-time" ? "2025-03-14T09:30:00Z" : s.format === "date" ? "2025-03-14" : s.format === "uri" ? "https://example.com/hook" : "string"
  const out: JsonObject = {}
  for (const [key, value] of Object.entries(isObject(s.properties) ? s.properties : {})) out[key] = exampleFor(doc, value, depth + 1)
  return out
}

const code = (text: string) => `\`${text}\``

export const writeMarkdown = (rng: Rng, api: Api, doc: JsonObject, style: MarkdownStyle): string => {
  const fence = style.tildes ? "~~~" : "```"
  // examples printed with two or four spaces, short ones sometimes on one line
  const indent = rng.pick([2, 2, 4])
  const compact = rng.chance(0.35)
  const pretty = (value: Json) => {
    const flat = JSON.stringify(value)
    return compact && flat.length <= 100 ? flat : JSON.stringify(value, null, indent)
  }
  const block = (lang: string, body: string) => [`${fence}${lang}`, body, fence]
  const lines: string[] = []
  const push = (...more: string[]) => lines.push(...more)
  const servers = Array.isArray(doc.servers) && isObject(doc.servers[0]) ? String(doc.servers[0].url) : api.baseUrl

  push(`# ${api.title}`, "", `${api.brand} is ${api.domain.title}. This API lets clients work with ${api.resources.map((r) => r.plural).join(", ")}${api.events.length > 0 ? " and subscribe to their events" : ""}. Requests and responses are JSON unless a section says otherwise.`, "")
  if (rng.chance(0.5)) push(`Base URL: ${code(servers)}`, "")
  push(rng.pick(["## Authentication", "## Authorization", "## Auth"]), "")
  push(
    {
      bearer: `Send an access token in the ${code("Authorization")} header: ${code("Authorization: Bearer <token>")}.${api.features.has("auth-flow") ? " Get one from the token endpoint below." : ""}`,
      apiKey: `Send your API key in a request header; keys are created in the dashboard and can be revoked at any time.`,
      oauth2: `Use OAuth 2.0 client credentials: exchange your client id and secret at the token URL for an access token, then send it as ${code("Authorization: Bearer <token>")}.`,
      basic: `Use HTTP Basic authentication with your account id as the user name and an API secret as the password.`,
      openIdConnect: `Sign in with OpenID Connect; send the ID token as ${code("Authorization: Bearer <token>")}.`
    }[api.auth],
    ""
  )
  if (api.pagination !== "none" && rng.chance(0.7)) {
    push("## Pagination", "", {
      cursor: `List endpoints return at most ${code("limit")} items and a ${code("next_cursor")}; pass it as ${code("cursor")} to get the next page.`,
      page: `List endpoints take ${code("page")} and a page size, and return the total count with the items.`,
      offset: `List endpoints take ${code("offset")} and ${code("limit")} and return the total count.`
    }[api.pagination], "")
  }

  const paths = isObject(doc.paths) ? doc.paths : {}
  const endpoint = (path: string, method: string, op: JsonObject, level: string) => {
    const summary = String(op.summary ?? "")
    const head = `${method.toUpperCase()} ${path}`
    const title = { plain: head, code: code(head), "summary-first": `${summary} — ${code(head)}`, "path-first": `${head} · ${summary}` }[style.heading]
    push(`${level} ${title}`, "")
    // the model's description: the OpenAPI object may leave it out
    const described = api.operations.find((candidate) => candidate.path === path && candidate.method === method)?.description ?? op.description
    push(`${summary}. ${typeof described === "string" ? described : ""}`.replace(/\.\./g, ".").trim(), "")
    const params = (Array.isArray(op.parameters) ? op.parameters : []).map((p) => deref(doc, p)).filter(isObject)
    const body = isObject(op.requestBody) && isObject(op.requestBody.content) ? op.requestBody.content : undefined
    const media = body ? Object.keys(body)[0] : undefined
    const bodySchema = media && isObject(body![media]) ? deref(doc, (body![media] as JsonObject).schema) : undefined
    // a body that is a list (a bulk import) is described by its items' fields
    const itemSchema = isObject(bodySchema) && bodySchema.type === "array" ? deref(doc, bodySchema.items) : bodySchema
    const prefix = itemSchema !== bodySchema ? "[]." : ""
    const bodyFields = isObject(itemSchema) && isObject(itemSchema.properties) ? Object.entries(itemSchema.properties).map(([name, schema]) => [`${prefix}${name}`, schema] as const) : []
    const required = new Set(isObject(itemSchema) && Array.isArray(itemSchema.required) ? itemSchema.required.map((name) => `${prefix}${String(name)}`) : [])
    const rows = [
      ...params.map((p) => ({ name: String(p.name), where: String(p.in), type: typeOf(doc, p.schema), required: p.required === true, text: String(p.description ?? "") })),
      ...bodyFields.map(([name, schema]) => ({ name, where: "body", type: typeOf(doc, schema), required: required.has(name), text: isObject(schema) && typeof schema.description === "string" ? schema.description : "" }))
    ]
    if (rows.length > 0) {
      if (style.table === "full") push("| Name | In | Type | Required | Description |", "| --- | --- | --- | --- | --- |", ...rows.map((r) => `| ${code(r.name)} | ${r.where} | ${r.type} | ${r.required ? "yes" : "no"} | ${r.text} |`), "")
      else if (style.table === "short") push("| Parameter | Type | Description |", "|-----------|------|-------------|", ...rows.map((r) => `| ${code(r.name)} | ${r.type} | ${r.where}${r.required ? ", required" : ""}${r.text ? `. ${r.text}` : ""} |`), "")
      else push("| Field | Location | Type | Notes |", "| :-- | :-- | :-- | :-- |", ...rows.map((r) => `| ${r.name} | ${r.where} | ${r.type} | ${[r.required ? "Required" : "Optional", r.text].filter(Boolean).join(". ")} |`), "")
    }
    const example = bodySchema && media === "application/json" ? pretty(exampleFor(doc, bodySchema)) : undefined
    const concrete = path.replace(/\{[^}]+\}/g, (m) => (m.includes("job") ? "job_9" : m.toLowerCase().includes("webhook") ? "wh_3" : "123"))
    if (style.request === "curl") {
      push(...block("bash", [`curl -X ${method.toUpperCase()} "${servers}${concrete}" \\`, `  -H "Authorization: Bearer $TOKEN"${example ? ` \\\n  -H "Content-Type: application/json" \\\n  -d '${JSON.stringify(exampleFor(doc, bodySchema))}'` : ""}`].join("\n")), "")
    } else if (style.request === "http") {
      push(...block("http", [`${method.toUpperCase()} ${concrete} HTTP/1.1`, `Host: ${servers.replace(/^https:\/\//, "").split("/")[0]}`, ...(example ? ["Content-Type: application/json", "", example] : [])].join("\n")), "")
    } else if (example) push(...block("json", example), "")
    else if (media === "multipart/form-data") push(...block("bash", `curl -F "file=@scan.pdf" "${servers}${concrete}"`), "")
    else push(...block("http", `${method.toUpperCase()} ${concrete} HTTP/1.1`), "")

    const responses = isObject(op.responses) ? Object.entries(op.responses).map(([status, response]) => [status, deref(doc, response)] as const) : []
    const success = responses.find(([status]) => status.startsWith("2"))
    const successBody = success && isObject(success[1]) && isObject(success[1].content) ? Object.values(success[1].content)[0] : undefined
    const successExample = isObject(successBody) ? (successBody.example ?? exampleFor(doc, successBody.schema)) : undefined
    const describe = (_: string, response: Json | undefined) => (isObject(response) && typeof response.description === "string" ? response.description : "")
    const named = (status: string) => `${status} ${REASON[status] ?? ""}`.trim()
    const sub = level === "##" ? "###" : "####"
    if (style.responses === "table") {
      push(`${sub} Responses`, "", "| Status | Description |", "| --- | --- |", ...responses.map(([status, response]) => `| ${code(named(status))} | ${describe(status, response)} |`), "")
      if (successExample !== undefined && successExample !== null) push(...block("json", pretty(successExample)), "")
    } else if (style.responses === "list") {
      push(rng.pick(["Responses:", "**Responses**", "It answers with:"]), "", ...responses.map(([status, response]) => `- ${code(named(status))} — ${describe(status, response)}`), "")
      if (successExample !== undefined && successExample !== null) push(...block("json", pretty(successExample)), "")
    } else if (style.responses === "headings") {
      for (const [status, response] of responses) {
        push(`${sub} ${named(status)}`, "", `${describe(status, response)}.`, "")
        if (status === success?.[0] && successExample !== undefined && successExample !== null) push(...block("json", pretty(successExample)), "")
      }
    } else {
      const [first, ...others] = responses
      push(`Returns ${code(named(first[0]))}${describe(first[0], first[1]) ? ` (${describe(first[0], first[1]).toLowerCase()})` : ""}${others.length > 0 ? `; ${others.map(([status, response]) => `${code(named(status))} when ${describe(status, response).toLowerCase()}`).join(", ")}` : ""}.`, "")
      if (successExample !== undefined && successExample !== null) push(...block("json", pretty(successExample)), "")
    }
  }

  const operations = Object.entries(paths).flatMap(([path, item]) => (isObject(item) ? METHODS.filter((m) => isObject(item[m])).map((m) => ({ path, method: m as string, op: item[m] as JsonObject })) : []))
  if (style.grouped) {
    const groups = new Map<string, typeof operations>()
    for (const entry of operations) {
      const tag = Array.isArray(entry.op.tags) ? String(entry.op.tags[0]) : api.resources.find((r) => entry.path.includes(`/${r.segment}`))?.plural.replace(/^./, (c) => c.toUpperCase()) ?? "Other"
      groups.set(tag, [...(groups.get(tag) ?? []), entry])
    }
    for (const [tag, entries] of groups) {
      push(`## ${tag}`, "")
      for (const { path, method, op } of entries) endpoint(path, method, op, "###")
    }
  } else for (const { path, method, op } of operations) endpoint(path, method, op, "##")

  if (api.events.length > 0) {
    push("## Webhook events", "", `Register an endpoint to receive these events; each delivery is a POST with a JSON envelope and an ${code("X-Signature")} header.`, "", ...api.events.map((event) => `- ${code(event.name)} — a ${event.resource.singular} became ${event.state.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}`), "")
  }
  const errorStatuses = [...new Set(operations.flatMap(({ op }) => (isObject(op.responses) ? Object.keys(op.responses) : [])).filter((status) => /^[45]/.test(status)))].sort()
  push(rng.pick(["## Errors", "## Error handling", "## Error codes"]), "")
  push(api.errorStyle === "problem" ? `Errors are ${code("application/problem+json")} documents (RFC 7807):` : "Errors carry a JSON body:", "")
  push(...block("json", JSON.stringify(api.errorStyle === "problem" ? { type: "https://example.com/problems/not-found", title: "Not Found", status: 404, detail: `No ${api.resources[0].singular} with that id.` } : api.errorStyle === "envelope" ? { error: { code: "not_found", message: `No ${api.resources[0].singular} with that id.`, details: [] } } : { code: "not_found", message: `No ${api.resources[0].singular} with that id.` }, null, 2)), "")
  if (errorStatuses.length > 0) {
    const when = ERROR_WORDS[rng.int(0, ERROR_WORDS.length - 1)]
    const text = (status: string) => when[status] ?? REASON[status] ?? ""
    const form = rng.pick(["table", "table", "list", "code-table"] as const)
    if (form === "list") push(...errorStatuses.map((status) => `- ${code(`${status} ${REASON[status] ?? ""}`.trim())}: ${text(status)}`), "")
    else if (form === "code-table") push("| Code | Description |", "|------|-------------|", ...errorStatuses.map((status) => `| ${code(status)} | ${text(status)} |`), "")
    else push(rng.pick(["| Status | Meaning |", "| HTTP status | When |"]), "| --- | --- |", ...errorStatuses.map((status) => `| ${status} | ${text(status)} |`), "")
  }
  return lines.join("\n").replace(/\n{3,}/g, "\n\n").trim()
}
