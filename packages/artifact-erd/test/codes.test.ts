import { DIAGRAM_CODES } from "@lfai/artifact-kit/diagram"
import { issueCodeContract } from "@lfai/artifact-kit/testing"
import { erd } from "../src/index.ts"
import { shop } from "./clean-diagram.ts"

issueCodeContract(erd, {
  sources: [new URL("../src/internal/score.ts", import.meta.url)],
  shared: DIAGRAM_CODES,
  readme: new URL("../README.md", import.meta.url),
  cases: {
    empty: "  \n",
    "too-large": `erDiagram\n${"  CUSTOMER ||--o{ ORDER : places\n".repeat(2000)}`,
    "too-deep": ["erDiagram", ...Array.from({ length: 51 }, (_, i) => `${"  ".repeat(i)}E${i} {`), ...Array.from({ length: 51 }, () => "}")].join("\n"),
    "not-mermaid": { content: "\nThe data model has customers who place orders.", line: 2 },
    "wrong-type": { content: "%% a flowchart\nflowchart TD\n  Customer --> Order", line: 2 },
    "parse-error": { content: "erDiagram\n  CUSTOMER ||--o{ ORDER places", line: 2 },
    "too-few-entities": { content: "erDiagram\n  CUSTOMER ||--o{ CUSTOMER : refers\n  CUSTOMER {\n    int id PK\n  }", line: 1 },
    "no-relationships": { content: "erDiagram\n  CUSTOMER {\n    int id PK\n  }\n  ORDER {\n    int id PK\n  }", line: 1 },
    "entity-without-attributes": { content: shop("  ORDER ||--|{ LINE_ITEM : contains"), line: 11 },
    "missing-primary-key": { content: shop("  ORDER ||--|{ LINE_ITEM : contains", "  LINE_ITEM {", "    int order_id FK", "  }"), line: 12 },
    "orphan-entity": { content: shop("  PRODUCT {", "    int id PK", "  }"), line: 11 },
    "unlabeled-relationship": { content: shop('  ORDER ||--|{ LINE_ITEM : ""', "  LINE_ITEM {", "    int id PK", "  }"), line: 11 },
    "duplicate-relationship": { content: shop("  CUSTOMER ||--o{ ORDER : places"), line: 11 },
    "duplicate-attribute": { content: shop("  ORDER ||--|{ LINE_ITEM : contains", "  LINE_ITEM {", "    int id PK", "    string ID", "  }"), line: 12 },
    "placeholder-name": { content: shop("  ORDER ||--|{ E1 : contains", "  E1 {", "    int id PK", "  }"), line: 12 },
    "inconsistent-naming": shop("  ORDER ||--|{ LINE_ITEM : contains", "  LINE_ITEM {", "    int id PK", "    int unitPrice", "  }"),
    "off-topic": { content: shop(), options: { request: "An ERD for a clinic: patients, doctors and appointments." } },
    "missing-name": { content: shop(), options: { request: "An ERD of a shop: customers, orders and invoices." } }
  }
})
