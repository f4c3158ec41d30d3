import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "@lfai/artifact-erd", include: ["test/**/*.test.ts"] }
})
