/**
 * The HTML dataset: complete pages of fifteen layouts (landing, pricing, sign-in/up, not found,
 * dashboard, list, detail, board, schedule, search, settings, profile, wizard, checkout, invoice)
 * over every domain, each with its own theme, class naming, head order and formatting, and a
 * request that names what the page holds.
 */
import { brandOf, DOMAIN_IDS, domain, uniqueExamples, type Rng } from "@lfai/artifact-kit"
import type { DatasetExample, DatasetGenerator } from "@lfai/core"
import type { PageContext, PageSpec } from "./context.ts"
import { classNamer, drawTheme, stylesheet, type Naming } from "./css.ts"
import { valueStyle } from "./fake.ts"
import { checkout, invoice, wizard } from "./forms.ts"
import { h, raw, render, classesIn, tagsIn, type El, type MarkupStyle } from "./markup.ts"
import { auth, landing, notFound, pricing } from "./marketing.ts"
import { siteFooter } from "./parts.ts"
import { board, dashboard, detailPage, listPage, profile, schedule, searchResults, settings } from "./screens.ts"

const LAYOUTS: ReadonlyArray<readonly [(ctx: PageContext) => PageSpec, number]> = [
  [landing, 12],
  [dashboard, 12],
  [listPage, 12],
  [detailPage, 9],
  [wizard, 9],
  [checkout, 7],
  [auth, 7],
  [settings, 6],
  [board, 5],
  [searchResults, 5],
  [schedule, 4],
  [profile, 4],
  [pricing, 4],
  [invoice, 3],
  [notFound, 1]
]

const VIEWPORTS = ["width=device-width, initial-scale=1", "width=device-width, initial-scale=1.0", "width=device-width,initial-scale=1"]

/** The head's elements in one of the orders people write them (charset first, as it must be). */
const headOf = (rng: Rng, spec: PageSpec, css: string, description: string | undefined): El[] => {
  const charset = h("meta", { charset: rng.pick(["utf-8", "UTF-8"]) })
  const viewport = h("meta", { name: "viewport", content: rng.pick(VIEWPORTS) })
  const title = h("title", null, spec.title)
  const meta = description ? h("meta", { name: "description", content: description }) : undefined
  const theme = rng.chance(0.12) ? h("meta", { name: "theme-color", content: rng.pick(["#ffffff", "#0f172a", "#2563eb"]) }) : undefined
  const sheet = raw("style", css)
  const rest = rng.shuffle([viewport, title, meta, theme].filter((el): el is El => el !== undefined))
  // the stylesheet last in the head in a fifth of the pages, elsewhere among the metadata
  rest.splice(rng.chance(0.2) ? rest.length : rng.int(0, rest.length - 1), 0, sheet)
  return rng.chance(0.8) ? [charset, ...rest] : [rest[0], charset, ...rest.slice(1)]
}

/** The tree with `id="main"` on its `<main>`, the target of a skip link. */
const withMainId = (el: El): El =>
  el.tag === "main" ? { ...el, attrs: [["id", "main"], ...el.attrs.filter(([name]) => name !== "id")] } : { ...el, children: el.children.map((child) => (typeof child === "string" ? child : withMainId(child))) }

const make = (rng: Rng, domainId: string): DatasetExample => {
  const d = domain(domainId)
  const naming = rng.weighted<Naming>([["kebab", 6], ["bem", 3], ["prefixed", 1]])
  const ctx: PageContext = { rng, domain: d, brand: brandOf(rng, d.id), cls: classNamer(naming, rng.pick(["app", "ui", "c", "x"])), values: valueStyle(rng) }
  const layout = rng.weighted(LAYOUTS)
  const spec = layout(ctx)
  const style: MarkupStyle = { indent: rng.weighted([["  ", 6], ["    ", 3], ["\t", 1]]), inlineMax: rng.pick([100, 120, 140, 160]), selfCloseVoid: rng.chance(0.2), compactRows: rng.chance(0.85) }
  const darkWish = rng.chance(0.15)
  const theme = drawTheme(rng, darkWish || rng.chance(0.1))
  const css = stylesheet(rng, theme, tagsIn(spec.body), classesIn(spec.body), ctx.cls, { compact: rng.chance(0.3), indent: style.indent })
  const description = rng.chance(0.35) ? `${ctx.brand}: ${d.title.replace(/^an? /, "")}.` : undefined
  const topLevel = spec.body.filter((child): child is El => typeof child !== "string")
  const skip = rng.chance(0.25)
  const bodyChildren: El[] = skip ? [h("a", { class: ctx.cls("skip-link"), href: "#main" }, rng.pick(["Skip to content", "Skip to main content"])), ...topLevel.map(withMainId)] : topLevel
  // a page without a footer gets one more often than not
  if (bodyChildren[bodyChildren.length - 1]?.tag !== "footer" && rng.chance(0.65)) bodyChildren.push(siteFooter(ctx))
  if (spec.script) bodyChildren.push(raw("script", spec.script))
  const lang = rng.weighted([["en", 9], ["en-US", 4], ["en-GB", 4], ["en-CA", 1], ["en-AU", 1], ["en-IE", 1]])
  const nested = rng.chance(0.55)
  const head = h("head", null, headOf(rng, spec, css, description))
  const body = h("body", { class: rng.chance(0.5) ? ctx.cls(rng.pick([spec.layout, `page--${spec.layout}`, `${d.id}-${spec.layout}`, "app"])) : undefined }, bodyChildren)
  const depth = nested ? 1 : 0
  const lines = [
    rng.chance(0.8) ? "<!DOCTYPE html>" : "<!doctype html>",
    `<html lang="${lang}">`,
    ...render(head, style, depth),
    ...render(body, style, depth),
    "</html>"
  ]
  let prompt = rng.pick(spec.request.prompts)
  if (theme.dark && darkWish) prompt += rng.pick([" Dark theme.", " Use a dark colour scheme.", " Make it dark mode."])
  return {
    instruction: prompt,
    output: lines.join("\n"),
    domain: d.id,
    meta: { layout: spec.layout, names: spec.request.names, naming, dark: theme.dark }
  }
}

export const htmlDataset: DatasetGenerator = {
  domains: DOMAIN_IDS,
  generate: ({ seed, count }) => uniqueExamples({ seed, count, domains: DOMAIN_IDS, label: "html", make: (rng, d) => make(rng, d) })
}
