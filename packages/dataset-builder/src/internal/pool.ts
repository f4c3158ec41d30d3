/**
 * Validation across worker threads: re-validating every example is nearly all of a build's time
 * (a Mermaid parse per example), and examples are independent, so chunks of them go to a few
 * workers, each of which imports the plugin's module. Results are per index, so the files do not
 * depend on the number of workers. When a worker cannot load the plugin, the caller validates on
 * its own thread instead.
 */
import { availableParallelism } from "node:os"
import { Worker } from "node:worker_threads"
import type { ValidationJob, ValidationOutcome } from "./validate.ts"

const CHUNK = 25

// Inside the repository this module runs as TypeScript and its workers must resolve `@lfai/*` to
// the sources as well (the "@lfai/source" condition, which a bin adds to this thread only); once built,
// it is dist/internal/pool.js and the worker is the .js beside it.
const fromSource = import.meta.url.endsWith(".ts")
const workerModule = new URL(`./validate-worker.${fromSource ? "ts" : "js"}`, import.meta.url)
const workerExecArgv = fromSource ? [...process.execArgv, "--conditions=@lfai/source"] : undefined

/** Default pool size: the machine's parallelism, at most 4. */
export const defaultWorkers = (): number => Math.max(1, Math.min(4, availableParallelism()))

type Message =
  | { readonly type: "ready" }
  | { readonly type: "unavailable"; readonly reason: string }
  | { readonly type: "results"; readonly start: number; readonly outcomes: ReadonlyArray<ValidationOutcome> }

/**
 * Validates `jobs` with `workers` threads that import `source` (a module URL whose default export
 * is the plugin `id`). Resolves with one outcome per job, or `undefined` when the plugin could not
 * be loaded in a worker.
 */
export const validateInWorkers = (
  source: string,
  id: string,
  jobs: ReadonlyArray<ValidationJob>,
  workers: number,
  onProgress: (done: number) => void
): Promise<ReadonlyArray<ValidationOutcome> | undefined> =>
  new Promise((resolve) => {
    const outcomes = new Array<ValidationOutcome>(jobs.length)
    const threads: Worker[] = []
    let next = 0
    let done = 0
    let settled = false
    const finish = (result: ReadonlyArray<ValidationOutcome> | undefined) => {
      if (settled) return
      settled = true
      for (const thread of threads) void thread.terminate()
      resolve(result)
    }
    const dispatch = (thread: Worker) => {
      if (next >= jobs.length) return
      const start = next
      next = Math.min(jobs.length, next + CHUNK)
      thread.postMessage({ start, jobs: jobs.slice(start, next) })
    }
    const count = Math.max(1, Math.min(workers, Math.ceil(jobs.length / CHUNK)))
    for (let i = 0; i < count; i++) {
      const thread = new Worker(workerModule, { workerData: { source, id }, execArgv: workerExecArgv })
      threads.push(thread)
      thread.on("message", (message: Message) => {
        if (message.type === "unavailable") return finish(undefined)
        if (message.type === "results") {
          message.outcomes.forEach((outcome, offset) => (outcomes[message.start + offset] = outcome))
          done += message.outcomes.length
          onProgress(done)
          if (done === jobs.length) return finish(outcomes)
        }
        dispatch(thread)
      })
      // A worker that dies (it should not: validators never throw) hands the work back to the
      // caller's thread, which reports whatever went wrong example by example.
      thread.on("error", () => finish(undefined))
      thread.on("exit", () => finish(undefined))
    }
  })
