import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "@lfai/artifact-class", include: ["test/**/*.test.ts"] }
})
