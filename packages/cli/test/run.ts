/** Runs the real `lfai` bin in a child process, as a user would. */
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

export const BIN = fileURLToPath(new URL("../bin/lfai.js", import.meta.url))

export interface CliRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** The environment a run sees: none of the caller's lfai/Ollama/Gemini settings leak in. */
export const cleanEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const key of ["OLLAMA_HOST", "GEMINI_API_KEY", "GOOGLE_API_KEY", "GEMINI_BASE_URL", "LFAI_CONFIG", "LFAI_TOKEN"]) delete env[key]
  // Nothing answers here: a run that forgets to point at an emulator fails fast instead of finding a real server.
  env.OLLAMA_HOST = "http://127.0.0.1:2"
  return { ...env, ...extra }
}

export const lfai = (
  args: ReadonlyArray<string>,
  options: { env?: Record<string, string>; input?: string; cwd?: string } = {}
): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: cleanEnv(options.env),
      cwd: options.cwd ?? process.cwd(),
      stdio: ["pipe", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8").on("data", (chunk) => (stdout += chunk))
    child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk))
    child.on("error", reject)
    child.on("close", (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(options.input ?? "")
  })

/** Runs under a pseudo-terminal (util-linux `script`), so stdin, stdout and stderr are TTYs. */
export const lfaiOnTty = (args: ReadonlyArray<string>, env: Record<string, string> = {}): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    const quoted = [process.execPath, BIN, ...args].map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(" ")
    const child = spawn("script", ["-qefc", quoted, "/dev/null"], { env: cleanEnv(env), stdio: ["pipe", "pipe", "pipe"] })
    let stdout = ""
    child.stdout.setEncoding("utf8").on("data", (chunk) => (stdout += chunk))
    child.on("error", reject)
    child.on("close", (code) => resolve({ code, stdout, stderr: "" }))
    child.stdin.end()
  })
