import { defineProject } from "vitest/config"

export default defineProject({
  // Integration tests talk HTTP to an emulator on a possibly busy machine: generous ceilings.
  test: { name: "@lfai/runtime-ollama", include: ["test/**/*.test.ts"], testTimeout: 30_000 }
})
