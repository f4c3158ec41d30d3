/** Public pages: landing, pricing, sign-in / sign-up, not found. */
import { listing, sentenceCase } from "@lfai/artifact-kit"
import { lowerFirst, type PageContext, type PageSpec } from "./context.ts"
import { money } from "./fake.ts"
import { h, type Child, type El } from "./markup.ts"
import { idOf, siteFooter, siteHeader } from "./parts.ts"

const lower = (text: string) => text.toLowerCase()

const blurb = (ctx: PageContext, activity: string): string =>
  ctx.rng.pick([
    `${activity} in a few clicks, from any device.`,
    `${activity} without spreadsheets or email chains.`,
    `Your team can ${lower(activity)} in one place and see who did what.`,
    `${activity} automatically, with a full audit trail.`,
    `Set rules once and ${lower(activity)} the same way every time.`,
    `${activity} and get notified the moment something changes.`
  ])

const PLANS = [["Starter", "Team", "Business"], ["Basic", "Standard", "Premium"], ["Free", "Pro", "Enterprise"], ["Solo", "Growth", "Scale"], ["Essential", "Plus", "Complete"]]

const planCards = (ctx: PageContext, names: ReadonlyArray<string>, features: ReadonlyArray<string>, heading: "h2" | "h3") => {
  const { rng, cls, values } = ctx
  const featured = rng.int(0, names.length - 1)
  return names.map((name, i) =>
    h("article", { class: i === featured ? `${cls("card")} ${cls("plan--featured")}` : cls("card") },
      h(heading, null, name),
      h("p", { class: cls("plan__price") }, i === 0 && name === "Free" ? "Free" : `${money(rng, values, 5 + i * 20, 20 + i * 60).replace(/\.\d\d$/, "")}`, h("small", null, rng.pick([" / month", " per month", " /mo"]))),
      h("ul", null, features.slice(0, 2 + i).map((f) => h("li", null, f))),
      h("a", { class: cls("btn"), href: "#" }, rng.pick(["Choose", "Start", "Get"]) + ` ${name}`)))
}

export const landing = (ctx: PageContext): PageSpec => {
  const { rng, domain: d, brand, cls } = ctx
  const activities = rng.sample(d.activities, rng.int(3, 6))
  const cta = rng.pick(["Start free trial", "Book a demo", "Get started", "Create an account", "Try it free", "Talk to sales"])
  const headline = rng.pick([
    `${activities[0]} and ${lower(activities[1])} in one place`,
    `The easiest way to run ${d.title.replace(/^an? /, "your ")}`,
    `${brand} helps you ${lower(activities[0])} faster`,
    `Everything ${lower(d.roles[0])}s need, nothing they don't`,
    `Less admin. More time to ${lower(activities[1])}.`
  ])
  const pool: Array<{ heading: string; body: () => Child[] }> = [
    { heading: rng.pick(["Features", "What you get", `Why ${brand}`]), body: () => [h("div", { class: cls("grid") }, activities.map((a) => h("article", { class: cls("card") }, h("h3", null, a), h("p", null, blurb(ctx, a)))))] },
    { heading: rng.pick(["How it works", "Three steps", "Getting started"]), body: () => [h("ol", null, activities.slice(0, 3).map((a) => h("li", null, h("strong", null, a), ` — ${lowerFirst(blurb(ctx, a))}`)))] },
    { heading: rng.pick(["Pricing", "Plans", "Plans and pricing"]), body: () => [h("div", { class: cls("grid") }, planCards(ctx, rng.pick(PLANS), activities.map((a) => a), "h3"))] },
    {
      heading: rng.pick(["Testimonials", "What our customers say", "Customer stories"]),
      body: () => rng.sample(d.roles, 2).map((role) => h("figure", null, h("blockquote", null, h("p", null, `“We ${lower(rng.pick(activities))} in half the time since we switched to ${brand}.”`)), h("figcaption", null, `${rng.pick(["Ana", "Tomás", "Priya", "Jonas", "Kemi", "Hiro"])} ${rng.pick(["Reyes", "Novak", "Osei", "Larsen", "Sato"])}, ${role}`)))
    },
    { heading: rng.pick(["FAQ", "Frequently asked questions", "Questions"]), body: () => rng.sample([`Can I ${lower(activities[0])} from my phone?`, `Does ${brand} work with ${rng.pick(d.systems)}?`, "Is there a free trial?", "How is my data protected?", `How long does it take to ${lower(activities[1])}?`], 3).map((q) => h("details", null, h("summary", null, q), h("p", null, rng.pick(["Yes — it is included in every plan.", "Usually within a day; our team helps you set it up.", "Data is encrypted in transit and at rest, and you can export it any time.", "Yes, with a built-in integration you switch on in the settings."])))) },
    { heading: rng.pick(["Integrations", "Works with your tools", "Connects to"]), body: () => [h("ul", null, d.systems.map((s) => h("li", null, s)))] },
    {
      heading: rng.pick(["Contact", "Contact us", "Get in touch"]),
      body: () => [h("form", { action: "#", method: "post" },
        h("label", { for: "contact-name" }, "Name"), h("input", { id: "contact-name", name: "name", type: "text", autocomplete: "name" }),
        h("label", { for: "contact-email" }, "Email"), h("input", { id: "contact-email", name: "email", type: "email", autocomplete: "email", required: true }),
        h("label", { for: "contact-message" }, "Message"), h("textarea", { id: "contact-message", name: "message", rows: 4 }),
        h("button", { type: "submit" }, rng.pick(["Send", "Send message", "Contact sales"])))]
    }
  ]
  const sections = rng.sample(pool, rng.int(2, 4))
  const names = sections.map((s) => s.heading)
  const hero = h("section", { class: cls("hero"), "aria-labelledby": "hero-title" },
    h("h1", { id: "hero-title" }, headline),
    h("p", { class: cls("hero__lead") }, `${brand} is ${d.title.replace(/^an? /, "a modern ")} for ${listing(d.roles.slice(0, 2).map((r) => `${lower(r)}s`))}.`),
    h("p", null, h("a", { class: cls("btn"), href: "#" }, cta), rng.chance(0.5) ? [" ", h("a", { class: `${cls("btn")} ${cls("btn--ghost")}`, href: `#${idOf(names[0])}` }, "Learn more")] : undefined))
  const main = h("main", null, hero, sections.map((s) => h("section", { id: idOf(s.heading) }, h("h2", null, s.heading), s.body())))
  const body = [siteHeader(ctx, rng.chance(0.7) ? names : []), main, siteFooter(ctx)]
  const list = listing(names)
  return {
    layout: "landing",
    title: rng.pick([brand, `${brand} — ${headline}`, `${brand} | ${sentenceCase(d.title.replace(/^an? /, ""))}`]),
    body,
    request: {
      names,
      prompts: [
        `Create a landing page for ${brand}, ${d.title}. Sections: ${names.join(", ")}.`,
        `I need a marketing homepage for ${brand}, ${d.title}. Its hero has a call to action (${cta}), followed by ${list}.`,
        `Landing page prototype for ${brand}. Hero headline "${headline}", then sections for ${list}.`,
        `Build the home page of ${brand}: ${listing(names)}. One HTML file with the CSS inside.`,
        `Our startup ${brand} is ${d.title}. Can you mock up a one-page site with these sections: ${list}?`
      ]
    }
  }
}

export const pricing = (ctx: PageContext): PageSpec => {
  const { rng, domain: d, brand, cls } = ctx
  const plans = rng.pick(PLANS)
  const features = rng.sample(d.activities, 5)
  const compare = rng.chance(0.6)
  const faq = rng.chance(0.5)
  const heading = rng.pick(["Pricing", "Plans and pricing", `${brand} plans`, "Choose your plan"])
  const mark = rng.pick([["✓", "—"], ["Yes", "No"], ["Included", "–"]])
  const main = h("main", null,
    h("h1", null, heading),
    h("p", { class: cls("muted") }, rng.pick(["Simple pricing that grows with you.", "No setup fees. Cancel any time.", "Every plan includes support and updates."])),
    h("fieldset", null, h("legend", null, "Billing period"),
      h("label", null, h("input", { type: "radio", name: "period", value: "monthly", checked: true }), " Monthly"),
      h("label", null, h("input", { type: "radio", name: "period", value: "yearly" }), " Yearly")),
    h("section", { "aria-label": "Plans", class: cls("grid") }, planCards(ctx, plans, features, "h2")),
    compare ? h("section", { id: "compare" }, h("h2", null, "Compare plans"), h("table", null,
      h("thead", null, h("tr", null, h("th", { scope: "col" }, "Feature"), plans.map((p) => h("th", { scope: "col" }, p)))),
      h("tbody", null, features.map((f, i) => h("tr", null, h("th", { scope: "row" }, f), plans.map((_, j) => h("td", null, j >= (i < 2 ? 0 : i < 4 ? 1 : 2) ? mark[0] : mark[1]))))))) : undefined,
    faq ? h("section", { id: "faq" }, h("h2", null, "FAQ"), h("details", null, h("summary", null, "Can I change plans later?"), h("p", null, "Yes, upgrades apply at once and downgrades at the end of the billing period.")), h("details", null, h("summary", null, "Do you offer discounts for nonprofits?"), h("p", null, "Yes, ask our team."))) : undefined)
  const names = [...plans, ...(compare ? ["Compare plans"] : []), ...(faq ? ["FAQ"] : [])]
  return {
    layout: "pricing",
    title: `${heading} · ${brand}`,
    body: [siteHeader(ctx, rng.chance(0.5) ? ["Product", "Pricing", "Contact"] : []), main, siteFooter(ctx)],
    request: {
      names,
      prompts: [
        `Pricing page for ${brand} with three plans: ${listing(plans)}.${compare || faq ? ` Add ${listing([compare ? "a comparison table" : "", faq ? "a short FAQ" : ""].filter(Boolean))}.` : ""}`,
        `Make a plans page for ${brand}, ${d.title}. Plans: ${listing(plans)}. Add a monthly/yearly switch${compare ? " and a table comparing features" : ""}.`,
        `We sell ${brand} in tiers ${listing(plans)}. Design the pricing screen${faq ? " with an FAQ at the bottom" : ""}.`
      ]
    }
  }
}

export const auth = (ctx: PageContext): PageSpec => {
  const { rng, domain: d, brand, cls } = ctx
  const mode = rng.pick(["sign-in", "sign-in", "sign-up", "reset"] as const)
  const sso = d.systems.find((s) => /identity|sso|provider/i.test(s))
  const fields: Array<[string, string, string, string]> =
    mode === "sign-in" ? [["Email", "email", "email", "email"], ["Password", "password", "password", "current-password"]]
    : mode === "sign-up" ? [["Full name", "full_name", "text", "name"], ["Work email", "email", "email", "email"], ["Password", "password", "password", "new-password"], ["Confirm password", "password_confirm", "password", "new-password"]]
    : [["Email", "email", "email", "email"]]
  const heading = mode === "sign-in" ? rng.pick([`Sign in to ${brand}`, "Welcome back", "Log in"]) : mode === "sign-up" ? rng.pick([`Create your ${brand} account`, "Sign up", "Get started"]) : rng.pick(["Reset your password", "Forgot your password?"])
  const check = mode === "sign-in" ? "Remember me" : mode === "sign-up" ? "I agree to the terms of service" : undefined
  const submit = mode === "sign-in" ? rng.pick(["Sign in", "Log in"]) : mode === "sign-up" ? "Create account" : "Send reset link"
  const form = h("form", { action: "#", method: "post" },
    fields.map(([label, name, type, autocomplete]) => h("div", { class: cls("field") }, h("label", { for: name }, label), h("input", { id: name, name, type, autocomplete, required: true }))),
    check ? h("p", null, h("label", null, h("input", { type: "checkbox", name: mode === "sign-in" ? "remember" : "terms" }), ` ${check}`)) : undefined,
    h("button", { type: "submit" }, submit))
  const links: Child[] = mode === "sign-in"
    ? [h("p", null, h("a", { href: "#reset" }, "Forgot password?")), h("p", null, "New here? ", h("a", { href: "#signup" }, "Create an account"))]
    : [h("p", null, mode === "sign-up" ? "Already have an account? " : "Remembered it? ", h("a", { href: "#signin" }, "Sign in"))]
  const ssoButton = sso && mode !== "reset" && rng.chance(0.6) ? h("p", null, h("button", { type: "button", class: cls("btn--ghost") }, `Continue with ${sso}`)) : undefined
  const main = h("main", { class: cls("auth") }, h("h1", null, heading), mode === "reset" ? h("p", null, "Enter your email and we will send you a link to choose a new password.") : undefined, form, ssoButton, links)
  const labels = fields.map(([label]) => label)
  const names = check === "Remember me" ? [...labels, check] : labels
  const what = mode === "sign-in" ? "login" : mode === "sign-up" ? "sign-up" : "password reset"
  return {
    layout: `auth-${mode}`,
    title: `${heading} – ${brand}`.replace(`${brand} – ${brand}`, brand),
    body: rng.chance(0.5) ? [h("header", null, h("a", { class: cls("brand"), href: "#" }, brand)), main] : [main, siteFooter(ctx)],
    request: {
      names,
      prompts: [
        `${sentenceCase(what)} screen for ${brand} with ${listing(labels.map((l) => lower(l)))} field${labels.length > 1 ? "s" : ""}.${check === "Remember me" ? " Add a \"Remember me\" checkbox and a forgot-password link." : ""}`,
        `Simple ${what} page for ${brand}, ${d.title}. Fields: ${labels.join(", ")}.${ssoButton ? ` Also a "Continue with ${sso}" button.` : ""}`,
        `HTML mockup of the ${what} form for ${brand}: ${listing(labels)}.${check ? ` Add the checkbox "${check}".` : ""} Button: "${submit}".`
      ]
    }
  }
}

export const notFound = (ctx: PageContext): PageSpec => {
  const { rng, domain: d, brand } = ctx
  const places = rng.sample(["Home", "Help center", "Status", "Contact support", ...d.entities.slice(0, 3).map((e) => `${sentenceCase(e.name)}s`)], 3)
  const main = h("main", null,
    h("h1", null, rng.pick(["Page not found", "We can't find that page", "404 — not found"])),
    h("p", null, rng.pick(["The link may be broken, or the page may have moved.", "Check the address, or try one of these instead:"])),
    h("form", { role: "search", action: "#" }, h("label", { for: "q" }, `Search ${brand}`), h("input", { id: "q", name: "q", type: "search" }), h("button", { type: "submit" }, "Search")),
    h("ul", null, places.map((p) => h("li", null, h("a", { href: "#" }, p)))))
  const el: El[] = [siteHeader(ctx, []), main, siteFooter(ctx)]
  return {
    layout: "not-found",
    title: `Not found · ${brand}`,
    body: el,
    request: {
      names: places,
      prompts: [
        `404 page for ${brand}, ${d.title}. Add a search box and links to ${listing(places)}.`,
        `Friendly page-not-found screen for ${brand}; suggest ${places.join(", ")}.`
      ]
    }
  }
}
