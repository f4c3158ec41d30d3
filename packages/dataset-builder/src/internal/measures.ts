/**
 * What the data-quality rules measure on one artifact's chat lines, shared by the build's rules
 * (Quality) and `inspect`, so both report the same figures: repeated prompts, the lines and runs
 * of lines that recur across answers, and what the train and validation sides share.
 */
import { collapseWhitespace } from "./text.ts"

const FENCE = /^(`{3,}|~{3,})/

/**
 * The lines of an answer as the boilerplate rule reads them: each trimmed with its whitespace
 * collapsed and every number masked (`0`); blank lines and code fences dropped, and the first line
 * left (the header, `erDiagram` or `<!DOCTYPE html>`, which every answer of an artifact shares).
 */
export const answerLines = (answer: string): string[] =>
  answer
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim().replace(/\s+/g, " "))
    .filter((line) => line !== "" && !FENCE.test(line))
    .slice(1)
    .map((line) => line.replace(/\p{N}+/gu, "0"))

/** Every run of `size` consecutive lines, each once, joined by newlines. */
export const lineRuns = (lines: ReadonlyArray<string>, size: number): Set<string> => {
  const runs = new Set<string>()
  for (let i = 0; i + size <= lines.length; i++) runs.add(lines.slice(i, i + size).join("\n"))
  return runs
}

export interface Recurring {
  /** The line, or the run's lines joined by newlines. */
  readonly text: string
  /** Answers holding it (each counted once). */
  readonly answers: number
  readonly share: number
  /** The indices of those answers, ascending. */
  readonly examples: ReadonlyArray<number>
}

/** The runs of `size` lines held by the most answers, most first (ties: the text), at most `top`. */
export const recurringRuns = (answers: ReadonlyArray<string>, size: number, top: number): Recurring[] => {
  const holders = new Map<string, number[]>()
  answers.forEach((answer, i) => {
    for (const run of lineRuns(answerLines(answer), size)) {
      const list = holders.get(run)
      if (list) list.push(i)
      else holders.set(run, [i])
    }
  })
  const n = Math.max(1, answers.length)
  return [...holders.entries()]
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, top)
    .map(([text, examples]) => ({ text, answers: examples.length, share: Number((examples.length / n).toFixed(4)), examples }))
}

export interface PromptRepeats {
  readonly distinct: number
  readonly share: number
  /** Indices of the prompts seen before (each after its first occurrence). */
  readonly repeats: ReadonlyArray<number>
  /** The prompt repeated most, and how many times it occurs. */
  readonly mostRepeated: { readonly text: string; readonly times: number }
}

/** How many user prompts are distinct once whitespace is collapsed. */
export const promptRepeats = (prompts: ReadonlyArray<string>): PromptRepeats => {
  const seen = new Map<string, number>()
  const repeats: number[] = []
  prompts.forEach((prompt, i) => {
    const key = collapseWhitespace(prompt)
    const times = seen.get(key) ?? 0
    if (times > 0) repeats.push(i)
    seen.set(key, times + 1)
  })
  let most = { text: "", times: 0 }
  for (const [text, times] of seen) if (times > most.times) most = { text, times }
  return { distinct: seen.size, share: prompts.length === 0 ? 1 : Number((seen.size / prompts.length).toFixed(4)), repeats, mostRepeated: most }
}

/** The validation-side indices whose text (whitespace collapsed) also occurs on the training side, and how many texts are shared. */
export const sharedAcrossSplit = (texts: ReadonlyArray<string>, inVal: ReadonlyArray<boolean>): { readonly shared: number; readonly examples: ReadonlyArray<number> } => {
  const train = new Set<string>()
  texts.forEach((text, i) => {
    if (!inVal[i]) train.add(collapseWhitespace(text))
  })
  const shared = new Set<string>()
  const examples: number[] = []
  texts.forEach((text, i) => {
    const key = collapseWhitespace(text)
    if (inVal[i] && train.has(key)) {
      shared.add(key)
      examples.push(i)
    }
  })
  return { shared: shared.size, examples }
}
