/**
 * Fault matching: a request takes the FIRST entry, in list order, whose `model` (if
 * given) and `on` (if given) match it and that has uses left. Every match spends one use, `ok`
 * entries included, so `ok` sequences "fail, then succeed, then fail".
 */
import type { FaultEntry, FaultKind, FaultOn } from "../Scenario.ts"

interface Slot {
  readonly entry: FaultEntry
  left: number
}

export class FaultBook {
  private readonly slots: Array<Slot> = []
  private readonly normalize: (model: string) => string

  constructor(entries: ReadonlyArray<FaultEntry> | undefined, normalize: (model: string) => string = (m) => m) {
    this.normalize = normalize
    this.add(entries ?? [])
  }

  add(entries: ReadonlyArray<FaultEntry>): void {
    for (const entry of entries) this.slots.push({ entry, left: entry.times ?? 1 })
  }

  /** Spends and returns the entry that acts on this request, or undefined (no fault: proceed). */
  take(on: FaultOn, model: string | undefined): FaultEntry | undefined {
    for (const slot of this.slots) {
      if (slot.left === 0) continue
      const e = slot.entry
      if (e.on !== undefined && e.on !== on) continue
      if (e.model !== undefined && (model === undefined || this.normalize(e.model).toLowerCase() !== this.normalize(model).toLowerCase())) continue
      if (slot.left > 0) slot.left--
      return e
    }
    return undefined
  }

  /** Entries with uses left, in order. */
  pending(): Array<FaultEntry & { readonly left: number }> {
    return this.slots.filter((s) => s.left !== 0).map((s) => ({ ...s.entry, left: s.left }))
  }

  clear(): void {
    this.slots.length = 0
  }
}

export type { FaultKind }
