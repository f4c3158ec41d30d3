import type { Validation } from "@lfai/core"
import { describe, expect, it } from "vitest"
import { code, parserInfo } from "../src/index.ts"
import { RULES } from "../src/internal/rules.ts"
import { analyseCode, declaredNames, MAX_CHARS } from "../src/internal/validate.ts"
import { COMPONENT, CONTROLLER, RECORD_FILE } from "./samples.ts"

const codes = (result: Validation) => result.issues.map((issue) => issue.code)
const at = (result: Validation, code: string) => result.issues.filter((issue) => issue.code === code).map((issue) => issue.line)

describe("the parsers", () => {
  it("are the TypeScript 6.0 compiler and tree-sitter's C# grammar (ABI 15), loaded at import", () => {
    expect(parserInfo.typescript.version).toMatch(/^6\.0\./)
    expect(parserInfo.csharp.grammar).toMatch(/^0\.23\./)
    expect(parserInfo.csharp.abi).toBeGreaterThanOrEqual(14)
    expect(parserInfo.typescript.loadMs).toBeGreaterThan(0)
    expect(parserInfo.csharp.loadMs).toBeGreaterThan(0)
  })
})

describe("floor rules, each failing alone with its own code and line", () => {
  it.each([
    ["TypeScript syntax error", "export function total(a: number, b: number): number {\n  return a + ;\n}", "parse-error", 2],
    ["TypeScript without a class, function or const arrow", "export interface Order {\n  id: number;\n}\nexport const LIMIT = 5;", "no-declaration", 1],
    ["C# MISSING node", "namespace A;\n\npublic class Order\n{\n    public int Id { get; set; }\n    public void Touch() { Id++ }\n}", "parse-error", 6],
    ["C# ERROR node", "namespace A;\n\npublic class Order\n{\n    public int Id { get; set; } = = 1;\n}", "parse-error", 5],
    ["C# type without members", "namespace A;\n\npublic class Order\n{\n}", "no-declaration", 3],
    ["C# interface without members", "namespace A;\n\npublic interface IClock\n{\n}", "no-declaration", 3]
  ])("%s", (_, text, expected, line) => {
    const result = code.validate(text)
    expect(result.passed).toBe(false)
    expect(result.issues.filter((issue) => issue.severity === "error").map((issue) => issue.code)).toEqual([expected])
    expect(at(result, expected)[0]).toBe(line)
  })

  it("a record with parameters and a struct with a member meet the C# floor", () => {
    expect(code.validate(RECORD_FILE).passed).toBe(true)
    expect(code.validate("namespace A;\n\npublic readonly struct Money\n{\n    public decimal Amount { get; init; }\n}").passed).toBe(true)
  })

  it("a function declaration, a const arrow function and a class each meet the TypeScript floor", () => {
    expect(code.validate("export function f(): number {\n  return 1;\n}").passed).toBe(true)
    expect(code.validate("export const f = (x: number): number => x * 2;").passed).toBe(true)
    expect(code.validate("export class Empty {}").passed).toBe(true)
  })
})

describe("the language parameter", () => {
  it("C# handed in as TypeScript is the wrong type, and the reverse", () => {
    const asTs = code.validate(CONTROLLER, { params: { language: "typescript" } })
    expect(asTs.passed).toBe(false)
    expect(codes(asTs)).toEqual(["wrong-type"])
    expect(asTs.issues[0].message).toMatch(/expected TypeScript.*C#/)
    const asCs = code.validate(COMPONENT, { params: { language: "csharp" } })
    expect(codes(asCs)).toEqual(["wrong-type"])
    expect(asCs.issues[0].message).toMatch(/expected C#.*TypeScript/)
  })

  it("without the parameter, each is judged in its own language", () => {
    expect(code.validate(CONTROLLER)).toMatchObject({ passed: true, score: 100 })
    expect(code.validate(COMPONENT)).toMatchObject({ passed: true, score: 100 })
  })

  it("an unknown language is refused with a typed issue", () => {
    expect(codes(code.validate(COMPONENT, { params: { language: "python" } }))).toEqual(["unsupported-language"])
  })

  it("declares its parameter for the registry", () => {
    expect(code.params).toEqual({ language: ["typescript", "csharp"] })
  })
})

describe("model output that is not an answer", () => {
  it.each([
    ["empty", "   \n\n", "empty"],
    ["prose", "I would write a controller with two actions and register the service in Program.cs.", "not-code"],
    ["garbage", "%% ^^ )( ]] ~~ @@", "not-code"],
    ["JSX-only markup", '<div className="orders">{orders.map((o) => <p key={o.id}>{o.name}</p>)}</div>', "wrong-type"],
    ["a React component", "export function Orders() {\n  return <ul className=\"x\"><li>One</li></ul>;\n}", "wrong-type"],
    ["HTML", "<section>\n  <h1>Orders</h1>\n</section>", "wrong-type"]
  ])("%s fails as %s", (_, text, expected) => {
    const result = code.validate(code.extract(text))
    expect(result.passed).toBe(false)
    expect(codes(result)).toContain(expected)
  })

  it("a truncated answer (cut mid-file, fence never closed) fails with a parse error", () => {
    const raw = "Here you go:\n```typescript\n" + COMPONENT.slice(0, COMPONENT.indexOf("value + 1"))
    const result = code.validate(code.extract(raw))
    expect(result.passed).toBe(false)
    expect(codes(result)).toContain("parse-error")
    const cs = "```csharp\n" + CONTROLLER.slice(0, CONTROLLER.indexOf("NotFound"))
    expect(codes(code.validate(code.extract(cs)))).toContain("parse-error")
  })

  it("a broken fence (closing fence inside the code) fails", () => {
    const raw = "```typescript\n" + COMPONENT.replace("  readonly count", "```\n  readonly count") + "\n```"
    expect(code.validate(code.extract(raw)).passed).toBe(false)
  })

  it("too large an answer is refused before parsing", () => {
    const huge = `export const a = () => 1;\n${"// filler\n".repeat(MAX_CHARS / 10 + 1)}`
    expect(codes(code.validate(huge))).toEqual(["too-large"])
  })

  it("deep nesting is reported, not thrown", () => {
    const deep = `export const f = () => ${"(".repeat(20_000)}1${")".repeat(20_000)};`
    expect(code.validate(deep).issues.map((issue) => [issue.code, issue.message, issue.line])).toEqual([["parse-error", "the code is nested too deeply to parse", undefined]])
  })
})

/** One snippet per scoring rule above the floor: the rule fires, the others stay quiet. */
const QUALITY: ReadonlyArray<readonly [string, string, string?]> = [
  ["stub-body", "export function ship(): void {\n  throw new Error('Not implemented');\n}"],
  ["missing-import", "import { Injectable } from '@angular/core';\n\n@Injectable({ providedIn: 'root' })\nexport class OrderService {\n  readonly http = inject(HttpClient);\n}"],
  ["explicit-any", "export function parse(value: any): string {\n  return String(value);\n}"],
  ["no-exports", "function helper(): number {\n  return 1;\n}"],
  ["component-without-selector", "import { Component } from '@angular/core';\n\n@Component({ template: '<p>Hi</p>' })\nexport class HelloComponent {}"],
  ["component-without-template", "import { Component } from '@angular/core';\n\n@Component({ selector: 'app-hello' })\nexport class HelloComponent {}"],
  ["standalone-without-imports", "import { Component } from '@angular/core';\n\n@Component({ selector: 'app-list', template: '<p *ngIf=\"ready\">Ready</p>' })\nexport class ListComponent {\n  ready = true;\n}"],
  ["missing-template-import", "import { Component } from '@angular/core';\nimport { DatePipe } from '@angular/common';\n\n@Component({ selector: 'app-f', imports: [DatePipe], template: '<form [formGroup]=\"form\"></form>' })\nexport class FComponent {\n  form = null;\n}"],
  ["service-not-injectable", "import { HttpClient } from '@angular/common/http';\n\nexport class OrderService {\n  constructor(private readonly http: HttpClient) {}\n}"],
  ["legacy-input-output", "import { Component, Input } from '@angular/core';\n\n@Component({ selector: 'app-x', template: '{{ name }}' })\nexport class XComponent {\n  @Input() name = '';\n}"],
  ["removed-signal-api", "import { Injectable, signal } from '@angular/core';\n\n@Injectable({ providedIn: 'root' })\nexport class CartStore {\n  readonly items = signal<string[]>([]);\n  add(item: string): void {\n    this.items.mutate((items) => items.push(item));\n  }\n}"],
  ["no-namespace", "public class Order\n{\n    public int Id { get; set; }\n}"],
  ["missing-using", "using System.Text;\n\nnamespace A;\n\n[ApiController]\n[Route(\"api/x\")]\npublic class XController : ControllerBase\n{\n    [HttpGet]\n    public IActionResult Get() => Ok();\n}"],
  ["controller-without-apicontroller", "using Microsoft.AspNetCore.Mvc;\n\nnamespace A;\n\n[Route(\"api/x\")]\npublic class XController : ControllerBase\n{\n    [HttpGet]\n    public IActionResult Get() => Ok();\n}"],
  ["controller-without-route", "using Microsoft.AspNetCore.Mvc;\n\nnamespace A;\n\n[ApiController]\npublic class XController : ControllerBase\n{\n    [HttpGet]\n    public IActionResult Get() => Ok();\n}"],
  ["controller-not-derived", "using Microsoft.AspNetCore.Mvc;\n\nnamespace A;\n\n[ApiController]\n[Route(\"api/x\")]\npublic class XController\n{\n    [HttpGet]\n    public IActionResult Get() => new OkResult();\n}"],
  ["action-without-http-method", "using Microsoft.AspNetCore.Mvc;\n\nnamespace A;\n\n[ApiController]\n[Route(\"api/x\")]\npublic class XController : ControllerBase\n{\n    public IActionResult Get() => Ok();\n}"],
  ["action-return-type", "using Microsoft.AspNetCore.Mvc;\n\nnamespace A;\n\n[ApiController]\n[Route(\"api/x\")]\npublic class XController : ControllerBase\n{\n    [HttpGet]\n    public IEnumerable<int> Get() => [1, 2];\n}"],
  ["dto-not-record", "namespace A;\n\npublic class OrderDto\n{\n    public int Number { get; init; }\n}"],
  ["async-without-suffix", "namespace A;\n\npublic class Mailer\n{\n    public async Task Send() => await Task.Delay(1);\n}"],
  ["non-nullable-uninitialized", "namespace A;\n\npublic class Customer\n{\n    public int Id { get; set; }\n    public string Name { get; set; }\n}"],
  ["duplicate-file", "```typescript title=\"a.ts\"\nexport const a = () => 1;\n```\n\n```typescript title=\"a.ts\"\nexport const b = () => 2;\n```"],
  ["file-not-judged", "```typescript title=\"a.ts\"\nexport const a = () => 1;\n```\n\n```html title=\"a.html\"\n<p>a</p>\n```"]
]

describe("the scoring table", () => {
  it.each(QUALITY.map(([rule, text]) => [rule, text] as const))("%s fires alone, as the table says", (rule, text) => {
    const result = code.validate(text)
    const declared = RULES[rule as keyof typeof RULES]
    expect([...new Set(codes(result))], result.issues.map((issue) => issue.message).join("; ")).toEqual([rule])
    expect(result.issues.every((issue) => issue.severity === declared.severity)).toBe(true)
    expect(result.passed).toBe(true)
    expect(result.score).toBe(100 - Math.min("cap" in declared ? declared.cap : declared.points, declared.points * result.issues.length))
  })

  it("every code of the table is tested here or as a floor, shared or internal failure", () => {
    const covered = new Set([...QUALITY.map(([rule]) => rule), "empty", "too-large", "unsupported-language", "not-code", "wrong-type", "parse-error", "no-declaration", "internal-error"])
    expect(Object.keys(RULES).filter((rule) => !covered.has(rule))).toEqual([])
  })

  it("every code of the table is in the README's scoring table", async () => {
    const { readFile } = await import("node:fs/promises")
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8")
    for (const rule of Object.keys(RULES)) expect(readme, rule).toContain(`\`${rule}\``)
  })

  it("repeated findings are capped, so one habit cannot sink a sound file", () => {
    const many = `export function f(a: any, b: any, c: any, d: any, e: any): string {\n  return String(a ?? b ?? c ?? d ?? e);\n}`
    const result = code.validate(many)
    expect(at(result, "explicit-any")).toHaveLength(5)
    expect(result.score).toBe(100 - 9)
  })

  it("strict mode turns warnings into a failure", () => {
    const text = QUALITY.find(([rule]) => rule === "explicit-any")![1]
    expect(code.validate(text).passed).toBe(true)
    expect(code.validate(text, { strict: true }).passed).toBe(false)
  })

  it("Angular shape is checked when the request asks for Angular even if the file does not show it", () => {
    const plain = "export class OrderService {\n  list(): string[] {\n    return [];\n  }\n}"
    expect(codes(code.validate(plain))).toEqual([])
    const asked = code.validate(plain, { request: "An Angular service for orders" })
    expect(codes(asked)).toEqual(["service-not-injectable"])
  })
})

describe("multi-file answers", () => {
  const SERVICE = [
    "import { HttpClient } from '@angular/common/http';",
    "import { Injectable, inject } from '@angular/core';",
    "import { Observable } from 'rxjs';",
    "",
    "@Injectable({ providedIn: 'root' })",
    "export class OrderService {",
    "  private readonly http = inject(HttpClient);",
    "",
    "  list(): Observable<string[]> {",
    "    return this.http.get<string[]>('/api/orders');",
    "  }",
    "}"
  ].join("\n")

  it.each([
    ["info string title=", '```ts title="src/app/order.service.ts"', "src/app/order.service.ts"],
    ["info string path", "```typescript src/app/order.service.ts", "src/app/order.service.ts"],
    ["info string lang:path", "```ts:src/app/order.service.ts", "src/app/order.service.ts"],
    ["heading above", "### `src/app/order.service.ts`\n```typescript", "src/app/order.service.ts"],
    ["bold label above", "**order.service.ts**\n\n```ts", "order.service.ts"],
    ["comment on the first line", "```typescript\n// File: src/app/order.service.ts", "src/app/order.service.ts"]
  ])("names files by %s, keeps them in order, each fenced with its name", (_, opener, name) => {
    const raw = `Here are the files.\n\n${opener}\n${SERVICE}\n\`\`\`\n\nAnd the component:\n\n\`\`\`typescript title="src/app/counter.component.ts"\n${COMPONENT}\n\`\`\`\n\nThat's all.`
    const extracted = code.extract(raw)
    const analysis = analyseCode(extracted)
    expect(analysis.files.map((file) => file.file.name)).toEqual([name, "src/app/counter.component.ts"])
    expect(extracted).toMatch(new RegExp(`^\`\`\`typescript title="${name.replace(/\./g, "\\.")}"\\n`))
    expect(extracted).toContain('```typescript title="src/app/counter.component.ts"\n')
    expect(code.validate(extracted)).toMatchObject({ passed: true, score: 100 })
    // what extract writes, it reads back the same
    expect(code.extract(extracted)).toBe(extracted)
  })

  it("judges each file in its own language and scores the artifact as its weakest file", () => {
    const content = `\`\`\`typescript title="src/app/counter.component.ts"\n${COMPONENT}\n\`\`\`\n\n\`\`\`csharp title="Controllers/OrdersController.cs"\n${CONTROLLER.replace("[ApiController]\n", "")}\n\`\`\``
    const analysis = analyseCode(content)
    expect(analysis.files.map((file) => file.language)).toEqual(["typescript", "csharp"])
    const result = code.validate(content)
    expect(result.passed).toBe(true)
    expect(result.score).toBe(100 - RULES["controller-without-apicontroller"].points)
    const issue = result.issues.find((candidate) => candidate.code === "controller-without-apicontroller")!
    expect(issue.message).toMatch(/^`Controllers\/OrdersController\.cs` line 5: /)
    // the line points into the whole content: the C# fence opens after the TypeScript file
    expect(content.split("\n")[issue.line! - 1]).toBe('[Route("api/orders")]')
  })

  it("one broken file fails the artifact, and the issue names the file and its line", () => {
    const broken = SERVICE.replace("return this.http", "return this.http(")
    const content = `\`\`\`typescript title="src/app/counter.component.ts"\n${COMPONENT}\n\`\`\`\n\n\`\`\`typescript title="src/app/order.service.ts"\n${broken}\n\`\`\``
    const result = code.validate(content)
    expect(result.passed).toBe(false)
    const issue = result.issues.find((candidate) => candidate.code === "parse-error")!
    expect(issue.message).toMatch(/^`src\/app\/order\.service\.ts` line \d+: /)
    expect(issue.line).toBeGreaterThan(COMPONENT.split("\n").length + 3)
  })

  it("with `language`, a file in the other language is the wrong type", () => {
    const content = `\`\`\`typescript title="a.ts"\n${COMPONENT}\n\`\`\`\n\n\`\`\`csharp title="B.cs"\n${RECORD_FILE}\n\`\`\``
    const result = code.validate(content, { params: { language: "typescript" } })
    expect(result.passed).toBe(false)
    expect(result.issues.find((issue) => issue.code === "wrong-type")!.message).toMatch(/^`B\.cs`/)
  })

  it("a file whose extension says one language and whose content is the other is the wrong type", () => {
    const result = code.validate(`\`\`\`ts title="Order.ts"\n${CONTROLLER}\n\`\`\`\n\n\`\`\`ts title="b.ts"\nexport const b = () => 1;\n\`\`\``)
    expect(codes(result)).toContain("wrong-type")
  })

  it("a JSON file is parsed, other files are kept and not judged", () => {
    const content = `\`\`\`typescript title="a.ts"\nexport const a = () => 1;\n\`\`\`\n\n\`\`\`json title="package.json"\n{ "name": "x", }\n\`\`\``
    expect(codes(code.validate(content))).toEqual(["parse-error"])
  })

  it("unnamed blocks are not files: the best one is the answer (usage snippets and shell commands lose)", () => {
    const raw = "Install it:\n```bash\nnpm install @angular/forms\n```\nThen:\n```typescript\n" + COMPONENT + "\n```\nUse it as `<app-counter />`."
    expect(code.extract(raw)).toBe(COMPONENT)
    const wanted = "```typescript\n" + COMPONENT + "\n```\n\n```csharp\n" + CONTROLLER + "\n```"
    expect(code.extract(wanted, { prompt: "a controller", params: { language: "csharp" } })).toBe(CONTROLLER)
    expect(code.extract(wanted, { prompt: "An Angular counter component" })).toBe(COMPONENT)
  })
})

describe("what the code declares (the names a request is matched against)", () => {
  it("lists classes, components, services, interfaces, records, controllers, endpoints, routes and functions, with their files", () => {
    const ts = [
      "import { Routes } from '@angular/router';",
      "export interface Order { id: number }",
      "export function total(): number { return 0; }",
      "export const isOpen = (): boolean => true;",
      "export const routes: Routes = [{ path: 'orders', children: [{ path: ':id' }] }];"
    ].join("\n")
    const content = `\`\`\`typescript title="a.ts"\n${COMPONENT}\n\`\`\`\n\n\`\`\`typescript title="b.ts"\n${ts}\n\`\`\`\n\n\`\`\`csharp title="C.cs"\n${CONTROLLER}\n\`\`\`\n\n\`\`\`csharp title="Program.cs"\nvar app = WebApplication.Create();\napp.MapGet("/health", () => "ok");\napp.Run();\n\`\`\``
    const names = declaredNames(analyseCode(content)).map((declaration) => `${declaration.kind}:${declaration.name}@${declaration.file}`)
    expect(names).toEqual(
      expect.arrayContaining([
        "component:CounterComponent@a.ts",
        "selector:app-counter@a.ts",
        "method:increment@a.ts",
        "property:count@a.ts",
        "interface:Order@b.ts",
        "function:total@b.ts",
        "function:isOpen@b.ts",
        "route:orders@b.ts",
        "route::id@b.ts",
        "controller:OrdersController@C.cs",
        "endpoint:api/orders@C.cs",
        "endpoint:{id:int}@C.cs",
        "method:Get@C.cs",
        "record:OrderDto@C.cs",
        "property:Number@C.cs",
        "interface:IOrderReader@C.cs",
        "method:FindAsync@C.cs",
        "endpoint:/health@Program.cs"
      ])
    )
  })
})

describe("prompts", () => {
  it("name the language: given, inferred from the request, or left to the model", () => {
    expect(code.prompt.user({ prompt: "a list", params: { language: "csharp" } })).toMatch(/Write it in C#/)
    expect(code.prompt.user({ prompt: "An Angular component that lists orders" })).toMatch(/Write it in TypeScript/)
    expect(code.prompt.user({ prompt: "An EF Core DbContext for a library" })).toMatch(/Write it in C#/)
    expect(code.prompt.user({ prompt: "Something for orders" })).toMatch(/TypeScript for Angular code and C# for .NET code/)
  })

  it("the answer form is what the system prompt asks for: one fence in the file's language, several files as they are", () => {
    expect(code.prompt.answer!(CONTROLLER)).toBe("```csharp\n" + CONTROLLER + "\n```")
    expect(code.prompt.answer!(COMPONENT)).toBe("```typescript\n" + COMPONENT + "\n```")
    const many = `\`\`\`typescript title="a.ts"\n${COMPONENT}\n\`\`\`\n\n\`\`\`csharp title="B.cs"\n${RECORD_FILE}\n\`\`\``
    expect(code.prompt.answer!(many)).toBe(many)
    expect(code.extract(code.prompt.answer!(CONTROLLER))).toBe(CONTROLLER)
  })
})
