import * as Http from "node:http"
const server = Http.createServer((req, res) => {
  req.on("data", () => {}); req.on("end", () => console.log("req end"))
  res.on("close", () => console.log("res close, writableEnded", res.writableEnded))
  req.socket.on("close", () => console.log("socket close"))
})
server.listen(0, "127.0.0.1", async () => {
  const port = (server.address() as any).port
  const c = new AbortController()
  const p = fetch(`http://127.0.0.1:${port}/x`, { method: "POST", body: JSON.stringify({ a: 1 }), signal: c.signal }).catch(e => String(e))
  await new Promise(r => setTimeout(r, 200))
  c.abort()
  console.log(await p)
  await new Promise(r => setTimeout(r, 500))
  server.close(); server.closeAllConnections()
})
