import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 18.2 s.
// real-plugins.test.ts builds 1000 examples of every artifact: its own timeout.
export default lfaiProject({ name: "@lfai/dataset-builder", testTimeout: 90_000 })
