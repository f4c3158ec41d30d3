/**
 * The exact optimum the GPU bench reports beside Belady: the fewest loads on the request sequence
 * (a dynamic program over the sets of models that fit), and why Belady's rule is not it when
 * models differ in size.
 */
import { describe, expect, it } from "vitest"
import { lru2Policy, lruPolicy } from "../src/internal/budget.ts"
import { beladyPolicy, optimalLoads, prng, simulateSequence, type TraceRequest } from "../src/internal/sim.ts"

const GiB = 2 ** 30
const sequence = (models: string): TraceRequest[] => [...models].map((model, i) => ({ at: i, model, durationMs: 0, numCtx: 4096 }))
const sized = (sizes: Record<string, number>) => ({ cost: (model: string) => sizes[model] * GiB })
const options = (sizes: Record<string, number>, limit: number) => ({ limitBytes: limit * GiB, maxOvertakes: 0, persistent: [], ...sized(sizes) })

describe("the exact optimum on the request sequence", () => {
  it("Belady is not optimal when sizes differ: C A B D C A with A, B 1 GiB, C, D 2 GiB in 3 GiB", () => {
    const trace = sequence("CABDCA")
    const sizes = { A: 1, B: 1, C: 2, D: 2 }
    // Belady evicts A for B (A is needed last), so C and then A must come back: 6 loads. Evicting
    // C for B instead keeps A resident to the end: C, A, B, D, C are the only 5 loads.
    expect(simulateSequence(trace, { ...options(sizes, 3), policy: beladyPolicy }).loads).toBe(6)
    expect(optimalLoads(trace, { limitBytes: 3 * GiB, ...sized(sizes) })).toBe(5)
  })

  it("with equal sizes it agrees with Belady, which is then optimal (random sequences)", () => {
    const rand = prng(7)
    for (let round = 0; round < 200; round++) {
      const models = "ABCDE".slice(0, 2 + Math.floor(rand() * 4))
      const trace = sequence(Array.from({ length: 3 + Math.floor(rand() * 12) }, () => models[Math.floor(rand() * models.length)]).join(""))
      const sizes = Object.fromEntries([...models].map((m) => [m, 2]))
      const limit = 2 * (1 + Math.floor(rand() * 3))
      const belady = simulateSequence(trace, { ...options(sizes, limit), policy: beladyPolicy }).loads
      expect(optimalLoads(trace, { limitBytes: limit * GiB, ...sized(sizes) }), trace.map((r) => r.model).join("")).toBe(belady)
    }
  })

  it("with sizes that differ it is never beaten by a policy, and it can load only what is asked for", () => {
    const rand = prng(11)
    for (let round = 0; round < 200; round++) {
      const models = "ABCD"
      const sizes = Object.fromEntries([...models].map((m) => [m, 1 + Math.floor(rand() * 3)]))
      const limit = 3 + Math.floor(rand() * 4)
      const trace = sequence(Array.from({ length: 4 + Math.floor(rand() * 16) }, () => models[Math.floor(rand() * 4)]).join(""))
      const optimum = optimalLoads(trace, { limitBytes: limit * GiB, ...sized(sizes) })
      const distinct = new Set(trace.map((r) => r.model)).size
      expect(optimum).toBeGreaterThanOrEqual(distinct)
      for (const policy of [beladyPolicy, lruPolicy, lru2Policy()]) {
        expect(simulateSequence(trace, { ...options(sizes, limit), policy }).loads).toBeGreaterThanOrEqual(optimum)
      }
    }
  })

  it("everything fits: one load per model", () => {
    expect(optimalLoads(sequence("ABCABCCBA"), { limitBytes: 6 * GiB, ...sized({ A: 1, B: 2, C: 3 }) })).toBe(3)
  })

  it("refuses what it cannot solve: a model over the limit, or one model at two contexts", () => {
    expect(() => optimalLoads(sequence("AB"), { limitBytes: 2 * GiB, ...sized({ A: 1, B: 3 }) })).toThrow(/alone is over the limit/)
    const twoContexts = [...sequence("A"), { at: 1, model: "A", durationMs: 0, numCtx: 8192 }]
    expect(() => optimalLoads(twoContexts, { limitBytes: 2 * GiB, ...sized({ A: 1 }) })).toThrow(/num_ctx 4096 and 8192/)
  })
})
