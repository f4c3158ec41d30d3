/** What every layout builder gets: the draw, the domain, the brand, and how to name and fill things. */
import type { Domain, DomainEntity, Rng } from "@lfai/artifact-kit"
import type { Child } from "./markup.ts"
import type { ValueStyle } from "./fake.ts"

export interface PageContext {
  readonly rng: Rng
  readonly domain: Domain
  readonly brand: string
  /** A BEM class name in the page's naming style. */
  readonly cls: (bem: string) => string
  readonly values: ValueStyle
}

/**
 * A layout's page: its title, body, and what a request for it says — the subject, the names it
 * lists (every one of them is a heading, label, column or link of the page) and further wishes the
 * page fulfils.
 */
export interface PageSpec {
  readonly layout: string
  readonly title: string
  readonly body: ReadonlyArray<Child>
  readonly request: PageRequest
  /** An inline script the page carries at the end of its body, if any. */
  readonly script?: string
}

export interface PageRequest {
  /** The prompt templates of the layout, filled in. */
  readonly prompts: ReadonlyArray<string>
  /** The names the prompts list (for the dataset's own checks). */
  readonly names: ReadonlyArray<string>
}

/** Entities with at least `n` attributes besides `id`. */
export const richEntities = (domain: Domain, n = 3): DomainEntity[] => domain.entities.filter((e) => e.attributes.filter((a) => a.name !== "id").length >= n)

/** Lower-cases the first letter, for a name inside a sentence. */
export const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1)
