import { rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { afterAll, describe, expect, it } from "vitest"
import { Effect, Exit, Scope } from "effect"
import { ValidationPools } from "@lfai/core"
import { checkArtifact, DEFAULT_RULES } from "../src/index.ts"
import { toyPlugin } from "./fixtures.ts"
import { makeWorkspace } from "./workspace.ts"

const root = makeWorkspace()
afterAll(() => rmSync(root, { recursive: true, force: true }))
const source = pathToFileURL(join(root, "packages", "artifact-broken", "src", "index.ts")).href

/** Core's validation pool in a scope of its own, closed after `use`. */
const withPool = async <A>(options: ValidationPools.ValidationPoolOptions, use: (pool: ValidationPools.ValidationPoolShape) => Promise<A>) => {
  const scope = Effect.runSync(Scope.make())
  try {
    return await use(await Effect.runPromise(Scope.provide(ValidationPools.make(options), scope)))
  } finally {
    await Effect.runPromise(Scope.close(scope, Exit.void))
  }
}

describe("validation on core's pool", () => {
  it("a check with workers writes what a check without them writes", async () => {
    // The plugin the workspace package default-exports, imported the way the build imports it.
    const broken = ((await import(source)) as { default: ReturnType<typeof toyPlugin> }).default
    const options = { seed: 9, count: 150, rules: DEFAULT_RULES, workerStartMs: 0 }
    const alone = await checkArtifact(broken, options)
    const pooled = await withPool({ size: 3, modules: [source] }, (pool) => checkArtifact(broken, { ...options, pool }))
    expect(alone.validationThreads).toBe(1)
    expect(pooled.validationThreads).toBe(3)
    expect({ ...pooled, validationThreads: 1 }).toEqual(alone)
    expect(alone.failures.map((failure) => failure.rule)).toContain("validation")
  })

  it("the workers judge each answer against its own prompt: the request crosses to them as plain data", async () => {
    // a module of its own (not a workspace package), default-exporting a plugin whose answers now and then lack a name
    const file = join(root, "unfaithful.ts")
    writeFileSync(file, `import { toyPlugin } from ${JSON.stringify(join(import.meta.dirname, "fixtures.ts"))}\nexport default toyPlugin({ id: "unfaithful", unfaithfulEvery: 10, offTopicEvery: 25 })\n`)
    const module = pathToFileURL(file).href
    const plugin = ((await import(module)) as { default: ReturnType<typeof toyPlugin> }).default
    const options = { seed: 4, count: 150, rules: DEFAULT_RULES, workerStartMs: 0 }
    const pooled = await withPool({ size: 2, modules: [module] }, (pool) => checkArtifact(plugin, { ...options, pool }))
    expect(pooled.validationThreads).toBe(2)
    expect(pooled.quality.faithfulness).toEqual({ faithful: 132, offTopic: 6, missingName: 12, share: 0.88 })
    expect({ ...pooled, validationThreads: 1 }).toEqual(await checkArtifact(plugin, options))
  })

  it("a plugin the workers cannot import is validated on the calling thread, with the same result", async () => {
    const inline = toyPlugin({ id: "broken", invalidEvery: 7, duplicateEvery: 25 })
    const options = { seed: 3, count: 120, rules: DEFAULT_RULES, workerStartMs: 0 }
    const pooled = await withPool({ size: 2, modules: [pathToFileURL(join(root, "missing.ts")).href] }, (pool) => checkArtifact(inline, { ...options, pool }))
    expect({ ...pooled, validationThreads: 1 }).toEqual(await checkArtifact(inline, options))
  })
})
