/**
 * The console's files over HTTP: the page and its policy, versioned assets cached for a year,
 * compression, revalidation, mermaid's browser build resolved from the installed package, the
 * docs page from local assets, and nothing served outside the allowed folders.
 */
import { brotliDecompressSync, gunzipSync } from "node:zlib"
import { describe, expect, it } from "vitest"
import { call, services, withServer } from "./fixtures.ts"

const base = (html: string) => /href="(\/console\/[0-9a-f]{12}\/)style\.css"/.exec(html)?.[1] ?? ""

const raw = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers: { "accept-encoding": "identity", ...headers } })

describe("the console's files", () => {
  it("serves the page with a policy that allows this server only, revalidated by ETag", async () => {
    await withServer({ layer: services().layer }, async ({ url }) => {
      const page = await raw(`${url}/`)
      expect(page.status).toBe(200)
      expect(page.headers.get("content-type")).toContain("text/html")
      expect(page.headers.get("cache-control")).toBe("no-cache")
      const policy = page.headers.get("content-security-policy") ?? ""
      expect(policy).toContain("default-src 'none'")
      expect(policy).toContain("connect-src 'self'")
      expect(policy).not.toMatch(/https?:|\*/)
      const html = await page.text()
      expect(html).toContain('<script type="importmap">')
      // The import map is allowed by its hash: the page's only inline script.
      const importMap = /<script type="importmap">(.*?)<\/script>/.exec(html)?.[1] ?? ""
      const { createHash } = await import("node:crypto")
      expect(policy).toContain(`'sha256-${createHash("sha256").update(importMap).digest("base64")}'`)
      const again = await raw(`${url}/`, { "if-none-match": page.headers.get("etag") ?? "" })
      expect(again.status).toBe(304)
    })
  })

  it("serves versioned assets for a year, compressed as the client accepts", async () => {
    await withServer({ layer: services().layer }, async ({ url }) => {
      const prefix = base(await (await raw(`${url}/`)).text())
      expect(prefix).not.toBe("")
      const plain = await raw(`${url}${prefix}app.js`)
      expect(plain.status).toBe(200)
      expect(plain.headers.get("cache-control")).toBe("public, max-age=31536000, immutable")
      expect(plain.headers.get("content-type")).toContain("text/javascript")
      expect(plain.headers.get("content-encoding")).toBeNull()
      const source = Buffer.from(await plain.arrayBuffer())

      const br = await raw(`${url}${prefix}app.js`, { "accept-encoding": "gzip, br" })
      expect(br.headers.get("content-encoding")).toBe("br")
      expect(br.headers.get("vary")).toBe("accept-encoding")
      // fetch decodes what it is sent; the bytes on the wire are smaller (content-length says so)
      expect(Number(br.headers.get("content-length"))).toBeLessThan(source.byteLength)
      const http = await import("node:http")
      const body = (encoding: string) =>
        new Promise<Buffer>((resolve, reject) => {
          http.get(`${url}${prefix}app.js`, { headers: { "accept-encoding": encoding } }, (response) => {
            const chunks: Array<Buffer> = []
            response.on("data", (chunk: Buffer) => chunks.push(chunk))
            response.on("end", () => resolve(Buffer.concat(chunks)))
          }).on("error", reject)
        })
      expect(brotliDecompressSync(await body("br"))).toEqual(source)
      expect(gunzipSync(await body("gzip"))).toEqual(source)
      expect(await body("br;q=0, identity")).toEqual(source)
    })
  })

  it("serves mermaid's own ESM browser build from the installed package, with every chunk its entry imports", async () => {
    await withServer({ layer: services().layer }, async ({ url }) => {
      const prefix = base(await (await raw(`${url}/`)).text())
      const entry = await raw(`${url}${prefix}vendor/mermaid/mermaid.esm.min.mjs`)
      expect(entry.status).toBe(200)
      const imports = [...(await entry.text()).matchAll(/from"(\.\/chunks\/[^"]+)"/g)].map((match) => match[1])
      expect(imports.length).toBeGreaterThan(3)
      for (const path of new Set(imports)) {
        const chunk = await raw(new URL(path, `${url}${prefix}vendor/mermaid/`).href)
        expect(chunk.status, path).toBe(200)
        await chunk.arrayBuffer()
      }
    })
  })

  it("serves nothing outside the allowed files: no traversal, no made-up paths, no stale version", async () => {
    await withServer({ layer: services().layer }, async ({ url }) => {
      const prefix = base(await (await raw(`${url}/`)).text())
      for (const path of [
        `${prefix}vendor/mermaid/package.json`,
        `${prefix}vendor/mermaid/../package.json`,
        `${prefix}vendor/mermaid/chunks/..%2F..%2Fpackage.json`,
        `${prefix}vendor/preact/package.json`,
        `${prefix}index.html`,
        `${prefix}nothing.js`,
        "/console/000000000000/app.js"
      ]) {
        const reply = await call(`${url}${path}`)
        expect(reply.status, path).toBe(404)
        expect(reply.body.error.code, path).toBe("not_found")
      }
    })
  })

  it("needs no token for the console's files (they hold no data), but the API and /docs still do", async () => {
    await withServer({ layer: services().layer, token: "s3cret" }, async ({ url }) => {
      const page = await raw(`${url}/`)
      expect(page.status).toBe(200)
      const prefix = base(await page.text())
      expect((await raw(`${url}${prefix}app.js`)).status).toBe(200)
      expect((await call(`${url}/v1/plugins`)).status).toBe(401)
      expect((await call(`${url}/docs`)).status).toBe(401)
    })
  })

  it("serves /docs as a small page that loads Scalar from the cached assets, without its font host", async () => {
    await withServer({ layer: services().layer }, async ({ url }) => {
      const docs = await raw(`${url}/docs`)
      expect(docs.status).toBe(200)
      const html = await docs.text()
      expect(html.length).toBeLessThan(100_000)
      expect(docs.headers.get("content-security-policy")).not.toMatch(/https?:/)
      const script = /src="([^"]+standalone\.js)"/.exec(html)?.[1] ?? ""
      const scalar = await raw(`${url}${script}`, { "accept-encoding": "br" })
      expect(scalar.status).toBe(200)
      expect(scalar.headers.get("cache-control")).toContain("immutable")
      const text = await (await raw(`${url}${script}`)).text()
      expect(text.length).toBeGreaterThan(1_000_000)
      expect(text).not.toContain("url(https://fonts.scalar.com")
    })
  })
})
