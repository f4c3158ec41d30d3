/**
 * Requests for an API's documentation, written the way people ask: the format (and for OpenAPI the
 * version and YAML or JSON), the resources or endpoints, and only features the answer has.
 */
import { listing, type Rng } from "@lfai/artifact-kit"
import { pathOf, type Api } from "./model.ts"
import type { OpenApiVersion } from "./openapi.ts"


/**
 * Phrases for the features the API has, each true of the answer. They go in a sentence of their
 * own ("It uses …") and hold no part nouns (endpoint, resource …), so a reader of the request takes
 * them for wishes, not for names the document must hold.
 */
const featurePhrases = (rng: Rng, api: Api): string[] => {
  const out: string[] = []
  const first = api.resources[0]
  if (api.pagination !== "none" && rng.chance(0.6)) out.push({ cursor: "cursor-based pagination", page: "page-number pagination", offset: "offset/limit pagination" }[api.pagination])
  if (rng.chance(0.6)) out.push({ bearer: "bearer token auth", apiKey: "an API key in a header", oauth2: "OAuth2 client credentials", basic: "HTTP basic auth", openIdConnect: "OpenID Connect" }[api.auth])
  const actions = api.operations.filter((op) => op.kind === "action")
  if (actions.length > 0) out.push(`state changes on ${actions[0].resource!.plural} (${listing([...new Set(actions.map((op) => op.event!.replace(/_/g, " ")))])})`)
  const has = (kind: string) => api.operations.some((op) => op.kind === kind)
  if (has("token")) out.push(rng.pick(["token-based sign-in and token refresh", "short-lived access tokens and refresh tokens"]))
  if (has("subscribe")) out.push(api.events.length > 0 && rng.chance(0.5) ? `webhooks for ${listing(api.events.map((e) => e.name))}` : "webhook subscriptions")
  if (has("upload")) out.push(`file upload for attachments on ${first.plural}`)
  if (has("bulk")) out.push(`bulk import of ${first.plural} as an async job`)
  if (has("search")) out.push(`search over ${first.plural}`)
  if (api.features.has("read-only")) out.push("read-only access")
  if (api.errorStyle === "problem" && rng.chance(0.4)) out.push("RFC 7807 problem responses for errors")
  return out
}

export interface Request {
  readonly prompt: string
  /** The resource names the prompt lists (for the dataset's own checks). */
  readonly names: ReadonlyArray<string>
}

export const requestFor = (rng: Rng, api: Api, written: "yaml" | "json" | "markdown", version: OpenApiVersion | undefined): Request => {
  const resources = api.resources.map((r) => r.plural)
  const endpoints = api.operations.filter((op) => op.resource && ["list", "get", "create"].includes(op.kind)).slice(0, 4).map((op) => `${op.method.toUpperCase()} ${op.path}`)
  const features = featurePhrases(rng, api)
  const uses = features.length > 0 ? ` ${rng.pick(["It uses", "The API has", "It has"])} ${listing(features)}.` : ""
  const nested = api.resources.find((r) => r.parent)
  const shape = nested ? ` (${nested.plural} nested under ${nested.parent!.plural}: ${pathOf(nested, false)})` : ""
  if (written === "markdown") {
    return {
      names: resources,
      prompt: rng.pick([
        `Write Markdown API docs for the ${api.brand} API: ${listing(resources)}. ${api.brand} is ${api.domain.title}.${uses}`,
        `Document these endpoints of ${api.brand} in Markdown, README style: ${endpoints.join(", ")}. Give each one a parameters table, examples and its status codes.${uses}`,
        `I need a Markdown reference for our ${listing(resources)} endpoints${shape}. ${api.brand} is ${api.domain.title}.${uses}`,
        `Markdown docs please — one section per endpoint — for ${api.title}: ${listing(resources)}.`,
        `Create an API reference page in Markdown for ${api.domain.title}. Resources: ${resources.join(", ")}.${uses}`
      ])
    }
  }
  const v = version === undefined ? "" : version.startsWith("3.1") ? "3.1" : "3.0"
  const format = written === "json" ? rng.pick(["in JSON", "as JSON", "(JSON format)"]) : rng.pick(["in YAML", "", "(YAML)", ""])
  const spec = `OpenAPI ${v}`.trim()
  return {
    names: resources,
    prompt: rng.pick([
      `Write an ${spec} spec ${format} for the ${api.brand} API. ${api.brand} is ${api.domain.title}. Resources: ${listing(resources)}.${uses}`,
      `I need an ${spec} document ${format} for the ${listing(resources)} endpoints of ${api.brand}${shape}.${uses}`,
      `Generate ${spec} ${format} describing ${endpoints.join(", ")}${endpoints.length < api.operations.length ? " and the rest of the operations on those resources" : ""}.${uses}`,
      `Design a REST API for ${api.domain.title} covering ${listing(resources)}. Give me the ${spec} definition ${format}.${uses}`,
      `${spec} spec for ${api.title} ${format}: ${resources.join(", ")}.`
    ]).replace(/\s+/g, " ").replace(/ ([.,:])/g, "$1").trim()
  }
}
