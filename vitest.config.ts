import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

// One vitest run over every package and the repository's own checks in test/ (`npm test`); each
// package also has its own vitest.config.ts so `nx test <pkg>` and `nx affected -t test` work.
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "test/vitest.config.ts"],
    reporters: ["default", ["json", { outputFile: "reports/vitest.json" }], fileURLToPath(new URL("test/support/timings-reporter.ts", import.meta.url))]
  }
})
