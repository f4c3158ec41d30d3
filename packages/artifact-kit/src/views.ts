/**
 * Views of a domain's processes for the dataset generators: the whole process, or a part of it
 * that still makes sense on its own — it starts at a step, holds at least one decision, and every
 * step a decision goes back to is inside it.
 */
import type { DomainProcess, ProcessItem } from "./domains/model.ts"
import type { Rng } from "./rng.ts"

export interface ProcessPart {
  readonly process: DomainProcess
  /** The items shown, in order. */
  readonly flow: ReadonlyArray<ProcessItem>
  /** Whether it starts where the process does. */
  readonly fromStart: boolean
  /** Whether it runs to the process's end (its `done` outcome). */
  readonly toEnd: boolean
}

const fits = (flow: ReadonlyArray<ProcessItem>): boolean => {
  const labels = new Set<string>()
  let decisions = 0
  let steps = 0
  for (const item of flow) {
    if (item.kind === "step") {
      labels.add(item.label)
      steps++
      continue
    }
    decisions++
    if (item.outcome.kind === "retry" && !labels.has(item.outcome.step)) return false
  }
  return flow[0]?.kind === "step" && decisions >= 1 && steps >= 3
}

/**
 * A part of `process`: the whole of it with probability `wholeShare`, otherwise a stretch that
 * fits (see the module comment) — running to the end when `toEnd` is required, anywhere otherwise.
 */
export const processPart = (rng: Rng, process: DomainProcess, options: { readonly wholeShare: number; readonly toEnd?: boolean }): ProcessPart => {
  const whole: ProcessPart = { process, flow: process.flow, fromStart: true, toEnd: true }
  if (rng.chance(options.wholeShare)) return whole
  const n = process.flow.length
  const candidates: Array<readonly [number, number]> = []
  for (let start = 0; start < n; start++) {
    for (let end = start + 1; end <= n; end++) {
      if ((start === 0 && end === n) || (options.toEnd === true && end !== n)) continue
      // a part ends on a step, or at the process's end
      if (end < n && process.flow[end - 1].kind !== "step") continue
      if (fits(process.flow.slice(start, end))) candidates.push([start, end])
    }
  }
  if (candidates.length === 0) return whole
  const [start, end] = rng.pick(candidates)
  return { process, flow: process.flow.slice(start, end), fromStart: start === 0, toEnd: end === n }
}
