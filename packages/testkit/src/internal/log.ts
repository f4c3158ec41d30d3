/** The request log behind `GET /_emulator/requests`: a ring buffer, so memory stays flat. */
import type { IncomingMessage, ServerResponse } from "node:http"

export interface RequestLogEntry {
  /** When the request arrived (ISO 8601, on the emulator's clock). */
  readonly at: string
  readonly method: string
  /** The path without the query string (a Gemini `?key=` never reaches the log). */
  readonly path: string
  model?: string
  /** The HTTP status sent; 0 while no status was sent (a hang in progress, a refused connection). */
  status: number
  /** The scenario fault that acted on the request, if any. */
  fault?: string
  /**
   * The structured-output schema the request carried, as sent: Ollama's `format`, Gemini's
   * `generationConfig.responseJsonSchema`. Recorded, not enforced.
   */
  format?: unknown
}

/** Default capacity: the newest 2048 requests are kept. */
export const DEFAULT_LOG_LIMIT = 2048

export class RequestLog {
  readonly limit: number
  private readonly entries: Array<RequestLogEntry | undefined>
  private next = 0
  private count = 0

  constructor(limit = DEFAULT_LOG_LIMIT) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`request log limit must be a positive integer, got ${limit}`)
    this.limit = limit
    this.entries = new Array(limit)
  }

  add(entry: RequestLogEntry): RequestLogEntry {
    this.entries[this.next] = entry
    this.next = (this.next + 1) % this.limit
    this.count = Math.min(this.count + 1, this.limit)
    return entry
  }

  /** Logs a request as it arrives; its entry learns the status when the answer's head is written. */
  track(req: IncomingMessage, res: ServerResponse, path: string, nowMs: number): RequestLogEntry {
    const entry = this.add({ at: new Date(nowMs).toISOString(), method: req.method ?? "GET", path, status: 0 })
    const writeHead = res.writeHead.bind(res) as (...args: Array<unknown>) => ServerResponse
    res.writeHead = ((...args: Array<unknown>) => {
      entry.status = args[0] as number
      return writeHead(...args)
    }) as typeof res.writeHead
    return entry
  }

  /** Oldest first. */
  list(): Array<RequestLogEntry> {
    const out: Array<RequestLogEntry> = []
    const start = (this.next - this.count + this.limit) % this.limit
    for (let i = 0; i < this.count; i++) out.push({ ...this.entries[(start + i) % this.limit]! })
    return out
  }

  clear(): void {
    this.entries.fill(undefined)
    this.next = 0
    this.count = 0
  }
}
