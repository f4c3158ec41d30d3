/**
 * A copy of this workspace to generate into, made in seconds: its own files (sources, configs,
 * lock file — no build output, caches or datasets), and a node_modules of links: every
 * third-party package links to the repository's, while `@lfai/*` and the bins link to the copy's
 * own packages, as npm links workspace members. Nothing done in the copy reaches the repository.
 */
import { spawnSync } from "node:child_process"
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync } from "node:fs"
import { tmpdir } from "node:os"
import { basename, join } from "node:path"
import { fileURLToPath } from "node:url"

export const REPOSITORY = fileURLToPath(new URL("../../../", import.meta.url))

const ROOT_FILES = [
  "LICENSE",
  "package.json",
  "package-lock.json",
  "nx.json",
  "tsconfig.json",
  "tsconfig.base.json",
  "tsconfig.build.json",
  "tsconfig.build.base.json",
  "vitest.config.ts",
  "vitest.shared.ts",
  "scripts",
  // the reporter the root vitest.config.ts names
  "test/support/timings-reporter.ts",
  // the package layout check, to run on what the generator wrote
  "test/layout.test.ts",
  "test/vitest.config.ts"
]
const SKIPPED = new Set(["node_modules", "dist", ".nx", "datasets", "coverage", "reports"])

export interface WorkspaceCopy {
  readonly root: string
  /** Runs a command in the copy; never throws (the caller reads the exit code). */
  readonly run: (command: string, args: ReadonlyArray<string>, env?: Readonly<Record<string, string>>) => { code: number | null; stdout: string; stderr: string }
  readonly remove: () => void
}

/** The environment a command in the copy sees: none of the outer test run's vitest or Nx settings. */
const cleanEnv = (extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(process.env)) if (!/^(VITEST|NX_|TEST$|LFAI_|OLLAMA_|GEMINI_|GOOGLE_|FORCE_COLOR)/.test(name)) env[name] = value
  return { ...env, NX_DAEMON: "false", NX_TUI: "false", NX_NO_CLOUD: "true", NO_COLOR: "1", CI: "true", ...extra }
}

export const copyWorkspace = (): WorkspaceCopy => {
  const root = mkdtempSync(join(tmpdir(), "lfai-generator-"))
  for (const file of ROOT_FILES) cpSync(join(REPOSITORY, file), join(root, file), { recursive: true })
  cpSync(join(REPOSITORY, "packages"), join(root, "packages"), {
    recursive: true,
    filter: (source) => !SKIPPED.has(basename(source)) && !source.endsWith(".tsbuildinfo")
  })
  const modules = join(REPOSITORY, "node_modules")
  mkdirSync(join(root, "node_modules", ".bin"), { recursive: true })
  mkdirSync(join(root, "node_modules", "@lfai"))
  for (const entry of readdirSync(modules)) {
    if (entry === "@lfai" || entry.startsWith(".")) continue
    symlinkSync(join(modules, entry), join(root, "node_modules", entry))
  }
  // bins keep their relative targets, so `lfai` leads to the copy's CLI and `nx` to the shared nx
  for (const bin of readdirSync(join(modules, ".bin"))) symlinkSync(readlinkSync(join(modules, ".bin", bin)), join(root, "node_modules", ".bin", bin))
  for (const pkg of readdirSync(join(root, "packages"))) symlinkSync(join("..", "..", "packages", pkg), join(root, "node_modules", "@lfai", pkg))
  return {
    root,
    run: (command, args, env = {}) => {
      const result = spawnSync(command, [...args], { cwd: root, env: cleanEnv(env), encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 10 * 60_000 })
      return { code: result.status, stdout: result.stdout ?? "", stderr: `${result.stderr ?? ""}${result.error ? `\n${result.error.message}` : ""}` }
    },
    remove: () => rmSync(root, { recursive: true, force: true })
  }
}
