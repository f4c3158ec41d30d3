import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { loadConfig } from "@lfai/core"

const dir = mkdtempSync(join(tmpdir(), "lfai-config-"))
let files = 0
const file = (text: string) => {
  const path = join(dir, `config-${files++}.yaml`)
  writeFileSync(path, text)
  return path
}
const load = (text: string, env: Record<string, string> = {}) => loadConfig({ path: file(text), env })
const failure = (text: string, env: Record<string, string> = {}) => Effect.flip(load(text, env))

describe("config", () => {
  it.effect("has a default for every key, and needs no file", () =>
    Effect.gen(function* () {
      const config = yield* loadConfig({ env: {}, implicitFile: false })
      expect(config.source).toBeUndefined()
      expect(config.ai_provider).toEqual({ default: "ollama", fallback: "gemini" })
      expect(config.ollama).toEqual({
        base_url: "http://127.0.0.1:11434",
        // one host by default: base_url with vram_limit_gb
        hosts: [{ url: "http://127.0.0.1:11434", vram_limit_gb: 12 }],
        vram_limit_gb: 12,
        auto_download: true,
        persistent_models: ["codellama:7b-instruct-q4_K_M", "llama3:8b-instruct-q4_K_M"],
        num_ctx: 4096,
        num_ctx_max: 16384,
        num_parallel: 1,
        idle_unload_s: 300,
        request_timeout_s: 120,
        queue_timeout_s: 60,
        max_overtakes: 4
      })
      expect(config.validation).toEqual({
        pass_threshold: 70,
        strict_mode: false,
        enable_cloud_fallback: true,
        max_repairs: 1,
        max_prompt_kb: 64
      })
      expect(config.gemini).toEqual({ model: "gemini-2.5-flash", request_timeout_s: 60, send_draft: true })
      expect(config.server).toEqual({ max_body_kb: 256, max_concurrent_per_client: 64 })
      expect(config.artifacts).toEqual({})
      expect(config.plugins).toEqual([])
      expect(config.secrets).toEqual({ geminiApiKey: undefined, token: undefined })
    })
  )

  it.effect("reads the file, keeping defaults for what it leaves out", () =>
    Effect.gen(function* () {
      const config = yield* load(`
ollama:
  vram_limit_gb: 16
  num_ctx: auto
validation:
  max_repairs: 2
artifacts:
  erd:
    model: "llama3:8b-instruct-q4_K_M"
    alternates: ["qwen2.5-coder:7b-instruct-q4_K_M"]
    pass_threshold: 80
`)
      expect(config.ollama).toMatchObject({ vram_limit_gb: 16, num_ctx: "auto", auto_download: true })
      expect(config.validation.max_repairs).toBe(2)
      expect(config.artifacts.erd).toEqual({
        model: "llama3:8b-instruct-q4_K_M",
        alternates: ["qwen2.5-coder:7b-instruct-q4_K_M"],
        pass_threshold: 80
      })
    })
  )

  it.effect("environment beats the file, flags beat the environment", () =>
    Effect.gen(function* () {
      const path = file("ollama:\n  base_url: http://file:11434\ngemini:\n  base_url: http://file-gemini\n")
      const env = { OLLAMA_HOST: "10.0.0.5", GEMINI_BASE_URL: "http://127.0.0.1:9999", GOOGLE_API_KEY: "k-google" }
      const fromEnv = yield* loadConfig({ path, env })
      expect(fromEnv.ollama.base_url).toBe("http://10.0.0.5:11434")
      expect(fromEnv.gemini.base_url).toBe("http://127.0.0.1:9999")
      expect(Redacted.value(fromEnv.secrets.geminiApiKey!)).toBe("k-google")
      expect(String(fromEnv.secrets.geminiApiKey)).not.toContain("k-google")
      const fromFlags = yield* loadConfig({ path, env, overrides: { ollama: { base_url: "http://flag:1" } } })
      expect(fromFlags.ollama.base_url).toBe("http://flag:1")
      const both = yield* loadConfig({ env: { GEMINI_API_KEY: "k-gemini", GOOGLE_API_KEY: "k-google" }, implicitFile: false })
      expect(Redacted.value(both.secrets.geminiApiKey!)).toBe("k-gemini")
    })
  )

  it.effect("OLLAMA_HOST is read as Ollama reads it: a bare host gets port 11434, a scheme keeps its own port, :port and ::1 work", () =>
    Effect.gen(function* () {
      const host = (OLLAMA_HOST: string) => Effect.map(loadConfig({ env: { OLLAMA_HOST }, implicitFile: false }), (c) => c.ollama.base_url)
      expect(yield* host("gpu-box")).toBe("http://gpu-box:11434")
      expect(yield* host("gpu-box:8080")).toBe("http://gpu-box:8080")
      expect(yield* host("http://gpu-box")).toBe("http://gpu-box")
      expect(yield* host("https://ollama.example.com/")).toBe("https://ollama.example.com")
      expect(yield* host("http://127.0.0.1:11434")).toBe("http://127.0.0.1:11434")
      // As Ollama's envconfig reads it: no host is 127.0.0.1, a bare IPv6 address gets brackets, bind-all is loopback.
      expect(yield* host(":11434")).toBe("http://127.0.0.1:11434")
      expect(yield* host("::1")).toBe("http://[::1]:11434")
      expect(yield* host("[::1]:8080")).toBe("http://[::1]:8080")
      expect(yield* host("0.0.0.0")).toBe("http://127.0.0.1:11434")
      expect(yield* host("0.0.0.0:9000")).toBe("http://127.0.0.1:9000")
      expect(yield* host("::")).toBe("http://[::1]:11434")
      expect(yield* host('"gpu-box:8080"')).toBe("http://gpu-box:8080")
      expect(yield* host("http://gpu-box:8080/ollama/")).toBe("http://gpu-box:8080/ollama")
      expect(yield* host("https://proxy")).toBe("https://proxy")
      expect(yield* host("gpu-box:notaport")).toBe("http://gpu-box:11434")
      const ftp = yield* Effect.flip(loadConfig({ env: { GEMINI_BASE_URL: "ftp://x" }, implicitFile: false }))
      expect(ftp.source).toBe("GEMINI_BASE_URL")
      const ftpHost = yield* Effect.flip(loadConfig({ env: { OLLAMA_HOST: "ftp://gpu-box" }, implicitFile: false }))
      expect(ftpHost.source).toBe("OLLAMA_HOST")
    })
  )

  it.effect("LFAI_CONFIG names the file when no path is given", () =>
    Effect.gen(function* () {
      const path = file("validation:\n  pass_threshold: 50\n")
      const config = yield* loadConfig({ env: { LFAI_CONFIG: path } })
      expect(config.validation.pass_threshold).toBe(50)
      expect(config.source).toBe(path)
    })
  )

  it.effect("an unknown key is an error naming the key path", () =>
    Effect.gen(function* () {
      const error = yield* failure("ollama:\n  vram_limit: 12\n")
      expect(error._tag).toBe("ConfigError")
      expect(error.path).toBe("ollama.vram_limit")
      expect(error.message).toContain("ollama.vram_limit")
      expect(error.message).toContain("does not exist; the keys here are base_url, vram_limit_gb")
    })
  )

  it.effect("an ill-typed value is an error naming the path, the value and what was expected", () =>
    Effect.gen(function* () {
      const error = yield* failure("ollama:\n  vram_limit_gb: twelve\n")
      expect(error.path).toBe("ollama.vram_limit_gb")
      expect(error.value).toBe('"twelve"')
      expect(error.expected).toBe("number")
      expect(error.message).toMatch(/ollama\.vram_limit_gb .*got "twelve", expected number/)
      const negative = yield* failure("ollama:\n  vram_limit_gb: -1\n")
      expect(negative.message).toContain("got -1, expected a number of GiB greater than 0 and at most 1024")
      const literal = yield* failure("ai_provider:\n  fallback: openai\n")
      expect(literal.path).toBe("ai_provider.fallback")
      expect(literal.expected).toContain('"gemini"')
      const nested = yield* failure("artifacts:\n  erd:\n    alternates: [1]\n")
      expect(nested.path).toBe("artifacts.erd.alternates.0")
      const url = yield* failure("ollama:\n  base_url: not a url\n")
      expect(url.expected).toContain("http(s) URL")
    })
  )

  it.effect("plugins is a list of package names or paths; a blank entry is refused by its index", () =>
    Effect.gen(function* () {
      const config = yield* load('plugins: ["@acme/lfai-artifact-terraform", "./plugins/glossary.ts"]\n')
      expect(config.plugins).toEqual(["@acme/lfai-artifact-terraform", "./plugins/glossary.ts"])
      const blank = yield* failure('plugins: ["./ok.ts", "  "]\n')
      expect(blank.path).toBe("plugins.1")
      expect(blank.message).toContain("an npm package name or a path relative to the config file")
      expect((yield* failure("plugins: ./one.ts\n")).path).toBe("plugins")
    })
  )

  it.effect("broken YAML is an error naming the file and the line", () =>
    Effect.gen(function* () {
      const error = yield* failure("ollama:\n  vram_limit_gb: [12\n")
      expect(error.message).toContain("valid YAML")
      expect(error.message).toMatch(/line \d+/)
      const duplicate = yield* failure("ollama:\n  num_ctx: 1\n  num_ctx: 2\n")
      expect(duplicate.message).toContain("valid YAML")
      const scalar = yield* failure("just a string\n")
      expect(scalar.expected).toContain("mapping")
    })
  )

  it.effect("a missing file and a bad OLLAMA_HOST are errors that say so", () =>
    Effect.gen(function* () {
      const missing = yield* Effect.flip(loadConfig({ path: join(dir, "nope.yaml"), env: {} }))
      expect(missing.message).toContain("ENOENT")
      expect(missing.source).toContain("nope.yaml")
      const host = yield* Effect.flip(loadConfig({ env: { OLLAMA_HOST: "http://[bad" }, implicitFile: false }))
      expect(host.source).toBe("OLLAMA_HOST")
    })
  )

  it.effect("an empty file is the defaults", () =>
    Effect.gen(function* () {
      const config = yield* load("# nothing here\n")
      expect(config.validation.pass_threshold).toBe(70)
    })
  )
})

describe("config: hostile values", () => {
  it.effect("every number has a sane range: infinity, NaN, 1e21 and tiny timeouts are refused, naming the key, the value and the range", () =>
    Effect.gen(function* () {
      const cases: ReadonlyArray<readonly [string, string, string, RegExp]> = [
        ["server:\n  max_body_kb: .inf\n", "server.max_body_kb", ".inf", /greater than 0 and at most 65536/],
        ["ollama:\n  request_timeout_s: 1e21\n", "ollama.request_timeout_s", "1e+21", /from 0\.1 to 86400/],
        ["ollama:\n  request_timeout_s: 0.0000001\n", "ollama.request_timeout_s", "1e-7", /from 0\.1 to 86400/],
        ["ollama:\n  vram_limit_gb: .inf\n", "ollama.vram_limit_gb", ".inf", /GiB greater than 0 and at most 1024/],
        ["ollama:\n  vram_limit_gb: .nan\n", "ollama.vram_limit_gb", ".nan", /at most 1024/],
        ["ollama:\n  queue_timeout_s: -.inf\n", "ollama.queue_timeout_s", "-.inf", /seconds from 0\.1/],
        ["ollama:\n  num_ctx: 1e9\n", "ollama.num_ctx", "1000000000", /integer from 1 to 1048576/],
        ["ollama:\n  num_parallel: 1000\n", "ollama.num_parallel", "1000", /integer from 1 to 64/],
        ["ollama:\n  idle_unload_s: .inf\n", "ollama.idle_unload_s", ".inf", /at most|to 604800/],
        ["validation:\n  max_prompt_kb: .inf\n", "validation.max_prompt_kb", ".inf", /KiB greater than 0/],
        ["validation:\n  pass_threshold: .nan\n", "validation.pass_threshold", ".nan", /from 0 to 100/],
        ["validation:\n  max_repairs: 1e6\n", "validation.max_repairs", "1000000", /integer from 0 to 10/],
        ["gemini:\n  request_timeout_s: 0\n", "gemini.request_timeout_s", "0", /from 0\.1/],
        ["server:\n  max_concurrent_per_client: .inf\n", "server.max_concurrent_per_client", ".inf", /integer from 1/]
      ]
      for (const [text, path, value, range] of cases) {
        const error = yield* failure(text)
        expect(error._tag).toBe("ConfigError")
        expect(error.path).toBe(path)
        expect(error.value).toBe(value)
        expect(error.expected).toMatch(range)
        expect(error.message).toContain(`got ${value}`)
        expect(error.message).not.toContain("null")
      }
      // The ranges leave room for real settings, small test timeouts included.
      const fine = yield* load("ollama:\n  request_timeout_s: 0.2\n  vram_limit_gb: 80\n  num_ctx: 131072\nserver:\n  max_body_kb: 1024\n")
      expect(fine.ollama.request_timeout_s).toBe(0.2)
    })
  )

  it.effect("a YAML alias bomb is a ConfigError, not a crash", () =>
    Effect.gen(function* () {
      const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
      for (let i = 1; i < 9; i++) {
        const prev = String.fromCharCode(96 + i)
        const next = String.fromCharCode(97 + i)
        levels.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(", ")}]`)
      }
      const error = yield* failure(`${levels.join("\n")}\n`)
      expect(error._tag).toBe("ConfigError")
      expect(error.message).toContain("aliases")
      expect(error.source).toContain(".yaml")
    })
  )

  it.effect("LFAI_TOKEN is trimmed, and a blank one is no token", () =>
    Effect.gen(function* () {
      const padded = yield* loadConfig({ env: { LFAI_TOKEN: "  tok \n" }, implicitFile: false })
      expect(Redacted.value(padded.secrets.token!)).toBe("tok")
      const blank = yield* loadConfig({ env: { LFAI_TOKEN: "   " }, implicitFile: false })
      expect(blank.secrets.token).toBeUndefined()
    })
  )
})

describe("config: several Ollama hosts", () => {
  it.effect("ollama.hosts lists the servers, each with its own budget (ollama.vram_limit_gb unless it says)", () =>
    Effect.gen(function* () {
      const config = yield* load(`
ollama:
  vram_limit_gb: 16
  hosts:
    - url: http://GPU-A:11434/
      vram_limit_gb: 24
    - url: https://gpu-b.example.com
`)
      expect(config.ollama.hosts).toEqual([
        { url: "http://gpu-a:11434", vram_limit_gb: 24 },
        { url: "https://gpu-b.example.com", vram_limit_gb: 16 }
      ])
    })
  )

  it.effect("one host is a list of one: base_url (or OLLAMA_HOST) with vram_limit_gb", () =>
    Effect.gen(function* () {
      const fromFile = yield* load("ollama:\n  base_url: http://box:8080\n  vram_limit_gb: 8\n")
      expect(fromFile.ollama.hosts).toEqual([{ url: "http://box:8080", vram_limit_gb: 8 }])
      const fromEnv = yield* loadConfig({ env: { OLLAMA_HOST: "gpu-box" }, implicitFile: false })
      expect(fromEnv.ollama.hosts).toEqual([{ url: "http://gpu-box:11434", vram_limit_gb: 12 }])
    })
  )

  it.effect("hosts and base_url together are a ConfigError, wherever base_url comes from", () =>
    Effect.gen(function* () {
      const hosts = "ollama:\n  hosts:\n    - url: http://a:11434\n"
      const inFile = yield* failure(`${hosts}  base_url: http://b:11434\n`)
      expect(inFile.path).toBe("ollama.hosts")
      expect(inFile.message).toMatch(/either ollama\.hosts or ollama\.base_url, not both/)
      expect(inFile.source).toContain(".yaml")
      const env = yield* failure(hosts, { OLLAMA_HOST: "10.0.0.9" })
      expect(env.source).toBe("OLLAMA_HOST")
      expect(env.message).toContain("10.0.0.9")
      const flags = yield* Effect.flip(loadConfig({ path: file(hosts), env: {}, overrides: { ollama: { base_url: "http://c:1" } } }))
      expect(flags.source).toBe("command-line flags")
      expect(flags.path).toBe("ollama.hosts")
    })
  )

  it.effect("a bad URL, a duplicate host, an empty list, an unknown key and a stray persistent model name the entry", () =>
    Effect.gen(function* () {
      const bad = yield* failure("ollama:\n  hosts:\n    - url: http://a:11434\n    - url: gpu-b:11434\n")
      expect(bad.path).toBe("ollama.hosts.1.url")
      expect(bad.message).toMatch(/got "gpu-b:11434", expected an http\(s\) URL/)
      const duplicate = yield* failure("ollama:\n  hosts:\n    - url: http://a:11434\n    - url: http://b:11434\n    - url: HTTP://A:11434/\n")
      expect(duplicate.path).toBe("ollama.hosts.2.url")
      expect(duplicate.message).toMatch(/not listed already \(it is ollama\.hosts\.0\)/)
      const empty = yield* failure("ollama:\n  hosts: []\n")
      expect(empty.path).toBe("ollama.hosts")
      expect(empty.message).toContain("at least one host")
      const budget = yield* failure("ollama:\n  hosts:\n    - url: http://a:11434\n      vram_limit_gb: 0\n")
      expect(budget.path).toBe("ollama.hosts.0.vram_limit_gb")
      const typo = yield* failure("ollama:\n  hosts:\n    - url: http://a:11434\n      vram_gb: 8\n")
      expect(typo.path).toBe("ollama.hosts.0.vram_gb")
      expect(typo.message).toContain("url, vram_limit_gb, persistent_models")
      const stray = yield* failure("ollama:\n  persistent_models: [a:1]\n  hosts:\n    - url: http://a:11434\n      persistent_models: [a:1, b:2]\n")
      expect(stray.path).toBe("ollama.hosts.0.persistent_models.1")
      expect(stray.message).toMatch(/got "b:2", expected one of ollama\.persistent_models \(a:1\)/)
    })
  )
})
