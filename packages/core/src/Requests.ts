/**
 * The request shapes, as schemas every surface decodes with — the CLI's flags, the HTTP bodies,
 * and the OpenAI-compatible route and MCP tools when they come — so ranges and limits cannot
 * drift between them. The pipeline decodes every request with them too, so a library caller is
 * held to the same rules. What needs the config or the plugin (the prompt's size against
 * `validation.max_prompt_kb`, the parameters a plugin declares) is checked by the pipeline.
 */
import { Cause, Effect, Exit, Schema, SchemaIssue } from "effect"
import { InvalidRequest } from "./Errors.ts"
import type { ArtifactRequest } from "./Plugin.ts"

export const TEMPERATURE_RANGE = { minimum: 0, maximum: 2 } as const

export const Temperature = Schema.Number.pipe(
  Schema.check(
    Schema.makeFilter((n: number) => Number.isFinite(n) && n >= TEMPERATURE_RANGE.minimum && n <= TEMPERATURE_RANGE.maximum, {
      expected: `a number from ${TEMPERATURE_RANGE.minimum} to ${TEMPERATURE_RANGE.maximum}`
    })
  )
)

/** Artifact parameters, e.g. `{ language: "csharp" }`; which names and values a plugin takes is the plugin's (`params`). */
export const Params = Schema.Record(Schema.String, Schema.String)

/** The fields of a generation request; HTTP adds the artifact's parameters beside them as top-level fields. */
export const generateFields = {
  prompt: Schema.String.annotate({ description: "What the artifact should contain. Must not be empty." }),
  system: Schema.optionalKey(Schema.String.annotate({ description: "Extra system instructions, appended to the artifact's own." })),
  temperature: Schema.optionalKey(Temperature.annotate({ description: "Sampling temperature, 0..2 (default 0.2)." }))
}

export const GenerateRequest = Schema.Struct({ ...generateFields, params: Schema.optionalKey(Params) })
export type GenerateRequest = typeof GenerateRequest.Type

/** The fields of a validation request; HTTP adds the artifact's parameters beside them. */
export const validateFields = {
  content: Schema.String.annotate({ description: "The artifact to check." }),
  prompt: Schema.optionalKey(
    Schema.String.annotate({
      description:
        "The request the content answers. The names it asks for (entities, participants, classes, states, steps …) must be in the artifact: fewer than half of them is an `off-topic` error, each other missing one a `missing-name` warning. Without it, only the content is judged."
    })
  )
}

/** The fields of an export request; HTTP adds the artifact's parameters beside them. */
export const exportFields = {
  content: Schema.String.annotate({ description: "The artifact to export; it must pass its validator." }),
  as: Schema.String.annotate({ description: "The export's name, e.g. `csv` or `markdown` for jira (GET /v1/plugins lists each artifact's `exports`)." })
}

const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1()

const decodeGenerate = Schema.decodeUnknownExit(GenerateRequest, { onExcessProperty: "error" })

/** Decodes a generation request (a fresh, plain object: nothing of the caller's object is kept). */
export const decodeGenerateRequest = (artifact: string, input: unknown): Effect.Effect<ArtifactRequest, InvalidRequest> => {
  const exit = decodeGenerate(input)
  if (Exit.isSuccess(exit)) return Effect.succeed(exit.value)
  // The fallbacks are for a failure that is not a schema issue, which the decoder does not produce.
  // Stryker disable next-line OptionalChaining
  const issue = (Cause.squash(exit.cause) as { issue?: unknown })?.issue
  // Stryker disable next-line ArrayDeclaration
  const [first] = SchemaIssue.isIssue(issue) ? formatIssues(issue).issues : []
  // the formatter's paths are plain keys
  // Stryker disable next-line OptionalChaining,ArrayDeclaration
  const field = (first?.path ?? []).map(String).join(".")
  // Stryker disable next-line OptionalChaining,StringLiteral
  const detail = (first?.message ?? "invalid request").replace(/^Expected /, "expected ")
  return Effect.fail(new InvalidRequest({ artifact, field, detail }))
}
