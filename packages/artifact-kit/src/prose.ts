/**
 * Writing requests as people write them, for the dataset generators: lists in the styles people
 * use, sentences put together in varied registers (terse, plain, polite, a paragraph, a list of
 * requirements). Only the wording varies: what a request asks for is the caller's, and must be
 * what the answer holds.
 */
import type { DomainRelation } from "./domains/model.ts"
import { article, pluralPhrase, words } from "./names.ts"
import type { Rng } from "./rng.ts"

/** `Order` → `order`, `A book` → `a book`, but `API`, `iPhone` and a pair such as `Yes/No` stay as they are. */
export const lowerFirst = (text: string): string =>
  /^\p{Lu}(?:\p{Ll}|\s)/u.test(text) && !/^\S*\/\p{Lu}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text

export const upperFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/** `["a", "b", "c"]` in one of the ways people write a list: `a, b and c`, `a, b, and c`, `a, b, c`. */
export const enumerate = (rng: Rng, items: ReadonlyArray<string>): string => {
  if (items.length <= 1) return items[0] ?? ""
  if (items.length === 2) return `${items[0]} ${rng.pick(["and", "and", "&"])} ${items[1]}`
  const head = items.slice(0, -1).join(", ")
  const last = items[items.length - 1]
  return rng.weighted([
    [`${head} and ${last}`, 5],
    [`${head}, and ${last}`, 2],
    [`${items.join(", ")}`, 3]
  ])
}

const STOP = new Set(["the", "a", "an", "its", "their", "his", "her", "our", "your", "every", "each"])

/** A step label without its articles: `Charge the card` → `Charge card`. */
export const withoutArticles = (label: string): string =>
  label
    .split(/\s+/)
    .filter((word) => !STOP.has(word.toLowerCase()))
    .join(" ")

/** A method name for a step: `Charge the card` → `chargeCard`, `Check out` → `checkOut`. */
export const methodName = (label: string): string => {
  const all = words(withoutArticles(label)).map((w) => w.toLowerCase())
  return all.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join("")
}

/** A relation in words, as true as the model says it: `a customer places orders`, `an order ships as at most one shipment`. */
export const relationSentence = (relation: DomainRelation): string => {
  const from = words(relation.from).map((w) => w.toLowerCase()).join(" ")
  const to = words(relation.to).map((w) => w.toLowerCase()).join(" ")
  const object = relation.kind === "11" ? `one ${to}` : relation.kind === "01" ? `at most one ${to}` : pluralPhrase(relation.to)
  return `${article(from)} ${from} ${relation.verb.replace(/_/g, " ")} ${object}`
}

/** How formally a request is written. */
export type Register = "terse" | "plain" | "polite" | "story" | "spec"

export interface RequestDraft {
  /** What the whole request is for, in the chosen register's own words (each a complete sentence or fragment). */
  readonly ask: { readonly terse: string; readonly plain: string; readonly polite: string }
  /** A sentence or two of context (the business, the team, the reason), used by the story register. */
  readonly context?: string
  /** Further requirements, each true of the answer: `Mark the primary keys.` */
  readonly details: ReadonlyArray<string>
}

/** A sentence's full stop, unless it has one (a closing parenthesis is no full stop: `(OrderStatus).`). */
const end = (text: string) => (/[.!?:]\)?$/.test(text) ? text : `${text}.`)

/**
 * A request in one of five registers: `terse` (a fragment, details run on after a full stop or a
 * semicolon: each detail stays a sentence of its own, so a list in one never runs into the next), `plain` (sentences), `polite` (a question with "please"), `story` (context first,
 * then the ask), `spec` (the ask, then the details as a bulleted list). Details are kept in order
 * and all of them said: the caller decides what is asked.
 */
export const writeRequest = (rng: Rng, draft: RequestDraft, register: Register): string => {
  const details = draft.details.map((detail) => detail.trim()).filter((detail) => detail !== "")
  switch (register) {
    case "terse": {
      const lower = details.map((detail) => lowerFirst(detail).replace(/\.$/, ""))
      if (lower.length === 0) return draft.ask.terse
      return `${draft.ask.terse}${rng.pick([". ", "; "])}${lower.join(rng.pick(["; ", ". "]))}`
    }
    case "plain":
      return [end(draft.ask.plain), ...details.map(end)].join(" ")
    case "polite":
      return [end(draft.ask.polite), ...details.map(end)].join(" ")
    case "story":
      return [draft.context ? end(draft.context) : undefined, end(draft.ask.plain), ...details.map(end)].filter((part) => part !== undefined).join(rng.chance(0.3) ? "\n\n" : " ")
    case "spec": {
      if (details.length === 0) return end(draft.ask.plain)
      const bullet = rng.pick(["-", "*", "•"])
      const heading = rng.pick(["Requirements:", "Details:", "Notes:", "What I need:"])
      const items = details.map((detail) => `${bullet} ${detail.replace(/\.$/, "")}`)
      return `${end(draft.ask.plain)}\n\n${heading}\n${items.join("\n")}`
    }
  }
}

/** A register, the plain ones more often. */
export const pickRegister = (rng: Rng): Register =>
  rng.weighted<Register>([
    ["terse", 3],
    ["plain", 4],
    ["polite", 2],
    ["story", 2],
    ["spec", 2]
  ])

/** Verbs whose last consonant doubles before -ing (`ship` → `shipping`, `admit` → `admitting`). */
const DOUBLED = new Set([
  "ship", "plan", "stop", "run", "get", "put", "set", "shop", "drop", "chat", "log", "tag", "map", "scan", "pin", "swap", "sit", "bid", "dig", "cut",
  "let", "step", "skip", "trim", "top", "rob", "sub", "clip", "admit", "commit", "submit", "permit", "omit", "refer", "transfer", "occur", "equip",
  "regret", "forget", "begin", "quit", "win", "spin", "swim", "ban", "chip", "flag", "jog", "hug", "nod", "beg", "rub", "wrap", "zip"
])

/** An imperative phrase as a gerund: `Place an order` → `placing an order`, `Ship it` → `shipping it`. */
export const gerund = (imperative: string): string => {
  const [verb, ...rest] = imperative.trim().split(/\s+/)
  const v = verb.toLowerCase()
  const ing = DOUBLED.has(v)
    ? `${v}${v.charAt(v.length - 1)}ing`
    : /ie$/.test(v)
      ? `${v.slice(0, -2)}ying`
      : /[^e]e$/.test(v)
        ? `${v.slice(0, -1)}ing`
        : `${v}ing`
  return [ing, ...rest].join(" ")
}
