import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { defineArtifact, verdict } from "@lfai/core"
import { ModelfileError, renderModelfile, writeModelfile } from "../src/index.ts"
import { toyPlugin } from "./fixtures.ts"
import { parseModelfile } from "./ollama-modelfile.ts"

const dirs: string[] = []
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

describe("the Ollama Modelfile", () => {
  const plugin = toyPlugin()

  it("has FROM the base model, ADAPTER, PARAMETERs and the plugin's system prompt, in Ollama's grammar", () => {
    const text = renderModelfile(plugin, { adapter: "/adapters/toy" })
    const commands = parseModelfile(text)
    expect(commands).toEqual([
      { name: "model", args: "mistral:7b-instruct-q4_K_M" },
      { name: "adapter", args: "/adapters/toy" },
      { name: "num_ctx", args: "4096" },
      { name: "temperature", args: "0.2" },
      { name: "system", args: plugin.prompt.system }
    ])
    // The multi-line system prompt survives the triple quotes byte for byte.
    expect(plugin.prompt.system).toContain("\n")
    expect(text).toContain(`SYSTEM """${plugin.prompt.system}"""\n`)
    expect(text.split("\n").filter((line) => line.startsWith("#")).length).toBeGreaterThan(0)
  })

  it("takes a base-model override and parameters; a parameter can be dropped", () => {
    const commands = parseModelfile(
      renderModelfile(plugin, { adapter: "a.gguf", model: "lfai-base:7b", parameters: { temperature: undefined, num_ctx: 8192, top_p: 0.9 } })
    )
    expect(commands.filter((command) => command.name !== "system")).toEqual([
      { name: "model", args: "lfai-base:7b" },
      { name: "adapter", args: "a.gguf" },
      { name: "num_ctx", args: "8192" },
      { name: "top_p", args: "0.9" }
    ])
  })

  it("refuses what Ollama's parser cannot represent", () => {
    const quoted = defineArtifact({ ...plugin, prompt: { ...plugin.prompt, system: 'Say """hi"""' } })
    expect(() => renderModelfile(quoted, { adapter: "a" })).toThrow(ModelfileError)
    expect(() => renderModelfile(plugin, { adapter: "a\nFROM evil" })).toThrow(/one non-empty line/)
    expect(() => renderModelfile(plugin, { adapter: "a", parameters: { "bad name": 1 } })).toThrow(/invalid PARAMETER name/)
  })

  it("writes the adapter path relative to the Modelfile, as Ollama resolves it", () => {
    const dir = mkdtempSync(join(tmpdir(), "lfai-modelfile-"))
    dirs.push(dir)
    const cwd = process.cwd()
    const written = writeModelfile(plugin, { adapter: join(dir, "adapters", "toy"), out: join(dir, "models", "Modelfile") })
    expect(written.adapter).toBe(join(dir, "adapters", "toy")) // absolute stays absolute
    const relative = writeModelfile(plugin, { adapter: "adapters/toy.gguf", out: join(dir, "models", "Modelfile") })
    expect(relative.adapter).toMatch(/^\.\.?\//)
    // Resolving the written path against the Modelfile's directory gives back the caller's file.
    expect(join(dir, "models", relative.adapter)).toBe(join(cwd, "adapters/toy.gguf"))
    expect(parseModelfile(readFileSync(relative.file, "utf8")).find((command) => command.name === "adapter")!.args).toBe(relative.adapter)
  })

  it("a plugin with a one-line system prompt and a score-only validator works the same", () => {
    const minimal = defineArtifact({
      id: "mini", title: "Mini", description: "m", model: "llama3:8b-instruct-q4_K_M",
      package: { name: "m", version: "0" }, prompt: { system: "Be brief.", user: (r) => r.prompt },
      extract: (raw) => raw, validate: (content, options) => verdict({ score: content ? 90 : 0, issues: [] }, options),
      dataset: { domains: [], generate: () => [] }
    })
    expect(parseModelfile(renderModelfile(minimal, { adapter: "./x" }))).toContainEqual({ name: "system", args: "Be brief." })
  })
})
