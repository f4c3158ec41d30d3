import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "@lfai/mermaid", include: ["test/**/*.test.ts"] }
})
