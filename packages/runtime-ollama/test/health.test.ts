/** A host's health: when it is marked down, when it comes back, how long between probes. */
import { describe, expect, it } from "vitest"
import { Health } from "../src/internal/health.ts"

describe("Health", () => {
  it("a refused connection (hard) marks the host down at once; an answer brings it back", () => {
    const health = new Health()
    expect(health.up).toBe(true)
    expect(health.failure("hard")).toBe(true)
    expect(health.up).toBe(false)
    expect(health.failure("hard")).toBe(false) // already down: no second transition
    expect(health.success()).toBe(true)
    expect(health.up).toBe(true)
    expect(health.success()).toBe(false)
  })

  it("5xx and dropped connections (soft) mark it down only when repeated; an answer in between starts the count again", () => {
    const health = new Health({ downAfter: 3 })
    expect(health.failure("soft")).toBe(false)
    expect(health.failure("soft")).toBe(false)
    health.success()
    expect(health.failure("soft")).toBe(false)
    expect(health.failure("soft")).toBe(false)
    expect(health.up).toBe(true)
    expect(health.failure("soft")).toBe(true)
    expect(health.up).toBe(false)
  })

  it("the back-off between probes doubles up to its cap and starts over once the host answers", () => {
    const health = new Health({ backoffMs: 100, maxBackoffMs: 500 })
    health.failure("hard")
    expect([health.backoff(), health.backoff(), health.backoff(), health.backoff(), health.backoff()]).toEqual([100, 200, 400, 500, 500])
    health.success()
    health.failure("hard")
    expect(health.backoff()).toBe(100)
  })
})
