/** The pull coordinator against emulators through the real client: shared per server, separate across servers, retried once, bounded by progress. */
import { describe, expect, it } from "@effect/vitest"
import type { PullProgress } from "@lfai/core"
import { Effect } from "effect"
import { makeClient } from "../src/internal/client.ts"
import { makePulls, type PullTarget } from "../src/internal/pulls.ts"
import { emulator, MISTRAL } from "./support.ts"

const absent = { models: { [MISTRAL]: { present: false } } }

const target = (url: string, pulled: string[]): PullTarget => ({
  url,
  call: makeClient(url).call,
  pulled: (model) => Effect.sync(() => void pulled.push(`${url} ${model}`))
})

const coordinator = (stallMs = 60_000) =>
  Effect.map(Effect.scope, (scope) => makePulls({ stallMs, fork: (effect) => Effect.asVoid(Effect.forkIn(effect, scope)) }))

describe("pull coordinator", () => {
  it.live("callers of one model on one server share one pull; each sees the progress, with the server named", () =>
    Effect.gen(function* () {
      const emu = yield* emulator(absent)
      const pulls = yield* coordinator()
      const pulled: string[] = []
      const seen: PullProgress[][] = [[], []]
      const host = target(emu.url, pulled)
      yield* Effect.all([pulls.join(host, MISTRAL, (p) => seen[0].push(p)), pulls.join(host, MISTRAL, (p) => seen[1].push(p))], { concurrency: "unbounded" })
      expect(emu.requests().filter((r) => r.path === "/api/pull")).toHaveLength(1)
      expect(pulled).toEqual([`${emu.url} ${MISTRAL}`])
      for (const progress of seen) {
        expect(progress.length).toBeGreaterThan(1)
        expect(progress.every((p) => p.host === emu.url && p.model === MISTRAL)).toBe(true)
      }
    })
  )

  it.live("the same model on two servers is two pulls, one on each", () =>
    Effect.gen(function* () {
      const a = yield* emulator(absent)
      const b = yield* emulator(absent)
      const pulls = yield* coordinator()
      const pulled: string[] = []
      yield* Effect.all([pulls.join(target(a.url, pulled), MISTRAL), pulls.join(target(b.url, pulled), MISTRAL)], { concurrency: "unbounded" })
      expect(a.requests().filter((r) => r.path === "/api/pull")).toHaveLength(1)
      expect(b.requests().filter((r) => r.path === "/api/pull")).toHaveLength(1)
      expect(pulled.sort()).toEqual([`${a.url} ${MISTRAL}`, `${b.url} ${MISTRAL}`].sort())
    })
  )

  it.live("a failed pull is tried once more (Ollama resumes); a second failure is PullFailed and nothing is recorded as pulled", () =>
    Effect.gen(function* () {
      const once = yield* emulator({ ...absent, faults: [{ on: "pull", kind: "http_500", times: 1 }] })
      const pulls = yield* coordinator()
      const pulled: string[] = []
      yield* pulls.join(target(once.url, pulled), MISTRAL)
      expect(pulled).toHaveLength(1)
      const twice = yield* emulator({ ...absent, faults: [{ on: "pull", kind: "http_500", times: 2 }] })
      const error = yield* Effect.flip(pulls.join(target(twice.url, pulled), MISTRAL))
      expect(error._tag).toBe("PullFailed")
      expect(pulled).toHaveLength(1)
      // the failed pull is over: the next caller starts a fresh one
      yield* pulls.join(target(twice.url, pulled), MISTRAL)
      expect(pulled).toHaveLength(2)
    })
  )

  it.live("a pull that stops sending progress is abandoned as PullFailed", () =>
    Effect.gen(function* () {
      const emu = yield* emulator({ ...absent, faults: [{ on: "pull", kind: "hang", times: 2 }] })
      const pulls = yield* coordinator(200)
      const error = yield* Effect.flip(pulls.join(target(emu.url, []), MISTRAL))
      expect(error).toMatchObject({ _tag: "PullFailed", reason: "no progress for 0.2 s" })
    })
  )
})
