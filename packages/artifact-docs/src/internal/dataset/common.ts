/** What the four document generators share: a small document builder and the domain's vocabulary as a service speaks it. */
import GithubSlugger from "github-slugger"
import { personName, phrase, titleCase, upperSnakeCase, words, type Domain, type DomainEntity, type Rng } from "@lfai/artifact-kit"

/** A Markdown document built block by block; headings are kept for anchors and for the prompt. */
export class DocBuilder {
  private readonly parts: Array<string | { readonly toc: number }> = []
  readonly headings: Array<{ readonly depth: number; readonly text: string }> = []

  heading(depth: number, text: string): this {
    this.headings.push({ depth, text })
    this.parts.push(`${"#".repeat(depth)} ${text}`)
    return this
  }
  paragraph(text: string): this {
    this.parts.push(text)
    return this
  }
  code(lang: string, body: string): this {
    this.parts.push(`\`\`\`${lang}\n${body.replace(/\n+$/, "")}\n\`\`\``)
    return this
  }
  list(items: ReadonlyArray<string>, ordered = false, bullet = "-"): this {
    this.parts.push(items.map((item, i) => `${ordered ? `${i + 1}.` : bullet} ${item}`).join("\n"))
    return this
  }
  table(header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): this {
    const line = (cells: ReadonlyArray<string>) => `| ${cells.map((cell) => cell.replace(/\|/g, "\\|")).join(" | ")} |`
    this.parts.push([line(header), `| ${header.map(() => "---").join(" | ")} |`, ...rows.map(line)].join("\n"))
    return this
  }
  raw(text: string): this {
    this.parts.push(text)
    return this
  }
  /** A list of links to the H2 sections, filled in when the document is rendered. */
  toc(depth = 2): this {
    this.parts.push({ toc: depth })
    return this
  }
  render(): string {
    const slugger = new GithubSlugger()
    const slugs = this.headings.map((heading) => ({ ...heading, slug: slugger.slug(heading.text) }))
    return this.parts
      .map((part) =>
        typeof part === "string"
          ? part
          : slugs
              .filter((heading) => heading.depth === part.toc && !/^(?:contents|table of contents)$/i.test(heading.text))
              .map((heading) => `- [${heading.text}](#${heading.slug})`)
              .join("\n")
      )
      .join("\n\n")
  }
}

/** A role in running text: `Billing Analyst` → `billing analyst`. */
export const role = (name: string) => name.toLowerCase()
/** A heading as a prompt names it: `Context and Problem Statement` → `context and problem statement`, acronyms kept. */
export const asTopic = (text: string) => text.split(" ").map((word) => (/^[A-Z]{2,}\b/.test(word) ? word : word.toLowerCase())).join(" ")
export const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)
export const upper = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
export const kebab = (text: string) => words(text).map((w) => w.toLowerCase()).join("-")
export const plural = (noun: string) => (/[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : /(s|x|ch|sh)$/.test(noun) ? `${noun}es` : `${noun}s`)
/** `an online store` → `online store`. */
export const bare = (title: string) => title.replace(/^(?:an?|the)\s+/i, "")
export const join = (items: ReadonlyArray<string>): string => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`)

/** `OrderLine` → `order-lines` (a REST collection). */
export const resource = (entity: string) => plural(kebab(entity))
export const envName = (system: string) => upperSnakeCase(system.replace(/[^A-Za-z0-9 ]/g, " "))
/** A Mermaid node id from any name. */
export const nodeId = (name: string) => words(name).map((w) => w.toLowerCase()).join("_") || "node"
/** A Mermaid label: no brackets, quotes or other syntax. */
export const label = (name: string) => name.replace(/[[\](){}"'<>|#;]/g, " ").replace(/\s+/g, " ").trim()


/** A plausible value for an attribute, by its type and name. */
export const sampleValue = (rng: Rng, entity: DomainEntity, attribute: DomainEntity["attributes"][number]): unknown => {
  const name = attribute.name
  if (/email/.test(name)) return `${personName(rng).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(" ", ".")}@example.com`
  if (/(^|_)name$|full_name/.test(name)) return personName(rng)
  if (/status|state/.test(name)) return rng.pick(["active", "pending", "closed"])
  switch (attribute.type) {
    case "int":
      return attribute.key === "PK" ? rng.int(100, 99999) : rng.int(1, 500)
    case "decimal":
      return Number((rng.int(100, 99999) / 100).toFixed(2))
    case "float":
      return Number((rng.int(1, 999) / 10).toFixed(1))
    case "boolean":
      return rng.chance(0.5)
    case "date":
      return `2025-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`
    case "datetime":
      return `2025-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}T${String(rng.int(6, 22)).padStart(2, "0")}:${rng.pick(["00", "15", "30", "45"])}:00Z`
    case "uuid":
      return Array.from({ length: 4 }, () => rng.int(0x1000, 0xffff).toString(16)).join("-")
    case "text":
      return `${titleCase(phrase(entity.name))} notes`
    default:
      return attribute.key === "UK" ? `${kebab(name).toUpperCase().slice(0, 3)}-${rng.int(1000, 9999)}` : `${phrase(name)} ${rng.int(1, 99)}`
  }
}

/** An entity as a JSON object with a few of its attributes. */
export const sampleObject = (rng: Rng, entity: DomainEntity, keep = 4): Record<string, unknown> => {
  const [first, ...rest] = entity.attributes
  const attributes = [first, ...rng.sample(rest, Math.min(rest.length, keep - 1))]
  const ordered = entity.attributes.filter((a) => attributes.includes(a))
  // Not every API puts the id first.
  const keys = rng.chance(0.4) ? [...ordered.slice(1), ordered[0]] : ordered
  return Object.fromEntries(keys.map((a) => [a.name, sampleValue(rng, entity, a)]))
}

/** The entities that have a lifecycle come first: they make the richer APIs and runbooks. */
export const mainEntity = (rng: Rng, d: Domain): DomainEntity => {
  const withLifecycle = d.entities.filter((entity) => d.lifecycles.some((l) => l.entity === entity.name))
  return rng.pick(withLifecycle.length > 0 && rng.chance(0.7) ? withLifecycle : d.entities)
}

export type Stack = "node" | "python" | "go" | "java" | "dotnet"
export const STACKS: ReadonlyArray<Stack> = ["node", "python", "go", "java", "dotnet"]

export const stackCommands = (stack: Stack, name: string) =>
  ({
    node: { install: "npm ci", run: "npm start", test: "npm test", lang: "TypeScript", build: "npm run build" },
    python: { install: "python -m venv .venv\nsource .venv/bin/activate\npip install -e .", run: `python -m ${name.replace(/-/g, "_")}`, test: "pytest", lang: "Python", build: "python -m build" },
    go: { install: "go mod download", run: `go run ./cmd/${name}`, test: "go test ./...", lang: "Go", build: `go build -o bin/${name} ./cmd/${name}` },
    java: { install: "./gradlew dependencies", run: "./gradlew bootRun", test: "./gradlew test", lang: "Java", build: "./gradlew build" },
    dotnet: { install: "dotnet restore", run: `dotnet run --project src/${titleCase(name).replace(/ /g, "")}`, test: "dotnet test", lang: "C#", build: "dotnet build -c Release" }
  })[stack]
