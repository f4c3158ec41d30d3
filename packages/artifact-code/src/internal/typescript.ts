/**
 * TypeScript (Angular) files, judged with the TypeScript 6.0 compiler API: the parse diagnostics
 * of `createSourceFile` (read through a one-file program's `getSyntacticDiagnostics`, the public
 * door to them), then the file's declarations and the quality findings above the floor, all read
 * from the syntax tree.
 */
import type * as TS from "typescript"
import type { AnalyseOptions, Declaration, DeclarationKind, FileAnalysis, Finding } from "./analysis.ts"
import { typescript as ts } from "./parsers.ts"

const FILE = "answer.ts"
const MAX_PARSE_ERRORS = 5

export interface ParseProblem {
  readonly message: string
  readonly line: number
}

const lineOf = (file: TS.SourceFile, position: number): number => file.getLineAndCharacterOfPosition(Math.max(0, Math.min(position, file.text.length))).line + 1

const host = (file: TS.SourceFile): TS.CompilerHost => ({
  getSourceFile: (name) => (name === file.fileName ? file : undefined),
  getDefaultLibFileName: () => "lib.d.ts",
  writeFile: () => {},
  getCurrentDirectory: () => "/",
  getCanonicalFileName: (name) => name,
  useCaseSensitiveFileNames: () => true,
  getNewLine: () => "\n",
  fileExists: (name) => name === file.fileName,
  readFile: () => undefined
})

const syntaxErrors = (file: TS.SourceFile): ParseProblem[] => {
  const program = ts.createProgram({ rootNames: [file.fileName], options: { noLib: true, noResolve: true, types: [] }, host: host(file) })
  return program.getSyntacticDiagnostics(file).map((diagnostic) => ({
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, " "),
    line: lineOf(file, diagnostic.start ?? 0)
  }))
}

/** The parse of a text as a `.ts` file (`tsx: true`: as `.tsx`, to tell JSX apart). */
export const parseTypeScript = (text: string, tsx = false): { readonly file: TS.SourceFile; readonly errors: ReadonlyArray<ParseProblem> } => {
  const file = ts.createSourceFile(tsx ? "answer.tsx" : FILE, text, ts.ScriptTarget.Latest, true, tsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
  return { file, errors: syntaxErrors(file) }
}

// Angular and RxJS names a file must import before it uses them.
const ANGULAR_SOURCES: ReadonlyArray<readonly [string, string]> = [
  [
    "@angular/core",
    "Component Injectable Directive Pipe NgModule Input Output EventEmitter HostListener HostBinding ViewChild ViewChildren ContentChild ElementRef Inject OnInit OnDestroy OnChanges AfterViewInit SimpleChanges ChangeDetectionStrategy PipeTransform inject signal computed effect input output model viewChild linkedSignal Signal WritableSignal DestroyRef"
  ],
  ["@angular/core/rxjs-interop", "takeUntilDestroyed toSignal toObservable"],
  ["@angular/common/http", "HttpClient HttpParams HttpHeaders HttpErrorResponse HttpInterceptorFn HttpRequest HttpHandlerFn HttpContext"],
  ["@angular/router", "Router ActivatedRoute RouterLink RouterOutlet Routes CanActivateFn CanMatchFn CanDeactivateFn ResolveFn ActivatedRouteSnapshot RouterStateSnapshot"],
  ["@angular/forms", "FormBuilder NonNullableFormBuilder FormGroup FormControl FormArray Validators ValidatorFn AbstractControl ReactiveFormsModule FormsModule"],
  ["@angular/common", "CommonModule NgIf NgFor NgClass AsyncPipe DatePipe CurrencyPipe DecimalPipe"],
  [
    "rxjs",
    "Observable Subject BehaviorSubject ReplaySubject of throwError firstValueFrom lastValueFrom combineLatest forkJoin timer interval EMPTY switchMap mergeMap concatMap exhaustMap catchError debounceTime distinctUntilChanged finalize shareReplay retry takeUntil startWith"
  ]
]
const EXTERNAL = new Map<string, string>(ANGULAR_SOURCES.flatMap(([source, names]) => names.split(" ").map((name) => [name, source] as const)))

// Template features and the imports that provide them (any one of the names will do).
const TEMPLATE_FEATURES: ReadonlyArray<readonly [RegExp, string, ReadonlyArray<string>]> = [
  [/\*ngIf\b/, "*ngIf", ["NgIf", "CommonModule"]],
  [/\*ngFor\b/, "*ngFor", ["NgFor", "NgForOf", "CommonModule"]],
  [/\[ngSwitch\]/, "ngSwitch", ["NgSwitch", "CommonModule"]],
  [/\[ngClass\]/, "ngClass", ["NgClass", "CommonModule"]],
  [/\[ngStyle\]/, "ngStyle", ["NgStyle", "CommonModule"]],
  [/\bngModel\b/, "ngModel", ["FormsModule"]],
  [/\[formGroup\]|\bformControlName\b|\bformGroupName\b|\bformArrayName\b|\[formControl\]/, "reactive forms", ["ReactiveFormsModule"]],
  [/\brouterLink\b/, "routerLink", ["RouterLink", "RouterModule"]],
  [/<router-outlet\b/, "<router-outlet>", ["RouterOutlet", "RouterModule"]],
  [/\|\s*async\b/, "the async pipe", ["AsyncPipe", "CommonModule"]],
  [/\|\s*date\b/, "the date pipe", ["DatePipe", "CommonModule"]],
  [/\|\s*currency\b/, "the currency pipe", ["CurrencyPipe", "CommonModule"]],
  [/\|\s*number\b/, "the number pipe", ["DecimalPipe", "CommonModule"]],
  [/\|\s*percent\b/, "the percent pipe", ["PercentPipe", "CommonModule"]],
  [/\|\s*(?:uppercase|lowercase|titlecase)\b/, "a case pipe", ["UpperCasePipe", "LowerCasePipe", "TitleCasePipe", "CommonModule"]],
  [/\|\s*json\b/, "the json pipe", ["JsonPipe", "CommonModule"]]
]

const decoratorsOf = (node: TS.Node): ReadonlyArray<{ readonly name: string; readonly call?: TS.CallExpression; readonly node: TS.Decorator }> =>
  (ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []).map((decorator) => {
    const expression = decorator.expression
    const callee = ts.isCallExpression(expression) ? expression.expression : expression
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : ""
    return ts.isCallExpression(expression) ? { name, call: expression, node: decorator } : { name, node: decorator }
  })

const hasModifier = (node: TS.Node, kind: TS.SyntaxKind): boolean =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === kind)

const nameText = (name: TS.PropertyName | TS.BindingName | undefined): string | undefined =>
  name === undefined ? undefined : ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name) ? name.text : undefined

const unwrap = (expression: TS.Expression): TS.Expression => {
  let current = expression
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isTypeAssertionExpression(current)) current = current.expression
  return current
}

const isFunctionValue = (expression: TS.Expression | undefined): boolean =>
  expression !== undefined && (ts.isArrowFunction(unwrap(expression)) || ts.isFunctionExpression(unwrap(expression)))

const stringValue = (expression: TS.Expression | undefined): string | undefined => {
  if (expression === undefined) return undefined
  const value = unwrap(expression)
  if (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) return value.text
  if (ts.isTemplateExpression(value)) return value.head.text + value.templateSpans.map((span) => span.literal.text).join(" ")
  return undefined
}

const CLASS_KIND: Readonly<Record<string, DeclarationKind>> = {
  Component: "component",
  Injectable: "service",
  Directive: "directive",
  Pipe: "pipe",
  NgModule: "module"
}

interface ComponentFacts {
  readonly name: string
  readonly line: number
  readonly props: ReadonlyMap<string, TS.Expression>
}

/** Declarations, Angular facts and quality findings of a `.ts` file that parsed. */
/**
 * The identifiers an inline Angular template's bindings use — `{{ loan.dueOn }}`,
 * `[value]="query()"`, `(click)="renew(loan)"`, `@for (loan of loans(); …)`: code, though it is
 * written in a string.
 */
const BINDING = /\{\{([^}]*)\}\}|[[(*][\w.\-]+\)?\]?="([^"]*)"|@(?:if|for|switch|case)\s*\(([^)]*)\)/g
const templateNames = (template: string): string[] =>
  [...template.matchAll(BINDING)].flatMap((match) => (match[1] ?? match[2] ?? match[3] ?? "").match(/[A-Za-z_$][\w$]*/g) ?? [])

const read = (file: TS.SourceFile, options: AnalyseOptions): FileAnalysis => {
  const declarations: Declaration[] = []
  const findings: Finding[] = []
  const imported = new Set<string>()
  const declared = new Set<string>()
  const used = new Map<string, number>()
  const components: ComponentFacts[] = []
  const services: Array<{ readonly name: string; readonly line: number }> = []
  const at = (node: TS.Node) => lineOf(file, node.getStart(file))
  let exports = false
  let angular = options.angular === true
  let hasNgModule = false

  const declare = (kind: DeclarationKind, name: string, node: TS.Node, floor: boolean, parent?: string) => {
    declarations.push(parent === undefined ? { kind, name, line: at(node), floor } : { kind, name, line: at(node), parent, floor })
  }

  const readClass = (node: TS.ClassDeclaration | TS.ClassExpression, name: string) => {
    const decorators = decoratorsOf(node)
    const angularDecorator = decorators.find((decorator) => CLASS_KIND[decorator.name] !== undefined)
    if (angularDecorator) angular = true
    if (angularDecorator?.name === "NgModule") hasNgModule = true
    declare(angularDecorator ? CLASS_KIND[angularDecorator.name] : "class", name, node, true)
    const config = angularDecorator?.call?.arguments[0]
    const props = new Map<string, TS.Expression>()
    if (config !== undefined && ts.isObjectLiteralExpression(config)) {
      for (const property of config.properties) {
        const key = nameText(property.name)
        if (key === undefined) continue
        if (ts.isPropertyAssignment(property)) props.set(key, property.initializer)
        else if (ts.isShorthandPropertyAssignment(property)) props.set(key, property.name)
      }
    }
    // how templates use it: a component's or directive's selector, a pipe's name
    const usage = props.get(angularDecorator?.name === "Pipe" ? "name" : "selector")
    const usedAs = stringValue(usage)
    if (usage !== undefined && usedAs !== undefined) declare("selector", usedAs, usage, false, name)
    if (angularDecorator?.name === "Component") components.push({ name, line: at(angularDecorator.node), props })
    // checked once the whole file is read: Angular may be detected further down
    if (!angularDecorator && /Service$/.test(name)) services.push({ name, line: at(node) })
    const signals = new Set<string>()
    for (const member of node.members) {
      const memberName = nameText(member.name)
      if (memberName === undefined) continue
      if (ts.isMethodDeclaration(member)) declare("method", memberName, member, false, name)
      else if (ts.isPropertyDeclaration(member) || ts.isGetAccessorDeclaration(member)) {
        declare("property", memberName, member, false, name)
        for (const decorator of decoratorsOf(member)) {
          if (decorator.name === "Input" || decorator.name === "Output") {
            findings.push({
              code: "legacy-input-output",
              message: `\`${name}.${memberName}\` uses the \`@${decorator.name}()\` decorator; current Angular declares it with \`${decorator.name.toLowerCase()}()\``,
              line: at(decorator.node)
            })
          }
        }
        if (ts.isPropertyDeclaration(member) && member.initializer !== undefined) {
          const value = unwrap(member.initializer)
          if (ts.isCallExpression(value) && ts.isIdentifier(value.expression) && ["signal", "model"].includes(value.expression.text)) signals.add(memberName)
        }
      }
    }
    if (signals.size > 0) {
      const visit = (child: TS.Node): void => {
        if (
          ts.isCallExpression(child) &&
          ts.isPropertyAccessExpression(child.expression) &&
          child.expression.name.text === "mutate" &&
          ts.isPropertyAccessExpression(child.expression.expression) &&
          child.expression.expression.expression.kind === ts.SyntaxKind.ThisKeyword &&
          signals.has(child.expression.expression.name.text)
        ) {
          findings.push({
            code: "removed-signal-api",
            message: `\`${child.expression.expression.name.text}.mutate()\` was removed from Angular signals: use \`update()\` or \`set()\` with a new value`,
            line: at(child)
          })
        }
        ts.forEachChild(child, visit)
      }
      ts.forEachChild(node, visit)
    }
  }

  const readRoutes = (expression: TS.Expression | undefined) => {
    const value = expression === undefined ? undefined : unwrap(expression)
    if (value === undefined || !ts.isArrayLiteralExpression(value)) return
    for (const element of value.elements) {
      if (!ts.isObjectLiteralExpression(element)) continue
      for (const property of element.properties) {
        if (ts.isPropertyAssignment(property) && nameText(property.name) === "path") {
          const path = stringValue(property.initializer)
          if (path !== undefined && path !== "" && path !== "**") declare("route", path, property, false)
        }
        if (ts.isPropertyAssignment(property) && nameText(property.name) === "children") readRoutes(property.initializer)
      }
    }
  }

  for (const statement of file.statements) {
    if (hasModifier(statement, ts.SyntaxKind.ExportKeyword) || ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) exports = true
    if (ts.isImportDeclaration(statement)) {
      const source = ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : ""
      if (source.startsWith("@angular/")) angular = true
      const clause = statement.importClause
      if (clause?.name) imported.add(clause.name.text)
      const bindings = clause?.namedBindings
      if (bindings && ts.isNamespaceImport(bindings)) imported.add(bindings.name.text)
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) imported.add(element.name.text)
    } else if (ts.isClassDeclaration(statement)) {
      readClass(statement, statement.name?.text ?? "default")
    } else if (ts.isFunctionDeclaration(statement)) {
      if (statement.body !== undefined) declare("function", statement.name?.text ?? "default", statement, true)
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const name = nameText(declaration.name)
        if (name === undefined) continue
        const value = declaration.initializer === undefined ? undefined : unwrap(declaration.initializer)
        if (isFunctionValue(declaration.initializer)) declare("function", name, declaration, true)
        else if (value !== undefined && ts.isClassExpression(value)) readClass(value, name)
        else declare("constant", name, declaration, false)
        if (declaration.type !== undefined && ts.isTypeReferenceNode(declaration.type) && ts.isIdentifier(declaration.type.typeName) && declaration.type.typeName.text === "Routes") {
          readRoutes(declaration.initializer)
        }
      }
    } else if (ts.isInterfaceDeclaration(statement)) {
      declare("interface", statement.name.text, statement, false)
      for (const member of statement.members) {
        const memberName = nameText(member.name)
        if (memberName !== undefined) declare(ts.isMethodSignature(member) ? "method" : "property", memberName, member, false, statement.name.text)
      }
    } else if (ts.isTypeAliasDeclaration(statement)) {
      declare("type", statement.name.text, statement, false)
    } else if (ts.isEnumDeclaration(statement)) {
      declare("enum", statement.name.text, statement, false)
      for (const member of statement.members) {
        const memberName = nameText(member.name)
        if (memberName !== undefined) declare("property", memberName, member, false, statement.name.text)
      }
    }
  }

  // Every name the file declares (in scope) or uses, and every explicit `any`.
  const scopeName = (node: TS.Node): TS.Node | undefined =>
    ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node) || ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) ||
    ts.isClassDeclaration(node) || ts.isClassExpression(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isEnumDeclaration(node) ||
    ts.isTypeParameterDeclaration(node) || ts.isImportEqualsDeclaration(node) || ts.isModuleDeclaration(node)
      ? node.name
      : undefined
  const isReference = (node: TS.Identifier): boolean => {
    const parent = node.parent
    if (parent === undefined) return false
    if (ts.isShorthandPropertyAssignment(parent)) return true
    if ((ts.isPropertyAccessExpression(parent) || ts.isQualifiedName(parent)) && (ts.isPropertyAccessExpression(parent) ? parent.name : parent.right) === node) return false
    if (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isExportSpecifier(parent)) return false
    return (parent as { name?: TS.Node }).name !== node
  }
  const identifiers = new Set<string>()
  const walk = (node: TS.Node): void => {
    if (ts.isIdentifier(node)) identifiers.add(node.text)
    else if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) identifiers.add(node.literal.text)
    const own = scopeName(node)
    if (own !== undefined && ts.isIdentifier(own)) declared.add(own.text)
    if (ts.isIdentifier(node) && isReference(node) && !used.has(node.text)) used.set(node.text, at(node))
    if (node.kind === ts.SyntaxKind.AnyKeyword && !(ts.isVariableDeclaration(node.parent) && ts.isCatchClause(node.parent.parent))) {
      const owner = node.parent && (node.parent as { name?: TS.Node }).name
      const what = owner !== undefined && ts.isIdentifier(owner) ? ` on \`${owner.text}\`` : ""
      findings.push({ code: "explicit-any", message: `explicit \`any\`${what}: name the type (or use \`unknown\`)`, line: at(node) })
    }
    if (ts.isThrowStatement(node) && ts.isNewExpression(node.expression) && ts.isIdentifier(node.expression.expression) && node.expression.expression.text === "Error") {
      const message = stringValue(node.expression.arguments?.[0]) ?? ""
      if (/not (?:yet )?implemented|\btodo\b/i.test(message)) findings.push({ code: "stub-body", message: `a stub that throws "${message}": write the body`, line: at(node) })
    }
    if ((ts.isMethodDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isConstructorDeclaration(node)) && node.body !== undefined && ts.isBlock(node.body) && node.body.statements.length === 0) {
      const comments = ts.getLeadingCommentRanges(file.text, node.body.statements.pos) ?? []
      if (comments.some((range) => /\btodo\b|\bimplement/i.test(file.text.slice(range.pos, range.end)))) {
        findings.push({ code: "stub-body", message: "an empty body with a TODO comment: write the body", line: at(node.body) })
      }
    }
    ts.forEachChild(node, walk)
  }
  walk(file)

  const lines = file.text.split("\n").length
  for (const [name, source] of EXTERNAL) {
    const line = used.get(name)
    if (line === undefined || imported.has(name) || declared.has(name)) continue
    if (source.startsWith("@angular/")) angular = true
    if (imported.size > 0 || lines > 30) {
      findings.push({ code: "missing-import", message: `\`${name}\` is used but not imported (from '${source}')`, line })
    }
  }

  if (angular) {
    for (const service of services) {
      findings.push({
        code: "service-not-injectable",
        message: `\`${service.name}\` is a service without \`@Injectable()\`: decorate it (e.g. \`@Injectable({ providedIn: 'root' })\`)`,
        line: service.line
      })
    }
  }
  for (const component of components) {
    const { props } = component
    if (!props.has("selector")) findings.push({ code: "component-without-selector", message: `\`@Component\` of \`${component.name}\` has no \`selector\``, line: component.line })
    if (!props.has("template") && !props.has("templateUrl")) {
      findings.push({ code: "component-without-template", message: `\`@Component\` of \`${component.name}\` has neither \`template\` nor \`templateUrl\``, line: component.line })
    }
    const standalone = props.get("standalone")
    const isStandalone = standalone === undefined ? !hasNgModule : standalone.kind === ts.SyntaxKind.TrueKeyword
    const template = stringValue(props.get("template"))
    if (template !== undefined) for (const name of templateNames(template)) identifiers.add(name)
    if (!isStandalone || template === undefined) continue
    const needs = TEMPLATE_FEATURES.filter(([pattern]) => pattern.test(template))
    const customElements = [...new Set([...template.matchAll(/<([a-z][\w]*-[\w-]*)/g)].map((match) => match[1]))].filter((tag) => tag !== "router-outlet" && tag !== "ng-container" && tag !== "ng-template" && tag !== "ng-content")
    const imports = props.get("imports")
    if (imports === undefined || (ts.isArrayLiteralExpression(imports) && imports.elements.length === 0)) {
      const what = [...needs.map(([, feature]) => feature), ...customElements.map((tag) => `<${tag}>`)]
      if (what.length > 0) {
        findings.push({
          code: "standalone-without-imports",
          message: `standalone \`${component.name}\` uses ${what.slice(0, 4).join(", ")} in its template but declares no \`imports\``,
          line: component.line
        })
      }
      continue
    }
    if (!ts.isArrayLiteralExpression(imports)) continue
    const listed = new Set(imports.elements.map((element) => (ts.isIdentifier(element) ? element.text : ts.isPropertyAccessExpression(element) ? element.name.text : "")))
    for (const [, feature, providers] of needs) {
      if (!providers.some((provider) => listed.has(provider))) {
        findings.push({
          code: "missing-template-import",
          message: `the template of \`${component.name}\` uses ${feature} but \`imports\` lists no ${providers.filter((p) => p !== "CommonModule").join(" or ")}`,
          line: component.line
        })
      }
    }
  }

  if (!exports && declarations.some((declaration) => declaration.parent === undefined && declaration.kind !== "route" && declaration.kind !== "constant")) {
    findings.push({ code: "no-exports", message: "nothing is exported: export the classes and functions other files use" })
  }
  return { language: "typescript", declarations, findings, identifiers: [...identifiers] }
}

export const analyseTypeScript = (text: string, options: AnalyseOptions = {}): { readonly errors: ReadonlyArray<ParseProblem>; readonly jsx: boolean; readonly analysis?: FileAnalysis } => {
  const { file, errors } = parseTypeScript(text)
  if (errors.length > 0) {
    const jsx = /<[A-Za-z>]/.test(text) && parseTypeScript(text, true).errors.length === 0
    return { errors: errors.slice(0, MAX_PARSE_ERRORS * 4), jsx }
  }
  return { errors, jsx: false, analysis: read(file, options) }
}
