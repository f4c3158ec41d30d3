/** The server under test, in its own process (so the load generator does not share its event loop). Prints its URL. */
import { start } from "../src/index.ts"
import { instantLayer } from "./instant.ts"

const server = await start({ layer: instantLayer(), handleSignals: true })
process.stdout.write(`${server.url}\n`)
