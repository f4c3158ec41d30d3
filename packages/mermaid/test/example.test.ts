/** The README's standalone example is the file examples/parse.ts, and it prints what the README says. */
import { execFile } from "node:child_process"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { describe, expect, it } from "vitest"

const example = fileURLToPath(new URL("../examples/parse.ts", import.meta.url))
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")

describe("examples/parse.ts", () => {
  it("is the README's example, verbatim", () => {
    expect(readme).toContain("```ts run\n" + readFileSync(example, "utf8") + "```")
  })

  it("prints what the README says it prints", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [example])
    const printed = /\nprints\n\n```\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(printed).toBeDefined()
    expect(stdout).toBe(printed)
  })
})
