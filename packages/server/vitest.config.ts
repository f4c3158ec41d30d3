import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 6.0 s.
export default lfaiProject({ name: "@lfai/server", testTimeout: 60_000 })
