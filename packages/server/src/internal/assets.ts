/**
 * The web console's static files and the docs page's assets: the console's own ES modules (the
 * package's `console/` folder) and the browser builds of the packages it runs on (preact, htm,
 * highlight.js, mermaid, Scalar), resolved from the installed packages — never a workspace path,
 * never a CDN. Every asset lives under one versioned prefix, `/console/<version>/`, whose version
 * is a hash of the console's files and the packages' versions, so each can be cached for a year;
 * only the two HTML pages are revalidated. Bodies are read on first use and kept with their
 * brotli and gzip encodings.
 */
import { createHash } from "node:crypto"
import { readdirSync, readFileSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { createRequire } from "node:module"
import { dirname, join, normalize, sep } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { promisify } from "node:util"
import * as Zlib from "node:zlib"

const require = createRequire(import.meta.url)
const brotli = promisify(Zlib.brotliCompress)
const gzip = promisify(Zlib.gzip)

/** `console/` beside `src/` (and beside `dist/` once built): both are two levels above this file. */
const CONSOLE_DIR = fileURLToPath(new URL("../../console/", import.meta.url))

/** Bodies below this are sent as they are: compressing them saves nothing worth the work. */
const COMPRESS_MIN_BYTES = 1024

export const IMMUTABLE = "public, max-age=31536000, immutable"
export const REVALIDATE = "no-cache"

const TYPES: Readonly<Record<string, string>> = {
  js: "text/javascript; charset=utf-8",
  mjs: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  html: "text/html; charset=utf-8",
  svg: "image/svg+xml",
  json: "application/json"
}

const typeOf = (path: string) => TYPES[path.slice(path.lastIndexOf(".") + 1)] ?? "application/octet-stream"

export type Encoding = "br" | "gzip" | "identity"

export interface Asset {
  readonly type: string
  readonly etag: string
  /** The body in each encoding; compressed ones only when they are smaller. */
  readonly bodies: Readonly<Partial<Record<Encoding, Uint8Array>>> & { readonly identity: Uint8Array }
}

/** Builds an asset with its compressed forms (zlib runs on libuv's pool, off the event loop). */
export const makeAsset = async (type: string, body: Uint8Array): Promise<Asset> => {
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`
  if (body.byteLength < COMPRESS_MIN_BYTES) return { type, etag, bodies: { identity: body } }
  const [br, gz] = await Promise.all([
    brotli(body, { params: { [Zlib.constants.BROTLI_PARAM_QUALITY]: 6, [Zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } }),
    gzip(body, { level: 6 })
  ])
  return { type, etag, bodies: { identity: body, ...(br.byteLength < body.byteLength ? { br } : {}), ...(gz.byteLength < body.byteLength ? { gzip: gz } : {}) } }
}

/** The best encoding the client accepts (`Accept-Encoding`, `;q=0` excluded) that the asset has. */
export const negotiate = (asset: Asset, acceptEncoding: string | undefined): Encoding => {
  const accepted = new Set(
    (acceptEncoding ?? "")
      .split(",")
      .map((part) => part.trim().toLowerCase().split(";"))
      .filter(([, ...params]) => !params.some((param) => /^\s*q=0(\.0*)?\s*$/.test(param)))
      .map(([name]) => name)
  )
  if (asset.bodies.br && accepted.has("br")) return "br"
  if (asset.bodies.gzip && accepted.has("gzip")) return "gzip"
  return "identity"
}

// ---- where the files come from ------------------------------------------------------------------

/** The folder of an installed package, found from this module (as `@lfai/server` itself resolves it). */
const packageDir = (name: string): string => {
  try {
    return dirname(require.resolve(`${name}/package.json`))
  } catch {
    // The package's `exports` hides package.json: walk up from its entry to the folder that names it.
    let dir = dirname(fileURLToPath(import.meta.resolve(name)))
    for (;;) {
      try {
        if (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name === name) return dir
      } catch {
        // no package.json here
      }
      const parent = dirname(dir)
      if (parent === dir) throw new Error(`cannot find the folder of the installed package ${name}`)
      dir = parent
    }
  }
}

const versionOf = (dir: string): string => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version

/** A URL folder under the versioned prefix, served from a folder on disk, for the paths it allows. */
interface Mount {
  readonly prefix: string
  readonly root: string
  readonly allow: (relative: string) => boolean
}

const LANGUAGES = ["typescript", "javascript", "csharp", "json", "yaml", "markdown", "xml", "css", "gherkin", "plaintext"]

/** The highlight.js languages the console may load (`vendor/hljs/languages/<name>.min.js`). */
export const HIGHLIGHT_LANGUAGES: ReadonlyArray<string> = LANGUAGES

interface Vendors {
  readonly mounts: ReadonlyArray<Mount>
  readonly versions: Readonly<Record<string, string>>
}

const vendors = (): Vendors => {
  const preact = packageDir("preact")
  const htm = packageDir("htm")
  const hljs = packageDir("@highlightjs/cdn-assets")
  const mermaid = packageDir("mermaid")
  const files = (root: string, names: Readonly<Record<string, string>>, prefix: string): Mount => ({
    prefix,
    root,
    allow: (relative) => Object.hasOwn(names, relative)
  })
  return {
    versions: { preact: versionOf(preact), htm: versionOf(htm), hljs: versionOf(hljs), mermaid: versionOf(mermaid) },
    mounts: [
      // preact's hooks import "preact": the page's import map names both.
      { prefix: "vendor/preact/", root: preact, allow: (relative) => relative === "dist/preact.mjs" || relative === "hooks/dist/hooks.mjs" },
      files(join(htm, "dist"), { "htm.mjs": "" }, "vendor/htm/"),
      {
        prefix: "vendor/hljs/",
        root: join(hljs, "es"),
        allow: (relative) => relative === "core.min.js" || LANGUAGES.some((language) => relative === `languages/${language}.min.js`)
      },
      // mermaid's own ESM browser build: the entry, and the chunks it imports when a diagram needs them.
      {
        prefix: "vendor/mermaid/",
        root: join(mermaid, "dist"),
        allow: (relative) => relative === "mermaid.esm.min.mjs" || /^chunks\/mermaid\.esm\.min\/[\w.-]+\.mjs$/.test(relative)
      }
    ]
  }
}

/** Scalar's web fonts, from its own host, in its bundled CSS. */
const SCALAR_FONT = /url\(https:\/\/fonts\.scalar\.com\/([\w-]+)\.woff2\)/g

/**
 * The Scalar browser bundle that `effect/http-api`'s HttpApiScalar inlines into every docs page:
 * the same file, from the installed `effect`, served once and cached instead. Its @font-face
 * rules point at Scalar's font host; each source becomes `local(…)` (which, followed by its
 * `format()`, the browser drops as invalid), so the page uses the machine's fonts and asks no one.
 */
const loadScalar = async (): Promise<string> => {
  const scalarModule = join(dirname(fileURLToPath(import.meta.resolve("effect/http-api/HttpApiScalar"))), "internal", "httpApiScalar.js")
  const { javascript } = (await import(pathToFileURL(scalarModule).href)) as { javascript: string }
  return javascript.replace(SCALAR_FONT, (_, name: string) => `local(${name})`)
}

// ---- the console ------------------------------------------------------------------------------

export interface ConsoleAssets {
  /** A hash of the console's files and the vendored packages' versions. */
  readonly version: string
  /** `/console/<version>/`: every asset's URL starts with it. */
  readonly base: string
  /** The console's HTML page with its import map filled in, and the import map's CSP hash. */
  readonly page: { readonly html: string; readonly importMapHash: string }
  /** The sandbox page HTML previews run in. */
  readonly previewPage: string
  /** The asset at a path under `base`, or undefined when there is none. */
  readonly lookup: (relative: string) => Promise<Asset | undefined>
}

/** The console's own files: plain ES modules and CSS, no build step. */
const OWN_FILE = /^[\w-]+\.(js|css)$/

const sha256 = (text: string) => createHash("sha256").update(text).digest("base64")

/** Reads the console's files and resolves the vendored packages. Throws when a file or package is missing. */
export const loadConsole = (prefix = "/console/"): ConsoleAssets => {
  const own = readdirSync(CONSOLE_DIR).sort()
  const read = (name: string) => readFileSync(join(CONSOLE_DIR, name))
  const { mounts, versions } = vendors()
  const hash = createHash("sha256")
  for (const name of own) hash.update(name).update(read(name))
  hash.update(JSON.stringify(versions))
  const version = hash.digest("hex").slice(0, 12)
  const base = `${prefix}${version}/`

  const importMap = JSON.stringify({
    imports: {
      preact: `${base}vendor/preact/dist/preact.mjs`,
      "preact/hooks": `${base}vendor/preact/hooks/dist/hooks.mjs`,
      htm: `${base}vendor/htm/htm.mjs`
    }
  })
  const html = read("index.html").toString("utf8").replaceAll("%BASE%", base).replace("%IMPORT_MAP%", importMap)

  const cache = new Map<string, Promise<Asset | undefined>>()
  let scalar: Promise<string> | undefined
  const load = async (relative: string): Promise<Asset | undefined> => {
    if (relative === "vendor/scalar/standalone.js") {
      scalar ??= loadScalar()
      return makeAsset(TYPES.js, Buffer.from(await scalar, "utf8"))
    }
    if (OWN_FILE.test(relative) && own.includes(relative)) return makeAsset(typeOf(relative), await readFile(join(CONSOLE_DIR, relative)))
    for (const mount of mounts) {
      if (!relative.startsWith(mount.prefix)) continue
      const inner = relative.slice(mount.prefix.length)
      const path = normalize(join(mount.root, inner))
      if (!mount.allow(inner) || !path.startsWith(mount.root + sep)) return undefined
      return makeAsset(typeOf(path), await readFile(path))
    }
    return undefined
  }

  return {
    version,
    base,
    page: { html, importMapHash: sha256(importMap) },
    previewPage: read("preview.html").toString("utf8"),
    lookup: (relative) => {
      let found = cache.get(relative)
      if (!found) {
        found = load(relative).catch(() => undefined)
        cache.set(relative, found)
        // A miss is not kept: a request for a made-up path must not grow the cache.
        void found.then((asset) => asset === undefined && cache.delete(relative))
      }
      return found
    }
  }
}
