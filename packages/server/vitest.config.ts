import { defineProject } from "vitest/config"

export default defineProject({
  // Generous timeouts: the tests wait for states (leases, listeners), never for durations, and the machine may be busy.
  test: { name: "@lfai/server", include: ["test/**/*.test.ts"], testTimeout: 30_000 }
})
