import { lfaiProject } from "../../vitest.shared.ts"

// The end-to-end test generates a package in a copy of the workspace and runs its tests and its
// dataset build there: minutes on a busy machine.
export default lfaiProject({ name: "@lfai/nx-plugin", testTimeout: 900_000, hookTimeout: 900_000 })
