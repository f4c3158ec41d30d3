/**
 * `serveStdio` over the gated test models, for the stdio tests: MCP on stdin/stdout, and on stderr
 * one line `held N` each time the number of VRAM leases held changes.
 */
import { Effect } from "effect"
import { serveStdio } from "../../src/index.ts"
import { gatedServices } from "../fixtures.ts"

const { layer, models } = gatedServices()
let held = 0
const watch = setInterval(() => {
  if (models.held() === held) return
  held = models.held()
  process.stderr.write(`held ${held}\n`)
}, 5)

await Effect.runPromise(serveStdio({ layer }))
clearInterval(watch)
process.stderr.write(`exit held ${models.held()} acquired ${models.totals.acquired} released ${models.totals.released}\n`)
