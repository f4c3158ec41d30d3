/**
 * The one plugin list: the built-ins named in `lfai.plugins` of this package's package.json, and
 * the config's `plugins` — npm packages or paths relative to the config file, each loaded, checked
 * and registered beside the built-ins, or refused with a ConfigError that names it.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { pathToFileURL } from "node:url"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { Configs, type ConfigError } from "@lfai/core"
import { builtinPluginPackages, builtinPlugins, builtins, createLfai, loadPlugins, pluginProblem } from "@lfai/stack"

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { lfai: { plugins: string[] }; dependencies: Record<string, string> }

/** A plain-JS plugin module (nothing to import: it lives outside the repository). */
const plugin = (id: string, extra = "") => `import { isMainThread } from "node:worker_threads"
export default {
  specVersion: 1, id: ${JSON.stringify(id)}, title: "T ${id}", description: "d", model: "llama3:8b-instruct-q4_K_M",
  package: { name: "@acme/lfai-artifact-${id}", version: "1.0.0" },
  prompt: { system: "s", user: (request) => request.prompt },
  extract: (raw) => raw.trim(),
  validate: (content) => ({ score: 100, passed: true, issues: [{ code: "judged-on", severity: "info", message: isMainThread ? "main" : "worker" }] }),
  dataset: { domains: ["general"], generate: function* () {} }${extra}
}
`

/**
 * ws/plugins/*.js, a package directory, ws/node_modules/@acme/lfai-artifact-terraform (exports
 * for import only), and configs in ws/config/: the entries are relative to them, not to the
 * working directory.
 */
const ws = mkdtempSync(join(tmpdir(), "lfai-plugins-"))
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(ws, path)), { recursive: true })
  writeFileSync(join(ws, path), text)
}
write("plugins/glossary.js", plugin("glossary"))
write("plugins/notes/package.json", JSON.stringify({ name: "notes", main: "main.js" }))
write("plugins/notes/main.js", plugin("notes"))
write("node_modules/@acme/lfai-artifact-terraform/package.json", JSON.stringify({ name: "@acme/lfai-artifact-terraform", type: "module", exports: { ".": { import: "./dist/index.js", require: "./missing.cjs" } } }))
write("node_modules/@acme/lfai-artifact-terraform/dist/index.js", plugin("terraform"))
write("plugins/throws.js", 'throw new Error("the plugin broke while loading")\n')
write("plugins/string.js", 'export default "glossary"\n')
write("plugins/none.js", "export const glossary = {}\n")
write("plugins/future.js", plugin("future").replace("specVersion: 1", "specVersion: 2"))
write("plugins/erd.js", plugin("erd"))
write("plugins/Bad.js", plugin("Bad"))
write("plugins/half.js", 'export default { specVersion: 1, id: "half", title: "Half" }\n')

let configs = 0
const configWith = (...entries: string[]) => {
  const file = join(ws, "config", `lfai-${configs++}.yaml`)
  write(`config/lfai-${configs - 1}.yaml`, `plugins:\n${entries.map((entry) => `  - ${JSON.stringify(entry)}\n`).join("")}`)
  return file
}
const load = (...entries: string[]) => Effect.runPromise(Effect.flatMap(Configs.loadConfig({ path: configWith(...entries), env: {} }), (config) => loadPlugins(config)))
const refusal = (...entries: string[]) => Effect.runPromise(Effect.flip(Effect.flatMap(Configs.loadConfig({ path: configWith(...entries), env: {} }), (config) => loadPlugins(config)))) as Promise<ConfigError>

describe("the built-ins", () => {
  it("are the packages lfai.plugins names, in its order, each a dependency, each from its own module", () => {
    expect(builtinPluginPackages).toEqual(manifest.lfai.plugins)
    for (const name of builtinPluginPackages) expect(manifest.dependencies, name).toHaveProperty([name])
    expect(builtins.map((entry) => entry.source)).toEqual(builtinPluginPackages)
    expect(builtins.map((entry) => entry.plugin.package.name)).toEqual(builtinPluginPackages)
    expect(builtinPlugins).toEqual(builtins.map((entry) => entry.plugin))
    for (const entry of builtins) expect(entry.module).toBe(import.meta.resolve(entry.source))
  })
})

describe("pluginProblem", () => {
  it.each([
    [undefined, "it has no default export"],
    ["erd", "its default export is a string, not an artifact plugin"],
    [{ id: "x" }, "its default export has no specVersion"],
    [{ specVersion: 2 }, "its specVersion is 2; this lfai supports spec version 1"],
    [{ specVersion: 1, id: "x" }, "it lacks title, description, model, package { name, version }, prompt.system, prompt.user(), extract(), validate(), dataset { domains, generate() }"]
  ])("%j: %s", (value, problem) => expect(pluginProblem(value)).toContain(problem))

  it("passes every built-in", () => {
    for (const plugin of builtinPlugins) expect(pluginProblem(plugin)).toBeUndefined()
  })
})

describe("the config's plugins", () => {
  it("loads paths relative to the config file (files and package directories) and installed packages, after the built-ins", async () => {
    const loaded = await load("../plugins/glossary.js", "../plugins/notes", "@acme/lfai-artifact-terraform")
    expect(loaded.slice(0, builtins.length)).toEqual(builtins)
    expect(loaded.slice(builtins.length).map((entry) => [entry.plugin.id, entry.source, entry.module])).toEqual([
      ["glossary", "../plugins/glossary.js", pathToFileURL(join(ws, "plugins/glossary.js")).href],
      ["notes", "../plugins/notes", pathToFileURL(join(ws, "plugins/notes/main.js")).href],
      ["terraform", "@acme/lfai-artifact-terraform", pathToFileURL(join(ws, "node_modules/@acme/lfai-artifact-terraform/dist/index.js")).href]
    ])
  })

  it.each([
    ["a package that is not installed", ["@acme/lfai-artifact-nowhere"], 0, "no package @acme/lfai-artifact-nowhere is installed in"],
    ["a path without ./ taken for a package", ["plugins/glossary.js"], 0, "a path starts with ./ or ../"],
    ["a file that does not exist", ["../plugins/missing.js"], 0, `there is no file or directory ${join(ws, "plugins/missing.js")}`],
    ["a module that throws on import", ["../plugins/throws.js"], 0, "importing", "the plugin broke while loading"],
    ["a default export that is a string", ["../plugins/string.js"], 0, "its default export is a string"],
    ["no default export", ["../plugins/none.js"], 0, "it has no default export"],
    ["a spec version this lfai does not support", ["../plugins/future.js"], 0, "its specVersion is 2; this lfai supports spec version 1"],
    ["a plugin that lacks parts of the contract", ["../plugins/half.js"], 0, "it lacks description, model"],
    ["an id that is not kebab-case", ["../plugins/Bad.js"], 0, 'its id "Bad" is not kebab-case'],
    ["an id a built-in has", ["../plugins/erd.js"], 0, 'its id "erd" is already taken by @lfai/artifact-erd'],
    ["an id an earlier entry has", ["../plugins/glossary.js", "../plugins/glossary.js"], 1, 'its id "glossary" is already taken by ../plugins/glossary.js (@acme/lfai-artifact-glossary)']
  ])("refuses %s, naming the entry", async (_, entries, index, ...details) => {
    const error = await refusal(...entries)
    expect(error._tag).toBe("ConfigError")
    expect(error.path).toBe(`plugins.${index}`)
    expect(error.value).toBe(JSON.stringify(entries[index]))
    expect(error.message).toContain(`invalid config at plugins.${index} (in ${join(ws, "config")}`)
    for (const detail of details) expect(error.message).toContain(detail)
  })
})

describe("createLfai with plugins in the config", () => {
  it("registers them beside the built-ins and validates them on the pool's worker threads (from their modules)", async () => {
    const lfai = await createLfai({ path: configWith("../plugins/glossary.js"), env: { OLLAMA_HOST: "http://127.0.0.1:2" } })
    try {
      const ids = (await lfai.plugins()).map((info) => info.id)
      expect(ids).toEqual([...builtinPlugins.map((plugin) => plugin.id), "glossary"])
      const result = await lfai.validate("glossary", "Loan: a book lent to a member")
      expect(result).toMatchObject({ artifact: "glossary", passed: true, issues: [{ code: "judged-on", message: "worker" }] })
      expect(Object.keys(await lfai.stats())).toContain("glossary")
    } finally {
      await lfai.dispose()
    }
  })

  it("rejects at once with the ConfigError of a bad entry", async () => {
    await expect(createLfai({ path: configWith("../plugins/throws.js"), env: {} })).rejects.toMatchObject({ _tag: "ConfigError", path: "plugins.0" })
  })
})
