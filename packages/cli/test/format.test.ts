/** The text output's figures. */
import { describe, expect, it } from "vitest"
import { elapsed } from "../src/internal/shared.ts"

describe("elapsed", () => {
  it("says a span of whole seconds in the largest units that fit, two at most", () => {
    expect([0, 59, 60, 119, 3599, 3600, 3660, 7_500, 86_399, 86_400, 90_000].map(elapsed)).toEqual([
      "0 s",
      "59 s",
      "1 min",
      "1 min",
      "59 min",
      "1 h",
      "1 h 1 min",
      "2 h 5 min",
      "23 h 59 min",
      "1 d",
      "1 d 1 h"
    ])
  })
})
