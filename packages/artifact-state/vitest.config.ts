import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "@lfai/artifact-state", include: ["test/**/*.test.ts"] }
})
