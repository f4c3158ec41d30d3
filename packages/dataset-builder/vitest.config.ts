import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "@lfai/dataset-builder", include: ["test/**/*.test.ts"] }
})
