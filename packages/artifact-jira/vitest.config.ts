import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "@lfai/artifact-jira", include: ["test/**/*.test.ts"] }
})
