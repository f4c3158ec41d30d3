#!/usr/bin/env node
import { runCli } from "../src/Cli.ts"

process.exitCode = await runCli(process.argv.slice(2))
