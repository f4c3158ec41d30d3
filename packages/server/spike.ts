import { call, gatedServices, waitFor } from "./test/fixtures.ts"
import { start } from "./src/index.ts"
const { layer, models } = gatedServices({ server: { max_concurrent_per_client: 1 } })
const server = await start({ layer })
const url = server.url
const controller = new AbortController()
const aborted = fetch(`${url}/v1/artifacts/note`, { method: "POST", body: JSON.stringify({ prompt: "leaving" }), signal: controller.signal }).catch((e) => e)
await waitFor(() => models.held() === 1, "lease")
console.log("held")
console.log((await call(`${url}/v1/vram`)).status)
controller.abort()
console.log("aborted", String(await aborted))
await waitFor(() => models.held() === 0, "released", 3000).catch(e => console.log(String(e)))
console.log(models.totals, models.held())
console.log("closing")
await server.close()
console.log("closed")
