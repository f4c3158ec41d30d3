/**
 * A new artifact, timed as a user waits for it: in a fresh copy of the workspace, the generator
 * command (Nx's start and project graph included), then `vitest run packages/artifact-<name>` of
 * the new package to green, then its Nx `dataset` target (1000 examples under every rule).
 */
import { join } from "node:path"
import { round, type BenchResult } from "../../../bench/lib.ts"
import { copyWorkspace } from "../test/workspace.ts"

export default async function run(): Promise<BenchResult[]> {
  const copy = copyWorkspace()
  try {
    const timed = (label: string, script: string, ...args: string[]) => {
      const started = performance.now()
      const result = copy.run(process.execPath, [join(copy.root, script), ...args])
      if (result.code !== 0) throw new Error(`${label} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`)
      return (performance.now() - started) / 1000
    }
    const generate = timed("nx g", "node_modules/nx/dist/bin/nx.js", "g", "@lfai/nx-plugin:artifact", "bench-notes", "--no-interactive")
    const test = timed("vitest run", "node_modules/vitest/vitest.mjs", "run", "packages/artifact-bench-notes")
    const dataset = timed("nx run dataset", "node_modules/nx/dist/bin/nx.js", "run", "artifact-bench-notes:dataset")
    return [
      { name: "nx-plugin.artifact.to_green_tests", unit: "s", value: round(generate + test, 1), n: 1, notes: `nx g @lfai/nx-plugin:artifact (${round(generate, 1)} s, Nx start and graph included) then vitest run of the new package to green (${round(test, 1)} s: contract, relevance, own tests), in a fresh copy of the workspace` },
      { name: "nx-plugin.artifact.dataset", unit: "s", value: round(dataset, 1), n: 1, notes: "then nx run artifact-<name>:dataset: 1000 examples built and checked under every rule (Nx start included)" }
    ]
  } finally {
    copy.remove()
  }
}
