/** Plain node:http plumbing shared by both emulators: start/stop on loopback, bodies, faults on the wire. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo, Socket } from "node:net"

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>

export interface Listening {
  readonly server: Server
  readonly url: string
  readonly port: number
  readonly host: string
  readonly close: () => Promise<void>
}

/** Largest request body either emulator reads (bigger ones get 413). */
export const MAX_BODY_BYTES = 32 * 2 ** 20

export const listen = async (handler: Handler, port: number, host: string, onClose: () => void): Promise<Listening> => {
  const sockets = new Set<Socket>()
  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "Content-Type": "application/json; charset=utf-8" })
        res.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }))
      } else {
        res.destroy()
      }
    })
  })
  server.on("connection", (socket) => {
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
  })
  // a client that vanishes mid-request must not crash the emulator
  server.on("clientError", (_error, socket) => socket.destroy())
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address
  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      onClose()
      server.close(() => resolve())
      // hung requests and idle keep-alive sockets would otherwise hold the server open
      server.closeAllConnections()
      for (const socket of sockets) socket.destroy()
    })
    return closing
  }
  return { server, url: `http://${shownHost}:${address.port}`, port: address.port, host: address.address, close }
}

export class BodyTooLarge extends Error {}

/** The whole request body as text (413 territory past MAX_BODY_BYTES). */
export const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    let size = 0
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge(`request body larger than ${MAX_BODY_BYTES} bytes`))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    req.on("error", reject)
  })

/** Resolves after `ms`, or at once when the signal aborts (then `false`). */
export const sleep = (ms: number, signal: AbortSignal): Promise<boolean> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve(false)
    if (ms <= 0) return resolve(true)
    const done = (value: boolean) => {
      clearTimeout(timer)
      signal.removeEventListener("abort", onAbort)
      resolve(value)
    }
    const onAbort = () => done(false)
    const timer = setTimeout(() => done(true), ms)
    signal.addEventListener("abort", onAbort, { once: true })
  })

/** An AbortSignal that fires when the client goes away before the answer is complete. */
export const clientGone = (req: IncomingMessage, res: ServerResponse): AbortSignal => {
  const controller = new AbortController()
  res.on("close", () => {
    if (!res.writableFinished) controller.abort()
  })
  req.on("aborted", () => controller.abort())
  return controller.signal
}

/** Writes half of `body` after headers that promise all of it, then drops the connection. */
export const truncatedBody = (res: ServerResponse, status: number, contentType: string, body: string): void => {
  const bytes = Buffer.from(body)
  res.writeHead(status, { "Content-Type": contentType, "Content-Length": String(bytes.length) })
  res.write(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))), () => res.destroy())
}

/** Closes the socket without an answer. */
export const refuse = (res: ServerResponse): void => {
  res.socket?.destroy()
  res.destroy()
}
