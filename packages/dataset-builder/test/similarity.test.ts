import { describe, expect, it } from "vitest"
import { clusters, collapseWhitespace, shingles, similarPairs, structureOf } from "../src/index.ts"
import { rng } from "./fixtures.ts"

const bruteForce = (sets: ReadonlyArray<ReadonlyArray<string>>, threshold: number) => {
  const pairs: Array<[number, number]> = []
  for (let a = 0; a < sets.length; a++) {
    for (let b = a + 1; b < sets.length; b++) {
      const setA = new Set(sets[a])
      const setB = new Set(sets[b])
      const common = [...setA].filter((token) => setB.has(token)).length
      const union = setA.size + setB.size - common
      if (union > 0 && common / union >= threshold) pairs.push([a, b])
    }
  }
  return pairs
}

describe("similarPairs (exact prefix-filtered Jaccard join)", () => {
  it("finds exactly the pairs brute force finds, at several thresholds", () => {
    const r = rng(99)
    // Sets drawn from a small vocabulary, plus mutated copies, so every similarity level occurs.
    const sets: string[][] = []
    for (let i = 0; i < 160; i++) {
      if (i > 0 && r.next() < 0.5) {
        const base = [...sets[r.int(0, sets.length - 1)]]
        const edits = r.int(0, 4)
        for (let e = 0; e < edits; e++) {
          if (r.next() < 0.5 && base.length > 1) base.splice(r.int(0, base.length - 1), 1)
          else base.push(`t${r.int(0, 60)}`)
        }
        sets.push(base)
      } else {
        sets.push(Array.from({ length: r.int(1, 30) }, () => `t${r.int(0, 60)}`))
      }
    }
    for (const threshold of [0.5, 0.8, 0.9, 1]) {
      const found = similarPairs(sets, threshold).map((pair) => [pair.a, pair.b])
      expect(found).toEqual(bruteForce(sets, threshold))
    }
    expect(similarPairs(sets, 0.9).length).toBeGreaterThan(10)
  })

  it("includes Jaccard exactly at the threshold and excludes just below it", () => {
    const base = Array.from({ length: 9 }, (_, i) => `s${i}`)
    const pairs = similarPairs([[...base, "x"], [...base, "y"], [...base]], 0.9)
    // {base+x} vs {base}: 9/10 = 0.9 (in); {base+y} vs {base}: 0.9 (in); {base+x} vs {base+y}: 9/11 (out).
    expect(pairs.map((pair) => [pair.a, pair.b, pair.jaccard])).toEqual([
      [0, 2, 0.9],
      [1, 2, 0.9]
    ])
  })

  it("ignores empty sets and refuses a threshold outside (0, 1]", () => {
    expect(similarPairs([[], [], ["a"]], 0.9)).toEqual([])
    expect(() => similarPairs([["a"]], 0)).toThrow(RangeError)
  })

  it("clusters join pairs transitively", () => {
    expect(clusters(6, [{ a: 0, b: 3 }, { a: 3, b: 5 }, { a: 1, b: 2 }])).toEqual([[0, 3, 5], [1, 2], [4]])
  })
})

describe("text measures", () => {
  it("collapses whitespace for exact duplicates", () => {
    expect(collapseWhitespace("  erDiagram\n\n   A ||--o{ B : has \t\n")).toBe("erDiagram A ||--o{ B : has")
  })

  it("shingles are distinct 5-word windows, lower-cased; a short text is one shingle", () => {
    expect(shingles("a b c d e f", 5)).toEqual(["a b c d e", "b c d e f"])
    expect(shingles("A b A b A b A", 5)).toEqual(["a b a b a", "b a b a b"])
    expect(shingles("one two", 5)).toEqual(["one two"])
    expect(shingles("  ", 5)).toEqual([])
  })

  it("masks identifiers, numbers and strings: a template with names swapped has one structure", () => {
    const one = 'erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  CUSTOMER {\n    string name "full name"\n    int age\n  }'
    const two = 'erDiagram\n  SUPPLIER ||--o{ PART : "ships to"\n  SUPPLIER {\n    uuid id PK\n    decimal price_2\n  }'
    // Letters inside operators are masked too (`o{` → `w{`): the same in every output, so harmless.
    expect(structureOf(one)).toBe("w\nw ||--w{ w : w\nw {\nw\nw\n}")
    expect(structureOf(two)).toBe(structureOf(one))
    // A different shape (another relationship, another cardinality) is another structure.
    expect(structureOf(one + "\n  ORDER }|..|{ ITEM : contains")).not.toBe(structureOf(one))
    expect(structureOf("x -> y: 42\n\n\n")).toBe("w -> w: w")
  })
})
