import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 6.3 s.
export default lfaiProject({ name: "@lfai/runtime-ollama", testTimeout: 60_000 })
