/** Entry point of the `lfai-datasets` bin: runs the command line and exits with its code. */
import { runCli } from "./Cli.ts"

process.exitCode = await runCli(process.argv.slice(2))
