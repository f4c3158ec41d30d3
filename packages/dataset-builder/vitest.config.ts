import { defineProject } from "vitest/config"

export default defineProject({
  // Some tests start processes (the bin, Nx) or build real datasets: generous timeouts for a busy
  // 2-core machine; nothing here asserts on time.
  test: { name: "@lfai/dataset-builder", include: ["test/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 120_000 }
})
