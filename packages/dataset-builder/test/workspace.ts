/** A throwaway npm workspace with artifact packages, for the discovery, CLI and Nx plugin tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const fixtures = join(import.meta.dirname, "fixtures.ts")

const write = (file: string, content: string) => {
  mkdirSync(join(file, ".."), { recursive: true })
  writeFileSync(file, content)
}

const artifactPackage = (root: string, dir: string, id: string, options: string) => {
  write(join(root, dir, "package.json"), JSON.stringify({ name: `@fixture/${dir.split("/").pop()}`, version: "1.0.0", type: "module", exports: { ".": "./src/index.ts" } }))
  write(
    join(root, dir, "src/index.ts"),
    `import { toyPlugin } from ${JSON.stringify(fixtures)}\nexport const plugin = toyPlugin(${options})\nexport default plugin\n`
  )
}

/**
 * packages/artifact-toy and packages/artifact-broken (plugins), packages/artifact-kit (helpers,
 * no default export), packages/other (not an artifact), tools/artifact-extra (a member through
 * its own pattern), stray/artifact-stray (not a workspace member), packages/artifact-unlisted (a
 * plugin the list leaves out); packages/stack, whose `lfai.plugins` is the workspace's plugin
 * list; and lfai.config.yaml, which names the same plugins as paths (for the builder's bin, whose
 * built-ins are this repository's).
 */
export const makeWorkspace = (options: { readonly broken?: boolean } = {}): string => {
  const root = mkdtempSync(join(tmpdir(), "lfai-ws-"))
  write(join(root, "package.json"), JSON.stringify({ name: "fixture-root", private: true, workspaces: ["packages/*", "tools/artifact-extra"] }))
  const listed = ["toy", ...(options.broken !== false ? ["broken"] : []), "extra"]
  write(
    join(root, "packages/stack/package.json"),
    JSON.stringify({ name: "@lfai/stack", version: "1.0.0", lfai: { plugins: [...listed.map((id) => `@fixture/artifact-${id}`), "@fixture/not-installed"] } })
  )
  const paths: Record<string, string> = { toy: "./packages/artifact-toy", broken: "./packages/artifact-broken", extra: "./tools/artifact-extra" }
  write(join(root, "lfai.config.yaml"), `plugins:\n${listed.map((id) => `  - ${paths[id]}\n`).join("")}`)
  artifactPackage(root, "packages/artifact-unlisted", "unlisted", `{ id: "unlisted" }`)
  artifactPackage(root, "packages/artifact-toy", "toy", `{ id: "toy" }`)
  if (options.broken !== false) artifactPackage(root, "packages/artifact-broken", "broken", `{ id: "broken", invalidEvery: 7, duplicateEvery: 25 }`)
  artifactPackage(root, "tools/artifact-extra", "extra", `{ id: "extra" }`)
  artifactPackage(root, "stray/artifact-stray", "stray", `{ id: "stray" }`)
  write(join(root, "packages/artifact-kit/package.json"), JSON.stringify({ name: "@fixture/artifact-kit", version: "1.0.0", exports: { ".": "./src/index.ts" } }))
  write(join(root, "packages/artifact-kit/src/index.ts"), `export * from ${JSON.stringify(fixtures)}\n`)
  write(join(root, "packages/other/package.json"), JSON.stringify({ name: "@fixture/other", version: "1.0.0" }))
  return root
}
