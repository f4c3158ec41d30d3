import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 17.1 s.
export default lfaiProject({ name: "@lfai/cli", testTimeout: 90_000 })
