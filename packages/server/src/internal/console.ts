/**
 * The web console at `/`, its assets under `/console/<version>/`, and the docs page at `/docs`
 * (Scalar, from a cached local copy instead of a 3 MB inline bundle per response). Each page
 * carries a Content-Security-Policy that allows this server and nothing else.
 */
import { Effect, Layer } from "effect"
import { HttpRouter, HttpServerRequest, HttpServerResponse } from "effect/http"
import { OpenApi } from "effect/http-api"
import { LfaiApi } from "../Api.ts"
import { IMMUTABLE, makeAsset, negotiate, REVALIDATE, type Asset, type ConsoleAssets, loadConsole } from "./assets.ts"
import { errorResponse } from "./errors.ts"
import { CONSOLE_ASSETS_PREFIX, CONSOLE_PATH, DOCS_PATH, pathOf } from "./routes.ts"

const policy = (directives: ReadonlyArray<string>) => [...directives, "base-uri 'none'", "form-action 'none'"].join("; ")

/** The console: its own scripts (and its inline import map, by hash), calls to this server, previews in frames from it. */
const consolePolicy = (importMapHash: string) =>
  policy([
    "default-src 'none'",
    `script-src 'self' 'sha256-${importMapHash}'`,
    // mermaid's SVGs carry their own <style> and style attributes
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "frame-ancestors 'none'"
  ])

/**
 * An HTML preview: its own scripts and styles run, in a sandbox without the console's origin, and
 * nothing leaves the page (no fetch, no outside image, font or stylesheet).
 */
const PREVIEW_POLICY = policy([
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  "img-src data: blob:",
  "font-src data:",
  "media-src data: blob:",
  "sandbox allow-scripts",
  "frame-ancestors 'self'"
])

const DOCS_POLICY = policy([
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'"
])

const COMMON_HEADERS = { "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" }

const send = (
  request: HttpServerRequest.HttpServerRequest,
  asset: Asset,
  headers: Readonly<Record<string, string>>
): HttpServerResponse.HttpServerResponse => {
  const common = { ...COMMON_HEADERS, ...headers, etag: asset.etag, vary: "accept-encoding" }
  if (request.headers["if-none-match"] === asset.etag) return HttpServerResponse.empty({ status: 304, headers: common })
  const encoding = negotiate(asset, request.headers["accept-encoding"])
  return HttpServerResponse.uint8Array(asset.bodies[encoding]!, {
    contentType: asset.type,
    headers: encoding === "identity" ? common : { ...common, "content-encoding": encoding }
  })
}

const unavailable = (what: string, error: unknown) =>
  errorResponse(500, {
    code: "console_unavailable",
    message: `the ${what} cannot be served: ${error instanceof Error ? error.message : String(error)}; the JSON API still works`
  })

const notFound = (path: string) =>
  errorResponse(404, {
    code: "not_found",
    message: `no console asset at ${path}; it may belong to another version of this server: reload the page`
  })

/** The docs page: the OpenAPI document inline as data, Scalar and its boot script from the assets. */
const docsHtml = (assets: ConsoleAssets) => {
  const spec = OpenApi.fromApi(LfaiApi)
  // Scalar without its outside hosts: no request proxy, no web fonts (see the assets' copy of Scalar).
  const config = { _integration: "html", hideDarkModeToggle: false, withDefaultFonts: false, hideClientButton: true, showDeveloperTools: "never", content: spec }
  const data = JSON.stringify(config).replace(/</g, "\\u003c")
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${spec.info.title} API reference</title>
    <link rel="icon" href="data:," />
  </head>
  <body>
    <div id="docs-root"></div>
    <script type="application/json" id="docs-config">${data}</script>
    <script src="${assets.base}vendor/scalar/standalone.js"></script>
    <script src="${assets.base}docs.js"></script>
  </body>
</html>
`
}

/** The routes for `/`, `/console/*` and `/docs`. The console's files are read once, when the server starts. */
export const consoleLayer = (): Layer.Layer<never, never, HttpRouter.HttpRouter> =>
  HttpRouter.use(
    Effect.fnUntraced(function* (router) {
      const loaded = yield* Effect.promise(async () => {
        try {
          const assets = loadConsole(CONSOLE_ASSETS_PREFIX)
          const [page, preview, docs] = await Promise.all([
            makeAsset("text/html; charset=utf-8", Buffer.from(assets.page.html)),
            makeAsset("text/html; charset=utf-8", Buffer.from(assets.previewPage)),
            makeAsset("text/html; charset=utf-8", Buffer.from(docsHtml(assets)))
          ])
          return { assets, page, preview, docs } as const
        } catch (error) {
          return { error } as const
        }
      })

      yield* router.add("GET", CONSOLE_PATH, (request) =>
        Effect.sync(() =>
          "error" in loaded
            ? unavailable("console", loaded.error)
            : send(request, loaded.page, { "cache-control": REVALIDATE, "content-security-policy": consolePolicy(loaded.assets.page.importMapHash) })
        )
      )
      yield* router.add("GET", DOCS_PATH, (request) =>
        Effect.sync(() =>
          "error" in loaded ? unavailable("docs page", loaded.error) : send(request, loaded.docs, { "cache-control": REVALIDATE, "content-security-policy": DOCS_POLICY })
        )
      )
      yield* router.add("GET", `${CONSOLE_ASSETS_PREFIX}*`, (request) =>
        Effect.promise(async () => {
          const path = pathOf(request.url)
          if ("error" in loaded) return unavailable("console", loaded.error)
          if (!path.startsWith(loaded.assets.base)) return notFound(path)
          const relative = path.slice(loaded.assets.base.length)
          if (relative === "preview.html") {
            return send(request, loaded.preview, { "cache-control": IMMUTABLE, "content-security-policy": PREVIEW_POLICY })
          }
          const asset = await loaded.assets.lookup(relative)
          return asset ? send(request, asset, { "cache-control": IMMUTABLE }) : notFound(path)
        })
      )
    })
  )
