/**
 * One artifact's dataset: generate, put in chat form, and check every quality rule (README.md):
 * the examples' shape and count, each answer validated against its own user prompt (valid and
 * faithful), domains, duplicates, near duplicates, templates, distinct prompts, boilerplate, the
 * split and what its two sides share, determinism. Pure apart from the progress callback; writing
 * files is Build's job.
 */
import { createHash } from "node:crypto"
import { Effect } from "effect"
import { answerOf, type ArtifactPlugin, type ArtifactRequest, type DatasetExample, type ValidationPoolShape } from "@lfai/core"
import type { ArtifactQuality, Failure, QualityRules, RuleName } from "./Manifest.ts"
import { similarPairs, clusters } from "./internal/similarity.ts"
import { documentJob, outcomeOf, validateJob, type ValidationJob, type ValidationOutcome } from "./internal/validate.ts"
import { promptRepeats, recurringRuns, sharedAcrossSplit } from "./internal/measures.ts"
import { collapseWhitespace, shingles, structureOf } from "./internal/text.ts"

export type Phase = "generate" | "validate" | "check"

export interface ArtifactProgress {
  readonly artifact: string
  readonly phase: Phase
  readonly done: number
  readonly total: number
}

/** A line of `<artifact>.jsonl`: the chat form. */
export interface ChatLine {
  readonly messages: readonly [
    { readonly role: "system"; readonly content: string },
    { readonly role: "user"; readonly content: string },
    { readonly role: "assistant"; readonly content: string }
  ]
  readonly domain: string
  readonly artifact: string
}

export interface CheckedArtifact {
  readonly artifact: string
  /** One serialised chat line per example, in generation order. */
  readonly lines: ReadonlyArray<string>
  /** Per example: true when it belongs to the validation split. */
  readonly inVal: ReadonlyArray<boolean>
  readonly domains: number
  readonly quality: ArtifactQuality
  readonly failures: ReadonlyArray<Failure>
  /** Threads that validated (1: this one; more: worker threads after the timed probe). Not in the manifest. */
  readonly validationThreads: number
}

const LISTED = 20
const YIELD_EVERY = 64
/** Examples validated (and timed) on this thread before deciding on worker threads. */
const PROBE = 32
/** About what a worker takes to start and import a Mermaid-based plugin. */
const WORKER_START_MS = 1500

const failure = (
  rule: RuleName,
  message: string,
  figures: Record<string, number | string>,
  offending: ReadonlyArray<number> = []
): Failure => ({ rule, message, figures, examples: offending.slice(0, LISTED), offending: offending.length })

const round = (value: number, digits = 4): number => Number(value.toFixed(digits))
const pct = (share: number): string => `${round(share * 100, 2)}%`
const tick = () => new Promise<void>((resolve) => setImmediate(resolve))

const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === "string")

/** The request an example stands for: instruction (and input) as the prompt, `meta.params` as params. */
export const exampleRequest = (example: DatasetExample): ArtifactRequest => {
  const input = typeof example.input === "string" && example.input.trim() !== "" ? example.input : undefined
  const prompt = input === undefined ? String(example.instruction) : `${String(example.instruction)}\n\n${input}`
  const params = isStringRecord(example.meta?.params) ? example.meta.params : undefined
  return params ? { prompt, params } : { prompt }
}

/** An example in the chat form: system = the plugin's system prompt, user = its user prompt for the request. */
export const toChatLine = (plugin: ArtifactPlugin, example: DatasetExample): ChatLine => ({
  messages: [
    { role: "system", content: plugin.prompt.system },
    { role: "user", content: plugin.prompt.user(exampleRequest(example)) },
    { role: "assistant", content: answerOf(plugin, String(example.output)) }
  ],
  domain: String(example.domain),
  artifact: plugin.id
})

/** The user message of an example's chat line ("" when the plugin's template throws on it). */
const userPromptOf = (plugin: ArtifactPlugin, example: DatasetExample): string => {
  try {
    return plugin.prompt.user(exampleRequest(example))
  } catch {
    return ""
  }
}

const shapeProblem = (example: unknown): string | undefined => {
  if (typeof example !== "object" || example === null) return "not an object"
  const e = example as Record<string, unknown>
  if (typeof e.instruction !== "string" || e.instruction.trim() === "") return "instruction is not a non-empty string"
  if (typeof e.output !== "string" || e.output.trim() === "") return "output is not a non-empty string"
  if (typeof e.domain !== "string" || e.domain.trim() === "") return "domain is not a non-empty string"
  if (e.input !== undefined && typeof e.input !== "string") return "input is neither absent nor a string"
  if (typeof e.meta !== "object" || e.meta === null) return "meta is not an object"
  return undefined
}

/** Takes up to `count` examples from the plugin's generator; a throw is reported, not raised. */
const draw = (plugin: ArtifactPlugin, seed: number, count: number): { examples: DatasetExample[]; error?: string } => {
  const examples: DatasetExample[] = []
  try {
    for (const example of plugin.dataset.generate({ seed, count })) {
      if (examples.length >= count) break
      examples.push(example)
    }
    return { examples }
  } catch (error) {
    return { examples, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
  }
}

const serialise = (plugin: ArtifactPlugin, example: DatasetExample): string => {
  try {
    return JSON.stringify(toChatLine(plugin, example))
  } catch (error) {
    return JSON.stringify({ unserialisable: String(error) })
  }
}

/** Sha-256 of a string, hex. */
export const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex")

/**
 * Which side of the split a near-duplicate cluster goes to: the smallest SHA-256 of its members'
 * whitespace-collapsed outputs, read as a fraction of 2^32, below `valShare` → validation. Stable:
 * an example keeps its side whatever else is in the build, and a cluster never straddles.
 */
const clusterGoesToVal = (memberHashes: ReadonlyArray<string>, valShare: number): boolean => {
  let key = memberHashes[0]
  for (const hash of memberHashes) if (hash < key) key = hash
  return parseInt(key.slice(0, 8), 16) / 2 ** 32 < valShare
}

export interface CheckOptions {
  readonly seed: number
  readonly count: number
  readonly rules: QualityRules
  /** Core's validation pool (absent, or of size 0: validate on this thread). */
  readonly pool?: ValidationPoolShape
  /** The estimated start-up cost of a worker, weighed against the validation time it saves (default 1500 ms). */
  readonly workerStartMs?: number
}

export const checkArtifact = async (
  plugin: ArtifactPlugin,
  options: CheckOptions,
  onProgress: (progress: ArtifactProgress) => void = () => {}
): Promise<CheckedArtifact> => {
  const { seed, count, rules } = options
  const artifact = plugin.id
  const failures: Failure[] = []
  const report = (phase: Phase, done: number, total: number) => onProgress({ artifact, phase, done, total })

  // Generate.
  report("generate", 0, count)
  const drawn = draw(plugin, seed, count)
  const examples = drawn.examples
  if (drawn.error !== undefined) {
    failures.push(
      failure("generator", `the generator threw after ${examples.length} examples: ${drawn.error}`, { produced: examples.length, expected: count })
    )
  }
  if (examples.length < count && drawn.error === undefined) {
    failures.push(failure("count", `the generator produced ${examples.length} examples, ${count} were asked for`, { produced: examples.length, expected: count }))
  }
  report("generate", examples.length, count)
  const n = examples.length

  // Shape.
  const misshapen: number[] = []
  const problems = new Map<string, number>()
  examples.forEach((example, i) => {
    const problem = shapeProblem(example)
    if (problem !== undefined) {
      misshapen.push(i)
      problems.set(problem, (problems.get(problem) ?? 0) + 1)
    }
  })
  if (misshapen.length > 0) {
    const first = [...problems.entries()].map(([problem, times]) => `${problem} (${times})`).join("; ")
    failures.push(failure("shape", `${misshapen.length} examples are malformed: ${first}`, { malformed: misshapen.length, examples: n }, misshapen))
  }

  const lines = examples.map((example) => serialise(plugin, example))
  // The assistant turns, as a model should answer: what is validated and compared for duplicates.
  const outputs = examples.map((example) => answerOf(plugin, String(example?.output ?? "")))
  // The user turns: each answer is judged against its own, and they must not repeat.
  const prompts = examples.map((example) => userPromptOf(plugin, example))

  // Validate every example with its own plugin, the way the pipeline does: extract, then validate.
  const jobs: ValidationJob[] = []
  const unjobbable = new Map<number, ValidationOutcome>()
  examples.forEach((example, i) => {
    try {
      jobs.push({ output: outputs[i], request: exampleRequest(example), prompt: prompts[i] })
    } catch (error) {
      jobs.push({ output: outputs[i], request: { prompt: "" }, prompt: "" })
      unjobbable.set(i, { passed: false, score: 0, reason: `malformed example: ${error instanceof Error ? error.message : String(error)}`, offTopic: false, missingNames: 0 })
    }
  })
  // The first examples are validated here, timed; the rest go to worker threads only when that
  // pays for the workers' start (each imports the plugin, Mermaid and all): a validator at ~5 ms
  // an example is done before workers would be ready, one at ~60 ms is not.
  const workers = Math.max(1, options.pool?.size ?? 1)
  const local: ValidationOutcome[] = []
  const started = performance.now()
  const probe = Math.min(n, PROBE)
  for (let i = 0; i < probe; i++) local.push(validateJob(plugin, jobs[i]))
  report("validate", probe, n)
  const perExample = probe === 0 ? 0 : (performance.now() - started) / probe
  const remaining = n - probe
  const worthIt = perExample * remaining > perExample * (remaining / workers) + (options.workerStartMs ?? WORKER_START_MS) * 2
  let pooled: ReadonlyArray<ValidationOutcome> | undefined
  const pool = options.pool
  if (pool !== undefined && workers > 1 && remaining > 0 && worthIt) {
    let done = probe
    pooled = await Effect.runPromise(
      Effect.forEach(
        jobs.slice(probe),
        (job) =>
          Effect.map(pool.check(plugin, documentJob(job)), (checked) => {
            if (++done % YIELD_EVERY === 0) report("validate", done, n)
            return outcomeOf(checked)
          }),
        { concurrency: workers }
      )
    )
  }
  const validationThreads = pooled !== undefined ? Math.min(workers, remaining) : 1
  if (pooled !== undefined) local.push(...pooled)
  else {
    for (let i = probe; i < n; i++) {
      local.push(validateJob(plugin, jobs[i]))
      if ((i + 1) % YIELD_EVERY === 0) {
        report("validate", i + 1, n)
        await tick()
      }
    }
  }
  const outcomes = local
  let passedCount = 0
  let scoreSum = 0
  let minScore = n === 0 ? 0 : 100
  const invalid: number[] = []
  const reasons = new Map<string, number>()
  const unfaithful: number[] = []
  let offTopic = 0
  let missingName = 0
  outcomes.forEach((computed, i) => {
    const outcome = unjobbable.get(i) ?? computed
    scoreSum += outcome.score
    minScore = Math.min(minScore, outcome.score)
    if (outcome.passed) passedCount++
    else {
      invalid.push(i)
      reasons.set(outcome.reason, (reasons.get(outcome.reason) ?? 0) + 1)
    }
    if (outcome.offTopic || outcome.missingNames > 0) unfaithful.push(i)
    if (outcome.offTopic) offTopic++
    if (outcome.missingNames > 0) missingName++
  })
  report("validate", n, n)
  if (invalid.length > 0) {
    const why = [...reasons.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([reason, times]) => `${reason} ×${times}`)
      .join(", ")
    failures.push(
      failure(
        "validation",
        `${invalid.length} of ${n} examples fail their own plugin's validator: ${why}`,
        { failed: invalid.length, examples: n, minScore },
        invalid
      )
    )
  }
  // Faithful: the answer holds everything its own prompt asks for (no off-topic, no missing name).
  const faithfulShare = n === 0 ? 1 : (n - unfaithful.length) / n
  if (unfaithful.length > 0) {
    failures.push(
      failure(
        "faithfulness",
        `${unfaithful.length} of ${n} answers lack what their own prompt asks for: off-topic ×${offTopic}, missing names in ×${missingName}`,
        { unfaithful: unfaithful.length, offTopic, missingName, examples: n, share: round(faithfulShare) },
        unfaithful
      )
    )
  }

  // Domains: enough of them, all declared, none too large.
  report("check", 0, 5)
  const declared = new Set(plugin.dataset.domains)
  const domainCounts = new Map<string, number>()
  const undeclared: number[] = []
  examples.forEach((example, i) => {
    const domain = String(example?.domain ?? "")
    domainCounts.set(domain, (domainCounts.get(domain) ?? 0) + 1)
    if (!declared.has(domain)) undeclared.push(i)
  })
  const sortedDomains = [...domainCounts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  const [topDomain, topCount] = sortedDomains[0] ?? ["", 0]
  const topShare = n === 0 ? 0 : topCount / n
  if (domainCounts.size < rules.minDomains) {
    failures.push(
      failure("domains", `${domainCounts.size} distinct domains, at least ${rules.minDomains} are required`, { domains: domainCounts.size, required: rules.minDomains })
    )
  }
  if (undeclared.length > 0) {
    failures.push(
      failure("domains", `${undeclared.length} examples use a domain the plugin does not declare in dataset.domains`, { undeclared: undeclared.length }, undeclared)
    )
  }
  if (topShare > rules.maxDomainShare) {
    const offenders = examples.flatMap((example, i) => (String(example?.domain) === topDomain ? [i] : []))
    failures.push(
      failure(
        "domain-balance",
        `domain "${topDomain}" holds ${pct(topShare)} of the examples, the limit is ${pct(rules.maxDomainShare)}`,
        { domain: topDomain, examples: topCount, share: round(topShare), limit: rules.maxDomainShare },
        offenders
      )
    )
  }

  // Exact duplicates (whitespace-collapsed assistant message).
  report("check", 1, 5)
  const collapsed = outputs.map(collapseWhitespace)
  const firstSeen = new Map<string, number>()
  const duplicates: number[] = []
  const duplicateOf: string[] = []
  collapsed.forEach((text, i) => {
    const first = firstSeen.get(text)
    if (first === undefined) firstSeen.set(text, i)
    else {
      duplicates.push(i)
      if (duplicateOf.length < 5) duplicateOf.push(`#${i} = #${first}`)
    }
  })
  if (duplicates.length > 0) {
    failures.push(
      failure("exact-duplicates", `${duplicates.length} assistant messages repeat an earlier one after whitespace is collapsed (${duplicateOf.join(", ")})`, { duplicates: duplicates.length }, duplicates)
    )
  }

  // Near duplicates: Jaccard over word shingles, exact.
  report("check", 2, 5)
  const pairs = similarPairs(
    outputs.map((output) => shingles(output, rules.shingleWords)),
    rules.nearDuplicateJaccard
  )
  await tick()
  const groups = clusters(n, pairs)
  const redundant = n - groups.length
  const involved = groups.filter((group) => group.length > 1).reduce((sum, group) => sum + group.length, 0)
  const nearShare = n === 0 ? 0 : redundant / n
  if (nearShare >= rules.maxNearDuplicateShare) {
    const offenders = groups.filter((group) => group.length > 1).flatMap((group) => group.slice(1))
    const sample = pairs
      .slice(0, 5)
      .map((pair) => `#${pair.a}~#${pair.b} (${round(pair.jaccard, 3)})`)
      .join(", ")
    failures.push(
      failure(
        "near-duplicates",
        `${pct(nearShare)} of the examples are near duplicates (Jaccard ≥ ${rules.nearDuplicateJaccard} over ${rules.shingleWords}-word shingles) of another; it must stay under ${pct(rules.maxNearDuplicateShare)}: ${sample}`,
        { redundant, pairs: pairs.length, share: round(nearShare), limit: rules.maxNearDuplicateShare },
        offenders.sort((a, b) => a - b)
      )
    )
  }

  // Templates: structure with identifiers and numbers masked.
  report("check", 3, 5)
  const structures = new Map<string, number[]>()
  outputs.forEach((output, i) => {
    const key = structureOf(output)
    const members = structures.get(key)
    if (members) members.push(i)
    else structures.set(key, [i])
  })
  const structureShare = n === 0 ? 0 : structures.size / n
  if (structureShare < rules.minStructureShare) {
    const biggest = [...structures.values()].sort((a, b) => b.length - a.length)[0] ?? []
    failures.push(
      failure(
        "templates",
        `only ${structures.size} distinct structures among ${n} outputs once identifiers and numbers are masked (${pct(structureShare)}, at least ${pct(rules.minStructureShare)} required); the most common one covers ${biggest.length} examples`,
        { distinct: structures.size, examples: n, share: round(structureShare), required: rules.minStructureShare },
        biggest
      )
    )
  }

  // Prompts: as varied as the requests people write.
  const repeated = promptRepeats(prompts)
  if (n > 0 && repeated.share < rules.minDistinctPrompts) {
    failures.push(
      failure(
        "prompt-distinct",
        `only ${repeated.distinct} of ${n} user prompts are distinct once whitespace is collapsed (${pct(repeated.share)}, at least ${pct(rules.minDistinctPrompts)} required); the most repeated one occurs ${repeated.mostRepeated.times} times: "${repeated.mostRepeated.text.slice(0, 120)}"`,
        { distinct: repeated.distinct, examples: n, share: repeated.share, required: rules.minDistinctPrompts, mostRepeated: repeated.mostRepeated.times },
        repeated.repeats
      )
    )
  }

  // Boilerplate: nothing injected into every answer (numbers masked; header line and fences not counted).
  const [topRun] = recurringRuns(outputs, rules.boilerplateRunLines, 1)
  if (topRun !== undefined && topRun.share > rules.maxBoilerplateShare) {
    failures.push(
      failure(
        "boilerplate",
        `the same ${rules.boilerplateRunLines} answer lines occur in ${topRun.answers} of ${n} answers (${pct(topRun.share)}, the limit is ${pct(rules.maxBoilerplateShare)}): ${topRun.text.split("\n").join(" ⏎ ").slice(0, 200)}`,
        { answers: topRun.answers, examples: n, share: topRun.share, limit: rules.maxBoilerplateShare, run: topRun.text.split("\n").join(" ⏎ ") },
        topRun.examples
      )
    )
  }

  // Split by cluster: near duplicates, exact ones and examples that share a prompt always land on
  // the same side, so the two sides share no answer and no prompt.
  report("check", 4, 5)
  const firstWithPrompt = new Map<string, number>()
  const samePrompt: Array<{ a: number; b: number }> = []
  prompts.forEach((prompt, i) => {
    const key = collapseWhitespace(prompt)
    const first = firstWithPrompt.get(key)
    if (first === undefined) firstWithPrompt.set(key, i)
    else samePrompt.push({ a: first, b: i })
  })
  const splitGroups = samePrompt.length === 0 ? groups : clusters(n, [...pairs, ...samePrompt])
  const hashes = collapsed.map((text) => sha256(text))
  const inVal = new Array<boolean>(n).fill(false)
  for (const group of splitGroups) {
    const val = clusterGoesToVal(
      group.map((i) => hashes[i]),
      rules.valShare
    )
    for (const i of group) inVal[i] = val
  }
  const leakingPairs = pairs.filter((pair) => inVal[pair.a] !== inVal[pair.b]).length
  const valCount = inVal.filter(Boolean).length
  if (leakingPairs > 0) {
    failures.push(failure("split", `${leakingPairs} near-duplicate pairs straddle the train/val split`, { leakingPairs }))
  }
  const sharedPrompts = sharedAcrossSplit(prompts, inVal)
  const sharedAnswers = sharedAcrossSplit(outputs, inVal)
  if (sharedPrompts.shared > 0 || sharedAnswers.shared > 0) {
    failures.push(
      failure(
        "leakage",
        `the validation side shares ${sharedPrompts.shared} user prompts and ${sharedAnswers.shared} answers with the training side (whitespace collapsed)`,
        { sharedPrompts: sharedPrompts.shared, sharedAnswers: sharedAnswers.shared },
        [...new Set([...sharedPrompts.examples, ...sharedAnswers.examples])].sort((a, b) => a - b)
      )
    )
  }

  // Determinism: the same seed again gives the same lines; another seed gives other examples.
  const again = draw(plugin, seed, count)
  const differing: number[] = []
  const againLines = again.examples.map((example) => serialise(plugin, example))
  for (let i = 0; i < Math.max(n, againLines.length); i++) if (lines[i] !== againLines[i]) differing.push(i)
  if (again.error !== undefined && drawn.error === undefined) differing.push(again.examples.length)
  if (differing.length > 0) {
    failures.push(
      failure("deterministic", `a second run with seed ${seed} gave ${differing.length} different examples: the generator is not a function of its seed`, { differing: differing.length, seed }, differing)
    )
  }
  const other = draw(plugin, seed + 1, count)
  const otherOutputs = new Set(other.examples.map((example) => collapseWhitespace(String(example?.output ?? ""))))
  const recurring = collapsed.flatMap((text, i) => (otherOutputs.has(text) ? [i] : []))
  const seedOverlap = n === 0 ? 0 : recurring.length / n
  if (n > 0 && seedOverlap > rules.maxSeedOverlap) {
    failures.push(
      failure(
        "seed-sensitive",
        `seed ${seed + 1} repeats ${pct(seedOverlap)} of the outputs of seed ${seed}; a different seed must give different examples (at most ${pct(rules.maxSeedOverlap)} recurring)`,
        { recurring: recurring.length, share: round(seedOverlap), limit: rules.maxSeedOverlap },
        recurring
      )
    )
  }
  report("check", 5, 5)

  return {
    artifact,
    lines,
    inVal,
    domains: domainCounts.size,
    failures,
    validationThreads,
    quality: {
      domainCounts: Object.fromEntries([...domainCounts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))),
      maxDomain: { domain: topDomain, share: round(topShare) },
      exactDuplicates: duplicates.length,
      nearDuplicates: { pairs: pairs.length, redundant, share: round(nearShare), involved },
      structures: { distinct: structures.size, share: round(structureShare) },
      validation: { passed: passedCount, failed: invalid.length, minScore, meanScore: n === 0 ? 0 : round(scoreSum / n, 2) },
      faithfulness: { faithful: n - unfaithful.length, offTopic, missingName, share: round(faithfulShare) },
      prompts: { distinct: repeated.distinct, share: repeated.share, mostRepeated: repeated.mostRepeated.times },
      boilerplate: { run: topRun?.text ?? "", answers: topRun?.answers ?? 0, share: topRun?.share ?? 0 },
      split: { train: n - valCount, val: valCount, clusters: splitGroups.length, leakingPairs },
      leakage: { sharedPrompts: sharedPrompts.shared, sharedAnswers: sharedAnswers.shared },
      deterministic: differing.length === 0,
      seedOverlap: round(seedOverlap)
    }
  }
}
