#!/usr/bin/env node
// The lfai-datasets command: the built JavaScript (dist/) when installed; inside the lfai
// repository, where src/ is beside this folder, the TypeScript sources as they are (see CONTRIBUTING.md).
import { existsSync } from "node:fs"

if (existsSync(new URL("../src/", import.meta.url))) {
  await import("../../../scripts/source-condition.js")
  await import("../src/main.ts")
} else {
  await import("../dist/main.js")
}
