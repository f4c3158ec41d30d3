import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "@lfai/artifact-docs", include: ["test/**/*.test.ts"] }
})
