/** Clean API docs in both formats, for the tests that break one rule at a time. */

/** A clean OpenAPI document (score 100): `paths` and `schemas` lines may be replaced or added to. */
export const openapi = (over: { top?: ReadonlyArray<string>; paths?: ReadonlyArray<string>; schemas?: ReadonlyArray<string>; security?: boolean; servers?: boolean; example?: boolean } = {}) =>
  [
    "openapi: 3.1.0",
    "info:",
    "  title: Invoices API",
    "  version: 2.0.0",
    ...(over.top ?? []),
    ...(over.servers === false ? [] : ["servers:", "  - url: https://billing.example.com/v2"]),
    ...(over.security === false ? [] : ["security:", "  - key: []"]),
    "paths:",
    ...(over.paths ?? [
      "  /invoices/{invoiceId}:",
      "    get:",
      "      operationId: getInvoice",
      "      summary: Get an invoice",
      "      parameters:",
      "        - name: invoiceId",
      "          in: path",
      "          required: true",
      "          schema:",
      "            type: string",
      "      responses:",
      '        "200":',
      "          description: The invoice",
      "          content:",
      "            application/json:",
      "              schema:",
      '                $ref: "#/components/schemas/Invoice"',
      '        "404":',
      "          description: No such invoice"
    ]),
    "components:",
    ...(over.security === false ? [] : ["  securitySchemes:", "    key:", "      type: apiKey", "      in: header", "      name: X-Key"]),
    "  schemas:",
    "    Invoice:",
    "      type: object",
    "      properties:",
    "        id:",
    "          type: string",
    ...(over.example === false ? [] : ["      example:", "        id: inv_77"]),
    ...(over.schemas ?? [])
  ].join("\n")
/** One more GET operation at `path`, answering an Invoice; `responses` replaces its responses. */
export const op = (path: string, id: string, responses: ReadonlyArray<string> = [ok, ...notFound]) => [
  `  ${path}:`,
  "    get:",
  ...(id ? [`      operationId: ${id}`] : []),
  "      summary: An operation",
  "      responses:",
  ...responses
]
export const ok = ['        "200":', "          description: Fine", "          content:", "            application/json:", "              schema:", '                $ref: "#/components/schemas/Invoice"'].join("\n")
export const notFound = ['        "404":', "          description: Not found"]
const base = openapi().split("\n")
export const invoicePath = base.slice(base.indexOf("paths:") + 1, base.indexOf("components:"))

/** Clean Markdown API docs (score 100). */
export const markdown = (...extra: ReadonlyArray<string>) =>
  [
    "# Orders API",
    "",
    "The Orders API lets a shop read orders. Base URL: `https://api.example.com/v1`.",
    "",
    "## GET /orders/{orderId}",
    "",
    "Returns one order with its lines.",
    "",
    "| Parameter | In | Type | Required | Description |",
    "| --- | --- | --- | --- | --- |",
    "| `orderId` | path | string | yes | The order's id |",
    "",
    "```bash",
    'curl -H "Authorization: Bearer $KEY" https://api.example.com/v1/orders/ord_1',
    "```",
    "",
    "Responses:",
    "",
    "- `200 OK` — the order",
    "- `404 Not Found` — no order with that id",
    "",
    "## Errors",
    "",
    "Errors are JSON objects with a `code` and a `message`.",
    ...extra
  ].join("\n")
