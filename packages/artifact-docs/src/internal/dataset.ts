/**
 * The docs dataset: the four kinds in equal shares, each written from a domain's vocabulary in
 * several layouts (optional sections, synonyms, tables or lists, tables of contents, Mermaid
 * diagrams, front matter). Half the examples name the kind as a parameter, as `--kind` does.
 */
import { DOMAIN_IDS, domain, uniqueExamples, type Rng } from "@lfai/artifact-kit"
import type { DatasetExample, DatasetGenerator } from "@lfai/core"
import { KINDS, type Kind } from "./kinds.ts"
import { adr } from "./dataset/adr.ts"
import { apiGuide } from "./dataset/apiGuide.ts"
import { readme } from "./dataset/readme.ts"
import { runbook } from "./dataset/runbook.ts"
import type { Generated } from "./dataset/types.ts"

const WRITERS: Readonly<Record<Kind, (rng: Rng, d: ReturnType<typeof domain>, index: number) => Generated>> = {
  readme,
  adr,
  runbook,
  "api-guide": apiGuide
}

const make = (rng: Rng, domainId: string, index: number): DatasetExample => {
  const kind = KINDS[index % KINDS.length]
  const generated = WRITERS[kind](rng, domain(domainId), index)
  const params = rng.chance(0.5) ? { params: { kind } } : {}
  return { instruction: generated.instruction, output: generated.text, domain: domainId, meta: { kind, ...params, ...generated.meta } }
}

export const docsDataset: DatasetGenerator = {
  domains: DOMAIN_IDS,
  generate: ({ seed, count }) => uniqueExamples({ seed, count, domains: DOMAIN_IDS, label: "docs", make })
}
