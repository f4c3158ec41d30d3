/**
 * What a text that is not a complete HTML page looks like instead — so the issue can say so: a
 * React/JSX component, an Angular or Vue template, Markdown, a stylesheet, an SVG or XML file, a
 * bare fragment, or prose. Judged on the parsed tree where it can be (attribute names, where
 * the text sits), so a page whose scripts mention `import` is still a page.
 */
import { attribute, isText, type ParsedPage } from "./parse.ts"

export type Kind =
  | { readonly kind: "page" }
  | { readonly kind: "prose" }
  | { readonly kind: "other"; readonly looksLike: string; readonly line?: number }

/** Elements whose text may be code or a code sample (a fence, `export default` …) on a real page. */
const CODE_HOSTS = new Set(["script", "style", "textarea", "pre", "code", "template", "title", "noscript"])

const JS_MODULE = /^\s*(?:import\s+[\w*{][^;\n]*\bfrom\s*["']|import\s*["']|export\s+(?:default|const|function|class)\b|"use client")/m
const JSX_RETURN = /\breturn\s*\(\s*<|=>\s*\(\s*<|\buse(?:State|Effect|Ref|Memo)\s*\(/
const MARKDOWN_LINE = /^(?:#{1,6}\s+\S|\s*[-*+]\s+\S|\s*\d+\.\s+\S|```|>\s|\|.*\|\s*$)/
/** A page's own tags, written anywhere (even where a parser would ignore them). */
const PAGE_TAG = /<!doctype\s+html|<(?:html|head|body)[\s>]/i
const CSS_RULE = /^\s*(?:[.#]?[A-Za-z][\w-]*(?:[\s>+~,.#:[\]()="'-]+[\w-]*)*|:root|\*|@media[^{]*)\s*\{[^{}]*\}/m

/** An Angular template attribute: `*ngIf`, `[value]`, `(click)`, `[(ngModel)]`, `#ref`, `@if` blocks. */
const isAngularAttribute = (name: string): boolean => /^(?:\*ng|\[\(?|\(|#)/.test(name) || /^(?:ng-|\[|\()/.test(name) && name !== "ng-app"

const lineOfMatch = (text: string, pattern: RegExp): number | undefined => {
  const match = pattern.exec(text)
  return match ? text.slice(0, match.index).split("\n").length : undefined
}

export const classify = (page: ParsedPage): Kind => {
  const { text, document, elements } = page
  const located = elements.filter((element) => element.sourceCodeLocation?.startTag)
  const explicit = (name: string) => located.some((element) => element.tagName === name)
  const hasDoctype = document.childNodes.some((node) => node.nodeName === "#documentType")
  const isPage = hasDoctype || explicit("html") || explicit("head") || explicit("body") || PAGE_TAG.test(text)

  // React/JSX: `className`, `htmlFor` or `{…}`-valued attributes, or module syntax outside scripts
  const jsxAttribute = located.find((element) => element.attrs.some((attr) => attr.name === "classname" || attr.name === "htmlfor" || /^on[a-z]+$/.test(attr.name) && /^\{.*\}$/s.test(attr.value.trim())))
  const looseText = (pattern: RegExp) =>
    elements.some((element) =>
      !CODE_HOSTS.has(element.tagName) && element.childNodes.some((child) => isText(child) && pattern.test(child.value))
    )
  if (jsxAttribute || (JS_MODULE.test(text) && (looseText(JS_MODULE) || !isPage)) || (JSX_RETURN.test(text) && looseText(JSX_RETURN))) {
    return { kind: "other", looksLike: "a React/JSX component (JavaScript with markup in it), not an HTML page", line: lineOfMatch(text, /className=|htmlFor=|\bimport\b|\bexport\b|\breturn\s*\(/) }
  }
  // Vue single-file component: a top-level <template> beside a <script> (setup or an export)
  if (!isPage && /^\s*<template[\s>]/.test(text) && /<script\b[^>]*\bsetup\b|<script\b[^>]*>[\s\S]*?export\s+default/.test(text)) {
    return { kind: "other", looksLike: "a Vue single-file component, not an HTML page", line: 1 }
  }
  // Angular: structural directives, bindings, events, control-flow blocks, ng-* elements
  const angular = located.find((element) => element.tagName.startsWith("ng-") || element.tagName === "router-outlet" || element.attrs.some((attr) => isAngularAttribute(attr.name)))
  if (angular || (!isPage && /^\s*@(?:if|for|switch)\s*\(/m.test(text))) {
    return { kind: "other", looksLike: "an Angular component template (directives, bindings or control-flow blocks), not a plain HTML page", line: angular?.sourceCodeLocation?.startLine ?? lineOfMatch(text, /^\s*@(?:if|for|switch)\s*\(/m) }
  }
  if (isPage) {
    const fence = /^[ \t]*(?:```|~~~)/m.exec(text)
    const inText = fence && elements.some((element) => !CODE_HOSTS.has(element.tagName) && element.childNodes.some((child) => isText(child) && /^[ \t]*(?:```|~~~)/m.test(child.value)))
    if (fence && inText) {
      return { kind: "other", looksLike: "a page inside a Markdown code block: remove the ``` fence lines around it", line: text.slice(0, fence.index).split("\n").length }
    }
    return { kind: "page" }
  }

  const root = located[0]
  if (/^\s*<\?xml\b/.test(text) || (root && root.namespaceURI !== "http://www.w3.org/1999/xhtml")) {
    return { kind: "other", looksLike: root?.tagName === "svg" ? "an SVG image, not an HTML page" : "an XML document, not an HTML page", line: 1 }
  }
  const lines = text.split("\n").filter((line) => line.trim() !== "")
  const markdownLines = lines.filter((line) => MARKDOWN_LINE.test(line)).length
  if (markdownLines >= 2 && markdownLines >= lines.length / 4 && located.length <= markdownLines) {
    return { kind: "other", looksLike: "Markdown, not an HTML page", line: 1 }
  }
  if (located.length === 0) {
    if (CSS_RULE.test(text)) return { kind: "other", looksLike: "a CSS stylesheet with no HTML around it", line: 1 }
    return { kind: "prose" }
  }
  const rootNames = [...new Set(located.slice(0, 3).map((element) => `<${element.tagName}>`))].join(", ")
  const withId = located.find((element) => attribute(element, "id"))
  return {
    kind: "other",
    looksLike: `a bare HTML fragment (${rootNames} …) with no <!DOCTYPE html>, <html>, <head> or <body>: expected a complete page`,
    line: withId?.sourceCodeLocation?.startLine ?? root.sourceCodeLocation?.startLine
  }
}
