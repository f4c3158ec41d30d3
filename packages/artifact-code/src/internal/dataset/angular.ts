/**
 * Angular examples (TypeScript): components (lists, details, reactive forms), services (HTTP,
 * signal stores), functional guards, resolvers and interceptors, pipes, directives, lifecycle
 * models, and multi-file features. Each is drawn from one domain's entities, lifecycles, outside
 * systems and checks; knobs vary the shape, not only the names.
 */
import { type Domain, type Rng } from "@lfai/artifact-kit"
import { camel, kebab, label, lifecycleOf, pascal, pickEntity, plural, pluralPhrase, TS_TYPE, view, type EntityView, type Field } from "./model.ts"
import { either, including, lines, listed, reindent, sentence, type Made, type SourceFile } from "./write.ts"

interface Style {
  /** Two or four spaces. */
  readonly unit: string
  readonly quote: "'" | '"'
}

const finish = (style: Style, text: string): string => {
  const quoted = style.quote === '"' ? text.replace(/'/g, '"') : text
  return reindent(quoted, style.unit)
}

const file = (style: Style, path: string, text: string): SourceFile => ({ path, text: finish(style, text) })

const fieldType = (f: Field): string => TS_TYPE[f.type]

const statusType = (entity: string) => `${entity}Status`

/** The model interface (and status union) of an entity. */
const modelLines = (e: EntityView, status: ReadonlyArray<string> | undefined, exported = true): string[] => {
  const out: string[] = []
  const ex = exported ? "export " : ""
  if (status) out.push(`${ex}type ${statusType(e.name)} = ${status.map((s) => `'${s}'`).join(" | ")};`, "")
  out.push(`${ex}interface ${e.name} {`, `  ${e.id.ts}: number;`)
  for (const f of e.fields) out.push(`  ${f.ts}${f.type === "text" ? "?" : ""}: ${fieldType(f)};${f.type === "date" || f.type === "datetime" ? " // ISO 8601" : ""}`)
  if (status) out.push(`  status: ${statusType(e.name)};`)
  out.push("}")
  return out
}

const displayField = (e: EntityView): Field | undefined => e.fields.find((f) => f.type === "string") ?? e.fields[0]

const cell = (e: EntityView, f: Field, item: string): string => {
  if (f.type === "decimal" && /price|amount|total|fee|cost|balance|salary|value/i.test(f.source)) return `{{ ${item}.${f.ts} | currency }}`
  if (f.type === "date" || f.type === "datetime") return `{{ ${item}.${f.ts} | date${f.type === "date" ? "" : ": 'short'"} }}`
  if (f.type === "boolean") return `{{ ${item}.${f.ts} ? 'Yes' : 'No' }}`
  return `{{ ${item}.${f.ts} }}`
}

/** A `@Component` decorator with an inline template; `imports` only when the template needs any. */
const componentDecorator = (selector: string, imports: ReadonlyArray<string>, template: ReadonlyArray<string>, extra: ReadonlyArray<string> = []): string[] => [
  "@Component({",
  `  selector: '${selector}',`,
  ...(imports.length > 0 ? [`  imports: [${imports.join(", ")}],`] : []),
  ...extra,
  "  template: `",
  ...template,
  "  `,",
  "})"
]

const pipesUsed = (template: string): string[] => {
  const out: string[] = []
  if (/\|\s*currency/.test(template)) out.push("CurrencyPipe")
  if (/\|\s*date/.test(template)) out.push("DatePipe")
  return out
}

/** A list component: signals, a service, the built-in control flow; optional filter, selection, empty state. */
const listComponent = (rng: Rng, d: Domain, style: Style): Made => {
  const entity = pickEntity(rng, d, rng.chance(0.4))
  const e = view(rng, entity, 2, 4)
  const lifecycle = lifecycleOf(d, e.name)
  const name = `${e.name}ListComponent`
  const selector = `app-${kebab(e.name)}-list`
  const service = `${e.name}Service`
  const items = camel(e.plural)
  const shown = displayField(e)
  const filter = shown !== undefined && shown.type === "string" && rng.chance(0.45)
  const select = rng.chance(0.5)
  const table = rng.chance(0.5)
  const loadStyle = rng.pick(["subscribe", "toSignal", "effect"] as const)
  const item = camel(e.name)
  const source = filter ? `filtered()` : `${items}()`
  const cells = e.fields.map((f) => cell(e, f, item))
  const row = table
    ? [`      <tr${select ? ` (click)="selected.emit(${item})"` : ""}>`, ...cells.map((c) => `        <td>${c}</td>`), ...(lifecycle ? [`        <td>{{ ${item}.status }}</td>`] : []), "      </tr>"]
    : [`    <li${select ? ` (click)="selected.emit(${item})"` : ""}>${cells.join(" · ")}${lifecycle ? ` <span class="status">{{ ${item}.status }}</span>` : ""}</li>`]
  const body = table
    ? [
        "  <table>",
        "    <thead>",
        `      <tr>${e.fields.map((f) => `<th>${label(f.ts)}</th>`).join("")}${lifecycle ? "<th>Status</th>" : ""}</tr>`,
        "    </thead>",
        "    <tbody>",
        `    @for (${item} of ${source}; track ${item}.${e.id.ts}) {`,
        ...row.map((r) => `  ${r}`),
        "    } @empty {",
        `      <tr><td colspan="${e.fields.length + (lifecycle ? 1 : 0)}">No ${pluralPhrase(e.name)} yet.</td></tr>`,
        "    }",
        "    </tbody>",
        "  </table>"
      ]
    : ["  <ul>", `  @for (${item} of ${source}; track ${item}.${e.id.ts}) {`, ...row, "  } @empty {", `    <li>No ${pluralPhrase(e.name)} found.</li>`, "  }", "  </ul>"]
  const template = [
    ...(filter ? [`  <input type="search" placeholder="Filter by ${shown!.words}" [value]="query()" (input)="query.set($any($event.target).value)" />`] : []),
    ...(loadStyle === "subscribe" ? ["  @if (loading()) {", "    <p>Loading…</p>", "  } @else {", ...body.map((b) => `  ${b}`), "  }"] : body)
  ]
  const coreImports = ["Component", "inject", "signal", ...(filter ? ["computed"] : []), ...(select ? ["output"] : []), ...(loadStyle === "effect" ? ["effect"] : []), ...(loadStyle === "subscribe" ? ["OnInit"] : [])].sort()
  const pipes = pipesUsed(template.join("\n"))
  const klass = [
    `export class ${name}${loadStyle === "subscribe" ? " implements OnInit" : ""} {`,
    `  private readonly ${camel(service)} = inject(${service});`,
    ...(loadStyle === "toSignal"
      ? [`  readonly ${items} = toSignal(this.${camel(service)}.list(), { initialValue: [] as ${e.name}[] });`]
      : [`  readonly ${items} = signal<${e.name}[]>([]);`]),
    ...(loadStyle === "subscribe" ? ["  readonly loading = signal(true);"] : []),
    ...(filter
      ? [
          "  readonly query = signal('');",
          `  readonly filtered = computed(() => {`,
          "    const term = this.query().trim().toLowerCase();",
          `    return this.${items}().filter((${item}) => ${item}.${shown!.ts}.toLowerCase().includes(term));`,
          "  });"
        ]
      : []),
    ...(select ? [`  readonly selected = output<${e.name}>();`] : []),
    ...(loadStyle === "subscribe"
      ? [
          "",
          "  ngOnInit(): void {",
          `    this.${camel(service)}.list().subscribe({`,
          `      next: (${items}) => {`,
          `        this.${items}.set(${items});`,
          "        this.loading.set(false);",
          "      },",
          "      error: () => this.loading.set(false),",
          "    });",
          "  }"
        ]
      : []),
    ...(loadStyle === "effect"
      ? ["", "  constructor() {", "    effect(() => {", `      this.${camel(service)}.list().subscribe((${items}) => this.${items}.set(${items}));`, "    });", "  }"]
      : []),
    "}"
  ]
  const modelPath = `./${kebab(e.name)}.model`
  const text = lines(
    `import { ${coreImports.join(", ")} } from '@angular/core';`,
    loadStyle === "toSignal" && "import { toSignal } from '@angular/core/rxjs-interop';",
    pipes.length > 0 && `import { ${pipes.join(", ")} } from '@angular/common';`,
    `import { ${e.name} } from '${modelPath}';`,
    `import { ${service} } from './${kebab(e.name)}.service';`,
    "",
    ...componentDecorator(selector, pipes, template),
    ...klass
  )
  const fields = listed([...e.fields.map((f) => f.words), ...(lifecycle ? ["status"] : [])])
  const extras = including([filter && `a search box on ${shown!.words}`, select && "a `selected` output for the clicked item", loadStyle === "subscribe" && "a loading indicator", "an empty state"])
  const prompt =
    either(
      rng,
      `Write an Angular standalone component \`${name}\` that lists ${pluralPhrase(e.name)} from the existing data service and shows ${fields}${table ? " in a table" : ""}.`,
      `I need a ${table ? "table" : "list"} of ${pluralPhrase(e.name)} for ${d.title} in Angular. Call the component ${name} (selector ${selector}); it gets its data from the service's list() and ${table ? "has the columns" : "shows"} ${fields}.`,
      `Angular 19, signals and the @for control flow: a \`${name}\` ${table ? "table" : "list"} of ${pluralPhrase(e.name)} (${fields}).`,
      `Create ${name} for our ${d.title.replace(/^an? /, "")}. It loads the ${pluralPhrase(e.name)} through the injected service and renders ${fields}${table ? " as a table" : ""}.`
    ) + extras
  return { shape: `list-component:${loadStyle}:${table ? "table" : "list"}`, files: [file(style, `src/app/${kebab(e.plural)}/${kebab(e.name)}-list.component.ts`, text)], prompt }
}

const VALIDATORS = (f: Field, required: boolean): string[] => {
  const out = required ? ["Validators.required"] : []
  if (/email/i.test(f.source)) out.push("Validators.email")
  if (f.type === "int" || f.type === "decimal" || f.type === "float") out.push("Validators.min(0)")
  if (f.type === "string" && !/email/i.test(f.source) && f.source !== "status") out.push(`Validators.maxLength(${/name|title/.test(f.source) ? 120 : 60})`)
  if (f.type === "text") out.push("Validators.maxLength(2000)")
  return out
}

const initialValue = (f: Field): string => (f.type === "boolean" ? "false" : f.type === "int" || f.type === "decimal" || f.type === "float" ? "0" : "''")

const inputType = (f: Field): string =>
  f.type === "boolean" ? "checkbox" : f.type === "int" || f.type === "decimal" || f.type === "float" ? "number" : f.type === "date" ? "date" : f.type === "datetime" ? "datetime-local" : /email/i.test(f.source) ? "email" : "text"

/** A reactive form: typed FormBuilder, validators per attribute, errors, submit to a service or an output. */
const formComponent = (rng: Rng, d: Domain, style: Style): Made => {
  const entity = pickEntity(rng, d)
  const e = view(rng, entity, 2, 5)
  const name = `${e.name}FormComponent`
  const selector = `app-${kebab(e.name)}-form`
  const service = `${e.name}Service`
  const viaService = rng.chance(0.55)
  const nonNullable = rng.chance(0.6)
  const requiredFields = e.fields.filter((f, i) => f.type !== "boolean" && f.type !== "text" && (i === 0 || rng.chance(0.6)))
  const editing = rng.chance(0.35)
  const builder = nonNullable ? "this.fb.nonNullable.group" : "this.fb.group"
  const controls = e.fields.map((f) => {
    const validators = VALIDATORS(f, requiredFields.includes(f))
    return validators.length === 0 ? `    ${f.ts}: [${initialValue(f)}],` : `    ${f.ts}: [${initialValue(f)}, ${validators.length === 1 ? validators[0] : `[${validators.join(", ")}]`}],`
  })
  const inputs = e.fields.flatMap((f) => {
    const control = `form.controls.${f.ts}`
    const errors = requiredFields.includes(f)
      ? [`    @if (${control}.touched && ${control}.hasError('required')) {`, `      <small class="error">${label(f.words)} is required.</small>`, "    }"]
      : []
    return f.type === "boolean"
      ? ["  <label>", `    <input type="checkbox" formControlName="${f.ts}" /> ${label(f.words)}`, "  </label>"]
      : f.type === "text"
        ? ["  <label>", `    ${label(f.words)}`, `    <textarea formControlName="${f.ts}" rows="4"></textarea>`, "  </label>"]
        : ["  <label>", `    ${label(f.words)}`, `    <input type="${inputType(f)}" formControlName="${f.ts}" />`, ...errors, "  </label>"]
  })
  const payload = `${camel(e.name)}`
  const submitBody = viaService
    ? [
        "    if (this.form.invalid) {",
        "      this.form.markAllAsTouched();",
        "      return;",
        "    }",
        "    this.saving.set(true);",
        `    this.${camel(service)}.create(this.form.getRawValue()).subscribe({`,
        `      next: (${payload}) => {`,
        "        this.saving.set(false);",
        `        this.saved.emit(${payload});`,
        "        this.form.reset();",
        "      },",
        "      error: () => this.saving.set(false),",
        "    });"
      ]
    : ["    if (this.form.valid) {", "      this.submitted.emit(this.form.getRawValue());", "    } else {", "      this.form.markAllAsTouched();", "    }"]
  const coreImports = ["Component", "inject", "output", ...(viaService ? ["signal"] : []), ...(editing ? ["effect", "input"] : [])].sort()
  const text = lines(
    `import { ${coreImports.join(", ")} } from '@angular/core';`,
    `import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';`,
    viaService ? `import { ${e.name} } from './${kebab(e.name)}.model';` : false,
    viaService ? `import { ${service} } from './${kebab(e.name)}.service';` : false,
    "",
    ...componentDecorator(selector, ["ReactiveFormsModule"], [
      `  <form [formGroup]="form" (ngSubmit)="submit()">`,
      ...inputs,
      `    <button type="submit" [disabled]="${viaService ? "saving() || " : ""}form.invalid">${editing ? "Save changes" : "Save"}</button>`,
      "  </form>"
    ]),
    `export class ${name} {`,
    "  private readonly fb = inject(FormBuilder);",
    viaService && `  private readonly ${camel(service)} = inject(${service});`,
    editing && `  readonly initial = input<Partial<${viaService ? e.name : `${e.name}FormValue`}>>({});`,
    viaService ? `  readonly saved = output<${e.name}>();` : `  readonly submitted = output<${e.name}FormValue>();`,
    viaService && "  readonly saving = signal(false);",
    "",
    `  readonly form = ${builder}({`,
    ...controls,
    "  });",
    ...(editing ? ["", "  constructor() {", "    effect(() => this.form.patchValue(this.initial()));", "  }"] : []),
    "",
    "  submit(): void {",
    ...submitBody,
    "  }",
    "}",
    ...(viaService
      ? []
      : ["", `export interface ${e.name}FormValue {`, ...e.fields.map((f) => `  ${f.ts}: ${fieldType(f)};`), "}"])
  )
  const fields = listed(e.fields.map((f) => f.words))
  const required = listed(requiredFields.map((f) => f.words))
  const prompt = either(
    rng,
    `Build an Angular reactive form component \`${name}\` to ${editing ? "edit" : "create"} a ${label(e.name).toLowerCase()} with ${fields}.${editing ? " It is prefilled from an `initial` input." : ""}${required ? ` ${sentence(required)} ${requiredFields.length > 1 ? "are" : "is"} required.` : ""}${viaService ? " It saves through the data service's create() and then emits `saved`." : " Emit the value through a `submitted` output."}`,
    `Reactive form in Angular for ${d.title} with the fields ${fields}. It shows validation messages and ${viaService ? "saves through the data service and then emits `saved`" : "emits the value through a `submitted` output"}. Component name ${name}, selector ${selector}.${editing ? " It edits an existing one passed through an `initial` input." : ""}`,
    `Can you write a standalone Angular form (FormBuilder${nonNullable ? ", nonNullable" : ""}, Validators) for ${pluralPhrase(e.name)}? It needs ${fields}${editing ? " and an `initial` input to prefill it" : ""}. It ${viaService ? "saves through the data service and then emits `saved`" : "emits the value through a `submitted` output"}. Call it ${name}.`
  )
  return { shape: `form:${viaService ? "service" : "output"}:${editing ? "edit" : "create"}`, files: [file(style, `src/app/${kebab(e.plural)}/${kebab(e.name)}-form.component.ts`, text)], prompt }
}

/** An HTTP data service: a chosen set of CRUD calls, lifecycle actions, search, errors, caching. */
const dataService = (rng: Rng, d: Domain, style: Style, e: EntityView, withModel: boolean): { text: string; methods: string[]; name: string; extras: Array<string | false> } => {
  const lifecycle = lifecycleOf(d, e.name)
  const name = `${e.name}Service`
  const ctorInjection = rng.chance(0.3)
  const verbs = rng.pick([
    { list: "list", get: "get", create: "create", update: "update", remove: "remove" },
    { list: "getAll", get: "getById", create: "create", update: "update", remove: "delete" },
    { list: "findAll", get: "findOne", create: "add", update: "save", remove: "remove" }
  ])
  const wantUpdate = rng.chance(0.6)
  const wantRemove = rng.chance(0.6)
  const search = e.fields.find((f) => f.type === "string") !== undefined && rng.chance(0.35)
  const paging = !search && rng.chance(0.35)
  const errors = rng.chance(0.3)
  const actions = lifecycle ? rng.sample(lifecycle.transitions, rng.int(0, 2)) : []
  const url = rng.pick(["'/api/", "`${environment.apiUrl}/"])
  const usesEnv = url.startsWith("`")
  const base = `${url}${kebab(e.plural)}${usesEnv ? "`" : "'"}`
  const item = camel(e.name)
  const http = "this.http"
  const pipeError = errors ? [`      .pipe(catchError((error) => this.fail('${e.plural.toLowerCase()}', error)))`] : []
  const methods: string[] = [verbs.list, verbs.get, verbs.create]
  const body: string[] = []
  if (search) {
    body.push(
      `  ${verbs.list}(term = ''): Observable<${e.name}[]> {`,
      "    const params = new HttpParams().set('q', term);",
      `    return ${http}.get<${e.name}[]>(this.baseUrl, { params })${errors ? "" : ";"}`,
      ...(errors ? pipeError.map((p) => `${p};`) : []),
      "  }"
    )
  } else if (paging) {
    body.push(
      `  ${verbs.list}(page = 1, pageSize = ${rng.pick([10, 20, 25, 50])}): Observable<${e.name}[]> {`,
      "    const params = new HttpParams().set('page', page).set('pageSize', pageSize);",
      `    return ${http}.get<${e.name}[]>(this.baseUrl, { params })${errors ? "" : ";"}`,
      ...(errors ? pipeError.map((p) => `${p};`) : []),
      "  }"
    )
  } else {
    body.push(`  ${verbs.list}(): Observable<${e.name}[]> {`, `    return ${http}.get<${e.name}[]>(this.baseUrl)${errors ? "" : ";"}`, ...(errors ? pipeError.map((p) => `${p};`) : []), "  }")
  }
  body.push("", `  ${verbs.get}(${e.id.ts}: number): Observable<${e.name}> {`, `    return ${http}.get<${e.name}>(\`\${this.baseUrl}/\${${e.id.ts}}\`);`, "  }")
  body.push("", `  ${verbs.create}(${item}: Omit<${e.name}, '${e.id.ts}'${lifecycle ? " | 'status'" : ""}>): Observable<${e.name}> {`, `    return ${http}.post<${e.name}>(this.baseUrl, ${item});`, "  }")
  if (wantUpdate) {
    methods.push(verbs.update)
    body.push("", `  ${verbs.update}(${item}: ${e.name}): Observable<${e.name}> {`, `    return ${http}.put<${e.name}>(\`\${this.baseUrl}/\${${item}.${e.id.ts}}\`, ${item});`, "  }")
  }
  if (wantRemove) {
    methods.push(verbs.remove)
    body.push("", `  ${verbs.remove}(${e.id.ts}: number): Observable<void> {`, `    return ${http}.delete<void>(\`\${this.baseUrl}/\${${e.id.ts}}\`);`, "  }")
  }
  for (const action of actions) {
    const method = camel(action.event)
    if (methods.includes(method)) continue
    methods.push(method)
    body.push(
      "",
      `  /** ${label(action.from)} → ${label(action.to)}. */`,
      `  ${method}(${e.id.ts}: number): Observable<${e.name}> {`,
      `    return ${http}.post<${e.name}>(\`\${this.baseUrl}/\${${e.id.ts}}/${kebab(action.event)}\`, {});`,
      "  }"
    )
  }
  if (errors) {
    body.push(
      "",
      "  private fail(what: string, error: HttpErrorResponse): Observable<never> {",
      "    const message = error.status === 0 ? 'The server cannot be reached.' : `Loading ${what} failed (${error.status}).`;",
      "    return throwError(() => new Error(message));",
      "  }"
    )
  }
  const rxjs = ["Observable", ...(errors ? ["catchError", "throwError"] : [])].sort()
  const httpImports = ["HttpClient", ...(errors ? ["HttpErrorResponse"] : []), ...(search || paging ? ["HttpParams"] : [])].sort()
  const text = lines(
    `import { ${httpImports.join(", ")} } from '@angular/common/http';`,
    `import { Injectable${ctorInjection ? "" : ", inject"} } from '@angular/core';`,
    `import { ${rxjs.join(", ")} } from 'rxjs';`,
    usesEnv && "import { environment } from '../../environments/environment';",
    !withModel && `import { ${e.name} } from './${kebab(e.name)}.model';`,
    ...(withModel ? ["", ...modelLines(e, lifecycle?.states)] : []),
    "",
    "@Injectable({ providedIn: 'root' })",
    `export class ${name} {`,
    ctorInjection ? false : "  private readonly http = inject(HttpClient);",
    `  private readonly baseUrl = ${base};`,
    ...(ctorInjection ? ["", "  constructor(private readonly http: HttpClient) {}"] : []),
    "",
    ...body,
    "}"
  )
  const extras = [paging && "page and pageSize query parameters on the list", search && "a search term sent as the q query parameter", errors && "readable errors when loading fails", ctorInjection && "constructor injection of HttpClient", usesEnv && "the base URL from the environment"]
  return { text: finish(style, text), methods, name, extras }
}

const serviceExample = (rng: Rng, d: Domain, style: Style): Made => {
  const e = view(rng, pickEntity(rng, d, rng.chance(0.4)), 2, 5)
  const withModel = rng.chance(0.5)
  const service = dataService(rng, d, style, e, withModel)
  const endpoint = `/api/${kebab(e.plural)}`
  const methods = service.methods.map((m) => `\`${m}\``)
  const prompt =
    either(
    rng,
    `Angular service \`${service.name}\` for the ${endpoint} endpoint with ${listed(methods)}. Every method returns an Observable.${withModel ? ` Add the \`${e.name}\` interface (${listed(e.fields.map((f) => f.words))}).` : ""}`,
    `Write an injectable ${service.name} (providedIn root) that wraps HttpClient calls for ${pluralPhrase(e.name)} in ${d.title}: ${listed(methods)}.`,
    `I want a typed Angular HTTP service for ${pluralPhrase(e.name)}. Methods: ${service.methods.join(", ")}.${withModel ? ` Define the ${e.name} model in the same file.` : ` The ${e.name} interface lives in ./${kebab(e.name)}.model.`}`
  ) + including(service.extras, "It should have")
  return { shape: `http-service:${service.methods.length}:${withModel ? "model" : "import"}`, files: [{ path: `src/app/${kebab(e.plural)}/${kebab(e.name)}.service.ts`, text: service.text }], prompt }
}

/** A signal store: state, computed selectors, lifecycle transitions as methods. */
const signalStore = (rng: Rng, d: Domain, style: Style): Made => {
  const lifecycle = d.lifecycles.length > 0 ? rng.pick(d.lifecycles) : undefined
  const entity = lifecycle ? d.entities.find((candidate) => candidate.name === lifecycle.entity)! : pickEntity(rng, d)
  const e = view(rng, entity, 1, 3)
  const name = `${e.name}Store`
  const items = camel(e.plural)
  const item = camel(e.name)
  const events = lifecycle ? rng.sample(lifecycle.transitions, rng.int(1, Math.min(3, lifecycle.transitions.length))) : []
  const byStatus = lifecycle !== undefined && rng.chance(0.6)
  const selectedId = rng.chance(0.5)
  const text = lines(
    "import { Injectable, computed, signal } from '@angular/core';",
    "",
    ...modelLines(e, lifecycle?.states),
    "",
    `interface ${e.name}State {`,
    `  ${items}: ${e.name}[];`,
    selectedId && `  selectedId: number | null;`,
    "  error: string | null;",
    "}",
    "",
    "@Injectable({ providedIn: 'root' })",
    `export class ${name} {`,
    `  private readonly state = signal<${e.name}State>({ ${items}: []${selectedId ? ", selectedId: null" : ""}, error: null });`,
    "",
    `  readonly ${items} = computed(() => this.state().${items});`,
    `  readonly count = computed(() => this.state().${items}.length);`,
    "  readonly error = computed(() => this.state().error);",
    selectedId && `  readonly selected = computed(() => this.state().${items}.find((${item}) => ${item}.${e.id.ts} === this.state().selectedId) ?? null);`,
    byStatus && `  readonly by${statusType(e.name)} = computed(() => {`,
    byStatus && `    const groups = new Map<${statusType(e.name)}, ${e.name}[]>();`,
    byStatus && `    for (const ${item} of this.state().${items}) groups.set(${item}.status, [...(groups.get(${item}.status) ?? []), ${item}]);`,
    byStatus && "    return groups;",
    byStatus && "  });",
    "",
    `  set${e.plural}(${items}: ${e.name}[]): void {`,
    `    this.state.update((state) => ({ ...state, ${items}, error: null }));`,
    "  }",
    "",
    `  add(${item}: ${e.name}): void {`,
    `    this.state.update((state) => ({ ...state, ${items}: [...state.${items}, ${item}] }));`,
    "  }",
    ...(selectedId ? ["", `  select(${e.id.ts}: number | null): void {`, `    this.state.update((state) => ({ ...state, selectedId: ${e.id.ts} }));`, "  }"] : []),
    ...events.flatMap((t) => [
      "",
      `  ${camel(t.event)}(${e.id.ts}: number): void {`,
      `    const ${item} = this.state().${items}.find((candidate) => candidate.${e.id.ts} === ${e.id.ts});`,
      `    if (!${item} || ${item}.status !== '${t.from}') {`,
      `      this.state.update((state) => ({ ...state, error: \`Cannot ${phraseOf(t.event)} ${label(e.name).toLowerCase()} \${${e.id.ts}}\` }));`,
      "      return;",
      "    }",
      `    this.replace({ ...${item}, status: '${t.to}' });`,
      "  }"
    ]),
    ...(events.length > 0
      ? ["", `  private replace(next: ${e.name}): void {`, `    this.state.update((state) => ({`, "      ...state,", `      ${items}: state.${items}.map((${item}) => (${item}.${e.id.ts} === next.${e.id.ts} ? next : ${item})),`, "      error: null,", "    }));", "  }"]
      : []),
    "}"
  )
  const prompt =
    either(
    rng,
    `A signal-based store in Angular for ${pluralPhrase(e.name)}, named ${name}. It keeps the state in one signal, and computes the count and the error.${events.length > 0 ? ` Its ${events.length === 1 ? "method" : "methods"} ${listed(events.map((t) => `\`${camel(t.event)}\``))} move${events.length === 1 ? "s" : ""} a ${label(e.name).toLowerCase()} through its lifecycle.` : ""}`,
    `Write \`${name}\`, an injectable Angular store using signal() and computed() for ${d.title}. It keeps ${pluralPhrase(e.name)}${events.length > 0 ? ` and supports ${listed(events.map((t) => `\`${camel(t.event)}\` (${t.from} → ${t.to})`))}` : ""}.`,
    `No NgRx please — just an Angular service ${name} with signals holding the ${e.name} list and an error message${events.length > 0 ? `, with the ${listed(events.map((t) => camel(t.event)))} transition${events.length === 1 ? "" : "s"}` : ""}.`
  ) + including([selectedId && "a selected item", byStatus && "a grouping by status"], "Also expose")
  return { shape: `signal-store:${events.length}:${byStatus}:${selectedId}`, files: [file(style, `src/app/${kebab(e.plural)}/${kebab(e.name)}.store.ts`, text)], prompt }
}

const phraseOf = (event: string): string => event.replace(/_/g, " ")

/** A functional guard: a domain check through a service, a redirect when it fails. */
const guard = (rng: Rng, d: Domain, style: Style): Made => {
  const check = rng.pick(d.checks)
  const subject = pascal(check)
  const guardName = `${camel(check)}Guard`
  const named = d.entities.find((entity) => check.toLowerCase().includes(entity.name.toLowerCase()))
  const serviceName = `${named?.name ?? pascal(d.id)}AccessService`
  const method = `is${subject.replace(/^(?:Is|Has)/, "")}`
  const asObservable = rng.chance(0.5)
  const canMatch = rng.chance(0.25)
  const redirect = rng.pick(["/forbidden", "/login", `/${kebab(d.entities[0].name)}s`, "/"])
  const type = canMatch ? "CanMatchFn" : "CanActivateFn"
  const params = canMatch ? "(route, segments)" : "(route, state)"
  const useParam = !canMatch && rng.chance(0.5)
  const text = lines(
    "import { inject } from '@angular/core';",
    `import { ${type}, Router } from '@angular/router';`,
    asObservable && "import { map } from 'rxjs';",
    `import { ${serviceName} } from './${kebab(serviceName.replace(/Service$/, ""))}.service';`,
    "",
    `/** Lets the navigation through only when "${check}" is answered yes; otherwise redirects to ${redirect}. */`,
    `export const ${guardName}: ${type} = ${useParam || canMatch ? params : "()"} => {`,
    `  const access = inject(${serviceName});`,
    "  const router = inject(Router);",
    useParam && "  const id = Number(route.paramMap.get('id'));",
    canMatch && "  const path = segments.map((segment) => segment.path).join('/');",
    asObservable
      ? `  return access.${method}(${useParam ? "id" : canMatch ? "path" : ""}).pipe(map((allowed) => allowed || router.createUrlTree(['${redirect}'])));`
      : `  return access.${method}(${useParam ? "id" : canMatch ? "path" : ""}) ? true : router.createUrlTree(['${redirect}']${useParam || canMatch ? ", { queryParams: { returnUrl: " + (canMatch ? "path" : "state.url") + " } }" : ""});`,
    "};"
  )
  const prompt = either(
    rng,
    `Angular functional route guard \`${guardName}\` (${type}) for ${d.title}: ask the access service whether "${check}" and redirect to ${redirect} when not.`,
    `Write a ${canMatch ? "CanMatchFn" : "CanActivateFn"} named ${guardName} using inject(). It should check "${check.replace(/\?$/, "")}" via the access service and send the user to ${redirect} otherwise.`,
    `Route guard please: ${guardName}. Only allow the route if ${check.replace(/\?$/, "").toLowerCase()} (the access service answers${asObservable ? " with an Observable<boolean>" : " synchronously"}); else a UrlTree to ${redirect}.`
  )
  return { shape: `guard:${type}:${asObservable}:${useParam}`, files: [file(style, `src/app/guards/${kebab(guardName)}.ts`, text)], prompt }
}

/** A pipe: status labels from a lifecycle, or a formatting pipe for one attribute. */
const pipe = (rng: Rng, d: Domain, style: Style): Made => {
  const lifecycle = d.lifecycles.length > 0 && rng.chance(0.7) ? rng.pick(d.lifecycles) : undefined
  if (lifecycle) {
    const name = `${lifecycle.entity}StatusLabelPipe`
    const pipeName = `${camel(lifecycle.entity)}StatusLabel`
    const withClass = rng.chance(0.4)
    const text = lines(
      "import { Pipe, PipeTransform } from '@angular/core';",
      "",
      `export type ${statusType(lifecycle.entity)} = ${lifecycle.states.map((s) => `'${s}'`).join(" | ")};`,
      "",
      `const LABELS: Record<${statusType(lifecycle.entity)}, string> = {`,
      ...lifecycle.states.map((s) => `  ${s}: '${label(s)}',`),
      "};",
      "",
      `@Pipe({ name: '${pipeName}'${rng.chance(0.3) ? ", pure: true" : ""} })`,
      `export class ${name} implements PipeTransform {`,
      `  transform(status: ${statusType(lifecycle.entity)} | null | undefined${withClass ? ", format: 'label' | 'css' = 'label'" : ""}): string {`,
      "    if (!status) {",
      "      return '';",
      "    }",
      withClass && `    if (format === 'css') {`,
      withClass && `      return ${lifecycle.finals.map((s) => `status === '${s}'`).join(" || ")} ? 'status-final' : 'status-open';`,
      withClass && "    }",
      "    return LABELS[status];",
      "  }",
      "}"
    )
    const prompt = either(
      rng,
      `Angular pipe \`${pipeName}\` (class ${name}) that turns a ${label(lifecycle.entity).toLowerCase()} status (${listed(lifecycle.states)}) into a readable label${withClass ? ", or a CSS class when called with 'css'" : ""}.`,
      `Write ${name} for ${d.title}: a standalone pipe named ${pipeName} mapping each ${statusType(lifecycle.entity)} value to text.`
    )
    return { shape: `pipe:status:${withClass}`, files: [file(style, `src/app/shared/${kebab(pipeName)}.pipe.ts`, text)], prompt }
  }
  const entity = d.entities.find((candidate) => candidate.attributes.some((a) => a.type === "decimal" || a.type === "float" || a.type === "int")) ?? rng.pick(d.entities)
  const numeric = entity.attributes.slice(1).find((a) => a.type === "decimal" || a.type === "float" || a.type === "int") ?? entity.attributes[0]
  const unit = /kg/.test(numeric.name) ? "kg" : /percent|rate/.test(numeric.name) ? "%" : /amount|price|total|fee|balance|cost/.test(numeric.name) ? "€" : numeric.name.split("_").pop()!
  const pipeName = camel(`${numeric.name}_format`)
  const name = `${pascal(numeric.name)}FormatPipe`
  const digits = numeric.type === "int" ? 0 : rng.pick([1, 2])
  const text = lines(
    "import { Pipe, PipeTransform } from '@angular/core';",
    "",
    `/** Formats ${label(entity.name).toLowerCase()} ${phraseOf(numeric.name)} values, e.g. \`{{ value | ${pipeName} }}\`. */`,
    `@Pipe({ name: '${pipeName}' })`,
    `export class ${name} implements PipeTransform {`,
    `  private readonly format = new Intl.NumberFormat('${rng.pick(["en-GB", "en-US", "de-DE", "fr-FR"])}', { minimumFractionDigits: ${digits}, maximumFractionDigits: ${digits} });`,
    "",
    "  transform(value: number | null | undefined, fallback = '—'): string {",
    "    if (value === null || value === undefined || Number.isNaN(value)) {",
    "      return fallback;",
    "    }",
    `    return \`\${this.format.format(value)} ${unit}\`;`,
    "  }",
    "}"
  )
  const prompt = either(
    rng,
    `I need an Angular pipe ${name} ('${pipeName}') that formats the ${phraseOf(numeric.name)} of a ${label(entity.name).toLowerCase()} to ${digits} decimals, in ${unit}. It shows a fallback for empty values.`,
    `Pipe for ${d.title}, named \`${pipeName}\` (class ${name}). It adds the ${unit} suffix and formats to ${digits} fraction digits through Intl.NumberFormat.`
  )
  return { shape: "pipe:format", files: [file(style, `src/app/shared/${kebab(pipeName)}.pipe.ts`, text)], prompt }
}

/** An HTTP interceptor for an outside system: an API key, retries, or error mapping. */
const interceptor = (rng: Rng, d: Domain, style: Style): Made => {
  const system = rng.pick(d.systems)
  const name = `${camel(system)}Interceptor`
  const kind = rng.pick(["key", "retry", "errors"] as const)
  const prefix = `/${kebab(pascal(system))}/`
  const text =
    kind === "key"
      ? lines(
          "import { HttpInterceptorFn } from '@angular/common/http';",
          "import { inject } from '@angular/core';",
          "import { API_KEYS } from '../config/api-keys';",
          "",
          `/** Adds the ${system} API key to requests sent to ${prefix}. */`,
          `export const ${name}: HttpInterceptorFn = (req, next) => {`,
          `  if (!req.url.includes('${prefix}')) {`,
          "    return next(req);",
          "  }",
          "  const keys = inject(API_KEYS);",
          `  return next(req.clone({ setHeaders: { '${rng.pick(["X-Api-Key", "Authorization"])}': keys.${camel(system)} } }));`,
          "};"
        )
      : kind === "retry"
        ? lines(
            "import { HttpInterceptorFn } from '@angular/common/http';",
            "import { retry, timer } from 'rxjs';",
            "",
            `const ATTEMPTS = ${rng.int(2, 4)};`,
            "",
            `/** Retries failed GET requests to ${system} with a growing delay. */`,
            `export const ${name}: HttpInterceptorFn = (req, next) => {`,
            `  if (req.method !== 'GET' || !req.url.includes('${prefix}')) {`,
            "    return next(req);",
            "  }",
            "  return next(req).pipe(retry({ count: ATTEMPTS, delay: (_error, attempt) => timer(attempt * " + rng.pick([250, 500, 1000]) + ") }));",
            "};"
          )
        : lines(
            "import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';",
            "import { inject } from '@angular/core';",
            "import { catchError, throwError } from 'rxjs';",
            "import { NotificationService } from '../shared/notification.service';",
            "",
            `export const ${name}: HttpInterceptorFn = (req, next) => {`,
            "  const notifications = inject(NotificationService);",
            "  return next(req).pipe(",
            "    catchError((error: HttpErrorResponse) => {",
            `      if (req.url.includes('${prefix}')) {`,
            `        notifications.error(error.status === 503 ? '${system} is unavailable, try again later.' : \`${system} failed (\${error.status}).\`);`,
            "      }",
            "      return throwError(() => error);",
            "    }),",
            "  );",
            "};"
          )
  const what = kind === "key" ? "adds the API key header" : kind === "retry" ? "retries failed GET calls after a delay" : "shows a notification when calls fail"
  const prompt = either(
    rng,
    `Functional HttpInterceptorFn \`${name}\` that ${what} for requests to the ${system} (${prefix}).`,
    `Our Angular app for ${d.title} calls the ${system}. Write ${name} (HttpInterceptorFn) that ${what}.`
  )
  return { shape: `interceptor:${kind}`, files: [file(style, `src/app/core/${kebab(name)}.ts`, text)], prompt }
}

/** A resolver: loads an entity by route id, redirects when it is missing. */
const resolver = (rng: Rng, d: Domain, style: Style): Made => {
  const e = view(rng, pickEntity(rng, d), 1, 2)
  const name = `${camel(e.name)}Resolver`
  const service = `${e.name}Service`
  const param = rng.pick(["id", `${camel(e.name)}Id`])
  const text = lines(
    "import { inject } from '@angular/core';",
    "import { ResolveFn, Router } from '@angular/router';",
    "import { EMPTY, catchError } from 'rxjs';",
    `import { ${e.name} } from './${kebab(e.name)}.model';`,
    `import { ${service} } from './${kebab(e.name)}.service';`,
    "",
    `export const ${name}: ResolveFn<${e.name}> = (route) => {`,
    `  const ${camel(service)} = inject(${service});`,
    "  const router = inject(Router);",
    `  const id = Number(route.paramMap.get('${param}'));`,
    `  return ${camel(service)}.get(id).pipe(`,
    "    catchError(() => {",
    `      router.navigate(['/${kebab(e.plural)}']);`,
    "      return EMPTY;",
    "    }),",
    "  );",
    "};"
  )
  const prompt = either(
    rng,
    `Angular ResolveFn \`${name}\` that loads the ${label(e.name).toLowerCase()} from the route parameter ${param} through the data service's get(), and goes back to /${kebab(e.plural)} if it fails.`,
    `Write a resolver ${name} for ${d.title}. It reads ${param} from the route, fetches the ${e.name} and navigates to the list on error.`
  )
  return { shape: "resolver", files: [file(style, `src/app/${kebab(e.plural)}/${kebab(e.name)}.resolver.ts`, text)], prompt }
}

/** A lifecycle as code: a status union, a transition table, and functions to move and query. */
const lifecycleModel = (rng: Rng, d: Domain, style: Style): Made => {
  const lifecycle = d.lifecycles.length > 0 ? rng.pick(d.lifecycles) : undefined
  if (lifecycle === undefined) return detailComponent(rng, d, style)
  const status = statusType(lifecycle.entity)
  const event = `${lifecycle.entity}Event`
  const events = [...new Set(lifecycle.transitions.map((t) => t.event))]
  const nextName = rng.pick(["next", "transition", "apply"]) + lifecycle.entity + "Status"
  const asEnum = rng.chance(0.3)
  const allowed = rng.chance(0.6)
  const throwing = rng.chance(0.5)
  const text = lines(
    asEnum ? `export enum ${status} {` : `export type ${status} = ${lifecycle.states.map((s) => `'${s}'`).join(" | ")};`,
    ...(asEnum ? [...lifecycle.states.map((s) => `  ${s} = '${s}',`), "}"] : []),
    "",
    `export type ${event} = ${events.map((e) => `'${e}'`).join(" | ")};`,
    "",
    `const TRANSITIONS: Record<${status}, Partial<Record<${event}, ${status}>>> = {`,
    ...lifecycle.states.map((s) => {
      const moves = lifecycle.transitions.filter((t) => t.from === s)
      return `  ${asEnum ? `[${status}.${s}]` : s}: {${moves.length === 0 ? "" : ` ${moves.map((t) => `${t.event}: ${asEnum ? `${status}.${t.to}` : `'${t.to}'`}`).join(", ")} `}},`
    }),
    "};",
    "",
    `export const FINAL_${lifecycle.entity.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}_STATUSES: ReadonlySet<${status}> = new Set([${lifecycle.finals.map((s) => (asEnum ? `${status}.${s}` : `'${s}'`)).join(", ")}]);`,
    "",
    throwing
      ? `/** The status after \`event\`; throws when the event is not allowed in \`status\`. */`
      : `/** The status after \`event\`, or \`undefined\` when the event is not allowed in \`status\`. */`,
    `export function ${nextName}(status: ${status}, event: ${event}): ${status}${throwing ? "" : " | undefined"} {`,
    "  const next = TRANSITIONS[status][event];",
    ...(throwing ? ["  if (next === undefined) {", `    throw new Error(\`${lifecycle.entity}: "\${event}" is not allowed when \${status}\`);`, "  }"] : []),
    "  return next;",
    "}",
    ...(allowed
      ? ["", `export function allowed${lifecycle.entity}Events(status: ${status}): ${event}[] {`, `  return Object.keys(TRANSITIONS[status]) as ${event}[];`, "}"]
      : [])
  )
  const prompt = either(
    rng,
    `TypeScript model of the ${label(lifecycle.entity).toLowerCase()} lifecycle in ${d.title}. Write the \`${status}\` ${asEnum ? "enum" : "union"} (${listed(lifecycle.states)}), the events ${listed(events)}. Add a transition table and the function \`${nextName}\`${allowed ? ` plus \`allowed${lifecycle.entity}Events\`` : ""}.`,
    `Write the state machine for ${pluralPhrase(lifecycle.entity)} as plain TypeScript, with \`${nextName}\`, which takes the status and an event and ${throwing ? "throws" : "returns undefined"} on an invalid move. States: ${lifecycle.states.join(", ")}.`,
    `Give me typed transitions for ${lifecycle.entity}, with ${nextName}${allowed ? " and a helper listing the allowed events" : ""}. It has ${events.length} events, and the final states are ${listed(lifecycle.finals)}.`
  )
  return { shape: `lifecycle:${asEnum}:${throwing}:${allowed}`, files: [file(style, `src/app/${kebab(plural(lifecycle.entity))}/${kebab(lifecycle.entity)}-status.ts`, text)], prompt }
}

/** A detail card: a required input, outputs, computed values, pipes in the template. */
const detailComponent = (rng: Rng, d: Domain, style: Style): Made => {
  const e = view(rng, pickEntity(rng, d, rng.chance(0.3)), 2, 5)
  const lifecycle = lifecycleOf(d, e.name)
  const name = `${e.name}CardComponent`
  const selector = `app-${kebab(e.name)}-card`
  const item = camel(e.name)
  const actions = lifecycle ? rng.sample(lifecycle.transitions, rng.int(0, 2)) : []
  const onPush = rng.chance(0.5)
  const heading = displayField(e)
  const template = [
    `  <article class="${kebab(e.name)}-card">`,
    heading ? `    <h3>{{ ${item}().${heading.ts} }}</h3>` : `    <h3>${label(e.name)} #{{ ${item}().${e.id.ts} }}</h3>`,
    "    <dl>",
    ...e.fields.filter((f) => f !== heading).flatMap((f) => [`      <dt>${label(f.words)}</dt>`, `      <dd>${cell(e, f, `${item}()`)}</dd>`]),
    "    </dl>",
    ...(lifecycle ? [`    <p class="status">{{ ${item}().status }}</p>`] : []),
    ...actions.flatMap((t) => [`    @if (${item}().status === '${t.from}') {`, `      <button type="button" (click)="${camel(t.event)}.emit(${item}().${e.id.ts})">${label(t.event)}</button>`, "    }"]),
    "  </article>"
  ]
  const pipes = pipesUsed(template.join("\n"))
  const coreImports = ["Component", "input", ...(onPush ? ["ChangeDetectionStrategy"] : []), ...(actions.length > 0 ? ["output"] : [])].sort()
  const text = lines(
    `import { ${coreImports.join(", ")} } from '@angular/core';`,
    pipes.length > 0 && `import { ${pipes.join(", ")} } from '@angular/common';`,
    `import { ${e.name} } from './${kebab(e.name)}.model';`,
    "",
    ...componentDecorator(selector, pipes, template, onPush ? ["  changeDetection: ChangeDetectionStrategy.OnPush,"] : []),
    `export class ${name} {`,
    `  readonly ${item} = input.required<${e.name}>();`,
    ...actions.map((t) => `  readonly ${camel(t.event)} = output<number>();`),
    "}"
  )
  const fields = listed(e.fields.map((f) => f.words))
  const prompt = either(
    rng,
    `Angular component \`${name}\` (selector ${selector}) that displays one ${label(e.name).toLowerCase()} passed as a required signal input: ${fields}.${actions.length > 0 ? ` Its buttons emit ${listed(actions.map((t) => `\`${camel(t.event)}\``))}.` : ""}`,
    `Presentational card ${name} for a ${e.name} in ${d.title}. It takes the ${label(e.name).toLowerCase()} through input.required and shows ${fields}${onPush ? " (OnPush)" : ""}.${actions.length > 0 ? ` Its buttons emit ${listed(actions.map((t) => camel(t.event)))}.` : ""}`
  ) + including([lifecycle && "the status", onPush && "OnPush change detection"])
  return { shape: `detail:${actions.length}:${onPush}:${pipes.length}`, files: [file(style, `src/app/${kebab(e.plural)}/${kebab(e.name)}-card.component.ts`, text)], prompt }
}

/** An attribute directive that marks an element from one field's value. */
const directive = (rng: Rng, d: Domain, style: Style): Made => {
  const lifecycle = d.lifecycles.length > 0 ? rng.pick(d.lifecycles) : undefined
  if (lifecycle === undefined) return pipe(rng, d, style)
  const name = `${lifecycle.entity}StatusDirective`
  const selector = `app${lifecycle.entity}Status`
  const status = statusType(lifecycle.entity)
  const warn = lifecycle.states.filter((s) => /cancel|fail|reject|overdue|block|fault|den|lapse|default|miss|expire|suspend|ban|lost|no ?show|declin|abandon|flag|remov|down/i.test(s))
  const text = lines(
    "import { Directive, computed, input } from '@angular/core';",
    "",
    `export type ${status} = ${lifecycle.states.map((s) => `'${s}'`).join(" | ")};`,
    "",
    `const FINAL: ReadonlyArray<${status}> = [${lifecycle.finals.map((s) => `'${s}'`).join(", ")}];`,
    warn.length > 0 ? `const WARNING: ReadonlyArray<${status}> = [${warn.map((s) => `'${s}'`).join(", ")}];` : false,
    "",
    "@Directive({",
    `  selector: '[${selector}]',`,
    "  host: {",
    "    '[class.is-final]': 'final()',",
    warn.length > 0 ? "    '[class.is-warning]': 'warning()'," : false,
    "    '[attr.title]': 'status()',",
    "  },",
    "})",
    `export class ${name} {`,
    `  readonly status = input.required<${status}>({ alias: '${selector}' });`,
    "  readonly final = computed(() => FINAL.includes(this.status()));",
    warn.length > 0 ? "  readonly warning = computed(() => WARNING.includes(this.status()));" : false,
    "}"
  )
  const prompt = either(
    rng,
    `Attribute directive \`${name}\` ([${selector}]) that takes a ${label(lifecycle.entity).toLowerCase()} status and sets an is-final class${warn.length > 0 ? ` and an is-warning class for ${listed(warn)}` : ""}.`,
    `Angular directive ${name} for ${d.title}, used as [${selector}]="status". It highlights ${pluralPhrase(lifecycle.entity)} in a final state (${listed(lifecycle.finals)}) through a signal input and host bindings.`
  )
  return { shape: `directive:${warn.length > 0}`, files: [file(style, `src/app/shared/${kebab(lifecycle.entity)}-status.directive.ts`, text)], prompt }
}

/** A feature in several files: model, service, and a list or card component. */
const feature = (rng: Rng, d: Domain, style: Style): Made => {
  const e = view(rng, pickEntity(rng, d, rng.chance(0.4)), 2, 4)
  const lifecycle = lifecycleOf(d, e.name)
  const folder = `src/app/${kebab(e.plural)}`
  const model: SourceFile = { path: `${folder}/${kebab(e.name)}.model.ts`, text: finish(style, lines(...modelLines(e, lifecycle?.states))) }
  const service = dataService(rng, d, style, e, false)
  const component = rng.chance(0.5) ? listComponentFor(style, e, service.methods[0]) : null
  const routes = rng.chance(0.4)
  const files: SourceFile[] = [model, { path: `${folder}/${kebab(e.name)}.service.ts`, text: service.text }]
  if (component) files.push({ path: `${folder}/${kebab(e.name)}-page.component.ts`, text: component.text })
  if (routes && component) {
    files.push({
      path: `${folder}/${kebab(e.plural)}.routes.ts`,
      text: finish(
        style,
        lines(
          "import { Routes } from '@angular/router';",
          `import { ${component.name} } from './${kebab(e.name)}-page.component';`,
          "",
          `export const ${camel(e.plural)}Routes: Routes = [`,
          `  { path: '', component: ${component.name}, title: '${label(e.plural)}' },`,
          "];"
        )
      )
    })
  }
  const order = [e.name, service.name, ...(component ? [component.name] : [])]
  const prompt =
    either(
    rng,
    `Angular feature for ${pluralPhrase(e.name)} in ${d.title}, one file each. Write the \`${e.name}\` interface, \`${service.name}\` (${listed(service.methods)})${component ? `${routes ? "," : " and"} a standalone \`${component.name}\` that lists them` : ""}${routes && component ? " and the routes of the feature" : ""}.`,
    `Generate the files for a ${label(e.name).toLowerCase()} ${component ? "page" : "data layer"} in Angular: ${listed(order.map((n) => `\`${n}\``))}. Fields: ${listed(e.fields.map((f) => f.words))}.`,
    `Please split it into files: ${kebab(e.name)}.model.ts, ${kebab(e.name)}.service.ts${component ? `, ${kebab(e.name)}-page.component.ts` : ""}${routes && component ? ` and ${kebab(e.plural)}.routes.ts` : ""} — an Angular ${component ? "component and service" : "service and model"} for ${pluralPhrase(e.name)}.`
  ) + including(service.extras, "The service should have")
  return { shape: `feature:${files.length}`, files, prompt }
}

const listComponentFor = (style: Style, e: EntityView, listMethod: string): { text: string; name: string } => {
  const name = `${e.name}PageComponent`
  const service = `${e.name}Service`
  const items = camel(e.plural)
  const item = camel(e.name)
  const template = [`  <h2>${label(e.plural)}</h2>`, "  <ul>", `  @for (${item} of ${items}(); track ${item}.${e.id.ts}) {`, `    <li>${e.fields.map((f) => cell(e, f, item)).join(" — ")}</li>`, "  }", "  </ul>"]
  const pipes = pipesUsed(template.join("\n"))
  const text = lines(
    "import { Component, inject } from '@angular/core';",
    "import { toSignal } from '@angular/core/rxjs-interop';",
    pipes.length > 0 && `import { ${pipes.join(", ")} } from '@angular/common';`,
    `import { ${service} } from './${kebab(e.name)}.service';`,
    "",
    ...componentDecorator(`app-${kebab(e.name)}-page`, pipes, template),
    `export class ${name} {`,
    `  readonly ${items} = toSignal(inject(${service}).${listMethod}(), { initialValue: [] });`,
    "}"
  )
  return { text: finish(style, text), name }
}

export const ANGULAR_SHAPES: ReadonlyArray<readonly [(rng: Rng, d: Domain, style: Style) => Made, number]> = [
  [listComponent, 14],
  [formComponent, 12],
  [serviceExample, 12],
  [signalStore, 8],
  [guard, 8],
  [pipe, 7],
  [interceptor, 7],
  [resolver, 5],
  [lifecycleModel, 8],
  [detailComponent, 9],
  [directive, 5],
  [feature, 10]
]

export const angularExample = (rng: Rng, d: Domain): Made => {
  const style: Style = { unit: rng.chance(0.8) ? "  " : "    ", quote: rng.chance(0.85) ? "'" : '"' }
  const shape = rng.weighted(ANGULAR_SHAPES)
  return shape(rng, d, style)
}

