import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { lfai } from "./run.ts"

describe("lfai: help, usage errors and config errors", () => {
  it("--help lists every command and exits 0", async () => {
    const run = await lfai(["--help"])
    expect(run.code).toBe(0)
    for (const command of ["generate", "validate", "plugins", "models", "vram"]) expect(run.stdout).toContain(command)
  })

  it("every command has --help with a description", async () => {
    const leaves = [["generate"], ["validate"], ["plugins"], ["models", "status"], ["models", "pull"], ["models", "warm"], ["vram"], ["datasets", "build"], ["datasets", "modelfile"], ["serve"]]
    for (const command of leaves) {
      const run = await lfai([...command, "--help"])
      expect(run.code, command.join(" ")).toBe(0)
      expect(run.stdout).toContain("DESCRIPTION")
      expect(run.stdout, `${command.join(" ")} has examples`).toContain("EXAMPLES")
    }
    expect((await lfai(["generate", "--help"])).stdout).toContain("lfai generate erd --prompt")
  })

  it("a usage error exits 2, says what is wrong on stderr, and prints nothing on stdout", async () => {
    for (const args of [["generate"], ["nope"], ["generate", "erd", "--bogus"], ["validate", "erd"], ["generate", "code", "--language", "cobol"], ["validate", "apidocs", "-", "--format", "pdf"]]) {
      const run = await lfai([...args, "--json"])
      expect(run.code, args.join(" ")).toBe(2)
      expect(run.stdout, args.join(" ")).toBe("")
      expect(run.stderr).toMatch(/Missing|Unknown|Unrecognized|Invalid|Expected/i)
    }
  })

  it("an invalid config exits 2 and names the key, the value and what was expected", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lfai-cli-"))
    const config = join(dir, "lfai.config.yaml")
    writeFileSync(config, "ollama:\n  vram_limit_gb: lots\n")
    const run = await lfai(["plugins", "--config", config])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('invalid config at ollama.vram_limit_gb')
    expect(run.stderr).toContain('got "lots", expected number')
    // every command takes --config, and reports a broken one the same way
    for (const command of [["vram"], ["models", "status"], ["datasets", "build", "--count", "1"], ["serve", "--port", "0"]]) {
      const broken = await lfai([...command, "--config", config])
      expect(broken.code, command.join(" ")).toBe(2)
      expect(broken.stderr).toContain("invalid config at ollama.vram_limit_gb")
    }
    const viaEnv = await lfai(["plugins", "--json"], { env: { LFAI_CONFIG: config } })
    expect(viaEnv.code).toBe(2)
    expect(JSON.parse(viaEnv.stdout).error.code).toBe("ConfigError")
  })

  it("an empty prompt on stdin exits 2", async () => {
    const run = await lfai(["generate", "erd"], { input: "  \n" })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("prompt")
    expect(run.stderr).toContain("empty")
  })
})
