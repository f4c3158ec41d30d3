import { DIAGRAM_CODES } from "@lfai/artifact-kit/diagram"
import { issueCodeContract } from "@lfai/artifact-kit/testing"
import { state } from "../src/index.ts"
import { machine } from "./clean-diagram.ts"

issueCodeContract(state, {
  sources: [new URL("../src/internal/score.ts", import.meta.url)],
  shared: DIAGRAM_CODES,
  readme: new URL("../README.md", import.meta.url),
  cases: {
    empty: "\n\n",
    "too-large": machine(...Array(2000).fill("  Idle --> Running : start")),
    "too-deep": ["stateDiagram-v2", "  [*] --> S0", ...Array.from({ length: 51 }, (_, i) => `state S${i} {`), ...Array(51).fill("}")].join("\n"),
    "not-mermaid": { content: "The machine idles, runs, and stops.", line: 1 },
    "wrong-type": { content: "flowchart TD\n  Idle --> Running", line: 1 },
    "parse-error": { content: "stateDiagram-v2\n  [*] --> Idle\n  Idle --> ", line: 3 },
    "no-start-transition": { content: machine().replace("  [*] --> Idle\n", "").replace("Running --> Idle : stop", "Running --> Idle : stop\n  Idle --> Idle : wait"), line: 1 },
    "too-few-states": { content: "stateDiagram-v2\n  [*] --> Idle\n  Idle --> Idle : tick\n  Idle --> [*] : finish", line: 1 },
    // One transition cannot start the diagram, reach a second state and end it: the second state
    // is left unreached with no way out, and nothing reaches the final state.
    "too-few-transitions": { content: "stateDiagram-v2\n  [*] --> Idle\n  Running", line: 1, also: ["unreachable-state", "dead-end-state", "no-final-state"] },
    "unreachable-state": { content: machine("  Paused --> Running : resume"), line: 6 },
    "dead-end-state": { content: machine("  Running --> Failed : crash"), line: 6 },
    "composite-without-start": { content: machine().replace("  Running --> Idle : stop", "  state Running {\n    Warming --> Hot : heat\n    Hot --> Warming : cool\n  }\n  Running --> Idle : stop"), line: 4 },
    "unguarded-choice": { content: "stateDiagram-v2\n  [*] --> Idle\n  state check <<choice>>\n  Idle --> check : submit\n  check --> Running : ok\n  check --> Idle\n  Running --> [*] : finish", line: 3 },
    "duplicate-transition": { content: machine("  Idle --> Running : start"), line: 6 },
    "unlabeled-transitions": machine().replace(" : start", "").replace(" : stop", "").concat("\n  Running --> Paused\n  Paused --> Running : resume"),
    "no-final-state": machine().replace("  Running --> [*] : finish", ""),
    "off-topic": { content: machine(), options: { request: "States of a clinic visit: waiting room, consultation and billing." } },
    "missing-name": { content: machine(), options: { request: "States of a machine: idle, running and paused." } }
  }
})
