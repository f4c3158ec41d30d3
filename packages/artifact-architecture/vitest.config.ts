import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 2.5 s.
export default lfaiProject({ name: "@lfai/artifact-architecture", testTimeout: 25_000 })
