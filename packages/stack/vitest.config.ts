import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 1.5 s.
export default lfaiProject({ name: "@lfai/stack", testTimeout: 15_000 })
