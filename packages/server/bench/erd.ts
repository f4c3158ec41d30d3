/** The reply the instant Ollama emulator gives in the stack bench: a realistic ERD that passes. */
export const MISTRAL = "mistral:7b-instruct-q4_K_M"

export const ERD = [
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
  "    date placed_at",
  "  }",
  "  LINE_ITEM {",
  "    string order_id FK",
  "    int quantity",
  "  }",
  "```"
].join("\n")

/** The emulator's scenario: the model is present and answers at once. */
export const scenario = { ollama: { gpu_gb: 24, models: { [MISTRAL]: { replies: [ERD], latency_ms: 0, tokens_per_second: 0 } } } }

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
