import { rmSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { afterAll, describe, expect, it } from "vitest"
import { checkArtifact, DEFAULT_RULES } from "../src/index.ts"
import { validateInWorkers } from "../src/internal/pool.ts"
import { validateJob } from "../src/internal/validate.ts"
import { exampleRequest } from "../src/Quality.ts"
import { toyPlugin } from "./fixtures.ts"
import { makeWorkspace } from "./workspace.ts"

const root = makeWorkspace()
afterAll(() => rmSync(root, { recursive: true, force: true }))
const source = pathToFileURL(join(root, "packages", "artifact-broken", "src", "index.ts")).href
// The same plugin as that package's default export, built here.
const broken = toyPlugin({ id: "broken", invalidEvery: 7, duplicateEvery: 25 })

describe("validation in worker threads", () => {
  const jobs = [...broken.dataset.generate({ seed: 3, count: 120 })].map((example) => ({ output: example.output, request: exampleRequest(example) }))

  it("gives exactly the outcomes of validating on this thread", async () => {
    const progress: number[] = []
    const outcomes = await validateInWorkers(source, "broken", jobs, 2, (done) => progress.push(done))
    expect(outcomes).toEqual(jobs.map((job) => validateJob(broken, job)))
    expect(outcomes!.filter((outcome) => !outcome.passed).length).toBeGreaterThan(10)
    expect(progress.at(-1)).toBe(120)
  })

  it("hands the work back when a worker cannot load the plugin", async () => {
    expect(await validateInWorkers(source, "not-this-id", jobs, 2, () => {})).toBeUndefined()
    expect(await validateInWorkers(pathToFileURL(join(root, "missing.ts")).href, "broken", jobs, 2, () => {})).toBeUndefined()
  })

  it("a check with workers writes what a check without them writes", async () => {
    const options = { seed: 9, count: 150, rules: DEFAULT_RULES }
    const alone = await checkArtifact(broken, { ...options, workers: 1 })
    const pooled = await checkArtifact(broken, { ...options, workers: 3, source, workerStartMs: 0 })
    expect(alone.validationThreads).toBe(1)
    expect(pooled.validationThreads).toBe(3)
    expect({ ...pooled, validationThreads: 1 }).toEqual(alone)
    expect(alone.failures.map((failure) => failure.rule)).toContain("validation")
  })
})
