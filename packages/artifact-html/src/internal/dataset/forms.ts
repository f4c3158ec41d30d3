/** Form-heavy pages: a multi-step wizard, a checkout, a printable invoice. */
import { city, listing, personName, sentenceCase, type DomainAttribute } from "@lfai/artifact-kit"
import { richEntities, type PageContext, type PageSpec } from "./context.ts"
import { dateText, entityTitle, money, pluralOf, shownAttributes } from "./fake.ts"
import { h, type Child } from "./markup.ts"
import { field, siteFooter, siteHeader } from "./parts.ts"

const lower = (text: string) => text.toLowerCase()

/** Groups an entity's attributes into named steps by what they hold. */
const stepsOf = (ctx: PageContext, attributes: ReadonlyArray<DomainAttribute>): Array<{ name: string; attributes: DomainAttribute[] }> => {
  const { rng } = ctx
  const groups: Array<{ name: string; test: (a: DomainAttribute) => boolean }> = [
    { name: rng.pick(["Schedule", "Dates", "Timing"]), test: (a) => a.type === "date" || a.type === "datetime" },
    { name: rng.pick(["Amounts", "Pricing", "Numbers"]), test: (a) => a.type === "decimal" || a.type === "float" || a.type === "int" },
    { name: rng.pick(["Options", "Preferences"]), test: (a) => a.type === "boolean" },
    { name: rng.pick(["Notes", "Description"]), test: (a) => a.type === "text" },
    { name: rng.pick(["Details", "Basics", "General"]), test: () => true }
  ]
  const steps = new Map<string, DomainAttribute[]>()
  for (const attribute of attributes) {
    const group = groups.find((g) => g.test(attribute))!
    steps.set(group.name, [...(steps.get(group.name) ?? []), attribute])
  }
  const ordered = [...steps.entries()].map(([name, attrs]) => ({ name, attributes: attrs }))
  // the general step first, the rest in a drawn order
  ordered.sort((a, b) => (a.name === groups[4].name ? -1 : b.name === groups[4].name ? 1 : 0))
  return ordered
}

export const wizard = (ctx: PageContext): PageSpec => {
  const { rng, domain: d, brand, cls } = ctx
  const entity = rng.pick(richEntities(d, 3))
  const steps = stepsOf(ctx, shownAttributes(entity))
  const review = rng.pick(["Review", "Confirm", "Review and submit"])
  const names = [...steps.map((s) => s.name), review]
  const current = rng.int(0, steps.length - 1)
  const wrap = rng.pick(["div", "p", "none"] as const)
  const labels: string[] = []
  const fieldsets = steps.map((step, i) => {
    const fields = step.attributes.map((a) => {
      const f = field(ctx, a, entity, entity.name.toLowerCase(), wrap)
      labels.push(f.label)
      return f.el
    })
    return h("fieldset", { id: `step-${i + 1}`, hidden: i === current ? undefined : true }, h("legend", null, step.name), fields)
  })
  const summary = h("fieldset", { id: `step-${steps.length + 1}`, hidden: true }, h("legend", null, review),
    h("p", null, `Check the ${lower(sentenceCase(entity.name))} before you submit it.`), h("label", null, h("input", { type: "checkbox", name: "confirm", required: true }), " The details are correct"))
  const indicator = h("ol", { class: cls("steps") }, names.map((n, i) => h("li", { class: i === current ? `${cls("step")} ${cls("step--current")}` : cls("step"), "aria-current": i === current ? "step" : undefined }, n)))
  const verb = rng.pick(["New", "Create", "Add", "Register"])
  const heading = `${verb} ${lower(sentenceCase(entity.name))}`.replace(/^./, (c) => c.toUpperCase())
  const main = h("main", null, h("h1", null, heading), h("nav", { "aria-label": "Progress" }, indicator),
    h("form", { action: "#", method: "post" }, fieldsets, summary,
      h("div", { class: cls("actions") }, h("button", { type: "button", class: cls("btn--ghost"), disabled: current === 0 ? true : undefined }, "Back"), h("button", { type: "button" }, "Next"), h("button", { type: "submit", hidden: true }, "Submit"))))
  const script = rng.chance(0.4)
    ? [
        "const steps = document.querySelectorAll(\"fieldset\");",
        "let current = [...steps].findIndex((step) => !step.hidden);",
        "document.querySelector(\"button[type=button]:not([disabled])\")?.addEventListener(\"click\", () => {",
        "  steps[current].hidden = true;",
        "  current = Math.min(current + 1, steps.length - 1);",
        "  steps[current].hidden = false;",
        "});"
      ].join("\n")
    : undefined
  const fieldList = labels.slice(0, 6)
  return {
    layout: "wizard",
    title: `${heading} · ${brand}`,
    body: [siteHeader(ctx, []), main, ...(rng.chance(0.4) ? [siteFooter(ctx)] : [])],
    script,
    request: {
      names: [...names, ...fieldList],
      prompts: [
        `Multi-step form for creating a ${lower(sentenceCase(entity.name))} in ${brand}. Steps: ${names.join(", ")}. Fields include ${listing(fieldList)}.`,
        `Form wizard for ${brand} to add a ${lower(sentenceCase(entity.name))}, in ${names.length} steps: ${listing(names)}. Show a step indicator, and Back and Next buttons.`,
        `I need a stepper form for ${brand}. Step names: ${listing(names)}. Collect ${listing(fieldList.map(lower))}.`,
        `${heading} wizard — steps ${names.map((n) => `"${n}"`).join(", ")}; fields ${fieldList.join(", ")}.`
      ]
    }
  }
}

const QUALIFIERS = ["Standard", "Premium", "Basic", "Express", "Annual", "Family", "Deluxe", "Starter", "Weekend", "Flexible"]

export const checkout = (ctx: PageContext): PageSpec => {
  const { rng, domain: d, brand, cls, values } = ctx
  const priced = d.entities.filter((e) => e.attributes.some((a) => a.type === "decimal"))
  const item = rng.pick(priced.length > 0 ? priced : d.entities)
  const lines = Array.from({ length: rng.int(1, 4) }, () => ({ name: `${entityTitle(item.name)} — ${rng.pick(QUALIFIERS)}`, qty: rng.int(1, 3), price: money(rng, values, 10, 400) }))
  const total = money(rng, values, 50, 1500)
  const groups = rng.sample([
    { legend: "Contact", fields: [["Email", "email", "email"], ["Phone", "tel", "tel"]] },
    { legend: rng.pick(["Billing address", "Address"]), fields: [["Street", "text", "street-address"], ["City", "text", "address-level2"], ["Postal code", "text", "postal-code"], ["Country", "text", "country-name"]] },
    { legend: "Payment", fields: [["Name on card", "text", "cc-name"], ["Card number", "text", "cc-number"], ["Expiry date", "text", "cc-exp"], ["Security code", "text", "cc-csc"]] }
  ], 3)
  const ordered = rng.chance(0.7) ? groups.sort((a, b) => (a.legend === "Payment" ? 1 : b.legend === "Payment" ? -1 : 0)) : groups
  const form = h("form", { action: "#", method: "post" },
    ordered.map((g) => h("fieldset", null, h("legend", null, g.legend), g.fields.map(([label, type, autocomplete]) => {
      const id = label.toLowerCase().replace(/[^a-z]+/g, "-")
      return h("div", { class: cls("field") }, h("label", { for: id }, label), h("input", { id, name: id.replace(/-/g, "_"), type, autocomplete, inputmode: autocomplete === "cc-number" ? "numeric" : undefined }))
    }))),
    h("p", null, h("label", null, h("input", { type: "checkbox", name: "terms", required: true }), " I accept the terms")),
    h("button", { type: "submit" }, rng.pick([`Pay ${total}`, "Place order", "Confirm and pay", "Complete purchase"])))
  const summaryTitle = rng.pick(["Order summary", "Your order", "Summary"])
  const summary = h("aside", { class: cls("summary"), "aria-labelledby": "summary-title" }, h("h2", { id: "summary-title" }, summaryTitle),
    h("table", null,
      h("thead", null, h("tr", null, h("th", { scope: "col" }, "Item"), h("th", { scope: "col" }, "Qty"), h("th", { scope: "col" }, "Price"))),
      h("tbody", null, lines.map((l) => h("tr", null, h("td", null, l.name), h("td", null, String(l.qty)), h("td", null, l.price)))),
      h("tfoot", null, h("tr", null, h("th", { scope: "row", colspan: 2 }, "Total"), h("td", { class: cls("total") }, total)))))
  const heading = rng.pick(["Checkout", "Secure checkout", "Complete your booking", "Payment"])
  const main = h("main", null, h("h1", null, heading), h("div", { class: cls("split") }, form, summary))
  const legends = ordered.map((g) => g.legend)
  return {
    layout: "checkout",
    title: `${heading} · ${brand}`,
    body: [siteHeader(ctx, []), main, siteFooter(ctx)],
    request: {
      names: [...legends, summaryTitle],
      prompts: [
        `Checkout page for ${brand}. Its form has the sections ${listing(legends.map((l) => `${lower(l)}`))}, and an "${summaryTitle}" panel shows the total.`,
        `Payment screen for ${lower(pluralOf(item.name))} at ${brand}. Fieldsets: ${legends.join(", ")}. Show the ${lower(summaryTitle)} next to the form.`,
        `Build the checkout for ${brand}: ${listing(legends)} on the left, the ${lower(summaryTitle)} on the right. Add a terms checkbox and a pay button.`
      ]
    }
  }
}

export const invoice = (ctx: PageContext): PageSpec => {
  const { rng, domain: d, brand, cls, values } = ctx
  const number = `INV-${rng.int(2024, 2026)}-${String(rng.int(1, 9999)).padStart(4, "0")}`
  const client = personName(rng)
  const item = rng.pick(d.entities)
  const lines = Array.from({ length: rng.int(2, 5) }, () => ({ text: `${rng.pick(d.activities)} — ${lower(entityTitle(item.name))}`, qty: rng.int(1, 12), unit: money(rng, values, 15, 300) }))
  const tax = rng.pick(["VAT (20%)", "VAT (23%)", "Sales tax (8%)", "GST (10%)"])
  const address = (who: string) => h("address", null, who, h("br", null), `${rng.int(1, 200)} ${rng.pick(["Harbour Road", "Mill Street", "Park Avenue", "Station Lane"])}`, h("br", null), city(rng))
  const main = h("main", null,
    h("header", { class: cls("invoice__meta") }, h("div", null, h("h1", null, `Invoice ${number}`), h("p", { class: cls("muted") }, brand)),
      h("dl", null, h("dt", null, "Issue date"), h("dd", null, dateText(rng, values)), h("dt", null, "Due date"), h("dd", null, dateText(rng, values)))),
    h("div", { class: cls("invoice__meta") }, h("section", null, h("h2", null, "Billed to"), address(client)), h("section", null, h("h2", null, "From"), address(brand))),
    h("table", null,
      h("thead", null, h("tr", null, ["Description", "Quantity", "Unit price"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", null, lines.map((l) => h("tr", null, h("td", null, l.text), h("td", null, String(l.qty)), h("td", null, l.unit)))),
      h("tfoot", null, ["Subtotal", tax, "Total"].map((label) => h("tr", null, h("th", { scope: "row", colspan: 2 }, label), h("td", null, money(rng, values, 20, 3000)))))),
    h("section", null, h("h2", null, "Payment"), h("p", null, `Please pay within ${rng.pick([14, 30, 45])} days to IBAN PT50 ${rng.int(1000, 9999)} ${rng.int(1000, 9999)} ${rng.int(1000, 9999)}, quoting ${number}.`)))
  const names = ["Billed to", "From", "Description", "Quantity", "Unit price", "Payment"]
  const body: Child[] = rng.chance(0.5) ? [main] : [main, siteFooter(ctx)]
  return {
    layout: "invoice",
    title: `Invoice ${number} — ${brand}`,
    body,
    request: {
      names,
      prompts: [
        `Printable invoice page for ${brand}. Sections: "Billed to", "From" and Payment. The table of line items has the columns Description, Quantity and Unit price, then the subtotal, ${tax} and the total.`,
        `HTML invoice ${number} from ${brand} to ${client} — table of ${lines.length} line items, subtotal, tax and total, payment details.`
      ]
    }
  }
}
