import { DIAGRAM_CODES } from "@lfai/artifact-kit/diagram"
import { issueCodeContract } from "@lfai/artifact-kit/testing"
import { classDiagram } from "../src/index.ts"
import { shop } from "./clean-diagram.ts"

issueCodeContract(classDiagram, {
  sources: [new URL("../src/internal/score.ts", import.meta.url)],
  shared: DIAGRAM_CODES,
  readme: new URL("../README.md", import.meta.url),
  cases: {
    empty: "%% nothing yet\n",
    "too-large": shop(...Array(2000).fill("  Customer --> Order : places")),
    "too-deep": ["classDiagram", ...Array.from({ length: 51 }, (_, i) => `class C${i} {`), ...Array(51).fill("}")].join("\n"),
    "not-mermaid": { content: "An order has an id and a customer places it.", line: 1 },
    "wrong-type": { content: "erDiagram\n  CUSTOMER ||--o{ ORDER : places", line: 1 },
    "parse-error": { content: "classDiagram\n  class Order {\n    +int id\n  Customer --> Order", line: 4 },
    "too-few-classes": { content: "classDiagram\n  class Order {\n    +int id\n  }\n  Order --> Order : follows", line: 1 },
    "no-relations": { content: "classDiagram\n  class Order {\n    +int id\n  }\n  class Customer {\n    +string name\n  }", line: 1 },
    "no-members": { content: "classDiagram\n  Customer --> Order : places", line: 1 },
    "class-without-members": { content: shop("  Order --> Invoice : bills"), line: 10 },
    "orphan-class": { content: shop("  class Invoice {", "    +int number", "  }"), line: 10 },
    "duplicate-relation": { content: shop("  Customer --> Order : places"), line: 10 },
    "untyped-attribute": { content: shop().replace("+int id", "+id"), line: 2 },
    "duplicate-member": { content: shop().replace("+int id", "+int id\n    +int id"), line: 2 },
    "placeholder-name": { content: shop().replaceAll("Customer", "C1"), line: 6 },
    "inconsistent-naming": shop().replaceAll("Order", "order_line").replaceAll("Customer", "CustomerAccount"),
    "off-topic": { content: shop(), options: { request: "Classes for a clinic: patients, doctors and nurses." } },
    "missing-name": { content: shop(), options: { request: "Classes of a shop: customer, order and invoice." } }
  }
})
