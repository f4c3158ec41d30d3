/** A clean ERD (score 100) with `extra` lines added. */
export const shop = (...extra: ReadonlyArray<string>) =>
  ["erDiagram", "  CUSTOMER ||--o{ ORDER : places", "  CUSTOMER {", "    int id PK", "    string full_name", "  }", "  ORDER {", "    int id PK", "    int customer_id FK", "  }", ...extra].join("\n")
