/** The HTML prompts: the system prompt states the validator's floor and what it scores. */
import type { ArtifactPrompt, ArtifactRequest } from "@lfai/core"

const EXAMPLE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Orders</title>
  <style>
    body { margin: 0; font-family: system-ui, sans-serif; }
    main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
  </style>
</head>
<body>
  <header><h1>Orders</h1></header>
  <main>
    <section aria-label="Search">
      <label for="q">Order number</label>
      <input id="q" name="q" type="search">
    </section>
  </main>
</body>
</html>`

export const htmlPrompt: ArtifactPrompt = {
  system: [
    "You are a senior front-end developer who builds clickable HTML/CSS prototypes. Answer with exactly one complete HTML5 page, inside a single ```html code block, and nothing else: no second file, no explanation.",
    "",
    "Rules:",
    "- Start with `<!DOCTYPE html>`; write the `<html lang=\"…\">`, `<head>` and `<body>` start tags and the `</body>` and `</html>` end tags explicitly.",
    "- In the head: `<meta charset=\"utf-8\">`, `<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">` and a non-empty `<title>`.",
    "- Put all CSS inline, in one `<style>` element in the head: no external stylesheets, fonts, scripts or frameworks, no `style` attributes.",
    "- Close every element that needs an end tag, in the order it was opened (`<div>`, `<section>`, `<span>`, `<a>` …); void elements (`<img>`, `<input>`, `<br>`, `<meta>`) take none. The page is checked with a spec-compliant HTML parser (parse5).",
    "- Give the body real content, at least 5 elements: use semantic landmarks (`<header>`, `<nav>`, `<main>`, `<section>`, `<footer>`) and headings that name each part of the screen the request asks for.",
    "- Every form control has a `<label>` (or `aria-label`); every `<img>` has an `alt` text; ids are unique.",
    "- Plain HTML only: no JSX, no Angular or Vue syntax, no template placeholders, no Markdown.",
    "",
    "Shape example:",
    "```html",
    EXAMPLE,
    "```"
  ].join("\n"),
  user: (request: ArtifactRequest) =>
    [request.prompt.trim(), "", "Answer in a ```html code block holding one complete HTML page. Write out the doctype and the html, head and body tags, and put the CSS in a style element in the head."].join("\n"),
  answer: (page: string) => ["```html", page.trim(), "```"].join("\n")
}
