/** Small helpers for writing the examples' source text. */
import type { Rng } from "@lfai/artifact-kit"

/** One generated file. */
export interface SourceFile {
  readonly path: string
  readonly text: string
}

/** What a shape makes: its files and the request a user would have written for them. */
export interface Made {
  readonly shape: string
  readonly files: ReadonlyArray<SourceFile>
  readonly prompt: string
}

/** Lines written with two-space steps, re-indented with `unit` (two or four spaces). */
export const reindent = (text: string, unit: string): string =>
  unit === "  " ? text : text.replace(/^( +)/gm, (spaces) => unit.repeat(Math.floor(spaces.length / 2)) + (spaces.length % 2 === 1 ? " " : ""))

/** Joins lines, dropping `undefined` and `false` entries (optional parts). */
export const lines = (...parts: ReadonlyArray<string | undefined | false | ReadonlyArray<string | undefined | false>>): string =>
  parts
    .flat()
    .filter((part): part is string => typeof part === "string")
    .join("\n")

/** A list in words: `a, b and c`. */
export const listed = (items: ReadonlyArray<string>, and = "and"): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} ${and} ${items[items.length - 1]}`

/** One of several phrasings. */
export const either = <T>(rng: Rng, ...options: ReadonlyArray<T>): T => rng.pick(options)

/** A sentence with its first letter capitalised. */
export const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/**
 * " Add a, b and c." for the optional parts an answer has, so every phrasing asks for all of them.
 * The lead is no list cue ("include", "with"): the parts are wishes, not names the code declares.
 */
export const including = (parts: ReadonlyArray<string | false | undefined>, lead = "Add"): string => {
  const present = parts.filter((part): part is string => typeof part === "string" && part !== "")
  return present.length === 0 ? "" : ` ${lead} ${listed(present)}.`
}
