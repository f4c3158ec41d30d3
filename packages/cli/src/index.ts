/**
 * @lfai/cli — the `lfai` command, built with `effect/cli`.
 * `bin/lfai.js` runs `main.ts`; this module exposes the command tree and the runner.
 */
import { Cause, Console, Effect, Exit, Layer } from "effect"
import { CliError, CliOutput, Command } from "effect/cli"
import * as NodeServices from "@effect/platform-node/NodeServices"
import pkg from "../package.json" with { type: "json" }
import { generate, models, plugins, validate, vram } from "./internal/commands.ts"
import { doctor } from "./internal/doctor.ts"
import { datasets, mcp, serve } from "./internal/operate.ts"
import { CommandExit, EXIT } from "./internal/shared.ts"

export const lfai = Command.make("lfai").pipe(
  Command.withSubcommands([generate, validate, plugins, models, vram, doctor, datasets, serve, mcp]),
  Command.withDescription(
    "Local-first artifact generation: local Ollama models first, every answer validated, Gemini only as a fallback.\n" +
      "Environment: OLLAMA_HOST, GEMINI_API_KEY (or GOOGLE_API_KEY), GEMINI_BASE_URL, LFAI_CONFIG, LFAI_TOKEN, LFAI_LOG (debug: every prompt and answer)."
  ),
  Command.withExamples([
    { command: 'lfai generate erd --prompt "a library: books, authors, members, loans"', description: "An ERD from the local model, validated (stdout: the diagram, only when it passed)" },
    { command: "lfai validate erd schema.mmd", description: "Judge a file with the validator alone" },
    { command: "lfai doctor", description: "Check Ollama, the models, the VRAM budget, the Gemini key and every validator" },
    { command: "npx lfai-testkit ollama --port 11434 --scenario demo", description: "No GPU? An Ollama emulator with the demo's answers (then OLLAMA_HOST=http://127.0.0.1:11434)" },
    { command: "lfai serve --port 8787", description: "The HTTP service, its console at http://127.0.0.1:8787/" }
  ])
)

/** Usage errors go to stderr with a pointer to --help; stdout stays clean for --json. */
const presenter = CliOutput.layerPresenter({
  present: (event) =>
    event._tag === "InvalidInvocation"
      ? Effect.gen(function* () {
          const formatter = yield* CliOutput.Formatter
          yield* Console.error(formatter.formatErrors(event.errors).trim())
          yield* Console.error(`Run \`${event.commandPath.join(" ")} --help\` for usage.`)
        })
      : CliOutput.defaultPresenter.present(event)
})

/** Runs the command line; resolves to the exit code (0 ok, 1 failed, 2 bad usage or input). */
export const run = (argv: ReadonlyArray<string>): Effect.Effect<number> =>
  Command.runWith(lfai, { version: pkg.version })(argv).pipe(
    Effect.provide(Layer.merge(NodeServices.layer, presenter)),
    Effect.exit,
    Effect.map((exit) => {
      if (Exit.isSuccess(exit)) return EXIT.ok
      const error = Cause.squash(exit.cause)
      if (error instanceof CommandExit) return error.code
      if (CliError.isCliError(error)) return error._tag === "ShowHelp" && error.errors.length === 0 ? EXIT.ok : EXIT.usage
      if (Cause.hasInterruptsOnly(exit.cause)) return EXIT.interrupted
      process.stderr.write(`lfai: unexpected failure: ${Cause.pretty(exit.cause)}\n`)
      return EXIT.failed
    })
  )
