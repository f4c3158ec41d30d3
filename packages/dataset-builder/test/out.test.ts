import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { buildDatasets, BuildUsageError } from "../src/index.ts"
import { toyPlugin } from "./fixtures.ts"

const root = mkdtempSync(join(tmpdir(), "lfai-out-"))
const build = (out: string) => buildDatasets({ plugins: [toyPlugin()], out, count: 20, seed: 1, workers: 1 })

describe("--out: a dataset is only written where lfai's own files are", () => {
  it("refuses an empty path, a file and a path that cannot be created, before building", async () => {
    const file = join(root, "a-file")
    writeFileSync(file, "mine")
    await expect(build("")).rejects.toThrow(new BuildUsageError("--out names no directory (an empty path would write into the current one)"))
    await expect(build(file)).rejects.toThrow(/is a file, not a directory/)
    await expect(build(join(file, "below"))).rejects.toThrow(/cannot be created: .*a-file is a file/)
    await expect(build("/proc/lfai-test/x")).rejects.toThrow(/cannot be created \(E[A-Z]+ at \/proc\/lfai-test\)/)
    expect(readFileSync(file, "utf8")).toBe("mine")
  })

  it("refuses a directory of somebody else's files, a web app's manifest.json included, and leaves them untouched", async () => {
    const app = join(root, "web-app")
    mkdirSync(app)
    writeFileSync(join(app, "manifest.json"), JSON.stringify({ name: "My PWA", start_url: "/" }))
    writeFileSync(join(app, "index.html"), "<!doctype html>")
    await expect(build(app)).rejects.toThrow(/holds files lfai did not write \(manifest\.json\)/)
    expect(JSON.parse(readFileSync(join(app, "manifest.json"), "utf8")).name).toBe("My PWA")
    const notes = join(root, "notes")
    mkdirSync(notes)
    writeFileSync(join(notes, "todo.txt"), "x")
    await expect(build(notes)).rejects.toThrow(/holds files lfai did not write \(todo\.txt\)/)
  })

  it("writes into a new, an empty (dotfiles aside) or an earlier build's directory", async () => {
    const fresh = join(root, "new", "nested")
    expect((await build(fresh)).artifacts).toHaveLength(1)
    const kept = join(root, "kept")
    mkdirSync(kept)
    writeFileSync(join(kept, ".gitkeep"), "")
    expect((await build(kept)).artifacts).toHaveLength(1)
    // Built again over its own files: fine.
    expect((await build(fresh)).artifacts).toHaveLength(1)
  })
})
