#!/usr/bin/env node
// The lfai command: the built JavaScript (dist/) when installed; inside the lfai repository, where
// src/ is beside this folder, the TypeScript sources as they are (see CONTRIBUTING.md).
const [major, minor] = process.versions.node.split(".").map(Number)
if (major < 22 || (major === 22 && minor < 19)) {
  process.stderr.write(`lfai needs Node 22.19 or newer (24 recommended); this is Node ${process.versions.node}\n`)
  process.exit(2)
}
const { existsSync } = await import("node:fs")
if (existsSync(new URL("../src/", import.meta.url))) {
  await import("../../../scripts/source-condition.js")
  await import("../src/main.ts")
} else {
  await import("../dist/main.js")
}
