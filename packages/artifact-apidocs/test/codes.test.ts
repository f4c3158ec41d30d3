import { MISSING_NAME, OFF_TOPIC } from "@lfai/core"
import { issueCodeContract } from "@lfai/artifact-kit/testing"
import { apidocs } from "../src/index.ts"
import { MARKDOWN_PENALTIES } from "../src/internal/markdown/validate.ts"
import { OPENAPI_PENALTIES } from "../src/internal/openapi/validate.ts"
import { invoicePath, markdown, notFound, ok, op, openapi } from "./samples.ts"

issueCodeContract(apidocs, {
  sources: ["validate.ts", "openapi/validate.ts", "markdown/validate.ts"].map((file) => new URL(`../src/internal/${file}`, import.meta.url)),
  shared: [OFF_TOPIC, MISSING_NAME],
  // each format's `each` helper takes a code of its penalty table
  indirect: { code: [...Object.keys(OPENAPI_PENALTIES), ...Object.keys(MARKDOWN_PENALTIES)] },
  unreachable: { "validator-failed": "the OpenAPI parser's worker timing out or failing: the validator's own failure, not the document's (parser-outcome.test.ts mocks it)" },
  readme: new URL("../README.md", import.meta.url),
  cases: {
    empty: " ",
    "too-large": openapi({ top: ["  description: " + "x".repeat(1_000_001)] }),
    "not-apidocs": "Here is the documentation of the invoices API.",
    "wrong-type": "```yaml\n" + openapi() + "\n```",
    "parse-error": openapi().replace("  title: Invoices API", "  title: Invoices API\n   bad: indent"),
    "openapi-version": openapi().replace("openapi: 3.1.0", "openapi: 3.2.0"),
    "remote-ref": openapi().replace("          schema:\n            type: string", '          schema:\n            $ref: "https://example.com/schemas/id.json"'),
    "dangling-ref": openapi().replace("          schema:\n            type: string", '          schema:\n            $ref: "#/components/schemas/InvoiceId"'),
    "undeclared-security-scheme": openapi().replace("security:\n  - key: []", "security:\n  - bearer: []"),
    "schema-invalid": openapi().replace("          description: No such invoice", "          descriptio: No such invoice"),
    "no-operations": openapi({ paths: ["  {}"] }).replace(/\n  schemas:[\s\S]*$/, ""),
    "missing-operation-id": openapi({ paths: op("/invoices", "") }),
    "duplicate-operation-id": openapi({ paths: [...invoicePath, ...op("/invoices", "getInvoice")] }),
    "missing-success-response": openapi({ paths: [...invoicePath, ...op("/invoices", "listInvoices", notFound)] }),
    "missing-error-response": openapi({ paths: op("/invoices", "listInvoices", [ok]) }),
    "missing-description": openapi().replace("      summary: Get an invoice\n", ""),
    "inline-schema": openapi().replace("          description: No such invoice", ["          description: No such invoice", "          content:", "            application/json:", "              schema:", "                type: object", "                properties:", "                  code: { type: string }", "                  message: { type: string }", "                  at: { type: string }"].join("\n")),
    "unused-schema": openapi({ schemas: ["    Unused:", "      type: string"] }),
    "missing-examples": openapi({ example: false }),
    "missing-servers": openapi({ servers: false }),
    "missing-security": openapi({ security: false }),
    "missing-title": markdown().replace("# Orders API\n\n", ""),
    "multiple-h1": markdown("", "# Another API", "", "More about it here."),
    "no-endpoints": markdown().replace("## GET /orders/{orderId}", "## Reading orders"),
    "endpoint-without-description": markdown().replace("Returns one order with its lines.\n\n", ""),
    "endpoint-without-responses": markdown().replace("- `200 OK` — the order\n- `404 Not Found` — no order with that id", "- the order, or nothing"),
    "unclosed-code-block": markdown("", "```json", '{ "code": "not_found"'),
    "missing-parameters": markdown().replace("| Parameter | In | Type | Required | Description |\n| --- | --- | --- | --- | --- |\n| `orderId` | path | string | yes | The order's id |\n\n", ""),
    "missing-example": markdown().replace('```bash\ncurl -H "Authorization: Bearer $KEY" https://api.example.com/v1/orders/ord_1\n```\n\n', ""),
    "untagged-code-block": markdown().replace("```bash", "```"),
    "missing-error-section": markdown().replace("\n## Errors\n\nErrors are JSON objects with a `code` and a `message`.", ""),
    "off-topic": { content: openapi(), options: { request: "An API for a clinic: patients, appointments and doctors." } },
    "missing-name": { content: openapi(), options: { request: "An API with invoices and payments." } }
  }
})
