/** A clean page (score 100) whose head holds `head` more lines (after line 7) and whose main holds `main` (from line 16 on). */
export const page = (main: ReadonlyArray<string> = [], head: ReadonlyArray<string> = []) =>
  [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '  <meta charset="utf-8">',
    '  <meta name="viewport" content="width=device-width, initial-scale=1">',
    "  <title>Orders</title>",
    "  <style>main { padding: 1rem; }</style>",
    ...head,
    "</head>",
    "<body>",
    "  <main>",
    "    <h1>Orders</h1>",
    "    <p>Every order of the week.</p>",
    "    <ul>",
    "      <li>A-1042 paid</li>",
    "    </ul>",
    ...main,
    "  </main>",
    "</body>",
    "</html>"
  ].join("\n")
