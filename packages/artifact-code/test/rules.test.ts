/**
 * The judge's own rules, word for word: what a user reads in each message, the line it points
 * at, the limits, which language a file counts as, how the files of an answer are judged
 * together, and the names `declaredNames` returns. Fast: every case is a small answer.
 */
import type { ValidateOptions } from "@lfai/core"
import { findingsOf } from "@lfai/artifact-kit/testing"
import { describe, expect, it } from "vitest"
import { code } from "../src/index.ts"
import { analyseCode, declaredNames, MAX_CHARS } from "../src/internal/validate.ts"
import { COMPONENT, CONTROLLER } from "./samples.ts"

/** Every issue of an answer, as [code, message, line]. */
const issuesOf = (content: string, options?: ValidateOptions) => code.validate(content, options).issues.map((issue) => [issue.code, issue.message, issue.line])
const languagesOf = (content: string) => analyseCode(content).files.map((file) => file.language)
const FENCE = "```"
/** Content of fenced files: [info string, body] each. */
const files = (...blocks: ReadonlyArray<readonly [string, string]>) => blocks.map(([info, body]) => `${FENCE}${info}\n${body}\n${FENCE}`).join("\n\n")

const TS_FLOOR = "at least one class, function declaration, or top-level `const` bound to a function or arrow function"
const CS_FLOOR = "at least one class, record, struct or interface with a member (or record parameters)"
const NO_DECLARATION = `the code declares nothing the floor counts: it needs ${TS_FLOOR}`
const JSX_IN_CODE = "this is JSX/TSX (React markup in code), not TypeScript: an Angular component keeps its markup in `template`"

describe("where a file-wide issue points: the first line of code", () => {
  it("skips comments of every style, blank and whitespace-only lines, and not a code line that ends in a comment", () => {
    const commented = ["// The orders API", "/*", " * reads orders", " */", "   ", "", "using System; // for Guid", "", "namespace Shop.Api;", "", "public sealed record OrderDto(Guid Id, string Number);"].join("\n")
    expect(issuesOf(commented, { params: { language: "typescript" } })).toEqual([["wrong-type", "expected TypeScript, but the code is C#", 7]])
    expect(issuesOf(COMPONENT, { params: { language: "csharp" } })).toEqual([["wrong-type", "expected C#, but the code is TypeScript", 1]])
  })

  it("is the first line that is not blank when the file holds nothing but comments", () => {
    expect(issuesOf("  \n\n// nothing here yet\n")).toEqual([["no-declaration", NO_DECLARATION, 3]])
  })

  it("for a missing declaration, is the first top-level declaration that is not a constant", () => {
    const text = ["import { Money } from './money';", "export const LIMIT = 5;", "", "export interface Order {", "  id: number;", "}"].join("\n")
    expect(issuesOf(text)).toEqual([["no-declaration", NO_DECLARATION, 4]])
    expect(issuesOf("export const LIMIT = 5;\nexport const NAME = 'orders';")).toEqual([["no-declaration", NO_DECLARATION, 1]])
  })
})

describe("prose and text that is not code", () => {
  const PROSE = "prose, not code: expected TypeScript or C# source"
  const NOTHING = "neither TypeScript nor C#: both parsers reject it and nothing in it reads as code"

  it("sentences are prose, blank and whitespace-only lines aside, and so is an answer half of whose lines are sentences", () => {
    expect(issuesOf("Sure! Money is added by adding the amounts when the currencies match.")).toEqual([["not-code", PROSE, undefined]])
    expect(issuesOf("Sure! Money is added by adding the amounts.\n  \n   \n \n\nIt works when the currencies match.")).toEqual([["not-code", PROSE, undefined]])
    expect(issuesOf("I cannot write that component.\n---")).toEqual([["not-code", PROSE, undefined]])
  })

  it("text that is neither sentences nor code is refused as neither language", () => {
    expect(issuesOf("%% ^^ )( ]] ~~ @@")).toEqual([["not-code", NOTHING, undefined]])
  })

  it("lines that only code writes make it code, even without semicolons: it is parsed and judged", () => {
    expect(issuesOf("import { signal } from '@angular/core'")).toEqual([["no-declaration", NO_DECLARATION, 1]])
    expect(issuesOf("import { signal } from '@angular/core'\nimport { Router } from '@angular/router'")).toEqual([["no-declaration", NO_DECLARATION, 1]])
    expect(issuesOf("namespace Shop.Contracts\npublic sealed record OrderDto(int Id, string Number)")).toEqual([
      ["parse-error", "The C# parser (tree-sitter) reports: missing `;`", 1],
      ["parse-error", "The C# parser (tree-sitter) reports: missing `;`", 2]
    ])
  })

  it("one line that ends like code among sentences makes it broken code, not prose", () => {
    const codes = code.validate("Use the service like this:\nconst orders = service.list();\nIt returns every order in the store.").issues.map((issue) => issue.code)
    expect([...new Set(codes)]).toEqual(["parse-error"])
  })

  it("a sentence under a TypeScript fence is judged by the TypeScript compiler, as the fence says", () => {
    const result = code.validate(`${FENCE}typescript\nSure, here is what the service does for the orders.\n${FENCE}`)
    expect([...new Set(result.issues.map((issue) => issue.code))]).toEqual(["parse-error"])
    expect(result.issues[0].message).toMatch(/^The TypeScript compiler reports: /)
  })
})

describe("markup", () => {
  it("names HTML and JSX markup apart, at their first line", () => {
    expect(issuesOf("\n<section>\n  <h1>Orders</h1>\n</section>")).toEqual([["wrong-type", "HTML markup, not TypeScript or C# code", 2]])
    expect(issuesOf('<ul className="orders">{orders.map((o) => <li>{o}</li>)}</ul>')).toEqual([
      ["wrong-type", "JSX markup (React), not TypeScript code: an Angular component keeps its markup in `template`", 1]
    ])
  })

  it("names HTML as HTML under a TypeScript or C# fence too, not as React", () => {
    expect(issuesOf(files(["typescript", "<section>\n  <h1>Orders</h1>\n</section>"]))).toEqual([["wrong-type", "HTML markup, not TypeScript or C# code", 2]])
    expect(issuesOf(files(['csharp title="Orders.cs"', "<section>\n  <h1>Orders</h1>\n</section>"]))).toEqual([["wrong-type", "HTML markup, not TypeScript or C# code", 2]])
  })

  it("a React component is JSX in code, and a .tsx file is refused as such", () => {
    expect(issuesOf('export function Orders() {\n  return <ul className="x"><li>One</li></ul>;\n}')).toEqual([["wrong-type", JSX_IN_CODE, 1]])
    expect(issuesOf(files(['tsx title="a.tsx"', "\n// the list\nexport const A = () => <p>a</p>;"]))).toEqual([
      ["wrong-type", "a JSX/TSX (React) file, not TypeScript: an Angular component keeps its markup in `template`", 4]
    ])
  })
})

describe("what counts as which language", () => {
  it("code that clearly reads as one language is judged in it whatever its fence says", () => {
    expect(code.validate(files(["ts", CONTROLLER]))).toMatchObject({ passed: true, score: 100 })
    expect(languagesOf(files(["ts", CONTROLLER]))).toEqual(["csharp"])
  })

  it("a file's extension is stronger: a .ts file holding C# is the wrong type, named by its file", () => {
    const content = files(['ts title="Order.ts"', "namespace Shop;\n\npublic sealed record OrderDto(int Id, string Number);"], ['ts title="b.ts"', "export const b = () => 1;"])
    expect(issuesOf(content)).toEqual([["wrong-type", "`Order.ts` line 1: expected TypeScript, but `Order.ts` is C#", 2]])
  })

  it("a file too short to show its language is judged in the language of its name or fence", () => {
    expect(issuesOf(files(['ts title="double.ts"', "const double = (x: number) => x * 2;"]))).toEqual([
      ["no-exports", "nothing is exported: export the classes and functions other files use", undefined]
    ])
    expect(languagesOf(files(['ts title="double.ts"', "const double = (x: number) => x * 2;"]))).toEqual(["typescript"])
    // TypeScript would accept `class Order { }`; C# asks for a member
    expect(issuesOf(files(["cs", "class Order { }"]))).toEqual([
      ["no-namespace", "no namespace: put the types in one (`namespace Company.Project;`)", undefined],
      ["no-declaration", `the code declares nothing the floor counts: it needs ${CS_FLOOR}`, 2]
    ])
  })

  it("code too short to show its language is the language whose parser accepts it: C# that TypeScript rejects is C#, and its names are read", () => {
    const record = "public record Order(int Id);"
    expect(languagesOf(record)).toEqual(["csharp"])
    expect(issuesOf(record)).toEqual([["no-namespace", "no namespace: put the types in one (`namespace Company.Project;`)", undefined]])
    expect(declaredNames(analyseCode(record)).map((declaration) => `${declaration.kind}:${declaration.name}`)).toEqual(["record:Order", "property:Id"])
  })

  it("when neither parser accepts the text, the language with more cues reports, TypeScript on a tie", () => {
    expect(issuesOf("var total = ;")).toEqual([["parse-error", "The C# parser (tree-sitter) reports: unexpected `=`", 1]])
    expect(languagesOf("var total = ;")).toEqual(["csharp"])
    expect(issuesOf("var x = 1;\nlet y = ;")).toEqual([["parse-error", "The TypeScript compiler reports: Expression expected.", 2]])
    expect(languagesOf("var x = 1;\nlet y = ;")).toEqual(["typescript"])
  })
})

describe("parse errors", () => {
  const broken = (errors: number) => ["export function f(): number {", ...Array.from({ length: errors }, (_, i) => `  const v${i} = ;`), "  return 1;", "}"].join("\n")
  const expected = (line: number) => ["parse-error", "The TypeScript compiler reports: Expression expected.", line]

  it("lists the first five with the compiler's message at their lines", () => {
    expect(issuesOf(broken(5))).toEqual([2, 3, 4, 5, 6].map(expected))
  })

  it("counts the rest after them, at the first one not listed", () => {
    expect(issuesOf(broken(6))).toEqual([...[2, 3, 4, 5, 6].map(expected), ["parse-error", "… and 1 more syntax errors", 7]])
    expect(issuesOf(broken(8))).toEqual([...[2, 3, 4, 5, 6].map(expected), ["parse-error", "… and 3 more syntax errors", 7]])
  })

  it("names the C# parser for C#", () => {
    expect(findingsOf(code, "namespace A;\n\npublic class C\n{\n    public int M() { return = ; }\n}", "parse-error")).toEqual([["The C# parser (tree-sitter) reports: unexpected `=`", 5]])
  })
})

describe("the files of an answer", () => {
  const A = ['ts title="a.ts"', "export const a = () => 1;"] as const

  it("a JSON file is parsed: one that parses is not judged further, one that does not is a parse error in it", () => {
    expect(issuesOf(files(A, ['json title="package.json"', '{ "name": "x" }']))).toEqual([
      ["file-not-judged", "`package.json`: a JSON file: it parses; only TypeScript and C# files are judged further", undefined]
    ])
    const bad = '{ "name": "x", }'
    let reason = ""
    try {
      JSON.parse(bad)
    } catch (error) {
      reason = (error as Error).message
    }
    expect(issuesOf(files(A, ['json title="package.json"', bad]))).toEqual([["parse-error", `\`package.json\` line 1: the JSON does not parse: ${reason}`, 6]])
  })

  it("other files are kept and not judged; an empty one is named", () => {
    expect(issuesOf(files(A, ['yaml title="config.yaml"', "currency: EUR"]))).toEqual([["file-not-judged", "`config.yaml`: neither TypeScript nor C#: not judged", undefined]])
    expect(issuesOf(files(A, ['ts title="b.ts"', "   \n   "]))).toEqual([["empty", "`b.ts`: the file is empty", undefined]])
    expect(issuesOf(files(['ts title="b.ts"', "   "]))).toEqual([["empty", "the file is empty", undefined]])
  })

  it("unnamed files are called by their place, and are never duplicates of each other", () => {
    expect(issuesOf(files(["ts", "export const a = () => 1;"], ["ts", "export const b = () => {\n  return 1 +;\n};"]))).toEqual([
      ["parse-error", "`file 2` line 2: The TypeScript compiler reports: Expression expected.", 7]
    ])
    expect(issuesOf(files(["ts", "export const a = () => 1;"], ["ts", "export const b = () => 2;"]))).toEqual([])
    expect(issuesOf(files(A, ['ts title="a.ts"', "export const b = () => 2;"]))).toEqual([["duplicate-file", "`a.ts` appears twice", 6]])
  })

  it("an answer with no TypeScript or C# file says so, unless a file already failed for what it is", () => {
    const NONE = ["not-code", "no TypeScript or C# file in the answer", 1]
    expect(issuesOf(files(['json title="a.json"', "{}"]))).toEqual([["file-not-judged", "a JSON file: it parses; only TypeScript and C# files are judged further", undefined], NONE])
    expect(issuesOf(files(['json title="a.json"', "{}"], ['yaml title="b.yaml"', "a: 1"]))).toEqual([
      ["file-not-judged", "`a.json`: a JSON file: it parses; only TypeScript and C# files are judged further", undefined],
      ["file-not-judged", "`b.yaml`: neither TypeScript nor C#: not judged", undefined],
      NONE
    ])
    expect(issuesOf(files(['tsx title="a.tsx"', "export const A = () => <p>a</p>;"], ['json title="b.json"', "{}"]))).toEqual([
      ["wrong-type", "`a.tsx` line 1: a JSX/TSX (React) file, not TypeScript: an Angular component keeps its markup in `template`", 2],
      ["file-not-judged", "`b.json`: a JSON file: it parses; only TypeScript and C# files are judged further", undefined]
    ])
    expect(issuesOf(files(["", "Sure, here is what the service does for the orders."], ['json title="b.json"', "{}"]))).toEqual([
      ["not-code", "`file 1`: prose, not code: expected TypeScript or C# source", undefined],
      ["file-not-judged", "`b.json`: a JSON file: it parses; only TypeScript and C# files are judged further", undefined]
    ])
  })

  it("the floor holds for the answer as a whole: one file declaring is enough, and none is said in the first file's language", () => {
    expect(issuesOf(files(['ts title="models.ts"', "export interface Order { id: number }"], ['ts title="service.ts"', "export class OrderService {}"]))).toEqual([])
    expect(issuesOf(files(['ts title="a.ts"', "export interface A { id: number }"], ['ts title="b.ts"', "export const LIMIT = 5;\n\nexport type B = { id: number };"]))).toEqual([
      ["no-declaration", `no file declares ${TS_FLOOR}`, 2]
    ])
    expect(issuesOf(files(['cs title="A.cs"', "namespace A;\n\npublic class Empty\n{\n}"], ['ts title="b.ts"', "export interface B { id: number }"]))).toEqual([
      ["no-declaration", `no file declares ${CS_FLOOR}`, 4]
    ])
  })

  it("a broken file is not also blamed for the floor: what it declares is unknown", () => {
    const content = files(['ts title="models.ts"', "export interface Order { id: number }"], ['ts title="service.ts"', "export class OrderService {\n  list() { return [; }\n}"])
    expect(new Set(code.validate(content).issues.map((issue) => issue.code))).toEqual(new Set(["parse-error"]))
  })

  it("a file's findings are listed in line order, whatever order the rules found them in", () => {
    const text = [
      "import { Component } from '@angular/core';",
      "",
      "@Component({ selector: 'app-count', template: '{{ count() }}' })",
      "export class CountComponent {",
      "  readonly count = signal(0);",
      "  parse(value: any): number {",
      "    return Number(value);",
      "  }",
      "}"
    ].join("\n")
    expect(code.validate(text).issues.map((issue) => [issue.code, issue.line])).toEqual([
      ["missing-import", 5],
      ["explicit-any", 6]
    ])
  })
})

describe("the names the code declares", () => {
  it("a declaration of an unnamed file carries no file", () => {
    expect(declaredNames(analyseCode("export function total(): number {\n  return 1;\n}"))).toStrictEqual([{ kind: "function", name: "total", line: 1, floor: true }])
  })

  it("broken and JSON files add no names", () => {
    const content = files(['ts title="a.ts"', "export const a = () => 1;"], ['ts title="b.ts"', "export const b = ( => 1;"], ['json title="c.json"', "{}"])
    expect(declaredNames(analyseCode(content))).toStrictEqual([{ kind: "function", name: "a", line: 1, floor: true, file: "a.ts" }])
  })
})

describe("judged against the request", () => {
  const SERVICE = "export class OrderService {\n  list(): string[] {\n    return [];\n  }\n}"
  const REQUEST = "A TypeScript `OrderService` with `list` and `cancel`."
  const MISSING = ["missing-name", 'The request asks for "cancel", which is not among the names the code declares or uses.', undefined]

  it("names a missing name, beside a JSON file too", () => {
    expect(issuesOf(SERVICE, { request: REQUEST })).toEqual([MISSING])
    expect(issuesOf(files(['ts title="order.service.ts"', SERVICE], ['json title="package.json"', '{ "name": "x" }']), { request: REQUEST })).toEqual([
      ["file-not-judged", "`package.json`: a JSON file: it parses; only TypeScript and C# files are judged further", undefined],
      MISSING
    ])
  })

  it("counts names the code uses and the files' names, not only what it declares", () => {
    const service = [
      "import { HttpClient } from '@angular/common/http';",
      "import { Injectable } from '@angular/core';",
      "",
      "@Injectable({ providedIn: 'root' })",
      "export class OrderService {",
      "  constructor(private readonly http: HttpClient) {}",
      "}"
    ].join("\n")
    expect(issuesOf(service, { request: "An Angular `OrderService` that calls `HttpClient`." })).toEqual([])
    const named = files(['ts title="src/orders.ts"', "export function list(): string[] {\n  return [];\n}"], ['ts title="src/b.ts"', "export const b = () => 1;"])
    expect(issuesOf(named, { request: "TypeScript: `orders.ts` with `list`" })).toEqual([])
  })

  it("a broken answer is not also judged against the request", () => {
    expect(new Set(code.validate(SERVICE.replace("return [];", "return [;"), { request: REQUEST }).issues.map((issue) => issue.code))).toEqual(new Set(["parse-error"]))
  })

  it("checks the Angular shape only when the request asks for Angular in TypeScript", () => {
    expect(issuesOf(SERVICE, { request: "An ASP.NET Core controller that serves the orders an Angular app shows" })).toEqual([])
    expect(issuesOf(SERVICE, { request: "A TypeScript service for orders" })).toEqual([])
    expect(issuesOf(SERVICE, { request: "An Angular service for orders" })).toEqual([
      ["service-not-injectable", "`OrderService` is a service without `@Injectable()`: decorate it (e.g. `@Injectable({ providedIn: 'root' })`)", 1]
    ])
  })
})

describe("answers refused before parsing, and failures of the validator", () => {
  it("an empty answer, or none at all, scores 0 with one issue that has no line", () => {
    const EMPTY = { code: "empty", severity: "error", message: "the answer is empty: expected TypeScript or C# code" }
    for (const content of ["", "  \n\t\n", undefined, null]) expect(code.validate(content as string)).toStrictEqual({ score: 0, passed: false, issues: [EMPTY] })
  })

  it("an unknown language is named", () => {
    expect(code.validate(COMPONENT, { params: { language: "python" } })).toMatchObject({ score: 0, issues: [{ message: 'unknown language "python": expected typescript or csharp' }] })
  })

  it(`takes answers of up to ${MAX_CHARS} characters`, () => {
    const answer = (length: number) => `export const a = () => 1;\n${"/".repeat(length - 26)}`
    expect(code.validate(answer(MAX_CHARS))).toMatchObject({ score: 100, issues: [] })
    expect(code.validate(answer(MAX_CHARS + 1))).toMatchObject({ score: 0, issues: [{ code: "too-large", message: `the answer has ${MAX_CHARS + 1} characters; the limit is ${MAX_CHARS}` }] })
  })

  it("options that throw when read still get a verdict, never an exception", () => {
    const params = { get params(): never { throw new Error("boom") } }
    expect(code.validate(COMPONENT, params as ValidateOptions)).toStrictEqual({ score: 0, passed: false, issues: [{ code: "internal-error", severity: "error", message: "the validator failed: boom" }] })
    const strict = { get strict(): never { throw new Error("boom") } }
    expect(code.validate(COMPONENT, strict as ValidateOptions)).toStrictEqual({ score: 100, passed: true, issues: [] })
  })
})
