/** The README's example runs as written, against the emulator. */
import { execFile } from "node:child_process"
import { tmpdir } from "node:os"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { emulator, KEY } from "./helpers.ts"

const run = promisify(execFile)
const example = fileURLToPath(new URL("../examples/generate.ts", import.meta.url))
const ERD = "```mermaid\nerDiagram\n  BOOK ||--o{ LOAN : has\n```"

/** The environment of a user's shell, minus anything lfai or genai would read from ours. */
const cleanEnv = (extra: Record<string, string>) => {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(GEMINI_|GOOGLE_|LFAI_|OLLAMA_)/.test(name)) env[name] = value
  }
  return { ...env, ...extra }
}

describe("examples/generate.ts", () => {
  it.live("prints the answer and its token usage", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator({ replies: [ERD] })
      const { stdout, stderr } = yield* Effect.promise(() =>
        run(process.execPath, [example, "a library"], { cwd: tmpdir(), env: cleanEnv({ GEMINI_API_KEY: KEY, GEMINI_BASE_URL: gemini.url }) })
      )
      expect(stdout.trim()).toBe(ERD)
      expect(stderr).toMatch(/^model gemini-2\.5-flash; tokens in \d+, out \d+/)
      expect(gemini.requests()).toHaveLength(1)
    })
  )

  it.live("without a key: says which variable to set, exits 1, sends nothing", () =>
    Effect.gen(function* () {
      const gemini = yield* emulator()
      const outcome = yield* Effect.promise(() =>
        run(process.execPath, [example], { cwd: tmpdir(), env: cleanEnv({ GEMINI_BASE_URL: gemini.url }) }).then(
          () => ({ code: 0, stderr: "" }),
          (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr })
        )
      )
      expect(outcome).toEqual({ code: 1, stderr: "no GEMINI_API_KEY or GOOGLE_API_KEY set\n" })
      expect(gemini.requests()).toEqual([])
    })
  )
})
