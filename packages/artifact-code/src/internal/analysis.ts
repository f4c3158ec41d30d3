/** What a language analyser reports about one file: its declarations and its findings. */
import type { CodeLanguage } from "./language.ts"
import type { RuleCode } from "./rules.ts"

export type DeclarationKind =
  | "class"
  | "component"
  | "service"
  | "directive"
  | "pipe"
  | "module"
  | "controller"
  | "record"
  | "struct"
  | "interface"
  | "type"
  | "enum"
  | "function"
  | "method"
  | "property"
  | "constant"
  | "endpoint"
  | "route"
  /** A component's or directive's `selector`, a pipe's `name`: how templates use it. */
  | "selector"

export interface Declaration {
  readonly kind: DeclarationKind
  /** As written: `OrderService`, `getOrders`, `/api/orders/{id}`. */
  readonly name: string
  /** 1-based line in the file. */
  readonly line: number
  /** The enclosing type, for members. */
  readonly parent?: string
  /** Counts toward the artifact's floor (a class, function, record … with what the floor asks). */
  readonly floor: boolean
}

export interface Finding {
  readonly code: RuleCode
  readonly message: string
  /** 1-based line in the file. */
  readonly line?: number
}

export interface FileAnalysis {
  readonly language: CodeLanguage
  readonly declarations: ReadonlyArray<Declaration>
  /**
   * Every identifier of the code, declared or used (`FormBuilder`, `CancellationToken`), and the
   * members of string-literal union types (`"Active" | "Closed"`): what relevance matches a
   * request against. Never comments or string values.
   */
  readonly identifiers: ReadonlyArray<string>
  readonly findings: ReadonlyArray<Finding>
}

export interface AnalyseOptions {
  /** The request asks for Angular: check the Angular shape even where the file does not show it. */
  readonly angular?: boolean
}
