import { artifactContract } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import plugin, { classDiagram } from "../src/index.ts"

artifactContract({
  plugin: classDiagram,
  fixtures: new URL("./fixtures/", import.meta.url),
  sample: 'classDiagram\n  class Order {\n    -UUID id\n    +place() bool\n  }\n  class OrderLine {\n    -int quantity\n  }\n  Order "1" *-- "1..*" OrderLine : contains',
  decoy: "sequenceDiagram\n  Order->>Line: add",
  promptMentions: ["classDiagram", "at least 2 classes", "at least 1 relation", "members", "<|--", "*--"],
  tokens: ["<|--", "*--", "o--", "-->", "..|>", "..>", "{", "}", "<<interface>>", "+", "-", "()", "~T~", '"1"']
})

describe("class plugin", () => {
  it("has id class, is the default export and wants mistral", () => {
    expect(plugin).toBe(classDiagram)
    expect(classDiagram.id).toBe("class")
    expect(classDiagram.model).toBe("mistral:7b-instruct-q4_K_M")
  })

  it("does not ask enumeration values for types", () => {
    const result = classDiagram.validate("classDiagram\n  class Order {\n    -Status status\n  }\n  class Status {\n    <<enumeration>>\n    OPEN\n    CLOSED\n  }\n  Order --> Status")
    expect(result.issues).toEqual([])
  })
})
