import { defineConfig } from "vitest/config"

// One vitest run over every package (`npm test`); each package also has its own
// vitest.config.ts so `nx test <pkg>` and `nx affected -t test` work.
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts"],
    reporters: ["default", ["json", { outputFile: "reports/vitest.json" }]]
  }
})
