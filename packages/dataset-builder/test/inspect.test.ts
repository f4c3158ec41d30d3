import { appendFileSync } from "node:fs"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { buildDatasets, formatInspection, inspectDatasets, InspectError, runCli, type Manifest } from "../src/index.ts"
import { tempDirs, toyPlugin } from "./fixtures.ts"

const tempDir = tempDirs("lfai-inspect-")

describe("inspect", () => {
  const out = tempDir()
  let manifest: Manifest
  beforeAll(async () => {
    manifest = await buildDatasets({ plugins: [toyPlugin(), toyPlugin({ id: "padded", boilerplate: true, repeatPromptEvery: 20 })], out, count: 120, seed: 3 })
  })

  it("measures each artifact as the build did: prompts, recurring runs, the split", () => {
    const inspections = inspectDatasets({ out })
    expect(inspections.map((a) => a.artifact)).toEqual(["padded", "toy"])
    for (const a of inspections) {
      const entry = manifest.artifacts.find((candidate) => candidate.artifact === a.artifact)!
      expect(a.examples).toBe(120)
      expect(a.domains).toBe(entry.domains)
      expect(a.prompts).toMatchObject({ distinct: entry.quality.prompts.distinct, share: entry.quality.prompts.share })
      expect(a.runs[0]).toEqual({ text: entry.quality.boilerplate.run, answers: entry.quality.boilerplate.answers, share: entry.quality.boilerplate.share })
      expect(a.split).toEqual({ train: entry.train.examples, val: entry.val.examples, ...entry.quality.leakage })
    }
    const padded = inspections[0]
    expect(padded.runs[0].text).toContain("audit_log -records-> audit_trail")
    expect(padded.runs[0].share).toBe(1)
    expect(padded.prompts.mostRepeated.times).toBe(2)
    expect(padded.lines.length).toBe(5)
  })

  it("shows a few examples, the same ones for the same seed, each as its line in the file", () => {
    const [first] = inspectDatasets({ out, only: ["toy"], samples: 4, seed: 7 })
    expect(first.samples.map((s) => s.index)).toEqual(inspectDatasets({ out, only: ["toy"], samples: 4, seed: 7 })[0].samples.map((s) => s.index))
    expect(new Set(first.samples.map((s) => s.index)).size).toBe(4)
    const other = inspectDatasets({ out, only: ["toy"], samples: 4, seed: 8 })[0]
    expect(other.samples.map((s) => s.index)).not.toEqual(first.samples.map((s) => s.index))
    const [example] = [...toyPlugin().dataset.generate({ seed: 3, count: first.samples[0].index + 1 })].slice(-1)
    expect(first.samples[0].assistant).toBe(example.output)
    expect(first.samples[0].domain).toBe(example.domain)
  })

  it("reads as text: figures, then the examples", () => {
    const text = formatInspection(inspectDatasets({ out, only: ["padded"], samples: 1 }))
    expect(text).toMatch(/^padded — 120 examples, \d+ domains \(padded\.jsonl\)\n {2}prompts: 114 distinct of 120 \(95\.0%\)/)
    expect(text).toMatch(/the most repeated one occurs 2×: Draw a toy diagram for: /)
    expect(formatInspection(inspectDatasets({ out, only: ["toy"], samples: 0 }))).toContain("(100.0%); none repeats")
    expect(text).toContain("100.0%  audit_log -records-> audit_trail ⏎ entity audit_log { ⏎ string note")
    expect(text).toMatch(/examples:\n {4}#\d+ \[[a-z-]+\]\n {4}user:\n {6}Draw a toy diagram for: /)
  })

  it("says what is wrong with a directory that holds no dataset, an unknown artifact or a broken line", () => {
    expect(() => inspectDatasets({ out: join(out, "nowhere") })).toThrow(InspectError)
    expect(() => inspectDatasets({ out: tempDir() })).toThrow(/holds no <artifact>\.jsonl/)
    expect(() => inspectDatasets({ out, only: ["erd"] })).toThrow(/no dataset for erd .*; it holds padded, toy/)
    const broken = tempDir()
    appendFileSync(join(broken, "x.jsonl"), '{"messages":[]}\n')
    expect(() => inspectDatasets({ out: broken })).toThrow(/x\.jsonl:1 is not a chat line/)
  })

  it("lfai-datasets inspect prints it, as text or JSON; exit 2 for a directory without datasets", async () => {
    const run = async (args: string[]) => {
      let stdout = ""
      let stderr = ""
      const code = await runCli(args, { stdout: { write: (chunk: string) => (stdout += chunk) }, stderr: { write: (chunk: string) => (stderr += chunk), isTTY: false } })
      return { code, stdout, stderr }
    }
    const json = await run(["inspect", "--out", out, "--only", "toy", "--samples", "2", "--json"])
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout)).toEqual(inspectDatasets({ out, only: ["toy"], samples: 2 }))
    const text = await run(["inspect", "--out", out, "--top", "2"])
    expect(text.code).toBe(0)
    expect(text.stdout).toContain("toy — 120 examples")
    const empty = await run(["inspect", "--out", tempDir()])
    expect(empty.code).toBe(2)
    expect(empty.stderr).toContain("holds no <artifact>.jsonl")
  })
})
