import { MISSING_NAME, OFF_TOPIC } from "@lfai/core"
import { issueCodeContract } from "@lfai/artifact-kit/testing"
import { code } from "../src/index.ts"
import { RULES } from "../src/internal/rules.ts"

const FENCE = "```"
/** A clean TypeScript utility (score 100); `extra` lines follow it. */
const ts = (...extra: ReadonlyArray<string>) =>
  ["export type Money = { readonly amount: number; readonly currency: string };", "", "export function add(a: Money, b: Money): Money {", "  return { amount: a.amount + b.amount, currency: a.currency };", "}", ...extra].join("\n")
/** A clean standalone Angular component (score 100); `template`, `imports` and `members` replace its parts. */
const component = (over: { template?: string; imports?: string; members?: ReadonlyArray<string>; head?: ReadonlyArray<string>; decorator?: ReadonlyArray<string> } = {}) =>
  [
    "import { Component, signal } from '@angular/core';",
    ...(over.head ?? []),
    "",
    "@Component({",
    ...(over.decorator ?? ["  selector: 'app-counter',", `  imports: [${over.imports ?? ""}],`, `  template: \`${over.template ?? "<button (click)=\"count.set(count() + 1)\">{{ count() }}</button>"}\`,`]),
    "})",
    "export class CounterComponent {",
    ...(over.members ?? ["  readonly count = signal(0);"]),
    "}"
  ].join("\n")
/** A clean C# file (score 100): a namespace and records; `extra` lines follow. */
const cs = (...extra: ReadonlyArray<string>) =>
  ["namespace Clinic.Contracts;", "", "public sealed record AppointmentDto(int Id, string PatientName);", ...extra].join("\n")
/** A clean ASP.NET controller; `attributes`, `base` and `actions` replace its parts. */
const controller = (over: { attributes?: ReadonlyArray<string>; base?: string; actions?: ReadonlyArray<string>; usings?: ReadonlyArray<string> } = {}) =>
  [
    ...(over.usings ?? ["using Microsoft.AspNetCore.Mvc;"]),
    "",
    "namespace Clinic.Api;",
    "",
    ...(over.attributes ?? ["[ApiController]", '[Route("api/appointments")]']),
    `public sealed class AppointmentsController${over.base ?? " : ControllerBase"}`,
    "{",
    ...(over.actions ?? ['    [HttpGet("{id}")]', "    public ActionResult<string> Get(int id) => Ok(\"booked\");"]),
    "}"
  ].join("\n")

issueCodeContract(code, {
  sources: ["validate.ts", "typescript.ts", "csharp.ts"].map((file) => new URL(`../src/internal/${file}`, import.meta.url)),
  shared: [OFF_TOPIC, MISSING_NAME],
  // a finding's code is one of the scoring table's (RuleCode)
  indirect: { "finding.code": Object.keys(RULES) },
  readme: new URL("../README.md", import.meta.url),
  cases: {
    empty: "  \n",
    "too-large": ts(...Array(8000).fill("// a comment line that takes up room in the answer")),
    "unsupported-language": { content: ts(), options: { params: { language: "python" } } },
    "not-code": "Sure! Money is added by adding the amounts when the currencies match.",
    "wrong-type": { content: cs(), options: { params: { language: "typescript" } }, line: 1 },
    "parse-error": { content: ts("export const broken = (a: number => a;"), line: 6 },
    "no-declaration": { content: "export type Money = { readonly amount: number };\nexport interface Price { readonly money: Money }", line: 1 },
    "stub-body": { content: ts("", "export function subtract(a: Money, b: Money): Money {", "  throw new Error('not implemented');", "}"), line: 8 },
    "duplicate-file": { content: [`${FENCE}typescript title="src/money.ts"`, ts(), FENCE, "", `${FENCE}typescript title="src/money.ts"`, ts(), FENCE].join("\n"), line: 10 },
    "file-not-judged": [`${FENCE}typescript title="src/money.ts"`, ts(), FENCE, "", `${FENCE}yaml title="config.yaml"`, "currency: EUR", FENCE].join("\n"),
    "missing-import": { content: component({ members: ["  readonly count = signal(0);", "  readonly double = computed(() => this.count() * 2);"] }), line: 10 },
    "explicit-any": { content: ts("", "export const parse = (text: string): any => JSON.parse(text);"), line: 7 },
    "no-exports": ts().replaceAll("export ", ""),
    "component-without-selector": { content: component({ decorator: ["  imports: [],", "  template: `<p>{{ count() }}</p>`,"] }), line: 3 },
    "component-without-template": { content: component({ decorator: ["  selector: 'app-counter',", "  imports: [],"] }), line: 3 },
    "standalone-without-imports": { content: component({ template: '<p *ngIf="count() > 0">{{ count() }}</p>' }), line: 3 },
    "missing-template-import": { content: component({ imports: "CurrencyPipe", head: ["import { CurrencyPipe } from '@angular/common';"], template: '<p *ngIf="count() > 0">{{ count() | currency }}</p>' }), line: 4 },
    "service-not-injectable": { content: ["import { signal } from '@angular/core';", "", "export class CounterService {", "  readonly count = signal(0);", "}"].join("\n"), line: 3 },
    "legacy-input-output": { content: component({ head: ["import { Input } from '@angular/core';"], members: ["  readonly count = signal(0);", "  @Input() label = '';"] }), line: 11 },
    "removed-signal-api": { content: component({ members: ["  readonly count = signal(0);", "  reset(): void {", "    this.count.mutate(() => 0);", "  }"] }), line: 11 },
    "no-namespace": cs().replace("namespace Clinic.Contracts;\n\n", ""),
    "missing-using": { content: controller({ usings: ["using System;"] }), line: 7 },
    "controller-without-apicontroller": { content: controller({ attributes: ['[Route("api/appointments")]'] }), line: 5 },
    "controller-without-route": { content: controller({ attributes: ["[ApiController]"], actions: ["    [HttpGet]", '    public ActionResult<string> List() => Ok("all");'] }), line: 5 },
    "controller-not-derived": { content: controller({ base: "" }), line: 5 },
    "action-without-http-method": { content: controller({ actions: ['    [HttpGet("{id}")]', '    public ActionResult<string> Get(int id) => Ok("booked");', '    public ActionResult<string> Cancel(int id) => Ok("cancelled");'] }), line: 11 },
    "action-return-type": { content: controller({ actions: ['    [HttpGet("{id}")]', '    public string Get(int id) => "booked";'] }), line: 9 },
    "dto-not-record": { content: cs("", "public sealed class PatientDto", "{", "    public int Id { get; init; }", "    public string? Name { get; init; }", "}"), line: 5 },
    "async-without-suffix": { content: cs("", "public sealed class Scheduler", "{", "    public async Task Book(int id) => await Task.Delay(id);", "}"), line: 7 },
    "non-nullable-uninitialized": { content: cs("", "public sealed class Patient", "{", "    public int Id { get; set; }", "    public string Name { get; set; }", "}"), line: 8 },
    "off-topic": { content: ts(), options: { request: "Code for a clinic: patients, appointments and doctors." } },
    "missing-name": { content: ts(), options: { request: "TypeScript: Money, add and subtract." } }
  }
})
