/**
 * What the generator will write, decided before anything is written: the options checked (a
 * refusal names the problem and writes nothing) and every value the templates need.
 */
import { glob, names, readJson, type Tree } from "@nx/devkit"

export interface ArtifactGeneratorSchema {
  /** The artifact id, kebab-case. */
  readonly name: string
  /** The Ollama model it wants (default {@link DEFAULT_MODEL}). */
  readonly model?: string
  readonly title?: string
  readonly description?: string
}

/** A refusal: the options cannot make a package; nothing was written. */
export class ArtifactGeneratorError extends Error {
  override readonly name = "ArtifactGeneratorError"
}

export const DEFAULT_MODEL = "llama3:8b-instruct-q4_K_M"

/** The package that holds lfai's plugin list (`lfai.plugins` of its package.json). */
export const STACK_PACKAGE = "@lfai/stack"

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/
const ARTIFACT_PREFIX = "artifact-"

/** Words a generated `export const <identifier>` may not be. */
const RESERVED = new Set(
  `break case catch class const continue debugger default delete do else enum export extends false finally for function if
  import in instanceof new null return super switch this throw true try typeof var void while with yield let static
  implements interface package private protected public await`.split(/\s+/)
)

export interface ArtifactPlan {
  readonly id: string
  /** `packages/artifact-<id>`, from the workspace root. */
  readonly dir: string
  /** `@lfai/artifact-<id>`. */
  readonly packageName: string
  readonly title: string
  readonly description: string
  readonly model: string
  /** The version every workspace package shares (the stack's). */
  readonly version: string
  /** The @lfai/stack package's folder, from the workspace root. */
  readonly stackDir: string
  /** What the templates are rendered with. */
  readonly substitutions: Readonly<Record<string, string>>
}

interface Manifest {
  readonly name?: string
  readonly version?: string
  readonly workspaces?: ReadonlyArray<string> | { readonly packages?: ReadonlyArray<string> }
  readonly engines?: { readonly node?: string }
  readonly dependencies?: Readonly<Record<string, string>>
  readonly lfai?: { readonly id?: string; readonly plugins?: ReadonlyArray<string> }
}

/** Every workspace member: its folder (from the root) and package.json. */
const workspaceMembers = (tree: Tree): ReadonlyArray<{ readonly dir: string; readonly manifest: Manifest }> => {
  const root = readJson<Manifest>(tree, "package.json")
  const patterns = Array.isArray(root.workspaces) ? root.workspaces : ((root.workspaces as { packages?: ReadonlyArray<string> } | undefined)?.packages ?? [])
  const included = patterns.filter((pattern) => !pattern.startsWith("!")).map((pattern) => `${pattern.replace(/\/+$/, "")}/package.json`)
  const negated = patterns.filter((pattern) => pattern.startsWith("!")).map((pattern) => `${pattern.slice(1).replace(/\/+$/, "")}/package.json`)
  const excluded = new Set(negated.length === 0 ? [] : glob(tree, negated))
  return (included.length === 0 ? [] : glob(tree, included))
    .filter((file) => !excluded.has(file) && !file.split("/").includes("node_modules"))
    .map((file) => ({ dir: file.slice(0, -"/package.json".length), manifest: readJson<Manifest>(tree, file) }))
}

/** The id an artifact package provides, read without importing it: its `lfai.id`, else its folder's or its name's `artifact-<id>`. */
const idOf = (name: string, dir: string | undefined, manifest: Manifest | undefined): string | undefined => {
  if (typeof manifest?.lfai?.id === "string") return manifest.lfai.id
  for (const word of [dir?.split("/").pop(), name.split("/").pop()]) {
    const at = word?.lastIndexOf(ARTIFACT_PREFIX) ?? -1
    if (word !== undefined && at !== -1 && (at === 0 || word[at - 1] === "-")) return word.slice(at + ARTIFACT_PREFIX.length)
  }
  return undefined
}

/** Sentence case from kebab-case: `release-notes` → `Release notes`. */
const sentence = (id: string) => {
  const words = id.split("-").join(" ")
  return words.charAt(0).toUpperCase() + words.slice(1)
}

const given = (value: string | undefined, option: string): string | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (trimmed === "") throw new ArtifactGeneratorError(`--${option} is empty; give a value, or leave the option out for the default`)
  return trimmed
}

/**
 * Checks the options against the workspace and plans the package. Refused, with nothing
 * written: a name that is not kebab-case, an artifact id that exists (a built-in of the plugin
 * list, or an artifact package of the workspace), a package folder that exists.
 */
export const planArtifact = (tree: Tree, schema: ArtifactGeneratorSchema): ArtifactPlan => {
  const id = typeof schema.name === "string" ? schema.name.trim() : ""
  if (!KEBAB.test(id)) {
    throw new ArtifactGeneratorError(
      `"${schema.name ?? ""}" is not a valid artifact id: use kebab-case — lower-case letters and digits, words joined by "-", starting with a letter (e.g. glossary, release-notes)`
    )
  }
  const members = workspaceMembers(tree)
  const stack = members.find((member) => member.manifest.name === STACK_PACKAGE)
  if (stack === undefined) throw new ArtifactGeneratorError(`no ${STACK_PACKAGE} package in this workspace: its package.json holds the plugin list the new artifact joins`)

  // Who provides each id already: the plugin list's packages, and every artifact package of the workspace.
  const providers = new Map<string, string>()
  for (const name of stack.manifest.lfai?.plugins ?? []) {
    const member = members.find((candidate) => candidate.manifest.name === name)
    const known = idOf(name, member?.dir, member?.manifest)
    if (known !== undefined) providers.set(known, `${name}, a built-in (lfai.plugins of ${stack.dir}/package.json)`)
  }
  for (const member of members) {
    const folder = member.dir.split("/").pop() ?? ""
    const known = folder.startsWith(ARTIFACT_PREFIX) ? idOf(member.manifest.name ?? folder, member.dir, member.manifest) : member.manifest.lfai?.id
    if (known !== undefined && !providers.has(known)) providers.set(known, `${member.manifest.name ?? member.dir} (${member.dir}), a package of this workspace`)
  }
  const provider = providers.get(id)
  if (provider !== undefined) throw new ArtifactGeneratorError(`the artifact id "${id}" exists already: ${provider} provides it; pick another name`)

  const dir = `packages/${ARTIFACT_PREFIX}${id}`
  if (tree.exists(dir)) throw new ArtifactGeneratorError(`${dir} exists already; the generator never writes into an existing folder: remove it, or pick another name`)

  const model = given(schema.model, "model") ?? DEFAULT_MODEL
  if (/\s/.test(model)) throw new ArtifactGeneratorError(`--model "${model}" is not an Ollama model name (no spaces: e.g. ${DEFAULT_MODEL})`)
  const title = given(schema.title, "title") ?? sentence(id)
  const description =
    given(schema.description, "description") ?? `A ${title.charAt(0).toLowerCase()}${title.slice(1)} in YAML: its title, a summary, and the items it is made of, each with a name and a description.`
  const version = stack.manifest.version ?? "0.0.0"
  const packageName = `@lfai/${ARTIFACT_PREFIX}${id}`
  const property = names(id).propertyName
  const identifier = RESERVED.has(property) ? `${property}Artifact` : property
  const node = readJson<Manifest>(tree, "package.json").engines?.node ?? ">=22.19"
  // the YAML parser the workspace has already (core reads the config with it): nothing to download
  const yaml = members.find((member) => member.manifest.name === "@lfai/core")?.manifest.dependencies?.yaml ?? "^2.9.1"

  // Literals for the templates, already quoted for the place they go (TypeScript and JSON alike).
  const substitutions = {
    id,
    identifier,
    packageName,
    version,
    titleText: title,
    descriptionText: description,
    modelText: model,
    title: JSON.stringify(title),
    description: JSON.stringify(description),
    model: JSON.stringify(model),
    node: JSON.stringify(node),
    yaml: JSON.stringify(yaml)
  }
  return { id, dir, packageName, title, description, model, version, stackDir: stack.dir, substitutions }
}
