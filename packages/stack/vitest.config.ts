import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "@lfai/stack", include: ["test/**/*.test.ts"] }
})
