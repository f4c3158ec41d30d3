/**
 * What a validation worker is started with: the parent's Node options, and — when it runs from the
 * `.ts` sources (the monorepo) — the `@lfai/source` export condition, so workspace packages resolve
 * to their sources there too, whether or not the parent was started with it. A parent that sets
 * conditions of its own (`--conditions`, `-C`) is left as it is.
 */
export const workerExecArgv = (inherited: ReadonlyArray<string>, fromSources: boolean): ReadonlyArray<string> =>
  !fromSources || inherited.some((arg) => arg.startsWith("--conditions") || arg === "-C") ? inherited : [...inherited, "--conditions=@lfai/source"]
