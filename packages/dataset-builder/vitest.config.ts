import { lfaiProject } from "../../vitest.shared.ts"

// Some tests start processes (the bin, Nx) or build real datasets: generous timeouts for a busy
// 2-core machine; nothing here asserts on time.
export default lfaiProject({ name: "@lfai/dataset-builder", testTimeout: 120_000, hookTimeout: 120_000 })
