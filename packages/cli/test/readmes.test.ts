/**
 * The READMEs' examples run, so they cannot rot: every README (the root one and each package's)
 * has at least one example marked to run — a fenced block whose info string is `ts run` or
 * `sh run` — and each of them runs here against the testkit's demo emulators and exits 0.
 *
 * - `ts run`: the block as a TypeScript module (`node --input-type=module-typescript`), in an
 *   empty directory of its own inside the repository (so `@lfai/*` and the other packages resolve
 *   as they do for a user); a `// { … }` or `// [ … ]` comment after a `console.log` says what it
 *   prints, and the output must hold it (quotes and spacing aside).
 * - `sh run`: the block as a bash script (`set -euo pipefail`) from the repository root. A server
 *   it starts in the background (`… --port N &`) gets a free port instead of N (everywhere in the
 *   block), the script waits until it listens before going on, and everything it started is
 *   stopped afterwards.
 *
 * Every run sees OLLAMA_HOST, GEMINI_BASE_URL and GEMINI_API_KEY pointing at the demo emulators
 * (a block that starts its own emulator points its commands at that one).
 */
import { spawn } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startDemo, type DemoHandles } from "@lfai/testkit"

const ROOT = fileURLToPath(new URL("../../../", import.meta.url))
const README_PATHS = [
  "README.md",
  ...readdirSync(join(ROOT, "packages"))
    .sort()
    .map((name) => `packages/${name}/README.md`)
    .filter((path) => existsSync(join(ROOT, path)))
]

interface Block {
  readonly lang: string
  readonly run: boolean
  readonly code: string
  /** 1-based line of the opening fence. */
  readonly line: number
}

/** Fenced code blocks (backticks or tildes, at most three spaces of indent; an info string holds no backtick). */
const codeBlocks = (markdown: string): ReadonlyArray<Block> => {
  const lines = markdown.split("\n")
  const blocks: Block[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})([^`]*)$/.exec(lines[i])
    if (open === null) continue
    const [, indent, fence, info] = open
    const words = info.trim().split(/\s+/)
    const body: string[] = []
    let j = i + 1
    for (; j < lines.length; j++) {
      const close = new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).exec(lines[j])
      if (close !== null) break
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j].trimStart())
    }
    blocks.push({ lang: words[0] ?? "", run: words.includes("run"), code: body.join("\n"), line: i + 1 })
    i = j
  }
  return blocks
}

const readme = (path: string) => readFileSync(join(ROOT, path), "utf8")

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs a command in a process group of its own and stops whatever is left of the group afterwards. */
const runGroup = (command: string, args: ReadonlyArray<string>, options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }) =>
  new Promise<Run>((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
    const stopGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal)
      } catch {
        // the group is gone already
      }
    }
    const timer = setTimeout(() => stopGroup("SIGKILL"), options.timeoutMs)
    child.on("error", reject)
    child.on("exit", (code, signal) => {
      clearTimeout(timer)
      stopGroup("SIGTERM")
      // background servers may still hold the pipes: give them a moment to go, then answer
      setTimeout(() => {
        stopGroup("SIGKILL")
        resolve({ code: signal === "SIGKILL" ? null : code, stdout, stderr })
      }, 300)
    })
  })

/**
 * A `sh run` block made safe to run next to other tests: each server port it starts is replaced by
 * a free one, and after each background start the script waits until the server listens.
 */
const prepareShell = async (code: string): Promise<string> => {
  const ports = [...new Set([...code.matchAll(/--port[ =](\d+)/g)].map((match) => match[1]))]
  let script = code
  for (const port of ports) script = script.replace(new RegExp(`\\b${port}\\b`, "g"), String(await freePort()))
  const lines = script.split("\n").flatMap((line) => {
    const started = /--port[ =](\d+)/.exec(line)
    if (started === null || !/&\s*(#.*)?$/.test(line)) return [line]
    const port = started[1]
    return [line, `for _ in $(seq 1 1200); do (exec 3<>/dev/tcp/127.0.0.1/${port}) 2>/dev/null && break; sleep 0.1; done`]
  })
  return ["set -euo pipefail", ...lines].join("\n")
}

/** What a `ts run` block says it prints: `// { … }` or `// [ … ]` after a console.log (same or next line), not abridged. */
const expectedOutputs = (code: string): ReadonlyArray<string> => {
  const lines = code.split("\n")
  return lines.flatMap((line, i) => {
    const comment = /^(.*?)\/\/\s*([[{].*)$/.exec(line)
    if (comment === null) return []
    const logs = comment[1].includes("console.log(") || (comment[1].trim() === "" && (lines[i - 1] ?? "").includes("console.log("))
    return logs && !/…|e\.g\./.test(comment[2]) ? [comment[2].trim()] : []
  })
}

const normalise = (text: string) => text.replace(/'/g, '"').replace(/\s+/g, "")

// each example starts node processes (and some build or serve): generous on a busy machine
describe("README examples", () => {
  let demo: DemoHandles
  let scratch: string
  beforeAll(async () => {
    demo = await startDemo()
    // inside the repository (node_modules/.cache): bare imports resolve as they do for a user
    const cache = join(ROOT, "node_modules", ".cache", "lfai-readme-examples")
    mkdirSync(cache, { recursive: true })
    scratch = mkdtempSync(join(cache, "run-"))
  })
  afterAll(async () => {
    await demo?.close()
    if (scratch) rmSync(scratch, { recursive: true, force: true })
  })

  const env = (): NodeJS.ProcessEnv => {
    const base: NodeJS.ProcessEnv = { ...process.env }
    for (const key of Object.keys(base)) if (/^(OLLAMA_|GEMINI_|GOOGLE_|LFAI_)/.test(key)) delete base[key]
    return { ...base, OLLAMA_HOST: demo.ollama.url, GEMINI_BASE_URL: demo.gemini.url, GEMINI_API_KEY: "readme-example-key" }
  }

  /** Where each `ts run` block ran (`path:line` → its directory), for checks on what it wrote. */
  const ranIn = new Map<string, string>()

  const runBlock = async (path: string, block: Block): Promise<Run> => {
    if (block.lang === "ts") {
      const cwd = mkdtempSync(join(scratch, "ts-"))
      ranIn.set(`${path}:${block.line}`, cwd)
      return runGroup(process.execPath, ["--input-type=module-typescript", "-e", block.code], { cwd, env: env(), timeoutMs: 240_000 })
    }
    if (block.lang === "sh") return runGroup("bash", ["-c", await prepareShell(block.code)], { cwd: ROOT, env: env(), timeoutMs: 240_000 })
    throw new Error(`${path}:${block.line}: only ts and sh blocks can run, not "${block.lang}"`)
  }

  describe.each(README_PATHS)("%s", (path) => {
    const blocks = codeBlocks(readme(path)).filter((block) => block.run)

    it("has an example marked to run (```ts run or ```sh run)", () => {
      expect(blocks.length, `${path} has no code block marked \`ts run\` or \`sh run\``).toBeGreaterThan(0)
    })

    it.each(blocks.map((block) => [`line ${block.line}`, block] as const))("the example at %s runs", async (_, block) => {
      const run = await runBlock(path, block)
      expect(run.code, `${path}:${block.line} exited ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`).toBe(0)
      for (const expected of expectedOutputs(block.code)) {
        expect(normalise(run.stdout), `${path}:${block.line} does not print ${expected}\n--- stdout\n${run.stdout}`).toContain(normalise(expected))
      }
    })
  })

  it("dataset-builder's manifest example is what its example builds", async () => {
    const path = "packages/dataset-builder/README.md"
    const text = readme(path)
    const example = codeBlocks(text).find((block) => block.run && block.code.includes("buildDatasets("))
    expect(example, `${path} runs buildDatasets in an example`).toBeDefined()
    let cwd = ranIn.get(`${path}:${example!.line}`)
    if (cwd === undefined || !existsSync(join(cwd, "datasets", "manifest.json"))) {
      expect((await runBlock(path, example!)).code).toBe(0)
      cwd = ranIn.get(`${path}:${example!.line}`)!
    }
    const built = JSON.parse(readFileSync(join(cwd, "datasets", "manifest.json"), "utf8")) as {
      seed: number
      artifacts: Array<{ artifact: string; sha256: string; domains: number; train: { examples: number }; val: { examples: number }; quality: { structures: { distinct: number }; validation: { meanScore: number } } }>
    }
    const erd = built.artifacts.find((entry) => entry.artifact === "erd")!
    const shown = codeBlocks(text).find((block) => block.lang === "json" && block.code.includes('"artifact": "erd"'))!.code
    const number = (pattern: RegExp) => Number(pattern.exec(shown)?.[1])
    expect({
      seed: number(/"seed": (\d+)/),
      sha256: /"sha256": "([0-9a-f]{64})"/.exec(shown)?.[1],
      domains: number(/"domains": (\d+)/),
      train: number(/"train": \{ "file": "erd\.train\.jsonl", "examples": (\d+)/),
      val: number(/"val": +\{ "file": "erd\.val\.jsonl", +"examples": (\d+)/),
      distinct: number(/"structures": \{ "distinct": (\d+)/),
      meanScore: number(/"meanScore": ([\d.]+)/)
    }).toEqual({
      seed: built.seed,
      sha256: erd.sha256,
      domains: erd.domains,
      train: erd.train.examples,
      val: erd.val.examples,
      distinct: erd.quality.structures.distinct,
      meanScore: erd.quality.validation.meanScore
    })
  })

  it("the root README's quick path shows a passing ERD from the demo", async () => {
    const quick = codeBlocks(readme("README.md")).find((block) => block.run && block.code.includes("--scenario demo"))
    expect(quick, "the root README's quick path starts the demo emulator").toBeDefined()
    const run = await runBlock("README.md", quick!)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^erDiagram$/m)
    expect(run.stderr).toMatch(/✓ erd: score 100\/100 from ollama/)
  })
})

describe("README servers", () => {
  it("no two READMEs start different servers on one port", () => {
    const owners = new Map<string, Set<string>>()
    const note = (port: string, server: string, where: string) => {
      const set = owners.get(port) ?? new Set<string>()
      set.add(`${server} (${where})`)
      owners.set(port, set)
    }
    for (const path of README_PATHS) {
      for (const block of codeBlocks(readme(path))) {
        for (const line of block.code.split("\n")) {
          const testkit = /lfai-testkit (ollama|gemini)\b.*--port[ =](\d+)/.exec(line)
          if (testkit) note(testkit[2], `the ${testkit[1]} emulator`, path)
          const serve = /lfai serve\b.*--port[ =](\d+)/.exec(line)
          if (serve) note(serve[1], "lfai serve", path)
          const start = /\bstart\(\{[^}]*\bport: (\d+)/.exec(line)
          if (start) note(start[1], "lfai serve", path)
        }
      }
    }
    const clashes = [...owners].filter(([, servers]) => new Set([...servers].map((server) => server.replace(/ \(.*\)$/, ""))).size > 1)
    expect(clashes.map(([port, servers]) => `${port}: ${[...servers].join(", ")}`)).toEqual([])
  })
})
