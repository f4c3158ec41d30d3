import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 3.9 s.
export default lfaiProject({ name: "@lfai/artifact-workflow", testTimeout: 40_000 })
