/** A clean workflow (score 100) with `extra` lines added. */
export const order = (...extra: ReadonlyArray<string>) =>
  ["flowchart TD", "  start([Start]) --> check{Stock?}", "  check -->|yes| ship[Ship order]", "  check -->|no| refund[Refund]", "  ship --> done([Done])", "  refund --> done", ...extra].join("\n")
