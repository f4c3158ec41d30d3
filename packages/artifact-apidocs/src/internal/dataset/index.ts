/**
 * The API docs dataset: an API drawn per example from a domain (CRUD resources, nested resources,
 * state-changing actions, an auth flow, webhooks, file upload, bulk jobs, search, read-only
 * reporting; cursor, page or offset pagination; five auth schemes; three error styles), written as
 * OpenAPI 3.0/3.1 in YAML or JSON or as Markdown reference docs, with a request that names the
 * format, the resources and the features the answer has.
 */
import { DOMAIN_IDS, domain, uniqueExamples, type Rng } from "@lfai/artifact-kit"
import type { DatasetExample, DatasetGenerator } from "@lfai/core"
import { writeMarkdown, type MarkdownStyle } from "./markdown.ts"
import { drawApi, type Feature } from "./model.ts"
import { openApiObject, writeOpenApi, type OpenApiVersion } from "./openapi.ts"
import { requestFor } from "./prompts.ts"

const FEATURES: ReadonlyArray<readonly [Feature, number]> = [
  ["crud", 20],
  ["nested", 15],
  ["actions", 12],
  ["auth-flow", 10],
  ["webhooks", 10],
  ["upload", 8],
  ["bulk", 6],
  ["search", 6],
  ["read-only", 5]
]

type Written = "yaml" | "json" | "markdown"

const make = (rng: Rng, domainId: string): DatasetExample => {
  const d = domain(domainId)
  const primary = rng.weighted(FEATURES)
  const features = new Set<Feature>([primary])
  if (rng.chance(0.4)) {
    const second = rng.weighted(FEATURES)
    if (!(second === "read-only" && primary !== "read-only") && !(primary === "read-only" && second !== "nested")) features.add(second)
  }
  const api = drawApi({ rng, domain: d, features })
  const written = rng.weighted<Written>([["markdown", 45], ["yaml", 40], ["json", 15]])
  const version = rng.weighted<OpenApiVersion>([["3.1.0", 55], ["3.0.3", 35], ["3.0.0", 10]])
  const doc = openApiObject(rng, api, { version: written === "markdown" ? "3.1.0" : version, json: written === "json", sharedResponses: rng.chance(0.35), sharedParameters: rng.chance(0.3), tags: rng.chance(0.6) })
  let output: string
  if (written === "markdown") {
    const style: MarkdownStyle = {
      grouped: rng.chance(0.4),
      heading: rng.pick(["plain", "plain", "code", "summary-first", "path-first"] as const),
      table: rng.pick(["full", "short", "notes"] as const),
      request: rng.pick(["curl", "http", "body"] as const),
      responses: rng.pick(["table", "list", "headings", "sentence"] as const),
      tildes: rng.chance(0.1)
    }
    output = writeMarkdown(rng, api, doc, style)
  } else {
    output = writeOpenApi(doc, written === "json", {
      indent: written === "json" ? rng.pick([2, 2, 4]) : rng.chance(0.9) ? 2 : 4,
      indentSeq: rng.chance(0.6),
      singleQuote: rng.chance(0.35),
      flowMaps: rng.chance(0.75),
      flowSeqs: rng.chance(0.6)
    })
  }
  const request = requestFor(rng, api, written, written === "markdown" ? undefined : version)
  return {
    instruction: request.prompt,
    output,
    domain: d.id,
    meta: { params: { format: written === "markdown" ? "markdown" : "openapi" }, written, version: written === "markdown" ? undefined : version, features: [...features], names: request.names }
  }
}

export const apiDocsDataset: DatasetGenerator = {
  domains: DOMAIN_IDS,
  generate: ({ seed, count }) => uniqueExamples({ seed, count, domains: DOMAIN_IDS, label: "apidocs", make: (rng, d) => make(rng, d) })
}
