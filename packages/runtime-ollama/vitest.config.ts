import { lfaiProject } from "../../vitest.shared.ts"

// Integration tests talk HTTP to an emulator on a possibly busy machine: generous ceilings.
export default lfaiProject({ name: "@lfai/runtime-ollama", testTimeout: 30_000 })
