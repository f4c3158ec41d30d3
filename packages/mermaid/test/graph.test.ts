import { describe, expect, it } from "vitest"
import { components, reachable } from "../src/index.ts"

const sorted = (set: Set<string>) => [...set].sort()

describe("reachable", () => {
  it("walks the arcs from every start, through cycles, and nowhere else", () => {
    const arcs = [
      { from: "a", to: "b" },
      { from: "b", to: "c" },
      { from: "c", to: "a" },
      { from: "a", to: "d" },
      { from: "x", to: "y" },
      { from: "e", to: "a" }
    ]
    expect(sorted(reachable(["a"], arcs))).toEqual(["a", "b", "c", "d"])
    expect(sorted(reachable(["x", "e"], arcs))).toEqual(["a", "b", "c", "d", "e", "x", "y"])
    expect(sorted(reachable(["lonely"], arcs))).toEqual(["lonely"])
    expect(sorted(reachable([], arcs))).toEqual([])
  })

  it("adds what entering a node brings with it, and walks on from there", () => {
    const arcs = [
      { from: "start", to: "box" },
      { from: "inner", to: "after" }
    ]
    const enter = (node: string) => (node === "box" ? ["inner", "start"] : [])
    expect(sorted(reachable(["start"], arcs, enter))).toEqual(["after", "box", "inner", "start"])
    expect(sorted(reachable(["start"], arcs))).toEqual(["box", "start"])
  })
})

describe("components", () => {
  it("groups nodes joined by arcs in either direction; a node with no arc is a group of its own", () => {
    const parts = components(["a", "b", "c", "d", "e"], [
      { from: "a", to: "b" },
      { from: "c", to: "b" },
      { from: "d", to: "d" }
    ])
    expect(parts.map(sorted).sort()).toEqual([["a", "b", "c"], ["d"], ["e"]])
  })

  it("takes the ends of arcs as nodes too, and merges long chains built in any order", () => {
    const chain = Array.from({ length: 30 }, (_, i) => ({ from: `n${(i * 7) % 30}`, to: `n${((i * 7) % 30) + 1}` }))
    const parts = components([], [...chain, { from: "p", to: "q" }])
    expect(parts.map((part) => part.size).sort((x, y) => x - y)).toEqual([2, 31])
    expect(sorted(parts.find((part) => part.has("p"))!)).toEqual(["p", "q"])
  })

  it("keeps what an earlier arc joined when a node starts another arc", () => {
    // a → b joins a to b; a → c must add c to that part, not take a out of it
    expect(components([], [{ from: "a", to: "b" }, { from: "a", to: "c" }]).map(sorted)).toEqual([["a", "b", "c"]])
    expect(components(["b"], [{ from: "a", to: "b" }, { from: "c", to: "b" }, { from: "a", to: "d" }]).map(sorted)).toEqual([["a", "b", "c", "d"]])
  })
})
