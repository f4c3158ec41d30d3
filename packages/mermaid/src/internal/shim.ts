/**
 * The smallest environment mermaid's parsers need in Node, installed only for the duration of one
 * synchronous parse and removed before anything else can run (so no other code in the process ever
 * sees a fake `window`, and a browser or a test DOM is left alone).
 *
 * What the parsers touch (mermaid 12, read from its diagram databases):
 * - DOMPurify's default instance, to sanitize labels. Without a DOM, DOMPurify exports a stub with
 *   neither `sanitize` nor `addHook`. We only read labels to score structure and never render, so
 *   the shim passes text through unchanged: labels are the author's text.
 * - `window.CSS.supports("color", …)` in the sequence database, to tell a `box` colour from its title.
 * - `document.getElementById` for sequence `details` statements (answers null, as for a missing element).
 */

/** CSS named colours, `transparent` and `currentcolor` (CSS Color Module Level 4). */
const NAMED_COLORS = new Set(
  (
    "aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood " +
    "cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray " +
    "darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen " +
    "darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue " +
    "firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew " +
    "hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan " +
    "lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray " +
    "lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue " +
    "mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred " +
    "midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid " +
    "palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple " +
    "rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue " +
    "slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow " +
    "yellowgreen transparent currentcolor"
  ).split(" ")
)

const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?%?`
const COLOR_FUNCTION = new RegExp(
  String.raw`^(?:rgba?|hsla?)\(\s*${NUMBER}(?:deg|rad|turn)?(?:\s*[,\s]\s*${NUMBER}){2}(?:\s*[,/]\s*${NUMBER})?\s*\)$`,
  "i"
)

/** Whether `value` is a CSS colour, as far as mermaid's sequence `box` statement can write one. */
export const isCssColor = (value: string): boolean => {
  const v = value.trim()
  return NAMED_COLORS.has(v.toLowerCase()) || COLOR_FUNCTION.test(v) || /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(v)
}

interface PurifyLike {
  sanitize?: unknown
  addHook?: unknown
  removeHook?: unknown
  removeHooks?: unknown
  removeAllHooks?: unknown
}

const PURIFY_STUBS: Readonly<Record<string, unknown>> = {
  sanitize: (dirty: unknown) => (typeof dirty === "string" ? dirty : String(dirty ?? "")),
  addHook: () => undefined,
  removeHook: () => undefined,
  removeHooks: () => undefined,
  removeAllHooks: () => undefined
}

const WINDOW = Object.freeze({ CSS: Object.freeze({ supports: (_property: string, value: string) => isCssColor(String(value)) }) })
const DOCUMENT = Object.freeze({ getElementById: () => null, querySelector: () => null })

const stubPurify = (purify: PurifyLike): (() => void) => {
  const added: string[] = []
  for (const [name, stub] of Object.entries(PURIFY_STUBS)) {
    if (typeof (purify as Record<string, unknown>)[name] !== "function") {
      ;(purify as Record<string, unknown>)[name] = stub
      added.push(name)
    }
  }
  return () => {
    for (const name of added) delete (purify as Record<string, unknown>)[name]
  }
}

/**
 * Runs `body` with the shim in place, then takes out exactly what it put in. `purify` is the
 * DOMPurify instance mermaid imported.
 */
export const withParserEnvironment = <T>(purify: PurifyLike, body: () => T): T => {
  const g = globalThis as { window?: unknown; document?: unknown }
  const addedWindow = typeof g.window === "undefined"
  const addedDocument = typeof g.document === "undefined"
  if (addedWindow) g.window = WINDOW
  if (addedDocument) g.document = DOCUMENT
  const restorePurify = stubPurify(purify)
  try {
    return body()
  } finally {
    restorePurify()
    if (addedDocument) delete g.document
    if (addedWindow) delete g.window
  }
}

/**
 * For mermaid's one-time, asynchronous loading of a diagram chunk: only DOMPurify's missing
 * methods are supplied (no globals), for as long as the load takes.
 */
export const withPurifyStubs = async <T>(purify: PurifyLike, body: () => Promise<T>): Promise<T> => {
  const restore = stubPurify(purify)
  try {
    return await body()
  } finally {
    restore()
  }
}
