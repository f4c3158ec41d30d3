import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "@lfai/core", include: ["test/**/*.test.ts"] }
})
