#!/usr/bin/env node
// The `lfai-testkit` command: Ollama and Gemini emulators on loopback (see ../README.md). The built
// JavaScript (dist/) when installed; inside the lfai repository, where src/ is beside this folder,
// the TypeScript sources as they are (see CONTRIBUTING.md).
import { existsSync } from "node:fs"

if (existsSync(new URL("../src/", import.meta.url))) {
  await import("../../../scripts/source-condition.js")
  await import("../src/cli.ts")
} else {
  await import("../dist/cli.js")
}
