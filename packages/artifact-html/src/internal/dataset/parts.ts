/** Pieces many layouts share: the site header and footer, form fields, data tables. */
import { sentenceCase, snakeCase, type DomainAttribute, type DomainEntity } from "@lfai/artifact-kit"
import type { PageContext } from "./context.ts"
import { labelOf, lifecycleOf, valueOf } from "./fake.ts"
import { h, type Child, type El } from "./markup.ts"

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")
export const idOf = slug

/** The brand bar: the brand, and a navigation with the given links (text → href). */
export const siteHeader = (ctx: PageContext, links: ReadonlyArray<string>, extra: ReadonlyArray<Child> = []): El => {
  const { rng, cls, brand } = ctx
  const nav = links.length === 0 ? undefined : h("nav", { "aria-label": rng.pick(["Main", "Primary", "Main navigation"]) }, rng.chance(0.5)
    ? h("ul", null, links.map((text) => h("li", null, h("a", { href: `#${slug(text)}` }, text))))
    : links.map((text) => h("a", { href: `#${slug(text)}` }, text)))
  return h("header", { class: rng.chance(0.6) ? cls("site-header") : undefined }, h("a", { class: cls("brand"), href: "#" }, brand), nav, extra)
}

export const siteFooter = (ctx: PageContext): El => {
  const { rng, brand, cls } = ctx
  const year = rng.pick([2024, 2025, 2026])
  const line = rng.pick([`© ${year} ${brand}`, `© ${year} ${brand}. All rights reserved.`, `${brand} · ${year}`, `Copyright ${year} ${brand}`])
  const links = rng.chance(0.15) ? h("nav", { "aria-label": "Footer" }, rng.sample(["Privacy", "Terms", "Contact", "Status", "Help", "Accessibility"], rng.int(2, 3)).map((t) => h("a", { href: `#${slug(t)}` }, t))) : undefined
  const attrs = { class: rng.chance(0.4) ? cls("site-footer") : undefined }
  // a short footer is one line: the copyright alone, or in <small>
  if (!links) return rng.chance(0.5) ? h("footer", attrs, line) : h("footer", attrs, h("small", null, line))
  return h("footer", attrs, h("p", null, line), links)
}

/** The input for an attribute, by its type and name. */
const inputFor = (ctx: PageContext, attribute: DomainAttribute, entity: DomainEntity, id: string): El => {
  const name = attribute.name
  const common = { id, name: snakeCase(name) }
  const lifecycle = lifecycleOf(ctx.domain, entity.name)
  if ((name === "status" || name === "state") && lifecycle) {
    return h("select", common, lifecycle.states.map((state) => h("option", null, sentenceCase(state))))
  }
  switch (attribute.type) {
    case "text":
      return h("textarea", { ...common, rows: ctx.rng.pick([3, 4, 5]) })
    case "boolean":
      return h("input", { ...common, type: "checkbox" })
    case "date":
      return h("input", { ...common, type: "date" })
    case "datetime":
      return h("input", { ...common, type: "datetime-local" })
    case "int":
      return h("input", { ...common, type: "number", min: 0, step: 1 })
    case "decimal":
    case "float":
      return h("input", { ...common, type: "number", min: 0, step: attribute.type === "decimal" ? "0.01" : "any" })
    default:
      if (/email/.test(name)) return h("input", { ...common, type: "email", autocomplete: "email" })
      if (/phone/.test(name)) return h("input", { ...common, type: "tel" })
      if (/url/.test(name)) return h("input", { ...common, type: "url" })
      return h("input", { ...common, type: "text", placeholder: ctx.rng.chance(0.3) ? `e.g. ${valueOf(ctx.rng, attribute, entity, lifecycle, ctx.values)}` : undefined, required: attribute.key ? true : undefined })
  }
}

/** A labelled field for an attribute, in one of the usual markups (label for / wrapping label). */
export const field = (ctx: PageContext, attribute: DomainAttribute, entity: DomainEntity, prefix: string, wrap: "div" | "p" | "none"): { el: Child[]; label: string } => {
  const label = labelOf(attribute.name)
  const id = `${prefix}-${slug(attribute.name)}`
  const input = inputFor(ctx, attribute, entity, id)
  const isCheck = attribute.type === "boolean"
  const parts: Child[] = isCheck ? [h("label", null, input, ` ${label}`)] : [h("label", { for: id }, label), input]
  if (wrap === "none") return { el: parts, label }
  return { el: [h(wrap, { class: ctx.cls("field") }, parts)], label }
}

/** A table of `rows` rows of an entity's `columns`, with a header row; the first column may be a row header. */
export const dataTable = (ctx: PageContext, entity: DomainEntity, columns: ReadonlyArray<DomainAttribute>, rows: number, options: { caption?: string; actions?: string } = {}): El => {
  const { rng } = ctx
  const lifecycle = lifecycleOf(ctx.domain, entity.name)
  const rowHeader = rng.chance(0.35)
  const body = Array.from({ length: rows }, () => {
    const cells = columns.map((column, i) => {
      const value = valueOf(rng, column, entity, lifecycle, ctx.values)
      return i === 0 && rowHeader ? h("th", { scope: "row" }, value) : h("td", null, value)
    })
    if (options.actions) cells.push(h("td", null, h("a", { href: "#" }, options.actions)))
    return h("tr", null, cells)
  })
  const head = h("tr", null, columns.map((column) => h("th", { scope: rng.chance(0.5) ? "col" : undefined }, labelOf(column.name))), options.actions ? h("th", null, h("span", { class: ctx.cls("sr-only") }, "Actions")) : undefined)
  const table = h("table", null, options.caption ? h("caption", null, options.caption) : undefined, h("thead", null, head), h("tbody", null, body))
  // wide tables scroll inside a wrapper on small screens
  return rng.chance(0.4) ? h("div", { class: ctx.cls("table-wrap") }, table) : table
}
