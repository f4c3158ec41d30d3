import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "@lfai/fallback-gemini", include: ["test/**/*.test.ts"] }
})
