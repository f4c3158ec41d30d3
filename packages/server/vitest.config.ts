import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "@lfai/server", include: ["test/**/*.test.ts"] }
})
