import { DIAGRAM_CODES } from "@lfai/artifact-kit/diagram"
import { issueCodeContract } from "@lfai/artifact-kit/testing"
import { workflow } from "../src/index.ts"
import { order } from "./clean-diagram.ts"

issueCodeContract(workflow, {
  sources: [new URL("../src/internal/score.ts", import.meta.url)],
  shared: DIAGRAM_CODES,
  readme: new URL("../README.md", import.meta.url),
  cases: {
    empty: "",
    "too-large": order(...Array(2000).fill("  ship --> done")),
    "too-deep": ["flowchart TD", ...Array.from({ length: 51 }, (_, i) => `subgraph S${i}`), "  start([Start]) --> done([Done])", ...Array(51).fill("end")].join("\n"),
    "not-mermaid": { content: "First check the stock, then ship or refund.", line: 1 },
    "wrong-type": { content: "sequenceDiagram\n  A->>B: hi", line: 1 },
    "parse-error": { content: "flowchart TD\n  start([Start]) --> check{Stock?\n", line: 2 },
    "no-start-node": { content: order("  done --> start").replace(/start\(\[Start\]\)/, "start[Receive order]").replaceAll("start", "receive"), line: 1 },
    "no-end-node": { content: order().replace("  ship --> done([Done])\n  refund --> done", "  ship --> check\n  refund --> check"), line: 1 },
    "no-decision": { content: "flowchart TD\n  start([Start]) --> ship[Ship order]\n  ship --> done([Done])", line: 1 },
    "unlabeled-decision": { content: order().replace("check -->|yes| ship", "check --> ship"), line: 2 },
    "unreachable-node": { content: order("  audit[Audit] --> done"), line: 7 },
    "unlabeled-branch": { content: order().replace("ship --> done([Done])", "ship --> paid{Paid?}\n  paid --> done([Done])\n  paid -->|no| refund"), line: 5 },
    "single-branch-decision": { content: order().replace("ship --> done([Done])", "ship --> paid{Paid?}\n  paid -->|yes| done([Done])"), line: 5 },
    "dead-end": { content: order("  ship --> notify[Notify]"), line: 7 },
    "duplicate-edge": { content: order("  refund --> done"), line: 7 },
    "unlabeled-node": { content: order().replaceAll("refund", "B").replace("B[Refund]", "B"), line: 4 },
    "off-topic": { content: order(), options: { request: "A workflow for a clinic: admit patient, triage, discharge." } },
    "missing-name": { content: order(), options: { request: "An order workflow: check stock, ship order, refund, send invoice." } }
  }
})
