import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 2.3 s.
export default lfaiProject({ name: "@lfai/testkit", testTimeout: 25_000 })
