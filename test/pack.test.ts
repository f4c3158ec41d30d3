/**
 * The packages as a user gets them: built (`npm run build`), packed (`npm pack`), installed from
 * the tarballs into an empty project in a temp dir outside the repository (third-party
 * dependencies from the npm registry), and used there as a user would: the `lfai` bin (one
 * document per plugin whose validator reads files at run time: a worker, a grammar), a plain-JS
 * import of `@lfai/stack`, a TypeScript consumer's type check, `@lfai/mermaid` on its own, and a
 * global install of the CLI. No process here sees the repository's source condition.
 */
import { spawn, spawnSync } from "node:child_process"
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const root = join(import.meta.dirname, "..")
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"))

const published = readdirSync(join(root, "packages"))
  .map((dir) => readJson(join(root, "packages", dir, "package.json")) as { name: string; version: string; private?: boolean; files?: string[] })
  .filter((manifest) => !manifest.private)
const rootDev = (readJson(join(root, "package.json")) as { devDependencies: Record<string, string> }).devDependencies

const work = mkdtempSync(join(tmpdir(), "lfai-pack-"))
const tarballs = join(work, "tarballs")
const project = join(work, "project")
const globalPrefix = join(work, "global")
afterAll(() => rmSync(work, { recursive: true, force: true }))

/**
 * A user's shell: none of the repository's settings (NODE_OPTIONS carries the source condition in
 * tests, `npm test` sets npm_* variables and puts the repository's bins on PATH), none of lfai's,
 * and no Ollama answering.
 */
const userEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(NODE_OPTIONS|NODE_ENV|npm_|NX_|LFAI_|OLLAMA_|GEMINI_|GOOGLE_|VITEST)/i.test(name)) env[name] = value
  }
  const path = (env.PATH ?? "").split(":").filter((dir) => !dir.startsWith(root))
  return { ...env, PATH: path.join(":"), OLLAMA_HOST: "http://127.0.0.1:2" }
}

const tail = (text: string | null | undefined) => (text ?? "").split("\n").slice(-60).join("\n")

/** Runs one step; a failure names the step, the command, where it ran, and what it printed. */
const step = (name: string, command: string, args: ReadonlyArray<string>, options: { cwd: string; env?: NodeJS.ProcessEnv; expect?: number } = { cwd: project }) => {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? userEnv(),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 10 * 60_000
  })
  const expected = options.expect ?? 0
  if (result.status !== expected) {
    throw new Error(
      `step "${name}" failed: \`${[command, ...args].join(" ")}\` in ${options.cwd} ` +
        `${result.error ? `could not run (${result.error.message})` : `exited ${result.status ?? result.signal}, expected ${expected}`}\n` +
        `--- stdout (last lines)\n${tail(result.stdout)}\n--- stderr (last lines)\n${tail(result.stderr)}`
    )
  }
  return { stdout: result.stdout, stderr: result.stderr }
}

const tarballOf = (name: string, version: string) => join(tarballs, `${name.replace(/^@/, "").replace("/", "-")}-${version}.tgz`)
const installedBin = (name: string) => join(project, "node_modules", ".bin", name)

const ERD = "erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  CUSTOMER {\n    int id PK\n    string email\n  }\n  ORDER {\n    int id PK\n    int customer_id FK\n  }\n"

let packed: Array<{ name: string; files: Array<{ path: string }> }>

beforeAll(() => {
  step("build every package (npm run build)", "npm", ["run", "build"], { cwd: root, env: { ...process.env, NX_DAEMON: "false", NODE_OPTIONS: "" } })

  mkdirSync(tarballs)
  const packArgs = ["pack", "--json", "--pack-destination", tarballs, ...published.flatMap((p) => ["-w", p.name])]
  packed = JSON.parse(step("npm pack every publishable package", "npm", packArgs, { cwd: root, env: { ...process.env, NODE_OPTIONS: "" } }).stdout)

  // A service's own project: it asks for the CLI, the stack and the parser; every other @lfai
  // package comes from its tarball too (none is on the registry yet), the rest from the registry.
  const fromTarball = Object.fromEntries(published.map((p) => [p.name, `file:${tarballOf(p.name, p.version)}`]))
  mkdirSync(project)
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({
      name: "lfai-consumer",
      private: true,
      type: "module",
      dependencies: {
        "@lfai/cli": fromTarball["@lfai/cli"],
        "@lfai/stack": fromTarball["@lfai/stack"],
        "@lfai/mermaid": fromTarball["@lfai/mermaid"]
      },
      devDependencies: { typescript: rootDev.typescript, "@types/node": rootDev["@types/node"] },
      overrides: fromTarball
    })
  )
  step("npm install the tarballs into an empty project", "npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: project })

  const everyTarball = published.map((p) => tarballOf(p.name, p.version))
  step("npm install -g the CLI (and the @lfai packages it needs)", "npm", ["install", "-g", "--prefix", globalPrefix, "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...everyTarball], { cwd: work })
})

describe("the tarballs", () => {
  it("hold dist/, README.md, LICENSE and package.json (bin/, run-time files): no sources, tests, benches or fixtures", () => {
    expect(packed.map((p) => p.name).sort()).toEqual(published.map((p) => p.name).sort())
    for (const { name, files } of packed) {
      const paths = files.map((f) => f.path)
      const manifest = published.find((p) => p.name === name)!
      expect(paths, name).toEqual(expect.arrayContaining(["package.json", "README.md", "LICENSE", "dist/index.js", "dist/index.d.ts"]))
      const folders = (manifest.files ?? []).map((folder) => `${folder}/`)
      const allowed = (path: string) => ["package.json", "README.md", "LICENSE", "CHANGELOG.md"].includes(path) || folders.some((folder) => path.startsWith(folder))
      expect(paths.filter((path) => !allowed(path)), name).toEqual([])
      // A generator's templates are its run-time files: the test and sources it writes into a workspace.
      const template = (path: string) => /^generators\/[^/]+\/files\//.test(path) && path.endsWith(".template")
      expect(paths.filter((path) => /\.test\.|tsbuildinfo|\.ts$/.test(path) && !path.endsWith(".d.ts") && !template(path)), name).toEqual([])
    }
  })
})

describe("installed in a project outside the repository", () => {
  it("lfai --help lists the commands", () => {
    const { stdout } = step("lfai --help", installedBin("lfai"), ["--help"], { cwd: project })
    for (const command of ["generate", "validate", "plugins", "datasets", "serve"]) expect(stdout).toContain(command)
  })

  it("lfai validate erd FILE judges a file with the real Mermaid parser, from the installed packages", () => {
    writeFileSync(join(project, "shop.mmd"), ERD)
    writeFileSync(join(project, "broken.mmd"), "erDiagram\n  CUSTOMER ||--o{\n")
    const good = step("lfai validate erd shop.mmd --json", installedBin("lfai"), ["validate", "erd", "shop.mmd", "--json"], { cwd: project })
    expect(JSON.parse(good.stdout)).toMatchObject({ artifact: "erd", passed: true, score: 100 })
    const bad = step("lfai validate erd broken.mmd (exit 1)", installedBin("lfai"), ["validate", "erd", "broken.mmd"], { cwd: project, expect: 1 })
    expect(bad.stdout + bad.stderr).toContain("parse-error")
  })

  /** The clean sample each plugin's contract suite proves passes (`test/contract.json`). */
  const contractSample = (dir: string): string => (readJson(join(root, "packages", dir, "test", "contract.json")) as { sample: string }).sample
  const CSHARP = [
    "using Microsoft.AspNetCore.Mvc;",
    "",
    "namespace Library.Api;",
    "",
    "[ApiController]",
    '[Route("api/books")]',
    "public sealed class BooksController : ControllerBase",
    "{",
    '    [HttpGet("{id:int}")]',
    '    public ActionResult<BookDto> Get(int id) => id > 0 ? Ok(new BookDto(id, "Dune")) : NotFound();',
    "}",
    "",
    "public sealed record BookDto(int Id, string Title);",
    ""
  ].join("\n")

  it.each([
    { artifact: "html", file: "page.html", text: () => contractSample("artifact-html"), needs: "parse5" },
    { artifact: "apidocs", file: "openapi.yaml", text: () => contractSample("artifact-apidocs"), needs: "@readme/openapi-parser in the plugin's worker thread (dist/internal/openapi/worker.js)" },
    { artifact: "code", file: "BooksController.cs", text: () => CSHARP, needs: "tree-sitter-c-sharp's .wasm grammar, loaded by web-tree-sitter" },
    { artifact: "jira", file: "stories.json", text: () => contractSample("artifact-jira"), needs: "@cucumber/gherkin" },
    { artifact: "docs", file: "README.md", text: () => contractSample("artifact-docs"), needs: "mdast with GFM and front matter" }
  ])("lfai validate $artifact $file passes, with $needs from the installed packages", ({ artifact, file, text }) => {
    mkdirSync(join(project, "documents"), { recursive: true })
    writeFileSync(join(project, "documents", file), `${text()}\n`)
    const run = step(`lfai validate ${artifact} documents/${file} --json`, installedBin("lfai"), ["validate", artifact, join("documents", file), "--json"], { cwd: project })
    expect(JSON.parse(run.stdout)).toMatchObject({ artifact, passed: true, issues: [] })
  })

  it("the OpenAPI parser runs in its worker from dist/: a path parameter the operation does not declare is its finding", () => {
    mkdirSync(join(project, "documents"), { recursive: true })
    writeFileSync(
      join(project, "documents", "undeclared.yaml"),
      ["openapi: 3.1.0", "info:", "  title: Books API", "  version: 1.0.0", "paths:", "  /books/{bookId}:", "    get:", "      operationId: getBook", "      responses:", '        "200":', "          description: The book", ""].join("\n")
    )
    const run = step("lfai validate apidocs documents/undeclared.yaml --json (exit 1)", installedBin("lfai"), ["validate", "apidocs", join("documents", "undeclared.yaml"), "--json"], { cwd: project, expect: 1 })
    const issues = (JSON.parse(run.stdout) as { issues: Array<{ code: string; message: string }> }).issues
    expect(issues.map((issue) => issue.code)).not.toContain("validator-failed")
    expect(issues.find((issue) => issue.code === "schema-invalid")?.message).toContain("{bookId}")
  })

  it("a plain-JS ES module imports @lfai/stack and calls validate; everything resolves inside the project", () => {
    writeFileSync(
      join(project, "validate.js"),
      [
        'import { createLfai } from "@lfai/stack"',
        "",
        "const lfai = await createLfai()",
        "try {",
        `  const result = await lfai.validate("erd", ${JSON.stringify(ERD)})`,
        '  console.log(JSON.stringify({ result, stack: import.meta.resolve("@lfai/stack"), mermaid: import.meta.resolve("@lfai/mermaid") }))',
        "} finally {",
        "  await lfai.dispose()",
        "}",
        ""
      ].join("\n")
    )
    const out = JSON.parse(step("node validate.js", process.execPath, ["validate.js"], { cwd: project }).stdout)
    expect(out.result).toMatchObject({ artifact: "erd", passed: true })
    expect(out.stack).toBe(`file://${project}/node_modules/@lfai/stack/dist/index.js`)
    expect(out.mermaid).toBe(`file://${project}/node_modules/@lfai/mermaid/dist/index.js`)
  })

  it("a TypeScript consumer type-checks against @lfai/stack, @lfai/core and the plugins (nodenext, skipLibCheck off)", () => {
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { target: "es2023", module: "nodenext", moduleResolution: "nodenext", strict: true, skipLibCheck: false, noEmit: true, types: ["node"] },
        files: ["consumer.ts"]
      })
    )
    writeFileSync(
      join(project, "consumer.ts"),
      [
        'import { createLfai, type Lfai, type StackOptions } from "@lfai/stack"',
        'import type { ArtifactPlugin, GenerateResult, LfaiConfigShape, ValidateResult } from "@lfai/core"',
        'import apidocs from "@lfai/artifact-apidocs"',
        'import code, { parserInfo } from "@lfai/artifact-code"',
        'import docs from "@lfai/artifact-docs"',
        'import html from "@lfai/artifact-html"',
        'import jira, { storiesJsonSchema } from "@lfai/artifact-jira"',
        "",
        "export const plugins: ReadonlyArray<ArtifactPlugin> = [code, html, apidocs, jira, docs]",
        "export const grammar: number = parserInfo.csharp.abi",
        "export const schema: object = storiesJsonSchema",
        "const options: StackOptions = { plugins: [] as ReadonlyArray<ArtifactPlugin> }",
        "const lfai: Lfai = await createLfai(options)",
        'const checked: ValidateResult = await lfai.validate("erd", "erDiagram")',
        "export const passed: boolean = checked.passed",
        "export const summary = (result: GenerateResult): string => `${result.provider} ${result.model} ${result.score}`",
        "export const threshold = (config: LfaiConfigShape): number => config.validation.pass_threshold",
        ""
      ].join("\n")
    )
    step("tsc --noEmit (consumer.ts)", process.execPath, [join(project, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], { cwd: project })
  })

  it("@lfai/mermaid's README example runs against the installed package alone", () => {
    copyFileSync(join(root, "packages", "mermaid", "examples", "parse.ts"), join(project, "parse.ts"))
    const { stdout } = step("node parse.ts (the @lfai/mermaid README example)", process.execPath, ["parse.ts"], { cwd: project })
    expect(stdout).toContain("CUSTOMER ONLY_ONE → ZERO_OR_MORE ORDER (places)")
  })

  it("lfai datasets build works from the installed packages (validation in worker threads of dist/)", () => {
    const out = join(work, "datasets")
    step("lfai datasets build --only erd --count 50", installedBin("lfai"), ["datasets", "build", "--only", "erd", "--count", "50", "--out", out], { cwd: project })
    expect(readJson(join(out, "manifest.json"))).toMatchObject({ artifacts: [{ artifact: "erd", passed: true }] })
  })
})

describe("the installed HTTP service", () => {
  it("lfai serve answers, and its web console's files (its own and its dependencies') come from the installed packages", async () => {
    const child = spawn(installedBin("lfai"), ["serve", "--port", "0"], { cwd: project, env: userEnv(), stdio: ["ignore", "pipe", "pipe"] })
    let stderr = ""
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once("line", resolve)
        child.once("exit", (code) => reject(new Error(`step "lfai serve" failed: exited ${code} before printing its URL\n--- stderr\n${tail(stderr)}`)))
      })
      const get = async (path: string) => {
        const response = await fetch(new URL(path, url))
        expect(response.status, `GET ${path}`).toBe(200)
        return response.text()
      }
      expect(JSON.parse(await get("/healthz"))).toMatchObject({ status: "ok" })
      const page = await get("/")
      const importMap = JSON.parse(/<script type="importmap">([\s\S]*?)<\/script>/.exec(page)?.[1] ?? "{}") as { imports?: Record<string, string> }
      const local = [...page.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1])
      const files = [...local, ...Object.values(importMap.imports ?? {})].filter((path) => path.startsWith("/"))
      expect(files.length).toBeGreaterThan(2)
      for (const file of files) await get(file)
      expect(await get("/openapi.json")).toContain('"openapi"')
    } finally {
      child.kill("SIGTERM")
      await new Promise((resolve) => (child.exitCode === null ? child.once("exit", resolve) : resolve(undefined)))
    }
  })
})

describe("npm i -g", () => {
  it("puts a working lfai on the PATH", () => {
    const bin = join(globalPrefix, "bin", "lfai")
    expect(existsSync(bin)).toBe(true)
    const env = { ...userEnv(), PATH: `${join(globalPrefix, "bin")}:${process.env.PATH}` }
    expect(step("lfai --help (global)", "lfai", ["--help"], { cwd: work, env }).stdout).toContain("validate")
    writeFileSync(join(work, "shop.mmd"), ERD)
    expect(step("lfai validate erd shop.mmd (global)", "lfai", ["validate", "erd", "shop.mmd"], { cwd: work, env }).stdout).toContain("passed")
  })
})
