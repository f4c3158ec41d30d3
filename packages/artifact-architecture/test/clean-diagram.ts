/** A clean architecture (score 100, no issue) with `extra` lines added. */
export const shop = (...extra: ReadonlyArray<string>) => ["flowchart LR", "  web[Web App] -->|HTTPS| api[Order API]", "  api -->|SQL| db[(Orders DB)]", ...extra].join("\n")
