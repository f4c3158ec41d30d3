import { DIAGRAM_CODES } from "@lfai/artifact-kit/diagram"
import { issueCodeContract } from "@lfai/artifact-kit/testing"
import { sequence } from "../src/index.ts"

/** A clean sequence diagram (score 100): `participants` declared, then the messages and `extra` lines. */
const checkout = (participants: ReadonlyArray<string>, ...extra: ReadonlyArray<string>) =>
  ["sequenceDiagram", ...participants.map((p) => `  participant ${p}`), "  Customer->>Shop: order", ...extra, "  Shop-->>Customer: receipt"].join("\n")
const both = ["Customer", "Shop"]

issueCodeContract(sequence, {
  sources: [new URL("../src/internal/score.ts", import.meta.url)],
  shared: DIAGRAM_CODES,
  readme: new URL("../README.md", import.meta.url),
  cases: {
    empty: "",
    "too-large": `sequenceDiagram\n${"  Customer->>Shop: order\n".repeat(2000)}`,
    "too-deep": ["sequenceDiagram", "  Customer->>Shop: order", ...Array(51).fill("  loop again"), "  Shop-->>Customer: receipt", ...Array(51).fill("  end")].join("\n"),
    "not-mermaid": { content: "The customer orders and the shop sends a receipt.", line: 1 },
    "wrong-type": { content: "flowchart TD\n  Customer --> Shop", line: 1 },
    "parse-error": { content: "sequenceDiagram\n  Customer->>: order", line: 2 },
    "too-few-participants": { content: "sequenceDiagram\n  Customer->>Customer: think\n  Customer->>Customer: decide", line: 1 },
    "too-few-messages": { content: "sequenceDiagram\n  participant Customer\n  participant Shop\n  Customer->>Shop: order", line: 1 },
    "unused-participant": { content: checkout([...both, "Bank"]), line: 4 },
    "empty-message": { content: checkout(both, "  Shop->>Customer: "), line: 5 },
    "empty-block": { content: checkout(both, "  opt discount", "    Note over Shop: none this week", "  end"), line: 5 },
    "open-activation": { content: checkout(both).replace("Customer->>Shop", "Customer->>+Shop"), line: 3 },
    "placeholder-name": { content: checkout(both).replaceAll("Shop", "S1"), line: 3 },
    "duplicate-participant": { content: checkout([...both, "Store as Shop"], "  Customer->>Store: pay"), line: 4 },
    "off-topic": { content: checkout(both), options: { request: "A sequence diagram of a clinic: patients, doctors and nurses." } },
    "missing-name": { content: checkout(both), options: { request: "A sequence diagram: the customer, the shop and the bank." } }
  }
})
