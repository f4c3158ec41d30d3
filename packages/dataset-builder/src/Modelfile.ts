/**
 * The fine-tuning hand-off back to Ollama: a `Modelfile` that puts a trained (Q)LoRA adapter on the
 * artifact's base model, with the plugin's system prompt, so `ollama create` makes it a local
 * model the config can route the artifact to.
 *
 * Syntax as Ollama's docs/modelfile.md and its parser (parser/parser.go) define it: one
 * `INSTRUCTION arguments` per line, `#` comments; `FROM` required; `ADAPTER` a path absolute or
 * relative to the Modelfile; `PARAMETER <name> <value>`; a multi-line `SYSTEM` in `"""…"""`. The
 * parser has no escapes: a value cannot contain `"""`, so such a system prompt is refused.
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { dirname, isAbsolute, relative, resolve, sep } from "node:path"
import type { ArtifactPlugin } from "@lfai/core"

/** Context length and temperature lfai itself sends by default (`ollama.num_ctx`; the pipeline's 0.2). */
export const DEFAULT_MODELFILE_PARAMETERS: Readonly<Record<string, number>> = { num_ctx: 4096, temperature: 0.2 }

export class ModelfileError extends Error {
  override readonly name = "ModelfileError"
}

export interface ModelfileOptions {
  /** Path of the adapter (a safetensors directory or a GGUF file), as written into `ADAPTER`. */
  readonly adapter: string
  /** The base model; default the plugin's (`artifacts.<id>.model` may override it in the config). */
  readonly model?: string
  /** `PARAMETER`s; default num_ctx 4096, temperature 0.2. A value of `undefined` drops a default. */
  readonly parameters?: Readonly<Record<string, number | string | undefined>>
}

const PARAMETER_NAME = /^[A-Za-z0-9_]+$/

const singleLine = (what: string, value: string): string => {
  const trimmed = value.trim()
  if (trimmed === "" || /[\r\n]/.test(trimmed)) throw new ModelfileError(`${what} must be one non-empty line, got ${JSON.stringify(value)}`)
  return trimmed
}

/** Quotes a path when it has spaces at its ends or starts with a quote (Ollama unquotes `"…"`). */
const pathArgument = (path: string): string => (path.startsWith('"') || /\s$|^\s/.test(path) ? `"${path}"` : path)

export const renderModelfile = (plugin: ArtifactPlugin, options: ModelfileOptions): string => {
  const model = singleLine("the base model", options.model ?? plugin.model)
  const adapter = singleLine("the adapter path", options.adapter)
  const system = plugin.prompt.system
  if (system.includes('"""')) throw new ModelfileError(`the system prompt of "${plugin.id}" contains """, which a Modelfile cannot quote`)
  const parameters = { ...DEFAULT_MODELFILE_PARAMETERS, ...options.parameters }
  const lines = [
    `# Ollama Modelfile for the lfai "${plugin.id}" artifact (${plugin.package.name} ${plugin.package.version}):`,
    `# the base model, a fine-tuned adapter, the plugin's system prompt.`,
    `# Create it:  ollama create lfai-${plugin.id} -f <this file>`,
    `# Route to it: artifacts.${plugin.id}.model: lfai-${plugin.id}   (lfai.config.yaml)`,
    `FROM ${model}`,
    `ADAPTER ${pathArgument(adapter)}`
  ]
  for (const [name, value] of Object.entries(parameters)) {
    if (value === undefined) continue
    if (!PARAMETER_NAME.test(name)) throw new ModelfileError(`invalid PARAMETER name ${JSON.stringify(name)}`)
    const text = singleLine(`PARAMETER ${name}`, String(value))
    lines.push(`PARAMETER ${name} ${/\s/.test(text) ? JSON.stringify(text) : text}`)
  }
  lines.push(`SYSTEM """${system}"""`)
  return lines.join("\n") + "\n"
}

export interface WriteModelfileOptions extends ModelfileOptions {
  /** Where to write the Modelfile (default `Modelfile` in the current directory). */
  readonly out?: string
}

/**
 * Writes the Modelfile. A relative adapter path is taken from the current directory and rewritten
 * relative to the Modelfile, since that is what Ollama resolves it against.
 */
export const writeModelfile = (plugin: ArtifactPlugin, options: WriteModelfileOptions): { readonly file: string; readonly content: string; readonly adapter: string } => {
  const file = resolve(options.out ?? "Modelfile")
  const adapterPath = options.adapter.trim()
  let adapter = adapterPath
  if (adapterPath !== "" && !isAbsolute(adapterPath) && !adapterPath.startsWith("~")) {
    const fromModelfile = relative(dirname(file), resolve(adapterPath)).split(sep).join("/")
    adapter = fromModelfile.startsWith("../") || fromModelfile === ".." ? fromModelfile : `./${fromModelfile}`
  }
  const content = renderModelfile(plugin, { ...options, adapter })
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, content)
  return { file, content, adapter }
}
