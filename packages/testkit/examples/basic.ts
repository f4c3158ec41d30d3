/** The README's example: `node examples/basic.ts` (from packages/testkit). */
import { GoogleGenAI } from "@google/genai"
import { Ollama } from "ollama"
import { startGemini, startOllama } from "@lfai/testkit"

const ollama = await startOllama({
  scenario: {
    gpu_gb: 12,
    models: { "mistral:7b-instruct-q4_K_M": { replies: ["erDiagram\n  CUSTOMER ||--o{ ORDER : places"] } },
    faults: [{ model: "mistral:7b-instruct-q4_K_M", on: "generate", kind: "http_500" }]
  }
})
const client = new Ollama({ host: ollama.url })
await client.generate({ model: "mistral:7b-instruct-q4_K_M", prompt: "an ERD" }).catch((e: { status_code: number }) => console.log("first call:", e.status_code))
console.log((await client.generate({ model: "mistral:7b-instruct-q4_K_M", prompt: "an ERD", options: { num_ctx: 4096 } })).response)
console.log((await client.ps()).models.map((m) => `${m.name} size_vram=${m.size_vram}`).join("\n"))
console.log(ollama.requests().map((r) => `${r.method} ${r.path} ${r.status}${r.fault ? ` (${r.fault})` : ""}`).join("\n"))
await ollama.close()

const gemini = await startGemini({ scenario: { replies: ["from the cloud"] } })
const ai = new GoogleGenAI({ apiKey: "any", httpOptions: { baseUrl: gemini.url } })
console.log((await ai.models.generateContent({ model: "gemini-2.5-flash", contents: "hi" })).text)
await gemini.close()
