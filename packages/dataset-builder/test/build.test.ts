import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import {
  buildDatasets,
  BuildUsageError,
  collapseWhitespace,
  formatFailures,
  mergeManifests,
  sha256,
  shingles,
  type ChatLine,
  type Manifest
} from "../src/index.ts"
import { tempDirs, toyPlugin } from "./fixtures.ts"

const tempDir = tempDirs("lfai-datasets-")

const readLines = (file: string): ChatLine[] =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as ChatLine)

const jaccard = (a: ReadonlyArray<string>, b: ReadonlyArray<string>) => {
  const setB = new Set(b)
  const common = a.filter((token) => setB.has(token)).length
  return common / (a.length + b.length - common)
}

describe("a build that passes", () => {
  const out = tempDir()
  const plugin = toyPlugin()
  const other = toyPlugin({ id: "other" })
  let manifest: Manifest
  let entry: Manifest["artifacts"][number]
  beforeAll(async () => {
    manifest = await buildDatasets({ plugins: [plugin, other], out, count: 300, seed: 42 })
    entry = manifest.artifacts.find((candidate) => candidate.artifact === "toy")!
  })

  it("writes the manifest with the quality figures", () => {
    expect(manifest.passed).toBe(true)
    expect(manifest.seed).toBe(42)
    expect(manifest.count).toBe(300)
    expect(manifest.artifacts.map((candidate) => candidate.artifact)).toEqual(["other", "toy"])
    expect(entry).toMatchObject({ artifact: "toy", file: "toy.jsonl", examples: 300, passed: true, failures: [] })
    expect(entry.domains).toBeGreaterThanOrEqual(20)
    expect(entry.quality.validation).toMatchObject({ passed: 300, failed: 0 })
    expect(entry.quality.exactDuplicates).toBe(0)
    expect(entry.quality.deterministic).toBe(true)
    expect(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"))).toEqual(manifest)
    expect(readdirSync(out).sort()).toEqual(
      ["manifest.json", ...["other", "toy"].flatMap((id) => [`${id}.jsonl`, `${id}.manifest.json`, `${id}.train.jsonl`, `${id}.val.jsonl`])].sort()
    )
  })

  it("checksums are the SHA-256 of each file's bytes", () => {
    for (const candidate of manifest.artifacts) {
      for (const file of [candidate, candidate.train, candidate.val]) {
        expect(sha256(readFileSync(join(out, file.file)))).toBe(file.sha256)
      }
    }
  })

  it("every line parses, is in chat form and passes its own plugin's validator", () => {
    const lines = readLines(join(out, "toy.jsonl"))
    expect(lines).toHaveLength(300)
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(["messages", "domain", "artifact"])
      expect(line.artifact).toBe("toy")
      expect(line.messages.map((message) => message.role)).toEqual(["system", "user", "assistant"])
      expect(line.messages[0].content).toBe(plugin.prompt.system)
      expect(line.messages[1].content).toMatch(/^Draw a toy diagram for: Model the /)
      expect(plugin.dataset.domains).toContain(line.domain)
      expect(plugin.validate(plugin.extract(line.messages[2].content)).passed).toBe(true)
    }
    // The user message is the plugin's own prompt for instruction (+ input).
    const [first] = plugin.dataset.generate({ seed: 42, count: 1 })
    expect(lines[0].messages[1].content).toBe(plugin.prompt.user({ prompt: `${first.instruction}\n\n${first.input}` }))
  })

  it("has ≥ 20 domains, none above 10%, and no exact duplicate", () => {
    const lines = readLines(join(out, "toy.jsonl"))
    const counts = new Map<string, number>()
    for (const line of lines) counts.set(line.domain, (counts.get(line.domain) ?? 0) + 1)
    expect(counts.size).toBeGreaterThanOrEqual(20)
    expect(Math.max(...counts.values()) / lines.length).toBeLessThanOrEqual(0.1)
    expect(Object.fromEntries(counts)).toEqual(entry.quality.domainCounts)
    const collapsed = lines.map((line) => collapseWhitespace(line.messages[2].content))
    expect(new Set(collapsed).size).toBe(lines.length)
  })

  it("splits about 95/5: train and val together are the whole file, in order", () => {
    const all = readFileSync(join(out, "toy.jsonl"), "utf8").split("\n").filter(Boolean)
    const train = readFileSync(join(out, "toy.train.jsonl"), "utf8").split("\n").filter(Boolean)
    const val = readFileSync(join(out, "toy.val.jsonl"), "utf8").split("\n").filter(Boolean)
    expect(train.length + val.length).toBe(all.length)
    expect(val.length).toBeGreaterThan(0)
    expect(val.length / all.length).toBeLessThan(0.12)
    expect(all.filter((line) => new Set(val).has(line))).toEqual(val)
    expect(all.filter((line) => !new Set(val).has(line))).toEqual(train)
    expect([entry.train.examples, entry.val.examples]).toEqual([train.length, val.length])
  })

  it("the merged manifest of the per-artifact manifests is byte-identical to the build's", () => {
    const built = readFileSync(join(out, "manifest.json"), "utf8")
    const merged = mergeManifests({ out, artifacts: ["toy", "other"] })
    expect(merged).toEqual(manifest)
    expect(readFileSync(join(out, "manifest.json"), "utf8")).toBe(built)
  })
})

describe("determinism", () => {
  it("the same seed gives byte-identical files; another seed other examples", async () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()]
    await buildDatasets({ plugins: [toyPlugin()], out: a, count: 120, seed: 7 })
    await buildDatasets({ plugins: [toyPlugin()], out: b, count: 120, seed: 7 })
    await buildDatasets({ plugins: [toyPlugin()], out: c, count: 120, seed: 8 })
    const files = readdirSync(a).sort()
    expect(readdirSync(b).sort()).toEqual(files)
    for (const file of files) expect(readFileSync(join(b, file)).equals(readFileSync(join(a, file)))).toBe(true)
    const outputs = (dir: string) => new Set(readLines(join(dir, "toy.jsonl")).map((line) => line.messages[2].content))
    const seven = outputs(a)
    const shared = [...outputs(c)].filter((output) => seven.has(output))
    expect(shared.length).toBeLessThan(seven.size / 2)
  })

  it("an example keeps its side of the split whatever else is in the build", async () => {
    const [small, large] = [tempDir(), tempDir()]
    await buildDatasets({ plugins: [toyPlugin()], out: small, count: 100, seed: 3 })
    await buildDatasets({ plugins: [toyPlugin()], out: large, count: 400, seed: 3 })
    const side = (dir: string) => {
      const sides = new Map<string, string>()
      for (const part of ["train", "val"]) for (const line of readLines(join(dir, `toy.${part}.jsonl`))) sides.set(line.messages[2].content, part)
      return sides
    }
    const large_ = side(large)
    const small_ = side(small)
    expect(small_.size).toBe(100)
    for (const [output, part] of small_) expect(large_.get(output)).toBe(part)
  })
})

describe("near duplicates", () => {
  it("a few near duplicates pass, are counted, and never straddle the split", async () => {
    const out = tempDir()
    const manifest = await buildDatasets({ plugins: [toyPlugin({ nearDuplicateEvery: 100 })], out, count: 400, seed: 11 })
    const [entry] = manifest.artifacts
    expect(entry.passed).toBe(true)
    expect(entry.quality.nearDuplicates.pairs).toBe(4)
    expect(entry.quality.nearDuplicates.share).toBe(0.01)
    expect(entry.quality.split.leakingPairs).toBe(0)
    // Check the figures independently, by brute force over every train × val pair.
    const train = readLines(join(out, "toy.train.jsonl")).map((line) => shingles(line.messages[2].content, 5))
    const val = readLines(join(out, "toy.val.jsonl")).map((line) => shingles(line.messages[2].content, 5))
    for (const v of val) for (const t of train) expect(jaccard(v, t)).toBeLessThan(0.9)
    const all = readLines(join(out, "toy.jsonl")).map((line) => shingles(line.messages[2].content, 5))
    let pairs = 0
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) if (jaccard(all[i], all[j]) >= 0.9) pairs++
    expect(pairs).toBe(4)
  })

  it("a whole cluster goes to the validation side together when its hash says so", async () => {
    // With valShare 0.5, about half of the clusters go to val: some pairs must land there, together.
    const out = tempDir()
    const manifest = await buildDatasets({
      plugins: [toyPlugin({ nearDuplicateEvery: 10 })],
      out,
      count: 200,
      seed: 5,
      rules: { valShare: 0.5, maxNearDuplicateShare: 0.2 }
    })
    expect(manifest.passed).toBe(true)
    const val = readLines(join(out, "toy.val.jsonl")).map((line) => line.messages[2].content)
    const paired = val.filter((output) => output.endsWith("\n%% revised"))
    expect(paired.length).toBeGreaterThan(0)
    for (const output of paired) expect(val).toContain(output.slice(0, -"\n%% revised".length))
    expect(manifest.artifacts[0].quality.split.leakingPairs).toBe(0)
  })
})

describe("leakage", () => {
  it("examples that share a prompt land on one side: train and val share no prompt and no answer", async () => {
    const out = tempDir()
    const manifest = await buildDatasets({
      plugins: [toyPlugin({ repeatPromptEvery: 25, nearDuplicateEvery: 50 })],
      out,
      count: 400,
      seed: 8,
      rules: { valShare: 0.5, maxNearDuplicateShare: 0.2, minDistinctPrompts: 0.9 }
    })
    const [entry] = manifest.artifacts
    expect(entry.failures).toEqual([])
    expect(entry.quality.leakage).toEqual({ sharedPrompts: 0, sharedAnswers: 0 })
    expect(entry.quality.prompts).toMatchObject({ distinct: 384, mostRepeated: 2 })
    // checked independently on the files
    const train = readLines(join(out, "toy.train.jsonl"))
    const val = readLines(join(out, "toy.val.jsonl"))
    expect(val.length).toBeGreaterThan(100)
    const trainPrompts = new Set(train.map((line) => collapseWhitespace(line.messages[1].content)))
    const trainAnswers = new Set(train.map((line) => collapseWhitespace(line.messages[2].content)))
    for (const line of val) {
      expect(trainPrompts.has(collapseWhitespace(line.messages[1].content))).toBe(false)
      expect(trainAnswers.has(collapseWhitespace(line.messages[2].content))).toBe(false)
    }
    // the repeated prompts went somewhere: some pairs sit together in val
    const valPrompts = val.map((line) => collapseWhitespace(line.messages[1].content))
    expect(valPrompts.length - new Set(valPrompts).size).toBeGreaterThan(0)
  })
})

describe("a broken generator fails the build with a report of what and where", () => {
  const build = async (options: Parameters<typeof toyPlugin>[0], count = 200): Promise<Manifest> =>
    buildDatasets({ plugins: [toyPlugin({ id: "broken", ...options })], out: tempDir(), count, seed: 42 })
  const failure = (manifest: Manifest, rule: string) => manifest.artifacts[0].failures.find((candidate) => candidate.rule === rule)

  it("examples that fail validation: the rule, the figures and the indices", async () => {
    const manifest = await build({ invalidEvery: 50 })
    expect(manifest.passed).toBe(false)
    expect(manifest.artifacts[0].passed).toBe(false)
    expect(failure(manifest, "validation")).toMatchObject({ examples: [49, 99, 149, 199], offending: 4, figures: { failed: 4, examples: 200 } })
    expect(formatFailures(manifest)).toContain("broken: [validation] 4 of 200 examples fail their own plugin's validator: wrong-type ×4")
    expect(formatFailures(manifest)).toContain("examples #49, #99, #149, #199")
  })

  it("exact duplicates (whitespace collapsed)", async () => {
    const manifest = await build({ duplicateEvery: 40 })
    expect(failure(manifest, "exact-duplicates")).toMatchObject({ examples: [39, 79, 119, 159, 199], figures: { duplicates: 5 } })
  })

  it("near duplicates at 2% or more", async () => {
    const manifest = await build({ nearDuplicateEvery: 20 })
    expect(failure(manifest, "near-duplicates")).toMatchObject({ figures: { redundant: 10, share: 0.05, limit: 0.02 } })
    expect(failure(manifest, "near-duplicates")!.examples).toEqual([19, 39, 59, 79, 99, 119, 139, 159, 179, 199])
    expect(failure(manifest, "exact-duplicates")).toBeUndefined()
  })

  it("one template with the names swapped", async () => {
    const manifest = await build({ templated: true })
    expect(failure(manifest, "templates")).toMatchObject({ figures: { distinct: 1, examples: 200, required: 0.25 }, offending: 200 })
    expect(failure(manifest, "exact-duplicates")).toBeUndefined()
  })

  it("too few domains, and one domain above 10%", async () => {
    expect(failure(await build({ domains: 12 }), "domains")).toMatchObject({ figures: { domains: 12, required: 20 } })
    const skewed = failure(await build({ skewed: true }), "domain-balance")
    expect(skewed).toMatchObject({ figures: { domain: "banking", limit: 0.1 } })
    expect(skewed!.figures.share).toBeGreaterThan(0.5)
  })

  it("a generator that is not a function of its seed, or ignores it", async () => {
    expect(failure(await build({ nondeterministic: true }), "deterministic")).toMatchObject({ figures: { differing: 200, seed: 42 } })
    expect(failure(await build({ ignoresSeed: true }), "seed-sensitive")).toMatchObject({ figures: { share: 1, limit: 0.5 } })
  })

  it("a generator that throws, comes up short, or yields a malformed example", async () => {
    expect(failure(await build({ throwsAfter: 10 }), "generator")!.message).toContain("the toy generator broke")
    expect(failure(await build({ short: 3 }), "count")).toMatchObject({ figures: { produced: 197, expected: 200 } })
    expect(failure(await build({ malformedAt: 4 }), "shape")).toMatchObject({ examples: [4], message: expect.stringContaining("output is not a non-empty string") })
  })

  it("answers that lack what their own prompt asks for: missing names and off-topic answers", async () => {
    const manifest = await build({ unfaithfulEvery: 40, offTopicEvery: 100 })
    // a missing name is a warning: the example still passes validation, but it is not faithful
    expect(failure(manifest, "faithfulness")).toMatchObject({
      examples: [39, 79, 99, 119, 159, 199],
      offending: 6,
      figures: { unfaithful: 6, offTopic: 2, missingName: 4, examples: 200, share: 0.97 }
    })
    expect(failure(manifest, "validation")).toMatchObject({ examples: [99, 199], figures: { failed: 2 } })
    expect(manifest.artifacts[0].quality.faithfulness).toEqual({ faithful: 194, offTopic: 2, missingName: 4, share: 0.97 })
    expect(formatFailures(manifest)).toContain("broken: [faithfulness] 6 of 200 answers lack what their own prompt asks for: off-topic ×2, missing names in ×4")
  })

  it("prompts that repeat: fewer than 95% distinct", async () => {
    const manifest = await build({ repeatPromptEvery: 10 })
    expect(failure(manifest, "prompt-distinct")).toMatchObject({
      figures: { distinct: 180, examples: 200, share: 0.9, required: 0.95, mostRepeated: 2 },
      examples: [9, 19, 29, 39, 49, 59, 69, 79, 89, 99, 109, 119, 129, 139, 149, 159, 169, 179, 189, 199]
    })
  })

  it("the same lines appended to every answer", async () => {
    const manifest = await build({ boilerplate: true })
    const found = failure(manifest, "boilerplate")
    expect(found).toMatchObject({ figures: { answers: 200, examples: 200, share: 1, limit: 0.2 }, offending: 200 })
    expect(String(found!.figures.run)).toContain("audit_log -records-> audit_trail")
    expect(formatFailures(manifest)).toContain("broken: [boilerplate] the same 3 answer lines occur in 200 of 200 answers (100%, the limit is 20%)")
  })

  it("a passing artifact beside a broken one still passes, the build does not", async () => {
    const manifest = await buildDatasets({ plugins: [toyPlugin(), toyPlugin({ id: "broken", invalidEvery: 10 })], out: tempDir(), count: 100 })
    expect(manifest.passed).toBe(false)
    expect(manifest.artifacts.map((entry) => [entry.artifact, entry.passed])).toEqual([
      ["broken", false],
      ["toy", true]
    ])
  })
})

describe("options", () => {
  it("--only builds just those; an unknown id or a bad count is a usage error", async () => {
    const out = tempDir()
    const manifest = await buildDatasets({ plugins: [toyPlugin(), toyPlugin({ id: "other" })], only: ["other"], out, count: 50 })
    expect(manifest.artifacts.map((entry) => entry.artifact)).toEqual(["other"])
    await expect(buildDatasets({ plugins: [toyPlugin()], only: ["nope"], out, count: 50 })).rejects.toThrow(BuildUsageError)
    await expect(buildDatasets({ plugins: [toyPlugin()], only: ["nope"], out, count: 50 })).rejects.toThrow(/unknown artifact nope; known: toy/)
    await expect(buildDatasets({ plugins: [toyPlugin()], out, count: 0 })).rejects.toThrow(/--count must be an integer ≥ 1/)
    await expect(buildDatasets({ plugins: [toyPlugin()], out, seed: 1.5 })).rejects.toThrow(/--seed/)
  })

  it("reports progress per artifact through onProgress", async () => {
    const events: string[] = []
    await buildDatasets(
      { plugins: [toyPlugin()], out: tempDir(), count: 150 },
      { onProgress: (event) => events.push(event.type === "progress" ? `${event.phase}:${event.done}/${event.total}` : event.type) }
    )
    expect(events[0]).toBe("start")
    expect(events).toContain("validate:64/150")
    expect(events).toContain("validate:150/150")
    expect(events.slice(-2)).toEqual(["artifact", "done"])
  })

  it("mergeManifests refuses a file that no longer matches its checksum", async () => {
    const out = tempDir()
    await buildDatasets({ plugins: [toyPlugin()], out, count: 40, rules: { minDomains: 1, maxDomainShare: 1 } })
    const { writeFileSync } = await import("node:fs")
    writeFileSync(join(out, "toy.val.jsonl"), "tampered\n")
    expect(() => mergeManifests({ out, artifacts: ["toy"] })).toThrow(/toy\.val\.jsonl does not match its manifest/)
    expect(() => mergeManifests({ out, artifacts: ["absent"] })).toThrow(/absent\.manifest\.json.*build the artifact first/)
  })
})
