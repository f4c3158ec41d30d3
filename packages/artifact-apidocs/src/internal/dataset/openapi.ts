/**
 * An API model written as an OpenAPI 3.0 or 3.1 document (YAML or JSON) in one of the styles
 * people write them: shared parameters and responses in components or inline, RFC 7807 problems
 * or a plain error object, flow maps for short objects, key orders, quoting.
 */
import { camelCase, pascalCase, snakeCase, type Rng } from "@lfai/artifact-kit"
import { Document, isMap, isScalar, isSeq } from "yaml"
import { isObject, type Json, type JsonObject } from "../openapi/document.ts"
import { exampleOf, schemaOf, type IdStyle } from "./values.ts"
import type { Api, Operation, Resource } from "./model.ts"

export type OpenApiVersion = "3.0.3" | "3.0.0" | "3.1.0"

export interface OpenApiStyle {
  readonly version: OpenApiVersion
  readonly json: boolean
  /** Error responses through `components/responses` rather than written out. */
  readonly sharedResponses: boolean
  /** Paging parameters through `components/parameters`. */
  readonly sharedParameters: boolean
  readonly tags: boolean
}

/** How a document words its error responses (one set per document). */
const STATUS_TEXTS: ReadonlyArray<Readonly<Record<string, string>>> = [
  { "400": "The request is invalid", "401": "Missing or invalid credentials", "403": "Not allowed for this client", "404": "No such resource", "409": "The resource is not in a state that allows this", "422": "The body failed validation", "429": "Too many requests; retry later" },
  { "400": "Bad request", "401": "Unauthorized", "403": "Forbidden", "404": "Not found", "409": "Conflict", "422": "Unprocessable entity", "429": "Rate limited" },
  { "400": "Malformed request or invalid parameters", "401": "Authentication required", "403": "The token lacks the needed scope", "404": "The resource does not exist", "409": "Conflicts with the current state", "422": "Validation failed; see the errors", "429": "Slow down and retry after the Retry-After delay" },
  { "400": "Invalid input", "401": "Not signed in", "403": "Access denied", "404": "Unknown id", "409": "State conflict", "422": "Invalid fields", "429": "Too many requests" }
]
const RESPONSE_NAMES: Readonly<Record<string, string>> = { "400": "BadRequest", "401": "Unauthorized", "403": "Forbidden", "404": "NotFound", "409": "Conflict", "422": "ValidationFailed", "429": "TooManyRequests" }

/** Turns an API model into an OpenAPI object; every schema it defines is referenced. */
export const openApiObject = (rng: Rng, api: Api, style: OpenApiStyle): JsonObject => {
  const v31 = style.version.startsWith("3.1")
  const name = (text: string) => (api.naming === "camel" ? camelCase(text) : snakeCase(text))
  const schemas: Record<string, Json> = {}
  const responses: Record<string, Json> = {}
  const parameters: Record<string, Json> = {}
  const ref = (kind: string, key: string) => ({ $ref: `#/components/${kind}/${key}` })
  const errorSchema = api.errorStyle === "problem" ? "Problem" : api.errorStyle === "envelope" ? "ErrorResponse" : "Error"
  const errorMedia = api.errorStyle === "problem" ? "application/problem+json" : "application/json"
  const STATUS_TEXT = rng.pick(STATUS_TEXTS)

  const ids = rng.pick<IdStyle>(["integer", "integer", "uuid", "prefixed"])
  const exampleKey = (schema: JsonObject, value: Json): JsonObject => (v31 ? { ...schema, examples: [value] } : { ...schema, example: value })

  const resourceSchema = (resource: Resource): string => {
    if (schemas[resource.schema] !== undefined) return resource.schema
    const properties: JsonObject = {}
    for (const field of resource.fields) properties[field.name] = schemaOf(rng, field, resource, v31, ids)
    const required = resource.fields.filter((f) => f.required).map((f) => f.name)
    const example: JsonObject = {}
    for (const field of resource.fields) example[field.name] = exampleOf(rng, field, resource, ids)
    schemas[resource.schema] = exampleKey({ type: "object", ...(rng.chance(0.5) ? { description: `A ${resource.singular}.` } : {}), required, properties }, example)
    return resource.schema
  }
  const inputSchema = (resource: Resource): string => {
    const key = rng.pick([`${resource.schema}Input`, `New${resource.schema}`, `${resource.schema}Create`])
    const existing = Object.keys(schemas).find((k) => k === `${resource.schema}Input` || k === `New${resource.schema}` || k === `${resource.schema}Create`)
    if (existing) return existing
    const writable = resource.fields.filter((f) => !f.readOnly)
    const properties: JsonObject = {}
    for (const field of writable) properties[field.name] = schemaOf(rng, field, resource, v31, ids)
    const required = writable.filter((f) => f.required).map((f) => f.name)
    schemas[key] = { type: "object", ...(required.length > 0 ? { required } : {}), properties }
    return key
  }
  const errorRef = () => {
    if (schemas[errorSchema] === undefined) {
      schemas[errorSchema] =
        api.errorStyle === "problem"
          ? { type: "object", description: "An RFC 7807 problem detail.", required: ["type", "title", "status"], properties: { type: { type: "string", format: "uri" }, title: { type: "string" }, status: { type: "integer" }, detail: { type: "string" }, instance: { type: "string" } } }
          : api.errorStyle === "envelope"
            ? { type: "object", required: ["error"], properties: { error: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" }, details: { type: "array", items: { type: "string" } } } } } }
            : rng.pick<JsonObject>([
                { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" } } },
                { type: "object", required: ["message"], properties: { message: { type: "string" }, code: { type: "string", description: "Stable, machine-readable" }, [name("request id")]: { type: "string" } } },
                { type: "object", required: ["status", "error"], properties: { status: { type: "integer" }, error: { type: "string" }, message: { type: "string" } } },
                { type: "object", properties: { code: { type: "integer", format: "int32" }, message: { type: "string" }, fields: { type: "array", items: { type: "string" } } } }
              ])
    }
    return ref("schemas", errorSchema)
  }
  const errorResponse = (code: string): Json => {
    const body = { description: STATUS_TEXT[code], content: { [errorMedia]: { schema: errorRef() } } }
    if (!style.sharedResponses) return body
    responses[RESPONSE_NAMES[code]] ??= body
    return ref("responses", RESPONSE_NAMES[code])
  }
  const json = (schema: Json, example?: Json): JsonObject => ({ content: { "application/json": example === undefined ? { schema } : { schema, example } } })

  const pagingOrder = rng.chance(0.5)
  const enumFirst = rng.chance(0.5)
  const paging = (schema: JsonObject): JsonObject => (pagingOrder ? schema : Object.fromEntries(Object.entries(schema).reverse()))
  const pageParameters = (): Json[] => {
    const defs: Array<[string, JsonObject]> =
      api.pagination === "cursor"
        ? [["limit", { name: "limit", in: "query", description: "Page size", schema: paging({ type: "integer", minimum: 1, maximum: 100, default: 20 }) }], ["cursor", { name: "cursor", in: "query", description: "Where the previous page ended", schema: { type: "string" } }]]
        : api.pagination === "page"
          ? [["page", { name: "page", in: "query", schema: paging({ type: "integer", minimum: 1, default: 1 }) }], ["perPage", { name: name("per page"), in: "query", schema: paging({ type: "integer", maximum: 100, default: 25 }) }]]
          : api.pagination === "offset"
            ? [["offset", { name: "offset", in: "query", schema: paging({ type: "integer", minimum: 0, default: 0 }) }], ["limit", { name: "limit", in: "query", schema: paging({ type: "integer", maximum: 200, default: 50 }) }]]
            : []
    if (!style.sharedParameters) return defs.map(([, value]) => value)
    return defs.map(([key, value]) => {
      parameters[pascalCase(key)] ??= value
      return ref("parameters", pascalCase(key))
    })
  }
  const pageOf = (resource: Resource): Json => {
    const item = ref("schemas", resourceSchema(resource))
    if (api.pagination === "none") return { type: "array", items: item }
    const key = `${resource.schema}${rng.pick(["Page", "List"])}`
    const existing = Object.keys(schemas).find((k) => k === `${resource.schema}Page` || k === `${resource.schema}List`)
    if (existing) return ref("schemas", existing)
    const meta: JsonObject =
      api.pagination === "cursor" ? { [name("next cursor")]: { type: v31 ? ["string", "null"] : "string", ...(v31 ? {} : { nullable: true }) } } : api.pagination === "page" ? { page: { type: "integer" }, total: { type: "integer" } } : { total: { type: "integer" }, offset: { type: "integer" }, limit: { type: "integer" } }
    const list = api.pagination === "page" ? rng.pick(["items", "results"]) : rng.pick(["data", "data", "items"])
    const items: JsonObject = { [list]: { type: "array", items: item } }
    schemas[key] = { type: "object", required: [list], properties: rng.chance(0.8) ? { ...items, ...meta } : { ...meta, ...items } }
    return ref("schemas", key)
  }
  // one way of writing a path parameter per document, and one definition per parameter
  const parameterOrder = rng.pick([["name", "in", "required", "schema"], ["name", "in", "description", "required", "schema"], ["in", "name", "required", "schema"], ["name", "in", "schema", "required"], ["name", "required", "in", "schema"], ["name", "in", "required", "description", "schema"]])
  const idFormat = rng.pick<JsonObject>([{}, {}, { format: "uuid" }, { pattern: "^[a-z]+_[A-Za-z0-9]+$" }])
  const pathParameter = new Map<string, Json>()
  const pathParameters = (path: string): Json[] =>
    [...path.matchAll(/\{([^}]+)\}/g)].map(([, param]) => {
      const known = pathParameter.get(param)
      if (known) return known
      const values: JsonObject = { name: param, in: "path", required: true, description: `The ${param.replace(/_?[iI]d$/, "").replace(/([a-z])([A-Z])/g, "$1 $2").replace(/_/g, " ").toLowerCase()} id`, schema: { type: "string", ...idFormat } }
      const written = Object.fromEntries(parameterOrder.map((key) => [key, values[key]]))
      pathParameter.set(param, written)
      return written
    })

  // how this document writes a request body: an optional description, then `required` and `content` in its order
  const bodyDescribed = rng.chance(0.4)
  const requiredFirst = rng.chance(0.6)
  const isBody = (value: Json | undefined): value is JsonObject => isObject(value)
  const requestBodyOrder = (op: Operation, body: JsonObject): JsonObject => {
    const { required, content } = body
    const description: JsonObject = bodyDescribed && op.resource ? { description: `The ${op.resource.singular}${op.kind === "update" ? " fields to change" : ""}` } : {}
    return requiredFirst ? { ...description, required: required ?? false, content: content ?? {} } : { ...description, content: content ?? {}, required: required ?? false }
  }
  const operationOrder = rng.pick([["operationId", "summary", "description", "tags"], ["summary", "operationId", "description", "tags"], ["tags", "summary", "description", "operationId"], ["summary", "description", "operationId", "tags"], ["tags", "operationId", "summary", "description"]])
  const describe = rng.chance(0.6)
  const operationObject = (op: Operation): JsonObject => {
    const resource = op.resource
    const params: Json[] = pathParameters(op.path)
    const out: Record<string, Json> = {}
    const result: Record<string, Json> = {}
    const secured = op.kind !== "token" && op.kind !== "refresh" && op.kind !== "health"
    let body: Json | undefined
    switch (op.kind) {
      case "list":
        params.push(...pageParameters())
        if (resource?.lifecycle) {
          const states = resource.lifecycle.states.map((s) => snakeCase(s))
          params.push({ name: "status", in: "query", description: `Only ${resource.plural} in this state`, schema: enumFirst ? { enum: states, type: "string" } : { type: "string", enum: states } })
        }
        if (api.features.has("search")) params.push({ name: "q", in: "query", description: "Free-text search", schema: { type: "string" } })
        result["200"] = { description: `A page of ${resource!.plural}`, ...json(pageOf(resource!)) }
        const failure = rng.pick(["400", "401"])
        result[failure] = errorResponse(failure)
        if (resource!.parent) result["404"] = errorResponse("404")
        break
      case "create":
        body = { required: true, ...json(ref("schemas", inputSchema(resource!))) }
        result["201"] = { description: `The ${resource!.singular} was created`, ...(rng.chance(0.4) ? { headers: { Location: { description: "URL of the new resource", schema: { type: "string", format: "uri" } } } } : {}), ...json(ref("schemas", resourceSchema(resource!))) }
        result["400"] = errorResponse("400")
        if (rng.chance(0.4)) result["422"] = errorResponse("422")
        break
      case "get":
        result["200"] = { description: `The ${resource!.singular}`, ...json(ref("schemas", resourceSchema(resource!))) }
        result["404"] = errorResponse("404")
        break
      case "update":
      case "replace":
        body = { required: true, ...json(ref("schemas", inputSchema(resource!))) }
        result["200"] = { description: `The updated ${resource!.singular}`, ...json(ref("schemas", resourceSchema(resource!))) }
        result["400"] = errorResponse("400")
        result["404"] = errorResponse("404")
        break
      case "delete":
        result["204"] = { description: `The ${resource!.singular} was deleted` }
        result["404"] = errorResponse("404")
        break
      case "action":
        if (rng.chance(0.5)) body = { required: false, ...json({ type: "object", properties: { [name("reason")]: { type: "string", maxLength: 500 } } }) }
        result["200"] = { description: `The ${resource!.singular} after the change`, ...json(ref("schemas", resourceSchema(resource!))) }
        result["404"] = errorResponse("404")
        result["409"] = errorResponse("409")
        break
      case "upload":
        body = { required: true, content: { "multipart/form-data": { schema: { type: "object", required: ["file"], properties: { file: { type: "string", format: "binary" }, [name("description")]: { type: "string" } } } } } }
        schemas.Attachment ??= { type: "object", properties: { id: { type: "string" }, [name("file name")]: { type: "string" }, [name("size bytes")]: { type: "integer" }, [name("content type")]: { type: "string" } } }
        result["201"] = { description: "The stored attachment", ...json(ref("schemas", "Attachment"), { id: "att_31", [name("file name")]: "scan.pdf", [name("size bytes")]: 48213, [name("content type")]: "application/pdf" }) }
        result["400"] = errorResponse("400")
        result["413"] = { description: "The file is larger than 10 MB" }
        break
      case "download":
        result["200"] = { description: "The file", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } }
        result["404"] = errorResponse("404")
        break
      case "bulk":
        body = { required: true, ...json({ type: "array", maxItems: 1000, items: ref("schemas", inputSchema(resource!)) }) }
        schemas.Job ??= { type: "object", required: ["id", "status"], properties: { id: { type: "string" }, status: { type: "string", enum: ["queued", "running", "succeeded", "failed"] }, [name("processed count")]: { type: "integer" }, errors: { type: "array", items: { type: "string" } } } }
        result["202"] = { description: "The import was accepted; follow the job", headers: { Location: { description: "The job to poll", schema: { type: "string" } } }, ...json(ref("schemas", "Job")) }
        result["400"] = errorResponse("400")
        break
      case "job":
        schemas.Job ??= { type: "object", required: ["id", "status"], properties: { id: { type: "string" }, status: { type: "string", enum: ["queued", "running", "succeeded", "failed"] } } }
        result["200"] = { description: "The job", ...json(ref("schemas", "Job"), { id: "job_9", status: "running" }) }
        result["404"] = errorResponse("404")
        break
      case "search":
        schemas.SearchQuery ??= { type: "object", properties: { query: { type: "string" }, filters: { type: "object", additionalProperties: { type: "string" } }, [name("sort by")]: { type: "string" } } }
        body = { required: true, ...json(ref("schemas", "SearchQuery")) }
        result["200"] = { description: "The matching results", ...json(pageOf(resource!)) }
        result["400"] = errorResponse("400")
        break
      case "token":
        schemas.TokenRequest ??= { type: "object", required: [name("grant type")], properties: { [name("grant type")]: { type: "string", enum: ["password", "client_credentials"] }, username: { type: "string" }, password: { type: "string", format: "password" }, [name("client id")]: { type: "string" }, [name("client secret")]: { type: "string" } } }
        schemas.Token ??= { type: "object", required: [name("access token"), name("expires in")], properties: { [name("access token")]: { type: "string" }, [name("refresh token")]: { type: "string" }, [name("expires in")]: { type: "integer", description: "Seconds" }, [name("token type")]: { type: "string", enum: ["Bearer"] } } }
        body = { required: true, ...json(ref("schemas", "TokenRequest")) }
        result["200"] = { description: "A new access token", ...json(ref("schemas", "Token"), { [name("access token")]: "eyJhbGciOi…", [name("expires in")]: 3600, [name("token type")]: "Bearer" }) }
        result["401"] = errorResponse("401")
        break
      case "refresh":
        body = { required: true, ...json({ type: "object", required: [name("refresh token")], properties: { [name("refresh token")]: { type: "string" } } }) }
        schemas.Token ??= { type: "object", properties: { [name("access token")]: { type: "string" }, [name("expires in")]: { type: "integer" } } }
        result["200"] = { description: "A new access token", ...json(ref("schemas", "Token")) }
        result["401"] = errorResponse("401")
        break
      case "subscribe":
        schemas.WebhookEndpoint ??= { type: "object", required: ["id", "url", "events"], properties: { id: { type: "string" }, url: { type: "string", format: "uri" }, events: { type: "array", items: { type: "string", enum: api.events.map((e) => e.name).length > 0 ? api.events.map((e) => e.name) : ["*"] } }, secret: { type: "string", description: "Signs each delivery (HMAC-SHA256)" } } }
        body = { required: true, ...json(ref("schemas", "WebhookEndpoint")) }
        result["201"] = { description: "The endpoint was registered", ...json(ref("schemas", "WebhookEndpoint")) }
        result["400"] = errorResponse("400")
        if (!v31 && api.events.length > 0) {
          out.callbacks = { event: { "{$request.body#/url}": { post: { requestBody: json(ref("schemas", "Event")), responses: { "200": { description: "The delivery was received" } } } } } }
        }
        break
      case "list-subscriptions":
        schemas.WebhookEndpoint ??= { type: "object", properties: { id: { type: "string" }, url: { type: "string", format: "uri" } } }
        result["200"] = { description: "The registered endpoints", ...json({ type: "array", items: ref("schemas", "WebhookEndpoint") }) }
        result["401"] = errorResponse("401")
        break
      case "unsubscribe":
        result["204"] = { description: "The endpoint was removed" }
        result["404"] = errorResponse("404")
        break
      case "health":
        result["200"] = { description: "The service is up", ...json({ type: "object", properties: { status: { type: "string", enum: ["ok"] } } }, { status: "ok" }) }
        result["503"] = { description: "The service is down" }
        break
    }
    if (secured && rng.chance(0.5) && result["401"] === undefined) result["401"] = errorResponse("401")
    const operation: Record<string, Json> = {}
    for (const key of operationOrder) {
      if (key === "operationId") operation.operationId = op.operationId
      else if (key === "summary") operation.summary = op.summary
      else if (key === "description" && describe) operation.description = op.description
      else if (key === "tags" && style.tags && op.tag) operation.tags = [op.tag]
    }
    if (params.length > 0) operation.parameters = params
    if (isBody(body)) operation.requestBody = requestBodyOrder(op, body)
    operation.responses = result
    if (op.kind === "token" || op.kind === "refresh" || op.kind === "health") operation.security = []
    return { ...operation, ...out }
  }

  const paths: Record<string, Record<string, Json>> = {}
  for (const op of api.operations) (paths[op.path] ??= {})[op.method] = operationObject(op)

  // every webhook event carries the same envelope: the event's name and the resource's new state
  if (api.events.length > 0) {
    const resource = api.events[0].resource
    schemas.Event ??= { type: "object", required: ["id", "type", name("created at"), "data"], properties: { id: { type: "string" }, type: { type: "string", enum: api.events.map((e) => e.name) }, [name("created at")]: { type: "string", format: "date-time" }, data: ref("schemas", resourceSchema(resource)) } }
  }
  const webhooks: Record<string, Json> = {}
  if (v31) for (const event of api.events) webhooks[event.name] = { post: { summary: `Sent when a ${event.resource.singular} becomes ${event.state.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}`, operationId: name(`on ${event.name.replace(/\./g, " ")}`), requestBody: { required: true, ...json(ref("schemas", "Event")) }, responses: { "200": { description: "Acknowledge the delivery" } } } }

  const securitySchemes: Record<string, Json> = {}
  const schemeName = rng.pick({ bearer: ["bearerAuth", "BearerAuth", "jwt"], apiKey: ["apiKey", "ApiKeyAuth"], oauth2: ["oauth2", "OAuth2"], basic: ["basicAuth"], openIdConnect: ["oidc", "openId"] }[api.auth])
  securitySchemes[schemeName] =
    api.auth === "bearer" ? { type: "http", scheme: "bearer", ...(rng.chance(0.6) ? { bearerFormat: "JWT" } : {}) }
    : api.auth === "apiKey" ? { type: "apiKey", in: "header", name: rng.pick(["X-API-Key", "Api-Key", "X-Api-Token"]) }
    : api.auth === "basic" ? { type: "http", scheme: "basic" }
    : api.auth === "openIdConnect" ? { type: "openIdConnect", openIdConnectUrl: `${api.baseUrl.replace(/\/(?:api\/)?v\d+$/, "")}/.well-known/openid-configuration` }
    : { type: "oauth2", flows: { clientCredentials: { tokenUrl: `${api.baseUrl.replace(/\/(?:api\/)?v\d+$/, "")}/oauth/token`, scopes: Object.fromEntries(api.resources.slice(0, 2).flatMap((r) => [[`${r.segment}:read`, `Read ${r.plural}`], [`${r.segment}:write`, `Change ${r.plural}`]])) } } }
  const scopes = api.auth === "oauth2" ? [`${api.resources[0].segment}:read`] : []

  const info: Record<string, Json> = { title: api.title, version: api.version }
  if (rng.chance(0.7)) info.description = `${api.brand} is ${api.domain.title}. This API lets clients work with ${api.resources.map((r) => r.plural).join(", ")}.`
  if (rng.chance(0.25)) info.contact = { name: `${api.brand} API team`, email: `api@${api.baseUrl.replace(/^https:\/\/[^.]+\./, "").split("/")[0]}` }
  const servers = rng.chance(0.3) ? [{ url: api.baseUrl, description: "Production" }, { url: api.baseUrl.replace("https://", "https://sandbox."), description: "Sandbox" }] : [{ url: api.baseUrl }]
  const components: Record<string, Json> = {}
  for (const [key, value] of rng.shuffle([["schemas", schemas], ["parameters", parameters], ["responses", responses], ["securitySchemes", securitySchemes]] as const)) if (Object.keys(value).length > 0) components[key] = value
  const doc: Record<string, Json> = { openapi: style.version, info, servers }
  const tags = style.tags ? [...new Set(api.operations.map((op) => op.tag).filter((tag): tag is string => tag !== undefined))] : []
  if (tags.length > 0 && rng.chance(0.6)) doc.tags = tags.map((tag) => ({ name: tag }))
  const securityFirst = rng.chance(style.json ? 0.7 : 0.4)
  if (securityFirst) doc.security = [{ [schemeName]: scopes }]
  doc.paths = paths
  if (Object.keys(webhooks).length > 0) doc.webhooks = webhooks
  doc.components = components
  if (!securityFirst) doc.security = [{ [schemeName]: scopes }]
  return doc as JsonObject
}

export interface TextStyle {
  readonly indent: number
  readonly indentSeq: boolean
  readonly singleQuote: boolean
  /** `{ $ref: … }` and `{ type: string }` on one line. */
  readonly flowMaps: boolean
  /** `[a, b]` for short lists of scalars. */
  readonly flowSeqs: boolean
}

/** The document as text: JSON (indent 2 or 4) or YAML in the drawn style, the same all through. */
export const writeOpenApi = (doc: JsonObject, json: boolean, text: TextStyle): string => {
  if (json) return JSON.stringify(doc, null, text.indent)
  // a parameter shared by several operations is written out each time, not as a YAML alias
  const yaml = new Document(doc, { aliasDuplicateObjects: false })
  // short maps on one line, inside out: `schema: { type: array, items: { $ref: … } }`
  const flowify = (node: unknown): boolean => {
    if (isMap(node)) {
      const flat = node.items.map((pair) => flowify(pair.value)).every(Boolean)
      const scalars = node.items.every((pair) => isScalar(pair.value))
      const small = node.items.length > 0 && node.items.length <= (scalars ? 3 : 2) && node.items.every((pair) => isScalar(pair.key))
      if (text.flowMaps && small && flat && node.items.length + node.items.filter((pair) => !isScalar(pair.value)).length <= 3) node.flow = true
      return node.flow === true
    }
    if (isSeq(node)) {
      const flat = node.items.map(flowify).every(Boolean)
      if (node.items.length === 0 || (text.flowSeqs && flat && node.items.length <= 4 && node.items.every((item) => isScalar(item)))) node.flow = true
      return node.flow === true
    }
    return true
  }
  flowify(yaml.contents)
  return yaml.toString({ indent: text.indent, indentSeq: text.indentSeq, singleQuote: text.singleQuote, lineWidth: 0 }).trimEnd()
}
