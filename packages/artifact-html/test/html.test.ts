import { readdirSync, readFileSync } from "node:fs"
import { runReadmeExample } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import { html, namesOfPage } from "../src/index.ts"

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8")
const errors = (content: string) => html.validate(content).issues.filter((issue) => issue.severity === "error")
const codes = (content: string) => html.validate(content).issues.map((issue) => issue.code)

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Checkout</title>
  <style>
    body { margin: 0; }
  </style>
</head>
<body>
  <!-- the order form -->
  <main>
    <h1>Checkout</h1>
    <form action="#">
      <fieldset>
        <legend>Payment</legend>
        <label for="card">Card number</label>
        <input id="card" name="card" autocomplete="cc-number">
      </fieldset>
      <button type="submit">Pay €42.00</button>
    </form>
  </main>
  <script>
    document.querySelector("form").addEventListener("submit", (event) => event.preventDefault())
  </script>
</body>
</html>`

describe("html: the floor, one rule at a time", () => {
  const floor = readdirSync(new URL("./fixtures/", import.meta.url)).filter((name) => name.startsWith("fail-floor-"))
  it.each(floor)("%s fails with exactly one error, its own", (name) => {
    const text = fixture(name)
    const want = /expect: fail ([a-z-]+)@(\d+)/.exec(text)!
    const found = errors(text)
    expect(found.map((issue) => `${issue.code}@${issue.line}`)).toEqual([`${want[1]}@${want[2]}`])
  })

  it("covers every floor rule", () => {
    const covered = new Set(floor.map((name) => /expect: fail ([a-z-]+)/.exec(fixture(name))![1]))
    for (const code of ["missing-doctype", "missing-start-tag", "missing-end-tag", "unclosed-element", "misnested-element", "stray-end-tag", "misplaced-content", "missing-title", "too-few-elements", "parse-error"]) {
      expect(covered, code).toContain(code)
    }
  })
})

describe("html: truncated output never passes", () => {
  const pages = [PAGE, fixture("valid-orders.html"), fixture("valid-svg-template.html"), html.prompt.system.split("```html\n")[1].split("\n```")[0]]
  it.each(pages.map((page, i) => [i, page] as const))("page %i cut at every position", (_, page) => {
    expect(html.validate(page).passed).toBe(true)
    const end = page.lastIndexOf("</html>")
    for (let at = 1; at <= end + 6; at++) {
      const result = html.validate(page.slice(0, at))
      if (result.passed) throw new Error(`a page cut after ${at} characters passes:\n…${page.slice(Math.max(0, at - 60), at)}`)
    }
  })

  it("names the cut: inside a tag, an attribute, a comment, a script", () => {
    expect(codes(PAGE.slice(0, PAGE.indexOf('name="card"') + 8))).toContain("parse-error")
    expect(codes(PAGE.slice(0, PAGE.indexOf("<!-- the order") + 10))).toContain("parse-error")
    const inScript = PAGE.slice(0, PAGE.indexOf("addEventListener"))
    expect(codes(inScript)).toEqual(expect.arrayContaining(["unclosed-element", "missing-end-tag"]))
  })
})

describe("html: wrong type says what it looks like", () => {
  it.each([
    ["fail-wrong-type-react.txt", /React\/JSX/],
    ["fail-wrong-type-angular.html", /Angular/],
    ["fail-wrong-type-markdown.md", /Markdown/],
    ["fail-wrong-type-fragment.html", /fragment/],
    ["fail-wrong-type-fenced.txt", /code block/],
    ["fail-wrong-type-svg.svg", /SVG/]
  ])("%s", (name, looksLike) => {
    const result = html.validate(fixture(name))
    expect(result.passed).toBe(false)
    const wrong = result.issues.find((issue) => issue.code === "wrong-type")
    expect(wrong?.message).toMatch(looksLike)
    expect(result.issues.filter((issue) => issue.severity === "error")).toHaveLength(1)
  })

  it("a Vue single-file component and a bare stylesheet", () => {
    expect(html.validate('<template>\n  <div class="orders"><h1>{{ title }}</h1></div>\n</template>\n<script setup>\nconst title = "Orders"\n</script>').issues[0].message).toMatch(/Vue/)
    expect(html.validate("body { margin: 0; }\n.card { padding: 1rem; }").issues[0].message).toMatch(/CSS/)
  })

  it("a page whose script imports modules or whose text shows code is still a page", () => {
    const withModule = PAGE.replace('document.querySelector("form")', 'import("./app.js"); document.querySelector("form")').replace("<script>", '<script type="module">\n    import { start } from "./app.js"')
    expect(html.validate(withModule).passed).toBe(true)
    const withCode = PAGE.replace("<h1>Checkout</h1>", "<h1>Checkout</h1>\n    <pre><code>```js\nexport default {}\n```</code></pre>")
    expect(html.validate(withCode).passed).toBe(true)
  })
})

describe("html: scores rank quality above the floor", () => {
  it("a sloppier page scores lower and still passes", () => {
    const clean = html.validate(fixture("valid-orders.html"))
    const sloppy = html.validate(fixture("warn-accessibility.html"))
    expect(clean.score).toBe(100)
    expect(sloppy.passed).toBe(true)
    expect(sloppy.score).toBeLessThan(clean.score)
  })

  it("duplicate ids, missing charset and viewport, an unstyled page are warnings", () => {
    const page = PAGE.replace('<meta charset="utf-8">', "").replace(/<meta name="viewport"[^>]*>/, "").replace(/<style>[\s\S]*?<\/style>/, "").replace('<button type="submit">', '<button id="card" type="submit">')
    const result = html.validate(page)
    expect(result.passed).toBe(true)
    expect(result.issues.map((issue) => issue.code).sort()).toEqual(["duplicate-id", "missing-charset", "missing-viewport", "unstyled-page"])
  })

  it("a labelled control counts however it is labelled", () => {
    const labelled = ['<label>Email <input name="a"></label>', '<input name="b" aria-label="Email">', '<span id="l">Email</span><input name="c" aria-labelledby="l">', '<input type="hidden" name="d">', '<input type="submit" value="Go">']
    const page = PAGE.replace("<h1>Checkout</h1>", `<h1>Checkout</h1>\n${labelled.join("\n")}`)
    expect(codes(page)).not.toContain("unlabeled-control")
    expect(codes(page.replace("<h1>Checkout</h1>", '<h1>Checkout</h1><select name="e"><option>x</option></select>'))).toContain("unlabeled-control")
  })
})

describe("html: extract", () => {
  const page = fixture("valid-orders.html").split("\n").slice(1).join("\n").trim()
  it.each([
    ["a CSS block before the page", `Styles:\n\`\`\`css\nbody { margin: 0 }\n\`\`\`\nPage:\n\`\`\`html\n${page}\n\`\`\``],
    ["a JSX block after the page", `\`\`\`html\n${page}\n\`\`\`\nOr in React:\n\`\`\`jsx\nexport default () => <main className="x" />\n\`\`\``],
    ["an unfenced page next to a fenced snippet", `${page}\n\nTo add a row:\n\`\`\`html\n<tr><td>A-1044</td></tr>\n\`\`\``],
    ["prose that mentions </html> after the page", `Here:\n${page}\nEvery tag is closed, up to </html>.`],
    ["a comment before the doctype", `\`\`\`html\n<!-- generated -->\n${page}\n\`\`\``]
  ])("%s", (_, raw) => {
    expect(html.extract(raw)).toBe(page)
  })

  it("keeps a truncated answer truncated, for the validator to reject", () => {
    const cut = `\`\`\`html\n${page.slice(0, 400)}`
    expect(html.extract(cut)).toBe(page.slice(0, 400).trim())
    expect(html.validate(html.extract(cut)).passed).toBe(false)
  })
})

describe("html: parser isolation", () => {
  it("a browser-like global environment changes no verdict", () => {
    const inputs = [PAGE, fixture("valid-optional-tags.html"), fixture("fail-floor-misnested.html"), fixture("fail-wrong-type-react.txt")]
    const before = inputs.map((input) => html.validate(input))
    const g = globalThis as { window?: unknown; document?: unknown }
    g.window = { location: { href: "https://example.com/" } }
    g.document = { createElement: () => ({}) }
    try {
      expect(inputs.map((input) => html.validate(input))).toEqual(before)
    } finally {
      delete g.window
      delete g.document
    }
  })
})

describe("html: names of a page", () => {
  it("lists title, headings, landmarks, fields, columns and navigation", () => {
    const names = namesOfPage(fixture("valid-orders.html"))
    expect(names).toEqual(expect.arrayContaining(["Orders · Northwind", "Orders", "Customers", "Search orders", "q", "Order", "Customer", "Total", "Status", "Search"]))
    expect(namesOfPage("")).toEqual([])
  })

  it("every dataset request's listed names are names of its page", () => {
    for (const example of html.dataset.generate({ seed: 3, count: 300 })) {
      const names = namesOfPage(example.output).map((name) => name.toLowerCase())
      for (const name of example.meta.names as string[]) expect(names, `${example.meta.layout}: ${name}`).toContain(name.toLowerCase())
    }
  })
})

describe("html: dataset variety", () => {
  const examples = [...html.dataset.generate({ seed: 42, count: 1000 })]
  it("covers every layout and both light and dark themes", () => {
    const layouts = new Set(examples.map((example) => String(example.meta.layout).replace(/^auth-.*/, "auth")))
    expect(layouts.size).toBeGreaterThanOrEqual(15)
    expect(examples.some((example) => example.meta.dark === true)).toBe(true)
    expect(new Set(examples.map((example) => example.meta.naming)).size).toBe(3)
  })

  it("declares its encoding in the first 1024 bytes, as the HTML standard requires", () => {
    for (const example of examples) {
      const at = example.output.search(/<meta charset=/i)
      expect(Buffer.byteLength(example.output.slice(0, at)), example.output.slice(0, 1500)).toBeLessThan(1024)
    }
  })

  it("uses only the custom properties its stylesheet declares", () => {
    for (const example of examples) {
      const declared = new Set([...example.output.matchAll(/(--[\w-]+)\s*:/g)].map((match) => match[1]))
      const undeclared = [...example.output.matchAll(/var\((--[\w-]+)/g)].map((match) => match[1]).filter((name) => !declared.has(name))
      expect(undeclared, example.output).toEqual([])
    }
  })

  it("every page scores 100", () => {
    for (const example of examples) expect(html.validate(example.output).score, example.output).toBe(100)
  })
})

describe("html: README", () => {
  it("the example runs as written", () => {
    const [first, ...rest] = runReadmeExample(new URL("../README.md", import.meta.url)).trim().split("\n")
    expect(first).toBe("true 100")
    expect(rest.join("\n")).toMatch(/code: 'unclosed-element'.*line: 6/s)
  })
})
