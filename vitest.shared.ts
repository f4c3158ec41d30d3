/**
 * The vitest settings every package's project shares (`packages/<pkg>/vitest.config.ts` is
 * `lfaiProject({ name, … })`). Inside the repository the tests run the TypeScript sources: the
 * "@lfai/source" export condition goes to vite's resolution, to Node's in the test workers (vitest passes
 * `ssr.resolve.conditions` to them as `--conditions`), and through NODE_OPTIONS to every process a
 * test starts (a bin, an example, Nx).
 */
import { defaultServerConditions } from "vite"
import { defineProject, type TestProjectInlineConfiguration } from "vitest/config"

const SOURCE = "--conditions=@lfai/source"
const conditions = ["@lfai/source", ...defaultServerConditions]

/** NODE_OPTIONS with `--conditions=@lfai/source` added once. */
const sourceNodeOptions = (current = process.env.NODE_OPTIONS ?? ""): string =>
  current.split(/\s+/).includes(SOURCE) ? current : `${current} ${SOURCE}`.trim()

type ProjectTest = NonNullable<TestProjectInlineConfiguration["test"]> & { readonly name: string; readonly testTimeout: number }

/**
 * A package's vitest project: its tests in `test/**\/*.test.ts`, run on the sources. Each package
 * states its test timeout: about ten times the slowest test seen on a busy 2-core machine (the
 * run's `reports/timings.json` keeps them): four heavy jobs at once on two cores made tests up to
 * six times slower, which must not fail them; a test fifty times slower does. Hooks start emulators and servers: 30 s unless the package says more.
 */
export const lfaiProject = (test: ProjectTest) =>
  defineProject({
    resolve: { conditions },
    ssr: { resolve: { conditions } },
    test: { include: ["test/**/*.test.ts"], hookTimeout: 30_000, ...test, env: { NODE_OPTIONS: sourceNodeOptions(), ...test.env } }
  })
