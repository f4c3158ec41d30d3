import { artifactContract } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import plugin, { classDiagram } from "../src/index.ts"

artifactContract(classDiagram, new URL("./", import.meta.url), plugin)

describe("class plugin", () => {
  it("does not ask enumeration values for types", () => {
    const result = classDiagram.validate("classDiagram\n  class Order {\n    -Status status\n  }\n  class Status {\n    <<enumeration>>\n    OPEN\n    CLOSED\n  }\n  Order --> Status")
    expect(result.issues).toEqual([])
  })
})
