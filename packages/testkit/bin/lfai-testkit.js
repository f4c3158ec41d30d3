#!/usr/bin/env node
// The `lfai-testkit` command: Ollama and Gemini emulators on loopback (see ../README.md).
// TypeScript runs as is on Node >= 22.18 (type stripping); this file only hands over to the CLI.
import "../src/cli.ts"
