/**
 * The judge's own rules, word for word: what a user reads in each message, the line it points at,
 * the edges of each condition, and the points each finding costs. Small documents, each breaking
 * one rule (the clean ones of `samples.ts` score 100 with no issue).
 */
import { findingsOf } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import { apidocs } from "../src/index.ts"
import { invoicePath, markdown, notFound, ok, op, openapi } from "./samples.ts"

/** Every issue of a document, as [code, message, line]. */
const issuesOf = (content: string, format?: string) => apidocs.validate(content, format ? { params: { format } } : {}).issues.map((issue) => [issue.code, issue.message, issue.line])
const findings = (content: string, code: string) => findingsOf(apidocs, content, code)
/** The score with a pass mark of 100, so an error's points show instead of the cap below the pass mark. */
const score = (content: string) => apidocs.validate(content, { threshold: 100 }).score
/** The line of the first line of `text` that holds `needle` (1-based). */
const lineOf = (text: string, needle: string) => {
  const index = text.split("\n").findIndex((line) => line.includes(needle))
  if (index < 0) throw new Error(`no line holds ${needle}`)
  return index + 1
}

/** The clean OpenAPI document: one GET on /invoices/{invoiceId}, score 100. */
const CLEAN = openapi()
const WITHOUT_SECURITY = "No security scheme in components.securitySchemes: say how clients authenticate (or declare the API public with `security: []`)."
const UNAPPLIED_SECURITY = "Security schemes are declared but no `security` requirement applies them."

describe("openapi: what the document is", () => {
  it("a list or a scalar is not a mapping, said in the syntax it was written in", () => {
    expect(issuesOf("- orders\n- invoices", "openapi")).toEqual([["wrong-type", "Expected an OpenAPI 3.0 or 3.1 document; this is a YAML list, not a mapping.", 1]])
    expect(issuesOf('["orders"]')).toEqual([["wrong-type", "Expected an OpenAPI 3.0 or 3.1 document; this is a JSON list, not a mapping.", 1]])
    expect(issuesOf("42", "openapi")).toEqual([["wrong-type", "Expected an OpenAPI 3.0 or 3.1 document; this is a YAML scalar, not a mapping.", 1]])
    expect(score('["orders"]')).toBe(10)
  })

  it("Swagger 2.0 and AsyncAPI are the wrong type, at the line that says what they are", () => {
    expect(issuesOf("# the legacy spec\nswagger: '2.0'\ninfo: { title: Orders, version: '1' }\npaths: {}")).toEqual([
      ["wrong-type", "This is a Swagger 2.0 document (OpenAPI 2): expected OpenAPI 3.0 or 3.1 (`openapi: 3.1.0`, `components` instead of `definitions`).", 2]
    ])
    expect(issuesOf("# events\nasyncapi: 2.6.0\ninfo: { title: Orders, version: '1' }")).toEqual([
      ["wrong-type", "This is an AsyncAPI 2.6.0 document (event-driven APIs): expected an OpenAPI 3.0 or 3.1 description of an HTTP API.", 2]
    ])
    expect([score("swagger: '2.0'\ninfo: { title: Orders, version: '1' }\npaths: {}"), score("asyncapi: 2.6.0\ninfo: { title: Orders, version: '1' }")]).toEqual([10, 10])
  })

  it("a mapping with neither openapi, info nor paths is the wrong type; with info or paths alone, only the version is missing", () => {
    expect(issuesOf('{ "title": "Orders" }')).toEqual([["wrong-type", "Expected an OpenAPI 3.0 or 3.1 document; this JSON has no `openapi`, `info` or `paths`.", 1]])
    expect(issuesOf("title: Orders", "openapi")).toEqual([["wrong-type", "Expected an OpenAPI 3.0 or 3.1 document; this YAML has no `openapi`, `info` or `paths`.", 1]])
    const missing = [["openapi-version", "The `openapi` field is missing: start the document with `openapi: 3.1.0` (or 3.0.3).", 1]]
    expect(issuesOf("info: { title: Orders, version: '1' }", "openapi")).toEqual(missing)
    expect(issuesOf("paths: {}", "openapi")).toEqual(missing)
    expect([score('{ "title": "Orders" }'), score("info: { title: Orders, version: '1' }")]).toEqual([10, 60])
  })

  it("takes 3.0.x and 3.1.x, with a pre-release tag too", () => {
    expect(issuesOf(CLEAN.replace("openapi: 3.1.0", "openapi: 3.0.3"))).toEqual([])
    expect(issuesOf(CLEAN.replace("openapi: 3.1.0", "openapi: 3.1.0-rc.1"))).toEqual([])
    expect(issuesOf(CLEAN.replace("openapi: 3.1.0", "openapi: 3.1.10"))).toEqual([])
  })

  it("another version of 3 is unsupported; a number is asked to be quoted; another major is the wrong type — at the `openapi` line", () => {
    const at = (version: string) => `# Invoices\n${CLEAN.replace("openapi: 3.1.0", `openapi: ${version}`)}`
    expect(issuesOf(at("3.2.0"))).toEqual([["openapi-version", "`openapi: 3.2.0` is not supported: use 3.0.x or 3.1.x (e.g. 3.1.0).", 2]])
    expect(issuesOf(at('"3.1"'))).toEqual([["openapi-version", "`openapi: 3.1` is not supported: use 3.0.x or 3.1.x (e.g. 3.1.0).", 2]])
    expect(issuesOf(at("3.1.0.1"))).toEqual([["openapi-version", "`openapi: 3.1.0.1` is not supported: use 3.0.x or 3.1.x (e.g. 3.1.0).", 2]])
    expect(issuesOf(at('" 3.1.0"'))).toEqual([["openapi-version", "`openapi:  3.1.0` is not supported: use 3.0.x or 3.1.x (e.g. 3.1.0).", 2]])
    expect(issuesOf(at("3.1"))).toEqual([["openapi-version", '`openapi` must be a version string such as "3.1.0"; 3.1 is a number (quote it, with its patch number).', 2]])
    expect(issuesOf(at("2.0.0"))).toEqual([["wrong-type", "`openapi: 2.0.0` is not OpenAPI 3.0 or 3.1.", 2]])
    expect(issuesOf(at("13.1.0"))).toEqual([["wrong-type", "`openapi: 13.1.0` is not OpenAPI 3.0 or 3.1.", 2]])
    expect(issuesOf(at("31.0.0"))).toEqual([["wrong-type", "`openapi: 31.0.0` is not OpenAPI 3.0 or 3.1.", 2]])
    expect(issuesOf(at("v3.1.0"))).toEqual([["wrong-type", "`openapi: v3.1.0` is not OpenAPI 3.0 or 3.1.", 2]])
    expect(issuesOf(at("true"))).toEqual([["wrong-type", "`openapi: true` is not OpenAPI 3.0 or 3.1.", 2]])
  })
})

describe("openapi: syntax", () => {
  it("the first YAML or JSON error is an error at its line, costing 30", () => {
    const yaml = CLEAN.replace("  title: Invoices API", "  title: Invoices API\n  title: Bills API")
    expect(issuesOf(yaml)).toEqual([["parse-error", "YAML syntax error: a key is repeated in one mapping.", 4]])
    expect(score(yaml)).toBe(70)
    expect(issuesOf('{\n  "openapi": "3.1.0",\n}')).toEqual([["parse-error", "JSON syntax error: Expected double-quoted property name (trailing commas are not allowed in JSON)", 3]])
  })

  it("the wrong type costs 90, an unsupported version 40", () => {
    expect(score("- orders")).toBe(5)
    expect(score(CLEAN.replace("openapi: 3.1.0", "openapi: 2.0.0"))).toBe(10)
    expect(score(CLEAN.replace("openapi: 3.1.0", "openapi: 3.2.0"))).toBe(60)
  })
})

describe("openapi: $refs", () => {
  const three = (a: string, b: string, c: string) => openapi({ schemas: ["    A:", `      $ref: "${a}"`, "    B:", `      $ref: "${b}"`, "    C:", `      $ref: "${c}"`] })

  it("a $ref to a URL or another file is an error at its line, and is never fetched", () => {
    const text = three("https://schemas.example.com/a.json", "other.yaml#/B", "./c.json")
    const outside = (ref: string) => `\`$ref: ${ref}\` points outside this document; it is not fetched. Define the component under \`components\` and reference it as \`#/components/…\`.`
    expect(findings(text, "remote-ref")).toEqual([
      [outside("https://schemas.example.com/a.json"), lineOf(text, "a.json")],
      [outside("other.yaml#/B"), lineOf(text, "other.yaml")],
      [outside("./c.json"), lineOf(text, "c.json")]
    ])
  })

  it("a local $ref to nothing is an error at its line, and the parser is not asked about the document", () => {
    const text = three("#/components/schemas/Nope", "#/components/schemas/Invoice/properties/total", "#/nothing")
    const nowhere = (ref: string) => `\`$ref: ${ref}\` points at nothing in this document.`
    expect(findings(text, "dangling-ref")).toEqual([
      [nowhere("#/components/schemas/Nope"), lineOf(text, "/Nope")],
      [nowhere("#/components/schemas/Invoice/properties/total"), lineOf(text, "/total")],
      [nowhere("#/nothing"), lineOf(text, "#/nothing")]
    ])
    expect(apidocs.validate(text).issues.filter((issue) => issue.severity === "error").map((issue) => issue.code)).toEqual(["dangling-ref", "dangling-ref", "dangling-ref"])
  })

  it("a $ref inside an example is data, not a reference", () => {
    expect(findings(CLEAN.replace("        id: inv_77", '        id: inv_77\n        link: { $ref: "#/elsewhere" }'), "dangling-ref")).toEqual([])
  })

  it("each costs 20 points, at most 40", () => {
    // three refs, and three unused schemas (−1 each)
    expect(score(three("https://schemas.example.com/a.json", "other.yaml#/B", "./c.json"))).toBe(100 - 40 - 3)
    expect(score(three("#/a", "#/b", "#/c"))).toBe(100 - 40 - 3)
    expect(score(openapi({ schemas: ["    A:", '      $ref: "#/nowhere"'] }))).toBe(100 - 20 - 1)
    expect(score(openapi({ schemas: ["    A:", '      $ref: "https://schemas.example.com/a.json"'] }))).toBe(100 - 20 - 1)
  })
})

describe("openapi: operations", () => {
  it("an empty `paths` is an error at its line; with no `paths` at all, at line 1; no example is asked for without an operation", () => {
    const empty = openapi({ paths: ["  {}"], example: false }).replace("  schemas:\n    Invoice:\n      type: object\n      properties:\n        id:\n          type: string", "")
    const NO_OPERATION = "The document describes no operation: add at least one path with an operation (`paths: /orders: get: …`)."
    expect(issuesOf(empty)).toEqual([["no-operations", NO_OPERATION, lineOf(empty, "paths:")]])
    expect(score(empty)).toBe(60)
    const webhooksOnly = "openapi: 3.1.0\ninfo:\n  title: Hooks\n  version: 1.0.0\nservers:\n  - url: https://hooks.example.com\nsecurity: []\nwebhooks:\n  paid:\n    post:\n      responses:\n        '200':\n          description: Received"
    expect(issuesOf(webhooksOnly)).toEqual([["no-operations", NO_OPERATION, 1]])
  })

  it("an operation without an operationId, or with an empty one, is named by method and path at its line", () => {
    const text = openapi({ paths: [...op("/receipts", ""), ...invoicePath.map((line) => line.replace("operationId: getInvoice", 'operationId: ""'))] })
    const none = (name: string) => `${name} has no operationId (clients and SDK generators name their methods after it).`
    expect(findings(text, "missing-operation-id")).toEqual([
      [none("GET /receipts"), lineOf(text, "    get:")],
      [none("GET /invoices/{invoiceId}"), lineOf(text, '""') - 1]
    ])
  })

  it("a duplicated operationId is a warning at each use after the first", () => {
    const text = openapi({ paths: [...invoicePath, ...op("/receipts", "getInvoice"), ...op("/credits", "getInvoice")] })
    const duplicated = "The operationId `getInvoice` is duplicated and should be made unique."
    const uses = text.split("\n").flatMap((line, index) => (line.includes("operationId: getInvoice") ? [index + 1] : []))
    expect(findings(text, "duplicate-operation-id")).toEqual([
      [duplicated, uses[1]],
      [duplicated, uses[2]]
    ])
    // the uses are counted among the operations with that id, not among all of them
    const later = openapi({ paths: [...invoicePath, ...op("/receipts", "getReceipt"), ...op("/credits", "getReceipt")] })
    expect(findings(later, "duplicate-operation-id")).toEqual([["The operationId `getReceipt` is duplicated and should be made unique.", lineOf(later, "/credits:") + 2]])
  })

  it("a success is any 2xx or 3xx response, ranges too; an error is any 4xx, 5xx or default", () => {
    const answering = (...codes: ReadonlyArray<string>) => openapi({ paths: [...invoicePath, ...op("/receipts", "getReceipt", codes.flatMap((code) => [`        "${code}":`, "          description: An answer"]))] })
    const responsesLine = (text: string) => lineOf(text, "/receipts") + 4
    const noSuccess = (text: string) => [["GET /receipts documents no success (2xx) response.", responsesLine(text)]]
    const noError = (text: string) => [["GET /receipts documents no error response (4xx, 5xx or default).", responsesLine(text)]]
    for (const codes of [["201", "404"], ["2XX", "4XX"], ["302", "500"], ["3XX", "5XX"], ["204", "default"]]) {
      expect(findings(answering(...codes), "missing-success-response"), codes.join()).toEqual([])
      expect(findings(answering(...codes), "missing-error-response"), codes.join()).toEqual([])
    }
    for (const codes of [["101", "404"], ["1XX", "default"], ["404", "500"]]) expect(findings(answering(...codes), "missing-success-response"), codes.join()).toEqual(noSuccess(answering(...codes)))
    for (const codes of [["200", "302"], ["2XX", "101"]]) expect(findings(answering(...codes), "missing-error-response"), codes.join()).toEqual(noError(answering(...codes)))
  })

  it("a summary or a description is enough; an operation with neither is named at its line", () => {
    const without = CLEAN.replace("      summary: Get an invoice\n", "")
    expect(findings(without, "missing-description")).toEqual([["GET /invoices/{invoiceId} has neither a summary nor a description.", lineOf(without, "    get:")]])
    expect(findings(without.replace("      operationId: getInvoice", "      operationId: getInvoice\n      description: Reads one invoice."), "missing-description")).toEqual([])
    expect(findings(CLEAN, "missing-description")).toEqual([])
  })
})

describe("openapi: schemas", () => {
  const object = (count: number, indent: string) => [`${indent}type: object`, `${indent}properties:`, ...Array.from({ length: count }, (_, i) => `${indent}  field${i}: { type: string }`)]
  const answering = (count: number, media = "application/json") => ['        "200":', "          description: Fine", "          content:", `            ${media}:`, "              schema:", ...object(count, "                "), ...notFound]

  it("an object schema of three properties or more written inline in a response is named with its media type, at its line", () => {
    const text = openapi({ paths: [...invoicePath, ...op("/receipts", "getReceipt", answering(3, "application/vnd.shop+json"))] })
    expect(findings(text, "inline-schema")).toEqual([
      ["GET /receipts defines an object schema inline (application/vnd.shop+json): put it in components.schemas and reference it with $ref.", lineOf(text, "vnd.shop") + 1]
    ])
    expect(findings(openapi({ paths: [...invoicePath, ...op("/receipts", "getReceipt", answering(2))] }), "inline-schema")).toEqual([])
  })

  it("an inline object schema in a request body is found too", () => {
    const text = openapi({ paths: [...invoicePath, "  /receipts:", "    post:", "      operationId: addReceipt", "      summary: Add a receipt", "      requestBody:", "        content:", "          application/json:", "            schema:", ...object(3, "              "), "      responses:", ok, ...notFound] })
    expect(findings(text, "inline-schema")).toEqual([["POST /receipts defines an object schema inline (application/json): put it in components.schemas and reference it with $ref.", lineOf(text, "requestBody") + 3]])
  })

  it("a schema nothing references is named at its line; a reference by URI-encoded name or into the schema counts as a use", () => {
    const text = openapi({ schemas: ["    Unused:", "      type: string"] })
    expect(findings(text, "unused-schema")).toEqual([["components.schemas.Unused is never referenced.", lineOf(text, "Unused:")]])
    const encoded = openapi({ top: ["x-readme:", '  sample: { $ref: "#/components/schemas/Line%20Item" }'], schemas: ["    Line Item:", "      type: string"] })
    expect(findings(encoded, "unused-schema")).toEqual([])
    const inner = openapi({ schemas: ["    Status:", "      type: object", "      properties:", "        code: { type: string }", "    Receipt:", "      type: object", "      properties:", "        status:", '          $ref: "#/components/schemas/Status/properties/code"'] })
    expect(findings(inner, "unused-schema")).toEqual([["components.schemas.Receipt is never referenced.", lineOf(inner, "Receipt:")]])
    // a use of InvoiceLine is not a use of Invoice
    const longer = openapi({ schemas: ["    InvoiceLine:", "      type: string"] }).replace('$ref: "#/components/schemas/Invoice"', '$ref: "#/components/schemas/InvoiceLine"')
    expect(findings(longer, "unused-schema")).toEqual([["components.schemas.Invoice is never referenced.", lineOf(longer, "    Invoice:")]])
  })

  it("a schema that is a $ref, with properties beside it, is not written inline", () => {
    const text = openapi({ paths: [...invoicePath, ...op("/receipts", "getReceipt", ['        "200":', "          description: Fine", "          content:", "            application/json:", "              schema:", '                $ref: "#/components/schemas/Invoice"', "                properties:", "                  a: { type: string }", "                  b: { type: string }", "                  c: { type: string }", ...notFound])] })
    expect(findings(text, "inline-schema")).toEqual([])
  })

  it("costs: an inline schema 2 points, at most 6; an unused schema 1, at most 3", () => {
    const inline = (count: number) => openapi({ paths: [...invoicePath, ...Array.from({ length: count }, (_, i) => op(`/r${i}`, `r${i}`, answering(3))).flat()] })
    expect(score(inline(1))).toBe(98)
    expect(score(inline(4))).toBe(94)
    const unused = (count: number) => openapi({ schemas: Array.from({ length: count }, (_, i) => [`    U${i}:`, "      type: string"]).flat() })
    expect(score(unused(1))).toBe(99)
    expect(score(unused(4))).toBe(97)
  })
})

describe("openapi: examples, servers and security", () => {
  it("no example anywhere is a warning at `paths`; `examples` counts, and so does an example of a parameter", () => {
    const text = openapi({ example: false })
    expect(findings(text, "missing-examples")).toEqual([["No example or examples anywhere: show a request or response body.", lineOf(text, "paths:")]])
    expect(score(text)).toBe(96)
    expect(findings(text.replace("            type: string", "            type: string\n            examples: [inv_77]"), "missing-examples")).toEqual([])
    expect(findings(text.replace("          required: true", "          required: true\n          example: inv_77"), "missing-examples")).toEqual([])
  })

  it("a schema property named `example` is not an example, nor is the word in a description", () => {
    const text = openapi({ example: false }).replace("        id:\n          type: string", '        id:\n          type: string\n          description: \'Written "example": here\'\n        example:\n          type: string')
    expect(findings(text, "missing-examples")).toEqual([["No example or examples anywhere: show a request or response body.", lineOf(text, "paths:")]])
  })

  it("a key `example` inside a default or an enum value is data, not an example", () => {
    const settings = "        settings:\n          type: object\n          default:\n            example: true\n          enum:\n            - examples: []"
    const text = openapi({ example: false }).replace("        id:\n          type: string", `        id:\n          type: string\n${settings}`)
    expect(text).toContain("default:\n            example: true")
    expect(findings(text, "missing-examples")).toEqual([["No example or examples anywhere: show a request or response body.", lineOf(text, "paths:")]])
  })

  it("no `servers`, or an empty list, is a warning at line 1", () => {
    const missing = [["No `servers`: say where the API is served.", 1]]
    expect(findings(openapi({ servers: false }), "missing-servers")).toEqual(missing)
    expect(findings(openapi({ servers: false, top: ["servers: []"] }), "missing-servers")).toEqual(missing)
    expect(score(openapi({ servers: false }))).toBe(96)
  })

  it("no security scheme is a warning at line 1, unless the API is declared public with `security: []`", () => {
    expect(findings(openapi({ security: false }), "missing-security")).toEqual([[WITHOUT_SECURITY, 1]])
    expect(score(openapi({ security: false }))).toBe(96)
    expect(issuesOf(openapi({ security: false, top: ["security: []"] }))).toEqual([])
    expect(issuesOf(openapi({ security: false, top: ["security:", "  - {}"] }))).toEqual([])
    // a requirement naming a scheme is not a public API: the scheme is still missing
    expect(findings(openapi({ security: false, top: ["security:", "  - key: []"] }), "missing-security")).toEqual([[WITHOUT_SECURITY, 1]])
  })

  it("a requirement naming a scheme that is not declared is an error at that name, the document's or an operation's; 20 points each", () => {
    const named = (name: string) => `A \`security\` requirement names \`${name}\`, a scheme that \`components.securitySchemes\` does not declare (it declares \`key\`).`
    const text = CLEAN.replace("security:\n  - key: []", "security:\n  - key: []\n  - bearer: []\n    key: []").replace("      summary: Get an invoice", "      summary: Get an invoice\n      security:\n        - Key: []")
    expect(findings(text, "undeclared-security-scheme")).toEqual([
      [named("bearer"), lineOf(text, "  - bearer: []")],
      [named("Key"), lineOf(text, "        - Key: []")]
    ])
    expect(score(CLEAN.replace("security:\n  - key: []", "security:\n  - bearer: []"))).toBe(80)
    const none = openapi({ security: false, top: ["security:", "  - key: []"] })
    expect(findings(none, "undeclared-security-scheme")).toEqual([["A `security` requirement names `key`, a scheme that `components.securitySchemes` does not declare (it declares none).", lineOf(none, "  - key: []")]])
  })

  it("schemes that no requirement applies are a warning at `securitySchemes`; one operation's requirement applies them", () => {
    const unapplied = CLEAN.replace("security:\n  - key: []\n", "")
    expect(findings(unapplied, "missing-security")).toEqual([[UNAPPLIED_SECURITY, lineOf(unapplied, "securitySchemes:")]])
    for (const none of ["security: []\n", "security:\n  - {}\n"]) {
      const text = CLEAN.replace("security:\n  - key: []\n", none)
      expect(findings(text, "missing-security"), none).toEqual([[UNAPPLIED_SECURITY, lineOf(text, "securitySchemes:")]])
    }
    expect(issuesOf(unapplied.replace("      summary: Get an invoice", "      summary: Get an invoice\n      security:\n        - key: []"))).toEqual([])
    const two = openapi({ paths: [...invoicePath, ...op("/receipts", "getReceipt")] }).replace("security:\n  - key: []\n", "")
    expect(findings(two.replace("      summary: Get an invoice", "      summary: Get an invoice\n      security:\n        - key: []"), "missing-security")).toEqual([])
  })
})

describe("openapi: the parser's findings, placed in the source", () => {
  it("a `$ref` inside an example that points at nothing: the parser resolves it anyway, and the finding is at that `$ref`", () => {
    const example = [ok, "              example:", "                link:", '                  $ref: "#/components/schemas/Nope"'].join("\n")
    const text = openapi({ paths: [...invoicePath, ...op("/receipts", "getReceipt", [example, ...notFound])] })
    expect(issuesOf(text)).toEqual([["schema-invalid", 'OpenAPI validation: Missing $ref pointer "#/components/schemas/Nope". Token "Nope" does not exist.', lineOf(text, "schemas/Nope")]])
  })

  it("an ajv error names the place it is about in words, with ajv's hint, at that place's line", () => {
    const text = CLEAN.replace("          required: true\n          schema:\n            type: string", "          required: true")
    expect(issuesOf(text)).toEqual([["schema-invalid", "OpenAPI schema validation at paths › /invoices/{invoiceId} › get › parameters › 0: must have required property 'schema' (schema is missing here).", lineOf(text, "- name: invoiceId")]])
    const untitled = CLEAN.replace("  title: Invoices API\n", "")
    expect(issuesOf(untitled)).toEqual([["schema-invalid", "OpenAPI schema validation at info: must have required property 'title' (title is missing here).", 2]])
  })

  it("an error in a schema used in several places is reported once, where it is written", () => {
    // Invoice, with an unknown keyword, is used by two operations and by the Receipt schema after it
    const receipt = ["    Receipt:", "      type: object", "      properties:", "        invoice:", '          $ref: "#/components/schemas/Invoice"']
    const text = openapi({ paths: [...invoicePath, ...op("/receipts", "getReceipt")], schemas: receipt })
      .replace("openapi: 3.1.0", "openapi: 3.0.3")
      .replace("          type: string\n      example:", "          type: string\n          minimun: 3\n      example:")
    const MINIMUN = "OpenAPI schema validation at components › schemas › Invoice › properties › id › minimun: must NOT have additional properties (minimun is not expected to be here)."
    expect(findings(text, "schema-invalid")).toEqual([[MINIMUN, lineOf(text, "minimun")]])
  })

  it("the parser's own rules name the operation in words at its line", () => {
    const text = CLEAN.replace("        - name: invoiceId\n          in: path\n          required: true", "        - name: status\n          in: query")
    expect(issuesOf(text)).toEqual([["schema-invalid", "OpenAPI validation: `/paths/invoices/{invoiceId}/get` is missing path parameter(s) for `{invoiceId}`.", lineOf(text, "    get:")]])
    const scheme = CLEAN.replace("      type: apiKey", "      type: apiToken")
    expect(issuesOf(scheme)).toEqual([["schema-invalid", "OpenAPI validation: `/components/securitySchemes/key` has an invalid `type`: `apiToken`. Must be one of: `apiKey`, `http`, `oauth2`, `openIdConnect`, `mutualTLS`.", lineOf(scheme, "    key:")]])
  })

  it("each parser error costs 15 points, at most 45", () => {
    // an unknown keyword in each of `count` unused 3.0 schemas (each unused one costs 1 more)
    const typos = (count: number) => openapi({ schemas: Array.from({ length: count }, (_, i) => [`    S${i}:`, "      type: string", "      minimun: 3"]).flat() }).replace("openapi: 3.1.0", "openapi: 3.0.3")
    expect(score(typos(1))).toBe(100 - 15 - 1)
    expect(findings(typos(4), "schema-invalid")).toHaveLength(4)
    expect(score(typos(4))).toBe(100 - 45 - 3)
  })
})

describe("openapi: the cost of each warning", () => {
  it("missing operationIds cost 2 each, at most 8; duplicated ones 4 each, at most 8", () => {
    const ids = (count: number) => openapi({ paths: Array.from({ length: count }, (_, i) => op(`/r${i}`, "")).flat() })
    expect(score(ids(1))).toBe(98)
    expect(score(ids(5))).toBe(92)
    const duplicates = (count: number) => openapi({ paths: [...invoicePath, ...Array.from({ length: count }, (_, i) => op(`/r${i}`, "getInvoice")).flat()] })
    expect(score(duplicates(1))).toBe(96)
    expect(score(duplicates(3))).toBe(92)
  })

  it("missing success responses cost 3 each, at most 9; missing error responses 2 each, at most 8; missing descriptions 1 each, at most 5", () => {
    const answering = (count: number, codes: ReadonlyArray<string>) => openapi({ paths: [...invoicePath, ...Array.from({ length: count }, (_, i) => op(`/r${i}`, `r${i}`, codes)).flat()] })
    expect(score(answering(1, notFound))).toBe(97)
    expect(score(answering(4, notFound))).toBe(91)
    expect(score(answering(1, [ok]))).toBe(98)
    expect(score(answering(5, [ok]))).toBe(92)
    const bare = (count: number) => openapi({ paths: Array.from({ length: count }, (_, i) => op(`/r${i}`, `r${i}`).filter((line) => !line.includes("summary"))).flat() })
    expect(score(bare(1))).toBe(99)
    expect(score(bare(6))).toBe(95)
  })
})

describe("markdown: title and sections", () => {
  const md = (text: string) => issuesOf(text, "markdown")
  const NO_TITLE = "No H1: the documentation starts with one `# Title`."
  const NO_ENDPOINT = "No endpoint section: give each endpoint a heading with its method and path, e.g. `## GET /orders/{id}`."
  const NO_ERRORS = "No errors section: document the error format and the error status codes once."

  it("without a heading, the title, the endpoints and the errors section are missing at line 1", () => {
    expect(md("The orders API reads orders.\n\nAsk us for a key.")).toEqual([
      ["missing-title", NO_TITLE, 1],
      ["no-endpoints", NO_ENDPOINT, 1],
      ["missing-error-section", NO_ERRORS, 1]
    ])
  })

  it("a missing title points at the first heading; no endpoints at the second heading, or the first when it is alone", () => {
    expect(md("Intro text.\n\n## About\n\nIt reads orders.\n\n## Limits\n\nTen a second.")).toEqual([
      ["missing-title", NO_TITLE, 3],
      ["no-endpoints", NO_ENDPOINT, 7],
      ["missing-error-section", NO_ERRORS, 7]
    ])
    expect(md("# Orders API\n\nIt reads orders.")).toEqual([
      ["no-endpoints", NO_ENDPOINT, 1],
      ["missing-error-section", NO_ERRORS, 1]
    ])
  })

  it("more H1s are counted and pointed at from the second", () => {
    expect(md(markdown("", "# Refunds API", "", "Refunds are read here.", "", "# Credits API"))).toEqual([["multiple-h1", "3 H1 headings: keep one `# Title` and make the others `##`.", 26]])
  })

  it("an endpoint heading has an upper-case method and a path, at H2 or deeper, in a code span or after a name", () => {
    const only = (heading: string) => markdown().replace("## GET /orders/{orderId}", heading)
    for (const heading of ["### GET /orders/{orderId}", "## `GET /orders/{orderId}`", "## Read one — GET /orders/{orderId}"]) expect(md(only(heading)), heading).toEqual([])
    for (const heading of ["## get /orders/{orderId}", "# GET /orders/{orderId}", "## GET orders", "## FETCH /orders/{orderId}"]) expect(md(only(heading)).map(([code]) => code), heading).toContain("no-endpoints")
  })

  it("an errors section may be called Error handling or Status codes; the warning points at the last heading", () => {
    expect(md(markdown().replace("## Errors", "## Error handling"))).toEqual([])
    expect(md(markdown().replace("## Errors", "## Status codes"))).toEqual([])
    expect(md(markdown().replace("## Errors", "## Error codes"))).toEqual([])
    expect(md(markdown().replace("## Errors", "## Errored orders"))).toEqual([["missing-error-section", NO_ERRORS, 22]])
  })

  it("costs: no title 30, more H1s 20, no endpoint 40, no errors section 5", () => {
    const markdownScore = (text: string) => apidocs.validate(text, { threshold: 100, params: { format: "markdown" } }).score
    expect(markdownScore(markdown().replace("# Orders API", "Orders API"))).toBe(70)
    expect(markdownScore(markdown("", "# Refunds API"))).toBe(80)
    expect(markdownScore(markdown().replace("## GET /orders/{orderId}", "## Reading orders"))).toBe(60)
    expect(markdownScore(markdown().replace("## Errors", "## Limits"))).toBe(95)
  })
})

describe("markdown: endpoint sections", () => {
  /** The clean docs with one more endpoint section (its heading on line 26). */
  const withEndpoint = (heading: string, ...body: ReadonlyArray<string>) => markdown("", heading, "", ...body)
  const EXAMPLE = ["```http", "GET /orders HTTP/1.1", "```", ""]
  const codesOf = (text: string) => apidocs.validate(text, { params: { format: "markdown" } }).issues.map((issue) => issue.code)

  it("a description is a paragraph of three words or more, not counting code spans or numbers", () => {
    const section = (sentence: string) => withEndpoint("## GET /orders", sentence, "", ...EXAMPLE, "- `200 OK` — the orders")
    expect(codesOf(section("Lists the orders."))).toEqual([])
    const missing = [["GET /orders has no description: say in a sentence what it does.", 26]]
    expect(findings(section("Lists orders."), "endpoint-without-description")).toEqual(missing)
    expect(findings(section("Lists `all` `the` orders."), "endpoint-without-description")).toEqual(missing)
    expect(findings(section("Lists 10 20 orders."), "endpoint-without-description")).toEqual(missing)
  })

  it("a status code counts in a list item, a table cell, a heading, a code span, with its reason phrase, or in an HTTP response example", () => {
    const answers = (...body: ReadonlyArray<string>) => codesOf(withEndpoint("## GET /orders", "Lists the orders.", "", ...EXAMPLE, ...body))
    expect(answers("- 200: the orders")).toEqual([])
    expect(answers("| Status | Meaning |", "| --- | --- |", "| 200 | the orders |")).toEqual([])
    expect(answers("### 200", "", "The orders.")).toEqual([])
    expect(answers("It answers `200` with the orders.")).toEqual([])
    expect(answers("It answers with 200 OK and the orders.")).toEqual([])
    expect(answers("```http", "HTTP/1.1 200 OK", "```")).toEqual([])
    expect(answers("```http", "GET /orders HTTP/1.1", "Host: api.example.com", "", "HTTP/1.1 200 OK", "```")).toEqual([])
  })

  it("numbers that are not status codes do not count", () => {
    const section = (...body: ReadonlyArray<string>) => withEndpoint("## GET /orders", "Lists the orders.", "", ...EXAMPLE, ...body)
    const missing = [["GET /orders lists no responses: give its status codes (`200 OK`, `404 Not Found` …).", 26]]
    expect(findings(section("It answers within 200 ms."), "endpoint-without-responses")).toEqual(missing)
    expect(findings(section("- 2000 orders at most"), "endpoint-without-responses")).toEqual(missing)
    expect(findings(section("- 600 — never"), "endpoint-without-responses")).toEqual(missing)
    expect(findings(section("Send `200ms` as the timeout."), "endpoint-without-responses")).toEqual(missing)
    expect(findings(section("- Up to 200 orders a page"), "endpoint-without-responses")).toEqual(missing)
    expect(findings(section("200 orders at most come back."), "endpoint-without-responses")).toEqual(missing)
    expect(findings(section("Send `?limit=200` to get more."), "endpoint-without-responses")).toEqual(missing)
  })

  it("a section ends at the next heading of its level or higher, so the next section's status codes are not its own", () => {
    const text = markdown("", "## DELETE /orders/{orderId}", "", "Deletes the order for good.", "", "### Example", "", ...EXAMPLE, "## GET /orders", "", "Lists the orders.", "", ...EXAMPLE, "- `200 OK` — the orders")
    expect(findings(text, "endpoint-without-responses")).toEqual([["DELETE /orders/{orderId} lists no responses: give its status codes (`200 OK`, `404 Not Found` …).", 26]])
    expect(findings(text, "missing-example")).toEqual([])
  })

  it("a path parameter or a body asks for a parameters table; a GET without parameters does not", () => {
    const section = (heading: string) => withEndpoint(heading, "Works on the orders.", "", ...EXAMPLE, "- `200 OK` — done")
    const noTable = (name: string) => [[`${name} takes parameters or a body but has no parameters table.`, 26]]
    expect(findings(section("## GET /orders"), "missing-parameters")).toEqual([])
    expect(findings(section("## DELETE /orders/:orderId"), "missing-parameters")).toEqual(noTable("DELETE /orders/:orderId"))
    expect(findings(section("## HEAD /orders/{orderId}"), "missing-parameters")).toEqual(noTable("HEAD /orders/{orderId}"))
    for (const method of ["POST", "PUT", "PATCH"]) expect(findings(section(`## ${method} /orders`), "missing-parameters")).toEqual(noTable(`${method} /orders`))
  })

  it("an example is a code block anywhere in the section, in a list item too", () => {
    const section = (...body: ReadonlyArray<string>) => withEndpoint("## GET /orders", "Lists the orders.", "", ...body, "", "- `200 OK` — the orders")
    expect(findings(section("- Example:", "", "  ```http", "  GET /orders HTTP/1.1", "  ```"), "missing-example")).toEqual([])
    expect(findings(section("Call it with `GET /orders`."), "missing-example")).toEqual([["GET /orders shows no request or response example in a code block.", 26]])
  })

  it("costs: 15 for each section without a description or responses, at most 45; 3 for a missing table or example, at most 9", () => {
    const sections = (count: number, ...body: ReadonlyArray<string>) => markdown(...Array.from({ length: count }, (_, i) => ["", `## POST /orders/${i}`, "", ...body]).flat())
    const markdownScore = (text: string) => apidocs.validate(text, { threshold: 100, params: { format: "markdown" } }).score
    expect(markdownScore(sections(1, "Creates an order here.", "", ...EXAMPLE, "| Field | Type |", "| --- | --- |", "| a | b |"))).toBe(85)
    expect(markdownScore(sections(4, "Creates an order here.", "", ...EXAMPLE, "| Field | Type |", "| --- | --- |", "| a | b |"))).toBe(55)
    expect(markdownScore(sections(4, "Creates.", "", "- `201 Created`", "", ...EXAMPLE, "| Field | Type |", "| --- | --- |", "| a | b |"))).toBe(55)
    expect(markdownScore(sections(1, "Creates an order here.", "", "- `201 Created`", "", ...EXAMPLE))).toBe(97)
    expect(markdownScore(sections(4, "Creates an order here.", "", "- `201 Created`", "", ...EXAMPLE))).toBe(91)
    expect(markdownScore(sections(1, "Creates an order here.", "", "- `201 Created`", "", "| Field | Type |", "| --- | --- |", "| a | b |"))).toBe(97)
    expect(markdownScore(sections(4, "Creates an order here.", "", "- `201 Created`", "", "| Field | Type |", "| --- | --- |", "| a | b |"))).toBe(91)
  })
})

describe("markdown: code blocks", () => {
  const UNCLOSED = "A code block is never closed (the answer looks cut off): close it with its fence."
  const UNTAGGED = "A code block without a language: tag it (```json, ```http, ```bash …)."

  it("a fence never closed is an error at its opening line: backticks, tildes, a shorter closing fence, a bare fence on the last line", () => {
    expect(findings(markdown("", "```json", '{ "code": "gone"'), "unclosed-code-block")).toEqual([[UNCLOSED, 26]])
    expect(findings(markdown("", "~~~json", '{ "code": "gone"'), "unclosed-code-block")).toEqual([[UNCLOSED, 26]])
    expect(findings(markdown("", "````json", "{}", "```"), "unclosed-code-block")).toEqual([[UNCLOSED, 26]])
    expect(findings(markdown("", "~~~json", "{}", "```"), "unclosed-code-block")).toEqual([[UNCLOSED, 26]])
    expect(findings(markdown("", "```"), "unclosed-code-block")).toEqual([[UNCLOSED, 26]])
  })

  it("a longer closing fence closes, and an indented code block has no fence to close", () => {
    expect(findings(markdown("", "```json", "{}", "`````"), "unclosed-code-block")).toEqual([])
    expect(findings(markdown("", "~~~json", "{}", "~~~"), "unclosed-code-block")).toEqual([])
    expect(issuesOf(markdown("", "    GET /orders HTTP/1.1"))).toEqual([])
  })

  it("each fenced block without a language is a warning at its line, 2 points each, at most 6; an indented block is not", () => {
    const text = markdown("", "```", "a", "```", "", "~~~", "b", "~~~", "", "    indented", "", "```", "c", "```", "", "```", "d", "```")
    expect(findings(text, "untagged-code-block")).toEqual([26, 30, 36, 40].map((line) => [UNTAGGED, line]))
    expect(score(text)).toBe(94)
    expect(score(markdown("", "```", "a", "```"))).toBe(98)
    expect(findings(markdown("", "   ```", "a", "   ```"), "untagged-code-block")).toEqual([[UNTAGGED, 26]])
  })

  it("an unclosed block costs 30", () => {
    expect(score(markdown("", "```json", "{"))).toBe(70)
  })
})
