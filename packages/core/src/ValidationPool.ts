/**
 * The validation pool (one per process, shared by the pipeline, the server and the dataset
 * builder): documents are judged on worker threads, so a validator that takes seconds — a parser
 * fed a pathological document — never blocks the event loop, and each document has a deadline.
 * Past it the worker is terminated and replaced, and the verdict is a `validator-timeout` error:
 * the answer fails, nothing hangs. A plugin's `validate` stays pure and synchronous; the pool
 * only decides where it runs.
 *
 * A worker imports the plugin itself (a plugin is code, it cannot cross threads), so the pool
 * needs, per plugin, a module whose default export is that very plugin: its `package.name`, or
 * one of `modules` (package names or file URLs). A plugin with no such module — one defined
 * inline, as tests do — is judged on the calling thread, without a deadline.
 */
import { availableParallelism } from "node:os"
import { Worker } from "node:worker_threads"
import { Context, Duration, Effect, Layer, type Scope } from "effect"
import { checkDocument, type Checked, type DocumentJob } from "./internal/check.ts"
import type { JobMessage, WorkerReply } from "./internal/validation-worker.ts"
import { workerExecArgv } from "./internal/worker-exec-argv.ts"
import type { ArtifactPlugin, Validation } from "./Plugin.ts"

export type { Checked, DocumentJob } from "./internal/check.ts"
export { checkDocument } from "./internal/check.ts"

export interface ValidationPoolOptions {
  /** Worker threads, started as work comes (default: the machine's parallelism). 0: judge on the calling thread. */
  readonly size?: number
  /** How long one document may take on a worker (default 10 s). */
  readonly deadline?: Duration.Input
  /** Module specifiers (package names, file URLs) whose default export is a plugin, for plugins whose `package.name` does not lead to them. */
  readonly modules?: ReadonlyArray<string>
}

export interface ValidationPoolShape {
  /** Worker threads at most. */
  readonly size: number
  /** Extracts (when the job asks) and validates one document. Never fails, never hangs past the deadline. */
  readonly check: (plugin: ArtifactPlugin, job: DocumentJob) => Effect.Effect<Checked>
}

export class ValidationPool extends Context.Service<ValidationPool, ValidationPoolShape>()("@lfai/core/ValidationPool") {}

export const DEFAULT_DEADLINE = Duration.seconds(10)

/** The worker's entry, beside this file: `.ts` in the sources, `.js` once built. */
const workerUrl = new URL(`./internal/validation-worker.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`, import.meta.url)

const timeoutVerdict = (plugin: ArtifactPlugin, deadlineMs: number): Validation => ({
  score: 0,
  passed: false,
  issues: [
    {
      code: "validator-timeout",
      severity: "error",
      message: `the ${plugin.id} validator did not finish within ${deadlineMs / 1000} s, so the document is refused (it is likely far larger or more deeply nested than a real ${plugin.id})`
    }
  ]
})

const crashVerdict = (plugin: ArtifactPlugin, detail: string): Validation => ({
  score: 0,
  passed: false,
  issues: [{ code: "validator-crashed", severity: "error", message: `the ${plugin.id} validator's worker died: ${detail}` }]
})

interface Pending {
  readonly id: number
  readonly plugin: ArtifactPlugin
  readonly message: JobMessage
  /** Settles the caller; a no-op once it was settled or the caller left. */
  settle: (checked: Checked) => void
}

interface Thread {
  readonly worker: Worker
  running: Pending | undefined
  timer: ReturnType<typeof setTimeout> | undefined
}

/** A module's default export, or undefined when it cannot be imported. */
const defaultExport = (specifier: string): Promise<{ url: string; value: unknown } | undefined> => {
  let url: string
  try {
    // a file URL resolves to itself; a package name through this package's resolution
    url = import.meta.resolve(specifier)
  } catch {
    return Promise.resolve(undefined)
  }
  return import(url).then(
    (module: { default?: unknown }) => ({ url, value: module.default }),
    () => undefined
  )
}

/** Builds the pool in the current scope; closing the scope terminates its workers. */
export const make = (options: ValidationPoolOptions = {}): Effect.Effect<ValidationPoolShape, never, Scope.Scope> =>
  Effect.gen(function* () {
    const size = Math.max(0, Math.floor(options.size ?? availableParallelism()))
    const deadlineMs = Duration.toMillis(Duration.fromInputUnsafe(options.deadline ?? DEFAULT_DEADLINE))
    const threads = new Set<Thread>()
    const idle: Thread[] = []
    const queue: Pending[] = []
    let nextId = 1
    let closed = false

    // Which module serves each plugin: looked up once per plugin, by identity (the module's
    // default export must be this very object, not merely a plugin with the same id).
    const extra = Promise.all((options.modules ?? []).map(defaultExport))
    const modules = new Map<ArtifactPlugin, Promise<string | undefined>>()
    const moduleOf = (plugin: ArtifactPlugin): Promise<string | undefined> => {
      let found = modules.get(plugin)
      if (!found) {
        found = extra.then(async (loaded) => {
          const listed = loaded.find((entry) => entry?.value === plugin)
          if (listed) return listed.url
          const own = await defaultExport(plugin.package.name)
          return own?.value === plugin ? own.url : undefined
        })
        modules.set(plugin, found)
      }
      return found
    }

    const retire = (thread: Thread) => {
      if (thread.timer) clearTimeout(thread.timer)
      threads.delete(thread)
      const at = idle.indexOf(thread)
      if (at !== -1) idle.splice(at, 1)
      void thread.worker.terminate()
    }

    const finish = (thread: Thread, checked: Checked) => {
      const pending = thread.running
      if (thread.timer) clearTimeout(thread.timer)
      thread.running = undefined
      thread.timer = undefined
      // An idle worker must not keep the process alive.
      thread.worker.unref()
      idle.push(thread)
      pending?.settle(checked)
      dispatch()
    }

    const spawn = (): Thread => {
      const worker = new Worker(workerUrl, { execArgv: [...workerExecArgv(process.execArgv, workerUrl.pathname.endsWith(".ts"))] })
      const thread: Thread = { worker, running: undefined, timer: undefined }
      threads.add(thread)
      worker.on("message", (reply: WorkerReply) => {
        const pending = thread.running
        if (pending === undefined || reply.id !== pending.id) return
        switch (reply.type) {
          case "begin":
            thread.timer = setTimeout(() => {
              // Past the deadline: the worker is stuck in the validator; only terminating it stops it.
              retire(thread)
              thread.running = undefined
              pending.settle({ content: pending.message.job.text.trim(), validation: timeoutVerdict(pending.plugin, deadlineMs) })
              dispatch()
            }, deadlineMs)
            return
          case "done":
            return finish(thread, reply.checked)
          case "unavailable":
            // The worker could not load the plugin: judge it here, and keep it here from now on.
            modules.set(pending.plugin, Promise.resolve(undefined))
            return finish(thread, checkDocument(pending.plugin, pending.message.job))
        }
      })
      const died = (detail: string) => {
        if (!threads.has(thread)) return
        const pending = thread.running
        retire(thread)
        thread.running = undefined
        pending?.settle({ content: pending.message.job.text.trim(), validation: crashVerdict(pending.plugin, detail) })
        dispatch()
      }
      worker.on("error", (error) => died(error.message))
      worker.on("exit", (code) => died(`it exited with code ${code}`))
      return thread
    }

    const dispatch = () => {
      while (!closed && queue.length > 0 && (idle.length > 0 || threads.size < size)) {
        const thread = idle.pop() ?? spawn()
        const pending = queue.shift()!
        thread.running = pending
        thread.worker.ref()
        thread.worker.postMessage(pending.message)
      }
    }

    yield* Effect.addFinalizer(() =>
      Effect.sync(() => {
        closed = true
        for (const thread of [...threads]) retire(thread)
      })
    )

    const onWorker = (plugin: ArtifactPlugin, module: string, job: DocumentJob): Effect.Effect<Checked> =>
      Effect.callback<Checked>((resume) => {
        const id = nextId++
        const pending: Pending = {
          id,
          plugin,
          message: { id, module, artifact: plugin.id, job },
          settle: (checked) => {
            pending.settle = () => {}
            resume(Effect.succeed(checked))
          }
        }
        queue.push(pending)
        dispatch()
        // A caller that leaves before its turn gives its place up; one that leaves while its
        // document is judged lets it finish (within the deadline) and ignores the verdict.
        return Effect.sync(() => {
          pending.settle = () => {}
          const at = queue.indexOf(pending)
          if (at !== -1) queue.splice(at, 1)
        })
      })

    const check = (plugin: ArtifactPlugin, job: DocumentJob): Effect.Effect<Checked> =>
      size === 0
        ? Effect.sync(() => checkDocument(plugin, job))
        : Effect.flatMap(
            Effect.promise(() => moduleOf(plugin)),
            (module) => (module === undefined || closed ? Effect.sync(() => checkDocument(plugin, job)) : onWorker(plugin, module, job))
          )

    return ValidationPool.of({ size, check })
  })

export const layer = (options: ValidationPoolOptions = {}): Layer.Layer<ValidationPool> => Layer.effect(ValidationPool, make(options))
