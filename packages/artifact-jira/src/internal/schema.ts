/**
 * The stories document: one `effect/Schema` definition, decoded strictly (unknown keys are errors)
 * and turned into the JSON Schema sent as structured output, so the two cannot drift apart.
 */
import { Schema } from "effect"
import type { JsonSchema } from "@lfai/core"

/** The story-point scale (a Fibonacci-like planning-poker scale). */
export const STORY_POINTS = [1, 2, 3, 5, 8, 13] as const
export const PRIORITIES = ["Highest", "High", "Medium", "Low", "Lowest"] as const

const Text = (description: string) => Schema.String.check(Schema.isMinLength(1)).annotate({ description })

export const Epic = Schema.Struct({
  summary: Text("The epic's title"),
  description: Schema.optionalKey(Schema.String.annotate({ description: "What the epic delivers, optional" }))
})

export const Story = Schema.Struct({
  summary: Text("A short title, unique in the document"),
  role: Text("Who wants it: the 'As a …' of the user-story sentence"),
  goal: Text("What they want: the 'I want …' (one goal)"),
  benefit: Text("Why: the 'so that …'"),
  description: Schema.optionalKey(Schema.String.annotate({ description: "Details, Markdown, optional" })),
  acceptance_criteria: Text("Gherkin: a Feature with at least one Scenario holding Given, When and Then steps"),
  story_points: Schema.Literals(STORY_POINTS).annotate({ description: "Estimate on the scale 1, 2, 3, 5, 8, 13" }),
  priority: Schema.Literals(PRIORITIES),
  labels: Schema.optionalKey(Schema.Array(Schema.String))
})
export type Story = typeof Story.Type

export const StoriesDocument = Schema.Struct({
  epic: Schema.optionalKey(Epic),
  stories: Schema.Array(Story).check(Schema.isMinLength(1))
})
export type StoriesDocument = typeof StoriesDocument.Type

/** How the document is decoded: every problem reported, unknown keys refused. */
export const DECODE_OPTIONS = { errors: "all", onExcessProperty: "error" } as const

/** The JSON Schema of the document (draft 2020-12, no references), for Ollama's `format` and Gemini's `responseJsonSchema`. */
export const storiesJsonSchema: JsonSchema = Schema.toJsonSchemaDocument(StoriesDocument, { onExcessProperty: "error" }).schema as JsonSchema
