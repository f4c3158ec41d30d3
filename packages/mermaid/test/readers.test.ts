/**
 * The structure readers over mermaid's databases: every construct from a real parse, and the
 * defaults for a database that leaves optional fields out (mermaid versions differ in what they fill in).
 */
import { describe, expect, it } from "vitest"
import { parseSync, type ParseResult } from "../src/index.ts"
import { readClass } from "../src/internal/model/class.ts"
import { readEr } from "../src/internal/model/er.ts"
import { readFlowchart } from "../src/internal/model/flowchart.ts"
import { readSequence } from "../src/internal/model/sequence.ts"
import { readState } from "../src/internal/model/state.ts"

const diagram = (text: string) => {
  const result: ParseResult = parseSync(text)
  if (!result.ok) throw new Error(`expected a parse, got ${result.reason}: ${result.error.message}`)
  return result.diagram
}

describe("from a real parse", () => {
  it("ER: aliases, direction, empty labels, every cardinality end", () => {
    expect(diagram('erDiagram\n  direction LR\n  CUSTOMER["Customer"] {\n    string name\n  }\n  CUSTOMER }o..o| ORDER : ""\n')).toEqual({
      family: "er",
      direction: "LR",
      entities: [
        { name: "CUSTOMER", alias: "Customer", attributes: [{ type: "string", name: "name", keys: [], comment: "" }] },
        { name: "ORDER", alias: "", attributes: [] }
      ],
      relationships: [{ from: "CUSTOMER", to: "ORDER", label: "", fromCardinality: "ZERO_OR_MORE", toCardinality: "ZERO_OR_ONE", identifying: false }]
    })
  })

  it("flowchart: labels that are only the id are no labels, strokes, innermost subgraphs, nested subgraphs' parents", () => {
    expect(diagram("flowchart LR\n  a[Alpha] --> b\n  c[c] -.->|maybe| d((D))\n  e ==> f\n  subgraph outer\n    subgraph inner [Inner box]\n      a\n    end\n    b\n  end\n")).toEqual({
      family: "flowchart",
      direction: "LR",
      nodes: [
        { id: "a", label: "Alpha", labelled: true, shape: "square", subgraph: "inner" },
        { id: "b", label: "b", labelled: false, shape: "default", subgraph: "outer" },
        { id: "c", label: "c", labelled: false, shape: "square" },
        { id: "d", label: "D", labelled: true, shape: "circle" },
        { id: "e", label: "e", labelled: false, shape: "default" },
        { id: "f", label: "f", labelled: false, shape: "default" }
      ],
      edges: [
        { from: "a", to: "b", label: "", arrow: "arrow_point", stroke: "normal" },
        { from: "c", to: "d", label: "maybe", arrow: "arrow_point", stroke: "dotted" },
        { from: "e", to: "f", label: "", arrow: "arrow_point", stroke: "thick" }
      ],
      subgraphs: [
        { id: "outer", title: "outer", members: ["inner", "b"] },
        { id: "inner", title: "Inner box", members: ["a"], parent: "outer" }
      ]
    })
  })

  it("sequence: boxes, notes on each side, critical, par and rect blocks, activations left open, autonumber", () => {
    const text =
      "sequenceDiagram\n  box Aqua Front\n    actor U as User\n  end\n  participant API\n  activate API\n  U->>API: hi\n  activate API\n  deactivate API\n" +
      "  Note left of U: left\n  Note right of API: right\n  Note over U,API: both\n  critical lock\n    API->>DB: q\n  option fail\n    API->>U: err\n  end\n" +
      "  par a\n    U->>API: x\n  and b\n    U->>API: y\n  end\n  rect rgb(0,0,0)\n  end\n  autonumber\n"
    expect(diagram(text)).toEqual({
      family: "sequence",
      participants: [
        { id: "U", label: "User", kind: "actor", box: "Front" },
        { id: "API", label: "API", kind: "participant" },
        { id: "DB", label: "DB", kind: "participant" }
      ],
      messages: [
        { from: "U", to: "API", text: "hi", arrow: "SOLID", index: 0, blocks: [] },
        { from: "API", to: "DB", text: "q", arrow: "SOLID", index: 1, blocks: [0] },
        { from: "API", to: "U", text: "err", arrow: "SOLID", index: 2, blocks: [0] },
        { from: "U", to: "API", text: "x", arrow: "SOLID", index: 3, blocks: [1] },
        { from: "U", to: "API", text: "y", arrow: "SOLID", index: 4, blocks: [1] }
      ],
      notes: [
        { actors: ["U"], text: "left", placement: "left of" },
        { actors: ["API"], text: "right", placement: "right of" },
        { actors: ["U", "API"], text: "both", placement: "over" }
      ],
      blocks: [
        { id: 0, kind: "critical", label: "lock", branches: 2, messages: 2, closed: true },
        { id: 1, kind: "par", label: "a", branches: 2, messages: 2, closed: true },
        { id: 2, kind: "rect", label: "rgb(0,0,0)", branches: 1, messages: 0, closed: true }
      ],
      openActivations: [{ id: "API", open: 1 }],
      autonumber: true
    })
  })

  it("sequence: a block left open stays open; nested blocks know their parent", () => {
    const result = parseSync("sequenceDiagram\n  A->>B: a\n  loop outer\n    opt inner\n      A->>B: b\n    end\n  end\n")
    if (!result.ok || result.diagram.family !== "sequence") throw new Error("expected a sequence diagram")
    expect(result.diagram.blocks).toEqual([
      { id: 0, kind: "loop", label: "outer", branches: 1, messages: 1, closed: true },
      { id: 1, kind: "opt", label: "inner", branches: 1, messages: 1, closed: true, parent: 0 }
    ])
  })

  it("class: namespaces, generics, annotations, static members, notes, every relation kind, 'none' cardinalities", () => {
    const text =
      "classDiagram\n  direction LR\n  namespace Shop {\n    class Order {\n      +int id\n      +static total(int a)$ double\n      -items List~Item~\n      note: string\n    }\n    class Item~T~\n  }\n" +
      '  class Legacy {\n    <<Deprecated>>\n  }\n  note for Order "the order"\n  note "general"\n  Order "1" --> "none" Item : holds\n  Item --() Legacy\n  Legacy .. Order\n  Legacy -- Item\n  Order ..|> Legacy\n  Order o-- Item\n  Order *-- Item\n  Order <|-- Legacy\n  Order ..> Item\n'
    expect(diagram(text)).toEqual({
      family: "class",
      direction: "LR",
      classes: [
        {
          id: "Order",
          label: "Order",
          generic: "",
          annotations: [],
          attributes: [
            { name: "id", type: "int", visibility: "+", classifier: "" },
            { name: "List~Item~", type: "items", visibility: "-", classifier: "" },
            { name: "note", type: "string", visibility: "", classifier: "" }
          ],
          methods: [{ name: "static total", type: "double", visibility: "+", classifier: "$", parameters: "int a" }],
          namespace: "Shop"
        },
        { id: "Item", label: "Item", generic: "T", annotations: [], attributes: [], methods: [], namespace: "Shop" },
        { id: "Legacy", label: "Legacy", generic: "", annotations: ["deprecated"], attributes: [], methods: [] }
      ],
      relations: [
        { from: "Order", to: "Item", kind: "association", label: "holds", fromCardinality: "1", toCardinality: "", dotted: false },
        { from: "Item", to: "interface0", kind: "lollipop", label: "", fromCardinality: "", toCardinality: "", dotted: false },
        { from: "Legacy", to: "Order", kind: "dashed-link", label: "", fromCardinality: "", toCardinality: "", dotted: true },
        { from: "Legacy", to: "Item", kind: "link", label: "", fromCardinality: "", toCardinality: "", dotted: false },
        { from: "Order", to: "Legacy", kind: "realization", label: "", fromCardinality: "", toCardinality: "", dotted: true },
        { from: "Order", to: "Item", kind: "aggregation", label: "", fromCardinality: "", toCardinality: "", dotted: false },
        { from: "Order", to: "Item", kind: "composition", label: "", fromCardinality: "", toCardinality: "", dotted: false },
        { from: "Order", to: "Legacy", kind: "inheritance", label: "", fromCardinality: "", toCardinality: "", dotted: false },
        { from: "Order", to: "Item", kind: "dependency", label: "", fromCardinality: "", toCardinality: "", dotted: true }
      ],
      notes: [{ for: "Order", text: "the order" }, { text: "general" }],
      namespaces: ["Shop"]
    })
  })

  it("class: a type of several words before the name, however spaced, or after a colon with no space; state: class and style statements are no states", () => {
    const classes = diagram("classDiagram\n  class A {\n    unsigned long count\n    unsigned  short  step\n    total:double\n  }")
    if (classes.family !== "class") throw new Error("expected a class diagram")
    expect(classes.classes[0].attributes).toEqual([
      { name: "count", type: "unsigned long", visibility: "", classifier: "" },
      { name: "step", type: "unsigned short", visibility: "", classifier: "" },
      { name: "total", type: "double", visibility: "", classifier: "" }
    ])
    const states = diagram("stateDiagram-v2\n  classDef hot fill:#f00\n  A --> B\n  class A hot\n  style B fill:#0f0")
    if (states.family !== "state") throw new Error("expected a state diagram")
    expect(states.states.map((state) => state.id)).toEqual(["A", "B"])
  })

  it("state: descriptions once each, display names, notes, fork and composite kinds, scoped transitions, direction", () => {
    const text =
      'stateDiagram-v2\n  direction LR\n  [*] --> Idle\n  Idle : waiting\n  Idle : still waiting\n  Idle : waiting\n  state "Running fast" as Run\n  Idle --> Run : go \n  note right of Run : hot\n' +
      "  state fork_state <<fork>>\n  Run --> fork_state\n  state Outer {\n    [*] --> Inner\n    Inner --> [*]\n  }\n"
    expect(diagram(text)).toEqual({
      family: "state",
      direction: "LR",
      states: [
        { id: "Idle", kind: "state", descriptions: ["waiting", "still waiting"], notes: [], label: "waiting" },
        { id: "Run", kind: "state", descriptions: ["Running fast"], notes: ["hot"], label: "Running fast" },
        { id: "fork_state", kind: "fork", descriptions: [], notes: [], label: "fork_state" },
        { id: "Outer", kind: "composite", descriptions: [], notes: [], label: "Outer" },
        { id: "Inner", kind: "state", parent: "Outer", descriptions: [], notes: [], label: "Inner" }
      ],
      transitions: [
        { from: "[*]", to: "Idle", label: "" },
        { from: "Idle", to: "Run", label: "go" },
        { from: "Run", to: "fork_state", label: "" },
        { from: "[*]", to: "Inner", label: "", scope: "Outer" },
        { from: "Inner", to: "[*]", label: "", scope: "Outer" }
      ]
    })
  })
})

describe("from a database that leaves optional fields out", () => {
  it("ER", () => {
    const db = {
      getEntities: () => new Map([["A", { id: "e-a", attributes: [{}] }], ["B", { id: "e-b" }]]),
      getRelationships: () => [{ entityA: "e-a", entityB: "gone" }]
    }
    expect(readEr(db)).toEqual({
      family: "er",
      direction: "TB",
      entities: [
        { name: "A", alias: "", attributes: [{ type: "", name: "", keys: [], comment: "" }] },
        { name: "B", alias: "", attributes: [] }
      ],
      relationships: [{ from: "A", to: "gone", label: "", fromCardinality: "", toCardinality: "", identifying: false }]
    })
  })

  it("flowchart", () => {
    const db = {
      getVertices: () => new Map([["n", { id: "n" }], ["g", { id: "g" }]]),
      getEdges: () => [{ start: "n", end: "m" }],
      getSubGraphs: () => [{ id: "g" }, { id: "h", nodes: ["n", "n"] }]
    }
    expect(readFlowchart(db)).toEqual({
      family: "flowchart",
      direction: "TB",
      nodes: [{ id: "n", label: "n", labelled: false, shape: "default", subgraph: "h" }],
      edges: [{ from: "n", to: "m", label: "", arrow: "arrow_point", stroke: "normal" }],
      subgraphs: [
        { id: "h", title: "h", members: ["n"] },
        { id: "g", title: "g", members: [] }
      ]
    })
    // a node named by a subgraph and by the one holding it belongs to the innermost (listed first)
    const nested = readFlowchart({
      getVertices: () => new Map([["x", { id: "x" }]]),
      getEdges: () => [],
      getSubGraphs: () => [{ id: "inner", nodes: ["x"] }, { id: "outer", nodes: ["inner", "x"] }]
    })
    expect(nested.nodes).toEqual([{ id: "x", label: "x", labelled: false, shape: "default", subgraph: "inner" }])
  })

  it("sequence: placements by their default codes, unknown line types ignored, notes without actors, stray block ends", () => {
    const LINETYPE = { SOLID: 0, NOTE: 2, ACTIVE_START: 17, ACTIVE_END: 18, LOOP_END: 11, ALT_ELSE: 13 }
    const db = {
      LINETYPE,
      getActors: () => new Map([["a", { name: "a" }], ["b", { name: "b", box: {} }]]),
      getMessages: () => [
        { type: 11 },
        { type: 13 },
        { from: "a", to: "b", type: 0 },
        { from: { actor: "b" }, to: { actor: "a" }, type: 0, message: "back" },
        { from: "a", to: "", type: 2, placement: 1, message: "aside" },
        { type: 2 },
        { from: "a", type: 17 },
        { from: "a", type: 17 },
        { from: "a", type: 18 },
        { from: "b", type: 18 },
        { type: 17 },
        { from: "a", to: "b", type: 99 },
        { from: "a", type: 0 }
      ]
    }
    expect(readSequence(db)).toEqual({
      family: "sequence",
      participants: [
        { id: "a", label: "a", kind: "participant" },
        { id: "b", label: "b", kind: "participant" }
      ],
      messages: [
        { from: "a", to: "b", text: "", arrow: "SOLID", index: 0, blocks: [] },
        { from: "b", to: "a", text: "back", arrow: "SOLID", index: 1, blocks: [] },
        { from: "a", to: "b", text: "", arrow: "UNKNOWN", index: 2, blocks: [] }
      ],
      notes: [
        { actors: ["a"], text: "aside", placement: "right of" },
        { actors: [], text: "", placement: "over" }
      ],
      blocks: [],
      openActivations: [{ id: "a", open: 1 }],
      autonumber: false
    })
    expect(readSequence({ ...db, showSequenceNumbers: () => true, getMessages: () => [] }).autonumber).toBe(true)
  })

  it("class: no notes or namespaces methods, sparse members and relations", () => {
    const db = {
      relationType: { AGGREGATION: 0, EXTENSION: 1, COMPOSITION: 2, DEPENDENCY: 3, LOLLIPOP: 4 },
      lineType: { LINE: 0, DOTTED_LINE: 1 },
      getClasses: () => new Map([["C", { id: "C", members: [{}, { id: "  spaced  " }], methods: [{}] }]]),
      getRelations: () => [{ id1: "C", id2: "D" }, { id1: "C", id2: "E", relation: { type1: "none", type2: 1, lineType: 1 } }]
    }
    expect(readClass(db)).toEqual({
      family: "class",
      direction: "TB",
      classes: [
        {
          id: "C",
          label: "C",
          generic: "",
          annotations: [],
          attributes: [
            { name: "", type: "", visibility: "", classifier: "" },
            { name: "spaced", type: "", visibility: "", classifier: "" }
          ],
          methods: [{ name: "", type: "", visibility: "", classifier: "", parameters: "" }]
        }
      ],
      relations: [
        { from: "C", to: "D", kind: "link", label: "", fromCardinality: "", toCardinality: "", dotted: false },
        { from: "C", to: "E", kind: "realization", label: "", fromCardinality: "", toCardinality: "", dotted: true }
      ],
      notes: [],
      namespaces: []
    })
    // notes as a list (older mermaid), a database without a DOTTED_LINE code
    const older = { ...db, lineType: {}, getNotes: () => [{ text: "loose" }, { class: "C" }], getRelations: () => [{ id1: "C", id2: "D", relation: { type1: 3, type2: "none", lineType: 1 } }] }
    expect(readClass(older)).toMatchObject({ notes: [{ text: "loose" }, { for: "C", text: "" }], relations: [{ kind: "dependency", dotted: true }] })
  })

  it("state: statements with no id, pseudo-states, an empty root", () => {
    expect(readState({ getRootDocV2: () => ({}) })).toEqual({ family: "state", direction: "TB", states: [], transitions: [] })
    const db = {
      getRootDocV2: () => ({
        doc: [
          { stmt: "state" },
          { stmt: "state", id: "  S  ", description: ["", " first "], descriptions: ["first", "second"], note: {} },
          { stmt: "relation", state1: { stmt: "state", id: "S", start: true }, state2: { stmt: "state", id: "T" } },
          { stmt: "state", id: "C", doc: [{ stmt: "relation", state1: { stmt: "state", id: "U" }, state2: { stmt: "state", id: "C_end", start: false }, description: " done " }] },
          { stmt: "state", type: "divider" },
          { stmt: "state", id: "E", doc: [] },
          { stmt: "other" }
        ]
      })
    }
    expect(readState(db)).toEqual({
      family: "state",
      direction: "TB",
      states: [
        { id: "S", kind: "state", descriptions: ["first", "second"], notes: [], label: "first" },
        { id: "T", kind: "state", descriptions: [], notes: [], label: "T" },
        { id: "C", kind: "composite", descriptions: [], notes: [], label: "C" },
        { id: "U", kind: "state", parent: "C", descriptions: [], notes: [], label: "U" },
        { id: "E", kind: "state", descriptions: [], notes: [], label: "E" }
      ],
      transitions: [
        { from: "[*]", to: "T", label: "" },
        { from: "U", to: "[*]", label: "done", scope: "C" }
      ]
    })
  })
})
