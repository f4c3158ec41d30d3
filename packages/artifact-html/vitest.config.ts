import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "@lfai/artifact-html", include: ["test/**/*.test.ts"] }
})
