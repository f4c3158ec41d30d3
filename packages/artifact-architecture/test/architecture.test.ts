import { artifactContract } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import plugin, { architecture } from "../src/index.ts"

artifactContract(architecture, new URL("./", import.meta.url), plugin)

describe("architecture plugin", () => {
  it("counts an edge into a subgraph as connecting its members", () => {
    const result = architecture.validate("flowchart LR\n  u[User] --> g\n  subgraph g [Group]\n    a[One]\n    b[Two]\n  end\n  a --> b")
    expect(result.issues.map((i) => i.code)).not.toContain("orphan-node")
    expect(result.passed).toBe(true)
  })

  it("mentions unlabeled connections without failing them", () => {
    const result = architecture.validate("flowchart LR\n  web[Web] --> api[API]\n  api --> db[(DB)]\n  api --> mq[/Queue/]\n  mq --> worker[Worker]")
    expect(result.passed).toBe(true)
    expect(result.score).toBe(100)
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([["unlabeled-edges", "info"]])
  })
})
