/** Turning one name into the spellings artifacts use. */

/** `OrderLine` → `["Order", "Line"]`, `order_line` → `["order", "line"]`, `Order line` → `["Order", "line"]`. Any script. */
export const words = (name: string): string[] =>
  name
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, "$1 $2")
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((word) => word !== "")

const cap = (word: string) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()

export const snakeCase = (name: string): string => words(name).map((w) => w.toLowerCase()).join("_")
export const upperSnakeCase = (name: string): string => words(name).map((w) => w.toUpperCase()).join("_")
export const pascalCase = (name: string): string => words(name).map(cap).join("")
export const camelCase = (name: string): string => {
  const pascal = pascalCase(name)
  return pascal.charAt(0).toLowerCase() + pascal.slice(1)
}
/** `OrderLine` → `Order line`. */
export const sentenceCase = (name: string): string => {
  const all = words(name).map((w) => w.toLowerCase())
  return all.length === 0 ? "" : [cap(all[0]), ...all.slice(1)].join(" ")
}
/** `OrderLine` → `Order Line`. */
export const titleCase = (name: string): string => words(name).map(cap).join(" ")
/** `places_order` → `places order`. */
export const phrase = (name: string): string => words(name).map((w) => w.toLowerCase()).join(" ")

const UNCOUNTABLE = new Set(["equipment", "media", "housekeeping", "feedback", "software", "inventory", "staff", "data", "series", "baggage", "luggage"])

/** `OrderLine` → `order lines`, `Address` → `addresses`, `Equipment` → `equipment`. */
export const pluralPhrase = (name: string): string => {
  const all = words(name).map((w) => w.toLowerCase())
  const last = all.pop() ?? ""
  const plural = UNCOUNTABLE.has(last) ? last : last.endsWith("person") ? `${last.slice(0, -6)}people` : /(?:s|x|ch|sh)$/.test(last) ? `${last}es` : /[^aeiou]y$/.test(last) ? `${last.slice(0, -1)}ies` : `${last}s`
  return [...all, plural].join(" ")
}

/** "a" or "an" for a word, by its first letter. */
export const article = (word: string): string => (/^[aeiou]/i.test(word.trim()) ? "an" : "a")

/** `Nova Care` → `Nova Care's`, `Harbor Goods` → `Harbor Goods'`. */
export const possessive = (name: string): string => (name.endsWith("s") ? `${name}'` : `${name}'s`)

/** `["a", "b", "c"]` → `a, b and c`. */
export const listing = (items: ReadonlyArray<string>, and = "and"): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} ${and} ${items[items.length - 1]}`
