import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { decodeScenario, loadScenario, parseScenario, ScenarioError } from "../src/index.ts"
import { decodeKeepAlive, FOREVER_MS, parseGoDuration } from "../src/internal/duration.ts"
import { FaultBook } from "../src/internal/faults.ts"
import { RequestLog } from "../src/internal/log.ts"
import { normalizeName } from "../src/internal/catalogue.ts"

describe("keep_alive as Ollama reads it", () => {
  it("parses Go durations", () => {
    expect(parseGoDuration("5m")).toBe(300e9)
    expect(parseGoDuration("1h30m")).toBe(5400e9)
    expect(parseGoDuration("300ms")).toBe(300e6)
    expect(parseGoDuration("1.5s")).toBe(1.5e9)
    expect(parseGoDuration("0")).toBe(0)
    expect(parseGoDuration("-1s")).toBe(-1e9)
  })

  it("words errors as Go's time package", () => {
    expect(() => parseGoDuration("300")).toThrow('time: missing unit in duration "300"')
    expect(() => parseGoDuration("5x")).toThrow('time: unknown unit "x" in duration "5x"')
    expect(() => parseGoDuration("abc")).toThrow('time: invalid duration "abc"')
    expect(() => parseGoDuration("")).toThrow('time: invalid duration ""')
  })

  it("takes numbers as seconds, strings as durations, negatives as forever", () => {
    expect(decodeKeepAlive(30)).toBe(30_000)
    expect(decodeKeepAlive(0)).toBe(0)
    expect(decodeKeepAlive("10m")).toBe(600_000)
    expect(decodeKeepAlive(-1)).toBe(FOREVER_MS)
    expect(decodeKeepAlive("-1m")).toBe(FOREVER_MS)
    expect(() => decodeKeepAlive(true)).toThrow("Unsupported type: 'bool'")
  })
})

describe("model names", () => {
  it("normalises like Ollama: no tag means latest; the registry and library prefix go", () => {
    expect(normalizeName("mistral")).toBe("mistral:latest")
    expect(normalizeName("registry.ollama.ai/library/mistral:7b")).toBe("mistral:7b")
    expect(normalizeName("team/model")).toBe("team/model:latest")
  })
})

describe("fault matching", () => {
  it("takes the first entry with uses left whose model and on match; ok is a pass-through that is spent too", () => {
    const book = new FaultBook(
      [
        { model: "mistral", on: "generate", kind: "http_500" },
        { model: "mistral", on: "generate", kind: "ok" },
        { on: "generate", kind: "http_503", times: 2 },
        { on: "pull", kind: "hang" }
      ],
      normalizeName
    )
    expect(book.take("generate", "mistral:latest")?.kind).toBe("http_500")
    expect(book.take("show", "mistral:latest")).toBeUndefined()
    expect(book.take("generate", "llama3:8b")?.kind).toBe("http_503")
    expect(book.take("generate", "mistral")?.kind).toBe("ok")
    expect(book.take("generate", "mistral")?.kind).toBe("http_503")
    expect(book.take("generate", "mistral")).toBeUndefined()
    expect(book.take("pull", "anything")?.kind).toBe("hang")
    expect(book.take("pull", "anything")).toBeUndefined()
  })

  it("never spends an entry with times -1, and an entry without `on` matches every operation", () => {
    const book = new FaultBook([{ kind: "garbage", times: -1 }])
    for (let i = 0; i < 5; i++) expect(book.take(i % 2 === 0 ? "generate" : "show", "x")?.kind).toBe("garbage")
    expect(book.pending()).toEqual([{ kind: "garbage", times: -1, left: -1 }])
  })
})

describe("request log", () => {
  it("keeps the newest `limit` entries, oldest first", () => {
    const log = new RequestLog(3)
    for (let i = 0; i < 7; i++) log.add({ at: String(i), method: "GET", path: `/${i}`, status: 200 })
    expect(log.list().map((e) => e.path)).toEqual(["/4", "/5", "/6"])
    log.clear()
    expect(log.list()).toEqual([])
    expect(() => new RequestLog(0)).toThrow()
  })
})

describe("scenario files", () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "lfai-testkit-"))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  const yaml = `
ollama:
  gpu_gb: 24
  models:
    "mistral:7b-instruct-q4_K_M":
      present: false
      replies:
        - "\`\`\`mermaid\\nerDiagram\\n A ||--o{ B : has\\n\`\`\`"
      latency_ms: 0
      tokens_per_second: 0
  max_loaded_models: 3
  faults:
    - { model: "mistral:7b-instruct-q4_K_M", on: generate, kind: http_500 }
    - { model: "mistral:7b-instruct-q4_K_M", on: generate, kind: ok }
gemini:
  api_key: "secret"
  replies: ["cloud answer"]
  faults: [{ on: generate, kind: http_429, retry_after_s: 1 }]
`

  it("reads the YAML form of the scenario contract", async () => {
    const file = join(dir, "scenario.yaml")
    await writeFile(file, yaml)
    const s = await loadScenario(file)
    expect(s.ollama?.gpu_gb).toBe(24)
    expect(s.ollama?.models?.["mistral:7b-instruct-q4_K_M"]).toMatchObject({ present: false, latency_ms: 0, tokens_per_second: 0 })
    expect(s.ollama?.models?.["mistral:7b-instruct-q4_K_M"]?.replies?.[0]).toContain("erDiagram")
    expect(s.ollama?.faults?.map((f) => f.kind)).toEqual(["http_500", "ok"])
    expect(s.gemini).toMatchObject({ api_key: "secret", replies: ["cloud answer"] })
    expect(s.gemini?.faults?.[0]).toMatchObject({ on: "generate", kind: "http_429", retry_after_s: 1 })
  })

  it("reads JSON too", async () => {
    const file = join(dir, "scenario.json")
    await writeFile(file, JSON.stringify({ ollama: { gpu_gb: 12, models: { llama3: { replies: ["a", "b"] } } } }))
    const s = await loadScenario(file)
    expect(s.ollama?.models?.llama3?.replies).toEqual(["a", "b"])
  })

  it("names the key path, the value and what was expected", () => {
    const err = (doc: unknown) => {
      try {
        decodeScenario(doc)
      } catch (e) {
        expect(e).toBeInstanceOf(ScenarioError)
        return (e as Error).message
      }
      throw new Error("no error")
    }
    expect(err({ ollama: { gpu_gb: "big" } })).toBe('ollama.gpu_gb: expected a number ≥ 0, got "big"')
    expect(err({ ollama: { models: { "m:1": { latency: 5 } } } })).toMatch(/^ollama\.models\["m:1"\]\.latency: unknown key/)
    expect(err({ ollama: { faults: [{ kind: "explode" }] } })).toMatch(/^ollama\.faults\[0\]\.kind: expected one of ok, http_500/)
    expect(err({ ollama: { faults: [{ on: "generate" }] } })).toMatch(/^ollama\.faults\[0\]\.kind: required/)
    expect(err({ gemini: { replies: [] } })).toMatch(/^gemini\.replies: expected a non-empty list/)
    expect(err({ gemini: { replies: [{ match: "(unclosed", reply: "x" }] } })).toMatch(/^gemini\.replies\[0\]\.match: not a valid regular expression/)
    expect(err({ ollama: { models: { "m:1": { replies: ["a", { reply: "x" }] } } } })).toBe('ollama.models["m:1"].replies[1].match: required (a regular expression)')
    expect(err({ ollama: { models: { "m:1": { replies: [{ match: "a", reply: "x", times: 2 }] } } } })).toMatch(/^ollama\.models\["m:1"\]\.replies\[0\]\.times: unknown key/)
    expect(err({ ollama: { models: { "m:1": { replies: [7] } } } })).toBe('ollama.models["m:1"].replies[0]: expected a string or { match, reply }, got number 7')
    expect(err({ ollama: { max_loaded_models: 0 } })).toMatch(/^ollama\.max_loaded_models: expected an integer ≥ 1/)
    expect(err({ olama: {} })).toMatch(/^olama: unknown key/)
    expect(() => parseScenario("ollama: [unclosed")).toThrow(ScenarioError)
  })
})
