/**
 * What a validation worker is started with: the parent's Node options, and — when it runs from the
 * `.ts` sources (the monorepo) — the `@lfai/source` export condition, so workspace packages resolve
 * to their sources there too, whether or not the parent was started with it. A parent that sets
 * conditions of its own (`--conditions`, `-C`) is left as it is.
 *
 * What only the parent's entry means is left out: a parent started with `node -e CODE` (or `-p`,
 * `--input-type=module`) would otherwise hand the worker options it refuses ("--input-type can only
 * be used with string input") and every worker would die.
 */
export const workerExecArgv = (inherited: ReadonlyArray<string>, fromSources: boolean): ReadonlyArray<string> => {
  const own: string[] = []
  for (let i = 0; i < inherited.length; i++) {
    const arg = inherited[i]
    if (ENTRY_WITH_VALUE.has(arg)) i++
    else if (!ENTRY.some((prefix) => arg.startsWith(prefix))) own.push(arg)
  }
  return !fromSources || own.some((arg) => arg.startsWith("--conditions") || arg === "-C") ? own : [...own, "--conditions=@lfai/source"]
}

/** Options that take the entry's code or type as the next argument. */
const ENTRY_WITH_VALUE = new Set(["-e", "--eval", "-p", "--print", "--input-type"])
/** The same written with `=`. */
const ENTRY = ["--eval=", "--print=", "--input-type="]
