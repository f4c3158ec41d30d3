import { lfaiProject } from "../../vitest.shared.ts"

// Slowest test seen on a busy 2-core machine: 18.2 s.
// real-plugins.test.ts builds 1000 examples of every artifact: its own timeout. Hooks build small datasets.
export default lfaiProject({ name: "@lfai/dataset-builder", testTimeout: 180_000, hookTimeout: 120_000 })
