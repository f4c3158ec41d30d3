import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 17.1 s. Hooks start `lfai serve` and wait for it.
export default lfaiProject({ name: "@lfai/cli", testTimeout: 180_000, hookTimeout: 60_000 })
