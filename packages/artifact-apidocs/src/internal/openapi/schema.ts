/**
 * `@readme/openapi-parser`'s `validate`, called synchronously.
 *
 * The parser's validation is async all the way down (its `$ref` resolver returns promises even for
 * a document in memory), and a plugin's `validate` is synchronous. Its schema checks (ajv against
 * the OpenAPI 3.0/3.1 JSON Schemas) and its own rules (path parameters, duplicate parameters …) are
 * private to the package, so they cannot be called one by one without copying its code. So the
 * parser runs unchanged in a worker thread, and this thread blocks on `Atomics.wait` until the
 * answer is on the port (`receiveMessageOnPort`). The worker starts on first use and is `unref`'d:
 * it never keeps the process alive. A worker that does not answer in time is terminated and the
 * next call starts a fresh one.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads"
import type { ParserReply, ParserResult } from "./protocol.ts"

export type ParserOutcome =
  | { readonly kind: "done"; readonly result: ParserResult; readonly pointers: Readonly<Record<number, string>> }
  | { readonly kind: "failed"; readonly error: string }
  | { readonly kind: "timeout"; readonly ms: number }

interface Channel {
  readonly worker: Worker
  readonly port: MessagePort
  readonly signal: Int32Array
  answered: number
  /** When it was started (ms since the epoch). */
  readonly born: number
}

/** The first call waits for the worker to start and load the parser too. */
const FIRST_CALL_MS = 60_000
const CALL_MS = 20_000
/** A worker that has not begun running its module by then never will. */
const STARTUP_MS = 15_000
const DEREFERENCE_MS = 10_000

// The worker module sits beside this one, as TypeScript in the sources and JavaScript once built.
const WORKER_URL = new URL(`./worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url)

let channel: Channel | undefined
let nextId = 0

/** The process's flags, less those a worker refuses (`-e`/`--eval`, `-p`/`--print`, `--input-type`). */
const workerExecArgv = (): string[] => {
  const out: string[] = []
  const args = process.execArgv
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (["-e", "--eval", "-p", "--print", "--input-type"].includes(arg)) i++
    else if (!/^--(?:eval|print|input-type)=/.test(arg)) out.push(arg)
  }
  return out
}

const start = (): Channel => {
  const { port1, port2 } = new MessageChannel()
  // [0]: raised by the worker when an answer is on the port; [1]: raised once it runs
  const signal = new Int32Array(new SharedArrayBuffer(8))
  const worker = new Worker(WORKER_URL, { workerData: { port: port2, signal }, transferList: [port2], execArgv: workerExecArgv() })
  worker.unref()
  port1.unref()
  // a crash is seen as a timeout by the waiting call; the listener keeps it from being thrown here
  worker.on("error", () => undefined)
  return { worker, port: port1, signal, answered: 0, born: Date.now() }
}

const stop = (stale: Channel) => {
  if (channel === stale) channel = undefined
  void stale.worker.terminate()
}

/** Validates `api` (plain data) with the parser; blocks until it answers. Never throws. */
export const validateWithParser = (api: unknown): ParserOutcome => {
  let current: Channel | undefined
  try {
    current = channel ??= start()
    const id = ++nextId
    const limit = current.answered === 0 ? FIRST_CALL_MS : CALL_MS
    Atomics.store(current.signal, 0, 0)
    current.port.postMessage({ id, api, timeoutMs: DEREFERENCE_MS })
    const deadline = Date.now() + limit
    for (;;) {
      const left = deadline - Date.now()
      if (left <= 0) {
        stop(current)
        return { kind: "timeout", ms: limit }
      }
      // in slices, to notice a worker that never started without waiting out the limit
      if (Atomics.wait(current.signal, 0, 0, Math.min(left, 250)) === "timed-out") {
        if (Atomics.load(current.signal, 1) === 0 && Date.now() - current.born > STARTUP_MS) {
          stop(current)
          return { kind: "failed", error: `the OpenAPI parser's worker thread did not start within ${STARTUP_MS / 1000} s` }
        }
        continue
      }
      const message = receiveMessageOnPort(current.port)?.message as ParserReply | undefined
      Atomics.store(current.signal, 0, 0)
      // a reply to an earlier, abandoned call is dropped
      if (message === undefined || message.id !== id) continue
      current.answered++
      return message.ok ? { kind: "done", result: message.result, pointers: message.pointers } : { kind: "failed", error: message.error }
    }
  } catch (error) {
    if (current) stop(current)
    return { kind: "failed", error: error instanceof Error ? error.message : String(error) }
  }
}
