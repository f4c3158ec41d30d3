/**
 * A small element tree and its serialisation in the styles people write HTML in: indentation
 * unit, short elements on one line, void elements with or without ` />`.
 */

export interface El {
  readonly tag: string
  readonly attrs: ReadonlyArray<readonly [string, string | true]>
  readonly children: ReadonlyArray<Child>
}
export type Child = El | string

export const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"])
const INLINE = new Set(["a", "abbr", "b", "button", "code", "em", "i", "img", "input", "kbd", "label", "mark", "meter", "output", "progress", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "var", "data", "select", "textarea", "br"])

type AttrValue = string | number | boolean | undefined | null
/** Children as layouts pass them: nested lists, and `false`/`undefined` for parts left out. */
export type Children = Child | false | null | undefined | ReadonlyArray<Children>

const flatten = (children: ReadonlyArray<Children>): Child[] =>
  children.flatMap((child): Child[] => (Array.isArray(child) ? flatten(child) : child === false || child === null || child === undefined || child === "" ? [] : [child as Child]))

/** `h("a", { href: "#", class: "link" }, "Home")`; false, null and undefined attributes are left out. */
export const h = (tag: string, attrs: Readonly<Record<string, AttrValue>> | null = null, ...children: ReadonlyArray<Children>): El => ({
  tag,
  attrs: Object.entries(attrs ?? {}).flatMap(([name, value]): Array<readonly [string, string | true]> =>
    value === undefined || value === null || value === false ? [] : [[name, value === true ? true : String(value)]]
  ),
  children: flatten(children)
})

export interface MarkupStyle {
  /** One indentation step: two or four spaces, or a tab. */
  readonly indent: string
  /** Longest line an element is kept on when its content is short and inline. */
  readonly inlineMax: number
  /** `<br />` rather than `<br>`. */
  readonly selfCloseVoid: boolean
  /** Short table rows (and a short `<thead>`) written on one line. */
  readonly compactRows: boolean
}

const ROWS = new Set(["thead", "tfoot", "tr", "th", "td"])

const escapeText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
const escapeAttr = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;")

const openTag = (el: El, style: MarkupStyle) => {
  const attrs = el.attrs.map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeAttr(value)}"`)).join("")
  return `<${el.tag}${attrs}${VOID.has(el.tag) && style.selfCloseVoid ? " /" : ""}>`
}

/** The element on one line, or undefined when it holds block content. */
const oneLine = (el: El, style: MarkupStyle): string | undefined => {
  if (VOID.has(el.tag)) return openTag(el, style)
  if (el.tag === "style" || el.tag === "script") return undefined
  let inner = ""
  for (const child of el.children) {
    if (typeof child === "string") inner += escapeText(child)
    else {
      if (!INLINE.has(child.tag) && !(style.compactRows && ROWS.has(child.tag))) return undefined
      const line = oneLine(child, style)
      if (line === undefined) return undefined
      inner += line
    }
  }
  return `${openTag(el, style)}${inner}</${el.tag}>`
}

/** Raw text (CSS, a script) placed inside `<style>`/`<script>` at the element's depth. */
export const raw = (tag: "style" | "script", text: string, attrs: Readonly<Record<string, AttrValue>> | null = null): El => ({ ...h(tag, attrs), children: [{ tag: "#raw", attrs: [], children: [text] }] })

export const render = (el: El, style: MarkupStyle, depth = 0): string[] => {
  const pad = style.indent.repeat(depth)
  if (el.tag === "#raw") {
    const text = String(el.children[0] ?? "")
    return text.split("\n").map((line) => (line === "" ? "" : pad + line))
  }
  if (VOID.has(el.tag)) return [pad + openTag(el, style)]
  const line = oneLine(el, style)
  if (line !== undefined && pad.length + line.length <= style.inlineMax) return [pad + line]
  const out = [pad + openTag(el, style)]
  for (const child of el.children) {
    if (typeof child === "string") out.push(style.indent.repeat(depth + 1) + escapeText(child))
    else out.push(...render(child, style, depth + 1))
  }
  out.push(`${pad}</${el.tag}>`)
  return out
}

/** Every class name used in a tree, for the stylesheet to cover. */
export const classesIn = (nodes: ReadonlyArray<Child>): Set<string> => {
  const out = new Set<string>()
  const walk = (child: Child) => {
    if (typeof child === "string") return
    for (const [name, value] of child.attrs) if (name === "class" && typeof value === "string") for (const c of value.split(/\s+/)) if (c) out.add(c)
    child.children.forEach(walk)
  }
  nodes.forEach(walk)
  return out
}

/** Every tag used in a tree. */
export const tagsIn = (nodes: ReadonlyArray<Child>): Set<string> => {
  const out = new Set<string>()
  const walk = (child: Child) => {
    if (typeof child === "string") return
    out.add(child.tag)
    child.children.forEach(walk)
  }
  nodes.forEach(walk)
  return out
}
