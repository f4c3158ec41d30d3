import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 7.0 s.
export default lfaiProject({ name: "@lfai/artifact-class", testTimeout: 70_000 })
