/**
 * The testkit's demo scenario against every built-in plugin, through the whole stack: each one has
 * a demo request and a scripted answer that passes — a plugin added without them fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { demoPrompts, startDemo, type DemoHandles } from "@lfai/testkit"
import { builtinPlugins, createLfai, type Lfai } from "@lfai/stack"

describe("the demo scenario", () => {
  let demo: DemoHandles
  let lfai: Lfai
  beforeAll(async () => {
    demo = await startDemo()
    lfai = await createLfai({ env: { OLLAMA_HOST: demo.ollama.url, GEMINI_BASE_URL: demo.gemini.url, GEMINI_API_KEY: "demo" }, implicitFile: false })
  })
  afterAll(async () => {
    await lfai?.dispose()
    await demo?.close()
  })

  it.each(builtinPlugins.map((plugin) => [plugin.id]))("answers %s's demo request with an artifact that passes its validator", async (id) => {
    const prompt = demoPrompts[id]
    expect(prompt, `no demo request for "${id}": add one to demoPrompts (packages/testkit/src/Demo.ts) and its reply to scenarios/demo.yaml`).toBeDefined()
    const result = await lfai.generate(id, { prompt })
    expect(result.passed, `${id}: ${result.reason ?? ""} ${JSON.stringify(result.issues)}`).toBe(true)
    const revalidated = await lfai.validate(id, result.content)
    expect(revalidated.passed).toBe(true)
  })

  it("shows the ladder: the ERD at once, the sequence diagram after a repair, the class diagram from the cloud", async () => {
    const ladder = async (id: string) => (await lfai.generate(id, { prompt: demoPrompts[id] })).attempts.map((a) => `${a.provider}:${a.kind}:${a.passed}`)
    expect(await ladder("erd")).toEqual(["ollama:generate:true"])
    expect(await ladder("sequence")).toEqual(["ollama:generate:false", "ollama:repair:true"])
    expect(await ladder("class")).toEqual(["ollama:generate:false", "ollama:repair:false", "gemini:generate:true"])
    const sequence = await lfai.generate("sequence", { prompt: demoPrompts.sequence })
    expect(sequence.attempts[0].issues).toEqual([
      expect.objectContaining({ code: "parse-error", message: expect.stringContaining("Trying to inactivate an inactive participant (LoanService)"), line: 11 })
    ])
  })
})
