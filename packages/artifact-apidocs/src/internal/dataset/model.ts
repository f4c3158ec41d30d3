/**
 * An HTTP API drawn from a domain, before it is written down: resources (from the domain's
 * entities, nested along its relations), the operations on them, and the features the API has —
 * pagination, an auth flow, webhooks, file upload, bulk jobs, state-changing actions. Both
 * renderers (OpenAPI and Markdown) write the same model, and the request names what it holds.
 */
import { article, brandOf, camelCase, connectedSlice, pascalCase, pluralPhrase, sentenceCase, snakeCase, words, type Domain, type DomainAttribute, type DomainEntity, type Lifecycle, type Rng } from "@lfai/artifact-kit"

export type Naming = "camel" | "snake"
export type Pagination = "cursor" | "page" | "offset" | "none"
export type Auth = "bearer" | "apiKey" | "oauth2" | "basic" | "openIdConnect"
export type Feature = "crud" | "nested" | "actions" | "auth-flow" | "webhooks" | "upload" | "bulk" | "search" | "read-only"

export interface Field {
  readonly name: string
  readonly attribute: DomainAttribute
  readonly required: boolean
  readonly readOnly: boolean
}

export interface Resource {
  readonly entity: DomainEntity
  /** PascalCase schema name: `OrderLine`. */
  readonly schema: string
  /** Path segment: `order-lines`. */
  readonly segment: string
  /** Path parameter: `orderLineId` or `order_line_id`. */
  readonly idParam: string
  readonly fields: ReadonlyArray<Field>
  readonly lifecycle?: Lifecycle
  readonly parent?: Resource
  /** Human words: `order line` / `order lines`. */
  readonly singular: string
  readonly plural: string
}

export type OpKind = "list" | "create" | "get" | "update" | "replace" | "delete" | "action" | "token" | "refresh" | "upload" | "download" | "bulk" | "job" | "search" | "subscribe" | "unsubscribe" | "list-subscriptions" | "health"

export interface Operation {
  readonly kind: OpKind
  readonly method: "get" | "post" | "put" | "patch" | "delete"
  readonly path: string
  readonly operationId: string
  readonly summary: string
  readonly description: string
  readonly resource?: Resource
  /** For an action: the lifecycle event (`cancel`). */
  readonly event?: string
  readonly tag?: string
}

export interface Api {
  readonly domain: Domain
  readonly brand: string
  readonly title: string
  readonly version: string
  readonly baseUrl: string
  readonly naming: Naming
  readonly pagination: Pagination
  readonly auth: Auth
  readonly features: ReadonlySet<Feature>
  readonly resources: ReadonlyArray<Resource>
  readonly operations: ReadonlyArray<Operation>
  /** Events the API sends to subscribers (webhooks): `order.paid`. */
  readonly events: ReadonlyArray<{ readonly name: string; readonly resource: Resource; readonly state: string }>
  readonly errorStyle: "problem" | "error" | "envelope"
}

const HOSTS = ["api", "api", "api", "platform", "public-api", "rest"]

export interface ModelOptions {
  readonly rng: Rng
  readonly domain: Domain
  readonly features: ReadonlySet<Feature>
}

const fieldName = (naming: Naming, name: string) => (naming === "camel" ? camelCase(name) : snakeCase(name))

const resourceOf = (rng: Rng, domain: Domain, entity: DomainEntity, naming: Naming, parent?: Resource): Resource => {
  const attributes = entity.attributes
  const keep = rng.sample(attributes.slice(1), Math.max(2, rng.int(2, attributes.length - 1)))
  const chosen = attributes.filter((a, i) => i === 0 || keep.includes(a))
  const fields = chosen.map((attribute, i) => ({
    name: fieldName(naming, attribute.name),
    attribute,
    required: i === 0 || attribute.key !== undefined || rng.chance(0.35),
    readOnly: i === 0 || /_at$|^created|^updated/.test(attribute.name)
  }))
  const lifecycle = domain.lifecycles.find((l) => l.entity === entity.name)
  const segment = pluralPhrase(entity.name).replace(/ /g, rng.chance(0.85) ? "-" : "_")
  const singular = words(entity.name).map((w) => w.toLowerCase()).join(" ")
  return { entity, schema: pascalCase(entity.name), segment, idParam: naming === "camel" ? `${camelCase(entity.name)}Id` : `${snakeCase(entity.name)}_id`, fields, ...(lifecycle ? { lifecycle } : {}), ...(parent ? { parent } : {}), singular, plural: pluralPhrase(entity.name) }
}

export const pathOf = (resource: Resource, item: boolean): string => {
  const base = resource.parent ? `${pathOf(resource.parent, true)}/${resource.segment}` : `/${resource.segment}`
  return item ? `${base}/{${resource.idParam}}` : base
}

const opId = (naming: Naming, summary: string) => (naming === "camel" ? camelCase(summary) : snakeCase(summary))


/** Draws an API for a domain with the given features. */
export const drawApi = ({ rng, domain, features }: ModelOptions): Api => {
  const naming: Naming = rng.chance(0.65) ? "camel" : "snake"
  const size = features.has("nested") ? rng.int(2, 3) : rng.int(1, 3)
  const { entities, relations } = connectedSlice(rng, domain, size)
  const roots = entities.filter((e) => !relations.some((r) => r.to === e.name && features.has("nested") && (r.kind === "1n" || r.kind === "0n")))
  const resources: Resource[] = []
  const byName = new Map<string, Resource>()
  // parents first: a nested resource lives under the resource that owns it
  const queue = [...(roots.length > 0 ? roots : entities.slice(0, 1))]
  for (const entity of queue) {
    if (byName.has(entity.name)) continue
    const resource = resourceOf(rng, domain, entity, naming)
    resources.push(resource)
    byName.set(entity.name, resource)
  }
  for (const relation of relations) {
    if (byName.has(relation.to)) continue
    const parent = features.has("nested") && (relation.kind === "1n" || relation.kind === "0n") ? byName.get(relation.from) : undefined
    const entity = entities.find((e) => e.name === relation.to)!
    const resource = resourceOf(rng, domain, entity, naming, parent)
    resources.push(resource)
    byName.set(entity.name, resource)
  }

  const operations: Operation[] = []
  const add = (op: Omit<Operation, "operationId"> & { readonly operationId?: string }) => {
    if (operations.some((o) => o.method === op.method && o.path === op.path)) return
    let operationId = op.operationId ?? opId(naming, op.summary.replace(/\b(?:a|an|the|of)\b/g, " "))
    while (operations.some((o) => o.operationId === operationId)) operationId += naming === "camel" ? "Again" : "_again"
    operations.push({ ...op, operationId })
  }
  for (const resource of resources) {
    // a resource with nothing a client may write (a cart of timestamps) is only read and deleted
    const readOnly = features.has("read-only") || !resource.fields.some((field) => !field.readOnly)
    const tag = sentenceCase(resource.plural)
    const list = pathOf(resource, false)
    const item = pathOf(resource, true)
    const owner = resource.parent ? ` of ${article(resource.parent.singular)} ${resource.parent.singular}` : ""
    const a = `${article(resource.singular)} ${resource.singular}`
    add({ kind: "list", method: "get", path: list, summary: `List ${resource.plural}${owner}`, description: `Returns the ${resource.plural}${owner}${features.has("search") ? ", filtered by the query parameters" : ""}.`, resource, tag })
    if (!readOnly) add({ kind: "create", method: "post", path: list, summary: `Create ${a}`, description: `Creates ${a}${owner}.`, resource, tag })
    add({ kind: "get", method: "get", path: item, summary: `Get ${a}`, description: `Returns one ${resource.singular} by its id.`, resource, tag })
    if (!readOnly && (features.has("crud") || rng.chance(0.6))) {
      const put = rng.chance(0.25)
      add({ kind: put ? "replace" : "update", method: put ? "put" : "patch", path: item, summary: `${put ? "Replace" : "Update"} ${a}`, description: put ? `Replaces ${a} with the representation sent.` : `Updates the fields sent; the others keep their values.`, resource, tag })
    }
    if (!readOnly && (features.has("crud") || rng.chance(0.5))) add({ kind: "delete", method: "delete", path: item, summary: `Delete ${a}`, description: `Deletes ${a}.`, resource, tag })
    if (features.has("actions") && resource.lifecycle) {
      const events = [...new Set(resource.lifecycle.transitions.map((t) => t.event))].slice(0, rng.int(1, 2))
      for (const event of events) {
        const verb = words(event).map((w) => w.toLowerCase())
        const segment = verb.join("-")
        const target = resource.lifecycle.transitions.find((t) => t.event === event)!.to
        add({ kind: "action", method: "post", path: `${item}/${segment}`, summary: `${sentenceCase(verb.join(" "))} ${a}`, description: `Moves the ${resource.singular} to ${sentenceCase(target).toLowerCase()}.`, resource, event, tag })
      }
    }
    if (features.has("upload") && resource === resources[0]) {
      add({ kind: "upload", method: "post", path: `${item}/attachments`, summary: `Upload an attachment to ${a}`, description: `Uploads a file (PDF or image, at most 10 MB) and attaches it to the ${resource.singular}.`, resource, tag })
      add({ kind: "download", method: "get", path: `${item}/attachments/{${naming === "camel" ? "attachmentId" : "attachment_id"}}`, summary: "Download an attachment", description: "Returns the file as it was uploaded.", resource, tag })
    }
    if (features.has("bulk") && resource === resources[0] && !readOnly) {
      add({ kind: "bulk", method: "post", path: `${list}/bulk`, summary: `Import ${resource.plural} in bulk`, description: `Starts an asynchronous import of many ${resource.plural}; poll the job for its result.`, resource, tag })
      add({ kind: "job", method: "get", path: `/jobs/{${naming === "camel" ? "jobId" : "job_id"}}`, summary: "Get an import job", description: "Returns the state of an asynchronous job and, once done, its result.", resource, tag: "Jobs" })
    }
    if (features.has("search") && resource === resources[0]) {
      add({ kind: "search", method: "post", path: `${list}/search`, summary: `Search ${resource.plural}`, description: `Searches ${resource.plural} with a structured query in the body.`, resource, tag })
    }
  }
  if (features.has("auth-flow")) {
    add({ kind: "token", method: "post", path: rng.pick(["/auth/token", "/oauth/token", "/sessions"]), summary: "Get an access token", description: "Exchanges credentials for a short-lived access token and a refresh token.", tag: "Auth" })
    add({ kind: "refresh", method: "post", path: rng.pick(["/auth/refresh", "/oauth/refresh", "/sessions/refresh"]), summary: "Refresh an access token", description: "Exchanges a refresh token for a new access token.", tag: "Auth" })
  }
  if (features.has("webhooks")) {
    const segment = rng.pick(["webhooks", "webhook-endpoints", "subscriptions"])
    const id = naming === "camel" ? "webhookId" : "webhook_id"
    add({ kind: "subscribe", method: "post", path: `/${segment}`, summary: "Register a webhook endpoint", description: "Registers a URL that receives the events it subscribes to.", tag: "Webhooks" })
    add({ kind: "list-subscriptions", method: "get", path: `/${segment}`, summary: "List webhook endpoints", description: "Returns the registered webhook endpoints.", tag: "Webhooks" })
    add({ kind: "unsubscribe", method: "delete", path: `/${segment}/{${id}}`, summary: "Delete a webhook endpoint", description: "Stops sending events to the endpoint.", tag: "Webhooks" })
  }
  if (rng.chance(0.15)) add({ kind: "health", method: "get", path: rng.pick(["/health", "/status", "/ping"]), summary: "Check the service", description: "Answers when the service is up.", tag: "System" })

  const events = features.has("webhooks")
    ? resources.filter((r) => r.lifecycle).flatMap((r) => r.lifecycle!.states.slice(1, 3).map((state) => ({ name: `${snakeCase(r.entity.name).replace(/_/g, ".")}.${snakeCase(state)}`, resource: r, state })))
    : []
  const brand = brandOf(rng, domain.id)
  const version = rng.pick(["1.0.0", "1.2.0", "2.0.0", "0.9.1", "1.0.3", "3.1.0-beta"])
  const host = `${rng.pick(HOSTS)}.${brand.toLowerCase().replace(/\s+/g, "")}.example.com`
  return {
    domain,
    brand,
    title: rng.pick([`${brand} API`, `${brand} ${sentenceCase(resources[0].plural)} API`, `${brand} REST API`, `${brand} Platform API`]),
    version,
    baseUrl: `https://${host}${rng.pick(["/v1", "/v2", "", "/api/v1"])}`,
    naming,
    pagination: rng.pick(["cursor", "page", "offset", "none", "cursor"] as const),
    auth: features.has("auth-flow") ? "bearer" : rng.weighted<Auth>([["bearer", 5], ["apiKey", 3], ["oauth2", 2], ["basic", 1], ["openIdConnect", 1]]),
    features,
    resources,
    operations,
    events,
    errorStyle: rng.pick(["problem", "error", "envelope"] as const)
  }
}
