import { describe, expect, it } from "vitest"
import {
  balancedDomains,
  candidateBlocks,
  createRng,
  fencedBlocks,
  fuzzInputs,
  mixedNamingStyles,
  numberFor,
  scoreSheet,
  uniqueExamples,
  withArticle
} from "../src/index.ts"

describe("rng", () => {
  it("is deterministic for a seed and label, and differs across them", () => {
    const draw = (seed: number, label = "") => Array.from({ length: 5 }, createRng(seed, label).next)
    expect(draw(42)).toEqual(draw(42))
    expect(draw(42)).not.toEqual(draw(43))
    expect(draw(42, "a")).not.toEqual(draw(42, "b"))
    const rng = createRng(7)
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(3, 5)
      expect(n >= 3 && n <= 5).toBe(true)
    }
    expect(createRng(1).fork("x").next()).toBe(createRng(1).fork("x").next())
  })
})

describe("extraction", () => {
  it("finds fenced blocks of both kinds, with info strings, unterminated ones, CRLF", () => {
    const blocks = fencedBlocks("a\r\n```json\r\n{}\r\n```\r\n~~~~\r\nx\r\n~~~\r\n~~~~\r\n```ts\r\nlet x")
    expect(blocks.map((b) => [b.info, b.body, b.unterminated])).toEqual([["json", "{}", false], ["", "x\n~~~", false], ["ts", "let x", true]])
    expect(candidateBlocks("plain text")).toEqual([{ info: "", body: "plain text", fenced: false, unterminated: false, startLine: 1 }])
  })
})

describe("dataset helpers", () => {
  it("balances domains", () => {
    const plan = balancedDomains(createRng(1), ["a", "b", "c"], 10)
    const counts = ["a", "b", "c"].map((d) => plan.filter((p) => p === d).length)
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1)
  })

  it("makes unique examples deterministically, domains balanced", () => {
    const make = (seed: number) => [
      ...uniqueExamples({
        seed,
        count: 40,
        domains: ["x", "y", "z", "w"],
        label: "t",
        make: (rng, domain) => ({ instruction: "i", output: `${domain} ${rng.int(0, 30)}`, domain, meta: {} })
      })
    ]
    expect(make(1)).toEqual(make(1))
    const examples = make(1)
    expect(examples).toHaveLength(40)
    for (const domain of ["x", "y", "z", "w"]) expect(examples.filter((e) => e.domain === domain)).toHaveLength(10)
    // 31 possible outputs per domain and 25 redraws: duplicates are drawn again until they differ
    expect(new Set(examples.map((e) => e.output)).size).toBeGreaterThanOrEqual(38)
  })
})

describe("values and words", () => {
  it("draws numbers in their natural range: a release year, a credit score (not any score), a rating", () => {
    const rng = createRng(5)
    const draws = (name: string, type: "int" | "decimal" = "int") => Array.from({ length: 200 }, () => numberFor(rng, { name, type })!)
    expect(Math.min(...draws("release_year"))).toBeGreaterThanOrEqual(1990)
    expect(Math.min(...draws("credit_score"))).toBeGreaterThanOrEqual(520)
    expect(Math.max(...draws("rating"))).toBeLessThanOrEqual(5)
    expect(numberFor(rng, { name: "title", type: "string" })).toBeUndefined()
  })

  it("puts the article a word is said with, none before what is not counted", () => {
    expect(["order", "user", "hour", "gate staff", "baggage"].map(withArticle)).toEqual(["an order", "a user", "an hour", "gate staff", "baggage"])
  })
})

describe("scoring", () => {
  it("caps repeated findings and keeps score in range", () => {
    const sheet = scoreSheet()
    sheet.each("warning", "w", Array.from({ length: 10 }, (_, i) => ({ message: `m${i}`, line: i + 1 })), 4, 10)
    sheet.error("e", "broken", 200)
    expect(sheet.result().score).toBe(0)
    expect(sheet.issues().length).toBe(11)
    const ok = scoreSheet()
    ok.each("warning", "w", [{ message: "a" }, { message: "b" }, { message: "c" }], 4, 10)
    expect(ok.result().score).toBe(90)
    expect(mixedNamingStyles(["order_line", "orderLine", "id"])).toEqual(["camel", "snake"])
  })

  it("fuzz inputs are deterministic", () => {
    expect(fuzzInputs(3, 50, ["flowchart TD\n A --> B"])).toEqual(fuzzInputs(3, 50, ["flowchart TD\n A --> B"]))
  })
})
