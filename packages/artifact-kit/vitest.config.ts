import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "@lfai/artifact-kit", include: ["test/**/*.test.ts"] }
})
