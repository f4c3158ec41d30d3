/**
 * Small artifact plugins for the tests: a "toy" artifact whose generator can be told to break
 * every rule of the build, one way at a time.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll } from "vitest"
import { defineArtifact, verdict, type ArtifactPlugin, type DatasetExample } from "@lfai/core"

export const DOMAINS = [
  "banking", "insurance", "retail", "logistics", "healthcare", "education", "travel", "energy",
  "telecom", "media", "gaming", "agriculture", "manufacturing", "real-estate", "legal", "government",
  "hospitality", "automotive", "aviation", "pharma", "recruiting", "fitness", "security", "publishing"
]

const NOUNS = [
  "account", "order", "invoice", "patient", "course", "booking", "meter", "ticket", "policy", "claim",
  "shipment", "warehouse", "driver", "route", "lesson", "student", "doctor", "room", "flight", "crew",
  "device", "sensor", "contract", "case", "permit", "player", "match", "field", "batch", "recipe"
]
const VERBS = ["owns", "places", "holds", "tracks", "bills", "books", "serves", "audits", "ships", "lists", "covers", "assigns"]
const TYPES = ["string", "int", "date", "decimal", "bool", "uuid"]

/** A small seeded PRNG (mulberry32). */
export const rng = (seed: number) => {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: ReadonlyArray<T>): T => items[int(0, items.length - 1)]
  return { next, int, pick }
}

/**
 * The toy format: a `toy` header line, then `entity Name { type field … }` blocks and
 * `A -verb-> B` links. Valid when it has the header, ≥ 2 entities and ≥ 1 link. Judged against a
 * request too: every `[[name]]` it holds must be an entity — fewer than half present is
 * `off-topic` (an error), each other missing one `missing-name` (a warning).
 */
export const validateToy = (content: string, request?: string) => {
  const lines = content.split("\n").map((line) => line.trim())
  const issues: Array<{ code: string; severity: "error" | "warning"; message: string }> = []
  if (lines[0] !== "toy") issues.push({ code: "wrong-type", severity: "error", message: "no toy header" })
  const entities = lines.flatMap((line) => /^entity (\w+) \{$/.exec(line)?.[1] ?? [])
  const links = lines.filter((line) => /^\w+ -\w+-> \w+$/.test(line)).length
  if (entities.length < 2) issues.push({ code: "too-few-entities", severity: "error", message: `${entities.length} entities` })
  if (links < 1) issues.push({ code: "too-few-links", severity: "error", message: `${links} links` })
  const asked = [...(request ?? "").matchAll(/\[\[(\w+)\]\]/g)].map((match) => match[1])
  const missing = asked.filter((name) => !entities.includes(name))
  if (missing.length * 2 > asked.length) issues.push({ code: "off-topic", severity: "error", message: `none of ${missing.join(", ")}` })
  else for (const name of missing) issues.push({ code: "missing-name", severity: "warning", message: `no ${name}` })
  return { score: issues.some((issue) => issue.severity === "error") ? 30 : 90 - 3 * missing.length, issues }
}

const toyDocument = (r: ReturnType<typeof rng>, serial: number, minEntities = 2): string => {
  const count = r.int(minEntities, 6)
  const names: string[] = []
  const lines = ["toy"]
  for (let e = 0; e < count; e++) {
    const name = `${r.pick(NOUNS)}_${serial}_${e}`
    names.push(name)
    lines.push(`entity ${name} {`)
    const fields = r.int(1, 4)
    for (let f = 0; f < fields; f++) lines.push(`  ${r.pick(TYPES)} ${r.pick(NOUNS)}_${f}${r.next() < 0.3 ? " PK" : ""}`)
    lines.push("}")
  }
  const links = r.int(1, count)
  for (let l = 0; l < links; l++) lines.push(`${r.pick(names)} -${r.pick(VERBS)}-> ${r.pick(names)}`)
  return lines.join("\n")
}

/** Domains in round-robin over a fresh seeded permutation per round: balanced at any count. */
const shuffle = (r: ReturnType<typeof rng>, items: ReadonlyArray<string>): string[] => {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

export interface ToyOptions {
  readonly id?: string
  /** Use only the first N domains. */
  readonly domains?: number
  /** Every Nth example (index % N === N - 1) fails validation. */
  readonly invalidEvery?: number
  /** Every Nth example repeats the previous output exactly (with other whitespace). */
  readonly duplicateEvery?: number
  /** Every Nth example is the previous output with one comment line added (documents get ≥ 5 entities). */
  readonly nearDuplicateEvery?: number
  /** Every example has the same structure (names swapped only). */
  readonly templated?: boolean
  /** Each call to generate gives other examples (state kept across calls). */
  readonly nondeterministic?: boolean
  /** The seed is ignored. */
  readonly ignoresSeed?: boolean
  /** Throws after this many examples. */
  readonly throwsAfter?: number
  /** Yields this many fewer examples than asked. */
  readonly short?: number
  /** Example at this index has no output. */
  readonly malformedAt?: number
  /** Half of the examples in one domain. */
  readonly skewed?: boolean
  /** Every Nth example's prompt asks for one more entity than its answer has (a missing name). */
  readonly unfaithfulEvery?: number
  /** Every Nth example's prompt asks only for entities its answer lacks (off topic). */
  readonly offTopicEvery?: number
  /** Every Nth example repeats the previous example's prompt (with another answer). */
  readonly repeatPromptEvery?: number
  /** Every answer ends with the same three lines. */
  readonly boilerplate?: boolean
}

export const toyPlugin = (options: ToyOptions = {}): ArtifactPlugin => {
  const id = options.id ?? "toy"
  const domains = DOMAINS.slice(0, options.domains ?? DOMAINS.length)
  let calls = 0
  return defineArtifact({
    id,
    title: "Toy",
    description: "A toy artifact for the dataset-builder tests",
    model: "mistral:7b-instruct-q4_K_M",
    package: { name: `@test/artifact-${id}`, version: "0.0.1" },
    prompt: {
      system: "You write toy diagrams.\nAnswer with the diagram only.",
      user: (request) => `Draw a toy diagram for: ${request.prompt}`
    },
    extract: (raw) => raw.replace(/^```\w*\n|\n```$/g, "").trim(),
    validate: (content, validateOptions) => verdict(validateToy(content, validateOptions?.request), validateOptions),
    dataset: {
      domains,
      generate: function* ({ seed, count }): Generator<DatasetExample> {
        calls++
        const r = rng(options.ignoresSeed ? 7 : options.nondeterministic ? seed + calls * 7919 : seed)
        let previous = ""
        let previousInstruction = ""
        let previousInput: string | undefined
        let previousFirst = ""
        let order: string[] = []
        const limit = count - (options.short ?? 0)
        for (let i = 0; i < limit; i++) {
          if (options.throwsAfter !== undefined && i === options.throwsAfter) throw new Error("the toy generator broke")
          if (i % domains.length === 0) order = shuffle(r, domains)
          const domain = options.skewed && i % 2 === 0 ? domains[0] : order[i % domains.length]
          let output: string
          if (options.templated) {
            const a = `${r.pick(NOUNS)}_${i}`
            const b = `${r.pick(NOUNS)}_${i}b`
            output = `toy\nentity ${a} {\n  string name\n}\nentity ${b} {\n  int id PK\n}\n${a} -owns-> ${b}`
          } else if (options.duplicateEvery && i % options.duplicateEvery === options.duplicateEvery - 1 && previous !== "") {
            output = previous.replace(/\n/g, "\n\n  ")
          } else if (options.nearDuplicateEvery && i % options.nearDuplicateEvery === options.nearDuplicateEvery - 1 && previous !== "") {
            // One comment line more: Jaccard ≥ 0.9 over 5-word shingles for documents this long.
            output = `${previous}\n%% revised`
          } else {
            output = toyDocument(r, i, options.nearDuplicateEvery ? 5 : 2)
          }
          if (options.invalidEvery && i % options.invalidEvery === options.invalidEvery - 1) output = output.replace(/^toy/, "not-toy")
          if (options.boilerplate) output = `${output}\naudit_log -records-> audit_trail\nentity audit_log {\n  string note\n}`
          const every = (n: number | undefined) => n !== undefined && i % n === n - 1
          const repeat = every(options.repeatPromptEvery) && previousInstruction !== ""
          // another answer to the same request: it holds the entity that request asks for too
          if (repeat) output = `${output}\nentity ${previousFirst} {\n  string name\n}`
          previous = output
          const [first] = /^\s*entity (\w+) \{$/m.exec(output)?.slice(1) ?? ["none"]
          previousFirst = repeat ? previousFirst : first
          const asked = every(options.offTopicEvery) ? "[[ghost]] and [[phantom]]" : every(options.unfaithfulEvery) ? `[[${first}]] and [[ghost]]` : `[[${first}]]`
          const instruction = repeat ? previousInstruction : `Model the ${domain} ${r.pick(NOUNS)} data (#${i}) with ${asked}`
          const input = repeat ? previousInput : i % 3 === 0 ? `Keep it under ${r.int(3, 9)} entities.` : undefined
          previousInstruction = instruction
          previousInput = input
          const example: DatasetExample = {
            instruction,
            ...(input !== undefined ? { input } : {}),
            output,
            domain,
            meta: { index: i }
          }
          yield options.malformedAt === i ? ({ ...example, output: undefined } as unknown as DatasetExample) : example
        }
      }
    }
  })
}

/** A maker of temporary directories for one test file, all removed after its tests. */
export const tempDirs = (prefix: string): (() => string) => {
  const dirs: string[] = []
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix))
    dirs.push(dir)
    return dir
  }
}
