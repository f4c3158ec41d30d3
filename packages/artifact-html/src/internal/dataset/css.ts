/**
 * The page's inline stylesheet: a theme (palette, type, spacing) drawn per example and rules for
 * exactly the elements and classes the page uses, written in one of the formats people use.
 */
import type { Rng } from "@lfai/artifact-kit"

export interface Theme {
  readonly dark: boolean
  readonly accent: string
  readonly bg: string
  readonly surface: string
  readonly text: string
  readonly muted: string
  readonly border: string
  readonly font: string
  readonly radius: string
  readonly gap: string
  readonly width: string
  /** Colours through custom properties (`var(--accent)`) rather than literals. */
  readonly variables: boolean
}

const ACCENTS = ["#2563eb", "#0f766e", "#7c3aed", "#c2410c", "#be123c", "#15803d", "#0369a1", "#a16207", "#4338ca", "#0e7490", "#9d174d", "#1d4ed8", "#b45309", "#047857"]
const FONTS = [
  "system-ui, sans-serif",
  "-apple-system, BlinkMacSystemFont, \"Segoe UI\", Roboto, sans-serif",
  "\"Inter\", system-ui, sans-serif",
  "Helvetica, Arial, sans-serif",
  "\"Segoe UI\", Tahoma, sans-serif",
  "Georgia, \"Times New Roman\", serif",
  "ui-sans-serif, system-ui, sans-serif",
  "Verdana, Geneva, sans-serif"
]

export const drawTheme = (rng: Rng, dark = rng.chance(0.2)): Theme => ({
  dark,
  accent: rng.pick(ACCENTS),
  bg: dark ? rng.pick(["#0f172a", "#111827", "#18181b", "#0b1120"]) : rng.pick(["#ffffff", "#f8fafc", "#fafaf9", "#f5f7fb", "#f9fafb"]),
  surface: dark ? rng.pick(["#1e293b", "#1f2937", "#27272a"]) : rng.pick(["#ffffff", "#fdfdfd"]),
  text: dark ? rng.pick(["#e2e8f0", "#f3f4f6", "#e4e4e7"]) : rng.pick(["#1f2937", "#111827", "#1e293b", "#222222"]),
  muted: dark ? rng.pick(["#94a3b8", "#9ca3af"]) : rng.pick(["#6b7280", "#64748b", "#71717a"]),
  border: dark ? rng.pick(["#334155", "#374151"]) : rng.pick(["#e5e7eb", "#e2e8f0", "#d4d4d8", "#dddddd"]),
  font: rng.pick(FONTS),
  radius: rng.pick(["4px", "6px", "8px", "10px", "12px", "0.5rem", "0.375rem"]),
  gap: rng.pick(["1rem", "1.25rem", "1.5rem", "16px", "20px", "24px"]),
  width: rng.pick(["960px", "1080px", "1200px", "64rem", "72rem", "75rem"]),
  variables: rng.chance(0.4)
})

type Decls = ReadonlyArray<readonly [string, string]>

/** How colours are written: literal or through the custom properties declared on `:root`. */
const colors = (theme: Theme) => {
  const v = (name: keyof Theme) => (theme.variables ? `var(--${name})` : String(theme[name]))
  return { accent: v("accent"), bg: v("bg"), surface: v("surface"), text: v("text"), muted: v("muted"), border: v("border") }
}

/** Declarations an element rule may carry besides its own, drawn per page. */
const EXTRAS: Readonly<Record<string, Decls>> = {
  h1: [["font-weight", "700"], ["line-height", "1.2"], ["letter-spacing", "-0.01em"]],
  h2: [["font-weight", "600"], ["line-height", "1.3"], ["color", "inherit"], ["letter-spacing", "0"]],
  h3: [["font-weight", "600"], ["line-height", "1.4"], ["color", "inherit"]],
  ".brand": [["text-decoration", "none"], ["letter-spacing", "0.02em"], ["display", "inline-block"]],
  ".card": [["overflow", "hidden"], ["position", "relative"]],
  ".btn": [["line-height", "1.2"], ["border", "0"]],
  ".muted": [["font-size", "0.875rem"]],
  body: [["-webkit-font-smoothing", "antialiased"], ["font-size", "16px"]],
  main: [["display", "block"], ["min-height", "60vh"]],
  a: [["font-weight", "500"]],
  table: [["font-size", "0.9375rem"], ["margin-bottom", "1rem"]],
  th: [["white-space", "nowrap"], ["font-size", "0.875rem"]],
  td: [["vertical-align", "top"]],
  header: [["display", "flex"], ["justify-content", "space-between"], ["align-items", "center"]],
  footer: [["margin-top", "3rem"], ["border-top", "1px solid currentColor"]],
  button: [["font-weight", "600"], ["line-height", "1.2"]],
  input: [["box-sizing", "border-box"], ["background", "transparent"]],
  label: [["font-size", "0.875rem"]],
  section: [["scroll-margin-top", "4rem"], ["padding-inline", "0"]]
}

const headingMargin = (rng: Rng): readonly [string, string] =>
  rng.pick([["margin", "0 0 0.5rem"], ["margin", "0 0 8px"], ["margin", "0.5rem 0"], ["margin-bottom", "0.75rem"], ["margin-block", "0 0.5em"], ["margin-top", "0"]] as const)

/** Declarations for the elements a page uses. */
const elementRules = (theme: Theme, rng: Rng): Readonly<Record<string, Decls>> => {
  const c = colors(theme)
  return {
    body: [["margin", "0"], ["font-family", theme.font], ["color", c.text], ["background", c.bg], ["line-height", rng.pick(["1.5", "1.6", "1.45"])]],
    header: [["padding", `${rng.pick(["0.75rem", "1rem", "12px"])} ${theme.gap}`], ["border-bottom", `1px solid ${c.border}`], ["background", c.surface]],
    nav: [["display", "flex"], ["gap", theme.gap], ["align-items", "center"]],
    main: [["max-width", theme.width], ["margin", "0 auto"], ["padding", theme.gap]],
    footer: [["padding", theme.gap], ["color", c.muted], ["font-size", rng.pick(["0.875rem", "0.85rem", "14px"])], ["text-align", rng.pick(["center", "left"])]],
    aside: [["padding", theme.gap], ["border-right", `1px solid ${c.border}`]],
    section: [rng.pick([["margin-block", rng.pick(["2rem", "1.5rem", "32px"])], ["margin", "2rem 0"], ["padding-block", "1.5rem"], ["margin-top", "2.5rem"]] as const)],
    h1: [["font-size", rng.pick(["2rem", "1.75rem", "28px", "32px", "clamp(1.75rem, 4vw, 2.5rem)"])], headingMargin(rng)],
    h2: [["font-size", rng.pick(["1.25rem", "1.5rem", "20px", "22px", "1.3em"])], headingMargin(rng)],
    h3: [["font-size", rng.pick(["1rem", "1.125rem", "17px", "18px", "1.1em"])], headingMargin(rng)],
    a: [["color", c.accent], ["text-decoration", rng.pick(["none", "underline"])]],
    table: [["width", "100%"], ["border-collapse", "collapse"], ["background", c.surface]],
    th: [["text-align", "left"], ["padding", "0.5rem 0.75rem"], ["border-bottom", `2px solid ${c.border}`], ["font-weight", "600"]],
    td: [["padding", "0.5rem 0.75rem"], ["border-bottom", `1px solid ${c.border}`]],
    label: [["display", "block"], ["font-weight", rng.pick(["500", "600"])], ["margin-bottom", "0.25rem"]],
    input: [["width", "100%"], ["padding", "0.5rem 0.625rem"], ["border", `1px solid ${c.border}`], ["border-radius", theme.radius], ["font", "inherit"]],
    select: [["padding", "0.5rem"], ["border", `1px solid ${c.border}`], ["border-radius", theme.radius], ["font", "inherit"]],
    textarea: [["width", "100%"], ["min-height", "6rem"], ["padding", "0.5rem"], ["border", `1px solid ${c.border}`], ["border-radius", theme.radius], ["font", "inherit"]],
    button: [["padding", "0.5rem 1rem"], ["border", "0"], ["border-radius", theme.radius], ["background", c.accent], ["color", "#ffffff"], ["font", "inherit"], ["cursor", "pointer"]],
    fieldset: [["border", `1px solid ${c.border}`], ["border-radius", theme.radius], ["padding", theme.gap], ["margin", "0 0 1rem"]],
    legend: [["font-weight", "600"], ["padding", "0 0.25rem"]],
    dl: [["display", "grid"], ["grid-template-columns", rng.pick(["max-content 1fr", "12rem 1fr", "180px auto"])], ["gap", "0.5rem 1.5rem"]],
    dt: [["color", c.muted]],
    dd: [["margin", "0"]],
    blockquote: [["margin", "0"], ["padding", theme.gap], ["border-left", `4px solid ${c.accent}`], ["background", c.surface]],
    details: [["border-bottom", `1px solid ${c.border}`], ["padding", "0.75rem 0"]],
    summary: [["cursor", "pointer"], ["font-weight", "600"]],
    progress: [["width", "100%"], ["height", "0.5rem"]],
    meter: [["width", "100%"]],
    img: [["max-width", "100%"], ["height", "auto"], ["border-radius", theme.radius]],
    figure: [["margin", "0"]],
    caption: [["text-align", "left"], ["font-weight", "600"], ["padding", "0.5rem 0"]]
  }
}

/** Declarations for the classes layouts use (named in BEM form; see {@link classNamer}). */
const classRules = (theme: Theme, rng: Rng): Readonly<Record<string, Decls>> => {
  const c = colors(theme)
  const shadow = rng.pick(["0 1px 2px rgba(0, 0, 0, 0.06)", "0 1px 3px rgba(15, 23, 42, 0.08)", "none", "0 2px 6px rgba(0, 0, 0, 0.05)"])
  const grid = (min: string): Decls => [["display", "grid"], ["grid-template-columns", `repeat(auto-fit, minmax(${min}, 1fr))`], ["gap", theme.gap]]
  return {
    brand: [["font-weight", rng.pick(["700", "800", "bold"])], ["font-size", rng.pick(["1.125rem", "1.25rem", "18px", "20px"])], ["color", rng.pick([c.text, c.accent])]],
    card: [["background", c.surface], ["border", `1px solid ${c.border}`], ["border-radius", theme.radius], ["padding", theme.gap], ["box-shadow", shadow]],
    grid: grid(rng.pick(["14rem", "220px", "16rem", "240px"])),
    "grid--wide": grid(rng.pick(["18rem", "280px", "20rem"])),
    hero: [["padding", `${rng.pick(["4rem", "3rem", "64px", "5rem"])} ${theme.gap}`], ["text-align", rng.pick(["center", "left"])], ["background", c.surface]],
    hero__lead: [["font-size", rng.pick(["1.125rem", "1.25rem", "19px"])], ["color", c.muted], ["max-width", "40rem"], ["margin-inline", "auto"]],
    btn: [["display", "inline-block"], ["padding", "0.625rem 1.25rem"], ["border-radius", theme.radius], ["background", c.accent], ["color", "#ffffff"], ["text-decoration", "none"], ["font-weight", "600"]],
    "btn--ghost": [["background", "transparent"], ["color", c.accent], ["border", `1px solid ${c.accent}`]],
    muted: [["color", c.muted]],
    badge: [["display", "inline-block"], ["padding", "0.125rem 0.5rem"], ["border-radius", "999px"], ["font-size", "0.75rem"], ["background", c.border], ["font-weight", "600"]],
    layout: [["display", "grid"], ["grid-template-columns", rng.pick(["14rem 1fr", "220px 1fr", "16rem minmax(0, 1fr)", "240px 1fr"])], ["min-height", "100vh"]],
    kpi__value: [["font-size", rng.pick(["1.75rem", "2rem", "30px"])], ["font-weight", "700"], ["margin", "0"]],
    kpi__label: [["color", c.muted], ["margin", "0"]],
    toolbar: [["display", "flex"], ["flex-wrap", "wrap"], ["gap", "0.75rem"], ["align-items", "end"], ["margin-bottom", theme.gap]],
    pager: [["display", "flex"], ["gap", "0.5rem"], ["justify-content", rng.pick(["center", "flex-end"])], ["margin-top", theme.gap]],
    steps: [["display", "flex"], ["gap", "1rem"], ["list-style", "none"], ["padding", "0"], ["counter-reset", "step"]],
    step: [["color", c.muted]],
    "step--current": [["color", c.accent], ["font-weight", "700"]],
    actions: [["display", "flex"], ["gap", "0.75rem"], ["justify-content", "flex-end"], ["margin-top", theme.gap]],
    field: [["margin-bottom", "1rem"]],
    board: [["display", "grid"], ["grid-auto-flow", "column"], ["grid-auto-columns", rng.pick(["16rem", "minmax(14rem, 1fr)", "260px"])], ["gap", theme.gap], ["overflow-x", "auto"]],
    column: [["background", c.surface], ["border-radius", theme.radius], ["padding", "0.75rem"], ["border", `1px solid ${c.border}`]],
    plan__price: [["font-size", rng.pick(["2rem", "2.25rem", "32px"])], ["font-weight", "700"]],
    "plan--featured": [["border-color", c.accent], ["box-shadow", `0 0 0 2px ${c.accent}`]],
    breadcrumb: [["display", "flex"], ["gap", "0.5rem"], ["list-style", "none"], ["padding", "0"], ["color", c.muted]],
    timeline: [["list-style", "none"], ["padding-left", "1rem"], ["border-left", `2px solid ${c.border}`]],
    summary: [["background", c.surface], ["border", `1px solid ${c.border}`], ["border-radius", theme.radius], ["padding", theme.gap]],
    total: [["font-size", "1.25rem"], ["font-weight", "700"], ["text-align", "right"]],
    auth: [["max-width", rng.pick(["24rem", "380px", "26rem"])], ["margin", `${rng.pick(["4rem", "10vh", "64px"])} auto`], ["padding", theme.gap], ["background", c.surface], ["border-radius", theme.radius], ["border", `1px solid ${c.border}`]],
    tabs: [["display", "flex"], ["gap", "0.25rem"], ["border-bottom", `1px solid ${c.border}`], ["margin-bottom", theme.gap]],
    "tab--active": [["border-bottom", `2px solid ${c.accent}`], ["font-weight", "600"]],
    result: [["padding", "1rem 0"], ["border-bottom", `1px solid ${c.border}`]],
    facets: [["display", "grid"], ["gap", "1rem"], ["align-content", "start"]],
    avatar: [["width", "96px"], ["height", "96px"], ["border-radius", "50%"], ["object-fit", "cover"]],
    tags: [["display", "flex"], ["flex-wrap", "wrap"], ["gap", "0.5rem"], ["list-style", "none"], ["padding", "0"]],
    calendar: [["table-layout", "fixed"]],
    slot: [["background", c.surface], ["border-left", `3px solid ${c.accent}`], ["padding", "0.25rem 0.5rem"], ["display", "block"], ["font-size", "0.875rem"]],
    "table-wrap": [["overflow-x", "auto"]],
    "skip-link": [["position", "absolute"], ["left", "-999px"], ["top", "0.5rem"], ["background", c.surface], ["padding", "0.5rem 1rem"]],
    "sr-only": [["position", "absolute"], ["width", "1px"], ["height", "1px"], ["overflow", "hidden"], ["clip", "rect(0 0 0 0)"], ["white-space", "nowrap"]],
    notice: [["padding", "0.75rem 1rem"], ["border-radius", theme.radius], ["background", c.surface], ["border", `1px solid ${c.accent}`]],
    invoice__meta: [["display", "flex"], ["justify-content", "space-between"], ["gap", theme.gap], ["flex-wrap", "wrap"]],
    split: [["display", "grid"], ["grid-template-columns", rng.pick(["2fr 1fr", "minmax(0, 3fr) minmax(0, 2fr)", "1fr 22rem"])], ["gap", theme.gap]]
  }
}

export type Naming = "kebab" | "bem" | "prefixed"

/** A class written in BEM form (`card__title`, `btn--ghost`) in the page's naming style. */
export const classNamer = (naming: Naming, prefix: string) => (name: string): string => {
  if (naming === "bem") return name
  const kebab = name.replace(/__|--/g, "-")
  return naming === "prefixed" ? `${prefix}-${kebab}` : kebab
}

export interface CssFormat {
  readonly compact: boolean
  readonly indent: string
}

const writeRule = (selector: string, decls: Decls, format: CssFormat): string[] =>
  format.compact
    ? [`${selector} { ${decls.map(([p, v]) => `${p}: ${v};`).join(" ")} }`]
    : [`${selector} {`, ...decls.map(([p, v]) => `${format.indent}${p}: ${v};`), "}"]

/**
 * The stylesheet for a page that uses `tags` and (BEM-named) `classes`: a reset or not, custom
 * properties when the theme uses them, then the rules, each with its declarations in a drawn order.
 */
export const stylesheet = (rng: Rng, theme: Theme, tags: ReadonlySet<string>, classes: ReadonlySet<string>, name: (bem: string) => string, format: CssFormat): string => {
  const lines: string[] = []
  const rule = (selector: string, decls: Decls, key = selector) => {
    const extra = EXTRAS[key] ? rng.sample(EXTRAS[key], rng.int(0, EXTRAS[key].length)) : []
    const all = rng.shuffle([...decls, ...extra])
    lines.push(...writeRule(selector, all.slice(0, Math.max(1, all.length - (rng.chance(0.3) ? 1 : 0))), format))
    if (!format.compact && rng.chance(0.35)) lines.push("")
  }
  if (theme.variables) {
    rule(":root", (["accent", "bg", "surface", "text", "muted", "border"] as const).map((key) => [`--${key}`, theme[key]] as const))
  }
  const reset = rng.pick([0, 1, 2, 3])
  const resetDecls = rng.sample([["margin", "0"], ["padding", "0"]] as const, rng.int(0, 2))
  if (reset === 1) rule("*", [["box-sizing", "border-box"], ...resetDecls])
  else if (reset === 2) rule("*, *::before, *::after", [["box-sizing", "border-box"], ...resetDecls])
  else if (reset === 3) rule("html", [["box-sizing", "border-box"], ["scroll-behavior", "smooth"]])
  const elements = elementRules(theme, rng)
  // body usually comes first, the other element rules in a drawn order
  const order = rng.shuffle(Object.keys(elements).filter((tag) => tag !== "body" && tags.has(tag) && rng.chance(0.8)))
  order.splice(rng.chance(0.35) ? 0 : rng.int(0, order.length), 0, "body")
  for (const tag of order) rule(tag, elements[tag])
  const byClass = classRules(theme, rng)
  for (const bem of Object.keys(byClass)) if (classes.has(name(bem))) rule(`.${name(bem)}`, byClass[bem], `.${bem}`)
  if (tags.has("button") && rng.chance(0.35)) rule(rng.pick(["button:hover", "button:hover, button:focus-visible"]), [rng.pick([["filter", "brightness(0.95)"], ["opacity", "0.9"], ["background", theme.text]] as const)])
  const responsive = ["layout", "split", "grid", "grid--wide"].map(name).filter((c) => classes.has(c))
  if (responsive.length > 0 && rng.chance(0.4)) {
    const query = `@media (max-width: ${rng.pick(["640px", "720px", "48rem", "768px"])})`
    const inner = writeRule(responsive.map((c) => `.${c}`).join(", "), [rng.pick([["grid-template-columns", "1fr"], ["grid-template-columns", "minmax(0, 1fr)"], ["display", "block"]] as const)], format)
    if (format.compact) lines.push(`${query} { ${inner.join(" ")} }`)
    else lines.push(`${query} {`, ...inner.map((line) => format.indent + line), "}")
  }
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop()
  return lines.join("\n")
}
