import { DIAGRAM_CODES } from "@lfai/artifact-kit/diagram"
import { issueCodeContract } from "@lfai/artifact-kit/testing"
import { architecture } from "../src/index.ts"
import { shop } from "./clean-diagram.ts"

issueCodeContract(architecture, {
  sources: [new URL("../src/internal/score.ts", import.meta.url)],
  shared: DIAGRAM_CODES,
  readme: new URL("../README.md", import.meta.url),
  cases: {
    empty: "",
    "too-large": shop(...Array(2000).fill("  web --> api")),
    "too-deep": ["flowchart LR", ...Array.from({ length: 51 }, (_, i) => `subgraph S${i}`), "  web --> api --> db", ...Array(51).fill("end")].join("\n"),
    "not-mermaid": { content: "The web app calls the order API, which stores orders.", line: 1 },
    "wrong-type": { content: "classDiagram\n  Web --> Api", line: 1 },
    "parse-error": { content: "flowchart LR\n  web[Web App -->|HTTPS| api[Order API]", line: 2 },
    "too-few-nodes": { content: "flowchart LR\n  web[Web App] -->|HTTPS| api[Order API]\n  api -->|retry| web", line: 1 },
    "too-few-edges": { content: "flowchart LR\n  web[Web App] -->|HTTPS| backend\n  subgraph backend [Backend]\n    api[Order API]\n    db[(Orders DB)]\n  end", line: 1 },
    "orphan-node": { content: shop("  cache[(Cache)]"), line: 4 },
    disconnected: { content: shop("  worker[Worker] -->|AMQP| queue[(Queue)]"), line: 1 },
    "unlabeled-node": { content: shop().replace("db[(Orders DB)]", "B"), line: 3 },
    "duplicate-edge": { content: shop("  api -->|SQL| db"), line: 4 },
    "self-loop": { content: shop("  api -->|retry| api"), line: 4 },
    "empty-subgraph": { content: shop("  subgraph later [Later]", "  end"), line: 4 },
    "unlabeled-edges": shop().replace("|HTTPS| ", "").replace("|SQL| ", "").concat("\n  api --> queue[(Queue)]\n  queue --> worker[Worker]"),
    "off-topic": { content: shop(), options: { request: "An architecture for a clinic: patient portal, scheduling service, billing system." } },
    "missing-name": { content: shop(), options: { request: "An architecture: web app, order API, orders DB and a cache." } }
  }
})
