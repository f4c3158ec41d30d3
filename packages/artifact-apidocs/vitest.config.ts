import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 8.5 s.
export default lfaiProject({ name: "@lfai/artifact-apidocs", testTimeout: 90_000 })
