/**
 * lfai through OpenAI's own client: change the base URL, name an artifact as the model.
 *
 *   npx lfai serve --port 8787 &
 *   LFAI_URL=http://127.0.0.1:8787 node packages/server/examples/openai.ts "a library: books, members, loans"
 *
 * With a token on the server, set the same LFAI_TOKEN here (it is sent as the API key).
 */
import OpenAI from "openai"

const openai = new OpenAI({
  baseURL: `${process.env.LFAI_URL ?? "http://127.0.0.1:8787"}/v1`,
  apiKey: process.env.LFAI_TOKEN ?? "unused",
  maxRetries: 0
})
const prompt = process.argv[2] ?? "a library: books, members, loans"

try {
  const models = await openai.models.list()
  console.error(`models: ${models.data.map((model) => model.id).join(", ")}`)

  // Streamed: the artifact arrives once lfai has judged it (local model, repair, fallback first).
  const stream = await openai.chat.completions.create({ model: "lfai/erd", messages: [{ role: "user", content: prompt }], stream: true })
  for await (const chunk of stream) {
    process.stdout.write(chunk.choices[0]?.delta.content ?? "")
    // The last chunk with a finish_reason carries lfai's verdict.
    const lfai = (chunk as { lfai?: { passed: boolean; score: number; provider: string } }).lfai
    if (lfai) console.error(`\n${lfai.passed ? "passed" : "did not pass"}: score ${lfai.score} from ${lfai.provider} ${chunk.model}`)
  }
} catch (error) {
  // OpenAI.APIError: status, code ("model_not_found", …), param and message, from lfai's answer.
  console.error(error instanceof Error ? error.message : String(error))
  process.exitCode = 1
}
