/**
 * Relevance: is the answer about what was asked? A request names the things it wants — the
 * entities of an ERD, the participants of a sequence, the classes, states, steps, components,
 * pages, endpoints, stories, sections — and a valid artifact that holds none of them answers
 * another request. This module reads those names from a request's text and matches them against
 * the names the artifact is made of, as its plugin parsed them: its structure, never its raw text,
 * so a name in a comment or a note does not count.
 *
 * A plugin calls {@link scoreRelevance} (or {@link relevanceIssues}) with the request and its
 * {@link ArtifactNames}; fewer than half of the requested names present is an `off-topic` error,
 * each other missing one a `missing-name` warning. A request that names nothing checks nothing.
 */
import { MISSING_NAME, OFF_TOPIC, type ValidationIssue } from "@lfai/core"
import { words } from "./names.ts"
import type { ScoreSheet } from "./scoring.ts"

// ---- the contract ------------------------------------------------------------------------------

/**
 * `name`: a thing the artifact should be made of ("patients", `OrderService`). `action`: the process
 * or interaction the whole request is about, quoted beside a process noun — 'the "Settle invoice"
 * use case', 'how "Rank feed" works', 'the "Scan content" process' — looked for among the
 * artifact's steps only.
 */
export type RequestedNameKind = "name" | "action"

export interface RequestedName {
  /** As the request writes it, without articles and generic words around it. */
  readonly text: string
  readonly kind: RequestedNameKind
}

/** What a plugin says its artifact is made of, read from its parsed structure. */
export interface ArtifactNames {
  /** What the names are, in the plural, for the messages: "entities", "participants", "endpoints". */
  readonly noun: string
  /**
   * Every name the artifact is made of: ids and labels both, and finer names inside them (ERD
   * attributes, class members) — never comments, notes or free text.
   */
  readonly names: ReadonlyArray<string>
  /**
   * What the artifact does, for artifacts that have steps (sequence messages, state transitions,
   * workflow steps). Requested names are looked for here too; a requested action only here.
   */
  readonly steps?: { readonly noun: string; readonly texts: ReadonlyArray<string> }
}

/** Points a relevance finding costs on a {@link ScoreSheet}. */
export const RELEVANCE_POINTS = {
  /** One error: the answer fails whatever its score. */
  offTopic: 40,
  /** Each missing name, all of them together at most `missingNameCap`. */
  missingName: 3,
  missingNameCap: 12
} as const

// ---- words --------------------------------------------------------------------------------------

/** `LineItem`, `line_item`, `line-items`, `LINE ITEMS` → `["line", "item(s)"]`: a name's words, lower case, any script. */
export const nameWords = (text: string): string[] => words(text.replace(/['’]s\b/gu, "")).map((word) => word.toLowerCase())

const IRREGULAR: Readonly<Record<string, string>> = {
  people: "person", children: "child", men: "man", women: "woman", criteria: "criterion",
  analyses: "analysis", diagnoses: "diagnosis", theses: "thesis", indices: "index", matrices: "matrix",
  vertices: "vertex", mice: "mouse", geese: "goose", teeth: "tooth", feet: "foot", media: "medium",
  shelves: "shelf", halves: "half", lives: "life", wives: "wife", knives: "knife", thieves: "thief",
  wolves: "wolf", calves: "calf", loaves: "loaf", syllabi: "syllabus", curricula: "curriculum", alumni: "alumnus"
}

/**
 * One word's matching key: singular and plural meet (`categories`/`category` → `categori`,
 * `statuses`/`status`, `addresses`/`address`, `lines`/`line`). A key, not a word: only equality matters.
 */
const stem = (word: string): string => {
  let w = IRREGULAR[word] ?? word
  if (w === word && w.length > 2 && w.endsWith("s") && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1)
  if (w.length > 3 && w.endsWith("e")) w = w.slice(0, -1)
  if (w.length > 2 && w.endsWith("y")) w = `${w.slice(0, -1)}i`
  return w
}

/** A name's key: its words run together, the last one singular, so separators and case do not count. */
const keyOf = (words: ReadonlyArray<string>): string =>
  words.length === 0 ? "" : words.slice(0, -1).join("") + stem(words[words.length - 1])

/** Longest run of words inside an artifact's name that a requested name may equal. */
const MAX_WINDOW = 6

/** Every run of consecutive words of every name: `ORDER_LINE_ITEM` holds `order`, `line item`, `order line`, … */
const windowKeys = (texts: ReadonlyArray<string>): Set<string> => {
  const keys = new Set<string>()
  for (const text of texts) {
    const words = nameWords(text)
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j <= Math.min(words.length, i + MAX_WINDOW); j++) keys.add(keyOf(words.slice(i, j)))
    }
  }
  return keys
}

/** A word's key with verb endings folded too (`settled`, `settling`, `settle`), for actions only. */
const verbKey = (word: string): string => {
  const w = stem(word)
  const bare = w.replace(/(?:ed|ing)$/, "")
  return bare.length >= 3 ? bare : w
}

// ---- the reader's vocabulary --------------------------------------------------------------------

const set = (words: string) => new Set(words.split(/\s+/).filter((word) => word !== ""))
const stemSet = (words: string) => new Set([...set(words)].map(stem))

/** Articles and quantifiers: stripped from an item's start; inside an item they make it a phrase. */
const DETERMINERS = set(`the a an this that these those each every all any some their its our my your his her
  both either neither several many few other another such no
  el la los las un una uno unos unas le les une des du der die das den dem ein eine einen einem il lo gli het een`)

/** Words that open a clause: an item starting with one is a sentence, not a name. */
const CLAUSE_WORDS = set("how what when where why which who whom whose whether if that while because so then than but")

/** English words that do not name anything. */
const FUNCTION_WORDS = set(`${[...DETERMINERS].join(" ")} ${[...CLAUSE_WORDS].join(" ")}
  and or nor of for to in on at by with without from into onto as is are was were be been being it they them
  we us you i me he she him one two three four five six seven eight nine ten eleven twelve first second third
  last next also only just very too more most less least etc eg ie vs via per plus between about above below
  up down out over under across through within inside during before after including include includes
  containing contain contains cover covers covering use uses using used please should must can could would
  will shall may might do does did has have having get give show shows showing shown draw create make
  design model build generate write sketch describe add need want same own`)

/**
 * Generic words: on their own (or only with each other) they never name a thing — "diagram",
 * "system", "typed attributes", "data stores", "the failure path". Matched by key, so plurals too.
 */
const GENERIC_WORDS = stemSet(`
  mermaid diagram chart graph flowchart uml erd er bpmn json yaml xml html css markdown openapi swagger gherkin
  typescript javascript csharp sql code block fence syntax format output answer example sample template version
  sequence entity attribute field column property key primary foreign unique relationship relation cardinality
  multiplicity constraint type datatype schema table class method member operation visibility inheritance
  aggregation composition association dependency object participant actor message call return reply note
  activation lifeline loop alt opt par interaction state transition event start end begin finish initial final
  terminal choice fork join guard trigger lifecycle life cycle step decision branch condition process workflow
  done finished completed stopped started ended exit ok okay
  flow path happy failure error success outcome yes check activity action task component service microservice
  client store datastore database db data storage layer tier system subsystem external internal outside third
  party integration connection edge node link arrow label subgraph cluster boundary architecture design style
  pattern pipeline monolith monolithic serverless driven high low level overview module container
  main core basic simple small large big full complete detailed typical standard overall whole entire various
  typed labelled labeled named optional required relevant appropriate proper clear good realistic important
  new existing following related domain logic model modeling modelling thing detail information info part kind sort name
  description text way page section endpoint resource story screen stage phase role
`)

/** Nouns for the parts of an artifact: "the tables customer, meter", "the Order, Cart classes". */
const PART_NOUNS = stemSet(`entity table class participant actor state step component service node field attribute
  column property member page section endpoint resource story screen module object stage phase action event
  message task activity role`)

/** Nouns that make a quoted name the action a request is about: 'the "Settle invoice" use case'. */
const ACTION_NOUNS = stemSet("process interaction flow workflow scenario journey procedure usecase case")

/** Nouns that make a quoted name the whole thing's name, which no part need repeat: 'the "Acme" platform'. */
const WHOLE_NOUNS = stemSet(`system app application platform company domain project website site business organisation
  organization product lifecycle diagram architecture database schema chart`)

/** "with …", "including …": a list of names follows (English). */
const TRIGGERS = set("with including include includes containing contains cover covers covering namely comprising")
const TWO_WORD_TRIGGERS = new Set(["such as", "consisting of", "made of", "composed of"])

/** Words that join list items, in the languages whose lists are read after a colon. */
const AND_WORDS = set("and or plus & y e et und oder ou o en og och i и или ve és oraz")

/** Prepositions that end a list when a determiner or a generic word follows: "… appointments for the front desk". */
const PREPOSITIONS = set("for in on at to into onto from by as over under across through per within inside via using")

/** Words that say a request is English (the reader's cue words are English). */
const ENGLISH_MARKERS = set(`the with of for and from that this these those each every should must including include
  draw create show design give make model build generate write sketch describe an is are has have what which how
  when where who their its our into between please`)

/**
 * Function words of other languages written in Latin script — none of them an English word
 * ("pour", "per", "die", "met", "van", "os", "er" are left out for that reason).
 */
const FOREIGN_MARKERS = set(`de el la los las un una uno unos unas del para con por que como entre cada uma das não
  le les une des du avec et dans chaque est der das ein eine einen und mit für von zu im dem il lo gli di della het
  een voor en och som för att på av og til ve bir ile için`)

const isPlural = (word: string) => (word in IRREGULAR) || (/s$/.test(word) && !/(?:ss|us|is)$/.test(word))
const isWordToken = (token: string) => /[\p{L}\p{N}]/u.test(token)
const isNumberish = (word: string) => /^\d+$/.test(word) || /^v\d+$/.test(word) || /^[a-z]$/.test(word)

/** Every word of the text is generic, a function word, a number or a single letter. */
const allGeneric = (text: string): boolean =>
  nameWords(text).every((word) => isNumberish(word) || FUNCTION_WORDS.has(word) || GENERIC_WORDS.has(stem(word)))

// ---- reading a request ---------------------------------------------------------------------------

/** Names per request at most: a pasted specification does not turn into hundreds of checks. */
const MAX_NAMES = 40
/** Words per name at most: a longer item is a phrase. */
const MAX_NAME_WORDS = 5
/** What is read of a request: its first 16 KiB (a pasted specification names its parts early). */
const MAX_READ_CHARS = 16_384
/** Quoted names read at most. */
const MAX_QUOTES = 200

/** The request's own wording: fenced code (a pasted diagram) and stray fences are not part of it. */
const wording = (request: string): string =>
  request
    .slice(0, MAX_READ_CHARS)
    .normalize("NFKC")
    .replace(/^[ \t]*(`{3,}|~{3,})[^\n]*\n[\s\S]*?^[ \t]*\1[ \t]*$/gm, "\n")
    .replace(/`{3,}[^\s`]*/g, " ")
    .replace(/\be\.g\.,?/gi, " such as ")
    .replace(/\bi\.e\.,?/gi, " namely ")
    .replace(/\betc\.?/gi, " ")

/**
 * Whether the request reads as English, the only language whose cue words ("with", "including",
 * "the tables …") the reader knows. Colons, parentheses, quotes and backticks are read in any
 * language; a request that is not English never fails for a name it asks for (see
 * {@link relevanceIssues}).
 */
export const readsAsEnglish = (request: string): boolean => {
  if (typeof request !== "string") return true
  const words = wording(request).toLowerCase().match(/[\p{L}\p{M}]+/gu) ?? []
  const english = words.filter((word) => ENGLISH_MARKERS.has(word)).length
  const foreign = words.filter((word) => FOREIGN_MARKERS.has(word)).length
  if (english > foreign) return true
  if (english < foreign) return false
  // no cue either way (a bare list): English when written in plain ASCII letters
  return !words.some((word) => /[^a-z]/.test(word))
}

interface Found {
  readonly text: string
  readonly kind: RequestedNameKind
  /** Where the request names it, to keep the request's order. */
  readonly at: number
}

/** A word or a list mark of the request, with its offset. */
interface Token {
  readonly text: string
  readonly lower: string
  readonly at: number
}

const TOKEN = /\/?[\p{L}\p{M}\p{N}_#+]+(?:[-'’./][\p{L}\p{M}\p{N}_#+]+)*|[,:、&]/gu

const tokenize = (text: string, offset: number): Token[] =>
  [...text.matchAll(TOKEN)].map((match) => ({ text: match[0], lower: match[0].toLowerCase(), at: offset + match.index }))

const isSeparator = (token: Token) => token.text === "," || token.text === "、" || AND_WORDS.has(token.lower)

/**
 * Trims an item to the name it holds, or undefined when it holds none. A listed item loses the
 * generic words around it ("the entities ticket", "orders table"); a quoted one only its articles.
 */
const cleanItem = (tokens: ReadonlyArray<Token>, english: boolean, quoted = false): Found | undefined => {
  const words = tokens.filter((token) => isWordToken(token.text))
  let start = 0
  let end = words.length
  const trims = english && !quoted
  const leading = (word: string) =>
    DETERMINERS.has(word) || isNumberish(word) || (trims && end - start > 1 && (FUNCTION_WORDS.has(word) || GENERIC_WORDS.has(stem(word))))
  while (start < end && leading(words[start].lower)) start++
  // trailing part nouns and generic words: "orders table", "payment service", "customer data"
  const trailing = (word: string) => PART_NOUNS.has(stem(word)) || GENERIC_WORDS.has(stem(word))
  while (trims && end - start > 1 && trailing(words[end - 1].lower)) end--
  while (end > start && DETERMINERS.has(words[end - 1].lower)) end--
  const kept = words.slice(start, end)
  if (kept.length === 0 || kept.length > MAX_NAME_WORDS + (quoted ? 1 : 0)) return undefined
  if (kept.some((word) => DETERMINERS.has(word.lower) || CLAUSE_WORDS.has(word.lower))) return undefined
  const text = kept.map((word) => word.text).join(" ")
  if (/[{}<>=;|\\]/.test(text) || allGeneric(text)) return undefined
  return { text, kind: "name", at: kept[0].at }
}

/** Splits the tokens of a list into items at commas and "and"-words. */
const splitItems = (tokens: ReadonlyArray<Token>): Token[][] => {
  const items: Token[][] = [[]]
  for (const token of tokens) {
    if (isSeparator(token)) items.push([])
    else items[items.length - 1].push(token)
  }
  return items.filter((item) => item.length > 0)
}

const QUOTES: ReadonlyArray<RegExp> = [
  /(`{1,2})([^`\n]{1,80}?)\1/g,
  /"([^"\n]{1,80})"/g,
  /“([^”\n]{1,80})”/g,
  /„([^“”\n]{1,80})[“”]/g,
  /«\s*([^»\n]{1,80}?)\s*»/g,
  /「([^」\n]{1,80})」/g,
  /『([^』\n]{1,80})』/g,
  /‘([^’\n]{1,80})’/g,
  /(?<=^|[\s([{:,])'([^'\n]{1,80})'(?=$|[\s)\]},.;:!?])/g
]

interface Span {
  readonly start: number
  readonly end: number
  readonly inner: string
}

const quotedSpans = (text: string): Span[] => {
  const spans: Span[] = []
  for (const pattern of QUOTES) {
    for (const match of text.matchAll(pattern)) {
      spans.push({ start: match.index, end: match.index + match[0].length, inner: match[match.length - 1] })
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end)
  // where quotes overlap ("`a` and 'b'"), the first one opened wins
  let end = -1
  return spans.filter((span) => {
    if (span.start < end) return false
    end = span.end
    return true
  })
}

const wordsOf = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []

/** What a quoted name is, from the words around it. */
const quotedKind = (before: string, after: string): RequestedNameKind | "whole" => {
  const previous = wordsOf(before).filter((word) => !DETERMINERS.has(word))
  const prev = previous[previous.length - 1]
  const prev2 = previous[previous.length - 2]
  const [next, next2] = wordsOf(after)
  const isAction = (word: string | undefined) => word !== undefined && ACTION_NOUNS.has(stem(word))
  if (isAction(prev) || prev === "how" || next === "works" || next === "work" || isAction(next) || (next === "use" && next2 === "case")) return "action"
  if (prev !== undefined && ["behind", "called", "named", "of"].includes(prev) && isAction(prev2)) return "action"
  if ((next !== undefined && WHOLE_NOUNS.has(stem(next))) || (prev !== undefined && WHOLE_NOUNS.has(stem(prev)))) return "whole"
  return "name"
}

/** The lists of one sentence: after a colon or a cue word, before or after a part noun. */
const sentenceNames = (tokens: ReadonlyArray<Token>, english: boolean): Found[] => {
  const found: Found[] = []
  let list: Token[] | undefined
  let listKind: "colon" | "cue" = "cue"
  let beforeColon: string | undefined
  let clause = false
  let pending: Token[] = []

  const close = () => {
    if (list !== undefined) {
      const items = splitItems(list).map((item) => cleanItem(item, english)).filter((item) => item !== undefined)
      // one item after "… for:" is what the request is about, not a part of it
      const action =
        listKind === "colon" && items.length === 1 && beforeColon !== undefined &&
        (["for", "of", "about"].includes(beforeColon) || ACTION_NOUNS.has(stem(beforeColon)))
      for (const item of items) found.push(action ? { ...item, kind: "action" } : item)
    }
    list = undefined
    clause = false
  }
  const open = (kind: "colon" | "cue") => {
    close()
    list = []
    listKind = kind
    pending = []
  }

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    const lower = token.lower
    const next = tokens[i + 1]?.lower
    if (list !== undefined && clause) {
      // a clause item ("how staff file with court") runs to the next comma, whatever it holds
      if (token.text === "," || token.text === "、") {
        clause = false
        list.push(token)
      }
      continue
    }
    if (token.text === ":") {
      beforeColon = tokens[i - 1]?.lower
      open("colon")
      continue
    }
    if (english && next !== undefined && TWO_WORD_TRIGGERS.has(`${lower} ${next}`)) {
      open("cue")
      i++
      continue
    }
    // a cue word capitalised inside a sentence is part of a name ("Orbit Cover is an insurer")
    if (english && TRIGGERS.has(lower) && (i === 0 || token.text === lower)) {
      open("cue")
      continue
    }
    if (english && list === undefined && PART_NOUNS.has(stem(lower)) && isPlural(lower)) {
      // "the WorkOrder, Machine classes": a list just before a plural part noun
      if (pending.some((candidate) => candidate.text === ",")) {
        for (const item of splitItems(pending)) {
          const name = cleanItem(item, english)
          if (name !== undefined) found.push(name)
        }
        pending = []
        continue
      }
      // "the tables customer, meter, …": a list just after it
      if (next !== undefined && isWordToken(next) && !FUNCTION_WORDS.has(next) && !GENERIC_WORDS.has(stem(next))) {
        open("cue")
        continue
      }
    }
    if (list === undefined) {
      if (english && (lower === "the" || lower === "of" || CLAUSE_WORDS.has(lower) || PREPOSITIONS.has(lower))) pending = []
      else pending.push(token)
      continue
    }
    const atItemStart = list.length === 0 || isSeparator(list[list.length - 1])
    if (english && CLAUSE_WORDS.has(lower)) {
      if (atItemStart) {
        clause = true
        list.push(token)
      } else close()
      continue
    }
    const endsList = next === undefined || DETERMINERS.has(next) || CLAUSE_WORDS.has(next) || GENERIC_WORDS.has(stem(next)) || isNumberish(next)
    if (english && PREPOSITIONS.has(lower) && endsList) {
      close()
      continue
    }
    list.push(token)
  }
  close()
  return found
}

/** Where sentences end: a full stop, question or exclamation mark, semicolon, or a new line. */
const SENTENCE_END = /[.!?;]+(?=\s|$)|\n+|[。！？；]/gu

/**
 * The names a request asks for, in the order it names them: lists after a colon ("a clinic:
 * patients, doctors, appointments"), after "with", "including", "containing", "covering", "such
 * as", "namely", after or before a part noun ("the tables customer, meter", "the Order, Cart
 * classes"), in parentheses ("the schema (post, comment, reaction)"), and quoted or backticked
 * names. Generic words are never names ("diagram", "system", "typed attributes", "the failure
 * path"), nor is a clause ("what happens when they fail"). Names that differ only in case, plural
 * or separators are one name. Colons, parentheses, quotes and backticks are read in any language,
 * the cue words only in English.
 */
export const requestedNames = (request: string): ReadonlyArray<RequestedName> => readRequest(request).names

/** The names a request asks for, and whether it reads as English. */
const readRequest = (request: string): { readonly names: ReadonlyArray<RequestedName>; readonly english: boolean } => {
  if (typeof request !== "string" || request.trim() === "") return { names: [], english: true }
  const english = readsAsEnglish(request)
  const found: Found[] = []
  // Quotes and parentheses are read first, then blanked out (same length, so offsets hold) for the lists.
  let text = wording(request)

  const masked: string[] = []
  let at = 0
  for (const span of quotedSpans(text).slice(0, MAX_QUOTES)) {
    const kind = quotedKind(text.slice(Math.max(0, span.start - 60), span.start), text.slice(span.end, span.end + 40))
    if (kind !== "whole") {
      for (const item of splitItems(tokenize(span.inner, span.start))) {
        const name = cleanItem(item, english, true)
        if (name !== undefined) found.push({ ...name, kind })
      }
    }
    masked.push(text.slice(at, span.start), ",".padStart(span.end - span.start))
    at = span.end
  }
  masked.push(text.slice(at))
  text = masked.join("")

  // parentheses: a list inside is names ("(post, comment, reaction)"); one word inside is an aside
  for (let depth = 0; depth < 20 && /\([^()]*\)/.test(text); depth++) {
    text = text.replace(/\(([^()]*)\)/g, (whole: string, inner: string, offset: number) => {
      if (/[,、]|\band\b/.test(inner)) {
        for (const item of splitItems(tokenize(inner, offset + 1))) {
          const name = cleanItem(item, english)
          if (name !== undefined) found.push(name)
        }
      }
      return " ".repeat(whole.length)
    })
  }

  let from = 0
  for (const end of [...text.matchAll(SENTENCE_END), undefined]) {
    const to = end?.index ?? text.length
    found.push(...sentenceNames(tokenize(text.slice(from, to), from), english))
    from = to + (end?.[0].length ?? 0)
  }

  const seen = new Set<string>()
  const names: RequestedName[] = []
  for (const name of found.sort((a, b) => a.at - b.at)) {
    const key = keyOf(nameWords(name.text))
    if (key === "" || seen.has(key)) continue
    seen.add(key)
    names.push({ text: name.text, kind: name.kind })
    if (names.length === MAX_NAMES) break
  }
  return { names, english }
}

// ---- judging an artifact -------------------------------------------------------------------------

const quoteAll = (names: ReadonlyArray<string>) => names.map((name) => `"${name}"`).join(", ")

/**
 * Judges an artifact's names against the request it answers. No request, or a request that names
 * nothing specific: no issue. Otherwise, with every name matched without regard to case, plural
 * and separators (`line items`, `LINE_ITEM`, `LineItem` are one name) and found inside a longer
 * name too (`order` in `ORDER_LINE`):
 * - fewer than half of the requested names present: one `off-topic` error naming the missing ones;
 * - otherwise each missing one: a `missing-name` warning;
 * - a request that does not read as English ({@link readsAsEnglish}) never fails: names copied into
 *   the artifact still match, a missing one is an `info` (it may be there, translated).
 * A requested action counts toward `off-topic` only when the request names no other thing.
 */
export const relevanceIssues = (request: string | undefined, artifact: ArtifactNames): ReadonlyArray<ValidationIssue> => {
  const { names: requested, english } = readRequest(request ?? "")
  if (requested.length === 0) return []
  const steps = artifact.steps
  const present = windowKeys([...artifact.names, ...(steps?.texts ?? [])])
  const stepWords = new Set((steps?.texts ?? []).flatMap((text) => nameWords(text).map(verbKey)))

  const names = requested.filter((name) => name.kind === "name")
  const actions = steps ? requested.filter((name) => name.kind === "action") : []
  const isPresent = (name: RequestedName) => {
    if (name.kind === "name") return present.has(keyOf(nameWords(name.text)))
    const words = nameWords(name.text).filter((word) => !FUNCTION_WORDS.has(word))
    return words.length === 0 || words.every((word) => stepWords.has(verbKey(word)))
  }
  const counted = names.length > 0 ? names : actions
  if (counted.length === 0) return []
  const missing = [...names, ...actions].filter((name) => !isPresent(name))
  if (missing.length === 0) return []

  const where = steps && steps.noun !== artifact.noun ? `the ${artifact.noun} or the ${steps.noun}` : `the ${artifact.noun}`
  const describe = (name: RequestedName) =>
    name.kind === "action" && steps
      ? `The request asks for "${name.text}", which none of the ${steps.noun} mentions.`
      : `The request asks for "${name.text}", which is not among ${where}.`

  if (!english) {
    return missing.map((name) => ({
      code: MISSING_NAME,
      severity: "info" as const,
      message: `${describe(name)} The request is not in English, so it may be there under another name: not counted.`
    }))
  }
  const countedMissing = counted.filter((name) => missing.includes(name))
  const found = counted.length - countedMissing.length
  if (found * 2 < counted.length) {
    const others = missing.filter((name) => !counted.includes(name))
    return [
      {
        code: OFF_TOPIC,
        severity: "error",
        message:
          `The answer is off topic: the request asks for ${quoteAll(counted.map((name) => name.text))}, and ` +
          (found === 0
            ? counted.length === 1
              ? `it is not among ${where} — add it, named as the request names it.`
              : `none of them is among ${where} — add each one, named as the request names it.`
            : `only ${found} of them ${found === 1 ? "is" : "are"} among ${where}. Missing: ${quoteAll(countedMissing.map((name) => name.text))} — add each one, named as the request names it.`)
      },
      ...others.map((name) => ({ code: MISSING_NAME, severity: "warning" as const, message: describe(name) }))
    ]
  }
  return missing.map((name) => ({ code: MISSING_NAME, severity: "warning" as const, message: describe(name) }))
}

/**
 * {@link relevanceIssues} on a score sheet: the `off-topic` error fails the artifact, each
 * `missing-name` warning costs {@link RELEVANCE_POINTS}.missingName points (at most
 * `missingNameCap` together). The one call a plugin's scorer makes:
 *
 * ```ts
 * scoreRelevance(sheet, options?.request, { noun: "entities", names: diagram.entities.map((e) => e.name) })
 * ```
 */
export const scoreRelevance = (sheet: ScoreSheet, request: string | undefined, artifact: ArtifactNames): void => {
  const issues = relevanceIssues(request, artifact)
  for (const issue of issues) {
    if (issue.severity === "error") sheet.error(issue.code, issue.message, RELEVANCE_POINTS.offTopic)
    else if (issue.severity === "info") sheet.info(issue.code, issue.message)
  }
  sheet.each(
    "warning",
    MISSING_NAME,
    issues.filter((issue) => issue.severity === "warning").map((issue) => ({ message: issue.message })),
    RELEVANCE_POINTS.missingName,
    RELEVANCE_POINTS.missingNameCap
  )
}
