/**
 * A Markdown document read once: the mdast tree (CommonMark + GFM + YAML front matter), its
 * headings with their GitHub slugs, its sections (a heading and the blocks up to the next heading
 * of the same or a higher level), its fenced code blocks with how they were closed, and its links.
 */
import GithubSlugger from "github-slugger"
import type { Code, Heading, Link, Nodes, Root, RootContent } from "mdast"
import { fromMarkdown } from "mdast-util-from-markdown"
import { frontmatterFromMarkdown } from "mdast-util-frontmatter"
import { gfmFromMarkdown } from "mdast-util-gfm"
import { toString } from "mdast-util-to-string"
import { frontmatter } from "micromark-extension-frontmatter"
import { gfm } from "micromark-extension-gfm"
import { parse as parseYaml, YAMLParseError } from "yaml"

export interface HeadingInfo {
  readonly depth: number
  readonly text: string
  readonly slug: string
  readonly line: number
}

export interface Section {
  readonly heading: HeadingInfo
  /** The blocks under the heading, up to the next heading of the same or a higher level (subsections included). */
  readonly blocks: ReadonlyArray<RootContent>
  /** The blocks before the first subheading: what the heading itself says. */
  readonly own: ReadonlyArray<RootContent>
}

export interface Fence {
  readonly lang: string | undefined
  readonly line: number
  readonly value: string
  /** Where the fence ended without a closing line: at the end of the document. */
  readonly unclosed: boolean
  /** A line inside that looks like a fence with an info string: meant as a close, but a close carries none. */
  readonly infoCloseLine: number | undefined
}

export interface MarkdownDocument {
  readonly root: Root
  readonly lines: ReadonlyArray<string>
  readonly headings: ReadonlyArray<HeadingInfo>
  readonly sections: ReadonlyArray<Section>
  readonly fences: ReadonlyArray<Fence>
  readonly links: ReadonlyArray<{ readonly url: string; readonly text: string; readonly line: number }>
  /** The front matter's YAML, parsed; `error` when it does not parse, `line` then the line of the error. */
  readonly frontMatter: { readonly data: Readonly<Record<string, unknown>>; readonly error?: string; readonly line: number } | undefined
}

const lineOf = (node: { readonly position?: { readonly start: { readonly line: number } } }): number => node.position?.start.line ?? 1

const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})(.*)$/

/** How a fenced block ends in the source: closed by a bare fence, or running to the end. */
const fenceOf = (node: Code, lines: ReadonlyArray<string>): Fence | undefined => {
  const start = node.position?.start.line
  const end = node.position?.end.line
  if (start === undefined || end === undefined) return undefined
  const open = FENCE_LINE.exec(lines[start - 1] ?? "")
  if (!open) return undefined // an indented code block
  const marker = open[1]
  const last = end > start ? (lines[end - 1] ?? "") : ""
  const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(last)
  const closed = end > start && close !== null && close[1][0] === marker[0] && close[1].length >= marker.length
  let infoCloseLine: number | undefined
  for (let line = start + 1; line < (closed ? end : end + 1); line++) {
    const inner = FENCE_LINE.exec(lines[line - 1] ?? "")
    if (inner && inner[1][0] === marker[0] && inner[1].length >= marker.length && inner[2].trim() !== "") {
      infoCloseLine = line
      break
    }
  }
  return { lang: node.lang ?? undefined, line: start, value: node.value, unclosed: !closed, infoCloseLine }
}

const walk = (node: Nodes, visit: (node: Nodes) => void): void => {
  visit(node)
  if ("children" in node) for (const child of node.children) walk(child as Nodes, visit)
}

export const readMarkdown = (text: string): MarkdownDocument => {
  const root = fromMarkdown(text, {
    extensions: [gfm(), frontmatter(["yaml"])],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(["yaml"])]
  })
  const lines = text.split(/\r\n|\r|\n/)
  const slugger = new GithubSlugger()
  const headings: HeadingInfo[] = []
  const fences: Fence[] = []
  const links: Array<{ url: string; text: string; line: number }> = []
  const definitions = new Map<string, string>()
  const references: Array<{ identifier: string; text: string; line: number }> = []
  walk(root, (node) => {
    if (node.type === "heading") {
      const content = toString(node)
      headings.push({ depth: node.depth, text: content.trim(), slug: slugger.slug(content), line: lineOf(node) })
    } else if (node.type === "code") {
      const fence = fenceOf(node, lines)
      if (fence) fences.push(fence)
    } else if (node.type === "link") {
      links.push({ url: (node as Link).url, text: toString(node), line: lineOf(node) })
    } else if (node.type === "definition") {
      definitions.set(node.identifier, node.url)
    } else if (node.type === "linkReference") {
      references.push({ identifier: node.identifier, text: toString(node), line: lineOf(node) })
    }
  })
  // A reference link's definition may come after it.
  for (const reference of references) {
    const url = definitions.get(reference.identifier)
    if (url !== undefined) links.push({ url, text: reference.text, line: reference.line })
  }

  const top = root.children
  const sections: Section[] = []
  top.forEach((node, index) => {
    if (node.type !== "heading") return
    const heading = headings.find((h) => h.line === lineOf(node) && h.depth === (node as Heading).depth)!
    const blocks: RootContent[] = []
    const own: RootContent[] = []
    let inOwn = true
    for (const next of top.slice(index + 1)) {
      if (next.type === "heading" && next.depth <= heading.depth) break
      if (next.type === "heading") inOwn = false
      blocks.push(next)
      if (inOwn) own.push(next)
    }
    sections.push({ heading, blocks, own })
  })

  const yamlNode = top.find((node) => node.type === "yaml")
  let frontMatter: MarkdownDocument["frontMatter"]
  if (yamlNode && yamlNode.type === "yaml") {
    try {
      const data: unknown = parseYaml(yamlNode.value)
      frontMatter = { data: data !== null && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {}, line: lineOf(yamlNode) }
    } catch (cause) {
      // YAML counts lines from the one after the opening `---`; the issue points at the document's
      // line, so the message drops YAML's own position
      const at = cause instanceof YAMLParseError ? cause.linePos?.[0].line : undefined
      const reason = cause instanceof Error ? cause.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "") : String(cause)
      frontMatter = { data: {}, error: reason, line: lineOf(yamlNode) + (at ?? 0) }
    }
  }
  return { root, lines, headings, sections, fences, links, frontMatter }
}

/** Every node of a list of blocks, depth first. */
export const nodesOf = (blocks: ReadonlyArray<RootContent>): Nodes[] => {
  const out: Nodes[] = []
  for (const block of blocks) walk(block as Nodes, (node) => out.push(node))
  return out
}
