import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 4.0 s.
export default lfaiProject({ name: "@lfai/artifact-state", testTimeout: 40_000 })
