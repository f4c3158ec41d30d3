/**
 * The scoring table (the README's, in code): every issue code, its severity and the points it
 * takes off — once, or per finding up to a cap. Any error fails the artifact (core's verdict);
 * warnings lower the score and fail it only in strict mode.
 */
import type { Severity } from "@lfai/core"

export interface Rule {
  readonly severity: Severity
  /** Points per finding. */
  readonly points: number
  /** Points for all findings of this code together (default: `points`, i.e. counted once). */
  readonly cap?: number
}

export const RULES = {
  // shared
  empty: { severity: "error", points: 100 },
  "too-large": { severity: "error", points: 100 },
  "unsupported-language": { severity: "error", points: 100 },
  "not-code": { severity: "error", points: 95 },
  "wrong-type": { severity: "error", points: 90 },
  "parse-error": { severity: "error", points: 85 },
  "no-declaration": { severity: "error", points: 40 },
  "internal-error": { severity: "error", points: 100 },
  "stub-body": { severity: "warning", points: 4, cap: 8 },
  "duplicate-file": { severity: "warning", points: 5, cap: 10 },
  "file-not-judged": { severity: "info", points: 0 },
  // TypeScript / Angular
  "missing-import": { severity: "warning", points: 3, cap: 9 },
  "explicit-any": { severity: "warning", points: 3, cap: 9 },
  "no-exports": { severity: "warning", points: 5 },
  "component-without-selector": { severity: "warning", points: 5, cap: 10 },
  "component-without-template": { severity: "warning", points: 15, cap: 30 },
  "standalone-without-imports": { severity: "warning", points: 6, cap: 12 },
  "missing-template-import": { severity: "warning", points: 3, cap: 9 },
  "service-not-injectable": { severity: "warning", points: 8, cap: 16 },
  "legacy-input-output": { severity: "warning", points: 2, cap: 6 },
  "removed-signal-api": { severity: "warning", points: 5, cap: 10 },
  // C# / ASP.NET
  "no-namespace": { severity: "warning", points: 5 },
  "missing-using": { severity: "warning", points: 4, cap: 8 },
  "controller-without-apicontroller": { severity: "warning", points: 5, cap: 10 },
  "controller-without-route": { severity: "warning", points: 4, cap: 8 },
  "controller-not-derived": { severity: "warning", points: 4, cap: 8 },
  "action-without-http-method": { severity: "warning", points: 3, cap: 9 },
  "action-return-type": { severity: "warning", points: 2, cap: 6 },
  "dto-not-record": { severity: "warning", points: 2, cap: 4 },
  "async-without-suffix": { severity: "warning", points: 2, cap: 6 },
  "non-nullable-uninitialized": { severity: "warning", points: 2, cap: 6 }
} as const satisfies Record<string, Rule>

export type RuleCode = keyof typeof RULES
