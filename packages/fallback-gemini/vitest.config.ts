import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 1.0 s.
export default lfaiProject({ name: "@lfai/fallback-gemini", testTimeout: 10_000 })
