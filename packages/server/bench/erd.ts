/** The reply the instant Ollama emulator gives in the stack bench: a realistic ERD that passes. */
export const MISTRAL = "mistral:7b-instruct-q4_K_M"

/**
 * A realistic ERD that passes, fenced as a model answers. With `revision` the document is made
 * distinct by an attribute comment (same entities, same score): mermaid keeps the parses of the
 * 256 most recent documents, so a bench that validated one answer over and over would time the
 * cache, not the parser.
 */
export const erdAnswer = (revision?: number) =>
  [
    "```mermaid",
    "erDiagram",
    "  CUSTOMER ||--o{ ORDER : places",
    "  ORDER ||--|{ LINE_ITEM : contains",
    "  CUSTOMER {",
    "    string id PK",
    "    string name",
    "  }",
    "  ORDER {",
    "    string id PK",
    "    string customer_id FK",
    `    date placed_at${revision === undefined ? "" : ` "revision ${revision}"`}`,
    "  }",
    "  LINE_ITEM {",
    "    string order_id FK",
    "    int quantity",
    "  }",
    "```"
  ].join("\n")

export const ERD = erdAnswer()

/** Distinct ERDs (names and all), so no cache could answer a validation. */
export const distinctErd = (i: number) =>
  ["erDiagram", `  CUSTOMER_${i} ||--o{ ORDER_${i} : places`, `  CUSTOMER_${i} {`, "    string id PK", "    string name", "  }", `  ORDER_${i} {`, "    string id PK", `    string customer_${i}_id FK`, "  }"].join("\n")

/**
 * The emulator's scenario: the model is present and answers at once, each request with the next
 * of `answers` distinct ERDs (past them the last one repeats).
 */
export const scenario = (answers: number) => ({
  ollama: { gpu_gb: 24, models: { [MISTRAL]: { replies: Array.from({ length: answers }, (_, i) => erdAnswer(i)), latency_ms: 0, tokens_per_second: 0 } } }
})

/** The stack's options: Ollama at the emulator, nothing persistent, no cloud, no per-client cap in the way. */
export const stackOptions = (ollamaUrl: string) => ({
  env: { OLLAMA_HOST: ollamaUrl },
  implicitFile: false,
  overrides: {
    ollama: { persistent_models: [] },
    validation: { enable_cloud_fallback: false },
    server: { max_concurrent_per_client: 1024 }
  }
})
