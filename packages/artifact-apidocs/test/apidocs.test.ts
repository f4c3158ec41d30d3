import { execFile } from "node:child_process"
import { readdirSync, readFileSync } from "node:fs"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { validate as parserValidate } from "@readme/openapi-parser"
import { runReadmeExample } from "@lfai/artifact-kit/testing"
import { answerOf } from "@lfai/core"
import { beforeAll, describe, expect, it } from "vitest"
import { parse as parseYaml } from "yaml"
import { apidocs, namesOfApiDocs } from "../src/index.ts"

const LONG = 600_000
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8")
const document = (name: string) => readFileSync(new URL(`./documents/${name}`, import.meta.url), "utf8")
const errors = (content: string, format?: string) => apidocs.validate(content, format ? { params: { format } } : {}).issues.filter((issue) => issue.severity === "error")
const codes = (content: string, format?: string) => apidocs.validate(content, format ? { params: { format } } : {}).issues.map((issue) => issue.code)
const INVOICES = fixture("valid-invoices.yaml").split("\n").slice(1).join("\n")
const ORDERS_MD = fixture("valid-orders.md").split("\n").slice(1).join("\n")

describe("apidocs: the floor, one rule at a time", () => {
  const floor = readdirSync(new URL("./fixtures/", import.meta.url)).filter((name) => name.startsWith("fail-floor-"))
  it.each(floor)("%s fails with exactly one error, its own", (name) => {
    const text = fixture(name)
    const want = /expect: fail ([a-z0-9-]+)(?:@(\d+))?/.exec(text)!
    const found = errors(text)
    expect(found.map((issue) => issue.code)).toEqual([want[1]])
    if (want[2]) expect(found[0].line).toBe(Number(want[2]))
  })

  it("covers every floor rule of both formats", () => {
    const covered = new Set(floor.map((name) => /expect: fail ([a-z0-9-]+)/.exec(fixture(name))![1]))
    for (const code of ["parse-error", "wrong-type", "openapi-version", "dangling-ref", "remote-ref", "schema-invalid", "no-operations", "missing-title", "multiple-h1", "no-endpoints", "endpoint-without-description", "endpoint-without-responses"]) {
      expect(covered, code).toContain(code)
    }
  })
})

describe("apidocs: OpenAPI documents of many shapes", () => {
  it.each([
    ["the OpenAPI Initiative's link example, in JSON (3.0, links)", document("link-example.json")],
    ["petstore-expanded (3.0, allOf, default responses)", fixture("valid-petstore-expanded.yaml")],
    ["callbacks (3.0)", fixture("valid-callbacks.yaml")],
    ["webhooks and JSON Schema 2020-12 keywords (3.1)", fixture("valid-webhooks-31.yaml")],
    ["the system prompt's own example", apidocs.prompt.system.split("```yaml\n")[1].split("\n```")[0]]
  ])("%s passes", (_, text) => {
    const result = apidocs.validate(text)
    expect(result.issues.filter((issue) => issue.severity === "error")).toEqual([])
    expect(result.passed).toBe(true)
  })

  it("JSON: trailing commas, comments and duplicate keys are parse errors with their line; tabs between tokens are fine", () => {
    const json = document("link-example.json")
    const trailing = errors(json.replace('"summary": "Get a user",', '"summary": "Get a user",,'))
    expect(trailing.map((issue) => `${issue.code}@${issue.line}`)).toEqual(["parse-error@13"])
    expect(codes(json.replace('"version": "1.0.0"', '"version": "1.0.0" // draft'))).toEqual(["parse-error"])
    const duplicate = errors(json.replace('"operationId": "getUserByName",', '"operationId": "getUserByName",\n        "operationId": "getUser",'))
    expect(duplicate.map((issue) => `${issue.code}@${issue.line}`)).toEqual(["parse-error@13"])
    expect(apidocs.validate(json.replace(/\n {2}"/g, '\n\t"')).passed).toBe(true)
  })

  it("the parser's own rules are mapped to the lines they are about", () => {
    const missing = errors(fixture("fail-floor-path-parameter.yaml"))
    expect(missing[0].message).toMatch(/missing path parameter\(s\) for `\{invoiceId\}`/)
    const duplicate = apidocs.validate(INVOICES.replace("operationId: getInvoice", "operationId: listInvoices"))
    expect(duplicate.passed).toBe(true)
    const warning = duplicate.issues.find((issue) => issue.code === "duplicate-operation-id")
    expect(warning?.line).toBe(INVOICES.split("\n").findIndex((line) => line.includes("operationId: getInvoice")) + 1)
  })

  it("an ajv error names the place and its line, once however often the schema is referenced", () => {
    // OpenAPI 3.0's schema objects are checked by the OpenAPI schema itself (3.1 leaves them to JSON Schema)
    const text = INVOICES.replace("openapi: 3.1.0", "openapi: 3.0.3").replace("        total:\n          type: number", "        total:\n          type: number\n          minimun: 0").replace("      required: [id, total]", "      required: [id, total]\n      additionalProperties: nope")
    const found = errors(text)
    expect(found.length).toBeGreaterThan(0)
    expect(found.every((issue) => issue.code === "schema-invalid" && issue.line !== undefined && issue.line > 1)).toBe(true)
    expect(new Set(found.map((issue) => issue.line)).size).toBe(found.length)
  })

  it("a remote $ref is an error and is never fetched", async () => {
    let requests = 0
    const server = createServer((_, response) => {
      requests++
      response.end('{"type":"object"}')
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/invoice.json`
      const result = apidocs.validate(INVOICES.replace('$ref: "#/components/schemas/Invoice"', `$ref: "${url}"`).replace('$ref: "#/components/schemas/Invoice"', `$ref: "${url}#/Invoice"`))
      expect(result.issues.filter((issue) => issue.code === "remote-ref")).toHaveLength(2)
      expect(requests).toBe(0)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it("verdicts are the parser's: the same as @readme/openapi-parser gives in this thread", async () => {
    const documents = [INVOICES, fixture("valid-petstore-expanded.yaml"), fixture("fail-floor-schema-response.yaml"), fixture("fail-floor-path-parameter.yaml"), INVOICES.replace("type: oauth2", "type: oauth3"), fixture("valid-webhooks-31.yaml")]
    for (const text of documents) {
      const direct = await parserValidate(parseYaml(text), { resolve: { external: false }, validate: { rules: { openapi: { "duplicate-operation-id": "warning" } } } })
      const ours = apidocs.validate(text).issues.filter((issue) => issue.code === "schema-invalid")
      expect(ours.length > 0, text.slice(0, 80)).toBe(!direct.valid)
    }
  })

  it("cut anywhere, a JSON document fails", { timeout: LONG }, () => {
    const json = document("link-example.json")
    for (let at = 1; at < json.trimEnd().length; at += 7) expect(apidocs.validate(json.slice(0, at)).passed, `cut at ${at}`).toBe(false)
  })

  it("a YAML document cut before the component its $refs point at fails", () => {
    const lines = INVOICES.split("\n")
    const start = lines.findIndex((line) => line.includes('"404":'))
    for (let end = start; end < lines.findIndex((line) => line === "    Invoice:"); end++) {
      expect(apidocs.validate(lines.slice(0, end + 1).join("\n")).passed, `cut after line ${end + 1}`).toBe(false)
    }
  })
})

describe("apidocs: formats", () => {
  it("the format asked for must be the one given", () => {
    expect(codes(INVOICES, "markdown")).toEqual(["wrong-type"])
    expect(codes(ORDERS_MD, "openapi")).toEqual(["wrong-type"])
    expect(apidocs.validate(INVOICES, { params: { format: "openapi" } }).passed).toBe(true)
    expect(apidocs.validate(ORDERS_MD, { params: { format: "markdown" } }).passed).toBe(true)
    expect(codes(INVOICES, "graphql")).toEqual(["wrong-type"])
  })

  it("prose asked to be Markdown fails the Markdown floor; asked to be OpenAPI, it is not a mapping", () => {
    expect(codes("Sorry, no docs today.", "markdown")).toEqual(expect.arrayContaining(["missing-title", "no-endpoints"]))
    expect(codes("Sorry, no docs today.", "openapi")).toEqual(["wrong-type"])
  })

  it("the user prompt asks for the format the request names", () => {
    const user = (prompt: string, params?: Record<string, string>) => apidocs.prompt.user(params ? { prompt, params } : { prompt })
    expect(user("Document the orders API")).toMatch(/OpenAPI 3\.1 document in YAML/)
    expect(user("Write the orders API docs in Markdown")).toMatch(/Markdown/)
    expect(user("An OpenAPI 3.0 spec in JSON for orders")).toMatch(/OpenAPI 3\.0 document in JSON/)
    expect(user("Docs for orders", { format: "markdown" })).toMatch(/````markdown/)
  })

  it("answers are fenced as the system prompt asks: yaml, json, or four-backtick markdown", () => {
    expect(answerOf(apidocs, INVOICES).split("\n")[0]).toBe("```yaml")
    expect(answerOf(apidocs, document("link-example.json")).split("\n")[0]).toBe("```json")
    expect(answerOf(apidocs, ORDERS_MD).split("\n")[0]).toBe("````markdown")
  })
})

describe("apidocs: extract", () => {
  it.each([
    ["a three-backtick markdown fence closed early by the docs' own code blocks", `Here are the docs:\n\n\`\`\`markdown\n${ORDERS_MD}\n\`\`\`\n\nLet me know if you need more.`, undefined, ORDERS_MD],
    ["a four-backtick markdown fence", `\`\`\`\`markdown\n${ORDERS_MD}\n\`\`\`\``, undefined, ORDERS_MD],
    ["unfenced Markdown with prose before", `Sure! Here is the reference.\n\n${ORDERS_MD}`, undefined, ORDERS_MD],
    ["a JSON example first, then the spec", `Example response:\n\`\`\`json\n{ "id": "inv_77" }\n\`\`\`\nSpec:\n\`\`\`yaml\n${INVOICES.trim()}\n\`\`\``, undefined, INVOICES.trim()],
    ["both formats, Markdown asked for", `\`\`\`yaml\n${INVOICES.trim()}\n\`\`\`\n\n\`\`\`\`markdown\n${ORDERS_MD}\n\`\`\`\``, "markdown", ORDERS_MD],
    ["both formats, OpenAPI asked for", `\`\`\`\`markdown\n${ORDERS_MD}\n\`\`\`\`\n\n\`\`\`yaml\n${INVOICES.trim()}\n\`\`\``, "openapi", INVOICES.trim()],
    ["a JSON spec with prose after its closing brace", `${document("link-example.json").trim()}\n\nThis covers users and repositories.`, undefined, document("link-example.json").trim()]
  ])("%s", (_, raw, format, want) => {
    const extracted = apidocs.extract(raw, format ? { prompt: "", params: { format } } : undefined)
    expect(extracted).toBe(want.trim())
    expect(apidocs.validate(extracted).passed).toBe(true)
  })

  it("keeps a cut-off Markdown answer cut off, for the validator to reject", () => {
    const cut = `\`\`\`\`markdown\n${ORDERS_MD.slice(0, ORDERS_MD.indexOf('{ "reason"') + 10)}`
    expect(apidocs.validate(apidocs.extract(cut)).passed).toBe(false)
    expect(codes(apidocs.extract(cut))).toContain("unclosed-code-block")
  })
})

describe("apidocs: parser isolation", () => {
  const inputs = [INVOICES, fixture("fail-floor-path-parameter.yaml"), fixture("fail-floor-dangling-ref.yaml"), ORDERS_MD]
  let before: ReturnType<typeof apidocs.validate>[]
  beforeAll(() => {
    before = inputs.map((input) => apidocs.validate(input))
  })

  it("a browser-like global window and document change no verdict", () => {
    const g = globalThis as { window?: unknown; document?: unknown; location?: unknown }
    g.window = { location: { href: "https://attacker.example/" } }
    g.document = {}
    g.location = { href: "https://attacker.example/" }
    try {
      expect(inputs.map((input) => apidocs.validate(input))).toEqual(before)
    } finally {
      delete g.window
      delete g.document
      delete g.location
    }
  })

  it("Mermaid and HTML validation before and in between change no verdict, and leave no globals behind", async () => {
    const { erd } = await import("@lfai/artifact-erd")
    const { html } = await import("@lfai/artifact-html")
    const globals = new Set(Object.getOwnPropertyNames(globalThis))
    const diagram = "erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  CUSTOMER {\n    int id PK\n  }\n  ORDER {\n    int id PK\n  }"
    const results = inputs.map((input) => {
      expect(erd.validate(diagram).passed).toBe(true)
      html.validate("<!DOCTYPE html><html><head><title>x</title></head><body><main><p>a</p><p>b</p><p>c</p><p>d</p></main></body></html>")
      return apidocs.validate(input)
    })
    expect(results).toEqual(before)
    expect(Object.getOwnPropertyNames(globalThis).filter((name) => !globals.has(name))).toEqual([])
    expect(typeof (globalThis as { window?: unknown }).window).toBe("undefined")
  })

  it("the parser's worker never keeps a process alive", { timeout: LONG }, async () => {
    const script = `import { apidocs } from "@lfai/artifact-apidocs"; console.log(apidocs.validate(${JSON.stringify(INVOICES)}).passed)`
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { cwd: fileURLToPath(new URL("..", import.meta.url)), timeout: 120_000 })
    expect(stdout.trim()).toBe("true")
  })
})

describe("apidocs: names", () => {
  it("lists paths, resources, operations, tags and schemas; for Markdown the endpoints and sections", () => {
    expect(namesOfApiDocs(INVOICES)).toEqual(expect.arrayContaining(["Invoices API", "/invoices", "invoices", "GET /invoices/{invoiceId}", "listInvoices", "Get an invoice", "Invoice"]))
    expect(namesOfApiDocs(ORDERS_MD)).toEqual(expect.arrayContaining(["Orders API", "Authentication", "GET /orders/{orderId}", "/orders/{orderId}/cancel", "orders", "cancel", "Errors"]))
    expect(namesOfApiDocs("")).toEqual([])
  })
})

describe("apidocs: README", () => {
  it("the example runs as written", { timeout: LONG }, () => {
    expect(runReadmeExample(new URL("../README.md", import.meta.url))).toMatch(/^false \{[\s\S]*code: 'schema-invalid'[\s\S]*line: 5[\s\S]*\}\ntrue\n$/)
  })
})


