import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "@lfai/artifact-apidocs", include: ["test/**/*.test.ts"] }
})
