import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "@lfai/testkit", include: ["test/**/*.test.ts"] }
})
