import { artifactContract } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import plugin, { state } from "../src/index.ts"

artifactContract(state, new URL("./", import.meta.url), plugin)

describe("state plugin", () => {
  it("reaches states inside a composite through its own start, and only through it", () => {
    const reached = state.validate("stateDiagram-v2\n  [*] --> A\n  A --> B : go\n  state B {\n    [*] --> B1\n    B1 --> B2 : next\n    B3 --> B2 : back\n  }\n  B --> [*]")
    expect(reached.issues.filter((i) => i.code === "unreachable-state").map((i) => i.message)).toEqual(["State B3 cannot be reached from the start."])
  })

  it("does not count a start inside a composite as the diagram's start", () => {
    const result = state.validate("stateDiagram-v2\n  state Outer {\n    [*] --> In\n    In --> Out : x\n  }\n  Outer --> Done : y")
    expect(result.issues.map((i) => i.code)).toContain("no-start-transition")
  })
})
