// Mermaid's own parser in Node, no browser: `npm install @lfai/mermaid`, then `node parse.ts`.
import { detectDiagram, parseSync } from "@lfai/mermaid"

const erd = `erDiagram
  CUSTOMER ||--o{ ORDER : places
  CUSTOMER {
    int id PK
    string email
  }
  ORDER {
    int id PK
    int customer_id FK
  }`

const parsed = parseSync(erd)
if (parsed.ok && parsed.diagram.family === "er") {
  for (const entity of parsed.diagram.entities) console.log(entity.name, entity.attributes.map((a) => a.name).join(", "))
  for (const r of parsed.diagram.relationships) console.log(`${r.from} ${r.fromCardinality} → ${r.toCardinality} ${r.to} (${r.label})`)
}

// Errors come back as values, with the line and column in your text.
const broken = parseSync("flowchart LR\n  A --> B\n  B -->")
if (!broken.ok) console.log(broken.reason, `line ${broken.error.line}:`, broken.error.message)

console.log(detectDiagram("sequenceDiagram\n  A->>B: hi")?.family)
