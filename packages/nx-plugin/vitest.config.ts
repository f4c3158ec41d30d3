import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 8.0 s.
// The hook copies the workspace and installs it: minutes on a busy machine.
export default lfaiProject({ name: "@lfai/nx-plugin", testTimeout: 80_000, hookTimeout: 300_000 })
