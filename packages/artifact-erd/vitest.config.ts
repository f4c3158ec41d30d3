import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 1.9 s.
export default lfaiProject({ name: "@lfai/artifact-erd", testTimeout: 20_000 })
