import { describe, expect, it } from "vitest"
import { code } from "../src/index.ts"
import { analyseCode, declaredNames } from "../src/internal/validate.ts"

describe("the dataset", () => {
  const examples = [...code.dataset.generate({ seed: 42, count: 1000 })]
  const meta = (example: (typeof examples)[number]) => example.meta as { params: { language: string }; shape: string; files: string[] }

  it("holds both languages in equal parts, with many shapes of each and multi-file answers", () => {
    const languages = examples.map((example) => meta(example).params.language)
    expect(languages.filter((language) => language === "typescript")).toHaveLength(500)
    const shapes = (language: string) => new Set(examples.filter((e) => meta(e).params.language === language).map((e) => meta(e).shape.split(":")[0]))
    expect([...shapes("typescript")].sort()).toEqual(
      expect.arrayContaining(["list-component", "form", "http-service", "signal-store", "guard", "pipe", "interceptor", "resolver", "lifecycle", "detail", "directive", "feature"])
    )
    expect([...shapes("csharp")].sort()).toEqual(
      expect.arrayContaining(["controller", "minimal-program", "endpoints-class", "entities", "dbcontext", "configuration", "records", "worker", "domain-entity", "ef-service", "http-client", "feature"])
    )
    expect(examples.filter((e) => meta(e).files.length > 1).length).toBeGreaterThan(50)
  })

  it("every example passes in its own language and scores full marks, and its user prompts are distinct", () => {
    for (const example of examples) {
      const content = code.extract(code.prompt.answer!(example.output), { prompt: example.instruction, params: meta(example).params })
      const result = code.validate(content, { params: meta(example).params })
      expect(result.score, `${example.instruction}\n${result.issues.map((issue) => issue.message).join("\n")}`).toBe(100)
    }
    expect(new Set(examples.map((example) => example.instruction)).size).toBeGreaterThanOrEqual(950)
  })

  it("a prompt names in backticks only what its answer declares", () => {
    for (const example of examples) {
      const declared = new Set(declaredNames(analyseCode(example.output)).map((declaration) => declaration.name.toLowerCase()))
      const asked = [...example.instruction.matchAll(/`([A-Za-z_][\w]*)(?:\(\))?`/g)].map((match) => match[1].toLowerCase())
      expect(asked.filter((name) => !declared.has(name)), example.instruction).toEqual([])
    }
  })

  it("no type declares a property twice (an entity's status text beside its lifecycle's enum, a column beside the navigation of that name)", () => {
    for (const example of examples) {
      const properties = declaredNames(analyseCode(example.output)).filter((declaration) => declaration.kind === "property")
      const keys = properties.map((declaration) => `${declaration.file ?? ""} ${declaration.parent}.${declaration.name}`)
      expect(keys.filter((key, index) => keys.indexOf(key) !== index), example.output).toEqual([])
    }
  })

  it("no run of three answer lines (trimmed, numbers masked) is in more than 20% of the answers", () => {
    const runs = new Map<string, number>()
    for (const example of examples) {
      const lines = code.prompt.answer!(example.output).split("\n").filter((line) => line.trim() !== "" && !/^\s*(?:```|~~~)/.test(line)).map((line) => line.trim().replace(/\d+/g, "0"))
      const seen = new Set<string>()
      for (let i = 0; i + 3 <= lines.length; i++) seen.add(lines.slice(i, i + 3).join("\n"))
      for (const run of seen) runs.set(run, (runs.get(run) ?? 0) + 1)
    }
    const [top, times] = [...runs.entries()].sort((a, b) => b[1] - a[1])[0]
    expect(times / examples.length, top).toBeLessThanOrEqual(0.2)
  })
})
