/**
 * The code dataset: Angular (TypeScript) and .NET (C#) examples in equal parts, domains balanced,
 * outputs unique. A single file is the code itself; several files are fenced with their paths,
 * as `extract` writes them.
 */
import { DOMAIN_IDS, domain, uniqueExamples, type Rng } from "@lfai/artifact-kit"
import type { DatasetExample, DatasetGenerator } from "@lfai/core"
import { fenceFile } from "../files.ts"
import type { CodeLanguage } from "../language.ts"
import { angularExample } from "./angular.ts"
import { dotnetExample } from "./dotnet.ts"

const make = (rng: Rng, domainId: string, index: number): DatasetExample => {
  const language: CodeLanguage = index % 2 === 0 ? "typescript" : "csharp"
  const d = domain(domainId)
  const made = language === "typescript" ? angularExample(rng, d) : dotnetExample(rng, d)
  const output =
    made.files.length === 1
      ? made.files[0].text
      : made.files.map((file) => fenceFile({ name: file.path, kind: language, text: file.text })).join("\n\n")
  return {
    instruction: made.prompt,
    output,
    domain: d.id,
    meta: { params: { language }, shape: made.shape, files: made.files.map((file) => file.path) }
  }
}

export const codeDataset: DatasetGenerator = {
  domains: DOMAIN_IDS,
  generate: ({ seed, count }) => uniqueExamples({ seed, count, domains: DOMAIN_IDS, label: "code", make })
}
