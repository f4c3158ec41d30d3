/**
 * Which plugins exist comes from one place: the workspace's artifact packages. The stack (what
 * `lfai datasets build` and the runtime use) must register exactly those, as the very same
 * default exports, or the CLI's datasets and the Nx targets' would differ.
 */
import { expect, it } from "vitest"
import { findWorkspaceRoot, loadPlugins } from "../src/index.ts"

it("the stack registers exactly the workspace's artifact packages", async () => {
  const { builtinPlugins } = await import("@lfai/stack")
  const discovered = await loadPlugins({ workspaceRoot: findWorkspaceRoot(import.meta.dirname)! })
  const registered = new Map(builtinPlugins.map((plugin) => [plugin.id, plugin]))
  expect([...registered.keys()].sort()).toEqual(discovered.map((entry) => entry.plugin.id).sort())
  for (const { plugin } of discovered) expect(registered.get(plugin.id), plugin.id).toBe(plugin)
})
