import { fuzzInputs } from "@lfai/artifact-kit"
import { artifactContract, checkShape } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import plugin, { code } from "../src/index.ts"
import { COMPONENT, CONTROLLER, RECORD_FILE } from "./samples.ts"

artifactContract(code, new URL("./", import.meta.url), plugin)

describe("fuzzing beyond the shared contract", () => {
  it("multi-file answers and C#: validate and extract never throw and scores stay in range", () => {
    const seeds = [
      `\`\`\`typescript title="a.ts"\n${COMPONENT}\n\`\`\`\n\n\`\`\`csharp title="B.cs"\n${CONTROLLER}\n\`\`\``,
      CONTROLLER,
      RECORD_FILE,
      ...[...code.dataset.generate({ seed: 9, count: 40 })].map((example) => example.output)
    ]
    const tokens = ["```", "```csharp title=\"X.cs\"\n", "{", "}", ";", "[HttpGet]", "namespace ", "@Component(", "<", ">", '"""', "$\"", "#nullable disable\n"]
    for (const input of fuzzInputs(77, 1500, seeds, tokens)) {
      for (const params of [undefined, { language: "typescript" }, { language: "csharp" }]) {
        const extracted = code.extract(input, params ? { prompt: "x", params } : undefined)
        expect(typeof extracted).toBe("string")
        checkShape(code.validate(extracted, params ? { params } : {}))
      }
    }
  })
})
