/**
 * A small, fast, seeded pseudo-random generator (sfc32) with the helpers dataset generators need.
 * Deterministic for a seed on every platform: only 32-bit integer arithmetic.
 */
export interface Rng {
  /** A float in [0, 1). */
  readonly next: () => number
  /** An integer in [min, max] (both inclusive). */
  readonly int: (min: number, max: number) => number
  /** True with probability p. */
  readonly chance: (p: number) => boolean
  /** One element (the array must not be empty). */
  readonly pick: <T>(items: ReadonlyArray<T>) => T
  /** One element, chosen with the given weights. */
  readonly weighted: <T>(items: ReadonlyArray<readonly [T, number]>) => T
  /** A shuffled copy. */
  readonly shuffle: <T>(items: ReadonlyArray<T>) => T[]
  /** `count` distinct elements in random order (fewer when the array is shorter). */
  readonly sample: <T>(items: ReadonlyArray<T>, count: number) => T[]
  /** A child generator whose stream depends on this one's seed and the label only. */
  readonly fork: (label: string | number) => Rng
}

const hash32 = (text: string, seed: number): number => {
  let h = (seed ^ 0x9e3779b9) >>> 0
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x85ebca6b) >>> 0
    h = ((h << 13) | (h >>> 19)) >>> 0
  }
  return Math.imul(h ^ (h >>> 16), 0xc2b2ae35) >>> 0
}

export const createRng = (seed: number, label = ""): Rng => {
  const base = hash32(label, Math.trunc(seed) >>> 0)
  let a = base
  let b = hash32("b", base)
  let c = hash32("c", base)
  let d = 1
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = ((c << 21) | (c >>> 11)) >>> 0
    c = (c + t) >>> 0
    return t / 4294967296
  }
  for (let i = 0; i < 12; i++) next()
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const shuffle = <T>(items: ReadonlyArray<T>): T[] => {
    const out = [...items]
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1))
      const tmp = out[i]
      out[i] = out[j]
      out[j] = tmp
    }
    return out
  }
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: (items) => {
      const total = items.reduce((sum, [, w]) => sum + w, 0)
      let roll = next() * total
      for (const [item, w] of items) {
        roll -= w
        if (roll < 0) return item
      }
      return items[items.length - 1][0]
    },
    shuffle,
    sample: (items, count) => shuffle(items).slice(0, Math.max(0, count)),
    fork: (label) => createRng(base, String(label))
  }
}
