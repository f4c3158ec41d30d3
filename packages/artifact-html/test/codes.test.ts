import { MISSING_NAME, OFF_TOPIC } from "@lfai/core"
import { issueCodeContract } from "@lfai/artifact-kit/testing"
import { html } from "../src/index.ts"
import { page } from "./pages.ts"

issueCodeContract(html, {
  sources: [new URL("../src/internal/validate.ts", import.meta.url)],
  shared: [OFF_TOPIC, MISSING_NAME],
  readme: new URL("../README.md", import.meta.url),
  cases: {
    empty: " \n",
    "too-large": page(Array(40_000).fill("    <p>Another order of the week, and another line.</p>")),
    "not-html": { content: "Here is the page you asked for: a list of orders.", line: 1 },
    "wrong-type": { content: "```tsx\nexport const Orders = () => <main><h1>Orders</h1></main>\n```", line: 2 },
    "parse-error": { content: page(['    <p class="a" class="b">Twice</p>']), line: 16 },
    "missing-doctype": { content: page().replace("<!DOCTYPE html>\n", ""), line: 1 },
    "missing-start-tag": { content: page().replace("<body>\n", ""), line: 9 },
    "missing-end-tag": { content: page().replace("\n</html>", ""), line: 17 },
    "unclosed-element": { content: page(["    <div>", "      <p>Open</p>"]), line: 16 },
    "misnested-element": { content: page(["    <p><b>bold <i>both</b> italic</i></p>"]), line: 16 },
    "stray-end-tag": { content: page(["    </section>"]), line: 16 },
    "misplaced-content": { content: page().replace("</html>", "</html>\n<p>after</p>"), line: 19 },
    "missing-title": { content: page().replace("  <title>Orders</title>\n", ""), line: 3 },
    "too-few-elements": { content: page().replace("    <ul>\n      <li>A-1042 paid</li>\n    </ul>\n", ""), line: 9 },
    "missing-lang": { content: page().replace(' lang="en"', ""), line: 2 },
    "missing-charset": { content: page().replace('  <meta charset="utf-8">\n', ""), line: 3 },
    "missing-viewport": { content: page().replace('  <meta name="viewport" content="width=device-width, initial-scale=1">\n', ""), line: 3 },
    "img-without-alt": { content: page(['    <img src="logo.png">']), line: 16 },
    "unlabeled-control": { content: page(['    <input name="q" type="search">']), line: 16 },
    "duplicate-id": { content: page(['    <p id="note">One</p>', '    <p id="note">Two</p>']), line: 17 },
    "insecure-resource": { content: page([], ['  <script src="http://cdn.example.com/app.js"></script>']), line: 8 },
    "inline-style": { content: page(['    <p style="color: red">Late</p>']), line: 16 },
    "unstyled-page": { content: page().replace("  <style>main { padding: 1rem; }</style>\n", ""), line: 3 },
    "off-topic": { content: page(), options: { request: "A page for a clinic: appointments, doctors and lab results." } },
    "missing-name": { content: page(), options: { request: "An HTML page: Orders, Invoices." } }
  }
})
