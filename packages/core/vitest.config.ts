import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 4.4 s.
export default lfaiProject({ name: "@lfai/core", testTimeout: 45_000 })
