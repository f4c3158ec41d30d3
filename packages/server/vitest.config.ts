import { lfaiProject } from "../../vitest.shared.ts"

// Generous timeouts: the tests wait for states (leases, listeners), never for durations, and the machine may be busy.
export default lfaiProject({ name: "@lfai/server", testTimeout: 30_000 })
