import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "@lfai/artifact-code", include: ["test/**/*.test.ts"] }
})
