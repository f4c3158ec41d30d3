/**
 * The documentation in docs/ against the code it describes: the samples load with the real
 * loaders, the references name exactly the keys, commands, flags and routes that exist, the
 * examples run, and every relative link leads somewhere.
 */
import { execFile } from "node:child_process"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { promisify } from "node:util"
import { Effect } from "effect"
import { HttpApi } from "effect/http-api"
import { describe, expect, it } from "vitest"
import { parse as parseYaml } from "yaml"
import { Configs } from "@lfai/core"
import { LfaiApi } from "@lfai/server"
import { builtinPlugins } from "@lfai/stack"
import { loadScenario } from "@lfai/testkit"
import notePlugin from "../docs/examples/note-plugin.ts"

const root = join(import.meta.dirname, "..")
const docs = join(root, "docs")
const read = (file: string) => readFileSync(file, "utf8")
const sampleConfig = join(docs, "lfai.config.sample.yaml")

/** Leaf key paths of a plain-object tree (arrays and scalars are leaves). */
const leaves = (value: unknown, prefix = ""): string[] =>
  value !== null && typeof value === "object" && !Array.isArray(value)
    ? Object.entries(value).flatMap(([key, inner]) => leaves(inner, prefix ? `${prefix}.${key}` : key))
    : [prefix]

const valueAt = (tree: unknown, path: string): unknown => path.split(".").reduce<any>((node, key) => node?.[key], tree)

const defaults = Effect.runSync(Configs.defaultConfig())
const { secrets: _secrets, source: _source, ...defaultFile } = defaults
/** Keys without a default value: they exist, but `defaultConfig()` cannot show them. */
const OPTIONAL_KEYS = ["gemini.base_url", "artifacts.<id>.model", "artifacts.<id>.alternates", "artifacts.<id>.pass_threshold"]
/** Keys whose default is derived from others (one host from base_url and vram_limit_gb): the sample shows them commented. */
const DERIVED_KEYS = ["ollama.hosts"]
/** The keys the sample sets, each to its default. */
const fileKeys = leaves(defaultFile).filter((key) => key !== "artifacts" && !DERIVED_KEYS.includes(key))
const configKeys = [...fileKeys, ...DERIVED_KEYS, ...OPTIONAL_KEYS].sort()
/** The defaults of one `artifacts.<id>` section. */
const artifactDefaults = Effect.runSync(Configs.decodeConfig({ artifacts: { any: {} } }, "test")).artifacts.any
const defaultOf = (key: string) => (key.startsWith("artifacts.<id>.") ? valueAt(artifactDefaults, key.slice("artifacts.<id>.".length)) : valueAt(defaultFile, key))

describe("docs/lfai.config.sample.yaml", () => {
  it("loads with the real config loader and is exactly the defaults", async () => {
    const loaded = await Effect.runPromise(Configs.loadConfig({ path: sampleConfig, env: {} }))
    expect({ ...loaded, source: undefined }).toEqual({ ...defaults, source: undefined })
  })

  it("names every key lfai reads (the optional ones in comments)", () => {
    const text = read(sampleConfig)
    const written = leaves(parseYaml(text)).filter((key) => key !== "artifacts")
    expect(written.sort()).toEqual([...fileKeys].sort())
    expect(text).toMatch(/^\s*# base_url: /m)
    expect(text).toMatch(/^\s*# hosts:\n\s*# +- url: /m)
  })

  it("its commented hosts example is valid configuration too (in place of base_url)", async () => {
    const text = read(sampleConfig)
    const example = text.match(/^ +# hosts:\n((?: +#.*\n)+)/m)?.[0]
    expect(example).toBeDefined()
    const uncommented = text
      .replace(/^ +base_url: .*\n/m, "")
      .replace(example!, example!.replace(/^( +)# ?/gm, "$1").replace(/ +# [^\n]*$/gm, ""))
    const config = await Effect.runPromise(Configs.decodeConfig(parseYaml(uncommented), "sample"))
    expect(config.ollama.hosts).toEqual([
      { url: "http://gpu-a:11434", vram_limit_gb: 12 },
      { url: "http://gpu-b:11434", vram_limit_gb: 24, persistent_models: ["codellama:7b-instruct-q4_K_M"] }
    ])
  })

  it("its commented artifacts example is valid configuration too", async () => {
    const text = read(sampleConfig)
    const example = text.match(/^artifacts: \{\}\n((?:#.*\n)+)/m)?.[1]
    expect(example).toBeDefined()
    const uncommented = text.replace(`artifacts: {}\n${example}`, `artifacts:\n${example!.replace(/^#/gm, "")}`)
    const config = await Effect.runPromise(Configs.decodeConfig(parseYaml(uncommented), "sample"))
    expect(Object.keys(config.artifacts)).toEqual(["erd"])
  })

  it("its commented plugins example is valid configuration too", async () => {
    const text = read(sampleConfig)
    const example = text.match(/^plugins: \[\]\n((?:#.*\n)+)/m)?.[1]
    expect(example).toBeDefined()
    const uncommented = text.replace(`plugins: []\n${example}`, `plugins:\n${example!.replace(/^#/gm, "")}`)
    const config = await Effect.runPromise(Configs.decodeConfig(parseYaml(uncommented), "sample"))
    expect(config.plugins).toEqual(["@acme/lfai-artifact-terraform", "./plugins/glossary.ts"])
  })
})

describe("docs/configuration.md", () => {
  const text = read(join(docs, "configuration.md"))
  const rows = [...text.matchAll(/^\| `([a-z_.<>]+)` \| ([^|]+) \|/gm)].map((m) => ({ key: m[1], cell: m[2].trim() }))
  // the key table's rows: dotted keys, and top-level keys that are values themselves (`plugins`)
  const documented = rows.filter((row) => row.key.includes(".") || configKeys.includes(row.key))

  it("lists exactly the keys lfai reads", () => {
    expect(documented.map((row) => row.key).sort()).toEqual(configKeys)
  })

  it("gives each key its real default", () => {
    for (const { key, cell } of documented) {
      const literal = /^`(.*)`$/.exec(cell)?.[1]
      if (literal === undefined) continue // described in words: "the plugin's model", "Google's endpoint"
      expect(parseYaml(literal), key).toEqual(defaultOf(key))
    }
  })

  it("lists every built-in artifact with the model it wants, and its artifacts example is valid configuration", async () => {
    const table = text.split("## The built-in artifacts")[1]?.split("\n## ")[0] ?? ""
    for (const plugin of builtinPlugins) {
      const row = table.split("\n").find((line) => line.startsWith("| ") && line.split(" | ")[0].includes(`\`${plugin.id}\``))
      expect(row, plugin.id).toBeDefined()
      expect(row, plugin.id).toContain(`\`${plugin.model}\``)
      for (const param of Object.keys(plugin.params ?? {})) expect(row, `${plugin.id} ${param}`).toContain(`\`${param}\``)
    }
    const example = /```yaml\n(artifacts:[\s\S]*?)```/.exec(table)?.[1]
    expect(example).toBeDefined()
    const config = await Effect.runPromise(Configs.decodeConfig(parseYaml(example!), "configuration.md"))
    expect(Object.keys(config.artifacts)).toEqual(["code", "jira"])
  })

  it("names every environment variable lfai reads", () => {
    for (const variable of ["OLLAMA_HOST", "GEMINI_API_KEY", "GOOGLE_API_KEY", "GEMINI_BASE_URL", "LFAI_CONFIG", "LFAI_TOKEN"]) {
      expect(text).toContain(`\`${variable}\``)
    }
  })
})

describe("docs/cli.md", () => {
  const text = read(join(docs, "cli.md"))
  const bin = join(root, "packages", "cli", "bin", "lfai.js")
  const help = async (path: ReadonlyArray<string>) => (await promisify(execFile)(process.execPath, [bin, ...path, "--help"], { encoding: "utf8" })).stdout
  const section = (output: string, title: string) => output.split(/\n(?=[A-Z][A-Z ]+\n)/).find((part) => part.startsWith(title)) ?? ""
  const subcommands = (output: string) => [...section(output, "SUBCOMMANDS").matchAll(/^ {2}([a-z][a-z-]*)\s/gm)].map((m) => m[1])

  it("names every command and every flag that --help shows", async () => {
    const commands: Array<{ path: string[]; output: string }> = []
    const visit = async (path: string[]): Promise<void> => {
      const output = await help(path)
      const children = subcommands(output)
      if (children.length === 0) commands.push({ path, output })
      await Promise.all(children.map((child) => visit([...path, child])))
    }
    await visit([])
    expect(commands.length).toBeGreaterThan(5)
    for (const { path, output } of commands) {
      expect(text, `lfai ${path.join(" ")}`).toContain(`lfai ${path.join(" ")}`)
      const flags = [...section(output, "FLAGS").matchAll(/^ {2}(--[a-z][a-z-]*)/gm)].map((m) => m[1])
      for (const flag of flags) expect(text, `lfai ${path.join(" ")} ${flag}`).toContain(flag)
    }
  })
})

describe("docs/http-api.md", () => {
  it("names every route of the API, the OpenAPI document and the docs page", () => {
    const text = read(join(docs, "http-api.md"))
    const routes: string[] = []
    HttpApi.reflect(LfaiApi, {
      onGroup: () => {},
      onEndpoint: ({ endpoint }) => void routes.push(`${endpoint.method} ${endpoint.path.replace(/:(\w+)/g, "{$1}")}`)
    })
    expect(routes.length).toBeGreaterThan(3)
    for (const route of [...routes, "GET /openapi.json", "GET /docs"]) expect(text, route).toContain(`\`${route}\``)
  })
})

describe("docs/scenario.sample.yaml", () => {
  it("loads with the emulators' own loader", async () => {
    const scenario = await loadScenario(join(docs, "scenario.sample.yaml"))
    expect(Object.keys(scenario.ollama?.models ?? {})).toContain("mistral:7b-instruct-q4_K_M")
    expect(scenario.ollama?.faults?.map((fault) => fault.kind)).toEqual(["http_500", "ok", "hang"])
    expect(scenario.gemini?.faults?.[0]).toMatchObject({ kind: "http_429", retry_after_s: 1 })
  })
})

describe("docs/plugins.md", () => {
  it("shows docs/examples/note-plugin.ts verbatim, and that plugin meets the contract", () => {
    expect(read(join(docs, "plugins.md"))).toContain("```ts\n" + read(join(docs, "examples", "note-plugin.ts")) + "```")
    expect(notePlugin.specVersion).toBe(1)
    expect(notePlugin.validate("# Groceries\n\nMilk.")).toMatchObject({ passed: true, score: 100 })
    expect(notePlugin.validate("Groceries")).toMatchObject({ passed: false, issues: [{ code: "no-heading" }] })
    const examples = [...notePlugin.dataset.generate({ seed: 1, count: 3 })]
    expect(examples).toHaveLength(3)
    for (const example of examples) expect(notePlugin.validate(example.output).passed).toBe(true)
  })
})

describe("links", () => {
  const markdown = [
    join(root, "README.md"),
    join(root, "CONTRIBUTING.md"),
    ...readdirSync(docs).filter((name) => name.endsWith(".md")).map((name) => join(docs, name)),
    ...readdirSync(join(root, "packages")).map((dir) => join(root, "packages", dir, "README.md")).filter(existsSync)
  ]

  it.each(markdown.map((file) => [relative(root, file), file]))("every relative link of %s leads to a file", (_, file) => {
    const broken = [...read(file).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1])
      .filter((target) => !/^[a-z]+:/.test(target))
      .filter((target) => !existsSync(join(dirname(file), target)))
    expect(broken).toEqual([])
  })
})
