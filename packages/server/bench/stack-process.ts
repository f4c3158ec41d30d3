/** The server over the standard stack (`@lfai/stack`), Ollama at OLLAMA_URL (the emulator). Prints its URL. */
import { layer } from "@lfai/stack"
import { start } from "../src/index.ts"
import { stackOptions } from "./erd.ts"

const server = await start({ layer: layer(stackOptions(process.env.OLLAMA_URL ?? "")), handleSignals: true })
process.stdout.write(`${server.url}\n`)
