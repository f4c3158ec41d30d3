/** The README's example runs as written, in a fresh Node process, and prints what it says. */
import { readFileSync } from "node:fs"
import { runReadmeExample } from "@lfai/artifact-kit/testing"
import { expect, it } from "vitest"

it("the README's example prints what its comment promises", () => {
  const readme = new URL("../README.md", import.meta.url)
  const promised = /console\.log\([^)]*\) \/\/ (.*)$/m.exec(readFileSync(readme, "utf8"))?.[1]
  expect(promised).toBeDefined()
  expect(runReadmeExample(readme).trim()).toBe(promised)
})
