#!/usr/bin/env node
// The lfai command. TypeScript sources run as they are on Node ≥ 22.19 (type stripping).
const [major, minor] = process.versions.node.split(".").map(Number)
if (major < 22 || (major === 22 && minor < 19)) {
  process.stderr.write(`lfai needs Node 22.19 or newer (24 recommended, see .nvmrc); this is Node ${process.versions.node}\n`)
  process.exit(2)
}
await import("../src/main.ts")
