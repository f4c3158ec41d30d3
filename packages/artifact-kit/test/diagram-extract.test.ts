import { describe, expect, it } from "vitest"
import { extractDiagram } from "../src/diagram.ts"

const ER = "erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  CUSTOMER { int id PK }"

describe("extractDiagram", () => {
  it.each([
    ["a ```mermaid fence", `Here you go:\n\n\`\`\`mermaid\n${ER}\n\`\`\`\n\nLet me know!`],
    ["a bare ``` fence", `\`\`\`\n${ER}\n\`\`\``],
    ["a ~~~ fence", `~~~mermaid\n${ER}\n~~~`],
    ["a four-backtick fence", `\`\`\`\`mermaid\n${ER}\n\`\`\`\``],
    ["Windows line endings", `\`\`\`mermaid\r\n${ER.replace(/\n/g, "\r\n")}\r\n\`\`\`\r\n`],
    ["no fence, prose before and after", `Sure! The model is:\n${ER}\nThis shows that a customer places orders.`],
    ["an indented fence in a list", `1. The diagram:\n   \`\`\`mermaid\n   ${ER.replace(/\n/g, "\n   ")}\n   \`\`\``],
    ["an unterminated fence", `\`\`\`mermaid\n${ER}`]
  ])("takes the diagram out of %s", (_, raw) => {
    expect(extractDiagram(raw, "er")).toBe(ER)
  })

  it("takes the block of the right type among several", () => {
    const raw = `First the flow:\n\`\`\`mermaid\nflowchart TD\n  A --> B\n\`\`\`\nAnd the data:\n\`\`\`mermaid\n${ER}\n\`\`\``
    expect(extractDiagram(raw, "er")).toBe(ER)
    expect(extractDiagram(raw, "flowchart")).toBe("flowchart TD\n  A --> B")
  })

  it("keeps a leading %%{init}%% directive and front matter with the diagram", () => {
    expect(extractDiagram(`\`\`\`mermaid\n%%{init: {"theme": "dark"}}%%\n${ER}\n\`\`\``, "er")).toBe(`%%{init: {"theme": "dark"}}%%\n${ER}`)
    expect(extractDiagram(`Text first.\n---\ntitle: Shop\n---\n${ER}`, "er")).toBe(`---\ntitle: Shop\n---\n${ER}`)
  })

  it("falls back to another diagram type, then to the text itself", () => {
    expect(extractDiagram("```mermaid\nsequenceDiagram\n  A->>B: hi\n```", "er")).toBe("sequenceDiagram\n  A->>B: hi")
    expect(extractDiagram("  I cannot draw that.  ", "er")).toBe("I cannot draw that.")
  })

  it("keeps a fenced diagram whole, broken lines included, for the validator to judge", () => {
    expect(extractDiagram("```mermaid\nflowchart TD\n  A --> B\n  B -->\n```", "flowchart")).toBe("flowchart TD\n  A --> B\n  B -->")
  })
})
