import { describe, expect, it } from "vitest"
import { DEFAULT_MAX_CHARS, DEFAULT_MAX_DEPTH, DEFAULT_MAX_LINES, detectDiagram, mermaidInfo, parse, parseSync, type ParseResult } from "../src/index.ts"
import { loadEngine } from "../src/internal/engine.ts"

const engine = await loadEngine()

const ok = (result: ParseResult) => {
  if (!result.ok) throw new Error(`expected a parse, got ${result.reason}: ${result.error.message}`)
  return result
}

describe("loading", () => {
  it("runs mermaid 12 and preloads the five families", () => {
    expect(mermaidInfo.version).toMatch(/^12\./)
    expect(mermaidInfo.types).toEqual(expect.arrayContaining(["er", "flowchart-v2", "sequence", "classDiagram", "stateDiagram"]))
    expect(mermaidInfo.loadMs).toBeGreaterThan(0)
  })

  it("leaves no browser globals behind", () => {
    parseSync("sequenceDiagram\n  box Aqua Front\n  participant A\n  end\n  A->>B: hi\n")
    expect(typeof (globalThis as { window?: unknown }).window).toBe("undefined")
    expect(typeof (globalThis as { document?: unknown }).document).toBe("undefined")
  })
})

describe("structure from mermaid's databases", () => {
  it("reads ER entities, attributes with keys and comments, relationships with cardinalities", () => {
    const { diagram } = ok(parseSync('erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  CUSTOMER {\n    int id PK\n    string email UK "login"\n  }\n  ORDER }|..|{ PRODUCT : lists\n  ORDER { int id PK\n int customer_id FK }\n'))
    if (diagram.family !== "er") throw new Error("not er")
    expect(diagram.entities.map((e) => e.name)).toEqual(["CUSTOMER", "ORDER", "PRODUCT"])
    expect(diagram.entities[0].attributes).toEqual([
      { type: "int", name: "id", keys: ["PK"], comment: "" },
      { type: "string", name: "email", keys: ["UK"], comment: "login" }
    ])
    expect(diagram.relationships).toEqual([
      { from: "CUSTOMER", to: "ORDER", label: "places", fromCardinality: "ONLY_ONE", toCardinality: "ZERO_OR_MORE", identifying: true },
      { from: "ORDER", to: "PRODUCT", label: "lists", fromCardinality: "ONE_OR_MORE", toCardinality: "ONE_OR_MORE", identifying: false }
    ])
  })

  it("reads flowchart nodes with shapes, labelled edges and nested subgraphs", () => {
    const { diagram } = ok(parseSync("flowchart LR\n  A([Start]) -->|go| B{Ok?}\n  B -- no --> C[(Store)]\n  subgraph outer [Outer]\n    subgraph inner [Inner]\n      D\n    end\n    E --> D\n  end\n  B --> outer\n  F@{ shape: dbl-circ, label: \"Stop\" }\n"))
    if (diagram.family !== "flowchart") throw new Error("not flowchart")
    expect(diagram.direction).toBe("LR")
    expect(diagram.nodes.map((n) => [n.id, n.shape, n.label, n.subgraph ?? ""])).toEqual([
      ["A", "stadium", "Start", ""],
      ["B", "diamond", "Ok?", ""],
      ["C", "cylinder", "Store", ""],
      ["D", "default", "D", "inner"],
      ["E", "default", "E", "outer"],
      ["F", "dbl-circ", "Stop", ""]
    ])
    expect(diagram.edges.map((e) => `${e.from}>${e.to}:${e.label}`)).toEqual(["A>B:go", "B>C:no", "E>D:", "B>outer:"])
    expect(diagram.subgraphs.map((s) => ({ ...s, members: [...s.members].sort() }))).toEqual([
      { id: "outer", title: "Outer", members: ["E", "inner"] },
      { id: "inner", title: "Inner", members: ["D"], parent: "outer" }
    ])
  })

  it("reads sequence participants, messages, notes, nested blocks and activations", () => {
    const { diagram } = ok(parseSync("sequenceDiagram\n  autonumber\n  actor U as User\n  participant API\n  U->>+API: request\n  alt ok\n    loop retry\n      API-)DB: query\n    end\n  else failed\n    API--xU: error\n  end\n  Note over U,API: done\n  API-->>-U: response\n"))
    if (diagram.family !== "sequence") throw new Error("not sequence")
    expect(diagram.participants.map((p) => [p.id, p.label, p.kind])).toEqual([["U", "User", "actor"], ["API", "API", "participant"], ["DB", "DB", "participant"]])
    expect(diagram.messages.map((m) => [m.from, m.to, m.text, m.arrow, m.blocks])).toEqual([
      ["U", "API", "request", "SOLID", []],
      ["API", "DB", "query", "SOLID_POINT", [0, 1]],
      ["API", "U", "error", "DOTTED_CROSS", [0]],
      ["API", "U", "response", "DOTTED", []]
    ])
    expect(diagram.blocks.map((b) => [b.kind, b.label, b.parent, b.branches, b.messages])).toEqual([["alt", "ok", undefined, 2, 2], ["loop", "retry", 0, 1, 1]])
    expect(diagram.notes).toEqual([{ actors: ["U", "API"], text: "done", placement: "over" }])
    expect(diagram.openActivations).toEqual([])
    expect(diagram.autonumber).toBe(true)
  })

  it("reads classes, typed members, relation kinds and cardinalities", () => {
    const { diagram } = ok(parseSync('classDiagram\n  class Shape {\n    <<interface>>\n    +area() double\n  }\n  class Circle {\n    -double radius\n    +area() double\n  }\n  Shape <|.. Circle\n  Drawing "1" *-- "*" Shape : contains\n  Drawing --> Canvas\n  Canvas ..> Pixel\n'))
    if (diagram.family !== "class") throw new Error("not class")
    const circle = diagram.classes.find((c) => c.id === "Circle")
    expect(circle?.attributes).toEqual([{ name: "radius", type: "double", visibility: "-", classifier: "" }])
    expect(circle?.methods).toEqual([{ name: "area", type: "double", visibility: "+", classifier: "", parameters: "" }])
    expect(diagram.classes.find((c) => c.id === "Shape")?.annotations).toEqual(["interface"])
    expect(diagram.relations.map((r) => [r.from, r.to, r.kind, r.fromCardinality, r.toCardinality, r.label])).toEqual([
      ["Shape", "Circle", "realization", "", "", ""],
      ["Drawing", "Shape", "composition", "1", "*", "contains"],
      ["Drawing", "Canvas", "association", "", "", ""],
      ["Canvas", "Pixel", "dependency", "", "", ""]
    ])
  })

  it("reads states, composites, concurrent regions, choices and scoped [*] transitions", () => {
    const { diagram } = ok(parseSync("stateDiagram-v2\n  [*] --> Idle\n  Idle --> Busy : start\n  state Busy {\n    [*] --> Working\n    Working --> [*]\n    --\n    [*] --> Logging\n  }\n  state check <<choice>>\n  Busy --> check\n  check --> Idle : retry\n  check --> [*]\n  Idle : waiting\n"))
    if (diagram.family !== "state") throw new Error("not state")
    expect(diagram.states.map((s) => [s.id, s.kind, s.parent ?? "", s.label])).toEqual([
      ["Idle", "state", "", "waiting"],
      ["Busy", "composite", "", "Busy"],
      ["Working", "state", "Busy", "Working"],
      ["Logging", "state", "Busy", "Logging"],
      ["check", "choice", "", "check"]
    ])
    expect(diagram.transitions).toEqual([
      { from: "[*]", to: "Idle", label: "" },
      { from: "Idle", to: "Busy", label: "start" },
      { from: "[*]", to: "Working", label: "", scope: "Busy" },
      { from: "Working", to: "[*]", label: "", scope: "Busy" },
      { from: "[*]", to: "Logging", label: "", scope: "Busy" },
      { from: "Busy", to: "check", label: "" },
      { from: "check", to: "Idle", label: "retry" },
      { from: "check", to: "[*]", label: "" }
    ])
  })
})

describe("errors", () => {
  it.each([
    ["flowchart TD\n  A --> B\n  B --> C[unclosed\n  C --> D\n", 4],
    ["%% leading comment\n\nflowchart TD\n  A --> B\n  %% a comment\n\n  B -x- [C\n", 7],
    ["---\ntitle: Shop\n---\nerDiagram\n  A ||--o{ B : has\n  A {\n    int id PK\n    string\n  }\n", 9],
    ["sequenceDiagram\n  A->>B: hi\n  loop forever\n  A->>B: again\n", 4],
    ["classDiagram\n  class A {\n    +int x\n  A <|-- B\n", 4],
    ["stateDiagram-v2\n  [*] --> A\n  A --> \n", 3]
  ])("reports a syntax error at the line of the caller's text (%#)", (text, line) => {
    const result = parseSync(text)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.reason).toBe("syntax")
    expect(result.error.line).toBe(line)
  })

  it.each([
    ["deactivating a participant that is not active", "sequenceDiagram\n  participant A\n  participant B\n  A->>B: hi\n  deactivate B\n  A->>B: again\n", "Trying to inactivate an inactive participant (B)", 5],
    ["a created participant without its creating message", "sequenceDiagram\n  participant A\n  %% B comes later\n  create participant C\n  A->>B: hi\n", "does not have an associated creating message", 5],
    ["a flowchart shape that does not exist", "---\ntitle: Flow\n---\nflowchart TD\n  A --> B\n  C@{ shape: nosuch }\n", "No such shape: nosuch.", 6]
  ])("reports mermaid's own message and the statement's line for an error its database raises: %s", (_, text, message, line) => {
    const result = parseSync(text)
    if (result.ok) throw new Error("expected a failure")
    expect(result.reason).toBe("syntax")
    expect(result.error.message).toContain(message)
    expect(result.error.message).not.toMatch(/unexpected|->>-/)
    expect(result.error.line).toBe(line)
  })

  it("never shows mermaid's internal entity encoding", () => {
    const failed = parseSync("flowchart TD\n  A --> B #amp; C\n")
    if (failed.ok) throw new Error("expected a failure")
    expect(failed.error.message).toBe('unexpected "#amp;" (expected SEMI, NEWLINE, EOF, AMP, START_LINK, LINK, LINK_ID)')
    const parsed = ok(parseSync('flowchart TD\n  A["say #quot;hi#quot;"] -->|#59;| B{#35;1?}\n'))
    if (parsed.diagram.family !== "flowchart") throw new Error("not flowchart")
    expect(parsed.diagram.nodes.map((n) => n.label)).toEqual(["say #quot;hi#quot;", "#35;1?"])
    expect(parsed.diagram.edges[0].label).toBe("#59;")
    expect(JSON.stringify(parsed)).not.toMatch(/[\uFB02\u00B6\u00DF]/)
  })

  it("says a line break, not a raw newline, when a line ends too early", () => {
    const result = parseSync("erDiagram\n  A ||--o{ B : has\n  B }|..|{\n")
    expect(result.ok ? undefined : result.error.message).toMatch(/^unexpected end of line \(expected /)
  })

  it("keeps lines right when a %% comment precedes front matter (mermaid.parse then reads the front matter as text)", () => {
    const result = parseSync("%% generated\n---\ntitle: Shop\n---\nerDiagram\n  A ||--o{ B : has\n")
    expect(result).toMatchObject({ ok: false, reason: "syntax", type: "er", error: { line: 2 } })
  })

  it("reports broken front matter YAML at its line, as mermaid.parse rejects it", () => {
    const result = parseSync("---\ntitle: [Shop\n---\nflowchart TD\n  A --> B\n")
    expect(result).toMatchObject({ ok: false, reason: "syntax", error: { line: 3 } })
    expect(result.ok ? "" : result.error.message).toMatch(/^the front matter is not valid YAML: /)
  })

  it("gives the column when the error is on the line mermaid saw", () => {
    const result = parseSync("flowchart LR\n  A --> B\n  C -x- [D\n")
    expect(result.ok ? undefined : [result.error.line, result.error.column]).toEqual([3, 5])
  })

  it("tells unknown, unsupported, empty and oversized input apart", () => {
    expect(parseSync("Here is a diagram of the system.")).toMatchObject({ ok: false, reason: "unknown-type", error: { line: 1 } })
    expect(parseSync('pie title Pets\n  "Dogs" : 3\n')).toMatchObject({ ok: false, reason: "unsupported-type", type: "pie" })
    expect(parseSync("  \n%% only a comment\n")).toMatchObject({ ok: false, reason: "empty" })
    expect(parseSync(`flowchart TD\n${"  A --> B\n".repeat(DEFAULT_MAX_CHARS / 10)}`)).toMatchObject({ ok: false, reason: "too-large" })
    expect(parseSync("flowchart TD\n  A --> B\n", { maxChars: 10 })).toMatchObject({ ok: false, reason: "too-large" })
  })

  it("refuses absurd nesting and line counts before mermaid parses them (mermaid takes seconds on them)", () => {
    const nested = (depth: number) => ["flowchart TD", ...Array.from({ length: depth }, (_, i) => `subgraph S${i}`), "A --> B", ...Array(depth).fill("end")].join("\n")
    // 3,000 nested subgraphs in 45 KB: 46 s inside mermaid's parser before this guard.
    const bombText = ["flowchart TD", ...Array(3000).fill("subgraph X"), "A --> B", ...Array(3000).fill("end")].join("\n")
    expect(bombText.length).toBeLessThan(DEFAULT_MAX_CHARS)
    const bomb = parseSync(bombText)
    expect(bomb).toMatchObject({ ok: false, reason: "too-deep" })
    expect(bomb.ok ? "" : bomb.error.message).toBe(`blocks are nested 3000 deep; the limit is ${DEFAULT_MAX_DEPTH}`)
    expect(parseSync(nested(DEFAULT_MAX_DEPTH + 1))).toMatchObject({ ok: false, reason: "too-deep" })
    expect(parseSync(nested(DEFAULT_MAX_DEPTH))).toMatchObject({ ok: true })
    const loops = ["sequenceDiagram", "Alice->>Bob: hi", ...Array(1000).fill("loop again"), "Alice->>Bob: x", ...Array(1000).fill("end")].join("\n")
    expect(parseSync(loops)).toMatchObject({ ok: false, reason: "too-deep" })
    const states = ["stateDiagram-v2", ...Array.from({ length: 200 }, (_, i) => `state S${i} {`), "[*] --> A", ...Array(200).fill("}")].join("\n")
    expect(parseSync(states)).toMatchObject({ ok: false, reason: "too-deep" })
    const long = `erDiagram\n${"  A ||--o{ B : has\n".repeat(DEFAULT_MAX_LINES)}`
    expect(parseSync(long)).toMatchObject({ ok: false, reason: "too-large", error: { message: `the text has ${DEFAULT_MAX_LINES + 2} lines; the limit is ${DEFAULT_MAX_LINES}` } })
  })

  it("never throws and never fails in its own reading, whatever it is given: odd values, and every cut of a diagram of each family", () => {
    // parseSync turns a crash of its own (reading mermaid's database, mapping an error back) into
    // `internal`: a bug, which this must catch, not a verdict on the text
    const samples = [
      'erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  CUSTOMER {\n    int id PK\n    string email UK "login"\n  }\n  ORDER }|..|{ PRODUCT : ""\n  ORDER { int id PK }\n',
      'flowchart LR\n  A([Start]) -->|go| B{Ok?}\n  B -- no --> C[(Store)]\n  subgraph outer [Outer]\n    subgraph inner [Inner]\n      D\n    end\n    E --> D\n  end\n  B --> outer\n  F@{ shape: dbl-circ, label: "Stop #quot;now#quot;" }\n',
      "sequenceDiagram\n  autonumber\n  actor U as User\n  participant API\n  U->>+API: request\n  alt ok\n    loop retry\n      API-)DB: query\n    end\n  else failed\n    API--xU: error\n  end\n  Note over U,API: done\n  API-->>-U: response\n",
      'classDiagram\n  class Shape {\n    <<interface>>\n    +area() double\n  }\n  class Circle {\n    -double radius\n    +area(int scale) double\n  }\n  Shape <|.. Circle\n  Drawing "1" *-- "*" Shape : contains\n  Drawing --> Canvas\n',
      "stateDiagram-v2\n  [*] --> Idle\n  Idle --> Busy : start\n  state Busy {\n    [*] --> Working\n    Working --> [*]\n    --\n    [*] --> Logging\n  }\n  state check <<choice>>\n  Busy --> check\n  check --> Idle : retry\n  check --> [*]\n  note right of Idle : waits\n"
    ]
    const cuts = samples.flatMap((sample) => {
      const lines = sample.split("\n")
      return lines.flatMap((_, i) => [lines.slice(0, i + 1).join("\n"), [...lines.slice(0, i), ...lines.slice(i + 1)].join("\n"), sample.slice(0, Math.floor((sample.length * i) / lines.length))])
    })
    const odd = [undefined, null, 42, {}, "\u0000", "flowchart TD\n  A --> B\n".repeat(100), "erDiagram\n" + "{".repeat(1000)]
    expect(cuts.length).toBeGreaterThan(150)
    for (const input of [...odd, ...cuts]) {
      let result: ParseResult | undefined
      expect(() => (result = parseSync(input as unknown as string))).not.toThrow()
      if (result !== undefined && !result.ok) expect(result.reason, `${result.error.message} for ${JSON.stringify(input)}`).not.toBe("internal")
    }
  })

  it("detects the type as mermaid does", () => {
    expect(detectDiagram("%%{init: {}}%%\ngraph TD\n A-->B")).toEqual({ type: "flowchart-v2", family: "flowchart" })
    expect(detectDiagram("gantt\n  title x")).toEqual({ type: "gantt" })
    expect(detectDiagram("nothing here")).toBeUndefined()
  })
})

describe("config, as mermaid.parse applies it", () => {
  // the sequence database reads `wrap` from the config in force for this parse
  const wraps = (text: string) => (engine.parseRaw(text).db as { getMessages(): Array<{ wrap: boolean }> }).getMessages()[0].wrap

  it("honours %%{init}%% directives and front matter config, for that parse only", () => {
    expect(wraps("%%{init: {'wrap': true}}%%\nsequenceDiagram\n  A->>B: hi\n")).toBe(true)
    expect(wraps("---\nconfig:\n  wrap: true\n---\nsequenceDiagram\n  A->>B: hi\n")).toBe(true)
    expect(wraps("sequenceDiagram\n  A->>B: hi\n")).toBe(false)
  })
})

describe("concurrency", () => {
  it("never mixes two parses: interleaved async and sync calls each get their own structure", async () => {
    const texts = Array.from({ length: 120 }, (_, i) =>
      i % 3 === 0
        ? `erDiagram\n  E${i} ||--o{ F${i} : r${i}\n  E${i} { int id PK }\n`
        : i % 3 === 1
          ? `flowchart TD\n  N${i} --> M${i}\n  M${i} --> O${i}\n`
          : `sequenceDiagram\n  P${i}->>Q${i}: m${i}\n`
    )
    const pending = texts.map((text) => parse(text))
    const sync = texts.map((text) => parseSync(text))
    const results = await Promise.all(pending)
    results.forEach((result, i) => {
      expect(result).toEqual(sync[i])
      expect(JSON.stringify(result)).toContain(`${i}`)
      expect(JSON.stringify(result)).not.toMatch(new RegExp(`[A-Z]${i === 0 ? 1 : 0}\\b`))
    })
  })
})
