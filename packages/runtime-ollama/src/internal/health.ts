/**
 * Whether an Ollama server is up, as a small pure state machine: a server that refuses
 * connections (or does not answer a metadata call in time) is down at once; one that answers 5xx
 * or drops connections is down after `downAfter` such failures in a row. A down server is probed
 * again after a back-off that doubles up to `maxBackoffMs`; any answer brings it back.
 */

/** A failure that proves nobody answers (`hard`) or that the server answers badly (`soft`). */
export type FailureKind = "hard" | "soft"

export interface HealthOptions {
  /** Soft failures in a row that mark the server down (default 3). */
  readonly downAfter?: number
  /** First wait before probing a down server, ms (default 1000). */
  readonly backoffMs?: number
  /** The longest wait between probes, ms (default 30000). */
  readonly maxBackoffMs?: number
}

export const DEFAULT_DOWN_AFTER = 3
export const DEFAULT_BACKOFF_MS = 1_000
export const DEFAULT_MAX_BACKOFF_MS = 30_000

export class Health {
  private upNow = true
  private failures = 0
  private nextBackoff: number
  private readonly downAfter: number
  private readonly backoffMs: number
  private readonly maxBackoffMs: number

  constructor(options: HealthOptions = {}) {
    this.downAfter = Math.max(1, options.downAfter ?? DEFAULT_DOWN_AFTER)
    this.backoffMs = Math.max(1, options.backoffMs ?? DEFAULT_BACKOFF_MS)
    this.maxBackoffMs = Math.max(this.backoffMs, options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS)
    this.nextBackoff = this.backoffMs
  }

  get up(): boolean {
    return this.upNow
  }

  /** The server answered. Returns true when this brings it back up. */
  success(): boolean {
    this.failures = 0
    this.nextBackoff = this.backoffMs
    if (this.upNow) return false
    this.upNow = true
    return true
  }

  /** A call failed for a reason that is the server's. Returns true when this marks it down. */
  failure(kind: FailureKind): boolean {
    this.failures += 1
    if (!this.upNow) return false
    if (kind === "soft" && this.failures < this.downAfter) return false
    this.upNow = false
    return true
  }

  /** How long to wait before the next probe of a down server; each call doubles the next one. */
  backoff(): number {
    const wait = this.nextBackoff
    this.nextBackoff = Math.min(this.maxBackoffMs, this.nextBackoff * 2)
    return wait
  }
}
