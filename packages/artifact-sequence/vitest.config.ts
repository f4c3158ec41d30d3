import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "@lfai/artifact-sequence", include: ["test/**/*.test.ts"] }
})
