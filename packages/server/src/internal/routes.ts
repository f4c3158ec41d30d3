/**
 * The route table, read off the API definition (plus the OpenAPI document and the docs page), so
 * the guard can tell an unknown path (404) from a known path asked with the wrong method (405)
 * before anything runs, and label metrics with the route template instead of the raw URL.
 */
import { HttpApi } from "effect/http-api"
import { LfaiApi, OpenAiGroup } from "../Api.ts"
import type { ErrorDialect } from "./errors.ts"

export interface Route {
  readonly method: string
  /** The template, e.g. `/v1/artifacts/:artifact`. */
  readonly path: string
  readonly pattern: RegExp
  /** Answers without a token and is never capped (liveness probes). */
  readonly open: boolean
  /** Not counted against the per-client cap (monitoring must be able to look at a busy server). */
  readonly uncapped: boolean
  /** How its errors are worded: OpenAI's clients read OpenAI's shape. */
  readonly dialect: ErrorDialect
}

export const OPENAPI_PATH = "/openapi.json"
export const DOCS_PATH = "/docs"
export const HEALTH_PATH = "/healthz"
export const METRICS_PATH = "/metrics"
/** The web console: its page, and its assets under a versioned folder. Static and free of data, so open like /healthz. */
export const CONSOLE_PATH = "/"
export const CONSOLE_ASSETS_PREFIX = "/console/"
/** MCP over Streamable HTTP, stateless: every message is a POST (a GET for a standing stream is answered 405, as the transport allows). */
export const MCP_PATH = "/mcp"

const toPattern = (path: string): RegExp =>
  new RegExp(`^${path.split("/").map((segment) => (segment.startsWith(":") ? "[^/]+" : segment === "*" ? ".+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/")}/?$`)

const isConsole = (path: string) => path === CONSOLE_PATH || path.startsWith(CONSOLE_ASSETS_PREFIX)

const make = (method: string, path: string, dialect: ErrorDialect = "lfai"): Route => ({
  method,
  path,
  pattern: toPattern(path),
  open: path === HEALTH_PATH || isConsole(path),
  uncapped: path === HEALTH_PATH || path === METRICS_PATH || isConsole(path),
  dialect
})

const fromApi = (): ReadonlyArray<Route> => {
  const routes: Array<Route> = []
  HttpApi.reflect(LfaiApi, {
    onGroup: () => {},
    onEndpoint: ({ endpoint, group }) =>
      void routes.push(make(endpoint.method, endpoint.path, group.identifier === OpenAiGroup.identifier ? "openai" : "lfai"))
  })
  return routes
}

export const routes: ReadonlyArray<Route> = [
  ...fromApi(),
  make("GET", OPENAPI_PATH),
  make("GET", DOCS_PATH),
  make("GET", CONSOLE_PATH),
  make("GET", `${CONSOLE_ASSETS_PREFIX}*`),
  make("POST", MCP_PATH)
]

export type Match =
  | { readonly _tag: "Found"; readonly route: Route }
  | { readonly _tag: "WrongMethod"; readonly path: string; readonly methods: ReadonlyArray<string> }
  | { readonly _tag: "NotFound" }

/** Matches a request; HEAD is answered like GET, as HTTP expects. */
/** The error wording of a route template (lfai's for paths no route knows). */
export const dialectOf = (path: string): ErrorDialect => routes.find((route) => route.path === path)?.dialect ?? "lfai"

export const match = (method: string, url: string): Match => {
  const path = pathOf(url)
  const candidates = routes.filter((route) => route.pattern.test(path))
  if (candidates.length === 0) return { _tag: "NotFound" }
  const wanted = method === "HEAD" ? "GET" : method
  const found = candidates.find((route) => route.method === wanted)
  if (found) return { _tag: "Found", route: found }
  return { _tag: "WrongMethod", path: candidates[0].path, methods: [...new Set(candidates.map((route) => route.method))] }
}

export const pathOf = (url: string): string => {
  const end = url.search(/[?#]/)
  return end === -1 ? url : url.slice(0, end)
}
