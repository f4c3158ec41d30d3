import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 1.3 s.
export default lfaiProject({ name: "@lfai/artifact-jira", testTimeout: 15_000 })
