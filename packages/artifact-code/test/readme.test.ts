/** The README's example runs as written, in a fresh Node process, and prints what it says. */
import { execFile } from "node:child_process"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { expect, it } from "vitest"

const run = promisify(execFile)

it("the README's example prints what its comment promises", { timeout: 120_000 }, async () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")
  const example = /```ts\n([\s\S]*?)\n```\n/.exec(readme)?.[1]
  expect(example).toBeDefined()
  const promised = /console\.log\([^)]*\) \/\/ (.*)$/m.exec(example!)?.[1]
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", example!], { cwd: fileURLToPath(new URL("..", import.meta.url)) })
  expect(stdout.trim()).toBe(promised)
})
