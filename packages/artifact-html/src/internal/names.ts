/**
 * The names a page is made of — what a request for it would name: its title, headings, the labels
 * of its landmarks, form fields and buttons, table columns, navigation links, and element ids
 * (`loan-history`). Never its running text or comments. Judging a page against its request
 * compares these with the names the request asks for.
 */
import { attribute, isElement, textOf, type ParsedPage } from "./parse.ts"

const LANDMARKS = new Set(["header", "nav", "main", "aside", "footer", "section", "article", "form", "search", "fieldset", "dialog", "table", "figure"])
const NAMED_BY_TEXT = new Set(["title", "h1", "h2", "h3", "h4", "h5", "h6", "legend", "label", "th", "caption", "summary", "button", "figcaption", "dt", "option"])
const FIELDS = new Set(["input", "select", "textarea"])

export const pageNames = (page: ParsedPage): string[] => {
  const names = new Set<string>()
  const add = (name: string | undefined) => {
    const trimmed = name?.replace(/\s+/g, " ").trim()
    if (trimmed && trimmed.length <= 120) names.add(trimmed)
  }
  for (const element of page.elements) {
    if (element.namespaceURI !== "http://www.w3.org/1999/xhtml") continue
    const tag = element.tagName
    add(attribute(element, "id"))
    if (NAMED_BY_TEXT.has(tag)) add(textOf(element))
    if (LANDMARKS.has(tag) || FIELDS.has(tag) || attribute(element, "role")) add(attribute(element, "aria-label"))
    if (FIELDS.has(tag)) {
      add(attribute(element, "name"))
      add(attribute(element, "placeholder"))
    }
    if (tag === "a" && element.parentNode && isElement(element.parentNode) && ["nav", "li"].includes(element.parentNode.tagName)) add(textOf(element))
  }
  return [...names]
}
