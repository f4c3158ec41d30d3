/**
 * How well relevance (an answer judged against its request) separates on-topic answers from
 * off-topic ones, per built-in plugin, and what it costs. Run directly for the full report:
 *
 *   node packages/stack/bench/relevance.ts [--count N] [--seed S] [--dir DATASETS] [--json]
 *
 * With `--dir`, the examples are read from a built dataset (`lfai datasets build --out DIR`:
 * `<artifact>.jsonl`, the user turn as the request, the assistant turn as the answer); without
 * it, they come from the plugins' generators (seed 42, as the build's default).
 *
 * - dataset: every example judged with its own user prompt as the request (as the fine-tuning
 *   data shows it to the model): how many fail `off-topic` or carry `missing-name`, and why.
 * - mismatched: every example's answer judged against the prompt of an example of another domain:
 *   how many such off-topic pairs are still accepted (false accepts), overall and among prompts
 *   that name something (a prompt naming nothing checks nothing, by design).
 * - phrased: requests written here in eight phrasings (colon lists, "with", "including",
 *   "covering", parentheses, backticks, quotes), naming 3 things each answer holds in another
 *   spelling (plural, lower case, snake_case, kebab-case, spaces) — things found in the answers of
 *   at most 2 domains, so not "API" or "Start" — judged against that answer (false rejects) and
 *   against an answer of another domain (false accepts).
 * - time: validation with and without the request, per document.
 */
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { createRng, nameWords, requestedNames } from "@lfai/artifact-kit"
import { MISSING_NAME, OFF_TOPIC, type ArtifactPlugin, type Validation } from "@lfai/core"
import { parseSync, type Diagram } from "@lfai/mermaid"
import { builtinPlugins } from "../src/plugins.ts"

interface Example {
  readonly domain: string
  readonly prompt: string
  readonly content: string
}

const examplesOf = (plugin: ArtifactPlugin, count: number, seed: number): Example[] =>
  [...plugin.dataset.generate({ seed, count })].map((example) => {
    const request = { prompt: example.input ? `${example.instruction}\n\n${example.input}` : example.instruction }
    // the user turn of the training example, exactly as the dataset writes it
    return { domain: example.domain, prompt: plugin.prompt.user(request), content: plugin.extract(example.output, request) }
  })

/** A built dataset's examples: `{ messages: [system, user, assistant], domain }` per line. */
const examplesIn = (plugin: ArtifactPlugin, dir: string, count: number): Example[] | undefined => {
  const file = join(dir, `${plugin.id}.jsonl`)
  if (!existsSync(file)) return undefined
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .slice(0, count)
    .map((line) => {
      const example = JSON.parse(line) as { domain: string; messages: ReadonlyArray<{ role: string; content: string }> }
      const turn = (role: string) => example.messages.find((message) => message.role === role)?.content ?? ""
      return { domain: example.domain, prompt: turn("user"), content: plugin.extract(turn("assistant"), { prompt: turn("user") }) }
    })
}

const judge = (plugin: ArtifactPlugin, content: string, request?: string): Validation =>
  plugin.validate(content, request === undefined ? {} : { request })

const offTopic = (validation: Validation) => validation.issues.some((issue) => issue.code === OFF_TOPIC)
const missing = (validation: Validation) => validation.issues.filter((issue) => issue.code === MISSING_NAME)
const accepted = (validation: Validation) => validation.passed && !offTopic(validation)
const names = (prompt: string) => requestedNames(prompt)

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10)

/** What a user would ask for from an answer: its entities, classes, participants, states, steps. */
const askable = (diagram: Diagram, artifact: string): string[] => {
  switch (diagram.family) {
    case "er":
      return diagram.entities.map((entity) => entity.name)
    case "class":
      return diagram.classes.map((node) => node.label || node.id)
    case "sequence":
      return diagram.participants.map((participant) => participant.label || participant.id)
    case "state":
      return diagram.states.filter((state) => state.kind === "state" || state.kind === "composite").map((state) => state.label || state.id)
    case "flowchart":
      return artifact === "workflow"
        ? diagram.nodes.filter((node) => node.shape !== "diamond" && node.labelled).map((node) => node.label)
        : diagram.nodes.filter((node) => node.labelled).map((node) => node.label)
  }
}

const SPELLINGS: ReadonlyArray<(words: string[]) => string> = [
  (words) => words.join(" ") + (words[words.length - 1].endsWith("s") ? "" : "s"),
  (words) => words.join(" "),
  (words) => words.join("_"),
  (words) => words.join("-"),
  (words) => words.map((word) => word[0].toUpperCase() + word.slice(1)).join(""),
  (words) => words.map((word) => word.toUpperCase()).join("_")
]

const PHRASINGS: ReadonlyArray<(kind: string, topic: string, items: string[]) => string> = [
  (kind, topic, items) => `${topic}: ${items.join(", ")}`,
  (kind, topic, items) => `Draw a ${kind} for ${topic} with ${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}.`,
  (kind, topic, items) => `I need a ${kind} of ${topic}, including ${items.join(", ")}.`,
  (kind, topic, items) => `${kind} for ${topic}, covering ${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`,
  (kind, topic, items) => `Create a ${kind} (${items.join(", ")}) for ${topic}.`,
  (kind, topic, items) => `Model ${items.map((item) => `\`${item}\``).join(", ")} as a ${kind}.`,
  (kind, topic, items) => `Please make a ${kind} of ${topic} that shows "${items.join('", "')}".`,
  (kind, topic, items) => `${topic} — ${kind} containing ${items.join(", ")}`
]

const KIND: Readonly<Record<string, string>> = {
  erd: "data model",
  architecture: "architecture diagram",
  sequence: "sequence diagram",
  class: "class diagram",
  state: "state diagram",
  workflow: "workflow"
}

interface Reason {
  readonly reason: string
  count: number
  readonly samples: Array<{ prompt: string; issues: string[] }>
}

export interface PluginRelevance {
  readonly artifact: string
  readonly dataset: {
    readonly examples: number
    /** Examples whose prompt names something to check. */
    readonly naming: number
    readonly offTopic: number
    readonly withMissingName: number
    readonly reasons: ReadonlyArray<Reason>
  }
  readonly mismatched: {
    readonly pairs: number
    readonly naming: number
    readonly accepted: number
    readonly acceptedNaming: number
    readonly samples: ReadonlyArray<string>
  }
  readonly phrased: {
    readonly onTopic: number
    readonly rejected: number
    readonly offTopic: number
    readonly accepted: number
    readonly rejectedSamples: ReadonlyArray<string>
    readonly acceptedSamples: ReadonlyArray<string>
  }
  /** Validation of a document not seen before; the relevance step alone (parse cached), per document. */
  readonly time: { readonly validateUs: number; readonly addedUs: number; readonly readUs: number }
}

/** Mean µs per call of `fn(0..runs-1)`, run once each. */
const microseconds = (runs: number, fn: (i: number) => unknown): number => {
  const started = process.hrtime.bigint()
  for (let i = 0; i < runs; i++) fn(i)
  return Number(process.hrtime.bigint() - started) / 1000 / runs
}

const median = (values: ReadonlyArray<number>) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const summary = (validation: Validation) =>
  validation.issues.filter((issue) => issue.code === OFF_TOPIC || issue.code === MISSING_NAME).map((issue) => issue.message).join(" | ") || "(no relevance issue)"

/** Why an example of the dataset fails relevance with its own prompt, in one line. */
const reasonOf = (validation: Validation): string => {
  const issue = validation.issues.find((candidate) => candidate.code === OFF_TOPIC) ?? missing(validation)[0]
  if (!issue) return "none"
  const action = /which none of the/.test(issue.message)
  return `${issue.code}: ${action ? "the process the prompt quotes is not in the steps" : "a listed name is not in the diagram"}`
}

export const measure = (
  plugin: ArtifactPlugin,
  options: { readonly count: number; readonly seed: number; readonly dir?: string | undefined }
): PluginRelevance => {
  const examples = (options.dir === undefined ? undefined : examplesIn(plugin, options.dir, options.count)) ?? examplesOf(plugin, options.count, options.seed)
  const reasons = new Map<string, Reason>()
  let naming = 0
  let off = 0
  let withMissing = 0
  for (const example of examples) {
    if (names(example.prompt).length > 0) naming++
    const validation = judge(plugin, example.content, example.prompt)
    if (offTopic(validation)) off++
    if (missing(validation).length > 0) withMissing++
    if (offTopic(validation) || missing(validation).length > 0) {
      const reason = reasonOf(validation)
      const entry = reasons.get(reason) ?? { reason, count: 0, samples: [] }
      entry.count++
      if (entry.samples.length < 3) {
        entry.samples.push({
          prompt: example.prompt.split("\n")[0],
          issues: validation.issues.filter((issue) => issue.code === OFF_TOPIC || issue.code === MISSING_NAME).map((issue) => issue.message)
        })
      }
      reasons.set(reason, entry)
    }
  }

  // every answer against the prompt of the next example from another domain
  let pairs = 0
  let pairsNaming = 0
  let acceptedPairs = 0
  let acceptedNaming = 0
  const mismatchedSamples: string[] = []
  examples.forEach((example, i) => {
    const other = examples.find((candidate, j) => j > i && candidate.domain !== example.domain) ?? examples.find((candidate) => candidate.domain !== example.domain)
    if (!other) return
    pairs++
    const nameful = names(other.prompt).length > 0
    if (nameful) pairsNaming++
    const validation = judge(plugin, example.content, other.prompt)
    if (accepted(validation)) {
      acceptedPairs++
      if (nameful) {
        acceptedNaming++
        if (mismatchedSamples.length < 3) mismatchedSamples.push(`${other.prompt.split("\n")[0]} ⇐ a ${example.domain} answer: ${summary(validation)}`)
      }
    }
  })

  // phrased requests: 3 things each answer holds, respelled, in eight phrasings. Only names of its
  // own domain: "API" or "Primary DB" are in every domain's answers, and match wherever they are asked for.
  const parsed = examples.map((example) => {
    const result = parseSync(example.content)
    return result.ok ? [...new Set(askable(result.diagram, plugin.id))].filter((name) => nameWords(name).length > 0 && nameWords(name).length <= 4) : []
  })
  const domainsOf = new Map<string, Set<string>>()
  parsed.forEach((found, i) => {
    for (const name of found) {
      const key = nameWords(name).join(" ")
      domainsOf.set(key, (domainsOf.get(key) ?? new Set()).add(examples[i].domain))
    }
  })
  const rng = createRng(options.seed, `relevance-${plugin.id}`)
  const kind = KIND[plugin.id] ?? plugin.title.toLowerCase()
  let onTopic = 0
  let rejected = 0
  let offTopicPairs = 0
  let acceptedOff = 0
  const rejectedSamples: string[] = []
  const acceptedSamples: string[] = []
  examples.forEach((example, i) => {
    const candidates = parsed[i].filter((name) => (domainsOf.get(nameWords(name).join(" "))?.size ?? 0) <= 2)
    if (candidates.length < 3) return
    const items = rng.sample(candidates, 3).map((name) => rng.pick(SPELLINGS)(nameWords(name)))
    const prompt = rng.pick(PHRASINGS)(kind, example.domain.replace(/-/g, " "), items)
    onTopic++
    const own = judge(plugin, example.content, prompt)
    if (!accepted(own)) {
      rejected++
      if (rejectedSamples.length < 5) rejectedSamples.push(`${prompt} → ${summary(own)}`)
    }
    const other = examples.find((candidate, j) => j > i && candidate.domain !== example.domain)
    if (other) {
      offTopicPairs++
      const judged = judge(plugin, other.content, prompt)
      if (accepted(judged)) {
        acceptedOff++
        if (acceptedSamples.length < 5) acceptedSamples.push(`${prompt} ⇐ a ${other.domain} answer: ${summary(judged)}`)
      }
    }
  })

  // Time: a fresh document's validation (nothing cached), and the relevance step alone: the same
  // documents judged with and without their request once their parse is cached, interleaved.
  const fresh = examplesOf(plugin, 300, options.seed + 1)
  const validateUs = microseconds(fresh.length, (i) => judge(plugin, fresh[i].content))
  const docs = fresh.slice(0, 200)
  const added: number[] = []
  for (let round = 0; round < 7; round++) {
    const without = microseconds(docs.length, (i) => judge(plugin, docs[i].content))
    const withRequest = microseconds(docs.length, (i) => judge(plugin, docs[i].content, docs[i].prompt))
    added.push(withRequest - without)
  }
  const addedUs = median(added)
  const readUs = microseconds(docs.length * 10, (i) => names(docs[i % docs.length].prompt))

  return {
    artifact: plugin.id,
    dataset: { examples: examples.length, naming, offTopic: off, withMissingName: withMissing, reasons: [...reasons.values()].sort((a, b) => b.count - a.count) },
    mismatched: { pairs, naming: pairsNaming, accepted: acceptedPairs, acceptedNaming, samples: mismatchedSamples },
    phrased: { onTopic, rejected, offTopic: offTopicPairs, accepted: acceptedOff, rejectedSamples, acceptedSamples },
    time: { validateUs, addedUs, readUs }
  }
}

const round = (value: number) => Math.round(value * 10) / 10

/** The bench's figures (`npm run bench -- stack`). */
export const relevanceResults = (plugins: ReadonlyArray<ArtifactPlugin> = builtinPlugins, options = { count: 1000, seed: 42 }) =>
  plugins.flatMap((plugin) => {
    const m = measure(plugin, options)
    return [
      {
        name: `relevance ${m.artifact}: dataset examples failing with their own prompt`,
        unit: "%",
        value: percent(m.dataset.offTopic, m.dataset.examples),
        n: m.dataset.examples,
        notes: `${m.dataset.offTopic} off-topic, ${m.dataset.withMissingName} with missing-name warnings; ${m.dataset.naming} prompts name something`
      },
      {
        name: `relevance ${m.artifact}: false accepts, answers judged against another domain's dataset prompt`,
        unit: "%",
        value: percent(m.mismatched.accepted, m.mismatched.pairs),
        n: m.mismatched.pairs,
        notes: `${percent(m.mismatched.acceptedNaming, m.mismatched.naming)}% of the ${m.mismatched.naming} pairs whose prompt names something`
      },
      {
        name: `relevance ${m.artifact}: phrased requests, false rejects / false accepts`,
        unit: "%",
        value: percent(m.phrased.rejected, m.phrased.onTopic),
        n: m.phrased.onTopic,
        notes: `false rejects ${m.phrased.rejected}/${m.phrased.onTopic} on-topic; false accepts ${m.phrased.accepted}/${m.phrased.offTopic} off-topic (${percent(m.phrased.accepted, m.phrased.offTopic)}%)`
      },
      {
        name: `relevance ${m.artifact}: added validation time`,
        unit: "µs/doc",
        value: round(m.time.addedUs),
        n: 200,
        notes: `median of 7 interleaved rounds over 200 dataset documents with their prompts (parse cached, so only relevance differs); a fresh document validates in ${round(m.time.validateUs)} µs; reading the request alone ${round(m.time.readUs)} µs`
      }
    ]
  })

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (flag: string) => {
    const at = process.argv.indexOf(flag)
    return at > 0 ? process.argv[at + 1] : undefined
  }
  const options = { count: Number(arg("--count") ?? 1000), seed: Number(arg("--seed") ?? 42), dir: arg("--dir") }
  const report = builtinPlugins.map((plugin) => measure(plugin, options))
  if (process.argv.includes("--json")) console.log(JSON.stringify(report, null, 2))
  else {
    for (const m of report) {
      console.log(`\n== ${m.artifact}`)
      console.log(`dataset: ${m.dataset.examples} examples, ${m.dataset.naming} prompts name something; off-topic ${m.dataset.offTopic} (${percent(m.dataset.offTopic, m.dataset.examples)}%), with missing-name ${m.dataset.withMissingName} (${percent(m.dataset.withMissingName, m.dataset.examples)}%)`)
      for (const reason of m.dataset.reasons) {
        console.log(`  ${reason.count} × ${reason.reason}`)
        for (const sample of reason.samples) console.log(`      ${sample.prompt}\n        → ${sample.issues.join(" | ")}`)
      }
      console.log(`mismatched dataset pairs: false accepts ${m.mismatched.accepted}/${m.mismatched.pairs} (${percent(m.mismatched.accepted, m.mismatched.pairs)}%); among prompts naming something ${m.mismatched.acceptedNaming}/${m.mismatched.naming} (${percent(m.mismatched.acceptedNaming, m.mismatched.naming)}%)`)
      for (const sample of m.mismatched.samples) console.log(`      ${sample}`)
      console.log(`phrased requests: false rejects ${m.phrased.rejected}/${m.phrased.onTopic} (${percent(m.phrased.rejected, m.phrased.onTopic)}%), false accepts ${m.phrased.accepted}/${m.phrased.offTopic} (${percent(m.phrased.accepted, m.phrased.offTopic)}%)`)
      for (const sample of m.phrased.rejectedSamples) console.log(`      rejected: ${sample}`)
      for (const sample of m.phrased.acceptedSamples) console.log(`      accepted: ${sample}`)
      console.log(`time: a fresh document validates in ${round(m.time.validateUs)} µs; relevance adds ${round(m.time.addedUs)} µs; reading the request ${round(m.time.readUs)} µs`)
    }
  }
}
