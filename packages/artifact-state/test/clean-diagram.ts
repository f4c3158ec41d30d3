/** A clean state diagram (score 100, no issue) with `extra` lines added. */
export const machine = (...extra: ReadonlyArray<string>) =>
  ["stateDiagram-v2", "  [*] --> Idle", "  Idle --> Running : start", "  Running --> Idle : stop", "  Running --> [*] : finish", ...extra].join("\n")
