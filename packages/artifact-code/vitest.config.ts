import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 7.3 s.
export default lfaiProject({ name: "@lfai/artifact-code", testTimeout: 75_000 })
