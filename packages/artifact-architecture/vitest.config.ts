import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "@lfai/artifact-architecture", include: ["test/**/*.test.ts"] }
})
