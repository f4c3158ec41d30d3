import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 4.8 s.
export default lfaiProject({ name: "@lfai/artifact-html", testTimeout: 50_000 })
