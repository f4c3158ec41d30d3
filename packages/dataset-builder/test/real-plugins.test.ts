/**
 * The one full build over the real plugins: every artifact package of this workspace × 1000
 * examples, every rule, through discovery and import as `lfai-datasets build` does (about 15 s on
 * a busy 2-core machine). Small plugins in the other tests check the rules themselves.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, expect, it } from "vitest"
import { artifactPackages, buildDatasets, findWorkspaceRoot, formatFailures, sha256 } from "../src/index.ts"

const out = mkdtempSync(join(tmpdir(), "lfai-real-datasets-"))
afterAll(() => rmSync(out, { recursive: true, force: true }))

const COUNT = 1000

it(`every real artifact plugin builds ${COUNT} examples that pass every rule`, { timeout: 540_000 }, async () => {
  const packages = artifactPackages(findWorkspaceRoot(import.meta.dirname)!)
  expect(packages.length).toBeGreaterThan(0)
  const manifest = await buildDatasets({ out, count: COUNT })
  expect(formatFailures(manifest)).toBe("")
  expect(manifest.passed).toBe(true)
  expect(manifest.artifacts.map((entry) => entry.artifact)).toEqual(packages.map((pkg) => pkg.id).sort())
  for (const entry of manifest.artifacts) {
    expect(entry.examples).toBe(COUNT)
    expect(entry.domains).toBeGreaterThanOrEqual(20)
    const bytes = readFileSync(join(out, entry.file))
    expect(sha256(bytes)).toBe(entry.sha256)
    const lines = bytes.toString("utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line) as { artifact: string; messages: unknown[] })
    expect(lines).toHaveLength(COUNT)
    expect(lines.every((line) => line.artifact === entry.artifact && line.messages.length === 3)).toBe(true)
  }
})
