import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 0.8 s.
export default lfaiProject({ name: "@lfai/mermaid", testTimeout: 10_000 })
