import { describe, expect, it } from "vitest"
import { blockLine, lineOf, linesMentioning } from "../src/index.ts"
import { headerLine, mapLine, nestingDepth, splitLines } from "../src/internal/lines.ts"

describe("lines", () => {
  it("splits on every line ending", () => {
    expect(splitLines("a\r\nb\rc\nd")).toEqual(["a", "b", "c", "d"])
  })

  it("finds the header past blank lines, comments and front matter; none in a text of only those", () => {
    expect(headerLine("erDiagram\n  A ||--o{ B : has")).toBe(1)
    expect(headerLine("\n  \n%% note\nflowchart TD")).toBe(4)
    expect(headerLine("\n---\ntitle: x\n---\n%% c\nsequenceDiagram")).toBe(6)
    // front matter never closed is content
    expect(headerLine("---\ntitle: x\nflowchart TD")).toBe(1)
    // front matter counts only before any content
    expect(headerLine("flowchart TD\n---\nA --> B\n---")).toBe(1)
    expect(headerLine("\n%% only a comment\n")).toBeUndefined()
    // front matter after blank lines, its fences indented or followed by spaces
    expect(headerLine("   \n---\ntitle: x\n---\nerDiagram")).toBe(5)
    expect(headerLine("  ---  \ntitle: x\n  ---  \nerDiagram")).toBe(4)
    // a fence later in the text is no front matter
    expect(headerLine("erDiagram\n---\nA ||--o{ B : has")).toBe(1)
  })

  it("maps a line of the parsed text to the caller's by rank among content lines", () => {
    const original = "---\ntitle: x\n---\n%% lead\n\nflowchart TD\n  A --> B\n\n  %% mid\n  B --> C\n"
    const parsed = "flowchart TD\n  A --> B\n\n  B --> C\n"
    expect(mapLine(original, parsed, 1)).toBe(6)
    expect(mapLine(original, parsed, 2)).toBe(7)
    // a blank line of the parsed text belongs to the content line before it
    expect(mapLine(original, parsed, 3)).toBe(7)
    expect(mapLine(original, parsed, 4)).toBe(10)
    // past the end: the last content line
    expect(mapLine(original, parsed, 9)).toBe(10)
    // before the first content line: the first
    expect(mapLine("\n\nflowchart TD", "\n\nflowchart TD", 1)).toBe(3)
    expect(mapLine("%% nothing", "", 1)).toBeUndefined()
  })

  it("finds the lines mentioning every given word as a whole word, from a line on, comments left out", () => {
    const text = ["erDiagram", "  ORDER ||--o{ LINE_ITEM : has", "  %% ORDER LINE_ITEM in a comment", "  ORDER-ARCHIVE {", "  ORDERS {", "  LINE_ITEM }o--|| ORDER : in", "  a.b ORDER"].join("\n")
    expect(linesMentioning(text, ["ORDER", "LINE_ITEM"])).toEqual([2, 6])
    expect(linesMentioning(text, ["ORDER", "LINE_ITEM"], 3)).toEqual([6])
    expect(linesMentioning(text, ["ORDER"])).toEqual([2, 6, 7])
    expect(linesMentioning(text, ["a.b"])).toEqual([7])
    expect(linesMentioning(text, ["a+b"])).toEqual([])
    expect(linesMentioning(text, [])).toEqual([])
    expect(linesMentioning(text, ["ORDER", ""])).toEqual([])
    expect(linesMentioning(text, ["ORDER"], 0)).toEqual([2, 6, 7])
    expect(lineOf(text, "LINE_ITEM")).toBe(2)
    expect(lineOf(text, "LINE_ITEM", 3)).toBe(6)
    expect(lineOf(text, "INVOICE")).toBeUndefined()
  })

  it("finds the line where a name opens a block, with a class or state keyword, an alias or a generic", () => {
    const text = ["classDiagram", "  Order --> Item", "  class Order {", "  Item~T~ {", '  CUSTOMER["Customer"] {', "  state Busy {", "  a.b {", "  Orders {"].join("\n")
    expect(blockLine(text, "Order")).toBe(3)
    expect(blockLine(text, "Item")).toBe(4)
    expect(blockLine(text, "CUSTOMER")).toBe(5)
    expect(blockLine(text, "Busy")).toBe(6)
    expect(blockLine(text, "a.b")).toBe(7)
    expect(blockLine(text, "a*b")).toBeUndefined()
    expect(blockLine(text, "Missing")).toBeUndefined()
  })

  it("measures how deep blocks nest: keywords closed by end, lines ending in { closed by }", () => {
    expect(nestingDepth("flowchart TD\n  A --> B")).toBe(0)
    expect(nestingDepth("flowchart TD\nsubgraph a\n  subgraph b\n  end\nend\nsubgraph c\nend")).toBe(2)
    expect(nestingDepth("sequenceDiagram\nloop x\nalt y\nopt z\nend\nend\nend")).toBe(3)
    expect(nestingDepth("stateDiagram-v2\nstate A {\n  state B {\n  }\n}\nstate C {\n}")).toBe(2)
    // blank lines and comments are neither openers nor closers; an unmatched closer is ignored
    expect(nestingDepth("flowchart TD\nend\n}\nsubgraph a\n\n  %% subgraph in a comment {\nend\nsubgraph b\nend")).toBe(1)
    // a line that only mentions a keyword later, or ends a word with "end", closes nothing
    expect(nestingDepth("flowchart TD\nsubgraph a\n  A --> end_node\n  subgraph b\n  send\nend\nend")).toBe(2)
    // a line ending in } (a decision node) closes nothing; only a line starting with } does
    expect(nestingDepth("flowchart TD\nsubgraph a\n  A{ok?}\n  subgraph b\n  end\nend")).toBe(2)
    // a comment ending in { opens nothing
    expect(nestingDepth("flowchart TD\n%% subgraph a {\nA --> B")).toBe(0)
    // indentation does not matter
    expect(nestingDepth("flowchart TD\n    subgraph a\n        subgraph b\n        end\n    end")).toBe(2)
  })
})
