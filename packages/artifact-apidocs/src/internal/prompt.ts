/** The API docs prompts: one system prompt for both formats; the user prompt names the one asked for. */
import type { ArtifactPrompt, ArtifactRequest } from "@lfai/core"
import { detectFormat, requestedFormat, wantsJson } from "./format.ts"

const OPENAPI_EXAMPLE = `openapi: 3.1.0
info:
  title: Orders API
  version: 1.0.0
servers:
  - url: https://api.example.com/v1
paths:
  /orders/{orderId}:
    get:
      operationId: getOrder
      summary: Get one order
      parameters:
        - name: orderId
          in: path
          required: true
          schema: { type: string }
      responses:
        "200":
          description: The order
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Order" }
        "404":
          description: No such order
components:
  schemas:
    Order:
      type: object
      required: [id, status]
      properties:
        id: { type: string }
        status: { type: string, enum: [pending, paid, shipped] }
      example: { id: ord_1042, status: paid }
  securitySchemes:
    bearerAuth: { type: http, scheme: bearer }
security:
  - bearerAuth: []`

export const apiDocsPrompt: ArtifactPrompt = {
  system: [
    "You are a senior API designer and technical writer. Answer with exactly one API document in the format the request asks for, inside one code block, and nothing else: no explanation before or after.",
    "",
    "OpenAPI (the default; in a ```yaml block, or ```json when JSON is asked for):",
    "- `openapi: 3.1.0` (or 3.0.3) first, then `info` (title, version), `servers`, `paths`, `components`.",
    "- At least one path with at least one operation. Every operation: a unique `operationId`, a `summary`, its parameters (every `{name}` in the path declared as a required path parameter), a 2xx response and the error responses (4xx/5xx) it can return.",
    "- Define schemas once under `components/schemas` and reference them with `$ref: \"#/components/schemas/Name\"`; every $ref must point inside the document (no URLs, no other files). Give examples.",
    "- Declare `components/securitySchemes` and apply them with `security`.",
    "- Valid YAML or JSON: spaces (never tabs) for indentation, no duplicate keys, no trailing commas. The document is checked with an OpenAPI 3.0/3.1 validator.",
    "",
    "Markdown (when Markdown docs are asked for; in a ````markdown block with four backticks):",
    "- Exactly one `# Title`, then a short overview, authentication and base URL.",
    "- One section per endpoint whose heading holds the method and the path, e.g. `## GET /orders/{orderId}`, with a sentence saying what it does, a parameters table, request and response examples in code blocks tagged with a language (```json, ```http, ```bash), and its responses with status codes (`200 OK`, `404 Not Found` …).",
    "- An errors section with the error format and status codes.",
    "",
    "OpenAPI shape example:",
    "```yaml",
    OPENAPI_EXAMPLE,
    "```"
  ].join("\n"),
  user: (request: ArtifactRequest) => {
    const format = requestedFormat(request.prompt, request.params)
    const version = /\b(?:openapi|oas)\s*3\.0\b/i.test(request.prompt) ? "3.0" : "3.1"
    const tail =
      format === "markdown"
        ? "Answer in a ````markdown code block holding Markdown HTTP API documentation. Give it one H1 title, then a section per endpoint headed by its method and path."
        : wantsJson(request.prompt)
          ? `Answer in a \`\`\`json code block holding one OpenAPI ${version} document in JSON.`
          : `Answer in a \`\`\`yaml code block holding one OpenAPI ${version} document in YAML.`
    return [request.prompt.trim(), "", tail].join("\n")
  },
  answer: (content: string) => {
    const text = content.trim()
    if (detectFormat(text).format === "markdown") return ["````markdown", text, "````"].join("\n")
    return [/^[{[]/.test(text) ? "```json" : "```yaml", text, "```"].join("\n")
  }
}
