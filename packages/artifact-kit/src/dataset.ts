/**
 * Dataset helpers shared by every generator and by the checks on what they produce (DESIGN.md §10):
 * balanced domains, uniqueness, near-duplicate and structural-diversity measures.
 */
import type { DatasetExample } from "@lfai/core"
import { createRng, type Rng } from "./rng.ts"

/** Whitespace collapsed to single spaces and trimmed: the key for exact duplicates. */
export const collapseWhitespace = (text: string): string => text.replace(/\s+/g, " ").trim()

/**
 * `count` domain names in a seeded order, each used ⌊count/n⌋ or ⌈count/n⌉ times: no domain
 * gets more than its fair share.
 */
export const balancedDomains = (rng: Rng, domains: ReadonlyArray<string>, count: number): string[] => {
  const out: string[] = []
  while (out.length < count) out.push(...rng.shuffle(domains))
  return out.slice(0, count)
}

export interface UniqueExamplesOptions {
  readonly seed: number
  readonly count: number
  readonly domains: ReadonlyArray<string>
  /** A label that keeps one generator's stream apart from another's for the same seed. */
  readonly label: string
  /** Makes one example for the domain; `attempt` > 0 when an earlier draw was a duplicate. */
  readonly make: (rng: Rng, domain: string, index: number, attempt: number) => DatasetExample
  /** Draws per example before giving up on uniqueness for it (default 25). */
  readonly attempts?: number
}

/**
 * Generates `count` examples, domains balanced, no two outputs equal after whitespace collapsing.
 * Deterministic: each example draws from a generator forked off the seed by its index.
 */
export function* uniqueExamples(options: UniqueExamplesOptions): Generator<DatasetExample> {
  const root = createRng(options.seed, options.label)
  const plan = balancedDomains(root.fork("domains"), options.domains, Math.max(0, Math.trunc(options.count)))
  const seen = new Set<string>()
  const attempts = options.attempts ?? 25
  for (let index = 0; index < plan.length; index++) {
    const rng = root.fork(index)
    let example = options.make(rng, plan[index], index, 0)
    for (let attempt = 1; seen.has(collapseWhitespace(example.output)) && attempt < attempts; attempt++) {
      example = options.make(rng, plan[index], index, attempt)
    }
    seen.add(collapseWhitespace(example.output))
    yield example
  }
}

const WORD = /\S+/g

const fnv = (text: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0
  return h
}

/** The k-word shingles of a text, hashed, sorted and unique. */
export const shingles = (text: string, k = 5): Uint32Array => {
  const words = text.toLowerCase().match(WORD) ?? []
  const hashes = new Set<number>()
  if (words.length < k) hashes.add(fnv(words.join(" ")))
  for (let i = 0; i + k <= words.length; i++) hashes.add(fnv(words.slice(i, i + k).join(" ")))
  return Uint32Array.from([...hashes].sort((a, b) => a - b))
}

/** Jaccard similarity of two sorted unique arrays. */
export const jaccard = (a: Uint32Array, b: Uint32Array): number => {
  if (a.length === 0 && b.length === 0) return 1
  let i = 0
  let j = 0
  let common = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++
      i++
      j++
    } else if (a[i] < b[j]) i++
    else j++
  }
  return common / (a.length + b.length - common)
}

/**
 * The share of texts that have a near-duplicate (Jaccard ≥ threshold over k-word shingles) among
 * the others. Pairs whose sizes alone rule the threshold out are never compared.
 */
export const nearDuplicateRate = (texts: ReadonlyArray<string>, threshold = 0.9, k = 5): number => {
  if (texts.length < 2) return 0
  const sets = texts.map((text, index) => ({ index, set: shingles(text, k) })).sort((a, b) => a.set.length - b.set.length)
  const flagged = new Set<number>()
  for (let x = 0; x < sets.length; x++) {
    for (let y = x + 1; y < sets.length; y++) {
      if (sets[x].set.length < threshold * sets[y].set.length) break
      if (jaccard(sets[x].set, sets[y].set) >= threshold) {
        flagged.add(sets[x].index)
        flagged.add(sets[y].index)
      }
    }
  }
  return flagged.size / texts.length
}

/**
 * A text with every identifier, number and quoted string masked, and runs of masked words
 * (free-text labels) folded into one: what is left is the shape of the artifact.
 */
export const structureSignature = (text: string): string =>
  text
    .replace(/"[^"\n]*"|'[^'\n]*'/g, "S")
    .replace(/\b\d+(?:\.\d+)?\b/g, "0")
    .replace(/[A-Za-z_\u00c0-\uffff][\w\u00c0-\uffff]*/g, "w")
    .replace(/\bw(?:[ \t]+w\b)+/g, "w")
    .replace(/[ \t]+/g, " ")
    .replace(/\n\s*\n/g, "\n")
    .trim()

/** Distinct structure signatures over all texts (1 = every text has its own shape). */
export const structuralDiversity = (texts: ReadonlyArray<string>): number =>
  texts.length === 0 ? 0 : new Set(texts.map(structureSignature)).size / texts.length

export interface DatasetReport {
  readonly examples: number
  readonly domains: number
  readonly maxDomainShare: number
  readonly exactDuplicates: number
  readonly nearDuplicateRate: number
  readonly structuralDiversity: number
}

/** The numbers DESIGN.md §10 asks of a dataset, for tests and the dataset builder. */
export const datasetReport = (examples: ReadonlyArray<DatasetExample>): DatasetReport => {
  const perDomain = new Map<string, number>()
  for (const example of examples) perDomain.set(example.domain, (perDomain.get(example.domain) ?? 0) + 1)
  const outputs = examples.map((example) => example.output)
  const keys = new Set(outputs.map(collapseWhitespace))
  return {
    examples: examples.length,
    domains: perDomain.size,
    maxDomainShare: examples.length === 0 ? 0 : Math.max(...perDomain.values()) / examples.length,
    exactDuplicates: examples.length - keys.size,
    nearDuplicateRate: nearDuplicateRate(outputs),
    structuralDiversity: structuralDiversity(outputs)
  }
}
