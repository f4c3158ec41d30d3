/**
 * The emulator under benchmark, in its own process so that the load generator's allocations do not
 * count against it. Talks to the parent over IPC: sends its URL, answers "memory" with
 * process.memoryUsage() after a full GC (run with --expose-gc), stops on "stop".
 */
import { startOllama } from "../src/index.ts"

const reply = "erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  ORDER ||--|{ LINE_ITEM : contains"
const emulator = await startOllama({ scenario: { models: { "mistral:7b-instruct-q4_K_M": { replies: [reply] } } } })
const send = (message: unknown) => process.send!(message)

process.on("message", async (message: string) => {
  if (message === "memory") {
    const gc = (globalThis as { gc?: () => void }).gc
    for (let i = 0; i < 3; i++) {
      gc?.()
      await new Promise((resolve) => setImmediate(resolve))
    }
    send({ memory: process.memoryUsage(), logged: emulator.requests().length })
  } else if (message === "stop") {
    await emulator.close()
    process.exit(0)
  }
})
send({ url: emulator.url })
