/**
 * Where a build may write. A dataset directory is lfai's own: a new one, an empty one (dotfiles
 * such as `.gitkeep` aside), or one an earlier build wrote (it holds a manifest of lfai's shape).
 * An empty path, a file, a path that cannot be created and a folder of somebody else's files
 * (a web app's `manifest.json`) are refused before anything is built.
 */
import { readdir, readFile, stat, mkdir } from "node:fs/promises"
import { dirname, join, resolve } from "node:path"
import { manifestFile } from "../Manifest.ts"

/** Bad options (unknown artifact, a count that is not a positive integer, an --out that is not ours …): a usage error, exit 2. */
export class BuildUsageError extends Error {
  override readonly name = "BuildUsageError"
}

const MANIFEST_SUFFIX = ".manifest.json"

/** A manifest lfai wrote: `{ seed, artifacts: [{ artifact, file, sha256, … }] }`. */
const isLfaiManifest = async (file: string): Promise<boolean> => {
  try {
    const value = JSON.parse(await readFile(file, "utf8")) as { seed?: unknown; artifacts?: unknown }
    return (
      typeof value.seed === "number" &&
      Array.isArray(value.artifacts) &&
      value.artifacts.every(
        (entry: { artifact?: unknown; file?: unknown; sha256?: unknown }) =>
          typeof entry?.artifact === "string" && typeof entry.file === "string" && typeof entry.sha256 === "string"
      )
    )
  } catch {
    return false
  }
}

const code = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error)

/** Creates the missing directories one level at a time (a recursive mkdir spins on /proc). */
const create = async (dir: string, shown: string): Promise<void> => {
  const missing: string[] = []
  let at = dir
  for (;;) {
    const found = await stat(at).catch(() => undefined)
    if (found) {
      if (!found.isDirectory()) throw new BuildUsageError(`--out ${shown} cannot be created: ${at} is a file`)
      break
    }
    missing.unshift(at)
    const parent = dirname(at)
    if (parent === at) break
    at = parent
  }
  for (const level of missing) {
    await mkdir(level).catch((error: unknown) => {
      if (code(error) !== "EEXIST") throw new BuildUsageError(`--out ${shown} cannot be created (${code(error)} at ${level})`)
    })
  }
}

/** Checks `--out` and creates it when missing; throws {@link BuildUsageError} when it is not a place for a dataset. */
export const prepareOutDir = async (given: string, options: { readonly manifest: boolean }): Promise<string> => {
  if (given.trim() === "") throw new BuildUsageError("--out names no directory (an empty path would write into the current one)")
  const dir = resolve(given)
  const shown = JSON.stringify(given)
  const found = await stat(dir).catch(() => undefined)
  if (found === undefined) {
    await create(dir, shown)
    return dir
  }
  if (!found.isDirectory()) throw new BuildUsageError(`--out ${shown} is a file, not a directory`)
  const names = (await readdir(dir)).filter((name) => !name.startsWith("."))
  if (names.length === 0) return dir
  const manifests = names.filter((name) => name === manifestFile || name.endsWith(MANIFEST_SUFFIX))
  const ours = await Promise.all(manifests.map((name) => isLfaiManifest(join(dir, name))))
  const foreign = manifests.filter((_, i) => !ours[i])
  // The build writes manifest.json and <artifact>.manifest.json: none of them may be somebody else's.
  const overwritten = foreign.filter((name) => (name === manifestFile ? options.manifest : true))
  if (overwritten.length > 0 || !ours.some(Boolean)) {
    const shownNames = (overwritten.length > 0 ? overwritten : names).slice(0, 3).join(", ")
    throw new BuildUsageError(
      `--out ${shown} holds files lfai did not write (${shownNames}${names.length > 3 && overwritten.length === 0 ? ", …" : ""}); give a new or empty directory, or one an earlier build wrote`
    )
  }
  return dir
}

