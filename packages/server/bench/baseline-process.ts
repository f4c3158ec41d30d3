/**
 * A bare node:http server that reads the JSON body and answers a small JSON document: the ceiling
 * the load generator can reach on this machine, to put the server's figures in context.
 */
import { createServer } from "node:http"

const server = createServer((request, response) => {
  let body = ""
  request.on("data", (chunk) => (body += chunk))
  request.on("end", () => {
    const { prompt } = JSON.parse(body) as { prompt: string }
    response.setHeader("content-type", "application/json")
    response.end(JSON.stringify({ artifact: "bench", content: "answer", prompt, passed: true }))
  })
})
server.listen(0, "127.0.0.1", () => {
  const address = server.address()
  process.stdout.write(`http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}\n`)
})
process.once("SIGTERM", () => server.close())
