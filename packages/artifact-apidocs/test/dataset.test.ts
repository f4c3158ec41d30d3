import { describe, expect, it } from "vitest"
import { apidocs, namesOfApiDocs } from "../src/index.ts"

const LONG = 600_000

describe("apidocs: dataset", () => {
  const examples = [...apidocs.dataset.generate({ seed: 42, count: 1000 })]
  it("holds both formats in proportion, both OpenAPI versions, YAML and JSON, and every feature", () => {
    const written = (kind: string) => examples.filter((example) => example.meta.written === kind).length
    expect(written("markdown")).toBeGreaterThan(350)
    expect(written("markdown")).toBeLessThan(550)
    expect(written("yaml")).toBeGreaterThan(300)
    expect(written("json")).toBeGreaterThan(100)
    const versions = new Set(examples.map((example) => String(example.meta.version)))
    expect(versions).toEqual(new Set(["undefined", "3.1.0", "3.0.3", "3.0.0"]))
    const features = new Set(examples.flatMap((example) => example.meta.features as string[]))
    expect([...features].sort()).toEqual(["actions", "auth-flow", "bulk", "crud", "nested", "read-only", "search", "upload", "webhooks"])
  })

  it("each request names its format, and the listed resources are names of the answer", { timeout: LONG }, () => {
    for (const example of examples.slice(0, 300)) {
      const format = (example.meta.params as { format: string }).format
      expect(example.instruction).toMatch(format === "markdown" ? /markdown/i : /openapi/i)
      const names = namesOfApiDocs(example.output).map((name) => name.toLowerCase().replace(/[-_ ]/g, ""))
      for (const name of example.meta.names as string[]) expect(names, name).toContain(name.toLowerCase().replace(/[-_ ]/g, ""))
    }
  })
})
