/**
 * Dataset helpers shared by every generator: balanced domains and unique outputs. The quality
 * rules are measured in one place, `@lfai/dataset-builder`'s `checkArtifact`,
 * whose tests build every plugin's examples under those rules.
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
 * Generates `count` examples, domains balanced, no two outputs equal after whitespace collapsing
 * and case folding (two answers that differ only in case are near duplicates, not variety).
 * Deterministic: each example draws from a generator forked off the seed by its index.
 */
export function* uniqueExamples(options: UniqueExamplesOptions): Generator<DatasetExample> {
  const root = createRng(options.seed, options.label)
  const plan = balancedDomains(root.fork("domains"), options.domains, Math.max(0, Math.trunc(options.count)))
  const seen = new Set<string>()
  const attempts = options.attempts ?? 25
  for (let index = 0; index < plan.length; index++) {
    const rng = root.fork(index)
    const key = (output: string) => collapseWhitespace(output).toLowerCase()
    let example = options.make(rng, plan[index], index, 0)
    for (let attempt = 1; seen.has(key(example.output)) && attempt < attempts; attempt++) {
      example = options.make(rng, plan[index], index, attempt)
    }
    seen.add(key(example.output))
    yield example
  }
}
