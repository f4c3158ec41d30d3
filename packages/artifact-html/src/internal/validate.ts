/**
 * The HTML page validator: the floor (a complete, well-formed HTML5 page) and the scored checks
 * above it. Pure, deterministic, never throws.
 */
import { judgeSafely, scoreRelevance, type ScoreSheet } from "@lfai/artifact-kit"
import type { ValidateOptions, Validation } from "@lfai/core"
import { classify } from "./kind.ts"
import { pageNames } from "./names.ts"
import { attribute, isElement, isHtmlElement, isText, parsePage, textOf, type DocumentType, type Element, type Node, type ParsedPage } from "./parse.ts"
import { hasEndTag, tagProblems } from "./structure.ts"

/** Larger answers are refused before parsing (a page prototype is a few hundred lines). */
export const MAX_PAGE_CHARS = 1_000_000

/** Points taken off per finding; the README's scoring table lists the same numbers. */
export const PENALTIES = {
  empty: 100,
  "too-large": 100,
  "not-html": 95,
  "wrong-type": 90,
  "parse-error": { each: 20, cap: 60 },
  "missing-doctype": 15,
  "missing-start-tag": 10,
  "missing-end-tag": 10,
  "unclosed-element": { each: 10, cap: 40 },
  "misnested-element": { each: 10, cap: 30 },
  "stray-end-tag": { each: 8, cap: 24 },
  "misplaced-content": { each: 8, cap: 24 },
  "missing-title": 15,
  "too-few-elements": 30,
  "missing-lang": 4,
  "missing-charset": 4,
  "missing-viewport": 4,
  "img-without-alt": { each: 3, cap: 12 },
  "unlabeled-control": { each: 3, cap: 12 },
  "duplicate-id": { each: 3, cap: 9 },
  "insecure-resource": { each: 5, cap: 10 },
  "inline-style": { each: 1, cap: 6 },
  "unstyled-page": 5
} as const

export const MIN_BODY_ELEMENTS = 5

/** What parse5's error codes mean, in the words a repair prompt needs. */
const PARSE_ERRORS: Readonly<Record<string, string>> = {
  "eof-in-tag": "the document ends inside a tag (cut off?)",
  "eof-in-comment": "the document ends inside a comment (cut off?)",
  "eof-in-doctype": "the document ends inside the doctype",
  "eof-in-script-html-comment-like-text": "the document ends inside a script",
  "eof-in-element-that-can-contain-only-text": "the document ends inside a <script>, <style>, <title> or <textarea> (cut off?)",
  "eof-before-tag-name": "the document ends after a `<`",
  "missing-whitespace-between-attributes": "two attributes run together without a space",
  "duplicate-attribute": "an attribute is given twice on one element",
  "non-void-html-element-start-tag-with-trailing-solidus": "`<tag/>` does not close a non-void HTML element: write `<tag></tag>`",
  "end-tag-with-attributes": "an end tag carries attributes",
  "unexpected-character-in-attribute-name": "an attribute name holds a quote, `<` or `=`",
  "unexpected-character-in-unquoted-attribute-value": "an unquoted attribute value holds a quote, `<`, `=` or backtick: quote it",
  "missing-attribute-value": "an attribute has `=` but no value",
  "unexpected-equals-sign-before-attribute-name": "an attribute starts with `=`",
  "invalid-first-character-of-tag-name": "`<` is followed by a character that cannot start a tag: write `&lt;` for a literal `<`",
  "unknown-named-character-reference": "an unknown character reference (`&name;`)",
  "missing-semicolon-after-character-reference": "a character reference without its `;`",
  "abrupt-closing-of-empty-comment": "`<!-->` is not a comment",
  "incorrectly-opened-comment": "a comment must open with `<!--`",
  "nested-comment": "a comment inside a comment",
  "misplaced-doctype": "a second or misplaced <!DOCTYPE>",
  "abandoned-head-element-child": "a head element (meta, link, title, style, script …) after `</head>`: move it into the head",
  "end-tag-without-matching-open-element": "an end tag in <head> that closes nothing",
  "closing-of-element-with-open-child-elements": "a template closed with elements still open in it",
  "open-elements-left-after-eof": "elements left open at the end of the document"
}

/** parse5 codes a floor rule of its own reports, with a better line and message (a second `<head>` is misplaced content). */
const OWN_RULES = new Set(["missing-doctype", "non-conforming-doctype", "misplaced-start-tag-for-head-element"])

const TABLE_PARTS = new Set(["caption", "col", "colgroup", "tbody", "thead", "tfoot", "tr", "td", "th"])

/** Why the tree builder drops a start tag, for the tags pages most often misplace. */
const whyIgnored = (tag: string): string =>
  ["html", "head", "body"].includes(tag) ? ": a page has one `<html>`, one `<head>` and one `<body>`" : TABLE_PARTS.has(tag) ? ": a table part belongs inside a `<table>`" : ""

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`

const findFirst = (page: ParsedPage, predicate: (element: Element) => boolean) => page.elements.find(predicate)

const floor = (page: ParsedPage, sheet: ScoreSheet): void => {
  const lastLine = page.lineAt(page.text.length)
  sheet.each(
    "error",
    "parse-error",
    page.errors
      .filter((error) => !OWN_RULES.has(error.code))
      .map((error) => ({
        // where the file ends is no place to point at: a column there only says how long the text is
        message: `HTML parse error (${error.code})${error.code.startsWith("eof-") ? "" : ` at column ${error.startCol}`}: ${PARSE_ERRORS[error.code] ?? "the HTML standard does not allow this"}.`,
        line: error.startLine
      })),
    PENALTIES["parse-error"].each,
    PENALTIES["parse-error"].cap
  )

  const doctype = page.document.childNodes.find((node): node is DocumentType => node.nodeName === "#documentType")
  if (!doctype) sheet.error("missing-doctype", "The page does not start with `<!DOCTYPE html>`.", PENALTIES["missing-doctype"], 1)
  else if (doctype.name !== "html" || doctype.publicId !== "" || !["", "about:legacy-compat"].includes(doctype.systemId)) {
    sheet.error("missing-doctype", "The doctype is a legacy one: an HTML5 page starts with `<!DOCTYPE html>`.", PENALTIES["missing-doctype"], doctype.sourceCodeLocation?.startLine ?? 1)
  }

  const html = findFirst(page, (element) => element.tagName === "html" && isHtmlElement(element))
  const head = findFirst(page, (element) => element.tagName === "head" && isHtmlElement(element))
  const body = findFirst(page, (element) => element.tagName === "body" && isHtmlElement(element))
  const firstLineIn = (element: Element | undefined) => {
    const located = element && page.elements.find((candidate) => candidate.sourceCodeLocation && isInside(candidate, element))
    return located?.sourceCodeLocation?.startLine ?? 1
  }
  for (const [name, element] of [["html", html], ["head", head], ["body", body]] as const) {
    if (!element?.sourceCodeLocation?.startTag) {
      sheet.error("missing-start-tag", `The \`<${name}>\` start tag is missing: write it explicitly.`, PENALTIES["missing-start-tag"], firstLineIn(element))
    }
  }
  for (const [name, element] of [["body", body], ["html", html]] as const) {
    if (!hasEndTag(page, element, name)) {
      sheet.error("missing-end-tag", `The \`</${name}>\` end tag is missing${name === "html" ? " at the end of the page" : ""}.`, PENALTIES["missing-end-tag"], lastLine)
    }
  }

  const problems = tagProblems(page)
  const of = (kind: string) => problems.filter((problem) => problem.kind === kind)
  sheet.each(
    "error",
    "unclosed-element",
    of("unclosed").map((p) => ({ message: `\`<${p.tag}>\` is never closed: add \`</${p.tag}>\` where it ends.`, line: p.line })),
    PENALTIES["unclosed-element"].each,
    PENALTIES["unclosed-element"].cap
  )
  sheet.each(
    "error",
    "misnested-element",
    of("misnested").map((p) => ({ message: `\`<${p.tag}>\` is closed out of order${p.closedAt ? ` (its \`</${p.tag}>\` is on line ${p.closedAt})` : ""}: close elements in the reverse order they were opened, and never close an inline element around a block.`, line: p.line })),
    PENALTIES["misnested-element"].each,
    PENALTIES["misnested-element"].cap
  )
  sheet.each(
    "error",
    "stray-end-tag",
    of("stray-end").map((p) => ({ message: `\`</${p.tag}>\` closes no open element: remove it or open the element it means to close.`, line: p.line })),
    PENALTIES["stray-end-tag"].each,
    PENALTIES["stray-end-tag"].cap
  )
  const misplaced = of("misplaced").map((p) => ({ message: `\`<${p.tag}>\` is not allowed here and is ignored by browsers${whyIgnored(p.tag)}.`, line: p.line }))
  const bodyEnd = body?.sourceCodeLocation?.endTag
  if (body && bodyEnd) {
    // the tree builder puts what follows `</body>` back in the body: elements after its end tag,
    // and text it appends to the body's last text node (whose source then runs past the end tag)
    const late = [
      ...page.elements.filter((element) => isInside(element, body) && (element.sourceCodeLocation?.startOffset ?? 0) > bodyEnd.startOffset).map((element) => element.sourceCodeLocation!.startOffset),
      ...body.childNodes.filter(isText).map((node) => visibleAfter(page.text, node, bodyEnd.endOffset)).filter((offset) => offset !== undefined)
    ]
    if (late.length > 0) misplaced.push({ message: "Content after `</body>`: everything visible belongs inside the body.", line: page.lineAt(Math.min(...late)) })
  }
  sheet.each("error", "misplaced-content", misplaced.sort((a, b) => a.line - b.line), PENALTIES["misplaced-content"].each, PENALTIES["misplaced-content"].cap)

  const title = head && findFirst(page, (element) => element.tagName === "title" && isHtmlElement(element) && isInside(element, head))
  if (!title) sheet.error("missing-title", "The page has no `<title>` in its `<head>`.", PENALTIES["missing-title"], head?.sourceCodeLocation?.startLine ?? 1)
  else if (textOf(title) === "") sheet.error("missing-title", "The `<title>` is empty.", PENALTIES["missing-title"], title.sourceCodeLocation?.startLine)

  // a template's content is a fragment of its own, not inside the body
  const content = body ? page.elements.filter((element) => isInside(element, body) && element !== body && element.tagName !== "script" && element.tagName !== "style") : []
  if (content.length < MIN_BODY_ELEMENTS) {
    sheet.error(
      "too-few-elements",
      `The body holds ${plural(content.length, "element")} (scripts and styles not counted); a page needs at least ${MIN_BODY_ELEMENTS}.`,
      PENALTIES["too-few-elements"],
      body?.sourceCodeLocation?.startLine ?? 1
    )
  }
}

/** Where the first visible character of a text node's source after `from` is: whitespace, comments and tags are not visible. */
const visibleAfter = (text: string, node: Node, from: number): number | undefined => {
  const end = node.sourceCodeLocation?.endOffset ?? 0
  if (end <= from) return undefined
  const hidden = /(?:\s|<!--[\s\S]*?-->|<\/?[A-Za-z][^>]*>)*/y
  hidden.lastIndex = Math.max(from, node.sourceCodeLocation?.startOffset ?? end)
  hidden.exec(text.slice(0, end))
  return hidden.lastIndex < end ? hidden.lastIndex : undefined
}

const isInside = (node: Element, ancestor: Element): boolean => {
  for (let at = node.parentNode; at; at = "parentNode" in at ? at.parentNode : null) if (at === ancestor) return true
  return false
}

/**
 * Elements as the source writes them, one per start tag: the browser's copies of a misnested
 * formatting element (`<b>`, `<a>` …) repeat its tag and its attributes, or carry no location at all.
 */
const written = (elements: ReadonlyArray<Element>): Element[] => {
  const starts = new Set<number>()
  return elements.filter((element) => {
    const start = element.sourceCodeLocation?.startTag?.startOffset
    if (start === undefined || starts.has(start)) return false
    starts.add(start)
    return true
  })
}

const CONTROLS_WITHOUT_LABEL = new Set(["hidden", "submit", "button", "reset", "image"])

const quality = (page: ParsedPage, sheet: ScoreSheet): void => {
  const html = page.elements.filter(isHtmlElement)
  const root = html.find((element) => element.tagName === "html")
  if (root && (attribute(root, "lang") ?? "").trim() === "") sheet.warn("missing-lang", "`<html>` has no `lang` attribute (screen readers and translators need the page's language).", PENALTIES["missing-lang"], root.sourceCodeLocation?.startLine ?? 1)
  const metas = html.filter((element) => element.tagName === "meta")
  const charset = metas.some((meta) => attribute(meta, "charset") !== undefined || /charset=/i.test(attribute(meta, "content") ?? ""))
  const head = html.find((element) => element.tagName === "head")
  const headLine = head?.sourceCodeLocation?.startLine ?? 1
  if (!charset) sheet.warn("missing-charset", "No `<meta charset=\"utf-8\">` in the head.", PENALTIES["missing-charset"], headLine)
  if (!metas.some((meta) => (attribute(meta, "name") ?? "").toLowerCase() === "viewport")) {
    sheet.warn("missing-viewport", "No `<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">`: the page will not fit small screens.", PENALTIES["missing-viewport"], headLine)
  }

  sheet.each(
    "warning",
    "img-without-alt",
    html.filter((element) => element.tagName === "img" && attribute(element, "alt") === undefined).map((img) => ({ message: "`<img>` without an `alt` attribute (use `alt=\"\"` for a decorative image).", line: img.sourceCodeLocation?.startLine })),
    PENALTIES["img-without-alt"].each,
    PENALTIES["img-without-alt"].cap
  )

  const labelled = new Set(html.filter((element) => element.tagName === "label").map((label) => attribute(label, "for")).filter((id) => id !== undefined))
  const insideLabel = (element: Element) => {
    for (let at = element.parentNode; at && isElement(at); at = at.parentNode) if (at.tagName === "label") return true
    return false
  }
  const unlabeled = html.filter((element) => {
    if (!["input", "select", "textarea"].includes(element.tagName)) return false
    if (element.tagName === "input" && CONTROLS_WITHOUT_LABEL.has((attribute(element, "type") ?? "text").toLowerCase())) return false
    const id = attribute(element, "id")
    return !(id && labelled.has(id)) && !insideLabel(element) && !attribute(element, "aria-label") && !attribute(element, "aria-labelledby") && !attribute(element, "title")
  })
  sheet.each(
    "warning",
    "unlabeled-control",
    unlabeled.map((control) => ({ message: `\`<${control.tagName}${attribute(control, "name") ? ` name="${attribute(control, "name")}"` : ""}>\` has no label (a \`<label for>\`, a wrapping \`<label>\` or \`aria-label\`).`, line: control.sourceCodeLocation?.startLine })),
    PENALTIES["unlabeled-control"].each,
    PENALTIES["unlabeled-control"].cap
  )

  const seen = new Map<string, number>()
  const duplicates: Array<{ message: string; line?: number }> = []
  for (const element of written(html)) {
    const id = attribute(element, "id")
    if (id === undefined || id === "") continue
    if (seen.has(id)) duplicates.push({ message: `The id "${id}" is used twice (first at line ${seen.get(id)}).`, line: element.sourceCodeLocation?.startLine })
    else seen.set(id, element.sourceCodeLocation?.startLine ?? 1)
  }
  sheet.each("warning", "duplicate-id", duplicates, PENALTIES["duplicate-id"].each, PENALTIES["duplicate-id"].cap)

  const isStylesheet = (element: Element) => element.tagName === "link" && /(?:^|\s)stylesheet(?:\s|$)/i.test(attribute(element, "rel") ?? "")
  const insecure = html.filter((element) => /^\s*http:\/\//i.test((element.tagName === "script" ? attribute(element, "src") : isStylesheet(element) ? attribute(element, "href") : undefined) ?? ""))
  sheet.each(
    "warning",
    "insecure-resource",
    insecure.map((element) => ({ message: `\`<${element.tagName}>\` loads ${element.tagName === "script" ? "a script" : "a stylesheet"} over plain http: use https (or ship it inline).`, line: element.sourceCodeLocation?.startLine })),
    PENALTIES["insecure-resource"].each,
    PENALTIES["insecure-resource"].cap
  )

  const styled = written(html).filter((element) => attribute(element, "style") !== undefined)
  const sheets = html.filter((element) => element.tagName === "style" || isStylesheet(element))
  if (styled.length > 0) {
    const points = Math.min(PENALTIES["inline-style"].cap, styled.length * PENALTIES["inline-style"].each)
    const carry = styled.length === 1 ? "carries an inline `style` attribute" : "carry inline `style` attributes"
    sheet.warn("inline-style", `${plural(styled.length, "element")} ${carry}: put the rules in the page's \`<style>\` sheet.`, points, styled[0].sourceCodeLocation?.startLine)
  } else if (sheets.length === 0) {
    sheet.warn("unstyled-page", "The page has no CSS: a prototype carries its styles in a `<style>` element in the head.", PENALTIES["unstyled-page"], headLine)
  }
}

/** Validates `content` as a complete HTML page. Pure, deterministic, never throws. */
export const validatePage = (content: string, options?: ValidateOptions): Validation =>
  judgeSafely(options, (sheet) => {
    const text = typeof content === "string" ? content : String(content ?? "")
    if (text.trim() === "") sheet.error("empty", "The answer is empty: expected a complete HTML page.", PENALTIES.empty)
    else if (text.length > MAX_PAGE_CHARS) sheet.error("too-large", `The page is ${text.length} characters long; at most ${MAX_PAGE_CHARS} are judged.`, PENALTIES["too-large"])
    else {
      const page = parsePage(text)
      const kind = classify(page)
      if (kind.kind === "prose") sheet.error("not-html", "No HTML found: expected a complete page starting with `<!DOCTYPE html>`.", PENALTIES["not-html"], 1)
      else if (kind.kind === "other") sheet.error("wrong-type", `Expected a complete HTML page; this looks like ${kind.looksLike}.`, PENALTIES["wrong-type"], kind.line ?? 1)
      else {
        floor(page, sheet)
        quality(page, sheet)
        // Judged against the request: the parts it names must be on the page.
        if (typeof options?.request === "string" && options.request.trim() !== "") {
          scoreRelevance(sheet, options.request, { noun: "page's headings, labels and landmarks", names: pageNames(page) })
        }
      }
    }
  })
