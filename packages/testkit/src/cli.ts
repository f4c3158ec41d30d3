/**
 * `lfai-testkit ollama|gemini [--port P] [--host H] [--scenario FILE]`: runs an emulator until
 * SIGINT or SIGTERM. The first line on stdout is the URL it listens on; the rest goes to stderr.
 */
import { parseArgs } from "node:util"
import { startGemini, startOllama, type EmulatorHandle } from "./Emulator.ts"
import { loadScenario, ScenarioError, type Scenario } from "./Scenario.ts"

const usage = `Usage: lfai-testkit <ollama|gemini> [options]

Runs an Ollama or Gemini API emulator on loopback until SIGINT/SIGTERM.
The first line on stdout is the URL it listens on.

Options:
  --port P          port to listen on (default 0: a free port)
  --host H          address to bind (default 127.0.0.1)
  --scenario FILE   scenario file (YAML or JSON): replies, latency, faults, GPU size;
                    \`demo\` is the one shipped with the testkit (every built-in artifact)
  -h, --help        this help

Examples:
  npx lfai-testkit ollama --port 11434 --scenario demo
  OLLAMA_HOST=http://127.0.0.1:11434 npx lfai generate erd --prompt "a library: books, authors, members, loans"
  npx lfai-testkit gemini --port 8089 --scenario demo   # then GEMINI_BASE_URL=http://127.0.0.1:8089
`

const fail = (message: string, code = 2): never => {
  process.stderr.write(`lfai-testkit: ${message}\n`)
  process.exit(code)
}

export const main = async (argv: ReadonlyArray<string>): Promise<void> => {
  const options = {
    port: { type: "string" },
    host: { type: "string" },
    scenario: { type: "string" },
    help: { type: "boolean", short: "h" }
  } as const
  let parsed
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options })
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${usage}`)
  }
  const { values, positionals } = parsed
  if (values.help) {
    process.stdout.write(usage)
    return
  }
  const which = positionals[0]
  if (which !== "ollama" && which !== "gemini") return fail(`expected "ollama" or "gemini", got ${which === undefined ? "nothing" : JSON.stringify(which)}\n\n${usage}`)
  if (positionals.length > 1) return fail(`unexpected argument ${JSON.stringify(positionals[1])}`)
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`--port must be an integer 0..65535, got ${JSON.stringify(values.port)}`)
  let scenario: Scenario = {}
  if (values.scenario !== undefined) {
    try {
      scenario = await loadScenario(values.scenario)
    } catch (error) {
      if (error instanceof ScenarioError) return fail(`${values.scenario}: ${error.message}`)
      return fail(`cannot read scenario ${values.scenario}: ${(error as Error).message}`)
    }
  }
  const host = values.host ?? "127.0.0.1"
  let handle: EmulatorHandle
  try {
    handle = which === "ollama" ? await startOllama({ scenario: scenario.ollama, port, host }) : await startGemini({ scenario: scenario.gemini, port, host })
  } catch (error) {
    return fail(`cannot listen on ${host}:${port}: ${(error as Error).message}`, 1)
  }
  process.stdout.write(`${handle.url}\n`)
  process.stderr.write(`${which} emulator listening on ${handle.url} (Ctrl-C to stop)\n`)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    process.stderr.write(`${which} emulator: ${signal}, stopping\n`)
    handle.close().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.on("SIGINT", () => stop("SIGINT"))
  process.on("SIGTERM", () => stop("SIGTERM"))
}

await main(process.argv.slice(2))
