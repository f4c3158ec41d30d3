/** One generated document, before it becomes a dataset example. */
import type { Kind } from "../kinds.ts"

export interface Generated {
  readonly kind: Kind
  readonly text: string
  readonly instruction: string
  readonly meta: Readonly<Record<string, unknown>>
}
