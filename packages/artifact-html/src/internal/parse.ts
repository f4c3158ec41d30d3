/**
 * One parse of an HTML document with parse5 (source locations on), and what the tree alone can
 * tell about its source: parse5 reports tokenizer errors only, so the tags the tree builder
 * ignored (a stray `</div>`, a second `<body>`) are found here in the parts of the source that no
 * element, comment or doctype accounts for.
 */
import { parse, type DefaultTreeAdapterTypes, type ParserError } from "parse5"

export type Node = DefaultTreeAdapterTypes.Node
export type Element = DefaultTreeAdapterTypes.Element
export type Document = DefaultTreeAdapterTypes.Document
export type DocumentType = DefaultTreeAdapterTypes.DocumentType
export type TextNode = DefaultTreeAdapterTypes.TextNode

const HTML_NS = "http://www.w3.org/1999/xhtml"

/** A tag in the source that the tree builder dropped, with its 1-based line. */
export interface IgnoredTag {
  readonly name: string
  readonly end: boolean
  readonly offset: number
  readonly line: number
}

export interface ParsedPage {
  readonly text: string
  readonly document: Document
  readonly errors: ReadonlyArray<ParserError>
  /** Every element in document order, template contents included. */
  readonly elements: ReadonlyArray<Element>
  readonly ignored: ReadonlyArray<IgnoredTag>
  /** 1-based line of a source offset. */
  readonly lineAt: (offset: number) => number
}

export const isElement = (node: Node): node is Element => "tagName" in node
export const isHtmlElement = (node: Node): node is Element => isElement(node) && node.namespaceURI === HTML_NS
export const isText = (node: Node): node is TextNode => node.nodeName === "#text"

export const childrenOf = (node: Node): ReadonlyArray<Node> => {
  const children = "childNodes" in node ? node.childNodes : []
  return node.nodeName === "template" && "content" in node ? [...children, node.content as Node] : children
}

/** Elements whose text the tokenizer reads raw: a `<` inside them is not a tag. */
const RAW_TEXT = new Set(["script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"])

const lineIndex = (text: string): ((offset: number) => number) => {
  const starts = [0]
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1)
  return (offset) => {
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid] <= offset) lo = mid
      else hi = mid - 1
    }
    return lo + 1
  }
}

// What the data-state tokenizer reads as a tag: `<` or `</` followed by an ASCII letter, up to
// its `>` (a tag the file ends inside is a tokenizer error parse5 reports itself).
const TAG = /<(\/?)([A-Za-z][^\s/>]*)[^>]*>/g

export const parsePage = (text: string): ParsedPage => {
  const errors: ParserError[] = []
  const document = parse(text, { sourceCodeLocationInfo: true, onParseError: (error) => errors.push(error) })
  const lineAt = lineIndex(text)
  const elements: Element[] = []
  // What the tree accounts for: every tag, comment and doctype, and the raw text of script-like
  // elements. Text nodes are not trusted for this: parse5 merges the text on both sides of an
  // ignored tag into one node whose location spans the tag.
  const accounted: Array<readonly [number, number]> = []
  const walk = (node: Node) => {
    const location = node.sourceCodeLocation
    if (isElement(node)) {
      elements.push(node)
      const startTag = node.sourceCodeLocation?.startTag
      const endTag = node.sourceCodeLocation?.endTag
      if (startTag) accounted.push([startTag.startOffset, startTag.endOffset])
      if (endTag) accounted.push([endTag.startOffset, endTag.endOffset])
      // without its end tag, the tokenizer read the rest of the file as the element's text
      if (startTag && RAW_TEXT.has(node.tagName) && isHtmlElement(node)) accounted.push([startTag.endOffset, endTag?.startOffset ?? text.length])
    } else if (location && !isText(node)) accounted.push([location.startOffset, location.endOffset])
    for (const child of childrenOf(node)) walk(child)
  }
  walk(document)
  accounted.sort((a, b) => a[0] - b[0])
  const ignored: IgnoredTag[] = []
  const tagsIn = (from: number, to: number) => {
    for (const match of text.slice(from, to).matchAll(TAG)) {
      const offset = from + (match.index ?? 0)
      ignored.push({ name: match[2].toLowerCase(), end: match[1] === "/", offset, line: lineAt(offset) })
    }
  }
  let at = 0
  for (const [start, end] of accounted) {
    if (start > at) tagsIn(at, start)
    at = Math.max(at, end)
  }
  if (at < text.length) tagsIn(at, text.length)
  return { text, document, errors, elements, ignored, lineAt }
}

/** The element's own text, whitespace collapsed (script and style content left out). */
export const textOf = (node: Node): string => {
  const parts: string[] = []
  const walk = (n: Node) => {
    if (isText(n)) parts.push(n.value)
    else if (!(isElement(n) && (n.tagName === "script" || n.tagName === "style" || n.tagName === "template"))) for (const child of childrenOf(n)) walk(child)
  }
  walk(node)
  return parts.join(" ").replace(/\s+/g, " ").trim()
}

export const attribute = (element: Element, name: string): string | undefined => element.attrs.find((attr) => attr.name === name)?.value

/** 1-based line of an element's start tag, when it has one in the source. */
export const lineOf = (node: Node): number | undefined => node.sourceCodeLocation?.startLine ?? undefined
