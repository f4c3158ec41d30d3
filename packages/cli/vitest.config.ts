import { lfaiProject } from "../../vitest.shared.ts"

export default lfaiProject({ name: "@lfai/cli", testTimeout: 60_000, hookTimeout: 60_000 })
