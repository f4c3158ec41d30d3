/**
 * The API docs validator: the format asked for (`params.format`) or read from the content, then
 * that format's floor and scored checks. Pure, deterministic, never throws.
 */
import { judgeSafely, scoreRelevance } from "@lfai/artifact-kit"
import type { ValidateOptions, Validation } from "@lfai/core"
import { detectFormat, isFormat, type Format } from "./format.ts"
import { judgeMarkdown } from "./markdown/validate.ts"
import { apiNames } from "./names.ts"
import { judgeOpenApi } from "./openapi/validate.ts"

/** Larger documents are refused before parsing. */
export const MAX_DOC_CHARS = 1_000_000

export const SHARED_PENALTIES = { empty: 100, "too-large": 100, "not-apidocs": 95, "wrong-type": 90 } as const

const NAMES: Readonly<Record<Format, string>> = { openapi: "an OpenAPI 3.0/3.1 document", markdown: "Markdown HTTP API documentation" }

export const validateApiDocs = (content: string, options?: ValidateOptions): Validation =>
  judgeSafely(options, (sheet) => {
    const text = typeof content === "string" ? content : String(content ?? "")
    const asked = options?.params?.format
    if (asked !== undefined && !isFormat(asked)) {
      sheet.error("wrong-type", `Unknown format "${asked}": expected openapi or markdown.`, SHARED_PENALTIES["wrong-type"], 1)
      return
    }
    if (text.trim() === "") {
      sheet.error("empty", `The answer is empty: expected ${asked ? NAMES[asked] : "API documentation (OpenAPI or Markdown)"}.`, SHARED_PENALTIES.empty)
      return
    }
    if (text.length > MAX_DOC_CHARS) {
      sheet.error("too-large", `The document is ${text.length} characters long; at most ${MAX_DOC_CHARS} are judged.`, SHARED_PENALTIES["too-large"])
      return
    }
    const detected = detectFormat(text)
    if (detected.format === "fenced") {
      sheet.error("wrong-type", "The OpenAPI document is inside a Markdown code block: remove the ``` fence lines around it.", SHARED_PENALTIES["wrong-type"], detected.line)
    } else if (detected.format === "unknown" && asked === undefined) {
      sheet.error("not-apidocs", "No API documentation found: expected an OpenAPI 3.0/3.1 document (YAML or JSON) or Markdown docs with a `## GET /path` section per endpoint.", SHARED_PENALTIES["not-apidocs"], 1)
    } else if (asked !== undefined && detected.format !== "unknown" && detected.format !== asked) {
      sheet.error("wrong-type", `Expected ${NAMES[asked]}; this is ${NAMES[detected.format]}.`, SHARED_PENALTIES["wrong-type"], 1)
    } else {
      const format = asked ?? detected.format
      if (format === "openapi") judgeOpenApi(text, sheet)
      else judgeMarkdown(text, sheet)
      // Judged against the request: the resources, operations and schemas it names must be documented.
      if (typeof options?.request === "string" && options.request.trim() !== "") {
        scoreRelevance(sheet, options.request, { noun: format === "openapi" ? "paths, operations and schemas" : "endpoints and section headings", names: apiNames(text) })
      }
    }
  })
