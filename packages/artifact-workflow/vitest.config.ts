import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "@lfai/artifact-workflow", include: ["test/**/*.test.ts"] }
})
