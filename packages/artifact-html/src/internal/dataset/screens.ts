/** Application screens: dashboard, list, detail, board, schedule, search results, settings, profile. */
import { article, listing, personName, possessive, sentenceCase, snakeCase, type DomainEntity } from "@lfai/artifact-kit"
import { lowerFirst, richEntities, type PageContext, type PageSpec } from "./context.ts"
import { dateText, entityTitle, labelOf, lifecycleOf, pluralOf, shownAttributes, valueOf } from "./fake.ts"
import { h, type Child, type El } from "./markup.ts"
import { dataTable, idOf, siteFooter, siteHeader } from "./parts.ts"

const lower = (text: string) => text.toLowerCase()
const stateLabel = (state: string) => sentenceCase(state)

/** A sidebar or top navigation over the domain's main entities. */
const appNav = (ctx: PageContext, current: string, sidebar: boolean): { nav: El; links: string[] } => {
  const { rng, domain: d } = ctx
  const links = ["Overview", ...rng.sample(d.entities, rng.int(2, 4)).map((e) => pluralOf(e.name)).filter((l) => l !== current)]
  if (!links.includes(current) && current !== "") links.splice(1, 0, current)
  const link = (text: string) => h("a", { href: `#${idOf(text)}`, "aria-current": text === current ? "page" : undefined }, text)
  const list = rng.chance(0.6) ? h("ul", null, links.map((text) => h("li", null, link(text)))) : links.map(link)
  return { nav: h("nav", { "aria-label": sidebar ? rng.pick(["Sections", "Sidebar"]) : "Main" }, list), links }
}

/** Header + optional sidebar around a main element. */
const appShell = (ctx: PageContext, current: string, main: El): Child[] => {
  const { rng, cls, brand, domain: d } = ctx
  const sidebar = rng.chance(0.5)
  const { nav } = appNav(ctx, current, sidebar)
  const user = h("p", { class: cls("muted") }, `${personName(rng)} · ${rng.pick(d.roles)}`)
  if (!sidebar) return [h("header", { class: rng.chance(0.5) ? cls("site-header") : undefined }, h("a", { class: cls("brand"), href: "#" }, brand), nav, user), main]
  const aside = h("aside", null, h("a", { class: cls("brand"), href: "#" }, brand), nav, rng.chance(0.4) ? h("p", { class: cls("muted") }, h("a", { href: "#help" }, rng.pick(["Help", "Support", "Docs"]))) : undefined)
  const bar = h("header", { class: rng.chance(0.5) ? cls("site-header") : undefined }, user)
  // the user bar above the main area, or at the top of it
  return rng.chance(0.5)
    ? [h("div", { class: cls("layout") }, aside, h("div", null, bar, main))]
    : [h("div", { class: cls("layout") }, aside, { ...main, children: [bar, ...main.children] })]
}

const pickEntity = (ctx: PageContext, min = 3): DomainEntity => ctx.rng.pick(richEntities(ctx.domain, min).length > 0 ? richEntities(ctx.domain, min) : ctx.domain.entities)

export const dashboard = (ctx: PageContext): PageSpec => {
  const { rng, domain: d, brand, cls } = ctx
  const role = rng.pick(d.roles)
  const focus = pickEntity(ctx)
  const lifecycle = d.lifecycles[rng.int(0, d.lifecycles.length - 1)]
  const kpis = rng.sample([
    ...lifecycle.states.slice(0, 4).map((s) => `${stateLabel(s)} ${lower(pluralOf(lifecycle.entity))}`),
    ...rng.sample(d.entities, 2).map((e) => `New ${lower(pluralOf(e.name))}`),
    `${pluralOf(focus.name)} this week`
  ], rng.int(3, 4))
  const kpiStyle = rng.pick(["h3", "dl"] as const)
  const cards = kpis.map((label) => {
    const value = String(rng.int(3, 980))
    const trend = rng.chance(0.5) ? h("p", { class: cls("muted") }, `${rng.pick(["+", "−"])}${rng.int(1, 24)}% ${rng.pick(["vs last week", "this month", "since yesterday"])}`) : undefined
    return kpiStyle === "h3"
      ? h("article", { class: cls("card") }, h("h3", { class: cls("kpi__label") }, label), h("p", { class: cls("kpi__value") }, value), trend)
      : h("div", { class: cls("card") }, h("dl", null, h("dt", { class: cls("kpi__label") }, label), h("dd", { class: cls("kpi__value") }, value)), trend)
  })
  const columns = rng.sample(shownAttributes(focus), Math.min(shownAttributes(focus).length, rng.int(3, 5)))
  const recent = `Recent ${lower(pluralOf(focus.name))}`
  const sections: Array<{ heading: string; el: El }> = [
    { heading: rng.pick(["Key figures", "At a glance", "Summary"]), el: h("div", { class: cls("grid") }, cards) },
    { heading: sentenceCase(recent), el: dataTable(ctx, focus, columns, rng.int(4, 6)) }
  ]
  if (rng.chance(0.5)) {
    const states = lifecycle.states.slice(0, rng.int(3, Math.min(5, lifecycle.states.length)))
    sections.push({
      heading: `${sentenceCase(lifecycle.entity)} status`,
      el: h("ul", null, states.map((s) => { const v = rng.int(5, 95); return h("li", null, h("span", null, `${stateLabel(s)} `), h("progress", { max: 100, value: v, "aria-label": stateLabel(s) }, `${v}%`)) }))
    })
  }
  if (rng.chance(0.5)) {
    sections.push({
      heading: rng.pick(["Activity", "Latest activity", "What happened today"]),
      el: h("ol", null, rng.sample(d.activities, 3).map((a) => h("li", null, `${personName(rng)}: ${lowerFirst(a)} `, h("time", null, `${rng.int(1, 59)} min ago`))))
    })
  }
  const order = rng.chance(0.3) ? [sections[0], ...rng.shuffle(sections.slice(1))] : sections
  const title = rng.pick(["Overview", `${role} dashboard`, "Dashboard", `${brand} dashboard`])
  const main = h("main", null, h("h1", null, title), h("p", { class: cls("muted") }, `${rng.pick(["Updated", "As of", "Last refreshed"])} ${dateText(rng, ctx.values, true)}`),
    order.map((s) => h("section", { id: idOf(s.heading) }, h("h2", null, s.heading), s.el)))
  const names = order.map((s) => s.heading)
  const kpiList = listing(kpis.map(lower))
  return {
    layout: "dashboard",
    title: `${title} · ${brand}`,
    body: appShell(ctx, "Overview", main),
    request: {
      names: [...names, ...kpis],
      prompts: [
        `Dashboard for ${lower(role)}s at ${brand}, ${d.title}. Sections: ${names.join(", ")}. KPI cards: ${kpis.join(", ")}.`,
        `Mock up an admin dashboard for ${brand}. KPI cards: ${kpiList}. Then ${listing(names.slice(1).map((n) => `"${n}"`))}.`,
        `I want a dashboard prototype for our ${lower(role)}s. Include: ${listing(names)}. KPI cards: ${kpis.join(", ")}.`,
        `The admin home of ${brand}. Cards: ${kpiList}. Sections: ${listing(names)}. ${order.length > 2 ? "Keep it compact." : "Nothing else."}`
      ]
    }
  }
}

export const listPage = (ctx: PageContext): PageSpec => {
  const { rng, domain: d, brand, cls } = ctx
  const entity = pickEntity(ctx)
  const plural = pluralOf(entity.name)
  const columns = rng.sample(shownAttributes(entity), Math.min(shownAttributes(entity).length, rng.int(3, 6)))
  const lifecycle = lifecycleOf(d, entity.name)
  const statusFilter = lifecycle !== undefined && rng.chance(0.7)
  const dateFilter = rng.chance(0.3)
  const total = rng.int(24, 900)
  const filters = h("form", { class: cls("toolbar"), role: "search", action: "#" },
    h("div", null, h("label", { for: "search" }, rng.pick(["Search", `Search ${lower(plural)}`])), h("input", { id: "search", name: "q", type: "search" })),
    statusFilter ? h("div", null, h("label", { for: "status" }, "Status"), h("select", { id: "status", name: "status" }, h("option", { value: "" }, "Any"), lifecycle!.states.map((s) => h("option", null, stateLabel(s))))) : undefined,
    dateFilter ? h("div", null, h("label", { for: "from" }, "From"), h("input", { id: "from", name: "from", type: "date" })) : undefined,
    h("button", { type: "submit" }, "Filter"))
  const pager = h("nav", { class: cls("pager"), "aria-label": "Pagination" },
    h("a", { href: "#", "aria-disabled": "true" }, "Previous"),
    [1, 2, 3].map((n) => h("a", { href: `?page=${n}`, "aria-current": n === 1 ? "page" : undefined }, String(n))),
    h("a", { href: "?page=2" }, "Next"))
  const actions = rng.chance(0.4) ? rng.pick(["View", "Edit", "Open"]) : undefined
  const main = h("main", null,
    h("div", { class: cls("toolbar") }, h("h1", null, plural), h("a", { class: cls("btn"), href: "#new" }, `New ${lower(sentenceCase(entity.name))}`)),
    filters,
    dataTable(ctx, entity, columns, rng.int(4, 8), { caption: rng.chance(0.5) ? `Showing 1–20 of ${total}` : undefined, actions }),
    pager)
  const labels = columns.map((c) => labelOf(c.name))
  // wishes follow "Add": a reader of the request takes them for wishes, the columns for names
  const wants = ["a search box", statusFilter ? "a status filter" : "", dateFilter ? "a date filter" : "", "pagination"].filter(Boolean)
  return {
    layout: "list",
    title: `${plural} – ${brand}`,
    body: [...appShell(ctx, plural, main), ...(rng.chance(0.3) ? [siteFooter(ctx)] : [])],
    request: {
      names: labels,
      prompts: [
        `List page for ${lower(plural)} in ${brand}. The table has the columns ${listing(labels)}. Add ${listing(wants)}.`,
        `Build the "${plural}" index screen of ${brand}. Columns: ${listing(labels)}. Add search${statusFilter ? " and filtering by status" : ""}.`,
        `Table view of ${lower(plural)} with columns ${listing(labels)}.${actions ? ` Give each row ${article(actions)} ${actions} link.` : ""} Add ${listing(wants.slice(1))}.`,
        `${brand} needs a screen listing all ${lower(plural)}. Show ${listing(labels.map(lower))} for each. Add ${listing(wants)}.`
      ]
    }
  }
}

export const detailPage = (ctx: PageContext): PageSpec => {
  const { rng, domain: d, brand, cls } = ctx
  const entity = pickEntity(ctx)
  const lifecycle = lifecycleOf(d, entity.name)
  const reference = `${entityTitle(entity.name)} ${rng.pick(["#", "", "No. "])}${rng.int(1000, 99999)}`
  const attributes = shownAttributes(entity)
  const detailsHeading = rng.pick(["Details", "Overview", "Summary", "Information"])
  const related = d.relations.filter((r) => r.from === entity.name && r.kind !== "11").map((r) => d.entities.find((e) => e.name === r.to)!).filter((e) => shownAttributes(e).length >= 2)
  const sections: Array<{ heading: string; el: Child[] }> = [
    { heading: detailsHeading, el: [h("dl", null, attributes.flatMap((a) => [h("dt", null, labelOf(a.name)), h("dd", null, valueOf(rng, a, entity, lifecycle, ctx.values))]))] }
  ]
  for (const other of rng.sample(related, rng.int(0, Math.min(2, related.length)))) {
    const cols = rng.sample(shownAttributes(other), Math.min(3, shownAttributes(other).length))
    sections.push({ heading: pluralOf(other.name), el: [dataTable(ctx, other, cols, rng.int(2, 4))] })
  }
  if (lifecycle && rng.chance(0.6)) {
    const steps = lifecycle.transitions.slice(0, rng.int(2, Math.min(4, lifecycle.transitions.length)))
    sections.push({ heading: rng.pick(["History", "Timeline", "Activity"]), el: [h("ol", { class: cls("timeline") }, steps.map((t) => h("li", null, h("time", null, dateText(rng, ctx.values, true)), ` ${stateLabel(t.from)} → ${stateLabel(t.to)} (${t.event.replace(/_/g, " ")})`)))] })
  }
  if (sections.length === 1 && rng.chance(0.7)) sections.push({ heading: "Notes", el: [h("form", { action: "#" }, h("label", { for: "note" }, "Add a note"), h("textarea", { id: "note", name: "note", rows: 3 }), h("button", { type: "submit" }, "Save note"))] })
  const events = lifecycle ? [...new Set(lifecycle.transitions.map((t) => t.event))].slice(0, rng.int(1, 3)).map((e) => sentenceCase(e.replace(/_/g, " "))) : ["Edit"]
  const status = lifecycle ? h("span", { class: cls("badge") }, stateLabel(rng.pick(lifecycle.states))) : undefined
  const crumbs = h("nav", { "aria-label": "Breadcrumb" }, h("ol", { class: cls("breadcrumb") }, h("li", null, h("a", { href: "#" }, brand)), h("li", null, h("a", { href: "#" }, pluralOf(entity.name))), h("li", { "aria-current": "page" }, reference)))
  const main = h("main", null, crumbs,
    h("header", null, h("h1", null, reference, status ? " " : undefined, status), h("div", { class: cls("actions") }, events.map((e, i) => h("button", { type: "button", class: i > 0 ? cls("btn--ghost") : undefined }, e)))),
    rng.chance(0.4) && sections.length > 2
      ? h("div", { class: cls("split") }, h("div", null, sections.slice(0, -1).map((s) => h("section", null, h("h2", null, s.heading), s.el))), h("section", null, h("h2", null, sections[sections.length - 1].heading), sections[sections.length - 1].el))
      : sections.map((s) => h("section", { id: idOf(s.heading) }, h("h2", null, s.heading), s.el)))
  const names = sections.map((s) => s.heading)
  return {
    layout: "detail",
    title: `${reference} · ${brand}`,
    body: [siteHeader(ctx, []), main],
    request: {
      names: [...names, ...events],
      prompts: [
        `Detail page for one ${lower(sentenceCase(entity.name))} in ${brand}. Sections: ${listing(names)}. Buttons: ${listing(events)}.`,
        `Show a single ${lower(sentenceCase(entity.name))} record for ${brand}. Put a breadcrumb on top, then the title and its status. Sections: ${names.join(", ")}. Actions: ${events.join(", ")}.`,
        `Record view for ${brand}: ${lower(sentenceCase(entity.name))} "${reference}" with ${names.map((n) => `${article(n)} "${n}" section`).join(", ")} and ${events.length === 1 ? "one action" : "actions"} (${events.join(", ")}).`
      ]
    }
  }
}

export const board = (ctx: PageContext): PageSpec => {
  const { rng, domain: d, brand, cls } = ctx
  const lifecycle = rng.pick(d.lifecycles)
  const states = lifecycle.states.slice(0, rng.int(3, Math.min(5, lifecycle.states.length)))
  const entity = d.entities.find((e) => e.name === lifecycle.entity)!
  const code = entity.attributes.find((a) => a.key === "UK") ?? entity.attributes[1] ?? entity.attributes[0]
  const columns = states.map((state) => {
    const n = rng.int(1, 3)
    return h("section", { class: cls("column"), "aria-labelledby": `col-${idOf(state)}` },
      h("header", null, h("h2", { id: `col-${idOf(state)}` }, stateLabel(state)), h("span", { class: cls("badge"), "aria-label": `${n} cards` }, String(n))),
      Array.from({ length: n }, () => h("article", { class: cls("card") }, h("h3", null, valueOf(rng, code, entity, lifecycle, ctx.values)), h("p", { class: cls("muted") }, `${personName(rng)} · ${dateText(rng, ctx.values)}`))))
  })
  const heading = rng.pick([`${entityTitle(entity.name)} board`, `${pluralOf(entity.name)} by status`, "Board"])
  const names = states.map(stateLabel)
  return {
    layout: "board",
    title: `${heading} · ${brand}`,
    body: appShell(ctx, pluralOf(entity.name), h("main", null, h("h1", null, heading), h("div", { class: cls("board") }, columns))),
    request: {
      names,
      prompts: [
        `Kanban board of ${lower(pluralOf(entity.name))} for ${brand} with the columns ${names.join(", ")}.`,
        `Board view for ${brand}, one column per ${lower(sentenceCase(entity.name))} status: ${listing(names)}. Each card shows the ${labelOf(code.name).toLowerCase()}, owner and date.`,
        `Trello-style page for ${possessive(brand)} ${lower(pluralOf(entity.name))}: columns ${names.map((n) => `"${n}"`).join(", ")}.`
      ]
    }
  }
}

const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

export const schedule = (ctx: PageContext): PageSpec => {
  const { rng, domain: d, brand, cls } = ctx
  const entity = rng.pick(d.entities.filter((e) => e.attributes.some((a) => a.type === "datetime" || a.type === "date")))
  const days = DAYS.slice(0, rng.pick([5, 5, 6, 7]))
  const start = rng.pick([7, 8, 9])
  const hours = Array.from({ length: rng.int(4, 7) }, (_, i) => start + i)
  const people = Array.from({ length: 4 }, () => personName(rng))
  const table = h("table", { class: cls("calendar") },
    h("caption", null, `Week of ${dateText(rng, ctx.values)}`),
    h("thead", null, h("tr", null, h("th", { scope: "col" }, "Time"), days.map((day) => h("th", { scope: "col" }, day)))),
    h("tbody", null, hours.map((hour) => h("tr", null, h("th", { scope: "row" }, `${String(hour).padStart(2, "0")}:00`), days.map(() => h("td", null, rng.chance(0.35) ? h("span", { class: cls("slot") }, `${sentenceCase(entity.name)} · ${rng.pick(people)}`) : undefined))))))
  const filter = rng.chance(0.6) ? h("form", { class: cls("toolbar"), action: "#" }, h("label", { for: "who" }, rng.pick(d.roles)), h("select", { id: "who", name: "who" }, people.map((p) => h("option", null, p))), h("button", { type: "submit" }, "Show")) : undefined
  const heading = rng.pick([`${pluralOf(entity.name)} this week`, "Weekly schedule", `${entityTitle(entity.name)} calendar`])
  const last = `${String(hours[hours.length - 1] + 1).padStart(2, "0")}:00`
  return {
    layout: "schedule",
    title: `${heading} · ${brand}`,
    body: [siteHeader(ctx, rng.chance(0.5) ? ["Day", "Week", "Month"] : []), h("main", null, h("h1", null, heading), filter, table)],
    request: {
      names: [days[0], days[days.length - 1]],
      prompts: [
        `Weekly calendar of ${lower(pluralOf(entity.name))} for ${brand}. Show ${days[0]} to ${days[days.length - 1]} from ${String(start).padStart(2, "0")}:00 to ${last}, in rows of an hour.`,
        `Schedule screen for ${brand} showing ${lower(pluralOf(entity.name))} in a week grid, ${days[0]} through ${days[days.length - 1]}.${filter ? " Add a filter by person." : ""}`
      ]
    }
  }
}

export const searchResults = (ctx: PageContext): PageSpec => {
  const { rng, domain: d, brand, cls } = ctx
  const entity = pickEntity(ctx)
  const attributes = shownAttributes(entity)
  const facetAttributes = rng.sample(attributes.filter((a) => a.type === "string" || a.type === "boolean"), 2)
  const lifecycle = lifecycleOf(d, entity.name)
  const query = lower(rng.pick(d.activities).split(" ").slice(-1)[0])
  const facets = facetAttributes.map((a) => h("fieldset", null, h("legend", null, labelOf(a.name)),
    [...new Set(Array.from({ length: 3 }, () => valueOf(rng, a, entity, lifecycle, ctx.values)))].map((v, i) => h("label", null, h("input", { type: "checkbox", name: snakeCase(a.name), value: v, checked: i === 0 ? true : undefined }), ` ${v}`))))
  const shown = rng.sample(attributes, Math.min(2, attributes.length))
  const results = Array.from({ length: rng.int(3, 5) }, () => h("li", { class: cls("result") },
    h("h2", null, h("a", { href: "#" }, `${entityTitle(entity.name)} ${rng.int(100, 9999)}`)),
    h("p", { class: cls("muted") }, shown.map((a) => `${labelOf(a.name)}: ${valueOf(rng, a, entity, lifecycle, ctx.values)}`).join(" · "))))
  const count = rng.int(6, 240)
  const main = h("main", null,
    h("form", { role: "search", action: "#", class: cls("toolbar") }, h("label", { for: "q" }, `Search ${lower(pluralOf(entity.name))}`), h("input", { id: "q", name: "q", type: "search", value: query }), h("button", { type: "submit" }, "Search")),
    h("div", { class: cls("layout") },
      h("aside", { class: cls("facets"), "aria-label": "Filters" }, h("h2", null, "Filters"), facets),
      h("section", { "aria-label": "Results" }, h("p", null, `${count} results for “${query}”`), h("ol", null, results))))
  const names = facetAttributes.map((a) => labelOf(a.name))
  return {
    layout: "search",
    title: `Search: ${query} · ${brand}`,
    body: [siteHeader(ctx, []), main, siteFooter(ctx)],
    request: {
      names,
      prompts: [
        `Search results page for ${lower(pluralOf(entity.name))} in ${brand}. Filters: ${listing(names.map(lower))}. Show the results as a list.`,
        `${brand} search screen. Put the search box on top, a filter sidebar (${names.join(", ")}) on the side and the matching ${lower(pluralOf(entity.name))} in a list.`
      ]
    }
  }
}

export const settings = (ctx: PageContext): PageSpec => {
  const { rng, domain: d, brand, cls } = ctx
  const lifecycle = rng.pick(d.lifecycles)
  const pool: Array<{ heading: string; el: () => Child[] }> = [
    { heading: "Profile", el: () => [h("label", { for: "name" }, "Full name"), h("input", { id: "name", name: "name", type: "text", value: personName(rng) }), h("label", { for: "email" }, "Email"), h("input", { id: "email", name: "email", type: "email" }), h("label", { for: "tz" }, "Time zone"), h("select", { id: "tz", name: "tz" }, ["Europe/Lisbon", "America/Denver", "Asia/Tokyo", "Africa/Accra"].map((z) => h("option", null, z)))] },
    { heading: "Notifications", el: () => [h("fieldset", null, h("legend", null, "Email me when"), lifecycle.transitions.slice(0, 3).map((t) => h("label", null, h("input", { type: "checkbox", name: `notify_${t.event}`, checked: rng.chance(0.5) ? true : undefined }), ` a ${lower(sentenceCase(lifecycle.entity))} is ${lower(stateLabel(t.to))}`)))] },
    { heading: "Security", el: () => [h("label", null, h("input", { type: "checkbox", name: "two_factor" }), " Two-factor authentication"), h("p", null, h("a", { href: "#password" }, "Change password"))] },
    { heading: "Integrations", el: () => [h("ul", null, d.systems.slice(0, 3).map((s) => h("li", null, h("label", null, h("input", { type: "checkbox", name: snakeCase(s) }), ` ${s}`))))] },
    { heading: "Language and region", el: () => [h("label", { for: "lang" }, "Language"), h("select", { id: "lang", name: "lang" }, ["English", "Português", "Deutsch", "Français"].map((l) => h("option", null, l))), h("label", { for: "currency" }, "Currency"), h("select", { id: "currency", name: "currency" }, ["EUR", "USD", "GBP"].map((c) => h("option", null, c)))] },
    { heading: "Danger zone", el: () => [h("p", null, "Deleting the account removes all data for good."), h("button", { type: "button" }, "Delete account")] }
  ]
  const chosen = rng.sample(pool, rng.int(2, 4))
  const names = chosen.map((s) => s.heading)
  const tabs = rng.chance(0.5) ? h("nav", { class: cls("tabs"), "aria-label": "Settings" }, names.map((n, i) => h("a", { href: `#${idOf(n)}`, class: i === 0 ? cls("tab--active") : undefined, "aria-current": i === 0 ? "page" : undefined }, n))) : undefined
  const main = h("main", null, h("h1", null, rng.pick(["Settings", "Account settings", "Preferences"])), tabs,
    h("form", { action: "#", method: "post" }, chosen.map((s) => h("section", { id: idOf(s.heading), class: cls("card") }, h("h2", null, s.heading), s.el())), h("div", { class: cls("actions") }, h("button", { type: "submit" }, "Save changes"))))
  return {
    layout: "settings",
    title: `Settings · ${brand}`,
    body: appShell(ctx, "", main),
    request: {
      names,
      prompts: [
        `Settings page for the users of ${brand}. Sections: ${names.join(", ")}.`,
        `Account settings screen for ${brand}, ${d.title}: ${listing(names)}. Add a Save changes button.`,
        `Prototype the preferences page of ${brand}. I need ${listing(names.map((n) => `"${n}"`))}${tabs ? " as tabs" : ""}.`
      ]
    }
  }
}

export const profile = (ctx: PageContext): PageSpec => {
  const { rng, domain: d, brand, cls } = ctx
  const name = personName(rng)
  const role = rng.pick(d.roles)
  const entity = pickEntity(ctx, 2)
  const extra = rng.pick(["Skills", "Certifications", "Teams", "Interests"])
  const details = [["Email", `${name.split(" ")[0].toLowerCase()}@example.com`], ["Phone", `+${rng.int(1, 49)} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`], ["Location", rng.pick(["Lisbon", "Leeds", "Austin", "Osaka", "Accra"])], ["Member since", dateText(rng, ctx.values)]]
  const columns = rng.sample(shownAttributes(entity), Math.min(3, shownAttributes(entity).length))
  const main = h("main", null,
    h("section", { class: cls("card"), "aria-label": "Profile" },
      h("img", { class: cls("avatar"), src: `https://example.com/avatars/${rng.int(1, 500)}.jpg`, alt: `Photo of ${name}`, width: 96, height: 96 }),
      h("h1", null, name), h("p", { class: cls("muted") }, `${role} at ${brand}`),
      h("dl", null, details.flatMap(([k, v]) => [h("dt", null, k), h("dd", null, v)]))),
    h("section", null, h("h2", null, "About"), h("p", null, `${name.split(" ")[0]} works on ${lower(rng.pick(d.activities))} and ${lower(rng.pick(d.activities))}.`)),
    h("section", null, h("h2", null, pluralOf(entity.name)), dataTable(ctx, entity, columns, rng.int(2, 4))),
    h("section", null, h("h2", null, extra), h("ul", { class: cls("tags") }, rng.sample(d.activities, 3).map((a) => h("li", { class: cls("badge") }, a)))))
  const names = ["About", pluralOf(entity.name), extra]
  return {
    layout: "profile",
    title: `${name} · ${brand}`,
    body: [siteHeader(ctx, []), main],
    request: {
      names,
      prompts: [
        `Profile page for ${article(role)} ${lower(role)} in ${brand}. Show a photo and the contact details, then the sections ${listing(names)}.`,
        `User profile screen for ${name}, ${lower(role)} at ${brand}. Sections: ${names.join(", ")}.`
      ]
    }
  }
}
