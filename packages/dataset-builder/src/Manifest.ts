/**
 * The manifest: `{ seed, artifacts: [{ artifact, file, examples, domains, passed,
 * sha256 }] }`, plus the quality figures each rule was checked on and the failures, if any.
 */

/** The thresholds a build checks; the defaults are the dataset contract in README.md. */
export interface QualityRules {
  /** At least this many distinct domains per artifact. */
  readonly minDomains: number
  /** No domain above this share of an artifact's examples. */
  readonly maxDomainShare: number
  /** Jaccard similarity at or above which two assistant messages are near duplicates. */
  readonly nearDuplicateJaccard: number
  /** Words per shingle for the Jaccard similarity. */
  readonly shingleWords: number
  /** The near-duplicate share (examples a dedup would drop / examples) must stay under this. */
  readonly maxNearDuplicateShare: number
  /** At least this share of outputs must differ in structure once identifiers and numbers are masked. */
  readonly minStructureShare: number
  /** The validation split's share, by a stable hash of each near-duplicate cluster. */
  readonly valShare: number
  /** Another seed must change the examples: at most this share of outputs may recur. */
  readonly maxSeedOverlap: number
  /** At least this share of the user prompts must be distinct (whitespace collapsed). */
  readonly minDistinctPrompts: number
  /** Lines in a run for the boilerplate rule. */
  readonly boilerplateRunLines: number
  /** No run of `boilerplateRunLines` answer lines may occur in more than this share of the answers. */
  readonly maxBoilerplateShare: number
}

export const DEFAULT_RULES: QualityRules = {
  minDomains: 20,
  maxDomainShare: 0.1,
  nearDuplicateJaccard: 0.9,
  shingleWords: 5,
  maxNearDuplicateShare: 0.02,
  minStructureShare: 0.25,
  valShare: 0.05,
  maxSeedOverlap: 0.5,
  minDistinctPrompts: 0.95,
  boilerplateRunLines: 3,
  maxBoilerplateShare: 0.2
}

export const DEFAULT_COUNT = 1000
export const DEFAULT_SEED = 42
export const DEFAULT_OUT = "datasets"

/** The rules a build checks, by name; a failure names one. */
export type RuleName =
  | "generator"
  | "count"
  | "shape"
  | "domains"
  | "domain-balance"
  | "exact-duplicates"
  | "near-duplicates"
  | "templates"
  | "validation"
  | "faithfulness"
  | "prompt-distinct"
  | "boilerplate"
  | "leakage"
  | "deterministic"
  | "seed-sensitive"
  | "split"

export interface Failure {
  readonly rule: RuleName
  /** What is wrong, in words, with the figures. */
  readonly message: string
  readonly figures: Readonly<Record<string, number | string>>
  /** 0-based indices of offending examples (the line in `<artifact>.jsonl` is index + 1); at most 20. */
  readonly examples: ReadonlyArray<number>
  /** How many offending examples there are in all (may exceed the listed ones). */
  readonly offending: number
}

export interface SplitFile {
  readonly file: string
  readonly examples: number
  readonly sha256: string
}

export interface ArtifactQuality {
  readonly domainCounts: Readonly<Record<string, number>>
  readonly maxDomain: { readonly domain: string; readonly share: number }
  readonly exactDuplicates: number
  readonly nearDuplicates: { readonly pairs: number; readonly redundant: number; readonly share: number; readonly involved: number }
  readonly structures: { readonly distinct: number; readonly share: number }
  readonly validation: { readonly passed: number; readonly failed: number; readonly minScore: number; readonly meanScore: number }
  /** Examples judged with their own user prompt as the request: how many hold everything it asks for. */
  readonly faithfulness: { readonly faithful: number; readonly offTopic: number; readonly missingName: number; readonly share: number }
  /** Distinct user prompts (whitespace collapsed), and the one repeated most. */
  readonly prompts: { readonly distinct: number; readonly share: number; readonly mostRepeated: number }
  /** The run of answer lines held by the most answers (numbers masked; the header line and fences not counted). */
  readonly boilerplate: { readonly run: string; readonly answers: number; readonly share: number }
  readonly split: { readonly train: number; readonly val: number; readonly clusters: number; readonly leakingPairs: number }
  /** User prompts and answers (whitespace collapsed) found on both sides of the split. */
  readonly leakage: { readonly sharedPrompts: number; readonly sharedAnswers: number }
  readonly deterministic: boolean
  /** Share of outputs that recur when the generator runs with seed + 1. */
  readonly seedOverlap: number
}

export interface ArtifactEntry {
  readonly artifact: string
  /** `<artifact>.jsonl`, relative to the manifest. */
  readonly file: string
  readonly examples: number
  /** Number of distinct domains. */
  readonly domains: number
  readonly passed: boolean
  /** Hex SHA-256 of the file's bytes. */
  readonly sha256: string
  readonly train: SplitFile
  readonly val: SplitFile
  /** The artifact's base model (a fine-tuned adapter applies to it; see `modelfile`). */
  readonly model: string
  readonly package: { readonly name: string; readonly version: string }
  readonly quality: ArtifactQuality
  readonly failures: ReadonlyArray<Failure>
}

export interface Manifest {
  readonly seed: number
  readonly count: number
  readonly rules: QualityRules
  readonly passed: boolean
  readonly artifacts: ReadonlyArray<ArtifactEntry>
}

export const manifestFile = "manifest.json"
export const artifactFiles = (artifact: string) => ({
  all: `${artifact}.jsonl`,
  train: `${artifact}.train.jsonl`,
  val: `${artifact}.val.jsonl`,
  manifest: `${artifact}.manifest.json`
})

/** Serialises a manifest the one way (stable key order, 2-space indent, final newline). */
export const renderManifest = (manifest: Manifest): string => JSON.stringify(manifest, null, 2) + "\n"

export const makeManifest = (
  seed: number,
  count: number,
  rules: QualityRules,
  artifacts: ReadonlyArray<ArtifactEntry>
): Manifest => {
  const sorted = [...artifacts].sort((a, b) => (a.artifact < b.artifact ? -1 : a.artifact > b.artifact ? 1 : 0))
  return { seed, count, rules, passed: sorted.every((entry) => entry.passed), artifacts: sorted }
}

/** Every failure of a manifest as report text: artifact, rule, figures and example indices. */
export const formatFailures = (manifest: Manifest): string => {
  const lines: string[] = []
  for (const entry of manifest.artifacts) {
    for (const failure of entry.failures) {
      const figures = Object.entries(failure.figures)
        .map(([key, value]) => `${key}=${value}`)
        .join(", ")
      const where =
        failure.examples.length === 0
          ? ""
          : ` — examples ${failure.examples.map((i) => `#${i}`).join(", ")}${failure.offending > failure.examples.length ? ` (and ${failure.offending - failure.examples.length} more)` : ""}`
      lines.push(`${entry.artifact}: [${failure.rule}] ${failure.message}${figures ? ` (${figures})` : ""}${where}`)
    }
  }
  return lines.join("\n")
}
