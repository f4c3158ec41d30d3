import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 10.0 s.
export default lfaiProject({ name: "@lfai/artifact-docs", testTimeout: 100_000 })
