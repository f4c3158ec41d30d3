/**
 * `inspect`: a built dataset at a glance, read from the files a build wrote — per artifact, how
 * distinct its prompts are, the answer lines and runs of lines that recur most (what a model
 * trained on it would learn as a habit), what the train and validation sides share, and a few
 * examples picked at random, so a person can judge the data without opening the JSONL.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { join, resolve } from "node:path"
import { artifactFiles, DEFAULT_OUT } from "./Manifest.ts"
import { sha256 } from "./Quality.ts"
import { promptRepeats, recurringRuns, sharedAcrossSplit, type Recurring } from "./internal/measures.ts"

export interface InspectOptions {
  /** The directory a build wrote (default `datasets`). */
  readonly out?: string
  /** Only these artifact ids. */
  readonly only?: ReadonlyArray<string>
  /** Examples shown per artifact (default 3). */
  readonly samples?: number
  /** Lines and runs listed per artifact (default 5). */
  readonly top?: number
  /** Picks which examples are shown (default 1). */
  readonly seed?: number
  /** Lines in a run (default 3, the boilerplate rule's). */
  readonly runLines?: number
}

export interface InspectedExample {
  /** 0-based; the line in `<artifact>.jsonl` is index + 1. */
  readonly index: number
  readonly domain: string
  readonly user: string
  readonly assistant: string
}

export interface ArtifactInspection {
  readonly artifact: string
  readonly file: string
  readonly examples: number
  readonly domains: number
  readonly prompts: { readonly distinct: number; readonly share: number; readonly mostRepeated: { readonly text: string; readonly times: number } }
  /** The answer lines held by the most answers (numbers masked; the header line and fences left out). */
  readonly lines: ReadonlyArray<Omit<Recurring, "examples">>
  /** The runs of `runLines` answer lines held by the most answers. */
  readonly runs: ReadonlyArray<Omit<Recurring, "examples">>
  /** From `<artifact>.train.jsonl` / `<artifact>.val.jsonl`, when they are there. */
  readonly split?: { readonly train: number; readonly val: number; readonly sharedPrompts: number; readonly sharedAnswers: number }
  readonly samples: ReadonlyArray<InspectedExample>
}

/** The directory holds no dataset, a file is not JSONL in chat form, or an asked-for artifact is missing. */
export class InspectError extends Error {
  override readonly name = "InspectError"
}

interface Line {
  readonly user: string
  readonly assistant: string
  readonly domain: string
}

const readChat = (file: string): Line[] => {
  const text = readFileSync(file, "utf8")
  const lines: Line[] = []
  text.split("\n").forEach((raw, i) => {
    if (raw.trim() === "") return
    let parsed: unknown
    try {
      parsed = JSON.parse(raw)
    } catch (error) {
      throw new InspectError(`${file}:${i + 1} is not JSON: ${error instanceof Error ? error.message : String(error)}`)
    }
    const messages = (parsed as { messages?: unknown }).messages
    const content = (role: string) =>
      Array.isArray(messages) ? messages.find((m): m is { role: string; content: string } => typeof m === "object" && m !== null && m.role === role && typeof m.content === "string")?.content : undefined
    const user = content("user")
    const assistant = content("assistant")
    if (user === undefined || assistant === undefined) throw new InspectError(`${file}:${i + 1} is not a chat line (messages with a user and an assistant turn)`)
    const domain = (parsed as { domain?: unknown }).domain
    lines.push({ user, assistant, domain: typeof domain === "string" ? domain : "" })
  })
  return lines
}

/** The artifacts a directory holds: every `<id>.jsonl` (its split files aside). */
const artifactsIn = (dir: string): string[] =>
  readdirSync(dir)
    .filter((name) => name.endsWith(".jsonl") && !name.endsWith(".train.jsonl") && !name.endsWith(".val.jsonl"))
    .map((name) => name.slice(0, -".jsonl".length))
    .sort()

/** `count` distinct indices below `n`, the same for the same seed and artifact. */
const pickIndices = (artifact: string, n: number, count: number, seed: number): number[] => {
  const picked: number[] = []
  for (let k = 0; picked.length < Math.min(count, n); k++) {
    const index = parseInt(sha256(`${seed}:${artifact}:${k}`).slice(0, 8), 16) % n
    if (!picked.includes(index)) picked.push(index)
  }
  return picked.sort((a, b) => a - b)
}

const withoutIndices = ({ text, answers, share }: Recurring) => ({ text, answers, share })

/** Reads the datasets in `options.out` and measures each artifact. */
export const inspectDatasets = (options: InspectOptions = {}): ReadonlyArray<ArtifactInspection> => {
  const out = resolve(options.out ?? DEFAULT_OUT)
  if (!existsSync(out) || !statSync(out).isDirectory()) throw new InspectError(`${out} is not a directory a build wrote (build first: lfai datasets build --out ${options.out ?? DEFAULT_OUT})`)
  const found = artifactsIn(out)
  if (found.length === 0) throw new InspectError(`${out} holds no <artifact>.jsonl (build first: lfai datasets build --out ${options.out ?? DEFAULT_OUT})`)
  const missing = (options.only ?? []).filter((id) => !found.includes(id))
  if (missing.length > 0) throw new InspectError(`no dataset for ${missing.join(", ")} in ${out}; it holds ${found.join(", ")}`)
  const ids = options.only ? found.filter((id) => options.only!.includes(id)) : found
  const top = options.top ?? 5
  const runLines = options.runLines ?? 3
  return ids.map((artifact) => {
    const files = artifactFiles(artifact)
    const lines = readChat(join(out, files.all))
    const answers = lines.map((line) => line.assistant)
    const repeated = promptRepeats(lines.map((line) => line.user))
    const trainFile = join(out, files.train)
    const valFile = join(out, files.val)
    let split: ArtifactInspection["split"]
    if (existsSync(trainFile) && existsSync(valFile)) {
      const train = readChat(trainFile)
      const val = readChat(valFile)
      const both = [...train, ...val]
      const inVal = both.map((_, i) => i >= train.length)
      split = {
        train: train.length,
        val: val.length,
        sharedPrompts: sharedAcrossSplit(both.map((line) => line.user), inVal).shared,
        sharedAnswers: sharedAcrossSplit(both.map((line) => line.assistant), inVal).shared
      }
    }
    return {
      artifact,
      file: files.all,
      examples: lines.length,
      domains: new Set(lines.map((line) => line.domain)).size,
      prompts: { distinct: repeated.distinct, share: repeated.share, mostRepeated: repeated.mostRepeated },
      lines: recurringRuns(answers, 1, top).map(withoutIndices),
      runs: recurringRuns(answers, runLines, top).map(withoutIndices),
      ...(split ? { split } : {}),
      samples: pickIndices(artifact, lines.length, options.samples ?? 3, options.seed ?? 1).map((index) => ({ index, ...lines[index] }))
    }
  })
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`
const indent = (text: string, pad: string) => text.split("\n").map((line) => `${pad}${line}`).join("\n")

/** The inspection as text for a person: figures first, then the examples. */
export const formatInspection = (inspections: ReadonlyArray<ArtifactInspection>): string =>
  inspections
    .map((a) => {
      const parts = [
        `${a.artifact} — ${a.examples} examples, ${a.domains} domains (${a.file})`,
        `  prompts: ${a.prompts.distinct} distinct of ${a.examples} (${pct(a.prompts.share)}); ${a.prompts.mostRepeated.times > 1 ? `the most repeated one occurs ${a.prompts.mostRepeated.times}×: ${a.prompts.mostRepeated.text.slice(0, 100)}` : "none repeats"}`
      ]
      if (a.split) parts.push(`  split: train ${a.split.train} / val ${a.split.val}; shared prompts ${a.split.sharedPrompts}, shared answers ${a.split.sharedAnswers}`)
      parts.push("  answer lines held by the most answers (numbers masked):")
      for (const line of a.lines) parts.push(`    ${pct(line.share).padStart(6)}  ${line.text}`)
      parts.push(`  runs of ${a.runs[0]?.text.split("\n").length ?? 3} lines held by the most answers:`)
      for (const run of a.runs) parts.push(`    ${pct(run.share).padStart(6)}  ${run.text.split("\n").join(" ⏎ ")}`)
      parts.push("  examples:")
      for (const sample of a.samples) {
        parts.push(`    #${sample.index} [${sample.domain}]`, "    user:", indent(sample.user, "      "), "    assistant:", indent(sample.assistant, "      "))
      }
      return parts.join("\n")
    })
    .join("\n\n") + "\n"
