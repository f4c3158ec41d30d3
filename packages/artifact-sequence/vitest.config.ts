import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 2.7 s.
export default lfaiProject({ name: "@lfai/artifact-sequence", testTimeout: 30_000 })
