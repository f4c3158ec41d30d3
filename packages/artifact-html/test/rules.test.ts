/**
 * The page judge's own rules, word for word: what a user reads in each message, the line it points
 * at, the points it takes off, and where each rule's edges are (the tags the HTML standard lets a
 * page leave out, the kinds of element a rule leaves alone). Each case breaks one rule of a clean
 * page (`page()`: main content from line 16 on, extra head lines from line 8 on).
 */
import { findingsOf } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import { html } from "../src/index.ts"
import { MAX_PAGE_CHARS } from "../src/internal/validate.ts"
import { page } from "./pages.ts"

/** Every issue of a page, as [code, message, line]. */
const issuesOf = (content: string) => html.validate(content).issues.map((issue) => [issue.code, issue.message, issue.line])
const findings = (content: string, code: string) => findingsOf(html, content, code)
/** The score with every penalty visible (no error cap below the pass mark). */
const scoreOf = (content: string) => html.validate(content, { threshold: 100 }).score
/** The scores of pages whose main holds `line` as many times as each count says. */
const scoresWith = (line: string, counts: ReadonlyArray<number>) => counts.map((count) => scoreOf(page(Array(count).fill(line))))

const UNCLOSED = (tag: string) => `\`<${tag}>\` is never closed: add \`</${tag}>\` where it ends.`
const STRAY = (tag: string) => `\`</${tag}>\` closes no open element: remove it or open the element it means to close.`
const MISNESTED = (tag: string, closedAt?: number) =>
  `\`<${tag}>\` is closed out of order${closedAt ? ` (its \`</${tag}>\` is on line ${closedAt})` : ""}: close elements in the reverse order they were opened, and never close an inline element around a block.`
const MISPLACED = (tag: string) => `\`<${tag}>\` is not allowed here and is ignored by browsers: a page has one \`<html>\`, one \`<head>\` and one \`<body>\`.`
const AFTER_BODY = "Content after `</body>`: everything visible belongs inside the body."
const LEGACY = "The doctype is a legacy one: an HTML5 page starts with `<!DOCTYPE html>`."

describe("answers that are not a page", () => {
  it("an empty or whitespace-only answer, or no string at all, is empty", () => {
    const empty = [["empty", "The answer is empty: expected a complete HTML page.", undefined]]
    expect(issuesOf(" \n\t")).toEqual(empty)
    expect(issuesOf(undefined as never)).toEqual(empty)
    expect(scoreOf("")).toBe(0)
  })

  it(`judges a page of ${MAX_PAGE_CHARS} characters and refuses one character more`, () => {
    const base = page(["    <!--  -->"])
    const padded = (length: number) => base.replace("<!--  -->", `<!-- ${"x".repeat(length - base.length)} -->`)
    expect(issuesOf(padded(MAX_PAGE_CHARS))).toEqual([])
    expect(issuesOf(padded(MAX_PAGE_CHARS + 1))).toEqual([["too-large", `The page is ${MAX_PAGE_CHARS + 1} characters long; at most ${MAX_PAGE_CHARS} are judged.`, undefined]])
    expect(scoreOf(padded(MAX_PAGE_CHARS + 1))).toBe(0)
  })

  it("prose is not HTML, and a component is the wrong type, each with its own points", () => {
    expect(issuesOf("Here is the page you asked for.")).toEqual([["not-html", "No HTML found: expected a complete page starting with `<!DOCTYPE html>`.", 1]])
    expect(scoreOf("Here is the page you asked for.")).toBe(5)
    expect(scoreOf("```tsx\nexport const Orders = () => <main><h1>Orders</h1></main>\n```")).toBe(10)
  })
})

describe("parse errors", () => {
  it.each([
    ["missing-whitespace-between-attributes", ['    <p class="a"id="b">x</p>'], "at column 17: two attributes run together without a space"],
    ["duplicate-attribute", ['    <p class="a" class="b">x</p>'], "at column 23: an attribute is given twice on one element"],
    ["non-void-html-element-start-tag-with-trailing-solidus", ["    <span/>x</span>"], "at column 5: `<tag/>` does not close a non-void HTML element: write `<tag></tag>`"],
    ["end-tag-with-attributes", ['    <p>x</p class="a">'], "at column 22: an end tag carries attributes"],
    ["unexpected-character-in-attribute-name", ['    <p a"b="c">x</p>'], "at column 9: an attribute name holds a quote, `<` or `=`"],
    ["unexpected-character-in-unquoted-attribute-value", ['    <p class=a"b>x</p>'], "at column 15: an unquoted attribute value holds a quote, `<`, `=` or backtick: quote it"],
    ["missing-attribute-value", ["    <p class=>x</p>"], "at column 14: an attribute has `=` but no value"],
    ["unexpected-equals-sign-before-attribute-name", ["    <p =a>x</p>"], "at column 8: an attribute starts with `=`"],
    ["invalid-first-character-of-tag-name", ["    <p>1 < 2</p>"], "at column 11: `<` is followed by a character that cannot start a tag: write `&lt;` for a literal `<`"],
    ["unknown-named-character-reference", ["    <p>a &foo; b</p>"], "at column 14: an unknown character reference (`&name;`)"],
    ["missing-semicolon-after-character-reference", ["    <p>a &amp b</p>"], "at column 14: a character reference without its `;`"],
    ["abrupt-closing-of-empty-comment", ["    <!-->"], "at column 9: `<!-->` is not a comment"],
    ["incorrectly-opened-comment", ["    <!x>"], "at column 7: a comment must open with `<!--`"],
    ["nested-comment", ["    <!-- a <!-- b -->"], "at column 16: a comment inside a comment"],
    ["null-character-reference", ["    <p>a &#0; b</p>"], "at column 14: the HTML standard does not allow this"]
  ])("%s: its code, its column and what it means, on its line", (code, main, says) => {
    expect(issuesOf(page(main))).toEqual([["parse-error", `HTML parse error (${code}) ${says}.`, 16]])
  })

  it("in the head: a misplaced doctype, a second <head>, a head element between </head> and <body>", () => {
    expect(issuesOf(page([], ["<!DOCTYPE html>"]))).toEqual([["parse-error", "HTML parse error (misplaced-doctype) at column 1: a second or misplaced <!DOCTYPE>.", 8]])
    expect(issuesOf(page([], ["<head>"]))).toEqual([["misplaced-content", MISPLACED("head"), 8]])
    expect(issuesOf(page().replace("<body>", '<meta name="x" content="y">\n<body>'))).toEqual([
      ["parse-error", "HTML parse error (abandoned-head-element-child) at column 1: a head element (meta, link, title, style, script …) after `</head>`: move it into the head.", 9]
    ])
  })

  it("a stray end tag before <body>, and a template closed around an open element, as the parser sees them", () => {
    expect(issuesOf(page([], ["</p>"]))).toEqual([
      ["parse-error", "HTML parse error (end-tag-without-matching-open-element) at column 1: an end tag in <head> that closes nothing.", 8],
      ["stray-end-tag", STRAY("p"), 8]
    ])
    expect(issuesOf(page(["    <template><div></template>"]))).toEqual([
      ["parse-error", "HTML parse error (closing-of-element-with-open-child-elements) at column 20: a template closed with elements still open in it.", 16],
      ["unclosed-element", UNCLOSED("div"), 16]
    ])
  })

  it("where the page is cut off, without a column", () => {
    const full = page()
    expect(findings(full.replace("</html>", "</html>\n<!-- cut"), "parse-error")).toEqual([["HTML parse error (eof-in-comment): the document ends inside a comment (cut off?).", 19]])
    expect(findings(full.replace("</html>", "</html>\n<"), "parse-error")).toEqual([["HTML parse error (eof-before-tag-name): the document ends after a `<`.", 19]])
    expect(findings(full.slice(0, full.indexOf("<li>") + 3), "parse-error")).toEqual([["HTML parse error (eof-in-tag): the document ends inside a tag (cut off?).", 14]])
    expect(findings("<!DOCTYPE", "parse-error")).toEqual([["HTML parse error (eof-in-doctype): the document ends inside the doctype.", 1]])
    expect(findings(full.slice(0, full.indexOf("Orders</title>") + 3), "parse-error")).toEqual([
      ["HTML parse error (eof-in-element-that-can-contain-only-text): the document ends inside a <script>, <style>, <title> or <textarea> (cut off?).", 6]
    ])
    const inScript = page([], ["  <script>", "    // <!--<script>"])
    expect(findings(inScript.slice(0, inScript.indexOf("<script>\n") + 27), "parse-error").map(([message]) => message)).toEqual([
      "HTML parse error (eof-in-script-html-comment-like-text): the document ends inside a script.",
      "HTML parse error (eof-in-element-that-can-contain-only-text): the document ends inside a <script>, <style>, <title> or <textarea> (cut off?)."
    ])
  })

  it("takes 20 points each, at most 60", () => {
    expect(scoresWith('    <p class="a" class="b">x</p>', [1, 2, 3, 4])).toEqual([80, 60, 40, 40])
  })
})

describe("the doctype", () => {
  it("a page without one is told so on line 1, and the parser's own complaint is not repeated", () => {
    expect(issuesOf(page().replace("<!DOCTYPE html>\n", ""))).toEqual([["missing-doctype", "The page does not start with `<!DOCTYPE html>`.", 1]])
    expect(scoreOf(page().replace("<!DOCTYPE html>\n", ""))).toBe(85)
  })

  it("a legacy doctype (another name, a public id or a system id) is pointed at where it stands", () => {
    expect(issuesOf(page().replace("<!DOCTYPE html>", '<!-- generated -->\n<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">'))).toEqual([["missing-doctype", LEGACY, 2]])
    expect(issuesOf(page().replace("<!DOCTYPE html>", '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN">'))).toEqual([["missing-doctype", LEGACY, 1]])
    expect(issuesOf(page().replace("<!DOCTYPE html>", '<!DOCTYPE html SYSTEM "http://example.com/page.dtd">'))).toEqual([["missing-doctype", LEGACY, 1]])
    expect(issuesOf(page().replace("<!DOCTYPE html>", "<!DOCTYPE svg>"))).toEqual([["missing-doctype", LEGACY, 1]])
    expect(scoreOf(page().replace("<!DOCTYPE html>", "<!DOCTYPE svg>"))).toBe(85)
  })

  it("any case, and the legacy-compat system id, are HTML5", () => {
    expect(issuesOf(page().replace("<!DOCTYPE html>", "<!doctype HTML>"))).toEqual([])
    expect(issuesOf(page().replace("<!DOCTYPE html>", '<!DOCTYPE html SYSTEM "about:legacy-compat">'))).toEqual([])
  })
})

describe("the document's own tags", () => {
  it("a missing start tag points at the first tag written inside the element", () => {
    expect(issuesOf(page().replace('<html lang="en">\n', ""))).toEqual([
      ["missing-start-tag", "The `<html>` start tag is missing: write it explicitly.", 2],
      ["missing-lang", "`<html>` has no `lang` attribute (screen readers and translators need the page's language).", 1]
    ])
    expect(issuesOf(page().replace("<head>\n", ""))).toEqual([["missing-start-tag", "The `<head>` start tag is missing: write it explicitly.", 3]])
    expect(issuesOf(page().replace("<body>\n", ""))).toEqual([["missing-start-tag", "The `<body>` start tag is missing: write it explicitly.", 9]])
    expect(scoreOf(page().replace("<body>\n", ""))).toBe(90)
  })

  it("with <html> and <head> both left out, each points at the first tag written, not at the other", () => {
    expect(findings(page().replace('<html lang="en">\n', "").replace("<head>\n", ""), "missing-start-tag")).toEqual([
      ["The `<html>` start tag is missing: write it explicitly.", 2],
      ["The `<head>` start tag is missing: write it explicitly.", 2]
    ])
  })

  it("an element with no tag inside it points at line 1", () => {
    const bare = '<!DOCTYPE html>\n<html lang="en">\n<head><title>x</title></head>\n\n</html>'
    expect(findings(bare, "missing-start-tag")).toEqual([["The `<body>` start tag is missing: write it explicitly.", 1]])
  })

  it("a missing end tag points at the last line, and </html> is asked for at the end of the page", () => {
    expect(issuesOf(page().replace("\n</body>", ""))).toEqual([["missing-end-tag", "The `</body>` end tag is missing.", 17]])
    expect(issuesOf(page().replace("\n</html>", ""))).toEqual([["missing-end-tag", "The `</html>` end tag is missing at the end of the page.", 17]])
    expect(scoreOf(page().replace("\n</html>", ""))).toBe(90)
  })

  it("an end tag counts even when its start tag was left out", () => {
    expect(findings(page().replace("<body>\n", ""), "missing-end-tag")).toEqual([])
    expect(findings(page().replace('<html lang="en">\n', ""), "missing-end-tag")).toEqual([])
    expect(findings(page().replace("<body>\n", "").replace("</body>\n", ""), "missing-end-tag")).toEqual([["The `</body>` end tag is missing.", 16]])
  })

  it("a </body> the parser ignores (inside a template) does not close the body", () => {
    expect(issuesOf(page(["    <template></body></template>"]).replace("</body>\n", ""))).toEqual([
      ["missing-end-tag", "The `</body>` end tag is missing.", 18],
      ["stray-end-tag", STRAY("body"), 16]
    ])
  })

  it("neither a misplaced <body> nor another element's end tag closes a body left without tags", () => {
    const untagged = page(["    </div>", "    <body>"]).replace("<body>\n", "").replace("</body>\n", "")
    expect(issuesOf(untagged)).toEqual([
      ["missing-start-tag", "The `<body>` start tag is missing: write it explicitly.", 9],
      ["missing-end-tag", "The `</body>` end tag is missing.", 18],
      ["stray-end-tag", STRAY("div"), 15],
      ["misplaced-content", MISPLACED("body"), 16]
    ])
  })
})

describe("unclosed elements", () => {
  it("says which element and where it opens; 10 points each, at most 40", () => {
    expect(issuesOf(page(["    <div>", "      <p>Open</p>"]))).toEqual([["unclosed-element", UNCLOSED("div"), 16]])
    expect(scoresWith("    <section>", [1, 4, 5])).toEqual([90, 60, 60])
    expect(findings(page(Array(5).fill("    <section>")), "unclosed-element")).toHaveLength(5)
  })

  it("void elements never have an end tag", () => {
    const voids = page(
      [
        '    <p>a<br>b<wbr>c<img src="a.png" alt=""><input aria-label="q"><embed src="a.swf"><keygen><basefont><bgsound></p>',
        "    <hr>",
        '    <map name="m"><area href="#" alt="x"></map>',
        "    <table><colgroup><col></colgroup><tr><td>x</td></tr></table>",
        '    <video><source src="a.mp4"><track src="a.vtt"></video>',
        '    <object><param name="a" value="b"></object>'
      ],
      ['  <base href="/">', '  <link rel="icon" href="a.png">']
    )
    expect(issuesOf(voids)).toEqual([])
  })

  it("a self-closed SVG element is closed, an SVG group left open is not", () => {
    expect(issuesOf(page(['    <svg viewBox="0 0 10 10" role="img"><title>Logo</title><g><path d="M0 0"/><circle r="1"></circle></g></svg>']))).toEqual([])
    expect(issuesOf(page(['    <svg viewBox="0 0 10 10"><g><path d="M0 0"/></svg>']))).toEqual([["unclosed-element", UNCLOSED("g"), 16]])
  })

  it("a <div/> is reported as the parser reads it: an open <div>", () => {
    expect(findings(page(["    <div/>", "    <p>x</p>"]), "unclosed-element")).toEqual([[UNCLOSED("div"), 16]])
  })
})

describe("end tags the HTML standard lets a page leave out", () => {
  // every element a `p` end tag may be omitted before
  const closesP = ["address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset", "figcaption", "figure", "footer", "form"]
    .concat(["h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "main", "menu", "nav", "ol", "p", "pre", "search", "section", "ul"])
  it.each(closesP)("a <p> before a <%s>", (tag) => {
    expect(issuesOf(page(["    <p>lead", `    <${tag}>x</${tag}>`]))).toEqual([])
  })

  it("a <p> before an <hr> or a <table> (even one whose stray text the browser moves before it), or at the end of a <div>", () => {
    expect(issuesOf(page(["    <p>lead", "    <hr>"]))).toEqual([])
    expect(issuesOf(page(["    <p>lead", "    <table><tr><td>x</td></tr></table>"]))).toEqual([])
    expect(issuesOf(page(["    <p>lead", "    <table>note<tr><td>x</td></tr></table>"]))).toEqual([])
    expect(issuesOf(page(["    <div><p>lead</div>"]))).toEqual([])
  })

  it("a <p> before an element that is not in the standard's list, or at the end of an element that keeps its end tag, is never closed", () => {
    expect(issuesOf(page(["    <p>lead", "    <span>x</span>"]))).toEqual([])
    expect(issuesOf(page(["    <p>lead", "    <li>item</li>"]))).toEqual([["unclosed-element", UNCLOSED("p"), 16]])
    for (const parent of ["audio", "del", "ins", "map", "video"]) {
      expect(issuesOf(page([`    <${parent}><p>lead</${parent}>`])), parent).toEqual([
        ["unclosed-element", UNCLOSED("p"), 16],
        ["misnested-element", MISNESTED(parent, 16), 16]
      ])
    }
  })

  it("lists, definitions, ruby, selects and tables written with optional end tags", () => {
    const pages = [
      "    <ol><li>a<li>b<!-- c --></ol>",
      "    <dl><dt>a<dd>b<dt>c<dt>d<dd>e<dd>f</dl>",
      "    <p><ruby>漢<rp>(<rt>kan<rp>)</ruby> <ruby>漢<rt>kan<rt>ji</ruby></p>",
      '    <select aria-label="s"><optgroup label="a"><option>x<option>y<optgroup label="b"><option>z<hr><option>w</select>',
      '    <select aria-label="t"><optgroup label="a"><option>x</option><hr><option>y</select>',
      "    <table><caption>T<colgroup><col><thead><tr><th>a<th>b<tbody><tr><td>1<td>2<tr><td>3<td>4<tbody><tr><td>5<td>6<tfoot><tr><td>s<td>t</table>",
      "    <table><thead><tr><th>a</th></tr><tfoot><tr><td>b</td></tr></tfoot></table>",
      "    <table><tbody><tr><td>a</td></tr><tfoot><tr><td>b</td></tr></tfoot></table>",
      '    <select aria-label="u"><option>x<hr><option>y</select>',
      '    <select aria-label="v"><option>x<optgroup label="b"><option>y</select>',
      "    <table><tr><th>a<td>b<th>c<td>d</tr></table>",
      "    <table><tbody><tr><td>a</td></tr></table>",
      "    <table><colgroup><col></table>",
      "    <table><caption>x</table>"
    ]
    for (const main of pages) expect(issuesOf(page([main])), main).toEqual([])
  })

  it("but not everywhere: a <dt> before a <div> or at the end, a <thead> at the end, a <tfoot> before a <tbody>", () => {
    expect(issuesOf(page(["    <dl><dt>a</dl>"]))).toEqual([["unclosed-element", UNCLOSED("dt"), 16]])
    expect(issuesOf(page(["    <dl><dt>a<div>x</div></dl>"]))).toEqual([["unclosed-element", UNCLOSED("dt"), 16]])
    expect(issuesOf(page(["    <table><thead><tr><th>a</th></tr></table>"]))).toEqual([["unclosed-element", UNCLOSED("thead"), 16]])
    expect(issuesOf(page(["    <table><tfoot><tr><td>b</td></tr><tbody><tr><td>a</td></tr></tbody></table>"]))).toEqual([["unclosed-element", UNCLOSED("tfoot"), 16]])
    expect(issuesOf(page(["    <table><tbody><tr><td>a</td></tr><thead><tr><th>h</th></tr></thead></table>"]))).toEqual([["unclosed-element", UNCLOSED("tbody"), 16]])
  })

  it("one end tag left out before the next item, the other not: each item on its own", () => {
    expect(issuesOf(page(["    <ul>", "      <li>a", "      <li>b</li>", "      <li>c", "    </ul>"]))).toEqual([])
    expect(issuesOf(page(["    <dl>", "      <dt>a", "      <dd>b", "      <dt>c</dt>", "    </dl>"]))).toEqual([])
  })
})

describe("misnested elements", () => {
  it("names the element closed out of order and the line of its late end tag", () => {
    expect(issuesOf(page(["    <p><b>bold <i>both</b> italic</i></p>"]))).toEqual([["misnested-element", MISNESTED("i", 16), 16]])
    expect(issuesOf(page(["    <section>", "      <div>x", "    </section>", "    </div>"]))).toEqual([["misnested-element", MISNESTED("div", 19), 17]])
    expect(issuesOf(page(['    <a href="#">', "      <div>block", "    </a>", "    </div>"]))).toEqual([["misnested-element", MISNESTED("a", 18), 16]])
  })

  it("in line order, however each was found", () => {
    expect(findings(page(["    <section><div>x</section></div>", "    <p><b>bold <i>both</b> italic</i></p>"]).replace("<h1>Orders</h1>", "<h1><b>Or<i>ders</b></i></h1>"), "misnested-element")).toEqual([
      [MISNESTED("i", 11), 11],
      [MISNESTED("div", 16), 16],
      [MISNESTED("i", 17), 17]
    ])
  })

  it("says nothing of an end tag when the element was never closed, and names an element the browser copies once", () => {
    expect(issuesOf(page(["    <p><b>one", "    <p>two</p>"]))).toEqual([["misnested-element", MISNESTED("b"), 16]])
    expect(issuesOf(page(["    <p><em>one</p>", "    <p>two</p>", "    <p>three</p>"]))).toEqual([["misnested-element", MISNESTED("em"), 16]])
  })

  it("an end tag that closes the browser's copy of an element is that element's late end tag, not a stray one", () => {
    expect(issuesOf(page(["    <b><i>one", "    <p>two</b>", "    three</i></p>"]))).toEqual([
      ["misnested-element", MISNESTED("i", 18), 16],
      ["misnested-element", MISNESTED("b", 17), 16]
    ])
  })

  it("takes 10 points each, at most 30", () => {
    expect(scoresWith("    <p><b>bold <i>both</b> italic</i></p>", [1, 3, 4])).toEqual([90, 70, 70])
  })
})

describe("stray end tags", () => {
  it("each on its own line; 8 points each, at most 24", () => {
    const stray = page(["    </div>", "    </span>", "    </section>", "    </article>"])
    expect(findings(stray, "stray-end-tag")).toEqual([
      [STRAY("div"), 16],
      [STRAY("span"), 17],
      [STRAY("section"), 18],
      [STRAY("article"), 19]
    ])
    expect(scoreOf(page(["    </div>"]))).toBe(92)
    expect(scoreOf(page(["    </div>", "    </div>", "    </div>"]))).toBe(76)
    expect(scoreOf(stray)).toBe(76)
  })

  it("an end tag before an element's start tag, or another element's end tag, is not its end tag", () => {
    expect(issuesOf(page(["    </div>", "    <div>"]))).toEqual([
      ["unclosed-element", UNCLOSED("div"), 17],
      ["stray-end-tag", STRAY("div"), 16]
    ])
    expect(issuesOf(page(["    <div>", "    </span>"]))).toEqual([
      ["unclosed-element", UNCLOSED("div"), 16],
      ["stray-end-tag", STRAY("span"), 17]
    ])
  })

  it("a </p> with no paragraph open, and a </br>, are stray (and nothing else)", () => {
    expect(issuesOf(page(["    </p>"]))).toEqual([["stray-end-tag", STRAY("p"), 16]])
    expect(issuesOf(page(["    <p>one</br>two</p>"]))).toEqual([["stray-end-tag", STRAY("br"), 16]])
  })
})

describe("misplaced content", () => {

  it("a second <html>, <head> or <body> start tag, in line order", () => {
    expect(issuesOf(page(['    <body class="x">', '    <html lang="fr">']))).toEqual([
      ["misplaced-content", MISPLACED("body"), 16],
      ["misplaced-content", MISPLACED("html"), 17]
    ])
    expect(findings(page([], ["<head>"]), "misplaced-content")).toEqual([[MISPLACED("head"), 8]])
  })

  it("a table part outside a table, or a tag no browser keeps where it stands", () => {
    const TABLE_PART = (tag: string) => `\`<${tag}>\` is not allowed here and is ignored by browsers: a table part belongs inside a \`<table>\`.`
    const parts = ["caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td"]
    expect(findings(page(parts.map((tag) => `    <${tag}>`)), "misplaced-content")).toEqual(parts.map((tag, i) => [TABLE_PART(tag), 16 + i]))
    expect(findings(page(['    <select aria-label="s"><option>x<div>y</div></select>']), "misplaced-content")).toEqual([["`<div>` is not allowed here and is ignored by browsers.", 16]])
  })

  it("content after </body>, element or text, is pointed at where it starts", () => {
    expect(issuesOf(page().replace("</html>", "</html>\n<p>after</p>"))).toEqual([["misplaced-content", AFTER_BODY, 19]])
    expect(issuesOf(page().replace("</body>", "</body>\n<p>y</p> thanks"))).toEqual([["misplaced-content", AFTER_BODY, 18]])
    expect(issuesOf(page().replace("</body>", "</body>\n\nThanks for reading."))).toEqual([["misplaced-content", AFTER_BODY, 19]])
    expect(issuesOf(page().replace("</body>", "</body>\nthanks\n<p>y</p>"))).toEqual([["misplaced-content", AFTER_BODY, 18]])
    expect(issuesOf(page().replace("</html>", "</html>\n\nThanks."))).toEqual([["misplaced-content", AFTER_BODY, 20]])
    // text the body ends with is the body's; what the browser appends to it after `</body>` is not
    expect(findings(page().replace("</body>", "  Signed, the team\n</body>\n\nThanks."), "misplaced-content")).toEqual([[AFTER_BODY, 20]])
  })

  it("in line order: content after </body> before a misplaced tag below it", () => {
    expect(findings(page().replace("</body>", "</body>\n<p>y</p>\n<body>"), "misplaced-content")).toEqual([
      [AFTER_BODY, 18],
      [MISPLACED("body"), 19]
    ])
  })

  it("a comment or blank lines after </html> are not content", () => {
    expect(issuesOf(page().replace("</html>", "</html>\n<!-- generated -->\n\n"))).toEqual([])
  })

  it("takes 8 points each, at most 24", () => {
    expect(scoresWith("    <body>", [1, 3, 4])).toEqual([92, 76, 76])
  })
})

describe("a page cut off inside a script, a style, a title or a textarea", () => {
  it("is never closed, and the tags in its text are text, not stray or misplaced tags", () => {
    const scripted = page(['    <script>', '      const row = "<tr><td>" + name + "</td></tr>"', '      document.body.insertAdjacentHTML("beforeend", row)', "    </script>"])
    expect(findings(scripted.slice(0, scripted.indexOf("document.body")), "unclosed-element")).toEqual([[UNCLOSED("main"), 10], [UNCLOSED("script"), 16]])
    expect(issuesOf(scripted.slice(0, scripted.indexOf("document.body"))).map(([code]) => code)).toEqual(["parse-error", "missing-end-tag", "missing-end-tag", "unclosed-element", "unclosed-element"])
    const untitled = issuesOf(page().replace("<title>Orders</title>", "<title>Orders")).map(([code, , line]) => `${code}@${line}`)
    expect(untitled).toEqual(["parse-error@18", "missing-start-tag@1", "missing-end-tag@18", "missing-end-tag@18", "unclosed-element@6", "too-few-elements@1", "unstyled-page@3"])
  })
})

describe("the title", () => {
  it("a page without a <title> is told so at its <head>, or on line 1 without one", () => {
    expect(issuesOf(page().replace("  <title>Orders</title>\n", ""))).toEqual([["missing-title", "The page has no `<title>` in its `<head>`.", 3]])
    expect(scoreOf(page().replace("  <title>Orders</title>\n", ""))).toBe(85)
    expect(findings(page().replace("<head>\n", "").replace("  <title>Orders</title>\n", ""), "missing-title")).toEqual([["The page has no `<title>` in its `<head>`.", 1]])
  })

  it("a <title> in the body or in an SVG is not the page's", () => {
    const moved = page(["    <p>Orders</p>", "    <title>Orders</title>"]).replace("  <title>Orders</title>\n", "")
    expect(findings(moved, "missing-title")).toEqual([["The page has no `<title>` in its `<head>`.", 3]])
    const svg = page([], ['  <svg><title>Orders</title></svg>']).replace("  <title>Orders</title>\n", "")
    expect(findings(svg, "missing-title")).toEqual([["The page has no `<title>` in its `<head>`.", 3]])
  })

  it("an empty or blank <title> is empty, on its line", () => {
    expect(issuesOf(page().replace("<title>Orders</title>", "<title></title>"))).toEqual([["missing-title", "The `<title>` is empty.", 6]])
    expect(issuesOf(page().replace("<title>Orders</title>", "<title> \n </title>"))).toEqual([["missing-title", "The `<title>` is empty.", 6]])
    expect(scoreOf(page().replace("<title>Orders</title>", "<title></title>"))).toBe(85)
  })
})

describe("too few elements", () => {
  const lean = (main: ReadonlyArray<string>) => page(main).replace("    <p>Every order of the week.</p>\n    <ul>\n      <li>A-1042 paid</li>\n    </ul>\n", "")

  it("counts every element inside the body at any depth, and asks for five", () => {
    // main and h1: 2 elements
    expect(issuesOf(lean([]))).toEqual([["too-few-elements", "The body holds 2 elements (scripts and styles not counted); a page needs at least 5.", 9]])
    expect(issuesOf(lean(["    <p>a</p>", "    <p>b</p>"]))).toEqual([["too-few-elements", "The body holds 4 elements (scripts and styles not counted); a page needs at least 5.", 9]])
    expect(issuesOf(lean(["    <p>a <b>b <i>c</i></b></p>"]))).toEqual([])
    expect(scoreOf(lean([]))).toBe(70)
  })

  it("says element, singular, for one", () => {
    const one = '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>x</title><style>p{}</style></head>\n<body>\n<p>x</p>\n</body>\n</html>'
    expect(issuesOf(one)).toEqual([["too-few-elements", "The body holds 1 element (scripts and styles not counted); a page needs at least 5.", 4]])
  })

  it("does not count scripts, styles or what a <template> holds", () => {
    const extras = ["    <script>start()</script>", "    <style>p { margin: 0; }</style>", "    <template><p>a</p><ul><li>b</li><li>c</li></ul></template>"]
    expect(findings(lean(extras), "too-few-elements")).toEqual([["The body holds 3 elements (scripts and styles not counted); a page needs at least 5.", 9]])
  })

  it("a frameset page has no body at all", () => {
    const frames = page().replace(/<body>[\s\S]*<\/body>/, '<frameset><frame src="orders.html"></frameset>')
    expect(findings(frames, "too-few-elements")).toEqual([["The body holds 0 elements (scripts and styles not counted); a page needs at least 5.", 1]])
  })

  it("points at line 1 when the body has no start tag", () => {
    expect(findings(lean([]).replace("<body>\n", ""), "too-few-elements")).toEqual([["The body holds 2 elements (scripts and styles not counted); a page needs at least 5.", 1]])
  })
})

describe("the head's metadata", () => {
  const LANG = "`<html>` has no `lang` attribute (screen readers and translators need the page's language)."
  const CHARSET = 'No `<meta charset="utf-8">` in the head.'
  const VIEWPORT = 'No `<meta name="viewport" content="width=device-width, initial-scale=1">`: the page will not fit small screens.'

  it("a missing or blank lang, on the <html> line; 4 points", () => {
    expect(issuesOf(page().replace(' lang="en"', ""))).toEqual([["missing-lang", LANG, 2]])
    expect(issuesOf(page().replace(' lang="en"', ' lang=" "'))).toEqual([["missing-lang", LANG, 2]])
    expect(scoreOf(page().replace(' lang="en"', ""))).toBe(96)
  })

  it("a charset by <meta charset> or by http-equiv content, in any case", () => {
    const noCharset = page().replace('  <meta charset="utf-8">\n', "")
    expect(issuesOf(noCharset)).toEqual([["missing-charset", CHARSET, 3]])
    expect(scoreOf(noCharset)).toBe(96)
    expect(issuesOf(page().replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; Charset=UTF-8">'))).toEqual([])
    expect(issuesOf(page().replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html">'))).toEqual([["missing-charset", CHARSET, 3]])
    // a script's own charset and a link's charset=-looking content say nothing of the page's
    const notMeta = page().replace('<meta charset="utf-8">', '<script charset="utf-8" content="charset=utf-8" src="app.js"></script>')
    expect(issuesOf(notMeta)).toEqual([["missing-charset", CHARSET, 3]])
  })

  it("a viewport meta by name in any case", () => {
    const noViewport = page().replace('  <meta name="viewport" content="width=device-width, initial-scale=1">\n', "")
    expect(issuesOf(noViewport)).toEqual([["missing-viewport", VIEWPORT, 3]])
    expect(scoreOf(noViewport)).toBe(96)
    expect(issuesOf(page().replace('name="viewport"', 'name="Viewport"'))).toEqual([])
    expect(issuesOf(page().replace('name="viewport"', 'name="description"'))).toEqual([["missing-viewport", VIEWPORT, 3]])
    expect(issuesOf(page([], ['  <link name="viewport" rel="preload" href="app.js" as="script">']).replace('  <meta name="viewport" content="width=device-width, initial-scale=1">\n', ""))).toEqual([["missing-viewport", VIEWPORT, 3]])
  })

  it("points at line 1 when the head has no start tag", () => {
    const headless = page().replace("<head>\n", "").replace('  <meta charset="utf-8">\n', "")
    expect(findings(headless, "missing-charset")).toEqual([[CHARSET, 1]])
  })
})

describe("images and form controls", () => {
  const ALT = '`<img>` without an `alt` attribute (use `alt=""` for a decorative image).'
  const unlabeled = (tag: string, name?: string) => `\`<${tag}${name ? ` name="${name}"` : ""}>\` has no label (a \`<label for>\`, a wrapping \`<label>\` or \`aria-label\`).`

  it("an image without alt, on its line; an empty alt is a decorative image; 3 points each, at most 12", () => {
    expect(issuesOf(page(['    <img src="logo.png" alt="">', '    <img src="logo.png">']))).toEqual([["img-without-alt", ALT, 17]])
    expect(scoresWith('    <img src="a.png">', [1, 4, 5])).toEqual([97, 88, 88])
  })

  it("a control labelled by <label for>, a wrapping <label>, aria-label, aria-labelledby or title is labelled", () => {
    const labelled = [
      '    <label for="q">Search</label><input id="q" name="q">',
      '    <label>Email <span><input name="a"></span></label>',
      '    <input name="b" aria-label="Email">',
      '    <span id="l">Email</span><textarea name="c" aria-labelledby="l"></textarea>',
      '    <select name="d" title="Size"><option>S</option></select>',
      '    <input type="hidden" name="e"><input type="SUBMIT" value="Go"><input type="button" value="x"><input type="reset"><input type="image" src="go.png" alt="Go">'
    ]
    expect(issuesOf(page(labelled))).toEqual([])
  })

  it("any other control is unlabeled, named by its tag and name (an <output for> labels nothing)", () => {
    const controls = [
      '    <input name="q">',
      '    <input type="email" id="e"><output for="e">0</output>',
      '    <label for="other">Other</label><textarea name="note"></textarea>',
      '    <select name="size" aria-label=""><option>S</option></select>',
      '    <label>Not around it</label><input type="checkbox" name="ok">'
    ]
    expect(findings(page(controls), "unlabeled-control")).toEqual([
      [unlabeled("input", "q"), 16],
      [unlabeled("input"), 17],
      [unlabeled("textarea", "note"), 18],
      [unlabeled("select", "size"), 19],
      [unlabeled("input", "ok"), 20]
    ])
    expect(scoreOf(page(controls.slice(0, 1)))).toBe(97)
    expect(scoreOf(page(controls))).toBe(88)
  })
})

describe("duplicate ids", () => {
  it("each repeat points back at the first; an empty id is no id; 3 points each, at most 9", () => {
    const repeated = page(['    <p id="note">One</p>', '    <p id="note">Two</p>', '    <p id="">Three</p>', '    <p id="">Four</p>', '    <p id="note">Five</p>'])
    expect(issuesOf(repeated)).toEqual([
      ["duplicate-id", 'The id "note" is used twice (first at line 16).', 17],
      ["duplicate-id", 'The id "note" is used twice (first at line 16).', 20]
    ])
    const many = page(["a", "a", "b", "b", "c", "c", "d", "d"].map((id) => `    <p id="${id}">x</p>`))
    // the copy the browser makes of a misnested <b> is not a second use of its id, nor a second inline style
    const copied = page(['    <b id="x" style="color: red">1<p>2</b>3</p>', '    <p><i>1 <b id="y" style="color: red">2</i>3</b></p>'])
    expect(findings(copied, "duplicate-id")).toEqual([])
    expect(findings(copied, "inline-style")).toEqual([
      ["2 elements carry inline `style` attributes: put the rules in the page's `<style>` sheet.", 16]
    ])
    expect([scoreOf(repeated), scoreOf(many)]).toEqual([94, 91])
  })
})

describe("insecure resources", () => {
  const SCRIPT = "`<script>` loads a script over plain http: use https (or ship it inline)."
  const SHEET = "`<link>` loads a stylesheet over plain http: use https (or ship it inline)."

  it("a script or stylesheet over http, in any case and after spaces; 5 points each, at most 10", () => {
    const head = ['  <script src="http://cdn.example.com/app.js"></script>', '  <link rel="alternate Stylesheet" href=" HTTP://cdn.example.com/a.css">', '  <script src="http://cdn.example.com/b.js"></script>']
    expect(issuesOf(page([], head))).toEqual([
      ["insecure-resource", SCRIPT, 8],
      ["insecure-resource", SHEET, 9],
      ["insecure-resource", SCRIPT, 10]
    ])
    expect([scoreOf(page([], head.slice(0, 1))), scoreOf(page([], head))]).toEqual([95, 90])
  })

  it("https, an image, an icon or a link to another page is not a loaded resource", () => {
    const fine = ['  <script src="https://cdn.example.com/app.js"></script>', '  <link rel="icon" href="http://example.com/favicon.ico">', '  <link rel="stylesheets" href="http://example.com/a.css">']
    expect(issuesOf(page(['    <img src="http://example.com/a.png" alt="">', '    <a href="http://example.com/">Home</a>'], fine))).toEqual([])
    // plain http further on in an https address is a parameter, not the transport
    expect(issuesOf(page([], ['  <script src="https://cdn.example.com/load.js?from=http://example.com/"></script>']))).toEqual([])
    expect(issuesOf(page(['    <a rel="stylesheet" href="http://example.com/a.css">The styles</a>']))).toEqual([])
  })
})

describe("styles", () => {
  it("inline styles: counted, pointed at the first, 1 point each, at most 6", () => {
    expect(issuesOf(page(['    <p style="color: red">Late</p>']))).toEqual([["inline-style", "1 element carries an inline `style` attribute: put the rules in the page's `<style>` sheet.", 16]])
    expect(findings(page(["    <p>plain</p>", ...Array(7).fill('    <p style="color: red">x</p>')]), "inline-style")).toEqual([
      ["7 elements carry inline `style` attributes: put the rules in the page's `<style>` sheet.", 17]
    ])
    expect(scoresWith('    <p style="color: red">x</p>', [1, 6, 7])).toEqual([99, 94, 94])
  })

  it("a page with inline styles and no sheet is told about the inline styles only", () => {
    expect(issuesOf(page(['    <p style="color: red">x</p>']).replace("  <style>main { padding: 1rem; }</style>\n", ""))).toEqual([
      ["inline-style", "1 element carries an inline `style` attribute: put the rules in the page's `<style>` sheet.", 15]
    ])
  })

  it("a page without CSS is unstyled (5 points); a stylesheet link or a <style> in the body is CSS", () => {
    const bare = page().replace("  <style>main { padding: 1rem; }</style>\n", "")
    expect(issuesOf(bare)).toEqual([["unstyled-page", "The page has no CSS: a prototype carries its styles in a `<style>` element in the head.", 3]])
    expect(scoreOf(bare)).toBe(95)
    expect(issuesOf(page([], ['  <link rel="stylesheet" href="styles.css">']).replace("  <style>main { padding: 1rem; }</style>\n", ""))).toEqual([])
    expect(issuesOf(page(["    <style>p { margin: 0; }</style>"]).replace("  <style>main { padding: 1rem; }</style>\n", ""))).toEqual([])
  })
})

describe("the request", () => {
  it("a blank request is no request", () => {
    expect(html.validate(page(), { request: "  " }).issues).toEqual([])
  })

  it("a part the request names that the page lacks is named, with what was searched", () => {
    const issues = html.validate(page(), { request: "An orders page with a `Refund policy` section" }).issues
    expect(issues.map((issue) => [issue.code, issue.message])).toEqual([
      ["off-topic", 'The answer is off topic: the request asks for "Refund policy", and it is not among the page\'s headings, labels and landmarks — add it, named as the request names it.']
    ])
  })
})
