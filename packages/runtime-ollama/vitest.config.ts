import { defineProject } from "vitest/config"

export default defineProject({
  test: { name: "@lfai/runtime-ollama", include: ["test/**/*.test.ts"] }
})
