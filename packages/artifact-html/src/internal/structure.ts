/**
 * Unclosed, misnested and stray tags, read from parse5's tree and source locations: an element
 * whose end tag is required by the HTML standard and absent from the source was closed by
 * something else (a parent's end tag, the end of the file, an out-of-order end tag).
 */
import { childrenOf, isElement, type Element, type IgnoredTag, type ParsedPage } from "./parse.ts"

/** Elements that never have an end tag. */
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "keygen", "basefont", "bgsound", "frame"])

/** Elements a `p` end tag may be omitted before (the HTML standard's list). */
const CLOSES_P = new Set([
  "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset", "figcaption", "figure", "footer", "form",
  "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "search", "section", "table", "ul"
])
/** Parents in which a `p` that runs to the parent's end still needs its end tag. */
const P_KEEPS_END_IN = new Set(["a", "audio", "del", "ins", "map", "noscript", "video"])

/**
 * The element that follows: an element whose end tag the source left out was closed by the start
 * of the next one or by its parent's end, so no text or comment can stand between them in the tree
 * (text a table pushes out in front of itself does, and is not what closed the element).
 */
const nextElement = (element: Element): Element | undefined => {
  const siblings = element.parentNode ? childrenOf(element.parentNode) : []
  return siblings.slice(siblings.indexOf(element) + 1).find(isElement)
}

/** Whether the standard lets this element's end tag be left out where it is (optional tags). */
const endTagOptional = (element: Element): boolean => {
  const nextTag = nextElement(element)?.tagName ?? ""
  const atEnd = nextTag === ""
  const is = (...names: string[]) => names.includes(nextTag)
  switch (element.tagName) {
    case "li":
      return is("li") || atEnd
    case "dt":
      return is("dt", "dd")
    case "dd":
      return is("dd", "dt") || atEnd
    case "rt":
    case "rp":
      return is("rt", "rp") || atEnd
    case "optgroup":
      return is("optgroup", "hr") || atEnd
    case "option":
      return is("option", "optgroup", "hr") || atEnd
    case "colgroup":
    case "caption":
      return true
    case "thead":
      return is("tbody", "tfoot")
    case "tbody":
      return is("tbody", "tfoot") || atEnd
    case "tfoot":
      return atEnd
    case "tr":
      return is("tr") || atEnd
    case "td":
    case "th":
      return is("td", "th") || atEnd
    case "p": {
      if (CLOSES_P.has(nextTag)) return true
      const parent = element.parentNode
      return atEnd && !(parent && isElement(parent) && P_KEEPS_END_IN.has(parent.tagName))
    }
    default:
      return false
  }
}

const HTML_NS = "http://www.w3.org/1999/xhtml"

const selfClosed = (page: ParsedPage, element: Element): boolean => {
  const tag = element.sourceCodeLocation?.startTag
  return tag !== undefined && page.text.slice(tag.startOffset, tag.endOffset).endsWith("/>")
}

export interface TagProblem {
  readonly kind: "unclosed" | "misnested" | "stray-end" | "misplaced"
  readonly tag: string
  readonly line: number
  /** For a misnested element: the line of the end tag that came too late. */
  readonly closedAt?: number
}

/** The document's own element (html, head, body) are judged separately: explicit tags are a floor rule of their own. */
const DOCUMENT_ELEMENTS = new Set(["html", "head", "body"])

/** Elements the tree builder creates with no tag in the source when the markup leaves them out. */
const IMPLIED = new Set(["html", "head", "body", "tbody", "tr", "colgroup", "p"])

export const tagProblems = (page: ParsedPage): TagProblem[] => {
  const problems: TagProblem[] = []
  const located = (element: Element) => element.sourceCodeLocation?.startTag !== undefined
  // One start tag, several elements: the tree builder copied a formatting element (<b>, <a>, <em>
  // …) to repair tags closed in the wrong order. Its copies carry the original's location, or
  // none at all when the adoption agency made them.
  const byStart = new Map<number, Element[]>()
  for (const element of page.elements) {
    const start = element.sourceCodeLocation?.startTag?.startOffset
    if (start !== undefined) byStart.set(start, [...(byStart.get(start) ?? []), element])
  }
  const copied = new Set<Element>()
  for (const group of byStart.values()) {
    if (group.length < 2) continue
    group.forEach((element) => copied.add(element))
    const closed = group.find((element) => element.sourceCodeLocation?.endTag)
    problems.push({ kind: "misnested", tag: group[0].tagName, line: group[0].sourceCodeLocation!.startTag!.startLine, closedAt: closed?.sourceCodeLocation?.endTag?.startLine })
  }
  // An end tag for html, head or body whose start tag was left out closes the implied element.
  const implied = new Set([...DOCUMENT_ELEMENTS].filter((name) => !page.elements.some((element) => element.tagName === name && located(element))))
  const stray: IgnoredTag[] = page.ignored.filter((tag) => tag.end && !implied.has(tag.name))
  /** The end tag that came after `element` had been closed (the tree ignored it, or gave it to a copy): taken from the stray ones. */
  const lateEndTag = (element: Element, start: number): number | undefined => {
    const late = stray.findIndex((tag) => tag.name === element.tagName && tag.offset > start)
    return late < 0 ? undefined : stray.splice(late, 1)[0].line
  }
  page.elements.forEach((element, index) => {
    // a `</br>` makes a `<br>` with no tag of its own: a stray end tag, reported as one
    if (located(element) || IMPLIED.has(element.tagName) || VOID.has(element.tagName) || element.namespaceURI !== HTML_NS) return
    const original = page.elements.slice(0, index).reverse().find((candidate) => candidate.tagName === element.tagName && located(candidate))
    if (original && copied.has(original)) return
    if (original) copied.add(original)
    const start = original?.sourceCodeLocation?.startTag
    const closedAt = original?.sourceCodeLocation?.endTag?.startLine ?? (start && lateEndTag(element, start.startOffset))
    problems.push({ kind: "misnested", tag: element.tagName, line: start?.startLine ?? 1, closedAt })
  })
  for (const element of page.elements) {
    const location = element.sourceCodeLocation
    // implied elements (tbody, html, head, body written by nobody) have no start tag in the source
    if (!location?.startTag || location.endTag || copied.has(element) || DOCUMENT_ELEMENTS.has(element.tagName)) continue
    if (VOID.has(element.tagName) || endTagOptional(element)) continue
    if (element.namespaceURI !== HTML_NS && selfClosed(page, element)) continue
    const line = location.startTag.startLine
    // its end tag came after a parent's had closed it: that end tag was ignored
    const closedAt = lateEndTag(element, location.startTag.startOffset)
    problems.push(closedAt === undefined ? { kind: "unclosed", tag: element.tagName, line } : { kind: "misnested", tag: element.tagName, line, closedAt })
  }
  for (const tag of stray) problems.push({ kind: "stray-end", tag: tag.name, line: tag.line })
  for (const tag of page.ignored) if (!tag.end) problems.push({ kind: "misplaced", tag: tag.name, line: tag.line })
  return problems.sort((a, b) => a.line - b.line)
}

/** Whether the source closes `name` (html, head or body) with an end tag, implied start or not. */
export const hasEndTag = (page: ParsedPage, element: Element | undefined, name: string): boolean =>
  element?.sourceCodeLocation?.endTag !== undefined || (element?.sourceCodeLocation?.startTag === undefined && page.ignored.some((tag) => tag.end && tag.name === name))
